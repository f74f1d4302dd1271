"""`channels.socketio.SafeSocketIOInput`: Rasa's socket.io channel (the web page's), hardened.

It takes the same options as Rasa's `socketio:` entry in credentials.yml. A user message
that is not an object with a string "message" gets a French error instead of an exception
in the server, and every turn goes through channels.answering.
"""

import uuid
from typing import Any

from rasa.core.channels.channel import OutputChannel
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

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
        # python-socketio keeps one handler per event: ours replace or stand in front of Rasa's.
        handle_message = sio.handlers[namespace or "/"][self.user_message_evt]

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
            """Rasa 3.6 does not await enter_room, a coroutine in python-socketio 5.10+: replies to a
            persistent session would reach no one. A session id unfit for the tracker is replaced."""
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = requested if is_valid_sender(requested) else uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        return webhook
