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
    """Collect the SQL statements the journal runs inside the block (on either engine)."""
    statements: list[str] = []
    database = db.obj
    run = database.execute_sql

    def counted(sql: str, params: object = None) -> object:
        statements.append(sql)
        return run(sql, params)

    database.execute_sql = counted
    try:
        yield statements
    finally:
        del database.execute_sql


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
