"""Exports and imports started from the interface: off the event loop, each ending in one line.

The main screen hands these a screen to run workers and dialogs on; they report what was written
or imported in a notification, and any failure through :mod:`filmjournal.tui.failures`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.screen import Screen

from filmjournal.journal import api
from filmjournal.tui.failures import attempt_in_thread

KINDS_SHOWN = ("films", "reviews", "watchlist", "lists", "comments")
"""What the notification after a Letterboxd import counts."""


def export_review(screen: Screen[Any], review_id: int, folder: Path) -> None:
    """Write one review as Markdown into ``folder`` (in a worker) and name the file written."""
    from filmjournal.exchange.exporter import export_review as write_review

    def job() -> None:
        exported = attempt_in_thread(
            screen, "Could not export the review", write_review, review_id, f"{folder}{os.sep}"
        )
        if exported is not None:
            screen.app.call_from_thread(screen.notify, f"Exported to {exported.path}", markup=False)

    screen.run_worker(job, thread=True, group="export")


def export_all(screen: Screen[Any], fmt: str, folder: Path) -> None:
    """Every review as Markdown files (or the journal as JSON) into ``folder``, with a bar."""
    from filmjournal.exchange.exporter import export_all as write_all
    from filmjournal.tui.screens.progress import ProgressScreen

    what = "every review as Markdown" if fmt == "md" else "the whole journal as JSON"

    def job(progress: Callable[[int, int], None]) -> Any:
        return write_all(folder, fmt, progress=progress)

    def finished(result: Any) -> None:
        if result is None:
            return
        if fmt == "md":
            screen.notify(f"Exported {result.count:,} reviews to {result.path}", markup=False)
        else:
            screen.notify(f"Exported the journal to {result.path}", markup=False)

    progress = ProgressScreen(f"Exporting {what} to {folder}", job, failure="Export failed")
    screen.app.push_screen(progress, finished)


def import_letterboxd(screen: Screen[Any], imported: Callable[[], None]) -> None:
    """Ask for a Letterboxd export, import it with a bar, say what came in, then ``imported()``."""
    from filmjournal.tui.screens.dialogs import PathForm

    form = PathForm(
        _existing_path,
        title="Import a Letterboxd export",
        placeholder="~/Downloads/letterboxd-you-2026-11-25-utc.zip",
    )

    def chosen(path: Path | None) -> None:
        if path is not None:
            _import_from(screen, path, imported)

    screen.app.push_screen(form, chosen)


def _existing_path(values: dict[str, Any]) -> Path:
    """The path typed into the form, refused if it is empty or names nothing."""
    if not values["path"]:
        raise api.JournalError("give the export's .zip file or its folder")
    path = Path(values["path"]).expanduser()
    if not path.exists():
        raise api.JournalError(f"{path}: no such file or folder")
    return path


def _import_from(screen: Screen[Any], path: Path, imported: Callable[[], None]) -> None:
    """Import the export at ``path`` with a progress bar."""
    from filmjournal.exchange.letterboxd import import_letterboxd as read_export
    from filmjournal.tui.screens.progress import ProgressScreen
    from filmjournal.tui.screens.report import ReportScreen

    def job(progress: Callable[[int, int], None]) -> Any:
        return read_export(path, progress=progress)

    def finished(summary: Any) -> None:
        if summary is None:
            return
        imported()
        if summary.problems:
            title = f"Imported from {path}, leaving out what could not be read"
            report = ReportScreen(title, summary.lines(), summary.problems)
            screen.app.push_screen(report)
            return
        counted = ", ".join(f"{summary.count(kind, 'imported')} {kind}" for kind in KINDS_SHOWN)
        updated = summary.count("reviews", "updated")
        screen.notify(f"Imported from Letterboxd: {counted}; {updated} reviews updated.")

    failure = "Nothing was imported"
    screen.app.push_screen(ProgressScreen(f"Importing {path}", job, failure=failure), finished)
