"""`make run`'s terminal console: `python -m channels.console --url http://127.0.0.1:5005`.

Rasa's `rasa shell` turns every answer with buttons into a questionary menu that takes the next keystrokes, and it
cannot be told otherwise (rasa/core/channels/console.py). This console talks to a running Rasa server over the
hardened REST channel (/webhooks/rest/webhook, channels/rest.py), so the terminal gets the same screening and
apologies as the web page. The prompt is a plain `input()` (readline: line editing and history); an answer's buttons
are printed as numbered suggestions and a number alone chooses one (bot/console.py, with every sentence shown).

scripts/run.sh starts Rasa and the action server in the background and hands their pids and logs to this console,
which waits for them with one « Démarrage… » line, reports in French if one dies, and never shows a traceback:
warnings and unexpected errors go to --log.
"""

import argparse
import json
import logging
import os
import queue
import shutil
import signal
import sys
import termios
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence

try:
    import readline  # noqa: F401 - importing it gives input() line editing and history
except ImportError:  # pragma: no cover - Python without GNU readline
    readline = None

from bot import console as wording
from bot.answers import Button
from bot.console import choose, layout

logger = logging.getLogger("channels.console")
# Rasa ends a turn with the apology after 30 s (channels/answering.py) and Sanic after 60 s: wait a little longer.
TURN_SECONDS = 70
POLL_SECONDS = 0.5
TAIL_LINES = 15
QUIT_SIGNALS = {signal.SIGINT, signal.SIGQUIT, signal.SIGTERM}


class Unreachable(Exception):
    """Rasa did not answer (down, restarting, or an answer that is not the REST channel's JSON)."""


