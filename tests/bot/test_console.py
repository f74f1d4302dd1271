"""bot/console.py: how `make run`'s console lays out a reply and reads a typed line after numbered suggestions."""

import re

import pytest

from bot import console
from bot.answers import Button
from bot.console import choose, layout, suggestion_lines

WEBSITE = Button("Son site web", '/ask_website{"grappe": "mode"}')
MISSION = Button("Sa mission", '/ask_mission{"grappe": "mode"}')
OTHERS = Button("Autres grappes", "/list_grappes")
SUGGESTIONS = [WEBSITE, MISSION, OTHERS]


def rest_reply(text: str, *suggestions: Button) -> list:
    """A reply as the REST channel sends it."""
    message = {"recipient_id": "console-test", "text": text}
    if suggestions:
        message["buttons"] = [{"title": s.title, "payload": s.payload} for s in suggestions]
    return [message]


def test_buttons_become_numbered_suggestions_under_the_text():
    reply = layout(rest_reply("Grappe Mode : son secrétariat est mmode.", *SUGGESTIONS))
    assert reply.lines == [
        "  Grappe Mode : son secrétariat est mmode.",
        "  Suggestions : 1. Son site web   2. Sa mission   3. Autres grappes",
    ]
    assert reply.suggestions == SUGGESTIONS


def test_suggestions_wrap_between_items_never_inside_one():
    many = [Button(f"Grappe numéro {n}", f"/x{n}") for n in range(1, 11)]
    lines = suggestion_lines(many, width=60)
    assert all(len(line) <= 60 for line in lines)
    assert len(lines) > 1
    on_lines = [re.findall(r"(\d+)\. Grappe numéro (\d+)", line) for line in lines]
    assert [pair for pairs in on_lines for pair in pairs] == [(str(n), str(n)) for n in range(1, 11)]
    indent = len("  Suggestions : ")
    assert all(line.startswith(" " * indent) and line[indent] != " " for line in lines[1:])


def test_long_text_is_wrapped_and_addresses_are_never_cut():
    url = "https://fr.wikipedia.org/wiki/Mmode?oldformat=true"
    text = "Site web : https://www.mmode.ca\n" + "mot " * 40 + f"Source : {url}"
    lines = layout(rest_reply(text), width=50).lines
    assert lines[0] == "  Site web : https://www.mmode.ca"
    assert all(line.startswith("  ") for line in lines)
    assert all(len(line) <= 50 for line in lines if url not in line)
    assert any(line.strip() == url or line.endswith(url) for line in lines)


def test_the_buttons_of_every_message_are_numbered_in_order():
    reply = layout(rest_reply("D'abord.", WEBSITE) + rest_reply("Ensuite.", MISSION, OTHERS))
    assert reply.suggestions == SUGGESTIONS
    assert reply.lines[-1].endswith("1. Son site web   2. Sa mission   3. Autres grappes")


def test_an_empty_or_odd_reply_still_says_something():
    assert layout([]).lines == layout([{"recipient_id": "x"}]).lines == [f"  {console.NO_REPLY}"]
    odd = layout(["texte seul", {"text": "Bonjour !", "buttons": [{"title": "Sans commande"}, "bouton"]}])
    assert odd.lines == ["  Bonjour !"] and odd.suggestions == []


def test_an_image_is_shown_as_its_address():
    assert layout([{"image": "https://exemple.org/a.png"}]).lines == ["  Image : https://exemple.org/a.png"]


@pytest.mark.parametrize("typed,expected", [("1", WEBSITE), (" 2 ", MISSION), ("3", OTHERS), ("03", OTHERS)])
def test_a_number_alone_chooses_its_suggestion(typed, expected):
    choice = choose(typed, SUGGESTIONS)
    assert (choice.message, choice.chosen, choice.notice) == (expected.payload, expected, "")


@pytest.mark.parametrize("typed", ["0", "4", "42"])
def test_a_number_out_of_range_is_not_sent_and_says_which_exist(typed):
    choice = choose(typed, SUGGESTIONS)
    assert choice.message == "" and choice.chosen is None
    assert choice.notice == (
        f"Il n'y a pas de suggestion {int(typed)} : tapez un numéro de 1 à 3, ou écrivez votre question."
    )


@pytest.mark.parametrize("typed", ["et son site ?", "2 et 3", "1.", "2016", "²", "١"])
def test_anything_else_is_sent_as_typed(typed):
    choice = choose(typed, SUGGESTIONS)
    assert (choice.message, choice.chosen, choice.notice) == (typed, None, "")


def test_without_suggestions_a_number_is_a_question():
    assert choose("2", []).message == "2"


def test_stop_and_empty_lines_send_nothing():
    assert choose(" /stop ", SUGGESTIONS).stop
    assert choose("   ", SUGGESTIONS) == console.Choice()


def test_every_sentence_is_french_and_the_banner_is_short():
    banner = console.BANNER.splitlines()
    assert len(banner) <= 8 and all(len(line) <= 80 for line in banner)
    assert "/stop" in console.BANNER and "numéro" in console.BANNER
    sentences = [value for name, value in vars(console).items() if name.isupper() and isinstance(value, str)]
    assert not [s for s in sentences if any(word in s.lower() for word in ("warning", "error", "the ", "press"))]
