"""Copying a whole journal between a file and a server, either way, through the JSON format.

The source is written out as a filmjournal JSON export (lossless: every film, review, quote,
comment, list and comment written elsewhere, with their times) into a private temporary folder,
then imported into the destination in one transaction, the trash too (each item in it marked
with when it went there). A destination must be empty unless ``merge``: then what it already
has is skipped, as an import skips it (and a film in the source's trash that the destination
has out of it is left as it is).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from filmjournal.exchange.files import write_atomically
from filmjournal.exchange.jsonformat import import_journal_file, json_text
from filmjournal.journal import api
from filmjournal.journal.bulk import bulk_writing
from filmjournal.journal.database import check_integrity
from filmjournal.journal.engine import execute
from filmjournal.journal.errors import JournalError
from filmjournal.journal.snapshot import Snapshot, snapshot_in_parts

Progress = Callable[[str, int, int], None]
"""Told the step (``reading`` or ``writing``), the films done and the films in all."""


def copy_journal(
    source: Path | str,
    destination: Path | str,
    *,
    merge: bool = False,
    progress: Progress | None = None,
) -> str:
    """Copy the journal at ``source`` into ``destination``; what was added, in words."""
    tell = progress or (lambda step, done, total: None)
    with tempfile.TemporaryDirectory(prefix="filmjournal-copy-") as folder:
        dump = Path(folder) / "journal.json"
        with api.open_journal(source, create=False) as journal:
            source_name = journal.name
            check_integrity()
            total = api.counts().films
            write_atomically(dump, _counted_parts(total, tell))
        with api.open_journal(destination) as journal:
            if journal.name == source_name:
                raise JournalError(f"{journal.name}: is the journal being copied")
            if not merge and not journal_is_empty():
                raise JournalError(
                    f"{journal.name}: is not empty: copy into a new journal, or use --merge"
                )
            with bulk_writing() as writer:
                _, detail = import_journal_file(
                    writer, dump, lambda done, films: tell("writing", done, films)
                )
            tell("writing", total, total)
    return detail


def _counted_parts(total: int, tell: Progress) -> Iterator[str]:
    """The source's JSON text, the films read told as they are."""

    def parts() -> Iterator[Snapshot]:
        done = 0
        for part in snapshot_in_parts(trash=True):
            done += len(part.films)
            tell("reading", done, total)
            yield part

    return json_text(parts())


def journal_is_empty() -> bool:
    """Whether the open journal holds nothing at all (its trash included)."""
    for table in ("film", "list", "remote_comment"):
        if execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
            return False
    return True
