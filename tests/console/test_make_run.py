"""`make run` itself on a pseudo-terminal: banner and nothing else on screen, an answer with numbered suggestions,
a free follow-up typed right after it (no menu takes the keys), a suggestion chosen by its number, then /stop or
Ctrl-C, a clean exit and Rasa stopped. Rasa, which runs the actions itself, is on a free port (RASA_PORT,
ENDPOINTS, LOGS), with its own tracker store and logs: nothing of the project's var/ or logs/."""

import re
import socket
import termios

import pytest
from terminal import Terminal

from bot import console as wording
from devstack.servers import ENV, MODEL, ROOT, spare_ports, write_endpoints

START_SECONDS = 300  # Rasa loads the model in 20-40 s; much more on a busy machine
TURN_SECONDS = 90
PROMPT = re.compile(r"\n" + re.escape(wording.PROMPT) + r"$")  # the prompt, waiting for the visitor's next line
UNWANTED = re.compile(r"warn|deprecat|traceback|error|erreur|make: |\*\*\*", re.IGNORECASE)


class Run:
    def __init__(self, terminal: Terminal, rasa_port: int) -> None:
        self.terminal, self.rasa_port = terminal, rasa_port

    def ask(self, text: str) -> str:
        """Type a line; the reply shown before the next prompt."""
        self.terminal.line(text)
        return self.terminal.expect(PROMPT, TURN_SECONDS)

    def rasa_stopped(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.rasa_port)) != 0


@pytest.fixture
def make_run(tmp_path):
    """`make run` in a terminal of its own, started; the test sees the banner already."""
    if not MODEL.exists():
        pytest.fail("Modèle absent : lancez `make test` (il entraîne d'abord).")
    (rasa_port,) = spare_ports(1)
    env = {key: value for key, value in ENV.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(
        RASA_PORT=str(rasa_port),
        LOGS=str(tmp_path / "logs"),
        ENDPOINTS=str(write_endpoints(tmp_path / "endpoints.yml", None, tmp_path / "tracker.db")),
        TERM="xterm-256color",
        LANG="C.UTF-8",
    )
    env.pop("LC_ALL", None)
    # -o: never retrain nor reinstall from a test, whatever the files' dates; `make run` is otherwise as typed.
    terminal = Terminal(
        ["make", "--no-print-directory", "-o", "models/grappes.tar.gz", "-o", ".venv/bin/.installed", "run"],
        env,
        str(ROOT),
    )
    run = Run(terminal, rasa_port)
    try:
        terminal.expect(re.escape(wording.BANNER.splitlines()[-1]), START_SECONDS)
        terminal.expect(PROMPT, 30)
        yield run
    finally:
        terminal.close()
        logs = tmp_path / "logs"
        for log in sorted(logs.glob("*.log")) if logs.exists() else []:
            print(f"--- {log.name} ---\n{log.read_text(errors='replace')[-2000:]}")


def test_make_run_banner_buttons_free_follow_up_number_and_stop(make_run):
    terminal = make_run.terminal
    before_banner = terminal.text.split(wording.BANNER.splitlines()[0])[0]
    assert before_banner.split() == wording.STARTING.split()  # one « Démarrage… » line, nothing else
    assert wording.BANNER in terminal.text

    mode = make_run.ask("Parle-moi de la mode")
    assert "mmode" in mode
    assert re.search(r"Suggestions : 1\. \S.*   2\. \S", mode), mode

    # Typed right after an answer with buttons: it reaches Rasa as text, it is not taken by a menu.
    site = make_run.ask("et son site ?")
    assert "Le site web de mmode" in site and "https://www.mmode.ca" in site
    assert "→" not in site
    number = re.search(r"(\d+)\. Sa mission", site)
    assert number, site

    mission = make_run.ask(number[1])
    assert "→ Sa mission" in mission and "La mission de mmode" in mission

    nothing = make_run.ask("42")
    assert "Il n'y a pas de suggestion 42" in nothing

    terminal.line("/stop")
    terminal.expect(re.escape(wording.GOODBYE), 30)
    assert terminal.wait(60) == 0
    assert make_run.rasa_stopped()
    assert not UNWANTED.search(terminal.text), terminal.text


def test_ctrl_c_at_the_prompt_says_goodbye_and_make_ends_quietly(make_run):
    terminal = make_run.terminal
    assert "mmode" in make_run.ask("Parle-moi de la mode")
    terminal.type("\x03")  # Ctrl-C, delivered by the terminal to its foreground process group
    terminal.expect(re.escape(wording.GOODBYE), 30)
    assert terminal.wait(60) == 0  # make saw a clean exit: no « make: *** [run] Interrupt »
    modes = termios.tcgetattr(terminal.fd)[3]
    assert modes & termios.ECHO and modes & termios.ICANON  # the terminal is given back as readline found it
    assert make_run.rasa_stopped()
    assert not UNWANTED.search(terminal.text), terminal.text
    assert terminal.text.rstrip().endswith(wording.GOODBYE)
