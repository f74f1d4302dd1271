"""Action tests on Tracker.from_dict fixtures, as in RasaHQ/financial-demo."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswer, ActionAskAffirmation, ActionAskRephrase, ActionDefaultFallback


def tracker(text, intent, entities=(), slots=None, ranking=()):
    """A tracker whose latest message is `text`, classified as `intent`."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": [{"entity": "grappe", "value": v} for v in entities],
        "intent_ranking": [{"name": n, "confidence": 0.1} for n in ranking],
    }
    return Tracker.from_dict({
        "sender_id": "test",
        "slots": {"grappe": None, "aspect": None, **(slots or {})},
        "latest_message": latest,
        "events": [{"event": "user", "text": text, "parse_data": latest}],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    })


@pytest.fixture
def dispatcher():
    return CollectingDispatcher()


def test_answer_sends_text_buttons_and_sets_slots(dispatcher):
    events = ActionAnswer().run(dispatcher, tracker("qui s'occupe de l'aéro ?", "ask_secretariat"), {})
    assert "Aéro Montréal" in dispatcher.messages[0]["text"]
    assert {"title": "Son site web", "payload": '/ask_website{"grappe": "aerospatiale"}'} \
        in dispatcher.messages[0]["buttons"]
    assert events == [SlotSet("grappe", "aerospatiale"), SlotSet("aspect", "secretariat")]


def test_follow_up_reads_the_slots(dispatcher):
    slots = {"grappe": "technologies_information", "aspect": "secretariat"}
    events = ActionAnswer().run(dispatcher, tracker("et leur site?", "ask_website", slots=slots), {})
    assert "https://www.technomontreal.com" in dispatcher.messages[0]["text"]
    assert SlotSet("aspect", "website") in events


def test_switch_keeps_the_question(dispatcher):
    slots = {"grappe": "aluminium", "aspect": "secretariat"}
    ActionAnswer().run(dispatcher, tracker("et pour la mode ?", "inform_grappe", ["mode"], slots), {})
    assert "mmode" in dispatcher.messages[0]["text"]


def test_button_payload_entity_is_used(dispatcher):
    ActionAnswer().run(dispatcher, tracker('/ask_figures{"grappe": "mode"}', "ask_figures", ["mode"]), {})
    assert "périmètre" in dispatcher.messages[0]["text"]


def test_general_question(dispatcher):
    ActionAnswer().run(dispatcher, tracker("c quoi une grappe", "define_grappe"), {})
    assert "concentration" in dispatcher.messages[0]["text"]


def test_empty_latest_message_still_answers(dispatcher):
    ActionAnswer().run(dispatcher, tracker("", "ask_secretariat"), {})
    assert dispatcher.messages[0]["text"].startswith("De quelle grappe")


def test_ask_affirmation_is_french_with_buttons(dispatcher):
    ActionAskAffirmation().run(
        dispatcher, tracker("grape cinema", "nlu_fallback", ranking=["nlu_fallback", "grappe_overview"]), {})
    message = dispatcher.messages[0]
    assert "Cinéma et télévision" in message["text"]
    assert message["buttons"][-1] == {"title": "Non, autre chose", "payload": "/out_of_scope"}


def test_rephrase_and_give_up(dispatcher):
    assert ActionAskRephrase().run(dispatcher, tracker("zzz", "out_of_scope"), {}) == []
    assert ActionDefaultFallback().run(dispatcher, tracker("zzz", "out_of_scope"), {}) == [UserUtteranceReverted()]
    assert "reformuler" in dispatcher.messages[0]["text"]
    assert "Quelles sont les grappes" in dispatcher.messages[1]["text"]
