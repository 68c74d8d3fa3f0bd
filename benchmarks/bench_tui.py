"""Time how soon the interface follows another program's change to the journal.

    python benchmarks/bench_tui.py [--journal PATH] [--changes 15]

Another program (a thread with its own SQLite connection, as another process would have)
renames a film; the clock stops when the film list holds the new name. Start-up and keys are
timed as a person sees them, in a pseudo-terminal, by ``bench_pty.py``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

DEFAULT_JOURNAL = Path(__file__).parent / "out" / "core-20000.db"
SIZE = (120, 40)


def shows(pane: Any, film_id: int, title: str) -> bool:
    """Whether the film list holds the film under this title (read afresh when reloaded)."""
    catalogue = pane.catalogue
    if catalogue is None:
        return False
    position = catalogue.position(film_id)
    return position is not None and catalogue.row(position).title == title


def follow_latencies(journal: Path, changes: int = 15) -> list[float]:
    """Milliseconds from another program renaming a film to the film list showing the new name."""
    import asyncio
    import shutil
    import sqlite3
    import tempfile
    import threading

    from filmjournal.journal import api
    from filmjournal.tui.app import FilmJournalApp
    from filmjournal.tui.screens.main import MainScreen

    timings: list[float] = []
    copy = Path(tempfile.mkdtemp()) / "journal.db"
    shutil.copy(journal, copy)

    def rename(film_id: int, title: str) -> None:
        def write() -> None:
            connection = sqlite3.connect(copy)
            with connection:
                connection.execute("UPDATE film SET title = ? WHERE id = ?", (title, film_id))
            connection.close()

        thread = threading.Thread(target=write)
        thread.start()
        thread.join()

    async def run() -> None:
        with api.open_journal(copy) as opened:
            app = FilmJournalApp(opened.path)
            async with app.run_test(size=SIZE) as pilot:
                while not (isinstance(app.screen, MainScreen) and app.screen.films.loaded):
                    await pilot.pause(0.05)
                pane = app.screen.films
                film_id = pane.rows.rows[0].id
                for change in range(changes):
                    title = f"Renamed elsewhere {change}"
                    started = time.perf_counter()
                    rename(film_id, title)
                    while not shows(pane, film_id, title):
                        await asyncio.sleep(0.002)
                    timings.append((time.perf_counter() - started) * 1000)
                    await pilot.pause(0.3)  # the next change comes at another moment of the poll

    asyncio.run(run())
    shutil.rmtree(copy.parent)
    return timings


def main() -> None:
    """Run the measurement and print the table."""
    import argparse
    import statistics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL)
    parser.add_argument("--changes", type=int, default=15)
    args = parser.parse_args()
    follows = follow_latencies(args.journal, args.changes)
    print(f"{len(follows)} changes made by another program.\n")
    print("| measurement | ms | target |")
    print("|---|---:|---:|")
    median = statistics.median(follows)
    print(f"| a change by another program, shown (median) | {median:.0f} | 1,000 |")
    print(f"| a change by another program, shown (slowest) | {max(follows):.0f} | 1,000 |")


if __name__ == "__main__":
    main()
