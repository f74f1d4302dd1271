"""The SQLite tracker store of `make serve` locked by another process, as a long write or a backup could: a clean
apology on REST and socket.io; the database stays intact, and once the lock is released the conversation goes on
with its context.

Locked for reading too (BEGIN EXCLUSIVE), Rasa's FailSafeTrackerStore used to answer from an empty conversation
("De quelle grappe parlez-vous ?"); locked for writing only (BEGIN IMMEDIATE), the turn is read and answered, then
cannot be saved, and Rasa used to send that answer anyway while keeping the turn in memory only (issue 10).
"""

import json
import sqlite3
import time
from contextlib import closing, contextmanager

import pytest
from socket_chat import SocketChat

from bot.answers import APOLOGY
from bot.text import fold

# How another program holds the file: nobody else reads or writes it, or others read but nobody else writes.
LOCKS = {"unreadable": "BEGIN EXCLUSIVE", "read-only": "BEGIN IMMEDIATE"}


@contextmanager
def locked(db, begin: str):
    """The database file locked by this process, as another program would."""
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute(begin)
        try:
            yield
        finally:
            connection.execute("ROLLBACK")


def stored_user_texts(db, sender: str) -> list:
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


@pytest.mark.parametrize("lock", LOCKS)
def test_apology_while_the_database_is_locked_then_the_conversation_goes_on(stack, lock):
    chat, socket_chat = stack.chat(), SocketChat(stack.url)
    try:
        assert "mmode" in fold(chat.say("Parle-moi de la mode"))
        assert "mmode" in fold(socket_chat.say("Parle-moi de la mode"))
        with locked(stack.tracker_db, LOCKS[lock]):
            start = time.perf_counter()
            assert chat.say("et son site ?") == APOLOGY
            apology = time.perf_counter() - start
            assert socket_chat.say("et son site ?") == APOLOGY
        start = time.perf_counter()
        assert "mmode.ca" in fold(chat.say("et son site ?"))
        back = time.perf_counter() - start
        assert "mmode.ca" in fold(socket_chat.say("et son site ?"))
    finally:
        socket_chat.close()

    with closing(sqlite3.connect(stack.tracker_db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    for sender in (chat.sender, socket_chat.session_id):  # what was answered, and nothing else
        assert stored_user_texts(stack.tracker_db, sender) == ["Parle-moi de la mode", "et son site ?"]
    print(
        f"\nBase SQLite verrouillée ({LOCKS[lock]}) : excuses en {apology:.1f} s ; verrou levé, réponse avec le "
        f"contexte en {back:.2f} s."
    )
