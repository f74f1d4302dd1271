"""The console on a real pseudo-terminal under make, against a stand-in for Rasa (no model, a second per run): the
keys reach the prompt after an answer with buttons, one sender for the session, and /stop, Ctrl-D, Ctrl-C (even
pressed the instant the prompt appears) and Ctrl-\\ end it with the goodbye, exit 0, nothing from make, and the
terminal as found. tests/console/test_make_run.py does the same with `make run` and the real servers."""

import re
import sys
import termios

import pytest
from terminal import Terminal

from bot import console as wording
from devstack.servers import ENV, ROOT
from devstack.stub_rasa import stub_rasa

PROMPT = re.compile(r"\n" + re.escape(wording.PROMPT) + r"$")
ENDINGS = {"stop": "/stop\r", "ctrl-d": "\x04", "ctrl-c": "\x03", "ctrl-backslash": "\x1c"}


@pytest.fixture(scope="module")
def rasa_url():
    with stub_rasa() as url:
        yield url


def console_under_make(tmp_path, url: str) -> Terminal:
    makefile = tmp_path / "Makefile"
    makefile.write_text(f"run:\n\t@{sys.executable} -m channels.console --url {url} --log {tmp_path / 'console.log'}\n")
    env = {key: value for key, value in ENV.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    return Terminal(["make", "--no-print-directory", "-f", str(makefile), "run"], env, str(ROOT))


def assert_ended_cleanly(terminal: Terminal) -> None:
    terminal.expect(re.escape(wording.GOODBYE), 20)
    assert terminal.wait(20) == 0
    assert terminal.text.rstrip().endswith(wording.GOODBYE)
    assert not re.search(r"make|\*\*\*|interrupt|traceback|warn", terminal.text, re.IGNORECASE), terminal.text
    modes = termios.tcgetattr(terminal.fd)[3]
    assert modes & termios.ECHO and modes & termios.ICANON


@pytest.mark.parametrize("ending", ENDINGS)
def test_follow_ups_are_typed_freely_and_every_ending_is_clean(tmp_path, rasa_url, ending):
    terminal = console_under_make(tmp_path, rasa_url)
    try:
        terminal.expect(re.escape(wording.BANNER), 20)
        terminal.expect(PROMPT, 20)
        terminal.line("Bonjour")
        first = terminal.expect(PROMPT, 20)
        assert "Suggestions : 1. Son site web   2. Sa mission" in first
        sender = re.search(r"Reçu de (console-\w+) : Bonjour", first)[1]
        terminal.line("et son site ?")  # typed straight after the suggestions: sent as typed
        assert f"Reçu de {sender} : et son site ?" in terminal.expect(PROMPT, 20)
        terminal.line("2")
        chosen = terminal.expect(PROMPT, 20)
        assert f"→ Sa mission\n  Reçu de {sender} : /ask_mission" in chosen
        terminal.type(ENDINGS[ending])
        assert_ended_cleanly(terminal)
    finally:
        terminal.close()


@pytest.mark.parametrize("attempt", range(8))
def test_ctrl_c_the_instant_the_prompt_appears_is_never_lost(tmp_path, rasa_url, attempt):
    terminal = console_under_make(tmp_path, rasa_url)
    try:
        terminal.expect(PROMPT, 20)
        terminal.line("Bonjour")
        terminal.expect(PROMPT, 20)
        terminal.type("\x03")  # no pause: CPython's own readline loop would drop this one now and then
        assert_ended_cleanly(terminal)
    finally:
        terminal.close()
