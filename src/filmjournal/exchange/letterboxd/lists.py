"""A Letterboxd list file: the list's name and description, then its films in order.

Two shapes are read: the current one starts with a ``Letterboxd list export v7`` line, older
exports start with a blank line. Either way a header row and the list's row come first, then,
after a blank line, a header row and one row per film. A film row that cannot be read is left
out and named; the rest of the list still comes in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from filmjournal.exchange.letterboxd.from_html import html_to_markdown
from filmjournal.exchange.letterboxd.rows import (
    LetterboxdError,
    Row,
    read_records,
    row_date,
    row_film,
)

LIST_COLUMNS = ("Date", "Name", "Tags", "URL", "Description")
ENTRY_COLUMNS = ("Position", "Name", "Year", "URL", "Description")
MAX_POSITION = 1_000_000
"""The last place in a list (Letterboxd's longest lists hold a few thousand films)."""


@dataclass
class ListEntry:
    """A film of a list, checked: its film's values, the list's note on it, its place."""

    film: dict[str, Any]
    note: str
    position: int


@dataclass
class ListFile:
    """A list file, checked: the list's values, its entries, and the rows left out."""

    values: dict[str, Any]
    entries: list[ListEntry]
    problems: list[str] = field(default_factory=list)


def read_list(name: str, stream: IO[str]) -> ListFile:
    """A list file's list and films (LetterboxdError if the list itself cannot be read)."""
    records = list(read_records(name, stream))
    header = _header_index(records, LIST_COLUMNS)
    if header is None or header + 1 >= len(records):
        raise LetterboxdError(f"{name} line 1: missing column Date (no list header)")
    line, record = records[header + 1]
    info = Row(name, line, dict(zip(LIST_COLUMNS, record, strict=False)))
    values = {
        "name": info["Name"],
        "description": html_to_markdown(info.values.get("Description") or ""),
        "tags": info["Tags"],
        "letterboxd_uri": info["URL"] or None,
        "created_on": row_date(info, "Date"),
    }
    if not values["name"]:
        raise info.fail("Name", "is empty")
    listed = ListFile(values, [])
    start = _header_index(records, ENTRY_COLUMNS)
    for line, record in records[start + 1 :] if start is not None else []:
        if any(record):
            try:
                listed.entries.append(
                    _entry(Row(name, line, dict(zip(ENTRY_COLUMNS, record, strict=False))))
                )
            except LetterboxdError as error:
                listed.problems.append(str(error))
    return listed


def _header_index(records: list[tuple[int, list[str]]], columns: tuple[str, ...]) -> int | None:
    """Where the header row with these columns is, if anywhere."""
    return next((i for i, (_, record) in enumerate(records) if tuple(record[:5]) == columns), None)


def _entry(row: Row) -> ListEntry:
    """One film of the list, checked."""
    text = row["Position"]
    if not text.isdigit() or not 1 <= int(text[:8]) <= MAX_POSITION or len(text) > 7:
        raise row.fail(
            "Position", f"must be a number from 1 to {MAX_POSITION:,}, got {text[:20]!r}"
        )
    position = int(text)
    note = html_to_markdown(row.values.get("Description") or "")
    return ListEntry(row_film(row, "URL"), note, position)
