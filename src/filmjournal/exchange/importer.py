"""Import Markdown reviews and JSON journals: in one transaction, one bad file failing alone."""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filmjournal.exchange.jsonformat import import_journal_file
from filmjournal.exchange.markdown import ParsedComment, ParsedReview, parse_markdown
from filmjournal.journal.bulk import BulkWriter, bulk_writing, check_film, check_review
from filmjournal.journal.errors import JournalError
from filmjournal.journal.records import film_label

Progress = Callable[[int, int, Path], None]
SUFFIXES = (".md", ".markdown", ".json")
MAX_MARKDOWN = 16 * 2**20
"""Bytes of one Markdown review read at most (a long review is a few dozen kilobytes)."""
"""Bytes of one JSON export read at most (20,000 reviews with their threads: about 100 MB)."""


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
    try:
        return _collect(paths)
    except OSError as error:
        where = error.filename or "a path"
        raise ImportPathError(f"{where}: cannot be read ({error.strerror or error})") from None


def _collect(paths: Iterable[Path]) -> list[Path]:
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


class _Refused(Exception):
    """Rolls a strict import back."""


def import_files(
    paths: list[Path], progress: Progress | None = None, *, strict: bool = False
) -> ImportSummary:
    """Import every file in one transaction; a file that fails leaves nothing behind.

    Each file is checked whole before anything of it is written, so a bad file fails alone;
    with ``strict`` a bad file means nothing is written at all.
    """
    summary = ImportSummary()
    with contextlib.suppress(_Refused), bulk_writing() as writer:  # _Refused rolls it all back
        for done, path in enumerate(paths, start=1):
            summary.outcomes.append(_import_one(writer, path))
            if progress is not None:
                progress(done, len(paths), path)
        if strict and summary.count("failed"):
            raise _Refused
    return summary


def _import_one(writer: BulkWriter, path: Path) -> Outcome:
    """Import one file."""
    try:
        if path.suffix.lower() == ".json":
            _check_regular(path)
            added, detail = import_journal_file(writer, path)
            return Outcome(path, "imported" if added else "skipped", detail)
        return import_review(writer, path, parse_markdown(_read(path)))
    except JournalError as error:
        return Outcome(path, "failed", str(error))
    except (ValueError, OverflowError, RecursionError) as error:  # the net: fails this file alone
        return Outcome(path, "failed", f"cannot be read ({type(error).__name__}: {error})")


def _check_regular(path: Path) -> None:
    """Only a regular file is read: a FIFO would hang, a device never end."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise JournalError("is not a regular file")
    except OSError as error:
        raise JournalError(f"cannot be read ({error.strerror or error})") from None


def _read(path: Path) -> str:
    """The file's text exactly (no newline translation); only a regular file of bounded size.

    JSON files are not read whole: they are streamed (see ``import_journal_file``).
    """
    limit = MAX_MARKDOWN
    _check_regular(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise JournalError(f"cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise JournalError(f"is larger than {limit // 2**20} MB: too large to import")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise JournalError(f"line {line}: not UTF-8 text") from None


# One Markdown review ----------------------------------------------------------------------------


def import_review(writer: BulkWriter, path: Path, parsed: ParsedReview) -> Outcome:
    """Add a parsed review (its film matched or created), unless the journal already has it."""
    film = check_film(parsed.film)
    review = check_review(parsed.review, parsed.quotes, _threads(parsed.comments))
    label = film_label(film["title"], film.get("year"))
    film_id = writer.find_film(film["title"], film.get("year"))
    if film_id is None:
        film_id = writer.add_film(film)  # or the film in the trash: the review goes there
        if film_id not in writer.into_trash:
            return Outcome(path, "imported", label, writer.add_review(film_id, review))
        label += ", in the trash"
    existing = writer.find_review(
        film_id, review.values.get("watched_on"), review.values.get("headline", "")
    )
    if existing is not None:
        return Outcome(path, "skipped", f"already in the journal ({label})", existing)
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
