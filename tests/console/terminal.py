"""A program on a pseudo-terminal of its own, as a person at a keyboard would run it (stdlib `pty`, no pexpect).

The child is a session leader with the pty as controlling terminal, so job control behaves as in a real terminal:
Ctrl-C reaches the terminal's foreground process group only. Waits are on the output, never fixed sleeps.
"""

import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from typing import Dict, List, Optional, Pattern, Union

# CSI and OSC sequences (readline's bracketed paste, cursor moves), other two-byte escapes, carriage returns.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_=>])|\r")


class Terminal:
    def __init__(self, argv: List[str], env: Dict[str, str], cwd: str, columns: int = 120, rows: int = 40) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program; never return into pytest
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.raw = ""  # everything the program wrote, escapes included
        self.seen = 0  # where the next expect() starts looking, in `text`
        self.status: Optional[int] = None
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._eof = False

    @property
    def text(self) -> str:
        """The output as a person reads it: without escape sequences and carriage returns."""
        return _ESCAPES.sub("", self.raw)

    def _read(self, timeout: float) -> bool:
        if self._eof:
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: every process holding the terminal is gone
            data = b""
        if not data:
            self._eof = True
            self.raw += self._decoder.decode(b"", final=True)
            return False
        self.raw += self._decoder.decode(data)
        return True

    def expect(self, pattern: Union[str, Pattern], timeout: float = 60) -> str:
        """Wait until `pattern` (a regex) appears after the previous match; the text from there to its end."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.text, self.seen)
            if match:
                chunk, self.seen = self.text[self.seen : match.end()], match.end()
                return chunk
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(min(remaining, 1.0)) and self._eof:
                what = "fin de la sortie" if self._eof else f"{timeout} s écoulées"
                raise AssertionError(f"{regex.pattern!r} jamais affiché ({what}) ; écran :\n{self.text[-4000:]}")

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode("utf-8"))

    def line(self, text: str) -> None:
        self.type(text + "\r")  # Enter, as the keyboard sends it

    def wait(self, timeout: float = 60) -> int:
        """The exit status once the program ends (reading its last output meanwhile)."""
        deadline = time.monotonic() + timeout
        while self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"toujours en cours après {timeout} s ; écran :\n{self.text[-4000:]}")
            self._read(0.2) or time.sleep(0.05)
        while self._read(0.2):  # what is left in the terminal's buffer
            pass
        return self.status

    def close(self) -> None:
        """Stop whatever still runs in the terminal's session (a failed test), then release the terminal."""
        if self.status is None:
            groups = {self.pid}
            try:
                groups.add(os.tcgetpgrp(self.fd))
            except OSError:
                pass
            for group in groups:
                try:
                    os.killpg(group, signal.SIGTERM)
                except OSError:
                    pass
            try:
                self.wait(30)
            except AssertionError:
                for group in groups:
                    try:
                        os.killpg(group, signal.SIGKILL)
                    except OSError:
                        pass
                os.waitpid(self.pid, 0)
        os.close(self.fd)
