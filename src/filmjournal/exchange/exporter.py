"""Export one review or the whole journal, as Markdown files or JSON."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from filmjournal.exchange.files import (
    ExportError,
    ensure_folder,
    free_path,
    review_file_name,
    write_atomically,
    write_new,
)
from filmjournal.exchange.jsonformat import json_text, snapshot_to_json
from filmjournal.exchange.markdown import review_to_markdown
from filmjournal.journal import films, reviews
from filmjournal.journal.database import check_integrity
from filmjournal.journal.errors import NotFoundError
from filmjournal.journal.filters import Filter, matching_review_ids
from filmjournal.journal.records import ReviewDetail
from filmjournal.journal.snapshot import (
    Snapshot,
    count_live_reviews,
    snapshot_in_parts,
    take_snapshot,
)

JOURNAL_JSON_NAME = "filmjournal.json"
_TITLE_AND_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?P<year>\d{4})\)\s*$")

Progress = Callable[[int, int], None]


@dataclass
class Exported:
    """Where an export went: a file, or the text itself when written to standard output."""

    path: Path | None
    text: str = ""
    count: int = 1


def resolve_review(reference: str) -> int:
    """A review id from ``42`` or from a film as ``Her (2013)`` (its latest review)."""
    reference = reference.strip()
    if reference.isdigit():
        return int(reference)
    match = _TITLE_AND_YEAR.match(reference)
    title, year = (match["title"], int(match["year"])) if match else (reference, None)
    film = films.find_film(title, year)
    if film is None and year is None:
        candidates = films.films_titled(title)
        if len(candidates) > 1:
            labels = ", ".join(candidate.label for candidate in candidates[:5])
            raise ExportError(f"several films are called {title!r} ({labels}): add the year")
        film = candidates[0] if candidates else None
    if film is None:
        raise ExportError(f"no review or film matches {reference!r}")
    latest = reviews.latest_review(film.id)
    if latest is None:
        raise ExportError(f"{film.label} has no review yet")
    return latest.id


def file_name(detail: ReviewDetail, fmt: str) -> str:
    """``2014-05-02-her-2013.md``: the watched date (else the day it was written), film, year."""
    day = detail.review.watched_on or detail.review.created_at.astimezone().date()
    return review_file_name(day, detail.film.title, detail.film.year, fmt)


def export_review(
    review_id: int, output: str | None, fmt: str = "md", *, force: bool = False
) -> Exported:
    """Write one review to a file, into a folder, or (``-``) return its text for standard output.

    ``output`` is a folder when it exists as one, ends with a slash or has no file extension.
    """
    snapshot = take_snapshot([review_id])
    detail = next(snapshot.details(), None)
    if detail is None:
        raise NotFoundError("review", review_id)
    text = snapshot_to_json(snapshot) if fmt == "json" else review_to_markdown(detail)
    if output == "-":
        return Exported(None, text)
    try:
        path = _review_path(detail, Path(output) if output else Path.cwd(), output, fmt, force)
    except OSError as error:  # a name too long, a folder that cannot be read…
        raise ExportError(f"{output}: cannot be written ({error.strerror or error})") from None
    write_atomically(path, text)
    return Exported(path)


def _review_path(
    detail: ReviewDetail, target: Path, output: str | None, fmt: str, force: bool
) -> Path:
    """Where one review goes: into ``target`` if it is a folder, else as ``target``."""
    if target.is_dir() or not target.suffix or (output or "").endswith(("/", "\\")):
        ensure_folder(target)
        return free_path(target, file_name(detail, fmt), force=force)
    if not target.parent.is_dir():
        raise ExportError(f"{target.parent}: no such folder")
    return free_path(target.parent, target.name, force=force)


def export_all(
    folder: Path,
    fmt: str = "md",
    *,
    force: bool = False,
    progress: Progress | None = None,
    chosen: Filter | None = None,
) -> Exported:
    """Every review as a Markdown file in ``folder``, or the whole journal as one JSON file;
    with a filter, the reviews (and films) it chooses.

    The journal is read a few hundred films at a time, so an export of any size holds only
    those films' texts in memory.
    """
    ensure_folder(folder)
    check_integrity()
    if fmt == "json":
        return _export_json(folder, force=force, progress=progress, chosen=chosen)
    total = len(matching_review_ids(chosen)) if chosen else count_live_reviews()
    done = 0
    for part in snapshot_in_parts(chosen=chosen):
        for detail in part.details():
            name, text = file_name(detail, fmt), review_to_markdown(detail)
            if force:  # an existing file is replaced whole, or left as it was
                write_atomically(free_path(folder, name, force=True), text, durable=False)
            else:
                write_new(folder, name, text)
            done += 1
            if progress is not None:
                progress(done, total)
    return Exported(folder, count=done)


def _export_json(
    folder: Path, *, force: bool, progress: Progress | None, chosen: Filter | None
) -> Exported:
    """The whole journal (or what the filter chooses) as one JSON file, written as it is read."""
    path = free_path(folder, JOURNAL_JSON_NAME, force=force)
    total = len(matching_review_ids(chosen)) if chosen else count_live_reviews()
    counted = [0]

    def parts() -> Iterator[Snapshot]:
        for part in snapshot_in_parts(chosen=chosen):
            yield part
            counted[0] += part.review_count()
            if progress is not None:
                progress(counted[0], max(total, counted[0], 1))

    write_atomically(path, json_text(parts()))
    if progress is not None and not counted[0]:
        progress(1, 1)
    return Exported(path, count=counted[0])
