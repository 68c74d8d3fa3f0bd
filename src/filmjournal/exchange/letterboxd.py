"""Import a Letterboxd account export (the zip, or its folder) in one transaction.

Every file is read and every row checked before anything is written: a malformed file stops
the import with its name, line and field, and the journal stays as it was. Re-importing the same
export (or a newer one of the same account) adds what is new and updates what changed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from filmjournal.exchange.review_html import html_to_markdown
from filmjournal.journal import reviews
from filmjournal.journal.bulk import BulkWriter, check_film, check_review
from filmjournal.journal.errors import JournalError, ValidationError
from filmjournal.journal.lists import save_list
from filmjournal.journal.models import db
from filmjournal.journal.validation import clean_day, clean_rating

Progress = Callable[[int, int], None]

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
IMPORT_FORMAT = "import-format.csv"
"""A CSV in Letterboxd's import format (what ``export --to letterboxd`` writes) is read as this."""
LIST_COLUMNS = ("Date", "Name", "Tags", "URL", "Description")
ENTRY_COLUMNS = ("Position", "Name", "Year", "URL", "Description")

PLACES = {
    "on-netflix": "Netflix",
    "on-amazon-prime": "Amazon Prime Video",
    "on-amazon": "Amazon Prime Video",
    "on-prime-video": "Amazon Prime Video",
    "on-hbomax": "HBO Max",
    "on-hbo-max": "HBO Max",
    "on-max": "Max",
    "on-hulu": "Hulu",
    "on-disney-plus": "Disney+",
    "on-disneyplus": "Disney+",
    "on-apple-tv": "Apple TV+",
    "on-apple-tv-plus": "Apple TV+",
    "on-mubi": "MUBI",
    "on-criterion-channel": "Criterion Channel",
    "on-shudder": "Shudder",
    "on-youtube": "YouTube",
    "on-vimeo": "Vimeo",
    "on-kanopy": "Kanopy",
    "on-tubi": "Tubi",
    "on-plex": "Plex",
    "on-peacock": "Peacock",
    "on-paramount-plus": "Paramount+",
    "on-bd": "Blu-ray",
    "on-blu-ray": "Blu-ray",
    "on-bluray": "Blu-ray",
    "on-uhd-bd": "4K Blu-ray",
    "on-dvd": "DVD",
    "on-vhs": "VHS",
    "on-tv": "TV",
    "on-a-plane": "plane",
    "in-theaters": "cinema",
    "in-theatres": "cinema",
    "in-cinema": "cinema",
    "in-cinemas": "cinema",
    "at-the-cinema": "cinema",
    "at-the-movies": "cinema",
    "at-the-theater": "cinema",
    "at-the-theatre": "cinema",
    "at-home": "home",
}
"""Tags that clearly name where a film was watched (spaces and case ignored)."""


class LetterboxdError(JournalError):
    """The export cannot be imported: the message names the file, line and field."""


def place_of(tags: list[str]) -> str:
    """Where the film was watched, from the first tag that clearly names a place or service."""
    for tag in tags:
        place = PLACES.get("-".join(tag.casefold().replace("_", " ").split()))
        if place:
            return place
    return ""


# Reading the export -----------------------------------------------------------------------------


