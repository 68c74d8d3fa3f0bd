"""Killing filmjournal mid-sentence loses only what was typed since the last save (a real process)."""

from __future__ import annotations

import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from filmjournal.journal import api

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def wait_for(predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Poll until ``predicate()`` is true (a bound far above what any step needs)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def saved_headline(path: Path) -> str | None:
    """The headline of the journal's review, read as another program would."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT headline FROM review").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        connection.close()
    return row[0] if row else None


def test_sigkill_loses_at_most_what_was_not_yet_saved(tmp_path: Path):
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

    def shows(text: bytes) -> bool:
        while select.select([controller], [], [], 0)[0]:
            try:
                output.extend(os.read(controller, 65536))
            except OSError:
                break
        return text in output

    try:
        wait_for(lambda: shows(b"Her"))
        os.write(controller, b"\r")
        wait_for(lambda: shows(b"new viewing"))
        os.write(controller, b"Saved before the kill")
        wait_for(lambda: saved_headline(path) == "Saved before the kill")
        os.write(controller, b" and lost")
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
