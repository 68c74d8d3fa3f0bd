"""Reading and checking a whole Letterboxd export, writing nothing.

Every file is read once and every row checked. A file that cannot be read, or a row that does
not hold, is left out and named in :attr:`CheckedExport.problems` (``diary.csv line 3: Rating
must be 0.5 to 5 in half steps, got '7'``); everything sound is kept for the writer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from filmjournal.exchange.letterboxd.archive import IMPORT_FORMAT, ExportFiles, ExportUnreadable
from filmjournal.exchange.letterboxd.export import from_spreadsheet_safe
from filmjournal.exchange.letterboxd.from_html import html_to_markdown
from filmjournal.exchange.letterboxd.lists import ListFile, read_list
from filmjournal.exchange.letterboxd.places import place_of
from filmjournal.exchange.letterboxd.rows import (
    COMMENT_COLUMNS,
    DIARY_COLUMNS,
    FILM_COLUMNS,
    IMPORT_COLUMNS,
    MAX_EXPORT_ROWS,
    MAX_ROWS,
    RATING_COLUMNS,
    REVIEW_COLUMNS,
    LetterboxdError,
    Row,
    read_rows,
    row_date,
    row_film,
    row_rating,
    row_rewatch,
    row_tags,
    start_of_day,
)
from filmjournal.journal.bulk import check_review
from filmjournal.journal.errors import ValidationError
from filmjournal.journal.validation import identity_key

Item = TypeVar("Item")
Checked = TypeVar("Checked")


@dataclass
class DiaryEntry:
    """A diary entry or a review, checked: its film's values and its review's (cleaned, so
    they are written as they are, not checked twice)."""

    film: dict[str, Any]
    values: dict[str, Any]


@dataclass
class RatedFilm:
    """A film's rating from ``ratings.csv``, and the day it was given."""

    film: dict[str, Any]
    rating: float | None
    rated_on: date | None


@dataclass
class WatchlistFilm:
    """A film on the watchlist, and the day it was put there."""

    film: dict[str, Any]
    added_on: date | None


@dataclass
class RemoteComment:
    """A comment the account wrote on someone else's entry, its HTML turned into Markdown."""

    values: dict[str, Any]
    html: str
    """The comment as Letterboxd wrote it (an earlier filmjournal stored this)."""


@dataclass
class CheckedExport:
    """Everything sound in an export, and what was left out and why."""

    watched: list[dict[str, Any]] = field(default_factory=list)
    ratings: list[RatedFilm] = field(default_factory=list)
    watchlist: list[WatchlistFilm] = field(default_factory=list)
    likes: list[dict[str, Any]] = field(default_factory=list)
    entries: list[DiaryEntry] = field(default_factory=list)
    lists: list[ListFile] = field(default_factory=list)
    comments: list[RemoteComment] = field(default_factory=list)
    deleted: int = 0
    problems: list[str] = field(default_factory=list)

    def size(self) -> int:
        """How many items there are to write."""
        films = len(self.watched) + len(self.ratings) + len(self.watchlist) + len(self.likes)
        return films + len(self.entries) + len(self.lists) + len(self.comments)


class ExportReader:
    """Reads and checks the files of an export; writes nothing."""

    def __init__(self, files: ExportFiles) -> None:
        self.files = files
        self.problems: list[str] = []
        self.rows_left = MAX_EXPORT_ROWS
        """How many more rows may be read (see :data:`MAX_EXPORT_ROWS`)."""

    def rows(self, name: str, columns: tuple[str, ...]) -> list[Row]:
        """The rows of a file of the export: none if there is no such file, or it is damaged."""
        if name not in self.files:
            return []
        try:
            with self.files.text(name) as stream:
                rows = read_rows(name, stream, columns, min(MAX_ROWS, self.rows_left))
        except ExportUnreadable:
            raise
        except LetterboxdError as error:
            self.problems.append(str(error))
            return []
        self.rows_left -= len(rows)
        return rows

    def each(self, rows: Iterable[Item], check: Callable[[Item], Checked]) -> list[Checked]:
        """Every row that passes ``check``; the others are named as problems."""
        checked = []
        for row in rows:
            try:
                checked.append(check(row))
            except LetterboxdError as error:
                self.problems.append(str(error))
        return checked

    def read(self) -> CheckedExport:
        """Every file of the export, checked."""
        export = CheckedExport(
            watched=self.each(self.rows("watched.csv", FILM_COLUMNS), row_film),
            ratings=self.each(self.rows("ratings.csv", RATING_COLUMNS), _rated_film),
            watchlist=self.each(self.rows("watchlist.csv", FILM_COLUMNS), _watchlist_film),
            likes=self.each(self.rows("likes/films.csv", FILM_COLUMNS), row_film),
            entries=self.entries(),
            lists=self.lists(),
            comments=self.each(self.rows("comments.csv", COMMENT_COLUMNS), _remote_comment),
            deleted=sum(
                1 if name.startswith("deleted/lists/") else len(self.rows(name, ()))
                for name in self.files.under("deleted")
            ),
        )
        export.problems = self.problems
        rate_unrated_entries(export)
        return export

    def lists(self) -> list[ListFile]:
        """Every list file that can be read, each with the film rows it had to leave out."""
        lists = []
        for name in self.files.under("lists"):
            try:
                with self.files.text(name) as stream:
                    listed = read_list(name, stream)
            except ExportUnreadable:
                raise
            except LetterboxdError as error:
                self.problems.append(str(error))
                continue
            self.problems += listed.problems
            lists.append(listed)
        return lists

    def entries(self) -> list[DiaryEntry]:
        """Diary entries joined with their review text, then reviews without a diary entry."""
        if IMPORT_FORMAT in self.files:
            return self.each(self.rows(IMPORT_FORMAT, IMPORT_COLUMNS), _import_format_entry)
        diary = self.rows("diary.csv", DIARY_COLUMNS) + self.rows(
            "orphaned/diary.csv", DIARY_COLUMNS
        )
        written = self.rows("reviews.csv", REVIEW_COLUMNS) + self.rows(
            "orphaned/reviews.csv", REVIEW_COLUMNS
        )
        by_uri = {row["Letterboxd URI"]: row for row in written if row["Letterboxd URI"]}
        by_day: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
        for row in written:
            by_day[(row["Name"], row["Year"], row["Watched Date"])].append(row)
        used: set[int] = set()
        pairs: list[tuple[Row, Row | None]] = []
        for row in diary:
            text_row = by_uri.get(row["Letterboxd URI"]) if row["Letterboxd URI"] else None
            if text_row is None or id(text_row) in used:
                same_day = by_day[(row["Name"], row["Year"], row["Watched Date"])]
                text_row = next((text for text in same_day if id(text) not in used), None)
            if text_row is not None:
                used.add(id(text_row))
            pairs.append((row, text_row))
        pairs += [(row, row) for row in written if id(row) not in used]
        return self.each(pairs, lambda pair: _diary_entry(pair[0], pair[1]))


