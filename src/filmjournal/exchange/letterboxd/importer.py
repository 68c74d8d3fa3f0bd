"""Import a Letterboxd account export (the zip, or its folder) in one transaction.

Everything is read and checked first (:mod:`.reader`); then every sound file and row is written
(:mod:`.writer`), and each one left out is named in the summary with why. With ``strict``, one
bad file or row writes nothing at all.
"""

from __future__ import annotations

from pathlib import Path

from filmjournal.exchange.letterboxd.archive import ExportFiles
from filmjournal.exchange.letterboxd.reader import ExportReader
from filmjournal.exchange.letterboxd.rows import LetterboxdError
from filmjournal.exchange.letterboxd.writer import ExportWriter, Progress, Summary
from filmjournal.journal.bulk import bulk_writing


class ExportProblems(LetterboxdError):
    """A strict import found files or rows it cannot read: nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{len(problems)} {noun} in the export: nothing was imported")


def import_letterboxd(
    path: Path, progress: Progress | None = None, *, strict: bool = False
) -> Summary:
    """Import a Letterboxd export: every sound file and row (with ``strict``: all or nothing)."""
    export = ExportReader(ExportFiles(path)).read()
    if strict and export.problems:
        raise ExportProblems(export.problems)
    with bulk_writing() as writer:
        return ExportWriter(writer, export.size(), progress).write(export)
