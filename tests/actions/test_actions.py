"""Action tests on Tracker.from_dict fixtures, as in RasaHQ/financial-demo."""

import asyncio
import shutil
import threading

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import actions
from actions.actions import ActionAnswer, ActionDefaultFallback
from bot.knowledge import knowledge_dir
from bot.live import LiveAssistant


def tracker(text, intent, entities=(), slots=None, ranking=()):
    """A tracker whose latest message is `text`, classified as `intent`."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": [{"entity": "grappe", "value": v} for v in entities],
        "intent_ranking": [{"name": n, "confidence": 0.1} for n in ranking],
    }
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": {"grappe": None, "aspect": None, "unclear": None, "groupe": None, **(slots or {})},
            "latest_message": latest,
            "events": [{"event": "user", "text": text, "parse_data": latest}],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def run(action, dispatcher, tracker):
    """The action's events, its coroutine awaited as Rasa or the action server awaits it."""
    return asyncio.run(action.run(dispatcher, tracker, {}))


@pytest.fixture
def dispatcher():
    return CollectingDispatcher()


def test_answer_sends_text_buttons_and_sets_slots(dispatcher):
    events = run(ActionAnswer(), dispatcher, tracker("qui s'occupe de l'aéro ?", "ask_secretariat"))
    assert "Aéro Montréal" in dispatcher.messages[0]["text"]
    assert {"title": "Son site web", "payload": '/ask_website{"grappe": "aerospatiale"}'} in dispatcher.messages[0][
        "buttons"
    ]
    assert events == [SlotSet("grappe", "aerospatiale"), SlotSet("aspect", "secretariat")]


def test_only_the_slots_that_change_are_set(dispatcher):
    slots = {"grappe": "aerospatiale", "aspect": "secretariat", "unclear": True, "groupe": ["aerospatiale", "mode"]}
    events = run(ActionAnswer(), dispatcher, tracker("et son site ?", "ask_website", slots=slots))
    assert "aeromontreal" in dispatcher.messages[0]["text"]
    assert events == [SlotSet("aspect", "website"), SlotSet("unclear", False)]  # the group is kept as it was
    slots = {"grappe": "aerospatiale", "aspect": "website"}
    assert run(ActionAnswer(), dispatcher, tracker("et son site ?", "ask_website", slots=slots)) == []


def test_the_clusters_discussed_together_are_kept_and_read_back(dispatcher):
    events = run(ActionAnswer(), dispatcher, tracker("le site de CargoM et celui de mmode ?", "ask_website"))
    assert SlotSet("groupe", ["logistique_transport", "mode"]) in events
    slots = {"grappe": "mode", "aspect": "website", "groupe": ["logistique_transport", "mode"]}
    run(ActionAnswer(), dispatcher, tracker("et l'autre, fondée quand ?", "ask_founding_year", slots=slots))
    assert "CargoM" in dispatcher.messages[-1]["text"] and "mmode" not in dispatcher.messages[-1]["text"]


def test_follow_up_reads_the_slots(dispatcher):
    slots = {"grappe": "technologies_information", "aspect": "secretariat"}
    events = run(ActionAnswer(), dispatcher, tracker("et leur site?", "ask_website", slots=slots))
    assert "https://www.technomontreal.com" in dispatcher.messages[0]["text"]
    assert SlotSet("aspect", "website") in events


def test_switch_keeps_the_question(dispatcher):
    slots = {"grappe": "aluminium", "aspect": "secretariat"}
    run(ActionAnswer(), dispatcher, tracker("et pour la mode ?", "inform_grappe", ["mode"], slots))
    assert "mmode" in dispatcher.messages[0]["text"]


def test_button_payload_entity_is_used(dispatcher):
    run(ActionAnswer(), dispatcher, tracker('/ask_figures{"grappe": "mode"}', "ask_figures", ["mode"]))
    assert "périmètre" in dispatcher.messages[0]["text"]


def test_general_question(dispatcher):
    run(ActionAnswer(), dispatcher, tracker("c quoi une grappe", "define_grappe"))
    assert "concentration" in dispatcher.messages[0]["text"]


def test_empty_latest_message_still_answers(dispatcher):
    run(ActionAnswer(), dispatcher, tracker("", "ask_secretariat"))
    assert dispatcher.messages[0]["text"].startswith("De quelle grappe")


def test_not_understood_asks_back_with_buttons_then_to_rephrase(dispatcher):
    ranking = ["nlu_fallback", "list_grappes", "define_grappe"]
    events = run(ActionAnswer(), dispatcher, tracker("blorp zzz", "nlu_fallback", ranking=ranking))
    message = dispatcher.messages[0]
    assert message["text"].startswith("Je ne suis pas certain d'avoir compris")
    assert message["buttons"][0] == {"title": "La liste des grappes", "payload": "/list_grappes"}
    assert message["buttons"][-1] == {"title": "Non, autre chose", "payload": "/out_of_scope"}
    assert SlotSet("unclear", True) in events
    events = run(ActionAnswer(), dispatcher, tracker("blorp", "nlu_fallback", slots={"unclear": True}))
    assert "reformuler" in dispatcher.messages[1]["text"]
    assert SlotSet("unclear", False) in events


def test_unsure_model_but_clear_words_get_the_answer(dispatcher):
    slots = {"grappe": "logistique_transport", "aspect": "overview"}
    run(ActionAnswer(), dispatcher, tracker("fondée en ?", "nlu_fallback", slots=slots))
    assert "2012" in dispatcher.messages[0]["text"]


def test_greeting_that_names_a_cluster_sets_it_in_discussion(dispatcher):
    events = run(ActionAnswer(), dispatcher, tracker("Bonjour, ma question porte sur CargoM", "greet"))
    assert dispatcher.messages[0]["text"].startswith("Bonjour")
    assert SlotSet("grappe", "logistique_transport") in events


def test_give_up(dispatcher):
    assert run(ActionDefaultFallback(), dispatcher, tracker("zzz", "out_of_scope")) == [UserUtteranceReverted()]
    assert "Quelles sont les grappes" in dispatcher.messages[0]["text"]


def test_give_up_keeps_the_slots_after_taking_the_message_back(dispatcher):
    slots = {"grappe": "mode", "aspect": "website"}
    events = run(ActionDefaultFallback(), dispatcher, tracker("zzz", "out_of_scope", slots=slots))
    assert events == [UserUtteranceReverted(), SlotSet("grappe", "mode"), SlotSet("aspect", "website")]


def test_the_answer_is_computed_on_the_loop_and_edited_knowledge_is_loaded_on_a_thread(
    dispatcher, tmp_path, monkeypatch
):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(knowledge_dir(), knowledge)
    live = LiveAssistant(knowledge)
    loaded_on = []
    current = live.current
    monkeypatch.setattr(live, "current", lambda: loaded_on.append(threading.current_thread()) or current())
    monkeypatch.setattr(actions, "ASSISTANT", live)
    question = tracker("le site de CargoM ?", "ask_website")

    run(ActionAnswer(), dispatcher, question)
    assert loaded_on == []  # unchanged: answered from the version in use, on the loop
    with (knowledge / "grappes.yml").open("a", encoding="utf-8") as grappes:
        grappes.write("\n")
    run(ActionAnswer(), dispatcher, question)
    assert len(loaded_on) == 1 and loaded_on[0] is not threading.main_thread()
    run(ActionAnswer(), dispatcher, question)
    assert len(loaded_on) == 1  # loaded once
    assert all("cargo-montreal.ca" in m["text"] for m in dispatcher.messages)