class ExportFiles:
    """The CSV files of an export, from the zip or from its unpacked folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.texts: dict[str, str] = {}
        if path.is_file() and path.suffix.lower() == ".csv":
            self.texts[IMPORT_FORMAT] = _decode(path, path.read_bytes())
            return
        if path.is_dir():
            for file in path.rglob("*.csv"):
                self.texts[file.relative_to(path).as_posix()] = _decode(path, file.read_bytes())
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".csv") and not name.startswith("__MACOSX/"):
                        self.texts[name] = _decode(path, archive.read(name))
        elif path.exists():
            raise LetterboxdError(f"{path}: not a Letterboxd export (a .zip or its folder)")
        else:
            raise LetterboxdError(f"{path}: no such file or folder")
        self._strip_top_folder()
        if not any(name in self.texts for name in ("diary.csv", "watched.csv", "ratings.csv")):
            raise LetterboxdError(
                f"{path}: not a Letterboxd export (no diary.csv, watched.csv or ratings.csv)"
            )

    def _strip_top_folder(self) -> None:
        """Exports unpacked into one more folder read the same."""
        tops = {PurePosixPath(name).parts[0] for name in self.texts}
        if len(tops) == 1 and not any(name.count("/") == 0 for name in self.texts):
            top = tops.pop()
            self.texts = {name[len(top) + 1 :]: text for name, text in self.texts.items()}

    def get(self, name: str) -> str | None:
        """A file's text, if the export has it."""
        return self.texts.get(name)

    def under(self, folder: str) -> list[str]:
        """The CSV files in a folder of the export, by name."""
        return sorted(name for name in self.texts if name.startswith(f"{folder}/"))


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LetterboxdError(f"{path}: a file of the export is not UTF-8 text") from None


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


def read_rows(name: str, text: str, columns: tuple[str, ...]) -> list[Row]:
    """The records of a CSV file; a missing column stops the import."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [column for column in columns if column not in header]
    if missing:
        raise LetterboxdError(f"{name} line 1: missing column {missing[0]}")
    rows = []
    start = 2
    for values in reader:
        rows.append(Row(name, start, values))
        start = reader.line_num + 1
    return rows


# Checking values --------------------------------------------------------------------------------


def _day(row: Row, column: str) -> date | None:
    """A date column, checked by the journal's own rule (blank is no date)."""
    try:
        return clean_day(column, row[column])
    except ValidationError as error:
        raise row.fail(column, error.problem) from None


def _rating(row: Row) -> float | None:
    value = row["Rating"]
    if not value:
        return None
    try:
        return clean_rating(float(value))
    except (ValueError, ValidationError):
        raise row.fail("Rating", f"must be 0.5 to 5 in half steps, got {value!r}") from None


def _rewatch(row: Row) -> bool:
    value = row["Rewatch"].casefold()
    if value not in ("", "yes", "no"):
        raise row.fail("Rewatch", f"must be Yes or empty, got {row['Rewatch']!r}")
    return value == "yes"


def _tags(row: Row) -> list[str]:
    return [tag.strip() for tag in row["Tags"].split(",") if tag.strip()]


def _film(row: Row, uri_column: str | None = "Letterboxd URI") -> dict[str, Any]:
    """The film a row names, checked; with its Letterboxd URI when the row gives the film's."""
    values: dict[str, Any] = {"title": row["Name"], "year": row["Year"] or None}
    if uri_column and row[uri_column]:
        values["letterboxd_uri"] = row[uri_column]
    try:
        return check_film(values)
    except ValidationError as error:
        column = {"title": "Name", "year": "Year"}.get(error.field, error.field)
        raise row.fail(column, error.problem) from None


def _moment(day: date | None) -> datetime | None:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None


# The import -------------------------------------------------------------------------------------


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
        for kind in ("films", "reviews", "ratings", "watchlist", "likes", "lists", "comments"):
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
class _Entry:
    """A diary entry or review to import."""

    row: Row
    film: dict[str, Any]
    values: dict[str, Any]


