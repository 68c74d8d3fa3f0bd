"""Write the journal's reviews in Letterboxd's import format (CSV), in files of N rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from filmjournal.exchange.files import ExportError, free_path, write_atomically
from filmjournal.exchange.letterboxd.to_html import markdown_to_html
from filmjournal.journal.database import check_integrity
from filmjournal.journal.records import ReviewDetail
from filmjournal.journal.snapshot import take_snapshot

COLUMNS = (
    "LetterboxdURI",
    "tmdbID",
    "imdbID",
    "Title",
    "Year",
    "Directors",
    "Rating",
    "Rating10",
    "WatchedDate",
    "Rewatch",
    "Tags",
    "Review",
)
DEFAULT_CHUNK = 1000


def letterboxd_row(detail: ReviewDetail) -> list[str]:
    """One review as a row of Letterboxd's import format (unknown columns left empty)."""
    film, review = detail.film, detail.review
    rating = review.rating
    return [
        film.letterboxd_uri or "",
        "",
        "",
        spreadsheet_safe(film.title),
        str(film.year or ""),
        spreadsheet_safe(", ".join(film.directors)),
        f"{rating:g}" if rating is not None else "",
        f"{rating * 2:g}" if rating is not None else "",
        review.watched_on.isoformat() if review.watched_on else "",
        "true" if review.is_rewatch else "false",
        spreadsheet_safe(", ".join(review.tags)),
        spreadsheet_safe(markdown_to_html(review.body)),
    ]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes a cell starting with for a formula."""


def spreadsheet_safe(text: str) -> str:
    """Text that a spreadsheet opening the CSV shows, never runs: a leading ``'`` before ``=``,
    ``+``, ``-``, ``@`` (as spreadsheet-safe CSV writers do; the importer takes it off again)."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def from_spreadsheet_safe(text: str) -> str:
    """Undo :func:`spreadsheet_safe`."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def export_letterboxd(
    target: Path,
    *,
    chunk: int = DEFAULT_CHUNK,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write every review to ``target`` (``name-1.csv``, ``name-2.csv``… past ``chunk`` rows)."""
    if chunk < 1:
        raise ExportError(f"--chunk must be at least 1, got {chunk}")
    try:
        if not target.parent.is_dir():
            raise ExportError(f"{target.parent}: no such folder")
        if target.is_dir():
            raise ExportError(f"{target}: is a folder; give a file name like diary.csv")
    except OSError as error:
        raise ExportError(f"{target}: cannot be written ({error.strerror or error})") from None
    check_integrity()
    rows = [letterboxd_row(detail) for detail in take_snapshot().details()]
    parts = [rows[start : start + chunk] for start in range(0, len(rows), chunk)] or [[]]
    written = []
    for number, part in enumerate(parts, start=1):
        name = target.name if len(parts) == 1 else f"{target.stem}-{number}{target.suffix}"
        path = free_path(target.parent, name, force=force)
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(part)
        write_atomically(path, buffer.getvalue())
        written.append(path)
        if progress is not None:
            progress(min(number * chunk, len(rows)), len(rows))
    return written
