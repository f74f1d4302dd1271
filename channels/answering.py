"""The turn both hardened channels share: screen the text, let Rasa answer, apologise rather than stay silent."""
import logging
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.guard import APOLOGY, Guard
from bot.knowledge import load_knowledge

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]


class WatchedOutput(OutputChannel):
    """Forwards the bot's messages to the visitor's channel and notes that one went out."""

    def __init__(self, channel: OutputChannel) -> None:
        self.channel = channel
        self.sent = False

    def name(self) -> Text:  # type: ignore[override]  # the tracker records the visitor's channel
        return self.channel.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.sent = True
        await self.channel.send_response(recipient_id, message)


def guarded(on_new_message: Handler) -> Handler:
    """Wrap Rasa's message handler so every turn ends with at least one bot message."""
    guard = Guard(grappe.id for grappe in load_knowledge().grappes)

    async def handle(message: UserMessage) -> None:
        visitor = message.output_channel
        screened = guard.screen(message.text or "")
        if screened.reply:
            await visitor.send_text_message(message.sender_id, screened.reply)
            return
        watched = WatchedOutput(visitor)
        message.text, message.output_channel = screened.text, watched
        try:
            await on_new_message(message)
        except Exception:  # noqa: BLE001 - whatever failed, the visitor gets a reply, the log gets the trace
            logger.exception("Échec du traitement d'un message ; le visiteur reçoit des excuses.")
        if not watched.sent:
            await visitor.send_text_message(message.sender_id, APOLOGY)

    return handle
