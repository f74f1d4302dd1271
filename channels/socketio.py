"""`channels.socketio.SafeSocketIOInput`: Rasa's socket.io channel (the web page's), hardened.

It takes the same options as Rasa's `socketio:` entry in credentials.yml. A user message
that is not an object with a string "message" gets a French error instead of an exception
in the server, a session id unfit for the tracker is replaced, and every turn goes through
channels.answering. Rasa's own `session_request` bug is fixed in components/patches/socketio_session.py.
"""

from typing import Any

from rasa.core.channels.channel import OutputChannel
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

# `rasa run` builds its channels before it loads the model (which imports components): importing it here installs
# components/patches/, session_request's fix among them, before blueprint() below builds Rasa's handlers.
import components  # noqa: F401
from channels.answering import Handler, guarded
from channels.requests import Rejected, is_valid_sender, read_socket_data

TURN_DONE_EVT = "bot_turn_done"  # after the last reply of a turn: the page stops showing that the assistant types


class SafeSocketIOInput(SocketIOInput):
    """name() stays "socketio", so clients connect as before."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        async def turn_done(visitor: OutputChannel, recipient: str) -> None:
            await self.sio.emit(TURN_DONE_EVT, {}, room=recipient, namespace=self.namespace)

        webhook = super().blueprint(guarded(on_new_message, turn_done))
        sio, namespace = self.sio, self.namespace
        # python-socketio keeps one handler per event: ours stand in front of Rasa's (session_request's as fixed).
        handlers = sio.handlers[namespace or "/"]
        handle_message, handle_session = handlers[self.user_message_evt], handlers["session_request"]

        @sio.on(self.user_message_evt, namespace=namespace)
        async def checked(sid: str, *arguments: Any) -> None:
            data = arguments[0] if len(arguments) == 1 else list(arguments)  # Rasa reads exactly one
            try:
                read_socket_data(data, sid, self.session_persistence)
            except Rejected as rejected:
                await sio.emit(self.bot_message_evt, {"text": rejected.reason}, room=sid, namespace=namespace)
                return
            await handle_message(sid, data)

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            """A session id unfit for the tracker store and the logs is replaced by a new one (Rasa's, for None)."""
            requested = data.get("session_id") if isinstance(data, dict) else None
            await handle_session(sid, {"session_id": requested if is_valid_sender(requested) else None})

        return webhook
