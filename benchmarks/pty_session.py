"""Run a program in a pseudo-terminal and time what it writes, as a person would see it.

The clock stops when the text sought has been written to the terminal (escape sequences removed),
not when the program has merely computed it. Used by ``bench_pty.py``.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence

ANSI = re.compile(
    rb"\x1b\[[0-9;?<>=$ ]*[A-Za-z~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]"
    rb"|\x1b[=>78DEMc]|\x1bP[^\x1b]*\x1b\\"
)
KEYS = {"down": b"\x1b[B", "up": b"\x1b[A", "enter": b"\r", "escape": b"\x1b", "ctrl+q": b"\x11"}


class MarkerMissed(RuntimeError):
    """The text sought was not written in time."""


class Session:
    """One program on a 120x40 (or other) pseudo-terminal."""

    def __init__(
        self, argv: Sequence[str], *, size: tuple[int, int] = (120, 40), env: dict | None = None
    ) -> None:
        columns, lines = size
        environment = dict(os.environ, TERM="xterm-256color", COLUMNS=str(columns))
        environment.update(LINES=str(lines), **(env or {}))
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size the terminal, then become the program
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
            os.execvpe(argv[0], list(argv), environment)
        self.buffer = b""
        self.mark = self.started
        self.closed = False
        self.peak_mib = 0.0

    def _read(self, timeout: float) -> bool:
        """Read what the program wrote within ``timeout`` seconds; False at its end."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            return False
        self.buffer += chunk
        return bool(chunk)

    def seen(self, marker: str) -> bool:
        """Whether ``marker`` is on screen among what was written since the last mark."""
        return marker in ANSI.sub(b"", self.buffer).decode("utf-8", "replace")

    def wait_for(self, marker: str, timeout: float = 60.0) -> float:
        """Milliseconds from the last mark until ``marker`` has been written."""
        deadline = time.perf_counter() + timeout
        while not self.seen(marker):
            if time.perf_counter() > deadline or not self._read(0.2):
                tail = ANSI.sub(b"", self.buffer[-600:]).decode("utf-8", "replace")
                raise MarkerMissed(f"{marker!r} not written; last output: {tail!r}")
        return (time.perf_counter() - self.mark) * 1000

    def drain(self, quiet: float = 0.15, longest: float = 1.5) -> None:
        """Read until the program has written nothing for ``quiet`` seconds (at most
        ``longest`` seconds: a blinking cursor writes every half second)."""
        deadline = time.perf_counter() + longest
        while time.perf_counter() < deadline:
            before = len(self.buffer)
            if not self._read(quiet) or len(self.buffer) == before:
                return

    def send(self, keys: bytes) -> None:
        """Type ``keys``: the clock starts now and only later output counts."""
        self.buffer = b""
        self.mark = time.perf_counter()
        os.write(self.fd, keys)

    def close(self, *, quit_keys: bytes | None = None, timeout: float = 10.0) -> float:
        """End the program (with ``quit_keys`` if given, else a kill); ms from start to exit."""
        reaped = None
        if quit_keys is not None:
            os.write(self.fd, quit_keys)
            deadline = time.perf_counter() + timeout
            while reaped is None and time.perf_counter() < deadline:
                self._read(0.02)
                pid, _, usage = os.wait4(self.pid, os.WNOHANG)
                reaped = usage if pid else None
        ended = (time.perf_counter() - self.started) * 1000
        if reaped is None:
            os.kill(self.pid, signal.SIGKILL)
            _, _, reaped = os.wait4(self.pid, 0)
        os.close(self.fd)
        self.closed = True
        self.peak_mib = reaped.ru_maxrss / 1024
        return ended
