"""Benchmark the interface on a 20,000-film journal and print a Markdown table.

    python benchmarks/bench_tui.py [--journal PATH] [--runs 9]

Cold start: from launching a process to its first interactive frame (for filmjournal: with
every film listed), next to a bare Textual app with a header and footer, launches interleaved.
Filter: the work one keystroke in the film filter costs (fold the text, filter 20,000 titles,
redraw the visible rows), median over typed prefixes.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_JOURNAL = Path(__file__).parent / "out" / "core-20000.db"

SIZE = (120, 40)
FILTER_WORDS = ("loneliness", "her 2013", "tears", "kalo", "lighthouse 3", "mi", "zzz")


def ready(app: object) -> None:
    """Report the wall-clock moment the first interactive frame is drawn, then quit."""
    print(time.time(), flush=True)
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
                self.call_after_refresh(ready, self)

    with api.open_journal(journal) as opened:
        Timed(opened.path).run(headless=True, size=SIZE)


def launch_ms(arguments: list[str]) -> float:
    """Milliseconds from launching a child of this script to its first interactive frame."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, __file__, *arguments], check=True, capture_output=True, text=True
    )
    return (float(result.stdout.split()[-1]) - started) * 1000


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
        from generate_journal import generate

        args.journal.parent.mkdir(parents=True, exist_ok=True)
        generate(args.journal, 20_000, 20_000, 60_000, 100_000, seed=1)
    bare, ours = [], []
    for _ in range(args.runs):
        bare.append(launch_ms(["--child", "bare"]))
        ours.append(launch_ms(["--child", "journal", "--journal", str(args.journal)]))
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
