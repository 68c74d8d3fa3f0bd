"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
import sqlite3
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


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold the journal locked the way another program could, so nobody else can read it.

    In WAL mode only a write in exclusive locking mode keeps readers out; it is rolled back.
    """
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE").fetchall()
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE lock_probe (x)")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


def make_other_sqlite_file(path: Path) -> Path:
    """A SQLite database that is not a journal."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text)")
    connection.commit()
    connection.close()
    return path


def film_written_elsewhere(title: str, year: int | None) -> int:
    """A film whose title the journal would refuse (control characters), as another program or
    an older version could have stored it; its id."""
    from filmjournal.journal.models import FilmModel

    return FilmModel.create(title=title, title_key=title.casefold(), year=year).id
