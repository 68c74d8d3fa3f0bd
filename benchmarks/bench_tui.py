"""Benchmark the interface on a 20,000-film journal and print a Markdown table.

    python benchmarks/bench_tui.py [--journal PATH] [--runs 9]

Cold start: whole processes from launch to the first interactive frame with every film listed,
next to a bare Textual app (launch to its first frame) measured in the same run. Filter: the
work one keystroke in the film filter costs (fold the text, filter 20,000 titles, redraw the
visible rows), median over typed prefixes.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_core import DEFAULT_JOURNAL, median_ms
from generate_journal import generate

FILTER_WORDS = ("loneliness", "her 2013", "tears", "kalo", "lighthouse 3", "mi", "zzz")


def child_bare() -> None:
    """A bare Textual app that quits after its first frame."""
    from textual.app import App
    from textual.widgets import Footer, Header

    class Bare(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Bare().run(headless=True)


def child_journal(journal: str) -> None:
    """filmjournal on the journal, quitting once every film is listed and drawn."""
    from filmjournal.journal import api
    from filmjournal.tui.app import FilmJournalApp
    from filmjournal.tui.screens.main import MainScreen

    class Timed(FilmJournalApp):
        def on_mount(self) -> None:
            # Textual also runs FilmJournalApp.on_mount: handlers run for every class.
            self.set_interval(0.005, self._check)

        def _check(self) -> None:
            screen = self.screen
            if isinstance(screen, MainScreen) and screen.films.rows.rows:
                self.call_after_refresh(self.exit)

    with api.open_journal(journal) as opened:
        Timed(opened.path).run(headless=True)


def process_ms(arguments: list[str], runs: int) -> float:
    """Median wall time of a child process of this script."""
    command = [sys.executable, __file__, *arguments]
    return median_ms(lambda: subprocess.run(command, check=True), runs)


def filter_keystrokes(journal: Path) -> list[float]:
    """Milliseconds for each keystroke's filtering and redraw, typing FILTER_WORDS."""
    from textual.widgets import Input

    from filmjournal.journal import api
    from filmjournal.tui.app import FilmJournalApp
    from filmjournal.tui.screens.main import MainScreen

    timings: list[float] = []

    async def run() -> None:
        with api.open_journal(journal) as opened:
            app = FilmJournalApp(opened.path)
            async with app.run_test(size=(120, 40)) as pilot:
                while not (isinstance(app.screen, MainScreen) and app.screen.films.rows.rows):
                    await pilot.pause(0.05)
                pane = app.screen.films
                box = pane.query_one("#film-filter", Input)
                for word in FILTER_WORDS:
                    for end in range(1, len(word) + 1):
                        with pane.prevent(Input.Changed):
                            box.value = word[:end]
                        started = time.perf_counter()
                        pane.apply_filter()
                        for y in range(pane.rows.size.height):
                            pane.rows.render_line(y)
                        timings.append((time.perf_counter() - started) * 1000)

    asyncio.run(run())
    return timings


def main() -> None:
    """Run the measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--child", choices=["bare", "journal"])
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
        return
    if args.child == "journal":
        child_journal(str(args.journal))
        return
    if not args.journal.exists():
        args.journal.parent.mkdir(parents=True, exist_ok=True)
        generate(args.journal, 20_000, 20_000, 60_000, 100_000, seed=1)
    bare, ours = [], []
    for _ in range(args.runs):
        bare.append(process_ms(["--child", "bare"], 1))
        ours.append(process_ms(["--child", "journal", "--journal", str(args.journal)], 1))
    bare_ms, ours_ms = statistics.median(bare), statistics.median(ours)
    keystrokes = filter_keystrokes(args.journal)
    print(f"Median of {args.runs} interleaved launches; {len(keystrokes)} filter keystrokes.\n")
    print("| measurement | median | target |")
    print("|---|---:|---:|")
    print(f"| cold start, bare Textual app to first frame | {bare_ms:.0f} ms | |")
    print(f"| cold start, filmjournal with 20,000 films listed | {ours_ms:.0f} ms | ≤ 1.5x bare |")
    print(f"| ratio | {ours_ms / bare_ms:.2f}x | 1.5x |")
    keystroke = statistics.median(keystrokes)
    print(f"| filter keystroke on 20,000 films (median) | {keystroke:.1f} ms | 50 ms |")
    print(f"| filter keystroke on 20,000 films (slowest) | {max(keystrokes):.1f} ms | |")


if __name__ == "__main__":
    main()
