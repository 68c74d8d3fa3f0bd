"""Import a Letterboxd account export (the zip, or its folder) in one transaction.

Every file is read and every row checked before anything is written: a malformed file stops
the import with its name, line and field, and the journal stays as it was. Re-importing the same
export (or a newer one of the same account) adds what is new and updates what changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from filmjournal.exchange.letterboxd.archive import IMPORT_FORMAT, ExportFiles
from filmjournal.exchange.letterboxd.from_html import html_to_markdown
from filmjournal.exchange.letterboxd.lists import ListFile, read_list
from filmjournal.exchange.letterboxd.places import place_of
from filmjournal.exchange.letterboxd.rows import (
    COMMENT_COLUMNS,
    DIARY_COLUMNS,
    FILM_COLUMNS,
    IMPORT_COLUMNS,
    RATING_COLUMNS,
    REVIEW_COLUMNS,
    Row,
    read_rows,
    row_date,
    row_film,
    row_rating,
    row_rewatch,
    row_tags,
    start_of_day,
)
from filmjournal.journal import reviews
from filmjournal.journal.bulk import BulkWriter, bulk_writing, check_review
from filmjournal.journal.errors import ValidationError
from filmjournal.journal.lists import save_list

Progress = Callable[[int, int], None]
KINDS = ("films", "reviews", "ratings", "watchlist", "likes", "lists", "comments")


@dataclass
class Summary:
    """What the import did, per kind: imported, updated, skipped (with reasons)."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    reasons: Counter[str] = field(default_factory=Counter)
    deleted: int = 0

    def add(self, kind: str, outcome: str, reason: str = "") -> None:
        """Count one item."""
        self.counts.setdefault(kind, Counter())[outcome] += 1
        if reason:
            self.reasons[f"{kind}: {reason}"] += 1

    def count(self, kind: str, outcome: str) -> int:
        """How many items of a kind ended so."""
        return self.counts.get(kind, Counter())[outcome]

    def lines(self) -> list[str]:
        """The summary as lines of text."""
        lines = []
        for kind in KINDS:
            counted = self.counts.get(kind, Counter())
            lines.append(
                f"{kind}: {counted['imported']} imported, {counted['updated']} updated, "
                f"{counted['skipped']} skipped"
            )
        lines += [
            f"  skipped {number}: {reason}" for reason, number in sorted(self.reasons.items())
        ]
        lines.append(f"deleted entries not imported: {self.deleted}")
        return lines


@dataclass
class DiaryEntry:
    """A diary entry or review to import: its row, its film's values and its review's."""

    row: Row
    film: dict[str, Any]
    values: dict[str, Any]


@dataclass
class CheckedExport:
    """Everything of an export, read and checked, ready to be written."""

    watched: list[dict[str, Any]]
    ratings: list[tuple[dict[str, Any], float | None]]
    watchlist: list[tuple[dict[str, Any], date | None]]
    likes: list[dict[str, Any]]
    entries: list[DiaryEntry]
    lists: list[ListFile]
    comments: list[dict[str, Any]]
    deleted: int

    def size(self) -> int:
        """How many items there are to write."""
        films = len(self.watched) + len(self.ratings) + len(self.watchlist) + len(self.likes)
        return films + len(self.entries) + len(self.lists) + len(self.comments)


