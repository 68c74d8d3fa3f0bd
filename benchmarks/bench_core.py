"""Benchmark the journal core on a large generated journal and print a Markdown table.

    python benchmarks/bench_core.py [--journal PATH] [--runs 15]

Generates ``benchmarks/out/core-20000.db`` (20,000 films, 20,000 reviews of about 3 KB,
60,000 quotes, 100,000 comments) on first use. Each figure is the median of ``--runs`` runs
after one warm-up run; whole-process figures run the installed ``filmjournal`` command.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generate_journal import PLACED_WORDS, generate

from filmjournal.journal import api
from filmjournal.journal.models import db

HERE = Path(__file__).parent
DEFAULT_JOURNAL = HERE / "out" / "core-20000.db"
NAIVE_LIST = """SELECT f.id, f.title, f.year, count(r.id), max(r.watched_on)
    FROM film f LEFT JOIN review r ON r.film_id = f.id GROUP BY f.id ORDER BY f.title"""
FTS_ONLY = "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 50"
PROCESS_COMMANDS = (
    (["--version"], ""),
    (["stats"], "0.3 s"),
    (["search", "lighthouse"], "0.3 s"),
    (["search", "loneliness"], "0.3 s"),
    (["list"], ""),
)


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``action`` in milliseconds, after one warm-up run."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def process_seconds(arguments: list[str], runs: int) -> float:
    """Median wall time of a whole ``filmjournal`` process in seconds."""
    beside_python = Path(sys.executable).with_name("filmjournal")
    command = str(beside_python) if beside_python.exists() else shutil.which("filmjournal")
    if command is None:
        sys.exit("filmjournal is not installed")

    def run() -> None:
        subprocess.run([command, *arguments], check=True, stdout=subprocess.DEVNULL)

    return median_ms(run, runs) / 1000


def match_count(word: str) -> int:
    """How many indexed items contain ``word``."""
    sql = "SELECT count(*) FROM search_index WHERE search_index MATCH ?"
    return db.execute_sql(sql, (f'"{word}"',)).fetchone()[0]


def measure_api(journal: Path, runs: int) -> list[tuple[str, str, str]]:
    """In-process figures for the domain API, each beside a raw SQLite baseline."""
    open_time = median_ms(lambda: api.open_journal(journal).close(), runs)
    rows = [("open the journal", f"{open_time:.1f} ms", "")]
    api.open_journal(journal)
    raw = sqlite3.connect(journal)
    list_time = median_ms(api.list_films, runs)
    rows.append(("list all films with counts", f"{list_time:.1f} ms", "40 ms"))
    raw_time = median_ms(lambda: raw.execute(NAIVE_LIST).fetchall(), runs)
    rows.append(("  baseline: raw sqlite3 GROUP BY of films and reviews", f"{raw_time:.1f} ms", ""))
    review_ids = itertools.cycle(range(7, api.counts().reviews, 577))
    load_time = median_ms(lambda: api.load_review(next(review_ids)), runs)
    rows.append(("load one review with quotes and comment tree", f"{load_time:.2f} ms", "5 ms"))
    counts = api.counts()
    items = counts.films + counts.reviews + counts.quotes + counts.comments
    for word in sorted(PLACED_WORDS.values(), key=match_count):
        matches = match_count(word)
        timing = median_ms(lambda word=word: api.search(word), runs)
        label = f"search top 50 with snippets: '{word}' ({matches:,} items, {matches / items:.1%})"
        rows.append((label, f"{timing:.1f} ms", "15 ms"))
        raw_time = median_ms(lambda word=word: raw.execute(FTS_ONLY, (word,)).fetchall(), runs)
        rows.append(("  baseline: raw FTS5 top 50 by rank, no snippets", f"{raw_time:.1f} ms", ""))
    rows.append(("journal counts (stats)", f"{median_ms(api.counts, runs):.1f} ms", ""))
    rows += measure_filters_and_stats(runs)
    raw.close()
    api.close_journal()
    return rows


FILTERS = (
    "tag:love",
    "rating:>=4",
    "watched:2024-05",
    "where:netflix",
    "director:x",
    "lighthouse",
    "-tag:love liked",
    "-rewatch",
    "year:1990..1999",
)
STATS = (("", 2024), ("rating:>=4", 2024), ("tag:love", None), ("lighthouse", None))
STATS += (("rating:>=4", None), ("", None))


def measure_filters_and_stats(runs: int) -> list[tuple[str, str, str]]:
    """Filters (the films they choose) and the numbers of ``filmjournal stats``."""
    rows = []
    for text in FILTERS:
        chosen = api.parse_filter(text)
        films = len(api.matching_film_ids(chosen))
        timing = median_ms(lambda chosen=chosen: api.matching_film_ids(chosen), runs)
        rows.append((f"filter `{text}` ({films:,} films)", f"{timing:.1f} ms", "50 ms"))
    for text, year in STATS:
        chosen = api.parse_filter(text)
        viewings = api.journal_stats(chosen, year).viewings
        timing = median_ms(lambda chosen=chosen, year=year: api.journal_stats(chosen, year), runs)
        label = f"stats {year or 'all time'}{f' `{text}`' if text else ''} ({viewings:,} viewings)"
        rows.append((label, f"{timing:.1f} ms", "100 ms"))
    return rows


def measure_processes(journal: Path, runs: int) -> list[tuple[str, str, str]]:
    """Whole-process figures for the commands that do not open the TUI."""
    rows = []
    for arguments, target in PROCESS_COMMANDS:
        seconds = process_seconds(["--db", str(journal), *arguments], runs)
        rows.append((f"process: filmjournal {' '.join(arguments)}", f"{seconds:.2f} s", target))
    return rows


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if not args.journal.exists():
        args.journal.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {args.journal} …", file=sys.stderr)
        generate(args.journal, 20_000, 20_000, 60_000, 100_000, seed=1)
    rows = measure_api(args.journal, args.runs)
    rows += measure_processes(args.journal, max(5, args.runs // 3))
    print(f"Median of {args.runs} runs (processes: {max(5, args.runs // 3)}).\n")
    print("| measurement | median | target |")
    print("|---|---:|---:|")
    for label, value, target in rows:
        print(f"| {label} | {value} | {target} |")


if __name__ == "__main__":
    main()
