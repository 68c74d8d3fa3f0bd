"""A Letterboxd list file: the list's name and description, then its films in order.

Two shapes are read: the current one starts with a ``Letterboxd list export v7`` line, older
exports start with a blank line. Either way a header row and the list's row come first, then,
after a blank line, a header row and one row per film.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from filmjournal.exchange.letterboxd.from_html import html_to_markdown
from filmjournal.exchange.letterboxd.rows import (
    LetterboxdError,
    Row,
    record_lines,
    row_date,
    row_film,
)

LIST_COLUMNS = ("Date", "Name", "Tags", "URL", "Description")
ENTRY_COLUMNS = ("Position", "Name", "Year", "URL", "Description")


@dataclass
class ListEntry:
    """A film of a list, checked: its row, its film's values, the list's note on it, its place."""

    row: Row
    film: dict[str, Any]
    note: str
    position: int


@dataclass
class ListFile:
    """A list file, checked: the list's row and values, and its entries."""

    row: Row
    values: dict[str, Any]
    entries: list[ListEntry]


def read_list(name: str, text: str) -> ListFile:
    """A list file's list and films, every value checked."""
    records = list(csv.reader(io.StringIO(text, newline="")))
    lines = record_lines(text)
    header = _header_index(records, LIST_COLUMNS)
    if header is None or header + 1 >= len(records):
        raise LetterboxdError(f"{name} line 1: missing column Date (no list header)")
    info = Row(name, lines[header + 1], dict(zip(LIST_COLUMNS, records[header + 1], strict=False)))
    values = {
        "name": info["Name"],
        "description": html_to_markdown(info.values.get("Description") or ""),
        "tags": info["Tags"],
        "letterboxd_uri": info["URL"] or None,
        "created_on": row_date(info, "Date"),
    }
    if not values["name"]:
        raise info.fail("Name", "is empty")
    start = _header_index(records, ENTRY_COLUMNS)
    entries = []
    if start is not None:
        for index in range(start + 1, len(records)):
            if records[index]:
                row = Row(
                    name, lines[index], dict(zip(ENTRY_COLUMNS, records[index], strict=False))
                )
                entries.append(_entry(row))
    return ListFile(info, values, entries)


def _header_index(records: list[list[str]], columns: tuple[str, ...]) -> int | None:
    """Where the header row with these columns is, if anywhere."""
    return next((i for i, record in enumerate(records) if tuple(record[:5]) == columns), None)


def _entry(row: Row) -> ListEntry:
    """One film of the list, checked."""
    try:
        position = int(row["Position"])
    except ValueError:
        raise row.fail("Position", f"must be a number, got {row['Position']!r}") from None
    note = html_to_markdown(row.values.get("Description") or "")
    return ListEntry(row, row_film(row, "URL"), note, position)
