"""Rows read with plain SQL turned into records by column name, never by position alone.

A query's columns are named like the record's fields (``review_count AS reviews``); the names
are checked against the fields before a row is turned into a record, so a column added to one
side and not the other fails at once instead of shifting every field after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

import peewee

from filmjournal.journal.engine import execute
from filmjournal.journal.models import db

Record = TypeVar("Record", bound=NamedTuple)


def column_names(cursor: Any) -> tuple[str, ...]:
    """The names of a query's columns."""
    return tuple(column[0] for column in cursor.description)


def check_columns(record: type[NamedTuple], names: Sequence[str]) -> None:
    """Refuse a query whose columns are not the record's fields, in the record's order."""
    if tuple(names) != tuple(record._fields):
        raise TypeError(f"query columns {tuple(names)} do not match the fields {record._fields}")


def query_records(
    record: type[Record],
    sql: str,
    params: Sequence[Any] = (),
    *,
    convert: Mapping[str, Callable[[Any], Any]] | None = None,
) -> list[Record]:
    """The rows of ``sql`` as records; ``convert`` turns some columns' stored values into Python."""
    cursor = execute(sql, params)
    names = column_names(cursor)
    check_columns(record, names)
    rows = cursor.fetchall()  # at once: psycopg hands rows out one by one at 4 µs each
    if not convert:
        return list(map(record._make, rows))
    positions = [(names.index(name), function) for name, function in convert.items()]
    records = []
    for row in rows:
        values = list(row)
        for position, function in positions:
            if values[position] is not None:
                values[position] = function(values[position])
        records.append(record._make(values))
    return records


def record_of(record: type[Record], row: object, **given: Any) -> Record:
    """The record of a model row, each field read from the row's attribute of its name.

    Fields in ``given`` take those values instead (a review's tags, a comment's replies).
    """
    unknown = set(given) - set(record._fields)
    if unknown:
        raise TypeError(f"{record.__name__} has no field {sorted(unknown)[0]!r}")
    fields = record._fields
    return record._make(given[name] if name in given else getattr(row, name) for name in fields)


def named_rows(sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
    """The rows of ``sql`` as dictionaries keyed by column name."""
    yield from _named(execute(sql, params))


def named_query_rows(query: peewee.Query) -> Iterator[dict[str, Any]]:
    """The rows of a Peewee query (already in the engine's own spelling) by column name."""
    yield from _named(db.execute(query))


def _named(cursor: Any) -> Iterator[dict[str, Any]]:
    names = column_names(cursor)
    for row in cursor:
        yield dict(zip(names, row, strict=True))
