"""Thin rasa_sdk adapters: read the tracker, ask bot/ what to say, send it.

The knowledge is loaded when the action server imports this module, so a malformed
file stops the server at start with a message naming the file and the field; later
edits are picked up without a restart (bot/live.py).
"""

import sys
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import Answer
from bot.dialogue import Turn
from bot.knowledge import KnowledgeError
from bot.live import LiveAssistant

try:
    ASSISTANT = LiveAssistant()
except KnowledgeError as error:
    sys.exit(f"Connaissances invalides, le serveur d'actions ne démarre pas : {error}")


def _send(dispatcher: CollectingDispatcher, answer: Answer) -> None:
    buttons = [{"title": b.title, "payload": b.payload} for b in answer.buttons]
    dispatcher.utter_message(text=answer.text, buttons=buttons)


def _turn(tracker: Tracker) -> Turn:
    message = tracker.latest_message or {}
    entity_values = [e.get("value") for e in message.get("entities") or [] if e.get("entity") == "grappe"]
    return Turn(
        intent=(message.get("intent") or {}).get("name") or "",
        text=message.get("text") or "",
        entity_values=[str(v) for v in entity_values if v],
        grappe=tracker.get_slot("grappe"),
        aspect=tracker.get_slot("aspect"),
        ranking=[i.get("name") for i in message.get("intent_ranking") or [] if i.get("name")],
        unclear=bool(tracker.get_slot("unclear")),
        group=tuple(tracker.get_slot("groupe") or ()),
    )


class ActionAnswer(Action):
    """Answers every message the NLU classified: questions, greetings, thanks, and the ones it was unsure of."""

    def name(self) -> Text:
        return "action_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        reply = ASSISTANT.current().respond(_turn(tracker))
        for answer in reply.answers:
            _send(dispatcher, answer)
        return [
            SlotSet("grappe", reply.grappe),
            SlotSet("aspect", reply.aspect),
            SlotSet("unclear", reply.unclear),
            SlotSet("groupe", reply.group),
        ]


class ActionDefaultFallback(Action):
    """Gives up politely; the message not understood is removed so it does not steer what follows."""

    def name(self) -> Text:
        return "action_default_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        _send(dispatcher, ASSISTANT.current().writer.give_up())
        return [UserUtteranceReverted()]
