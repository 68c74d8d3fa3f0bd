"""The ``filmjournal`` command's entry point: the interface starts without the command line.

``filmjournal`` and ``filmjournal --db PATH`` open the interface, and loading click and the
command-line module first would add to every start. Anything else — and any problem opening the
journal — goes to the full command line, which reports problems in one line.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path


def interface_journal(arguments: list[str]) -> Path | str | None:
    """The journal to open when the arguments ask only for the interface, else None."""
    from filmjournal.paths import default_location, journal_location

    if not arguments:
        return default_location()
    if len(arguments) == 2 and arguments[0] == "--db" and arguments[1]:
        return journal_location(arguments[1])
    if len(arguments) == 1 and arguments[0].startswith("--db=") and len(arguments[0]) > 5:
        return journal_location(arguments[0][5:])
    return None


def open_interface(path: Path | str) -> bool:
    """Open the journal in the interface; False (nothing changed) if the journal cannot open."""
    from filmjournal.journal import api

    try:
        journal = api.open_journal(path, upgrading=_say_upgrading)
    except Exception as error:  # the command line reports it in one line; a bug is re-raised
        if api.as_journal_error(error) is None:
            raise
        return False
    with journal:
        from filmjournal.tui.app import FilmJournalApp

        FilmJournalApp(journal.name, upgrade_notice=journal.upgrade_notice()).run()
    return True


def _say_upgrading(path: Path | str, version: int) -> None:
    """Tell the person why the interface takes a while to appear."""
    from filmjournal.display import printable
    from filmjournal.journal import api

    print(printable(api.upgrade_starting(path, version)), file=sys.stderr, flush=True)


def main() -> None:
    """Entry point of the ``filmjournal`` console script."""
    journal = interface_journal(sys.argv[1:])
    if journal is not None:
        # Start-up makes hundreds of thousands of objects (modules, styles, widgets) that live
        # as long as the interface: the cyclic collector would scan them again and again (a
        # fifth of the time to the first frame). It runs again once the first frame is on
        # screen, with what exists by then set aside for good (gc.freeze, in the app).
        gc.disable()
        if open_interface(journal):
            return
        gc.enable()
    from filmjournal.cli import main as command_line

    command_line()