class LetterboxdImport:
    """Reads and checks a whole export, then writes it through a bulk writer."""

    def __init__(self, files: ExportFiles, progress: Progress | None = None) -> None:
        self.files = files
        self.progress = progress
        self.summary = Summary()
        self.done = 0
        self.total = 0
        self.stored: dict[int, dict[str, Any]] | None = None

    # Reading ------------------------------------------------------------------------------

    def rows(self, name: str, columns: tuple[str, ...]) -> list[Row]:
        text = self.files.get(name)
        return [] if text is None else read_rows(name, text, columns)

    def entries(self) -> list[_Entry]:
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
            entries.append(self._entry(row, text_row))
        entries += [self._entry(row, row) for row in written if id(row) not in used]
        return entries

    def _import_format_entries(self) -> list[_Entry]:
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
            entry = self._entry(Row(row.file, row.line, diary), Row(row.file, row.line, diary))
            if row["LetterboxdURI"]:
                entry.film["letterboxd_uri"] = row["LetterboxdURI"]
            entries.append(entry)
        return entries

    def _entry(self, row: Row, text_row: Row | None) -> _Entry:
        logged = _day(row, "Date")
        watched = _day(row, "Watched Date") or logged
        tags = _tags(row)
        values: dict[str, Any] = {
            "watched_on": watched,
            "rating": _rating(row),
            "is_rewatch": _rewatch(row),
            "tags": tags,
            "where_watched": place_of(tags),
            "body": html_to_markdown(text_row["Review"]) if text_row is not None else "",
            "letterboxd_uri": row["Letterboxd URI"] or None,
        }
        if logged:
            values["created_at"] = values["updated_at"] = _moment(logged)
        try:
            check_review(values)
        except ValidationError as error:
            raise row.fail(error.field, error.problem) from None
        return _Entry(row, _film(row, uri_column=None), values)

    def film_rows(
        self, name: str, columns: tuple[str, ...] = FILM_COLUMNS
    ) -> list[tuple[Row, dict]]:
        return [(row, _film(row)) for row in self.rows(name, columns)]

    def lists(self) -> list[tuple[Row, dict[str, Any], list[tuple[Row, dict, str, int]]]]:
        """Every list: its row, its values and its entries (row, film, note, position)."""
        found = []
        for name in self.files.under("lists"):
            found.append(self._read_list(name, self.files.get(name) or ""))
        return found

    def _read_list(self, name: str, text: str) -> tuple[Row, dict[str, Any], list]:
        """A list file, with or without the ``Letterboxd list export v7`` first line."""
        records = list(csv.reader(io.StringIO(text, newline="")))
        lines = _record_lines(text)
        header = next(
            (i for i, record in enumerate(records) if tuple(record[:5]) == LIST_COLUMNS), None
        )
        if header is None or header + 1 >= len(records):
            raise LetterboxdError(f"{name} line 1: missing column Date (no list header)")
        info = Row(
            name, lines[header + 1], dict(zip(LIST_COLUMNS, records[header + 1], strict=False))
        )
        values = {
            "name": info["Name"],
            "description": html_to_markdown(info.values.get("Description") or ""),
            "tags": info["Tags"],
            "letterboxd_uri": info["URL"] or None,
            "created_on": _day(info, "Date"),
        }
        if not values["name"]:
            raise info.fail("Name", "is empty")
        start = next(
            (i for i, record in enumerate(records) if tuple(record[:5]) == ENTRY_COLUMNS), None
        )
        entries = []
        if start is not None:
            for index in range(start + 1, len(records)):
                if not records[index]:
                    continue
                row = Row(
                    name, lines[index], dict(zip(ENTRY_COLUMNS, records[index], strict=False))
                )
                try:
                    position = int(row["Position"])
                except ValueError:
                    raise row.fail(
                        "Position", f"must be a number, got {row['Position']!r}"
                    ) from None
                note = html_to_markdown(row.values.get("Description") or "")
                entries.append((row, _film(row, "URL"), note, position))
        return info, values, entries

    # Writing ------------------------------------------------------------------------------

    def run(self) -> Summary:
        """Read and check everything, then write it in one transaction."""
        watched = self.film_rows("watched.csv")
        ratings = [
            (row, film, _rating(row)) for row, film in self.film_rows("ratings.csv", RATING_COLUMNS)
        ]
        watchlist = [
            (row, film, _day(row, "Date")) for row, film in self.film_rows("watchlist.csv")
        ]
        likes = self.film_rows("likes/films.csv")
        entries = self.entries()
        lists = self.lists()
        comments = self.rows("comments.csv", COMMENT_COLUMNS)
        for row in comments:
            _day(row, "Date")
            if not row["Comment"]:
                raise row.fail("Comment", "is empty")
        self.summary.deleted = sum(
            1 if name.startswith("deleted/lists/") else len(self.rows(name, ()))
            for name in self.files.under("deleted")
        )
        self.total = len(watched) + len(ratings) + len(watchlist) + len(likes) + len(entries)
        self.total += len(lists) + len(comments)
        with db.atomic():
            writer = BulkWriter()
            self.writer = writer
            self.uri_of_film = {film_id: uri for uri, film_id in writer.film_uris.items()}
            state = "SELECT id, watchlist_added_on IS NOT NULL, is_liked FROM film"
            rows = list(db.execute_sql(state))
            self.on_watchlist = {film_id for film_id, listed, _ in rows if listed}
            self.liked = {film_id for film_id, _, liked in rows if liked}
            for _row, film in watched:
                self._film_id(film)
                self._tick()
            for _row, film, day in watchlist:
                self._watchlist(film, day)
            for _row, film in likes:
                self._like(film)
            reviewed = self._entries(entries)
            for _row, film, rating in ratings:
                self._rating(film, rating, reviewed)
            for _info, values, list_entries in lists:
                self._list(values, list_entries)
            self._comments(comments)
            writer.finish()
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

    def _entries(self, entries: list[_Entry]) -> set[int]:
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

    def _stored_reviews(self) -> dict[int, dict[str, Any]]:
        """What the journal holds of every review imported from Letterboxd, read once."""
        stored: dict[int, dict[str, Any]] = {}
        query = """SELECT id, watched_on, rating, is_rewatch, body, letterboxd_uri FROM review
            WHERE letterboxd_uri IS NOT NULL AND deleted_at IS NULL"""
        for review_id, watched, rating, rewatch, body, uri in db.execute_sql(query):
            stored[review_id] = {
                "watched_on": date.fromisoformat(watched) if watched else None,
                "rating": rating,
                "is_rewatch": bool(rewatch),
                "body": body,
                "letterboxd_uri": uri,
                "tags": (),
            }
        tags = """SELECT review_tag.review_id, tag.name FROM review_tag
            JOIN tag ON tag.id = review_tag.tag_id"""
        for review_id, name in db.execute_sql(tags):
            if review_id in stored:
                stored[review_id]["tags"] += (name,)
        return stored

    def _update_review(self, review_id: int, values: dict[str, Any]) -> None:
        """Bring a review imported before up to date with the export; keep it if unchanged."""
        if self.stored is None:
            self.stored = self._stored_reviews()
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

    def _list(self, values: dict[str, Any], entries: list) -> None:
        films = [(self._film_id(film), note, position) for _row, film, note, position in entries]
        outcome = save_list(self.writer, values, films, replace=True)
        reason = "unchanged since the last import" if outcome == "skipped" else ""
        self.summary.add("lists", outcome, reason)
        self._tick()

    def _comments(self, rows: list[Row]) -> None:
        for row in rows:
            values = {
                "url": row["Content"],
                "written_on": _day(row, "Date"),
                "body": row.values["Comment"],
            }
            if self.writer.add_remote_comment(values):
                self.summary.add("comments", "imported")
            else:
                self.summary.add("comments", "skipped", "already imported")
            self._tick()


def _differs(current: Any, new: Any) -> bool:
    """Whether a stored value and an imported one differ (tags compared as sets, any case)."""
    if isinstance(current, tuple):
        return {tag.casefold() for tag in current} != {tag.casefold() for tag in new}
    return current != new


def _record_lines(text: str) -> list[int]:
    """The line each CSV record starts on (records may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts = []
    start = 1
    for _record in reader:
        starts.append(start)
        start = reader.line_num + 1
    return starts


def import_letterboxd(path: Path, progress: Progress | None = None) -> Summary:
    """Import a Letterboxd export: all of it, or (on any malformed file) none of it."""
    return LetterboxdImport(ExportFiles(path), progress).run()
