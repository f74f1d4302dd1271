"""Thin rasa_sdk adapters: read the tracker, ask bot/ what to say, send it.

The knowledge is loaded when the action server imports this module, so a malformed
file stops the server at start with a message naming the file and the field; later
edits are picked up without a restart (bot/live.py).

The actions are coroutines: inside Rasa (components/patches/actions_in_process.py) they run on its event loop,
as asyncio asks of coroutines that they never block it. An answer is computed in well under a millisecond, with
no input or output; reloading edited knowledge takes longer and runs on a thread.
"""

import asyncio
import sys
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import Answer
from bot.dialogue import Assistant
from bot.knowledge import KnowledgeError
from bot.live import LiveAssistant
from bot.turns import Reply, Turn

try:
    ASSISTANT = LiveAssistant()
except KnowledgeError as error:
    sys.exit(f"Connaissances invalides, le serveur d'actions ne démarre pas : {error}")


async def _assistant() -> Assistant:
    return ASSISTANT.if_unchanged() or await asyncio.to_thread(ASSISTANT.current)


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

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        turn = _turn(tracker)
        reply = (await _assistant()).respond(turn)
        for answer in reply.answers:
            _send(dispatcher, answer)
        return _slot_changes(turn, reply)


def _slot_changes(turn: Turn, reply: Reply) -> List[Dict[Text, Any]]:
    """A SlotSet for each slot whose value, as the next turn reads it (`_turn`), changes: a slot set again to the
    value it holds would be one more event to save, validate, log and replay at every turn (issue 13)."""
    read_then_written = {
        "grappe": (turn.grappe, reply.grappe),
        "aspect": (turn.aspect, reply.aspect),
        "unclear": (turn.unclear, reply.unclear),
        "groupe": (tuple(turn.group), tuple(reply.group)),
    }
    return [
        SlotSet(name, list(value) if isinstance(value, tuple) else value)
        for name, (held, value) in read_then_written.items()
        if value != held
    ]


class ActionDefaultFallback(Action):
    """Gives up politely; the message not understood is removed so it does not steer what follows."""

    def name(self) -> Text:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        _send(dispatcher, (await _assistant()).writer.give_up())
        return [UserUtteranceReverted(), *_held_slots(tracker)]


def _held_slots(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The slots as they stand, set again after the message is taken back: Rasa then replays only the events the
    tracker holds (components/tracker_store.py hands out the last RECENT_EVENTS), and action_answer sets a slot only
    when it changes, so one set earlier would otherwise be forgotten."""
    return [SlotSet(name, value) for name, value in tracker.slots.items() if value is not None]