class ExportReader:
    """Reads and checks the files of an export; writes nothing."""

    def __init__(self, files: ExportFiles) -> None:
        self.files = files

    def rows(self, name: str, columns: tuple[str, ...]) -> list[Row]:
        """The rows of a file of the export (none if it has no such file)."""
        text = self.files.get(name)
        return [] if text is None else read_rows(name, text, columns)

    def films(self, name: str, columns: tuple[str, ...] = FILM_COLUMNS) -> list[dict[str, Any]]:
        """The films a file names, checked."""
        return [row_film(row) for row in self.rows(name, columns)]

    def read(self) -> CheckedExport:
        """Every file of the export, checked."""
        return CheckedExport(
            watched=self.films("watched.csv"),
            ratings=[
                (row_film(row), row_rating(row)) for row in self.rows("ratings.csv", RATING_COLUMNS)
            ],
            watchlist=[
                (row_film(row), row_date(row, "Date"))
                for row in self.rows("watchlist.csv", FILM_COLUMNS)
            ],
            likes=self.films("likes/films.csv"),
            entries=self.entries(),
            lists=[
                read_list(name, self.files.get(name) or "") for name in self.files.under("lists")
            ],
            comments=self.comments(),
            deleted=sum(
                1 if name.startswith("deleted/lists/") else len(self.rows(name, ()))
                for name in self.files.under("deleted")
            ),
        )

    def comments(self) -> list[dict[str, Any]]:
        """The comments the account wrote on other people's entries."""
        comments = []
        for row in self.rows("comments.csv", COMMENT_COLUMNS):
            if not row["Comment"]:
                raise row.fail("Comment", "is empty")
            written = row_date(row, "Date")
            comments.append(
                {"url": row["Content"], "written_on": written, "body": row.values["Comment"]}
            )
        return comments

    def entries(self) -> list[DiaryEntry]:
        """Diary entries joined with their review text, then reviews without a diary entry."""
        if self.files.get(IMPORT_FORMAT) is not None:
            return self._import_format_entries()
        diary = self.rows("diary.csv", DIARY_COLUMNS) + self.rows(
            "orphaned/diary.csv", DIARY_COLUMNS
        )
        written = self.rows("reviews.csv", REVIEW_COLUMNS) + self.rows(
            "orphaned/reviews.csv", REVIEW_COLUMNS
        )
        by_uri = {row["Letterboxd URI"]: row for row in written if row["Letterboxd URI"]}
        by_key = {(row["Name"], row["Year"], row["Watched Date"]): row for row in written}
        used: set[int] = set()
        entries = []
        for row in diary:
            text_row = by_uri.get(row["Letterboxd URI"]) or by_key.get(
                (row["Name"], row["Year"], row["Watched Date"])
            )
            if text_row is not None:
                used.add(id(text_row))
            entries.append(_diary_entry(row, text_row))
        entries += [_diary_entry(row, row) for row in written if id(row) not in used]
        return entries

    def _import_format_entries(self) -> list[DiaryEntry]:
        """Rows of Letterboxd's import format, read as diary entries with their review."""
        entries = []
        for row in self.rows(IMPORT_FORMAT, IMPORT_COLUMNS):
            rewatch = row["Rewatch"].casefold() in ("true", "yes")
            diary = {
                "Date": row["WatchedDate"],
                "Name": row["Title"],
                "Year": row["Year"],
                "Letterboxd URI": "",
                "Rating": row["Rating"],
                "Rewatch": "Yes" if rewatch else "",
                "Tags": row["Tags"],
                "Watched Date": row["WatchedDate"],
                "Review": row.values.get("Review") or "",
            }
            as_diary = Row(row.file, row.line, diary)
            entry = _diary_entry(as_diary, as_diary)
            if row["LetterboxdURI"]:
                entry.film["letterboxd_uri"] = row["LetterboxdURI"]
            entries.append(entry)
        return entries


