"""Benchmark the interface on a 20,000-film journal and print a Markdown table.

    python benchmarks/bench_tui.py [--journal PATH] [--runs 9]

Cold start: from launching a process to its first interactive frame, next to a bare Textual app
with a header and footer, launches interleaved. filmjournal runs through the real entry point of
the ``filmjournal`` command (``--db JOURNAL``); its first frame must list films.
Filter: the work one keystroke in the film filter costs (fold the text, filter 20,000 titles,
redraw the visible rows), median over typed prefixes.
Following: from another program committing a change (a film renamed from a thread with its own
SQLite connection, as another process would) to the film list holding it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filmjournal.journal.records import FilmRow

# Children import only what the app they time needs: argparse, asyncio, statistics and
# subprocess are imported by the parent alone, in the functions that use them.

DEFAULT_JOURNAL = Path(__file__).parent / "out" / "core-20000.db"

SIZE = (120, 40)
FILTER_WORDS = ("loneliness", "her 2013", "tears", "kalo", "lighthouse 3", "mi", "zzz")


def ready(app: object, *, last: bool = True) -> None:
    """Report the wall-clock moment a frame is drawn; quit after the last one."""
    print(time.time(), flush=True)
    if last:
        app.exit()  # type: ignore[attr-defined]


def child_bare() -> None:
    """A bare Textual app that quits after its first frame."""
    from textual.app import App
    from textual.widgets import Footer, Header

    class Bare(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(ready, self)

    Bare().run(headless=True, size=SIZE)


def child_journal(journal: str) -> None:
    """``filmjournal --db JOURNAL`` through its real entry point, with the screen timed.

    Reports the first frame (it must list films) and the frame with every film loaded.
    """
    import filmjournal.tui.app as app_module
    from filmjournal.launch import main as filmjournal_command
    from filmjournal.tui.screens.main import MainScreen

    class TimedScreen(MainScreen):
        def on_mount(self) -> None:
            # Like the bare app, report the frame drawn after mounting (MainScreen.on_mount,
            # which Textual runs right after this handler, puts the first films in it).
            self.call_after_refresh(self._first_frame)
            self.set_interval(0.005, self._check)

        def _first_frame(self) -> None:
            assert self.films.rows.rows, "the first frame should list films"
            ready(self.app, last=False)

        def _check(self) -> None:
            if self.films.loaded:
                self.call_after_refresh(ready, self.app)

    app_class = app_module.FilmJournalApp
    run = app_class.run

    def headless_run(self, **_options):  # type: ignore[no-untyped-def]
        return run(self, headless=True, size=SIZE)

    app_class.SCREENS = {"main": TimedScreen}
    app_class.run = headless_run  # type: ignore[method-assign]
    sys.argv = ["filmjournal", "--db", journal]
    filmjournal_command()


def launch_ms(arguments: list[str]) -> list[float]:
    """Milliseconds from launching a child of this script to each frame it reports."""
    import subprocess

    started = time.time()
    result = subprocess.run(
        [sys.executable, __file__, *arguments], check=True, capture_output=True, text=True
    )
    return [(float(stamp) - started) * 1000 for stamp in result.stdout.split()]


def filter_keystrokes(journal: Path) -> list[float]:
    """Milliseconds for each keystroke's filtering and redraw, typing FILTER_WORDS."""
    import asyncio

    from textual.geometry import Region
    from textual.widgets import Input

    from filmjournal.journal import api
    from filmjournal.tui.app import FilmJournalApp
    from filmjournal.tui.screens.main import MainScreen

    timings: list[float] = []

    async def run() -> None:
        with api.open_journal(journal) as opened:
            app = FilmJournalApp(opened.path)
            async with app.run_test(size=SIZE) as pilot:
                while not (isinstance(app.screen, MainScreen) and app.screen.films._keys):
                    await pilot.pause(0.05)
                pane = app.screen.films
                box = pane.query_one("#film-filter", Input)
                for word in FILTER_WORDS:
                    for end in range(1, len(word) + 1):
                        with pane.prevent(Input.Changed):
                            box.value = word[:end]
                        started = time.perf_counter()
                        pane.apply_filter()
                        pane.rows.render_lines(Region(0, 0, *pane.rows.size))
                        timings.append((time.perf_counter() - started) * 1000)

    asyncio.run(run())
    return timings


def shows(rows: Sequence[FilmRow], film_id: int, title: str) -> bool:
    """Whether the list holds the film under this title."""
    return any(row.id == film_id and row.title == title for row in rows)


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
                film_id = pane.films[0].id
                for change in range(changes):
                    title = f"Renamed elsewhere {change}"
                    started = time.perf_counter()
                    rename(film_id, title)
                    shown = pane.rows.rows
                    while not shows(pane.rows.rows, film_id, title):
                        while pane.rows.rows is shown:  # the list is replaced when reloaded
                            await asyncio.sleep(0.002)
                        shown = pane.rows.rows
                    timings.append((time.perf_counter() - started) * 1000)
                    await pilot.pause(0.3)  # the next change comes at another moment of the poll

    asyncio.run(run())
    shutil.rmtree(copy.parent)
    return timings


def compile_filmjournal() -> None:
    """Write filmjournal's bytecode, as installing it does (Textual's is already there).

    Run from a source checkout where bytecode is not written (``PYTHONDONTWRITEBYTECODE``), every
    launch would compile our modules afresh: a cost no installed copy pays.
    """
    import compileall

    import filmjournal

    compileall.compile_dir(Path(filmjournal.__file__).parent, quiet=1)


def main() -> None:
    """Run the measurements and print the table."""
    if sys.argv[1:2] == ["--child"]:
        if sys.argv[2] == "bare":
            child_bare()
        else:
            child_journal(sys.argv[3])
        return
    import argparse
    import statistics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not args.journal.exists():
        from generate_journal import generate

        args.journal.parent.mkdir(parents=True, exist_ok=True)
        generate(args.journal, 20_000, 20_000, 60_000, 100_000, seed=1)
    compile_filmjournal()
    bare, first, whole = [], [], []
    for _ in range(args.runs):
        bare.append(launch_ms(["--child", "bare"])[0])
        frames = launch_ms(["--child", "journal", str(args.journal)])
        first.append(frames[0])
        whole.append(frames[-1])
    bare_ms, first_ms, whole_ms = map(statistics.median, (bare, first, whole))
    keystrokes = filter_keystrokes(args.journal)
    follows = follow_latencies(args.journal)
    print(f"Median of {args.runs} interleaved launches; {len(keystrokes)} filter keystrokes.\n")
    print("| measurement | median | target |")
    print("|---|---:|---:|")
    print(f"| cold start, bare Textual app to first frame | {bare_ms:.0f} ms | |")
    print(f"| cold start, filmjournal, first frame with films | {first_ms:.0f} ms | ≤ 1.5x bare |")
    print(f"| ratio | {first_ms / bare_ms:.2f}x | 1.5x |")
    print(f"| all 20,000 films loaded and drawn | {whole_ms:.0f} ms | |")
    keystroke = statistics.median(keystrokes)
    print(f"| filter keystroke on 20,000 films (median) | {keystroke:.1f} ms | 50 ms |")
    print(f"| filter keystroke on 20,000 films (slowest) | {max(keystrokes):.1f} ms | |")
    follow = statistics.median(follows)
    print(f"| a change by another program, shown (median) | {follow:.0f} ms | 1,000 ms |")
    print(f"| a change by another program, shown (slowest) | {max(follows):.0f} ms | 1,000 ms |")


if __name__ == "__main__":
    main()