class Refused(Exception):
    """The REST channel refused the message (4xx); `reason` is its French error."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Server:
    """A process the console depends on: where it answers once ready, its pid (when started for us) and its log."""

    name: str
    url: str
    pid: Optional[int] = None
    log: Optional[str] = None

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url, timeout=2):
                return True
        except (OSError, HTTPException):
            return False

    def alive(self) -> bool:
        return self.pid is None or is_alive(self.pid)


def is_alive(pid: int) -> bool:
    """True while the process runs; a zombie (dead, not yet reaped by run.sh's shell) counts as dead."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rfind(")") + 2 :][:1] != "Z"


class RestClient:
    """One conversation (one sender id for the whole session) on the REST channel of the Rasa server at `url`."""

    def __init__(self, url: str, sender: str, timeout: float = TURN_SECONDS) -> None:
        self.webhook = url.rstrip("/") + "/webhooks/rest/webhook"
        self.sender = sender
        self.timeout = timeout

    def say(self, message: str) -> List[Dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message}).encode("utf-8")
        request = urllib.request.Request(self.webhook, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                messages = json.loads(response.read().decode("utf-8") or "[]")
        except urllib.error.HTTPError as error:
            reason = _error_reason(error)
            if 400 <= error.code < 500 and reason:
                raise Refused(reason) from None
            logger.warning("Rasa a répondu %s : %s", error.code, reason)
            raise Unreachable(f"HTTP {error.code}") from None
        except (OSError, HTTPException, ValueError) as error:  # refused, reset, timeout, not JSON
            logger.warning("Rasa injoignable : %r", error)
            raise Unreachable(str(error)) from None
        if not isinstance(messages, list):
            logger.warning("Réponse inattendue de Rasa : %r", messages)
            raise Unreachable("not a list")
        return messages


def _error_reason(error: urllib.error.HTTPError) -> str:
    try:
        reason = json.loads(error.read().decode("utf-8")).get("error")
    except (OSError, ValueError, AttributeError):
        return ""
    return reason if isinstance(reason, str) else ""


class Screen:
    """What the console prints, always flushed (the visitor must see the prompt's context before typing)."""

    def __init__(self, out=None) -> None:
        self.out = out or sys.stdout

    def say(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.out)
        self.out.flush()

    def indented(self, text: str, then_blank: bool = False) -> None:
        self.say(*layout([{"text": text}], self.width()).lines, *([""] if then_blank else []))

    @staticmethod
    def width() -> int:
        return shutil.get_terminal_size((80, 24)).columns

    def log_tail(self, log: Optional[str]) -> None:
        if not log:
            return
        try:
            lines = Path(log).read_text(errors="replace").splitlines()[-TAIL_LINES:]
        except OSError:
            self.indented(wording.LOG_HINT.format(log=log))
            return
        self.say(wording.LOG_TAIL.format(log=log), *(f"  | {line}" for line in lines))


def wait_until_ready(
    servers: Sequence[Server], seconds: float, screen: Screen, sleep: Callable[[float], None] = time.sleep
) -> bool:
    """Wait for every server to answer, with one « Démarrage… » line if they are not ready yet; False, and what went
    wrong on screen, if one dies or the time runs out."""
    deadline = time.monotonic() + seconds
    announced = False
    while True:
        for server in servers:
            if not server.alive():
                screen.say(wording.NOT_STARTED)
                screen.log_tail(server.log)
                return False
        if all(server.answers() for server in servers):
            return True
        if time.monotonic() > deadline:
            screen.say(
                wording.NOT_READY.format(seconds=round(seconds)),
                *(wording.LOG_HINT.format(log=server.log) for server in servers if server.log),
            )
            return False
        if not announced:
            screen.say(wording.STARTING)
            announced = True
        sleep(POLL_SECONDS)


class LineReader:
    """input(), with Ctrl-C always honoured: readline runs on a thread of its own, the main thread waits for its line.

    CPython's readline loop looks at pending signals only when its select() is interrupted: a Ctrl-C that lands
    while the prompt is being drawn, just before select(), stays pending and is never acted on. Here SIGINT (and
    the other QUIT_SIGNALS) is blocked on the reading thread, so the kernel delivers it to the main thread, whose
    wait it interrupts at once.
    A read abandoned this way leaves the terminal as readline had set it (no echo, keys one by one): its settings,
    saved before, are put back.
    """

    def __init__(self) -> None:
        self.fd: Optional[int] = None
        self.saved: Optional[list] = None
        try:
            if sys.stdin.isatty() and sys.stdout.isatty():
                self.fd = sys.stdin.fileno()
                self.saved = termios.tcgetattr(self.fd)
        except (OSError, ValueError, termios.error):
            self.fd = None

    def __call__(self, prompt: str) -> str:
        if self.saved is None:  # not a terminal: a plain input(), whose Ctrl-C has no such race
            return input(prompt)
        results: "queue.Queue[tuple]" = queue.Queue()

        def read() -> None:
            signal.pthread_sigmask(signal.SIG_BLOCK, QUIT_SIGNALS)
            try:
                results.put((input(prompt), None))
            except BaseException as error:  # noqa: BLE001 - EOFError (Ctrl-D) and the rest, raised by the caller
                results.put(("", error))

        try:
            threading.Thread(target=read, name="console-input", daemon=True).start()
            while True:
                try:
                    line, error = results.get(timeout=1)
                    break
                except queue.Empty:
                    continue
        except KeyboardInterrupt:
            self.restore()
            raise
        if error is not None:
            raise error
        return line

    def restore(self) -> None:
        try:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
            os.write(sys.stdout.fileno(), b"\x1b[?2004l")  # readline's bracketed paste, if it had turned it on
        except (OSError, termios.error):
            pass


def chat(client: RestClient, screen: Screen, servers: Sequence[Server] = (), read: Callable[[str], str] = input) -> int:
    """The conversation, until /stop or Ctrl-D (0), or until the Rasa server the console depends on dies (1)."""
    suggestions: List[Button] = []
    while True:
        try:
            typed = read(wording.PROMPT)
        except EOFError:
            screen.say("")
            return 0
        choice = choose(typed, suggestions)
        if choice.stop:
            return 0
        if choice.notice:
            screen.indented(choice.notice, then_blank=True)
            continue
        if not choice.message:
            continue
        if choice.chosen:
            screen.indented(wording.CHOSEN.format(title=choice.chosen.title))
        try:
            messages = client.say(choice.message)
        except Refused as refused:
            screen.indented(wording.REFUSED.format(reason=refused.reason), then_blank=True)
            continue
        except Unreachable:
            dead = [server for server in servers if not server.alive()]
            if dead:
                screen.say(wording.STOPPED)
                for server in dead:
                    screen.log_tail(server.log)
                return 1
            screen.indented(wording.UNREACHABLE, then_blank=True)
            continue
        reply = layout(messages, screen.width())
        screen.say(*reply.lines, "")
        suggestions = reply.suggestions


@contextmanager
def terminal_foreground() -> Iterator[None]:
    """Make the console the terminal's foreground process group while it runs.

    Under `make run`, make, run.sh's shell and the console share one process group, so Ctrl-C would reach all of
    them: make would print its own « *** Interrupt » and stop run.sh before the console says goodbye. Alone in the
    foreground, the console gets Ctrl-C, says goodbye and exits; run.sh then stops the servers, and make ends
    quietly. Ctrl-Z is ignored meanwhile: a stopped console would leave the terminal to a make that waits for it.
    Nothing changes when the console is not in the foreground, or leads its own group already (started from a
    shell prompt).
    """
    taken, fd, previous = False, -1, 0
    try:
        fd = sys.stdin.fileno()
        previous = os.tcgetpgrp(fd)
        if previous == os.getpgrp() != os.getpid():
            signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # tcsetpgrp from a background group is then allowed
            os.setpgid(0, 0)
            os.tcsetpgrp(fd, os.getpgrp())
            signal.signal(signal.SIGTSTP, signal.SIG_IGN)
            taken = True
    except (OSError, ValueError, AttributeError):  # not a terminal, or no job control here
        pass
    try:
        yield
    finally:
        if taken:
            try:
                os.tcsetpgrp(fd, previous)
            except OSError:  # the group is gone (make was killed): its shell takes the terminal back anyway
                pass


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _servers(args: argparse.Namespace) -> List[Server]:
    return [Server("rasa", args.url.rstrip("/") + "/", args.rasa_pid, args.rasa_log)]


def _setup_logging(log: Optional[str]) -> None:
    """Warnings and unexpected errors go to the log file, never to the screen (without a log, nowhere)."""
    root = logging.getLogger()
    if log:
        Path(log).parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    else:
        handler = logging.NullHandler()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m channels.console", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server (REST channel)")
    parser.add_argument("--sender", default="", help="conversation id (default: a new one per session)")
    parser.add_argument("--rasa-pid", type=int, help="Rasa's pid: its death is reported, not waited for")
    parser.add_argument("--rasa-log", help="Rasa's log, named (and its end shown) when Rasa fails")
    parser.add_argument("--start-timeout", type=float, default=300, help="seconds to wait for the servers")
    parser.add_argument("--log", help="the console's own log: warnings, unexpected errors")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    _setup_logging(args.log)
    for quit_signal in QUIT_SIGNALS:  # Ctrl-C (even if started with SIGINT ignored), Ctrl-\, kill: the goodbye path,
        signal.signal(quit_signal, _interrupt)  # which gives the terminal back as it was
    screen = Screen()
    servers = _servers(args)
    client = RestClient(args.url, args.sender or f"console-{uuid.uuid4().hex[:12]}")
    with terminal_foreground():
        try:
            if not wait_until_ready(servers, args.start_timeout, screen):
                return 1
            screen.say(wording.BANNER, "")
            status = chat(client, screen, servers, read=LineReader())
        except KeyboardInterrupt:
            screen.say("")
            status = 0
        except Exception:  # noqa: BLE001 - the visitor gets a sentence, the log gets the trace
            logger.exception("Erreur inattendue de la console")
            screen.say(wording.UNEXPECTED, *([wording.LOG_HINT.format(log=args.log)] if args.log else []))
            return 1
        if status == 0:
            screen.say(wording.GOODBYE)
        return status


if __name__ == "__main__":
    sys.exit(main())
