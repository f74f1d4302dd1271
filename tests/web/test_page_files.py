"""The page's files, without a browser: its sentences come from bot/answers.py (the widget's through config.js,
none written in chat.js) and its cluster list from knowledge/, both escaped and typeset; nothing comes from another
site."""

import html
import json
import re
import threading
from dataclasses import replace
from html.parser import HTMLParser
from http.client import HTTPConnection
from typing import Any, Dict, List

from bot.answers import PAGE_LABELS, PAGE_TEXTS, Writer
from bot.french import NBSP, typeset
from devstack.servers import ROOT
from scripts.web_server import GRAPPES_MARKER, LABEL, ChatPageServer, render_page

WEB = ROOT / "web"
# The attributes a visitor reads or hears (screen readers, search results, the empty input).
READ_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")
# A space where French wants a non-breaking one: before : ; ? ! % » or after « (see typeset).
BREAKABLE = re.compile(r" [:;?!%»]|« ")
# The strings of a script that are code, not words: lowercase ASCII names (ids, classes, events, payloads), these
# few with a space between names, and symbols without letters or French punctuation (👍, a space).
CODE_NAME = re.compile(r"[a-z0-9_./-]*")
SPACED_CODE = {"use strict", "noopener noreferrer", "message message-"}
WORDS = re.compile(r"[^\W\d_]|[:;?!%«»]")


