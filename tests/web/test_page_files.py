"""The page's files, without a browser: its cluster list comes from knowledge/, nothing from another site."""

import re
from dataclasses import replace

from bot.answers import Writer
from devstack.servers import ROOT
from scripts.web_server import GRAPPES_MARKER, render_page

WEB = ROOT / "web"


def test_the_page_lists_every_cluster_as_knowledge_has_it(knowledge):
    page = render_page(knowledge).decode("utf-8")
    assert GRAPPES_MARKER not in page
    for grappe in knowledge.grappes:
        item = re.search(rf"<li><strong>{re.escape(grappe.nom)}</strong> : (.*?)</li>", page).group(1)
        assert f'<a href="{grappe.secretariat.site_web}" target="_blank" rel="noopener">' in item
        assert grappe.secretariat.nom in item
        assert ("absente de la page de la CMM de 2017" in item) is not grappe.liste_officielle
    tenth = next(g for g in knowledge.grappes if not g.liste_officielle)
    assert Writer(knowledge).page_list_note(tenth) == "(dixième grappe, absente de la page de la CMM de 2017)"


def test_names_from_knowledge_are_escaped(knowledge):
    hostile = replace(knowledge.grappes[0], nom="<script>alert(1)</script>")
    page = render_page(replace(knowledge, grappes=(hostile, *knowledge.grappes[1:]))).decode("utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_scripts_and_styles_are_served_by_the_page_itself():
    page = (WEB / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)
    assert assets and all(not re.match(r"(https?:)?//", asset) for asset in assets), assets


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
