"""The disk that holds `make serve`'s SQLite tracker store full (a small tmpfs volume filled by another file): a
clean apology, since the turn cannot be stored; the database stays intact, and once space is freed the conversation
goes on with its context. Without components/tracker_store.py, Rasa answered and kept the turn in memory only."""

import os
import sqlite3
import subprocess
import time
from contextlib import closing

import pytest

from bot.answers import APOLOGY
from bot.text import fold
from devstack.load import sqlite_user_events, stored_texts
from devstack.stack import Stack

VOLUME = "8m"  # room for the database and its journal, not much more


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    if os.geteuid() != 0:
        pytest.skip("monter un petit volume tmpfs demande root (CI tourne en root sur cette machine)")
    mount = tmp_path_factory.mktemp("disk-full") / "volume"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={VOLUME}", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "--lazy", str(mount)], check=False)


@pytest.fixture(scope="module")
def small_disk_stack(volume, tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("disk-full-stack"), tracker_db=volume / "tracker.db").start()
    yield stack
    stack.stop()


def fill(volume) -> None:
    """Write zeros until the volume has no byte left, as a log file or an upload filling the disk would."""
    filler = subprocess.run(["dd", "if=/dev/zero", f"of={volume / 'filler'}", "bs=4k"], capture_output=True, text=True)
    assert "No space left on device" in filler.stderr, filler.stderr
    assert os.statvfs(volume).f_bavail == 0


def test_apology_while_the_disk_is_full_then_the_conversation_goes_on(small_disk_stack, volume):
    stack = small_disk_stack
    chat = stack.chat()
    assert "mmode" in fold(chat.say("Parle-moi de la mode"))
    fill(volume)
    try:
        start = time.perf_counter()
        assert chat.say("et son site ?") == APOLOGY
        apology = time.perf_counter() - start
        assert chat.say("et son secrétariat ?") == APOLOGY
    finally:
        (volume / "filler").unlink()
    start = time.perf_counter()
    assert "mmode.ca" in fold(chat.say("et son site ?"))
    back = time.perf_counter() - start

    with closing(sqlite3.connect(stack.tracker_db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert stored_texts(sqlite_user_events(stack.tracker_db))[chat.sender] == ["Parle-moi de la mode", "et son site ?"]
    print(f"\nDisque plein : excuses en {apology:.2f} s ; place libérée, réponse avec le contexte en {back:.2f} s.")
