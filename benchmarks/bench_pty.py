"""Time the interface as a person feels it: in a pseudo-terminal, until the result is on screen.

    python benchmarks/bench_pty.py start [--runs 15] [JOURNAL ...]
    python benchmarks/bench_pty.py keys [--runs 5] [JOURNAL]

``start``: launch ``filmjournal --db JOURNAL`` on a 120x40 pseudo-terminal and stop the clock when
the first film row has been written (for an empty journal, its first hint); launch the bare Textual
app (``bare_app.py``) the same way until its text is written; the two alternate, ``--runs`` each,
after a warm-up of each. Also timed: until the whole list is loaded (the status line counts every
film), until the process has exited after ctrl+q, and each process's peak memory (ru_maxrss).

``keys``: filmjournal and a bare Textual app with one Input run side by side; keys go to them in
turn, and each is timed from writing the key to the terminal until the text showing its result has
been written back: the filter's count of matches, the row under the cursor, the opened film's
headline and comments, the Stats screen's numbers, the search screen's results for what is typed
so far.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pty_session import KEYS, Session

HERE = Path(__file__).parent
OUT = HERE / "out"
FILMJOURNAL = str(Path(sys.executable).with_name("filmjournal"))
BARE = [sys.executable, str(HERE / "bare_app.py")]
BARE_INPUT = [sys.executable, str(HERE / "bare_input.py")]
FILTER_WORDS = ("loneliness", "her 2013", "tears", "kalo", "lighthouse 3", "mi")
SEARCH_WORDS = ("loneliness", "tears", "film", "lighthouse")
BENCH_FILM = "Benchmark Of Fifty Comments"
BENCH_HEADLINE = "Fifty comments under three kilobytes"
OTHER_FILM = "Benchmark Of Two Lines"
OTHER_HEADLINE = "Nothing much to say"


def fold(text: str) -> str:
    """The filter's own folding, so the expected counts are the interface's."""
    from filmjournal.folding import fold as filmjournal_fold

    return filmjournal_fold(text)


def journal_titles(journal: Path) -> list[tuple[str, int | None]]:
    """Every live film's title and year, in the list's order."""
    with sqlite3.connect(journal) as connection:
        return connection.execute(
            "SELECT title, year FROM film WHERE deleted_at IS NULL ORDER BY title_key, year"
        ).fetchall()


def first_row_marker(journal: Path) -> str:
    """What the first frame must show: the first film's title, or the empty journal's hint."""
    titles = journal_titles(journal)
    return titles[0][0] if titles else "No films yet"


def loaded_marker(journal: Path) -> str:
    """The status line once every film is loaded."""
    count = len(journal_titles(journal))
    return f"{count:,} film{'s' if count != 1 else ''} · by"


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    """Median with the range, for a table cell."""
    return f"{median(values):.0f} ({min(values):.0f}-{max(values):.0f})"


# Start ------------------------------------------------------------------------------------------


def time_start(journal: Path, runs: int) -> dict[str, list[float]]:
    """Launch filmjournal and the bare app in turn; every figure per run."""
    first, loaded = first_row_marker(journal), loaded_marker(journal)
    figures: dict[str, list[float]] = {
        key: [] for key in ("first", "loaded", "exit", "peak", "bare", "bare_exit", "bare_peak")
    }
    for run in range(runs + 1):  # the first round warms the disk cache and is left out
        app = Session([FILMJOURNAL, "--db", str(journal)])
        first_ms = app.wait_for(first)
        loaded_ms = app.wait_for(loaded)
        app.drain()
        exit_ms = app.close(quit_keys=KEYS["ctrl+q"])
        bare = Session(BARE)
        bare_ms = bare.wait_for("BARE READY")
        bare.drain()
        bare_exit = bare.close(quit_keys=KEYS["ctrl+q"])
        if run:
            for key, value in zip(
                figures,
                (first_ms, loaded_ms, exit_ms, app.peak_mib, bare_ms, bare_exit, bare.peak_mib),
                strict=True,
            ):
                figures[key].append(value)
    return figures


def report_start(journals: list[Path], runs: int) -> None:
    print(f"Start-up in a 120x40 pseudo-terminal, {runs} launches of each, alternating; ms.\n")
    print(
        "| journal | first film row | bare app | ratio | all films listed | quit: whole process"
        " | bare whole process | ratio | peak MiB | bare peak MiB | ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for journal in journals:
        f = time_start(journal, runs)
        films = len(journal_titles(journal))
        print(
            f"| {films:,} films | {spread(f['first'])} | {spread(f['bare'])}"
            f" | {median(f['first']) / median(f['bare']):.2f} | {spread(f['loaded'])}"
            f" | {spread(f['exit'])} | {spread(f['bare_exit'])}"
            f" | {median(f['exit']) / median(f['bare_exit']):.2f}"
            f" | {max(f['peak']):.0f} | {max(f['bare_peak']):.0f}"
            f" | {max(f['peak']) / max(f['bare_peak']):.2f} |",
            flush=True,
        )


# Keys -------------------------------------------------------------------------------------------


def ensure_bench_film(journal: Path) -> None:
    """A film with a 3 KB review and 50 comments (and a smaller one beside it in the list),
    added once through the journal API."""
    from filmjournal.journal import api

    with api.open_journal(journal):
        if api.find_film(BENCH_FILM, 2013) is not None:
            return
        film = api.create_film(BENCH_FILM, 2013)
        body = " ".join(["The lighthouse keeper listens to the sea at night."] * 60)
        review = api.create_review(film.id, headline=BENCH_HEADLINE, body=body)
        parent = None
        for number in range(1, 51):
            comment = api.add_comment(
                review.id,
                f"Comment {number}: the ending stayed with me.",
                author=f"reader{number}",
                parent_id=parent if number % 3 else None,
            )
            parent = comment.id
        other = api.create_film(OTHER_FILM, 2013)
        api.create_review(other.id, headline=OTHER_HEADLINE, body="Short.")


class Pair:
    """filmjournal and the bare Input app, each on its own terminal, keys sent in turn."""

    def __init__(self, journal: Path) -> None:
        self.app = Session([FILMJOURNAL, "--db", str(journal)])
        self.app.wait_for(loaded_marker(journal), timeout=120)
        self.app.drain(0.5)
        self.bare = Session(BARE_INPUT)
        self.bare.wait_for("BARE READY")
        self.bare.drain()
        self.typed = ""
        self.app_ms: list[float] = []
        self.bare_ms: list[float] = []

    def key(self, keys: bytes, marker: str | Callable[[], str], *, settle: float = 0.15) -> None:
        """Send a key to filmjournal and time its result; then a letter to the bare app."""
        self.app.send(keys)
        self.app_ms.append(self.app.wait_for(marker() if callable(marker) else marker))
        self.app.drain(settle)
        letter = "abcdefghij"[len(self.typed) % 10]
        self.typed = (self.typed + letter)[-30:]
        self.bare.send(letter.encode())
        self.bare_ms.append(self.bare.wait_for(self.typed))
        self.bare.drain(settle)
        if len(self.typed) == 30:
            self.bare.send(b"\x15")  # ctrl+u empties the input
            self.bare.drain()
            self.typed = ""

    def close(self) -> None:
        self.app.close(quit_keys=KEYS["ctrl+q"])
        self.bare.close(quit_keys=KEYS["ctrl+q"])


def filter_counts(journal: Path) -> dict[str, int]:
    """How many films each typed prefix of FILTER_WORDS matches (the interface's rule)."""
    keys = [fold(f"{title} {year or ''}") for title, year in journal_titles(journal)]
    counts = {}
    for word in FILTER_WORDS:
        for end in range(1, len(word) + 1):
            needle = fold(word[:end]).split()
            counts[word[:end]] = sum(all(part in key for part in needle) for key in keys)
    return counts


def status_marker(shown: int, total: int) -> str:
    noun = "film" if total == 1 else "films"
    return f"{shown:,} of {total:,} {noun}" if shown != total else f"{total:,} {noun} · by"


def time_filter(journal: Path, runs: int) -> tuple[list[float], list[float]]:
    counts, total = filter_counts(journal), len(journal_titles(journal))
    pair = Pair(journal)
    try:
        for _ in range(runs):
            for word in FILTER_WORDS:
                for end in range(1, len(word) + 1):
                    pair.key(word[end - 1].encode(), status_marker(counts[word[:end]], total))
                pair.key(KEYS["escape"], status_marker(total, total))
    finally:
        pair.close()
    return pair.app_ms, pair.bare_ms


def time_cursor(journal: Path, runs: int) -> tuple[list[float], list[float]]:
    """Move down ten films and back up; each time, the row moved onto is drawn as the cursor.

    A long title is cut to the pane's width: its first 20 characters are sought (they tell the
    first films apart).
    """
    titles = [title[:20] for title, _ in journal_titles(journal)]
    assert len(set(titles[:11])) == 11, "the first films' markers must differ"
    pair = Pair(journal)
    try:
        for _ in range(runs):
            for index in range(1, 11):
                pair.key(KEYS["down"], titles[index], settle=0.3)
            for index in range(9, -1, -1):
                pair.key(KEYS["up"], titles[index], settle=0.3)
    finally:
        pair.close()
    return pair.app_ms, pair.bare_ms


def time_open(journal: Path, runs: int) -> tuple[list[float], list[float]]:
    """Open the 50-comment film with Enter, having just had another film open.

    Up and Enter are sent together (Enter opens the film before the cursor's follow delay), so
    the time is the film's own: its review and its thread, drawn.
    """
    ensure_bench_film(journal)
    pair = Pair(journal)
    try:
        pair.app.send(b"benchmark of")
        pair.app.wait_for("2 of")
        pair.app.drain(0.5)
        for _ in range(runs * 3):
            pair.app.send(KEYS["down"] + KEYS["enter"])
            pair.app.wait_for(OTHER_HEADLINE)
            pair.app.drain(0.3)
            pair.app.send(b"\x1b[12~")  # F2: back to the films
            pair.app.drain(0.3)
            pair.key(KEYS["up"] + KEYS["enter"], BENCH_HEADLINE, settle=0.0)
            pair.app_ms[-1] = max(pair.app_ms[-1], pair.app.wait_for("reader1"))
            pair.app.drain(0.3)
            pair.app.send(b"\x1b[12~")
            pair.app.drain(0.3)
    finally:
        pair.close()
    return pair.app_ms, pair.bare_ms


def time_stats(journal: Path, runs: int) -> tuple[list[float], list[float]]:
    """Open the Stats screen with F6 until its numbers are drawn (the summary's streak line
    comes with them), then close it with Escape."""
    pair = Pair(journal)
    try:
        for _ in range(runs * 3):
            pair.key(b"\x1b[17~", "Longest watching streak", settle=0.3)  # F6
            pair.app.send(KEYS["escape"])
            pair.app.wait_for("films · by")
            pair.app.drain(0.3)
    finally:
        pair.close()
    return pair.app_ms, pair.bare_ms


def time_search(journal: Path, runs: int) -> dict[str, tuple[list[float], list[float]]]:
    pair = Pair(journal)
    results: dict[str, tuple[list[float], list[float]]] = {}
    try:
        for _ in range(runs):
            for word in SEARCH_WORDS:
                pair.key(b"\x06", "Words to find", settle=0.2)  # ctrl+f
                for end in range(1, len(word) + 1):
                    before = len(pair.app_ms)
                    pair.key(word[end - 1].encode(), f"for “{word[:end]}", settle=0.0)
                    app_times, bare_times = results.setdefault(f"{end}", ([], []))
                    app_times.append(pair.app_ms[before])
                    bare_times.append(pair.bare_ms[before])
                pair.app.drain(1.0)
                pair.key(KEYS["escape"], "films · by", settle=0.3)
    finally:
        pair.close()
    return results


def report_keys(journal: Path, runs: int, only: str = "") -> None:
    films = len(journal_titles(journal))
    print(f"Keys on {films:,} films, 120x40, ms from the key written to its result on screen.\n")
    print("| action | filmjournal | bare Input | keys timed |")
    print("|---|---:|---:|---:|")
    for name, timing in (
        ("filter keystroke", time_filter),
        ("cursor move", time_cursor),
        ("open film (3 KB review, 50 comments)", time_open),
        ("stats screen (F6, this year's numbers drawn)", time_stats),
    ):
        if only and name.split()[0] not in only:
            continue
        app_ms, bare_ms = timing(journal, runs)
        print(f"| {name} | {spread(app_ms)} | {spread(bare_ms)} | {len(app_ms)} |", flush=True)
    if only and "search" not in only:
        return
    searched = time_search(journal, runs)
    for letters, (app_ms, bare_ms) in sorted(searched.items(), key=lambda item: int(item[0])):
        print(
            f"| search, letter {letters} | {spread(app_ms)} | {spread(bare_ms)} | {len(app_ms)} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("start", "keys"))
    parser.add_argument("journals", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=0)
    parser.add_argument("--only", default="", help="keys: filter,cursor,open,stats,search")
    args = parser.parse_intermixed_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src")], check=True)
    if args.what == "start":
        sizes = ("empty.db", "core-20000.db", "core-100000.db")
        journals = args.journals or [OUT / name for name in sizes]
        report_start(journals, args.runs or 15)
    else:
        report_keys((args.journals or [OUT / "core-20000.db"])[0], args.runs or 3, args.only)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n(measured in {time.perf_counter() - started:.0f} s)")
