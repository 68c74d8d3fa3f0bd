"""Import Markdown reviews and JSON journals: in one transaction, one bad file failing alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filmjournal.exchange.jsonformat import load_json
from filmjournal.exchange.markdown import ParsedComment, ParsedReview, parse_markdown
from filmjournal.journal import comments, films, quotes, reviews
from filmjournal.journal.errors import JournalError
from filmjournal.journal.models import db
from filmjournal.journal.records import Film
from filmjournal.journal.validation import clean_day, clean_line, clean_watched_on, clean_year

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
    """Import every file in one transaction; a file that fails is rolled back alone."""
    summary = ImportSummary()
    with db.atomic():
        for done, path in enumerate(paths, start=1):
            summary.outcomes.append(_import_one(path))
            if progress is not None:
                progress(done, len(paths), path)
    return summary


def _import_one(path: Path) -> Outcome:
    """Import one file inside its own savepoint."""
    try:
        text = _read(path)
        with db.atomic():
            if path.suffix.lower() == ".json":
                return _import_json(path, text)
            return import_review(path, parse_markdown(text))
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


def import_review(path: Path, parsed: ParsedReview) -> Outcome:
    """Add a parsed review (its film matched or created), unless the journal already has it."""
    film = _film_for(parsed.film)
    existing = _same_review(film.id, parsed.review)
    if existing is not None:
        return Outcome(path, "skipped", f"already in the journal ({film.label})", existing)
    review = reviews.create_review(film.id, **parsed.review)
    for quote in parsed.quotes:
        quotes.create_quote(film.id, review_id=review.id, **quote)
    _add_comments(review.id, parsed.comments, None)
    return Outcome(path, "imported", film.label, review.id)


def _film_for(fields: dict[str, Any]) -> Film:
    """The journal's film with this title and year, created if it is new."""
    year = clean_year(fields.get("year"))
    return films.find_film(clean_line("film", fields["title"], required=True), year) or (
        films.create_film(**fields)
    )


def _same_review(film_id: int, fields: dict[str, Any]) -> int | None:
    """The id of a review of this film with the same watched date and headline, if any."""
    watched = clean_watched_on(fields.get("watched_on"))
    headline = clean_line("headline", fields.get("headline"))
    for review in reviews.list_reviews(film_id):
        if review.watched_on == watched and review.headline == headline:
            return review.id
    return None


def _add_comments(review_id: int, thread: list[ParsedComment], parent_id: int | None) -> None:
    for comment in thread:
        added = comments.add_comment(
            review_id,
            comment.body,
            author=comment.author,
            parent_id=parent_id,
            created_at=comment.created_at,
        )
        _add_comments(review_id, comment.replies, added.id)


# A JSON journal ---------------------------------------------------------------------------------


def _import_json(path: Path, text: str) -> Outcome:
    """Import every film of a JSON export; films, reviews and quotes already there are kept."""
    totals = {"films": 0, "reviews": 0, "quotes": 0, "reviews already there": 0}
    for index, data in enumerate(load_json(text)):
        try:
            for name, number in _import_json_film(data).items():
                totals[name] += number
        except JournalError as error:
            raise JournalError(f"films[{index}]: {error}") from None
    detail = ", ".join(f"{number} {name}" for name, number in totals.items())
    added = totals["films"] + totals["reviews"] + totals["quotes"]
    return Outcome(
        path, "imported" if added or not totals["reviews already there"] else "skipped", detail
    )


def _import_json_film(data: dict[str, Any]) -> dict[str, int]:
    """One film of a JSON export with its reviews, quotes and comments: what was added."""
    if not isinstance(data, dict):
        raise JournalError("must be an object")
    added = {"films": 0, "reviews": 0, "quotes": 0, "reviews already there": 0}
    fields = _pick(data, "title", "year", "original_title", "directors", "letterboxd_uri")
    title = clean_line("title", data.get("title"), required=True)
    film = films.find_film(title, clean_year(data.get("year")))
    if film is None:
        extra = _pick(data, "watchlist_added_on", "created_at", "updated_at")
        film = films.create_film(**fields, **extra)
        added["films"] += 1
    elif data.get("watchlist_added_on") and film.watchlist_added_on is None:
        day = clean_day("watchlist date", data["watchlist_added_on"])
        films.set_watchlist(film.id, True, added_on=day)
    review_ids: dict[int, int] = {}
    for index, review in enumerate(_list(data, "reviews")):
        try:
            review_ids[index], is_new = _import_json_review(film.id, review)
        except JournalError as error:
            raise JournalError(f"reviews[{index}]: {error}") from None
        added["reviews" if is_new else "reviews already there"] += 1
    known = {(quote.text, quote.speaker) for quote in quotes.list_quotes(film.id)}
    for index, quote in enumerate(_list(data, "quotes")):
        try:
            added["quotes"] += _import_json_quote(film.id, quote, review_ids, known)
        except JournalError as error:
            raise JournalError(f"quotes[{index}]: {error}") from None
    return added


def _import_json_review(film_id: int, data: dict[str, Any]) -> tuple[int, bool]:
    """Add a review unless the film already has it; its id and whether it is new."""
    if not isinstance(data, dict):
        raise JournalError("must be an object")
    fields = _pick(
        data,
        "headline",
        "body",
        "watched_on",
        "where_watched",
        "rating",
        "tags",
        "letterboxd_uri",
        "created_at",
        "updated_at",
    )
    for key, name in (
        ("rewatch", "is_rewatch"),
        ("liked", "is_liked"),
        ("spoilers", "has_spoilers"),
    ):
        if key in data:
            fields[name] = data[key]
    existing = _same_review(film_id, fields)
    if existing is not None:
        return existing, False
    review = reviews.create_review(film_id, **fields)
    _add_json_comments(review.id, _list(data, "comments"), None)
    return review.id, True


def _import_json_quote(
    film_id: int, data: dict[str, Any], review_ids: dict[int, int], known: set
) -> bool:
    """Add a quote unless the film already has the same words from the same speaker."""
    if not isinstance(data, dict):
        raise JournalError("must be an object")
    text, speaker = data.get("text"), data.get("speaker") or ""
    if (text, speaker) in known:
        return False
    fields = _pick(data, "speaker", "note", "created_at", "updated_at")
    fields["is_favourite"] = data.get("favourite", False)
    fields["film_time"] = data.get("position")
    review = data.get("review")
    if review is not None:
        if not isinstance(review, int) or review not in review_ids:
            raise JournalError(
                f"review must be the index of one of the film's reviews, got {review!r}"
            )
        fields["review_id"] = review_ids[review]
    quotes.create_quote(film_id, text, **fields)  # type: ignore[arg-type]
    known.add((text, speaker))
    return True


def _add_json_comments(review_id: int, thread: list[Any], parent_id: int | None) -> None:
    for index, data in enumerate(thread):
        if not isinstance(data, dict):
            raise JournalError(f"comments[{index}] must be an object")
        added = comments.add_comment(
            review_id,
            data.get("body"),  # type: ignore[arg-type]
            author=data.get("author") or "",
            parent_id=parent_id,
            created_at=data.get("created_at"),  # type: ignore[arg-type]
        )
        _add_json_comments(review_id, _list(data, "replies"), added.id)


def _pick(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The given keys that are present and not null."""
    return {key: data[key] for key in keys if data.get(key) is not None}


def _list(data: dict[str, Any], key: str) -> list[Any]:
    """A list member of an object (absent is empty)."""
    value = data.get(key) or []
    if not isinstance(value, list):
        raise JournalError(f"{key} must be a list")
    return value
