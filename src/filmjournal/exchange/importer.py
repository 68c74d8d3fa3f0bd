"""Import Markdown reviews and JSON journals: in one transaction, one bad file failing alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filmjournal.exchange.jsonformat import load_json
from filmjournal.exchange.markdown import ParsedComment, ParsedReview, parse_markdown
from filmjournal.journal import films, quotes
from filmjournal.journal.bulk import BulkWriter, NewReview, check_film, check_review
from filmjournal.journal.errors import JournalError
from filmjournal.journal.lists import save_list
from filmjournal.journal.models import db
from filmjournal.journal.records import film_label
from filmjournal.journal.validation import clean_day, clean_timestamp

Progress = Callable[[int, int, Path], None]
SUFFIXES = (".md", ".markdown", ".json")


class ImportPathError(JournalError):
    """A path given to import that cannot be imported at all."""


@dataclass
class Outcome:
    """What happened to one file."""

    path: Path
    status: str  # "imported", "skipped" or "failed"
    detail: str = ""
    review_id: int | None = None


@dataclass
class ImportSummary:
    """Every file's outcome, and the totals."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many files ended with this status."""
        return sum(outcome.status == status for outcome in self.outcomes)

    def line(self) -> str:
        """``3 imported, 1 skipped, 1 failed``."""
        return ", ".join(
            f"{self.count(status)} {status}" for status in ("imported", "skipped", "failed")
        )


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: each file given, and the Markdown and JSON files in each folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                child
                for child in path.iterdir()
                if child.is_file()
                and child.suffix.lower() in SUFFIXES
                and not child.name.startswith(".")
            )
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise ImportPathError(f"{path}: not a .md or .json file")
            found.append(path)
        elif path.exists():
            raise ImportPathError(f"{path}: not a file or folder")
        else:
            raise ImportPathError(f"{path}: no such file or folder")
    return found


def import_files(paths: list[Path], progress: Progress | None = None) -> ImportSummary:
    """Import every file in one transaction; a file that fails leaves nothing behind.

    Each file is checked whole before anything of it is written, so a bad file fails alone.
    """
    summary = ImportSummary()
    with db.atomic():
        writer = BulkWriter()
        for done, path in enumerate(paths, start=1):
            summary.outcomes.append(_import_one(writer, path))
            if progress is not None:
                progress(done, len(paths), path)
        writer.finish()
    return summary


def _import_one(writer: BulkWriter, path: Path) -> Outcome:
    """Import one file."""
    try:
        text = _read(path)
        if path.suffix.lower() == ".json":
            return _import_json(writer, path, text)
        return import_review(writer, path, parse_markdown(text))
    except JournalError as error:
        return Outcome(path, "failed", str(error))


