"""channels/console.py without Rasa: the conversation loop on a fake client, the REST client on a stub server, the
start-up wait on processes that die or never answer. tests/console/test_make_run.py drives the real thing."""

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import console as wording
from channels import console
from channels.console import Refused, RestClient, Screen, Server, Unreachable, chat, wait_until_ready
from devstack.servers import free_port
from devstack.stub_rasa import BUTTONS, stub_rasa

MODE = [
    {
        "recipient_id": "v",
        "text": "Grappe Mode : son secrétariat est mmode.",
        "buttons": [
            {"title": "Son site web", "payload": '/ask_website{"grappe": "mode"}'},
            {"title": "Sa mission", "payload": '/ask_mission{"grappe": "mode"}'},
        ],
    }
]
SITE = [{"recipient_id": "v", "text": "Le site web de mmode : https://www.mmode.ca"}]


class FakeRasa:
    def __init__(self, *replies):
        self.replies = list(replies)
        self.sent = []

    def say(self, message):
        self.sent.append(message)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply


def typing(*lines):
    """input() replaced by the lines a visitor types, then Ctrl-D."""
    pending = list(lines)

    def read(prompt):
        if not pending:
            raise EOFError
        return pending.pop(0)

    return read


def play(rasa, *lines, servers=()):
    out = io.StringIO()
    status = chat(rasa, Screen(out), servers, read=typing(*lines))
    return status, out.getvalue()


def test_typing_after_suggestions_is_free_and_a_number_sends_its_payload():
    rasa = FakeRasa(MODE, SITE, MODE, SITE)
    status, shown = play(rasa, "Parle-moi de la mode", "et son site ?", "", "9", "2")
    assert status == 0
    # "et son site ?" goes as typed although suggestions were shown; the empty line sends nothing; after SITE (no
    # suggestions) "9" is a question, sent as typed; "2" then chooses among MODE's suggestions again.
    assert rasa.sent == ["Parle-moi de la mode", "et son site ?", "9", '/ask_mission{"grappe": "mode"}']
    assert shown.count("  Suggestions : 1. Son site web   2. Sa mission\n") == 2
    assert "  → Sa mission\n  Le site web de mmode" in shown


def test_out_of_range_number_is_explained_and_not_sent():
    rasa = FakeRasa(MODE, SITE)
    status, shown = play(rasa, "Parle-moi de la mode", "5", "1")
    assert rasa.sent == ["Parle-moi de la mode", '/ask_website{"grappe": "mode"}']
    assert wording.NO_SUCH_SUGGESTION.format(number=5, count=2) in shown.replace("\n  ", " ")
    assert "  → Son site web\n  Le site web de mmode" in shown


def test_stop_ends_without_asking_rasa():
    rasa = FakeRasa()
    assert play(rasa, "/stop", "jamais lu") == (0, "")
    assert rasa.sent == []


def test_rasa_unreachable_is_said_in_french_and_the_conversation_goes_on():
    rasa = FakeRasa(Unreachable("refused"), SITE)
    status, shown = play(rasa, "Parle-moi de la mode", "et son site ?")
    assert status == 0
    assert wording.UNREACHABLE in shown.replace("\n  ", " ") and "mmode.ca" in shown
    assert "Traceback" not in shown


def test_a_refused_message_shows_the_channels_reason():
    rasa = FakeRasa(Refused("Requête trop volumineuse (au plus 1048576 octets)."))
    _, shown = play(rasa, "x" * 10)
    assert "Message refusé : Requête trop volumineuse" in shown


def test_a_dead_rasa_ends_the_console_with_its_log(tmp_path):
    log = tmp_path / "rasa.log"
    log.write_text("chargement…\nOSError: [Errno 98] Address already in use\n")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    status, shown = play(
        FakeRasa(Unreachable("refused")), "Bonjour", servers=[Server("rasa", "http://127.0.0.1:1/", dead.pid, str(log))]
    )
    assert status == 1
    assert wording.STOPPED in shown and "Address already in use" in shown and str(log) in shown


def test_start_up_reports_a_server_that_dies_with_its_log(tmp_path):
    log = tmp_path / "actions.log"
    log.write_text("ModuleNotFoundError: No module named 'actions'\n")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = io.StringIO()
    servers = [Server("actions", f"http://127.0.0.1:{free_port()}/health", dead.pid, str(log))]
    assert not wait_until_ready(servers, 60, Screen(out), sleep=lambda _: None)
    assert wording.NOT_STARTED in out.getvalue() and "No module named 'actions'" in out.getvalue()


def test_start_up_gives_up_after_its_time(tmp_path):
    out = io.StringIO()
    servers = [Server("rasa", f"http://127.0.0.1:{free_port()}/", None, "logs/rasa.log")]
    assert not wait_until_ready(servers, 0.2, Screen(out))
    assert out.getvalue().splitlines() == [
        wording.STARTING,
        wording.NOT_READY.format(seconds=0),
        wording.LOG_HINT.format(log="logs/rasa.log"),
    ]


def test_a_zombie_counts_as_dead():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    stat = Path(f"/proc/{child.pid}/stat")
    deadline = time.monotonic() + 30
    while stat.read_text().rsplit(")", 1)[1].split()[0] != "Z":  # exited, not reaped yet
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert os.path.exists(stat) and not console.is_alive(child.pid)
    child.wait()
    assert not console.is_alive(child.pid)


@pytest.fixture(scope="module")
def stub_url():
    with stub_rasa() as url:
        yield url


def test_rest_client_keeps_one_sender_and_reads_the_replies(stub_url):
    client = RestClient(stub_url, "console-abc")
    first, second = client.say("Bonjour"), client.say("Encore")
    assert first[0]["text"] == "Reçu de console-abc : Bonjour" and second[0]["text"] == "Reçu de console-abc : Encore"
    assert first[0]["buttons"] == BUTTONS


def test_rest_client_errors(stub_url):
    with pytest.raises(Refused, match="doit être une chaîne"):
        RestClient(stub_url, "c").say("refuse")
    for message in ("break", "garble"):
        with pytest.raises(Unreachable):
            RestClient(stub_url, "c").say(message)
    with pytest.raises(Unreachable):
        RestClient(f"http://127.0.0.1:{free_port()}", "c").say("Bonjour")
