"""The rows of an export's CSV files, and their values checked by the journal's own rules.

Every problem names the file, the line the record starts on and the column, in the words of the
export (``diary.csv line 3: Rating must be 0.5 to 5 in half steps, got '7'``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import IO, Any

from filmjournal.journal.bulk import check_film
from filmjournal.journal.errors import JournalError, ValidationError
from filmjournal.journal.validation import clean_day, clean_rating

MAX_ROWS = 100_000
"""Rows in one file of an export at most (a heavy account's diary has a few thousand)."""
MAX_EXPORT_ROWS = 150_000
"""Rows in all the files of an export at most, so memory stays bounded whatever it holds."""
MAX_FIELD = 16 * 2**20
"""Characters in one field at most (the longest review is far shorter)."""
csv.field_size_limit(MAX_FIELD)  # the default (128 KB) refuses long reviews
_UNDECODABLE = re.compile("[\udc80-\udcff]")
"""Bytes that were not UTF-8, as the text stream hands them over (surrogateescape)."""

FILM_COLUMNS = ("Date", "Name", "Year", "Letterboxd URI")
DIARY_COLUMNS = (*FILM_COLUMNS, "Rating", "Rewatch", "Tags", "Watched Date")
REVIEW_COLUMNS = (*DIARY_COLUMNS, "Review")
RATING_COLUMNS = (*FILM_COLUMNS, "Rating")
COMMENT_COLUMNS = ("Date", "Content", "Comment")
IMPORT_COLUMNS = (
    "LetterboxdURI",
    "Title",
    "Year",
    "Rating",
    "WatchedDate",
    "Rewatch",
    "Tags",
    "Review",
)
"""Letterboxd's import format (what ``export --to letterboxd`` writes), the columns read."""


class LetterboxdError(JournalError):
    """The export cannot be imported: the message names the file, line and field."""


@dataclass
class Row:
    """One CSV record with the file and line it starts on, for error messages."""

    file: str
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def fail(self, column: str, problem: str) -> LetterboxdError:
        """An error naming this row's file, line and field."""
        return LetterboxdError(f"{self.file} line {self.line}: {column} {problem}")


def read_rows(
    name: str, stream: IO[str], columns: tuple[str, ...], limit: int = MAX_ROWS
) -> list[Row]:
    """The records of a CSV file with these columns (LetterboxdError if the file is not one)."""
    records = iter(read_records(name, stream, limit))
    header = next(records, (1, []))[1]
    missing = [column for column in columns if column not in header]
    if missing:
        raise LetterboxdError(f"{name} line 1: missing column {missing[0]}")
    return [
        Row(name, line, dict(zip(header, record, strict=False)))
        for line, record in records
        if any(record)
    ]


def read_records(
    name: str, stream: IO[str], limit: int = MAX_ROWS
) -> Iterator[tuple[int, list[str]]]:
    """Every record of a CSV file with the line it starts on (records may span lines).

    Read as a stream; a file that is not CSV text, or has more records than any Letterboxd
    account, stops with a LetterboxdError naming the line.
    """
    reader = csv.reader(stream)
    start = 1
    try:
        for count, record in enumerate(reader):
            if count > limit:
                raise LetterboxdError(f"{name}: more than {limit:,} rows, more than any account")
            if _UNDECODABLE.search("".join(record)):
                raise LetterboxdError(f"{name} line {start}: not UTF-8 text")
            yield start, record
            start = reader.line_num + 1
    except csv.Error as error:
        if "NUL" in str(error):
            raise LetterboxdError(
                f"{name} line {start}: not a CSV file (it holds NUL bytes)"
            ) from None
        raise LetterboxdError(f"{name} line {start}: not a valid CSV file ({error})") from None


def row_date(row: Row, column: str) -> date | None:
    """A date column, checked by the journal's own rule (blank is no date)."""
    try:
        return clean_day(column, row[column])
    except ValidationError as error:
        raise row.fail(column, error.problem) from None


def row_rating(row: Row) -> float | None:
    """The Rating column: blank, or 0.5 to 5 in half steps."""
    value = row["Rating"]
    if not value:
        return None
    try:
        return clean_rating(float(value))
    except (ValueError, ValidationError):
        raise row.fail("Rating", f"must be 0.5 to 5 in half steps, got {value!r}") from None


def row_rewatch(row: Row) -> bool:
    """The Rewatch column: ``Yes`` or blank."""
    value = row["Rewatch"].casefold()
    if value not in ("", "yes", "no"):
        raise row.fail("Rewatch", f"must be Yes or empty, got {row['Rewatch']!r}")
    return value == "yes"


def row_tags(row: Row) -> list[str]:
    """The Tags column as a list."""
    return [tag.strip() for tag in row["Tags"].split(",") if tag.strip()]


def row_film(row: Row, uri_column: str | None = "Letterboxd URI") -> dict[str, Any]:
    """The film a row names, checked; with its Letterboxd URI when the row gives the film's."""
    uri = row[uri_column] if uri_column else ""
    try:
        return dict(_checked_film(row["Name"], row["Year"], uri))
    except ValidationError as error:
        column = {"title": "Name", "year": "Year"}.get(error.field, error.field)
        raise row.fail(column, error.problem) from None


@lru_cache(maxsize=4096)
def _checked_film(title: str, year: str, uri: str) -> dict[str, Any]:
    """A film's values checked once, however many files and rows name it (callers copy)."""
    values: dict[str, Any] = {"title": title, "year": year or None}
    if uri:
        values["letterboxd_uri"] = uri
    return check_film(values)


def start_of_day(day: date | None) -> datetime | None:
    """Midnight UTC of a day (when a diary entry was logged), or None."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