def _diary_entry(row: Row, text_row: Row | None) -> DiaryEntry:
    """A diary row (with the row holding its review text, if any), checked."""
    logged = row_date(row, "Date")
    watched = row_date(row, "Watched Date") or logged
    tags = row_tags(row)
    values: dict[str, Any] = {
        "watched_on": watched,
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
        check_review(values)
    except ValidationError as error:
        raise row.fail(error.field, error.problem) from None
    return DiaryEntry(row, row_film(row, uri_column=None), values)


class ExportWriter:
    """Writes a checked export through a bulk writer, counting what it did."""

    def __init__(self, writer: BulkWriter, total: int, progress: Progress | None) -> None:
        self.writer = writer
        self.summary = Summary()
        self.progress = progress
        self.done = 0
        self.total = total
        self.uri_of_film = {film_id: uri for uri, film_id in writer.film_uris.items()}
        self.on_watchlist = writer.films_on_watchlist()
        self.liked = writer.liked_films()
        self.stored: dict[int, dict[str, Any]] | None = None

    def write(self, export: CheckedExport) -> Summary:
        """Write everything, in the order that lets later files find earlier films."""
        self.summary.deleted = export.deleted
        for film in export.watched:
            self._film_id(film)
            self._tick()
        for film, day in export.watchlist:
            self._watchlist(film, day)
        for film in export.likes:
            self._like(film)
        reviewed = self._entries(export.entries)
        for film, rating in export.ratings:
            self._rating(film, rating, reviewed)
        for list_file in export.lists:
            self._save_list(list_file)
        for comment in export.comments:
            self._comment(comment)
        return self.summary

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None and (self.done % 200 == 0 or self.done == self.total):
            self.progress(self.done, self.total)

    def _film_id(self, film: dict[str, Any]) -> int:
        """The journal's film for these values: by Letterboxd URI, else title and year."""
        writer = self.writer
        uri = film.get("letterboxd_uri")
        film_id = writer.film_uris.get(uri) if uri else None
        if film_id is None:
            film_id = writer.find_film(film["title"], film.get("year"))
            if film_id is not None and uri:
                known = self.uri_of_film.get(film_id)
                if known is None:
                    writer.update_film(film_id, {"letterboxd_uri": uri})
                    self.uri_of_film[film_id] = uri
                else:
                    writer.film_uris[uri] = film_id
                    reason = "another film has the same title and year (case is ignored)"
                    self.summary.add("films", "skipped", reason)
        if film_id is None:
            film_id = writer.add_film(film)
            if uri:
                self.uri_of_film[film_id] = uri
            self.summary.add("films", "imported")
        return film_id

    def _watchlist(self, film: dict[str, Any], day: date | None) -> None:
        film_id = self._film_id(film)
        if film_id in self.on_watchlist:
            self.summary.add("watchlist", "skipped", "already on the watchlist")
        else:
            self.writer.update_film(film_id, {"watchlist_added_on": day or date.today()})
            self.on_watchlist.add(film_id)
            self.summary.add("watchlist", "imported")
        self._tick()

    def _like(self, film: dict[str, Any]) -> None:
        film_id = self._film_id(film)
        if film_id in self.liked:
            self.summary.add("likes", "skipped", "already liked")
        else:
            self.writer.update_film(film_id, {"is_liked": True})
            self.liked.add(film_id)
            self.summary.add("likes", "imported")
        self._tick()

    def _entries(self, entries: list[DiaryEntry]) -> set[int]:
        """Add or update every diary entry and review; the films that have one."""
        reviewed: set[int] = set()
        added: set[int] = set()
        for entry in entries:
            film_id = self._film_id(entry.film)
            reviewed.add(film_id)
            uri = entry.values.get("letterboxd_uri")
            existing = self.writer.review_uris.get(uri) if uri else None
            if existing is None and not uri:
                existing = self.writer.find_review(film_id, entry.values["watched_on"], "")
                if existing in added:
                    existing = None  # two viewings on one day in this export: both are kept
            if existing is None:
                added.add(self.writer.add_review(film_id, check_review(entry.values)))
                self.summary.add("reviews", "imported")
            else:
                self._update_review(existing, entry.values)
            self._tick()
        return reviewed

    def _update_review(self, review_id: int, values: dict[str, Any]) -> None:
        """Bring a review imported before up to date with the export; keep it if unchanged."""
        if self.stored is None:
            self.stored = self.writer.letterboxd_reviews()
        current = self.stored.get(review_id) or reviews.get_review(review_id)._asdict()
        changes = {
            name: value
            for name, value in values.items()
            if name not in ("created_at", "updated_at", "where_watched")
            and _differs(current[name], value)
        }
        if changes:
            reviews.update_review(review_id, **changes)
            self.summary.add("reviews", "updated")
        else:
            self.summary.add("reviews", "skipped", "unchanged since the last import")

    def _rating(self, film: dict[str, Any], rating: float | None, reviewed: set[int]) -> None:
        """A rating of a film without diary entries becomes a review holding only the rating."""
        film_id = self._film_id(film)
        self._tick()
        if film_id in reviewed:
            self.summary.add("ratings", "skipped", "the film has diary entries")
            return
        existing = reviews.list_reviews(film_id)
        if not existing:
            self.writer.add_review(film_id, check_review({"rating": rating}))
            self.summary.add("ratings", "imported")
        elif len(existing) == 1 and not existing[0].body and existing[0].rating != rating:
            reviews.update_review(existing[0].id, rating=rating)
            self.summary.add("ratings", "updated")
        else:
            self.summary.add("ratings", "skipped", "the film already has a review")

    def _save_list(self, list_file: ListFile) -> None:
        films = [
            (self._film_id(entry.film), entry.note, entry.position) for entry in list_file.entries
        ]
        outcome = save_list(self.writer, list_file.values, films, replace=True)
        reason = "unchanged since the last import" if outcome == "skipped" else ""
        self.summary.add("lists", outcome, reason)
        self._tick()

    def _comment(self, comment: dict[str, Any]) -> None:
        if self.writer.add_remote_comment(comment):
            self.summary.add("comments", "imported")
        else:
            self.summary.add("comments", "skipped", "already imported")
        self._tick()


def _differs(current: Any, new: Any) -> bool:
    """Whether a stored value and an imported one differ (tags compared as sets, any case)."""
    if isinstance(current, tuple):
        return {tag.casefold() for tag in current} != {tag.casefold() for tag in new}
    return current != new


def import_letterboxd(path: Path, progress: Progress | None = None) -> Summary:
    """Import a Letterboxd export: all of it, or (on any malformed file) none of it."""
    export = ExportReader(ExportFiles(path)).read()
    with bulk_writing() as writer:
        return ExportWriter(writer, export.size(), progress).write(export)
