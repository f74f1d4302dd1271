"""Rasa 3.6's socket.io channel answers `session_request` with `sio.enter_room(sid, session_id)` unawaited, and
in python-socketio 5.10+ (5.18 here) `enter_room` is a coroutine: the call does nothing but warn, the socket never
joins its session's room, and with `session_persistence` (the web page's) every reply, sent to that room, reaches
no one. Rasa also enters the room and confirms in the default namespace whatever the channel's.

Rasa defines that handler inside `SocketIOInput.blueprint`, so `install()` swaps in a blueprint that builds Rasa's
and then registers `session_request` below in place of Rasa's handler (python-socketio keeps one handler per event);
a subclass that calls `super().blueprint()` (channels/socketio.py) gets it too. ORIGINAL is Rasa's blueprint, for
tests/components/ to compare against.
"""

import uuid
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

ORIGINAL = SocketIOInput.blueprint


async def session_request(channel: SocketIOInput, sid: str, data: Optional[Dict[str, Any]]) -> None:
    """Rasa's handler with the room entered for real: no id (or None) gets a new one, the id is confirmed to the
    socket; both in the channel's namespace."""
    session_id = (data or {}).get("session_id")
    if session_id is None:
        session_id = uuid.uuid4().hex
    if channel.session_persistence:
        await channel.sio.enter_room(sid, session_id, namespace=channel.namespace)
    await channel.sio.emit("session_confirm", session_id, room=sid, namespace=channel.namespace)


def blueprint(channel: SocketIOInput, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
    """Rasa's blueprint, its `session_request` handler replaced by the one above."""
    webhook = ORIGINAL(channel, on_new_message)

    @channel.sio.on("session_request", namespace=channel.namespace)
    async def fixed_session_request(sid: str, data: Optional[Dict[str, Any]] = None) -> None:
        await session_request(channel, sid, data)

    return webhook


def install() -> None:
    SocketIOInput.blueprint = blueprint
