"""session_request with the installed python-socketio: Rasa's handler never awaits enter_room, so the socket stays
out of its session's room and the replies sent there reach no one; the fixed one joins it and confirms the session."""

import asyncio
import json

import pytest
from rasa.core.channels.socketio import SocketIOInput

from components.patches import socketio_session

SESSION = "visiteur-42"


async def ignore(_message) -> None:
    """No user message is sent in these tests."""


async def session_then_reply(blueprint, channel: SocketIOInput, data) -> list:
    """A socket connected to the channel built by `blueprint` asks for a session, then Rasa replies to that session
    as SocketIOOutput does (to the room of the conversation's sender id): what the socket receives, as [event, data]
    pairs."""
    blueprint(channel, ignore)
    sio, received = channel.sio, []

    async def send(_eio_sid, eio_packet) -> None:
        received.append(json.loads(eio_packet.data[eio_packet.data.index("[") :]))

    sio._send_eio_packet = send
    sid = await sio.manager.connect("eio-1", "/")
    await sio._trigger_event("session_request", "/", sid, data)  # as python-socketio dispatches the client's event
    session_id = received[0][1] if received else SESSION
    await sio.emit("bot_uttered", {"text": "Bonjour !"}, room=session_id)
    return received


def visit(blueprint, data=None, **options) -> list:
    return asyncio.run(session_then_reply(blueprint, SocketIOInput(**options), data))


def test_rasas_handler_never_joins_the_room_so_replies_are_lost():
    with pytest.warns(RuntimeWarning, match="enter_room' was never awaited"):
        received = visit(socketio_session.ORIGINAL, {"session_id": SESSION}, session_persistence=True)
    assert received == [["session_confirm", SESSION]]  # confirmed, but the reply never came


def test_the_fixed_handler_joins_the_room_and_confirms_the_session():
    received = visit(socketio_session.blueprint, {"session_id": SESSION}, session_persistence=True)
    assert received == [["session_confirm", SESSION], ["bot_uttered", {"text": "Bonjour !"}]]


@pytest.mark.parametrize("data", [None, {}, {"session_id": None}])
def test_no_session_id_gets_a_new_one_as_in_rasa(data):
    (event, session_id), reply = visit(socketio_session.blueprint, data, session_persistence=True)
    assert event == "session_confirm" and len(session_id) == 32 and reply == ["bot_uttered", {"text": "Bonjour !"}]


def test_without_persistence_the_session_is_confirmed_and_no_room_joined():
    fixed = visit(socketio_session.blueprint, {"session_id": SESSION})
    assert fixed == visit(socketio_session.ORIGINAL, {"session_id": SESSION}) == [["session_confirm", SESSION]]
