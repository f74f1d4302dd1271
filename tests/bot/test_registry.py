"""bot/registry.py is the one table of intents: domain.yml, data/rules.yml and the dialogue must agree with it."""

from pathlib import Path

import pytest
import yaml

from bot.dialogue import Turn
from bot.registry import ATTRIBUTES, FACT_ATTRIBUTES, INTENTS, RASA_BUILT_IN

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RULES = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]


def test_registry_intents_are_exactly_the_domain_intents():
    assert {i.name for i in INTENTS} - RASA_BUILT_IN == set(DOMAIN["intents"])


def test_every_intent_has_a_rule_that_runs_action_answer():
    handled = {}
    for rule in RULES:
        steps = rule["steps"]
        intents = [s["intent"] for s in steps if "intent" in s]
        actions = [s["action"] for s in steps if "action" in s]
        for intent in intents:
            handled[intent] = actions
    for intent in INTENTS:
        assert handled.get(intent.name) == ["action_answer"], intent.name


@pytest.mark.parametrize("intent", [i.name for i in INTENTS])
def test_every_intent_gets_a_real_answer(assistant, intent):
    """An intent nothing handles would silently fall into "de quelle grappe ?": every one must answer something
    of its own, with or without a cluster."""
    for text in ("question", "et pour l'aluminium ?"):
        reply = assistant.respond(Turn(intent, text))
        assert reply.answers and all(a.text.strip() for a in reply.answers), (intent, text)


def test_attribute_ids_are_unique_and_every_fact_attribute_is_used(knowledge):
    ids = [a.id for a in ATTRIBUTES]
    assert len(ids) == len(set(ids))
    used = {f.attribut for f in knowledge.facts}
    assert used <= set(FACT_ATTRIBUTES)
    assert {"telephone", "fusion", "rang", "subvention", "membres", "portee"} <= used


def test_every_social_intent_has_its_wording_once():
    from bot.answers import SOCIAL

    assert set(SOCIAL) == {i.name for i in INTENTS if i.handling == "social"}
