"""bot.guard: what a visitor's message must be before Rasa sees it."""

import re
from pathlib import Path

import pytest
import yaml

from bot.answers import APOLOGY, EMPTY
from bot.guard import MAX_MESSAGE_CHARS, TOO_LONG, Guard, clean
from bot.registry import ASPECT_INTENTS, INTENTS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def guard(knowledge):
    return Guard(g.id for g in knowledge.grappes)


def every_button(assistant):
    """Every button the visitor can press: the web page's, domain.yml's and everything bot/ composes."""
    for script in (ROOT / "web").glob("*.js"):
        yield from re.findall(r'payload: "(/[^"]*)"', script.read_text(encoding="utf-8"))
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for variants in domain.get("responses", {}).values():
        for variant in variants:
            yield from (b["payload"] for b in variant.get("buttons", []))
    writer, grappes = assistant.writer, assistant.knowledge.grappes
    answers = [writer.cluster_answer([g], aspect) for g in grappes for aspect in ASPECT_INTENTS]
    answers += [writer.ask_which(aspect) for aspect in ASPECT_INTENTS]
    answers += [writer.topic(name) for name in assistant.knowledge.topics]
    answers += [writer.social(name) for name in ("greet", "capabilities", "affirm", "thanks")]
    answers += [
        writer.no_cluster("la restauration"),
        writer.rephrase(),
        writer.founding_order(grappes),
        writer.greeting_about(grappes[0]),
        writer.not_in_sources(grappes[0], "dirigeant"),
        writer.not_in_sources(None, "budget"),
        writer.forecast(None, [2030]),
    ]
    answers += [
        writer.no_fit(),
        writer.grappe_list(),
        writer.count(),
        writer.english(),
        writer.out_of_scope(),
        writer.give_up(),
        writer.clarify([], [i.name for i in INTENTS]),
        writer.clarify(grappes[:1], []),
    ]
    for answer in answers:
        yield from (b.payload for b in answer.buttons)


def test_every_button_of_the_assistant_is_an_accepted_payload(assistant, guard):
    payloads = set(every_button(assistant))
    assert len(payloads) > 50
    for payload in payloads:
        assert guard.is_button_payload(payload), payload
        assert guard.screen(payload).text == payload


@pytest.mark.parametrize(
    "typed,read_as",
    [
        ("/restart", "restart"),
        ("/session_start", "session_start"),
        ("//back", "back"),
        ("/ some_intent", "some_intent"),
        ('/some_intent{"grappe": "mode"}', 'some_intent{"grappe": "mode"}'),
        ('/ask_website{"grappe": "<b>x</b>"}', 'ask_website{"grappe": "<b>x</b>"}'),
        ('/ask_website{"grappe": "mode", "x": 1}', 'ask_website{"grappe": "mode", "x": 1}'),
        ('/ask_website{"grappe": ["mode"]}', 'ask_website{"grappe": ["mode"]}'),
        ('/ask_website{"grappe": "mode"', 'ask_website{"grappe": "mode"'),
        ("/ask_website@0.99", "ask_website@0.99"),
        ("/", None),
    ],
)
def test_typed_commands_are_read_as_words(guard, typed, read_as):
    screened = guard.screen(typed)
    assert screened == (guard.screen(read_as) if read_as else guard.screen(""))
    assert not screened.text.startswith("/")


def test_huge_entity_value_is_not_a_payload(guard):
    assert not guard.is_button_payload('/ask_website{"grappe": "' + "x" * 900 + '"}')


def test_limit_is_said_not_silently_cut(guard):
    assert guard.screen("a" * MAX_MESSAGE_CHARS).text == "a" * MAX_MESSAGE_CHARS
    assert guard.screen("a" * (MAX_MESSAGE_CHARS + 1)).reply == TOO_LONG
    assert str(MAX_MESSAGE_CHARS) in TOO_LONG.replace("\u202f", "").replace(" ", "")


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u200b\u200b", "\u202e", "\x00\x07", "\ufeff"])
def test_nothing_visible_gets_a_prompt(guard, text):
    assert guard.screen(text).reply == EMPTY


def test_clean_removes_invisible_and_folds_lines():
    assert clean("  mode\u200b\n[ERROR] faux\r\n\x00 ok\u202e ") == "mode [ERROR] faux ok"
    assert clean("e\u0301cotech 🙂 漢字") == "écotech 🙂 漢字"
    assert clean("\ud800x") == "x"


def test_replies_are_french_and_short():
    for text in (APOLOGY, TOO_LONG, EMPTY):
        assert len(text) < 300 and "Traceback" not in text
    assert APOLOGY.startswith("Désolé, je rencontre un problème technique")
