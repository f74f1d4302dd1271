"""The turn both hardened channels share: screen the text, let Rasa answer, apologise rather than stay silent."""

import asyncio
import logging
import sys
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.answers import APOLOGY
from bot.guard import Guard
from bot.knowledge import KnowledgeError, load_knowledge

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]
TurnDone = Callable[[OutputChannel, str], Awaitable[None]]  # told once every reply of a turn has been sent
# A turn that lasts longer is ended with the apology. Sanic cancels a request after 60 s (its RESPONSE_TIMEOUT,
# which `rasa run` leaves as is without --enable-api), and Rasa's REST channel then replies with an empty list.
TURN_SECONDS = 30


class HeldOutput(OutputChannel):
    """Holds the bot's messages until Rasa has stored the turn, then passes them on to the visitor's channel.

    Rasa sends a turn's messages as its actions run, and saves the conversation only after: a turn that could not
    be saved (tracker store down or locked, components/tracker_store.py) must not reach the visitor as if all was
    fine, on REST (one response for the whole turn) or on socket.io (one event per message).
    """

    def __init__(self, channel: OutputChannel) -> None:
        self.channel = channel
        self.messages: List[Tuple[Text, Dict[Text, Any]]] = []

    def name(self) -> Text:  # type: ignore[override]  # the tracker records the visitor's channel
        return self.channel.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.messages.append((recipient_id, message))

    async def release(self) -> None:
        for recipient_id, message in self.messages:
            await self.channel.send_response(recipient_id, message)


def guarded(on_new_message: Handler, turn_done: Optional[TurnDone] = None) -> Handler:
    """Wrap Rasa's message handler so every turn ends with at least one bot message, sent once the turn is stored;
    then `turn_done(channel, recipient)`, if given (the socket.io channel tells the page a turn is complete)."""
    try:
        guard = Guard(grappe.id for grappe in load_knowledge().grappes)
    except KnowledgeError as error:  # Rasa opens its channels first: stop there, as the action server would
        sys.exit(f"Connaissances invalides, Rasa ne démarre pas : {error}")

    async def handle(message: UserMessage) -> None:
        visitor = message.output_channel
        screened = guard.screen(message.text or "")
        if screened.reply:
            await visitor.send_text_message(message.sender_id, screened.reply)
        else:
            await answer(message, screened.text)
        if turn_done:
            await turn_done(visitor, message.sender_id)

    async def answer(message: UserMessage, text: str) -> None:
        visitor = message.output_channel
        held = HeldOutput(visitor)
        message.text, message.output_channel = text, held
        try:
            await asyncio.wait_for(on_new_message(message), TURN_SECONDS)  # returns once Rasa saved the turn
        except Exception:  # noqa: BLE001 - whatever failed, the visitor gets a reply, the log gets the trace
            logger.exception("Échec du traitement d'un message ; le visiteur reçoit des excuses.")
            held.messages.clear()  # answers of a turn that was not stored are not given
        if held.messages:
            await held.release()
        else:
            await visitor.send_text_message(message.sender_id, APOLOGY)

    return handle
