"""channels/socketio.py: a session id unfit for the tracker store is replaced before Rasa's handler (as fixed in
components/patches/) joins the socket to the session's room and confirms it."""

import asyncio
import re

import pytest

from channels.socketio import SafeSocketIOInput


async def ignore(_message) -> None:
    """No user message is sent in these tests."""


def session_request(data) -> list:
    """What the channel does when a socket asks for a session with `data`: rooms entered and events emitted."""
    channel = SafeSocketIOInput(session_persistence=True)
    channel.blueprint(ignore)
    done = []

    async def enter_room(sid, room, namespace=None) -> None:
        done.append(("enter_room", room))

    async def emit(event, data=None, room=None, namespace=None) -> None:
        done.append((event, data))

    channel.sio.enter_room, channel.sio.emit = enter_room, emit
    asyncio.run(channel.sio._trigger_event("session_request", "/", "sid-1", data))
    return done


def test_a_valid_session_id_is_kept():
    assert session_request({"session_id": "3f9a-visiteur_42"}) == [
        ("enter_room", "3f9a-visiteur_42"),
        ("session_confirm", "3f9a-visiteur_42"),
    ]


@pytest.mark.parametrize(
    "data",
    [
        "texte",
        [1],
        None,
        {},
        {"session_id": ""},
        {"session_id": "a\nb"},
        {"session_id": "<b>x</b>"},
        {"session_id": "x" * 129},
        {"session_id": 12},
        {"session_id": {"id": 1}},
    ],
)
def test_an_unfit_session_id_is_replaced_by_a_new_one(data):
    (entered, room), (confirmed, session_id) = session_request(data)
    assert (entered, confirmed) == ("enter_room", "session_confirm")
    assert room == session_id and re.fullmatch("[0-9a-f]{32}", session_id)
