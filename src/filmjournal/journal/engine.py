"""The engine a journal lives on, a SQLite file or a PostgreSQL database, and what differs.

Queries are written once, in SQL both engines read, with ``?`` placeholders: :func:`execute`
adapts them for PostgreSQL (``%s``, a literal ``%`` doubled). What the engines spell
differently is named here (a list of ids as a table, a read-only snapshot), not worked around
in each query.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from peewee import PostgresqlDatabase

from filmjournal.journal.models import db

_QUOTED = re.compile(r"('(?:[^']|'')*')")


def on_postgres() -> bool:
    """Whether the open journal is a PostgreSQL database."""
    return isinstance(db.obj, PostgresqlDatabase)


@lru_cache(maxsize=1024)
def postgres_sql(sql: str) -> str:
    """A query written for both engines in psycopg's spelling: ``?`` → ``%s``, ``%`` → ``%%``
    (outside quoted text, where both stay as written)."""
    pieces = _QUOTED.split(sql)
    return "".join(
        piece if index % 2 else piece.replace("%", "%%").replace("?", "%s")
        for index, piece in enumerate(pieces)
    )


def native(sql: str) -> str:
    """A query written for both engines, in the open journal's own spelling (for SQL given to
    Peewee inside its own queries)."""
    return postgres_sql(sql) if on_postgres() else sql


def execute(sql: str, params: Sequence[object] = ()) -> Any:
    """Run a query on the open journal and return its cursor."""
    return db.execute_sql(native(sql), params)


def execute_many(sql: str, rows: Iterable[Sequence[object]]) -> None:
    """Run one statement for each row of parameters (a prepared insert, say)."""
    if on_postgres():
        sql = postgres_sql(sql)
    db.cursor().executemany(sql, rows)


def ordered_join() -> str:
    """A join whose tables are read in the order written: SQLite's ``CROSS JOIN`` (its
    planner keeps that order); PostgreSQL's planner chooses for itself."""
    return "JOIN" if on_postgres() else "CROSS JOIN"


def ids_table() -> str:
    """A list of ids given as one parameter (see :func:`id_list`), as a subquery of one column,
    ``value``: ``IN`` it, or select from it (``AS`` a name)."""
    if on_postgres():
        return "(SELECT unnest(CAST(? AS bigint[])) AS value)"
    return "(SELECT value FROM json_each(?))"


def id_list(ids: Iterable[int]) -> object:
    """The parameter :func:`ids_table` reads: a JSON array for SQLite, an array for PostgreSQL."""
    values = [int(value) for value in ids]
    return values if on_postgres() else json.dumps(values)


def weekday_sql(day: str) -> str:
    """SQL for the day of the week of a ``YYYY-MM-DD`` text (0 Sunday to 6 Saturday)."""
    if on_postgres():
        return f"CAST(extract(dow FROM CAST({day} AS date)) AS integer)"
    return f"CAST(strftime('%w', {day}) AS INTEGER)"


def local_day_sql(moment: str) -> tuple[str, list[object]]:
    """SQL for the local calendar day (``YYYY-MM-DD``) of a stored UTC time, with its
    parameters: the day as this computer's clock shows it (a server is told its zone)."""
    if on_postgres():
        return f"to_char(CAST({moment} AS timestamptz) AT TIME ZONE ?, 'YYYY-MM-DD')", [
            local_zone()
        ]
    return f"date({moment}, 'localtime')", []


def local_zone() -> str:
    """This computer's time zone, as PostgreSQL reads it: its name (tzlocal reads ``TZ``,
    ``/etc/localtime`` and the platform's ways), else today's offset from UTC (``+01:00``)."""
    try:
        from tzlocal import get_localzone_name  # in the postgres extra, with psycopg

        named = get_localzone_name()
    except Exception:  # tzlocal raises its own kinds for odd set-ups: the offset will do
        named = None
    if named:
        return named
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@contextmanager
def read_snapshot() -> Iterator[None]:
    """Read in one snapshot of the journal, without taking its write lock."""
    if on_postgres():
        with db.atomic():
            if db.transaction_depth() == 1:  # the outer transaction: its first statement
                execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    with db.atomic(lock_type="DEFERRED"):
        yield
