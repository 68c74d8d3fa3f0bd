"""Killing filmjournal mid-sentence loses at most the last second of typing (a real process)."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from filmjournal.journal import api
from filmjournal.tui.widgets.review_editor import AUTOSAVE_DELAY

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def wait_for(predicate, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Poll until ``predicate()`` is true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_sigkill_loses_at_most_the_last_second(tmp_path: Path):
    path = tmp_path / "journal.db"
    with api.open_journal(path):
        api.create_film("Her", 2013)
    controller, terminal = pty.openpty()
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    process = subprocess.Popen(
        [sys.executable, "-m", "filmjournal", "--db", str(path)],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=environment,
        start_new_session=True,
    )
    os.close(terminal)
    output = bytearray()

    def drain() -> None:
        import select

        while select.select([controller], [], [], 0)[0]:
            try:
                output.extend(os.read(controller, 65536))
            except OSError:
                return

    def type_slowly(text: str) -> None:
        for character in text:
            os.write(controller, character.encode())
            time.sleep(0.03)
            drain()

    try:
        wait_for(lambda: (drain(), b"Her" in output)[1])
        time.sleep(0.5)
        os.write(controller, b"\r")
        time.sleep(1.0)
        drain()
        type_slowly("Saved before the kill")
        time.sleep(AUTOSAVE_DELAY + 0.7)
        type_slowly(" and lost")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)
    with api.open_journal(path):
        [review] = api.list_reviews(api.find_film("Her", 2013).id)
    assert review.headline.startswith("Saved before the kill")
    assert len(review.headline) <= len("Saved before the kill and lost")