def _rated_film(row: Row) -> RatedFilm:
    return RatedFilm(row_film(row), row_rating(row), row_date(row, "Date"))


def _watchlist_film(row: Row) -> WatchlistFilm:
    return WatchlistFilm(row_film(row), row_date(row, "Date"))


def _remote_comment(row: Row) -> RemoteComment:
    if not row["Comment"]:
        raise row.fail("Comment", "is empty")
    values = {
        "url": row["Content"],
        "written_on": row_date(row, "Date"),
        "body": html_to_markdown(row.values["Comment"]),
    }
    return RemoteComment(values, row.values["Comment"])


def _diary_entry(row: Row, text_row: Row | None) -> DiaryEntry:
    """A diary row (with the row holding its review text, if any), checked.

    Nothing is invented: without a watched date on Letterboxd there is none here; the day the
    entry was logged is when it was written.
    """
    logged = row_date(row, "Date")
    tags = row_tags(row)
    values: dict[str, Any] = {
        "watched_on": row_date(row, "Watched Date"),
        "rating": row_rating(row),
        "is_rewatch": row_rewatch(row),
        "tags": tags,
        "where_watched": place_of(tags),
        "body": html_to_markdown(text_row["Review"]) if text_row is not None else "",
        "letterboxd_uri": row["Letterboxd URI"] or None,
    }
    if logged:
        values["created_at"] = values["updated_at"] = start_of_day(logged)
    try:
        checked = check_review(values)
    except ValidationError as error:
        raise row.fail(error.field, error.problem) from None
    return DiaryEntry(row_film(row, uri_column=None), {**checked.values, "tags": checked.tags})


def _import_format_entry(row: Row) -> DiaryEntry:
    """A row of Letterboxd's import format, read as a diary entry with its review."""
    rewatch = row["Rewatch"].casefold() in ("true", "yes")
    diary = {
        "Date": row["WatchedDate"],
        "Name": from_spreadsheet_safe(row["Title"]),
        "Year": row["Year"],
        "Letterboxd URI": "",
        "Rating": row["Rating"],
        "Rewatch": "Yes" if rewatch else "",
        "Tags": from_spreadsheet_safe(row["Tags"]),
        "Watched Date": row["WatchedDate"],
        "Review": from_spreadsheet_safe(row.values.get("Review") or ""),
    }
    as_diary = Row(row.file, row.line, diary)
    entry = _diary_entry(as_diary, as_diary)
    if row["LetterboxdURI"]:
        entry.film["letterboxd_uri"] = row["LetterboxdURI"]
    return entry


def rate_unrated_entries(export: CheckedExport) -> None:
    """A film whose diary entries are all unrated takes its rating from ``ratings.csv``.

    The rating goes on the film's latest entry, so it is not lost and a re-import finds the
    entry already rated.
    """
    entries: dict[tuple[str, int | None], list[DiaryEntry]] = defaultdict(list)
    for entry in export.entries:
        entries[(identity_key(entry.film["title"]), entry.film.get("year"))].append(entry)
    for rated in export.ratings:
        film_entries = entries.get((identity_key(rated.film["title"]), rated.film.get("year")))
        if rated.rating is None or not film_entries:
            continue
        if all(entry.values["rating"] is None for entry in film_entries):
            latest = max(film_entries, key=lambda entry: entry.values["watched_on"] or date.min)
            latest.values["rating"] = rated.rating
