"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filmjournal.journal.models import db


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, to prove a file was left as it was."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """Collect the SQL statements the journal runs inside the block."""
    statements: list[str] = []
    connection = db.connection()
    connection.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        connection.set_trace_callback(None)