def _read(path: Path) -> str:
    """The file's text exactly (no newline translation)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read().removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise JournalError("is not UTF-8 text") from None
    except OSError as error:
        raise JournalError(f"cannot be read ({error.strerror or error})") from None


# One Markdown review ----------------------------------------------------------------------------


def import_review(writer: BulkWriter, path: Path, parsed: ParsedReview) -> Outcome:
    """Add a parsed review (its film matched or created), unless the journal already has it."""
    film = check_film(parsed.film)
    review = check_review(parsed.review, parsed.quotes, _threads(parsed.comments))
    label = film_label(film["title"], film.get("year"))
    film_id = writer.find_film(film["title"], film.get("year"))
    if film_id is not None:
        existing = writer.find_review(
            film_id, review.values.get("watched_on"), review.values.get("headline", "")
        )
        if existing is not None:
            return Outcome(path, "skipped", f"already in the journal ({label})", existing)
    else:
        film_id = writer.add_film(film)
    return Outcome(path, "imported", label, writer.add_review(film_id, review))


def _threads(comments: list[ParsedComment]) -> list[tuple[dict[str, Any], list]]:
    """Parsed comments as ``(values, replies)`` pairs for :func:`check_review`."""
    pairs = []
    for comment in comments:
        values: dict[str, Any] = {"author": comment.author, "body": comment.body}
        if comment.created_at is not None:
            values["created_at"] = comment.created_at
        pairs.append((values, _threads(comment.replies)))
    return pairs


# A JSON journal ---------------------------------------------------------------------------------


@dataclass
class _JsonFilm:
    """One film of a JSON export, every value checked."""

    values: dict[str, Any]
    reviews: list[NewReview]
    quotes: list[tuple[int | None, dict[str, Any]]]


def _import_json(writer: BulkWriter, path: Path, text: str) -> Outcome:
    """Import a JSON export: checked whole first, then what the journal lacks is added."""
    data = load_json(text)
    planned = []
    for index, film in enumerate(data["films"]):
        try:
            planned.append(_check_json_film(film))
        except JournalError as error:
            raise JournalError(f"films[{index}]: {error}") from None
    lists = [
        _check_json_list(index, item, len(planned)) for index, item in enumerate(data["lists"])
    ]
    remote = [
        _check_remote_comment(index, item) for index, item in enumerate(data["remote_comments"])
    ]
    totals = {"films": 0, "reviews": 0, "quotes": 0, "lists": 0, "reviews already there": 0}
    film_ids = [_add_json_film(writer, film, totals) for film in planned]
    for values, entries in lists:
        films_of_list = [(film_ids[film], note, position) for film, position, note in entries]
        added = save_list(writer, values, films_of_list, replace=False) == "imported"
        totals["lists"] += added
    for comment in remote:
        writer.add_remote_comment(comment)
    detail = ", ".join(f"{number} {name}" for name, number in totals.items())
    added = totals["films"] + totals["reviews"] + totals["quotes"] + totals["lists"]
    status = "imported" if added or not totals["reviews already there"] else "skipped"
    return Outcome(path, status, detail)


def _check_json_list(index: int, data: dict[str, Any], film_count: int) -> tuple[dict, list]:
    """A list of a JSON export: its values and its entries (film index, position, note)."""
    where = f"lists[{index}]"
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise JournalError(f"{where}: name must not be empty")
    values = _pick(
        data, "name", "description", "tags", "letterboxd_uri", "created_at", "updated_at"
    )
    if data.get("created_on"):
        values["created_on"] = clean_day("list date", data["created_on"])
    for key in ("created_at", "updated_at"):
        if key in values:
            values[key] = clean_timestamp(key, values[key])
    entries = []
    for number, entry in enumerate(_list(data, "entries")):
        film = entry.get("film") if isinstance(entry, dict) else None
        position = entry.get("position") if isinstance(entry, dict) else None
        if not isinstance(film, int) or not 0 <= film < film_count or not isinstance(position, int):
            raise JournalError(f"{where}: entries[{number}] needs a film index and a position")
        entries.append((film, position, str(entry.get("note") or "")))
    return values, entries


def _check_remote_comment(index: int, data: dict[str, Any]) -> dict[str, Any]:
    if not data.get("url") or not data.get("body"):
        raise JournalError(f"remote_comments[{index}]: url and body must not be empty")
    values = {"url": str(data["url"]), "body": str(data["body"])}
    if data.get("written_on"):
        values["written_on"] = clean_day("comment date", data["written_on"])
    if data.get("created_at"):
        values["created_at"] = clean_timestamp("created", data["created_at"])
    return values


def _check_json_film(data: Any) -> _JsonFilm:
    """Check one film of a JSON export with its reviews, quotes and comments."""
    if not isinstance(data, dict):
        raise JournalError("must be an object")
    keys = ("title", "year", "original_title", "directors", "letterboxd_uri")
    extra = ("watchlist_added_on", "created_at", "updated_at")
    values = check_film(_pick(data, *keys, *extra))
    if data.get("liked"):
        values["is_liked"] = True
    reviews = []
    for index, review in enumerate(_list(data, "reviews")):
        try:
            reviews.append(_check_json_review(review))
        except JournalError as error:
            raise JournalError(f"reviews[{index}]: {error}") from None
    quotes = []
    for index, quote in enumerate(_list(data, "quotes")):
        try:
            quotes.append(_check_json_quote(quote, len(reviews)))
        except JournalError as error:
            raise JournalError(f"quotes[{index}]: {error}") from None
    return _JsonFilm(values, reviews, quotes)


def _check_json_review(data: Any) -> NewReview:
    if not isinstance(data, dict):
        raise JournalError("must be an object")
    keys = ("headline", "body", "watched_on", "where_watched", "rating", "tags")
    values = _pick(data, *keys, "letterboxd_uri", "created_at", "updated_at")
    for key, name in (
        ("rewatch", "is_rewatch"),
        ("liked", "is_liked"),
        ("spoilers", "has_spoilers"),
    ):
        if key in data:
            values[name] = data[key]
    return check_review(values, (), _json_threads(_list(data, "comments")))


def _json_threads(thread: list[Any]) -> list[tuple[dict[str, Any], list]]:
    pairs = []
    for index, data in enumerate(thread):
        if not isinstance(data, dict):
            raise JournalError(f"comments[{index}] must be an object")
        values = _pick(data, "author", "body", "created_at")
        pairs.append((values, _json_threads(_list(data, "replies"))))
    return pairs


def _check_json_quote(data: Any, review_count: int) -> tuple[int | None, dict[str, Any]]:
    if not isinstance(data, dict):
        raise JournalError("must be an object")
    values = _pick(data, "text", "speaker", "note", "created_at", "updated_at")
    values["is_favourite"] = data.get("favourite", False)
    values["film_time"] = data.get("position")
    review = data.get("review")
    if review is not None and (not isinstance(review, int) or not 0 <= review < review_count):
        raise JournalError(f"review must be the index of one of the film's reviews, got {review!r}")
    (checked,) = check_review({}, [values]).quotes
    return review, checked


def _add_json_film(writer: BulkWriter, film: _JsonFilm, totals: dict[str, int]) -> int:
    """Add what the journal lacks of one checked film; the film's id."""
    film_id, created = writer.film_for(film.values)
    totals["films"] += created
    known: set[tuple[str, str]] = set()
    if not created:
        current = films.get_film(film_id)
        watchlist = film.values.get("watchlist_added_on")
        if watchlist is not None and current.watchlist_added_on is None:
            films.set_watchlist(film_id, True, added_on=watchlist)
        if film.values.get("is_liked") and not current.is_liked:
            writer.update_film(film_id, {"is_liked": True})
        known = {(quote.text, quote.speaker) for quote in quotes.list_quotes(film_id)}
    review_ids = []
    for review in film.reviews:
        values = review.values
        existing = writer.find_review(film_id, values.get("watched_on"), values.get("headline", ""))
        if existing is None:
            review_ids.append(writer.add_review(film_id, review))
            totals["reviews"] += 1
        else:
            review_ids.append(existing)
            totals["reviews already there"] += 1
    for review_index, quote in film.quotes:
        if (quote["text"], quote.get("speaker", "")) in known:
            continue
        review_id = review_ids[review_index] if review_index is not None else None
        writer.add_quote(film_id, {**quote, "review_id": review_id})
        totals["quotes"] += 1
    return film_id


def _pick(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The given keys that are present and not null."""
    return {key: data[key] for key in keys if data.get(key) is not None}


def _list(data: dict[str, Any], key: str) -> list[Any]:
    """A list member of an object (absent is empty)."""
    value = data.get(key) or []
    if not isinstance(value, list):
        raise JournalError(f"{key} must be a list")
    return value