class Words(HTMLParser):
    """The page's text and read attributes, as a visitor gets them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.texts: list = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.texts += [attributes[name] for name in READ_ATTRIBUTES if attributes.get(name)]
        if tag == "meta" and attributes.get("name") == "description":
            self.texts.append(attributes["content"])

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data)


def test_every_sentence_of_the_page_template_is_a_label_of_the_assistant():
    template = (WEB / "index.html").read_text(encoding="utf-8")
    written_here = [text for text in Words(template).texts if not LABEL.fullmatch(text.strip())]
    assert not written_here
    assert sorted(set(LABEL.findall(template))) == sorted(PAGE_LABELS)  # none missing, none unused


def test_the_page_shows_each_label_escaped_and_typeset(knowledge):
    page = render_page(knowledge).decode("utf-8")
    assert "{{" not in page
    for label in PAGE_LABELS.values():
        assert html.escape(typeset(label)) in page
    assert f"par exemple{NBSP}: «{NBSP}Quel est le secrétariat de la grappe aérospatiale{NBSP}?{NBSP}»" in page
    breakable = [text for text in Words(page).texts if BREAKABLE.search(text)]
    assert not breakable  # the list of clusters too: no line may start with : ; ? ! » or end with «


def test_labels_are_escaped_in_text_and_attributes(knowledge, monkeypatch):
    monkeypatch.setitem(PAGE_LABELS, "send", "<b>Envoyer</b>")
    monkeypatch.setitem(PAGE_LABELS, "placeholder", '"><script>alert(1)</script>')
    page = render_page(knowledge).decode("utf-8")
    assert "<b>" not in page and "&lt;b&gt;Envoyer&lt;/b&gt;" in page
    assert "<script>alert" not in page and 'placeholder="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_the_page_lists_every_cluster_as_knowledge_has_it(knowledge):
    page = render_page(knowledge).decode("utf-8")
    assert GRAPPES_MARKER not in page
    for grappe in knowledge.grappes:
        item = re.search(rf"<li><strong>{re.escape(grappe.nom)}</strong>{NBSP}: (.*?)</li>", page).group(1)
        assert f'<a href="{grappe.secretariat.site_web}" target="_blank" rel="noopener">' in item
        assert grappe.secretariat.nom in item
        assert ("absente de la page de la CMM de 2017" in item) is not grappe.liste_officielle
    tenth = next(g for g in knowledge.grappes if not g.liste_officielle)
    assert Writer(knowledge).page_list_note(tenth) == "(dixième grappe, absente de la page de la CMM de 2017)"


def test_names_from_knowledge_are_escaped_and_never_read_as_labels(knowledge):
    hostile = replace(knowledge.grappes[0], nom="<script>alert(1)</script>{{title}}")
    page = render_page(replace(knowledge, grappes=(hostile, *knowledge.grappes[1:]))).decode("utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;{{title}}" in page


def test_scripts_and_styles_are_served_by_the_page_itself():
    page = (WEB / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)
    assert assets and all(not re.match(r"(https?:)?//", asset) for asset in assets), assets


def script_strings(source: str) -> List[str]:
    """The strings written in a script: '…', "…", and the text around the ${…} of `…`; comments and regular
    expressions left out. A small scanner, enough for chat.js (no quote inside a ${…})."""
    strings: List[str] = []
    index, previous = 0, "("  # the last character of code: a "/" after one of "(,=:[!&|?{};" opens a regex
    while index < len(source):
        char = source[index]
        if source.startswith("//", index) or source.startswith("/*", index):
            closing = "\n" if source[index + 1] == "/" else "*/"
            end = source.find(closing, index + 2)
            index = len(source) if end < 0 else end + len(closing)
        elif char in "'\"`" or (char == "/" and previous in "(,=:[!&|?{};"):
            index = _literal_end(source, index, strings)
            previous = char
        else:
            previous = previous if char.isspace() else char
            index += 1
    return strings


def _literal_end(source: str, index: int, strings: List[str]) -> int:
    """Past the string, template or regex opening at `index`; the text of a string or template goes to `strings`."""
    quote, text, in_class = source[index], "", False
    index += 1
    while source[index] != quote or in_class:
        if source[index] == "\\":
            text, index = text + source[index : index + 2], index + 2
        elif quote == "`" and source.startswith("${", index):
            strings.append(text)
            text, index = "", source.index("}", index) + 1
        else:
            in_class = quote == "/" and (source[index] == "[" or (in_class and source[index] != "]"))
            text, index = text + source[index], index + 1
    if quote != "/":
        strings.append(text)
    return index + 1


def french_written_in(source: str) -> List[str]:
    """The strings of a script that hold words or French punctuation rather than code."""
    return [
        text
        for text in script_strings(source)
        if not CODE_NAME.fullmatch(text) and text not in SPACED_CODE and WORDS.search(text)
    ]


def test_the_scan_finds_french_written_in_a_script():
    script = r"""
    const QUOTES = /["'»:\]]/g; // « Vous : » in a comment is no string
    author.textContent = mine ? "Vous : " : 'L\'assistant';
    note.textContent = `${TEXTS.your_feedback} : ${symbol} ${label}`; /* "Envoyer" */
    log.id = "chat-log"; link.rel = "noopener noreferrer"; button.textContent = "👍";
    """
    assert french_written_in(script) == ["Vous : ", "L\\'assistant", " : "]


def test_the_widget_writes_no_french_of_its_own_and_shows_the_assistants_sentences():
    widget = (WEB / "chat.js").read_text(encoding="utf-8")
    assert french_written_in(widget) == []
    # Each sentence it shows is one of bot/answers.py's, none unused; the welcome comes with its buttons.
    assert set(re.findall(r"\bTEXTS\.(\w+)", widget)) | {"welcome"} == set(PAGE_TEXTS)


def served_settings(knowledge) -> Dict[str, Any]:
    """What the page server hands the widget in /config.js."""
    server = ChatPageServer(("127.0.0.1", 0), "http://localhost:5005", knowledge)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        connection = HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        connection.request("GET", "/config.js")
        script = connection.getresponse().read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()
    prefix, suffix = "window.GRAPPES_CHAT = ", ";\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    return json.loads(script[len(prefix) : -len(suffix)])


def test_config_js_gives_the_widget_its_sentences_with_their_non_breaking_spaces(knowledge):
    settings = served_settings(knowledge)
    texts, welcome = settings["texts"], settings["welcome"]
    assert texts["from_user"] == f"Vous{NBSP}: " and texts["from_bot"] == f"L'assistant{NBSP}: "
    assert welcome["text"].startswith(f"Bonjour{NBSP}!")
    sentences = [*texts.values(), welcome["text"], *(button["title"] for button in welcome["buttons"])]
    assert sentences and not [sentence for sentence in sentences if BREAKABLE.search(sentence)]


def test_message_content_is_never_written_as_html():
    widget = (WEB / "chat.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in widget


def test_the_page_gets_its_sentences_and_welcome_buttons_from_the_assistant(knowledge):
    settings = Writer(knowledge).page_settings()
    payloads = [button["payload"] for button in settings["welcome"]["buttons"]]
    assert payloads == ["/list_grappes", "/define_grappe", "/investor_fit"]  # the assistant's own start buttons
    assert settings["welcome"]["text"] == settings["texts"]["welcome"]
    assert all(text.strip() for text in settings["texts"].values())
