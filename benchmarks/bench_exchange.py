"""Time exports and imports beside plain scripts doing the same work; print a Markdown table.

    python benchmarks/bench_exchange.py [--journal PATH] [--runs 3] [--work DIR]

Every figure is a whole process as a user runs it (``filmjournal …``, start to exit), with its
peak memory (ru_maxrss), next to the baseline in ``plain.py`` (sqlite3, f-strings, json, csv,
executemany) run right after it: the two alternate, ``--runs`` times each, and the medians are
compared. Imports write into a fresh journal created by filmjournal (for both).

Creating 20,000 files costs the file system a lot or a little depending on its state (ext4 skips
inodes freed in the last minutes), so nothing is deleted until every run is done.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_JOURNAL = HERE / "out" / "core-20000.db"
FILMJOURNAL = [str(Path(sys.executable).with_name("filmjournal"))]
PLAIN = [sys.executable, str(HERE / "plain.py")]


def run(argv: list[str]) -> tuple[float, float]:
    """Seconds and peak MiB of one process; it must succeed (exit 0 or 1 for imports that
    report left-out rows)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed ({code}): {error}")
    return seconds, usage.ru_maxrss / 1024


def empty_journal(path: Path) -> Path:
    """A new journal, created by filmjournal."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from filmjournal.journal import api; "
            "api.open_journal(sys.argv[1]).close()",
            str(path),
        ],
        check=True,
    )
    return path


class Pairs:
    """Each measurement's (seconds, MiB) for filmjournal and for its baseline."""

    def __init__(self) -> None:
        self.ours: dict[str, list[tuple[float, float]]] = {}
        self.plain: dict[str, list[tuple[float, float]]] = {}

    def time(self, name: str, ours: list[str], plain: list[str] | None) -> None:
        self.ours.setdefault(name, []).append(run(ours))
        if plain is not None:
            self.plain.setdefault(name, []).append(run(plain))

    def rows(self, bars: dict[str, str]) -> list[str]:
        lines = []
        for name, measured in self.ours.items():
            seconds = statistics.median(m[0] for m in measured)
            peak = max(m[1] for m in measured)
            base = self.plain.get(name)
            if base:
                base_seconds = statistics.median(m[0] for m in base)
                base_peak = max(m[1] for m in base)
                ratio = f"{seconds / base_seconds:.2f}"
                base_text = f"{base_seconds:.2f} s, {base_peak:.0f} MiB"
            else:
                ratio, base_text = "", ""
            lines.append(
                f"| {name} | {seconds:.2f} s | {peak:.0f} MiB | {base_text} | {ratio}"
                f" | {bars.get(name, '')} |"
            )
        return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="where to write (default: temp)")
    parser.add_argument("--only", default="", help="md-export,json-export,md-import,lb-import")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_letterboxd import generate as generate_letterboxd

    work = Path(tempfile.mkdtemp(prefix="bench-exchange-", dir=args.work))
    journal = ["--db", str(args.journal)]
    pairs = Pairs()

    def fresh(name: str) -> str:
        return str(empty_journal(work / name))

    wanted: Callable[[str], bool] = lambda key: not args.only or key in args.only  # noqa: E731
    try:
        letterboxd = work / "letterboxd"
        generate_letterboxd(letterboxd, 20_000, 5_000)
        for number in range(args.runs):
            posts, plain_posts = work / f"md-{number}", work / f"plain-md-{number}"
            if wanted("md-export") or wanted("md-import"):
                pairs.time(
                    "Markdown export --all (20,000 files)",
                    [*FILMJOURNAL, *journal, "export", "--all", "-o", str(posts)],
                    [*PLAIN, "markdown-export", str(args.journal), str(plain_posts)],
                )
            if wanted("json-export") or wanted("json-import"):
                json_folder = work / f"json-{number}"
                pairs.time(
                    "JSON export --all (one file)",
                    [
                        *FILMJOURNAL,
                        *journal,
                        "export",
                        "--all",
                        "--format",
                        "json",
                        "-o",
                        str(json_folder),
                    ],
                    [*PLAIN, "json-export", str(args.journal), str(work / f"plain-{number}.json")],
                )
                pairs.time(
                    "JSON import into an empty journal",
                    [
                        *FILMJOURNAL,
                        "--db",
                        str(empty_journal(work / f"j-{number}.db")),
                        "import",
                        str(json_folder / "filmjournal.json"),
                    ],
                    None,
                )
            if wanted("md-import"):
                pairs.time(
                    "Markdown import of the 20,000 files",
                    [
                        *FILMJOURNAL,
                        "--db",
                        str(empty_journal(work / f"m-{number}.db")),
                        "import",
                        str(posts),
                    ],
                    [
                        *PLAIN,
                        "markdown-import",
                        str(posts),
                        str(empty_journal(work / f"pm-{number}.db")),
                    ],
                )
            if wanted("lb-import"):
                pairs.time(
                    "Letterboxd import (20,000 diary entries, 5,000 reviews)",
                    [
                        *FILMJOURNAL,
                        "--db",
                        str(empty_journal(work / f"l-{number}.db")),
                        "import",
                        "letterboxd",
                        str(letterboxd),
                    ],
                    [
                        *PLAIN,
                        "letterboxd-import",
                        str(letterboxd),
                        str(empty_journal(work / f"pl-{number}.db")),
                    ],
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    bars = {
        "Markdown export --all (20,000 files)": "1.5x",
        "JSON export --all (one file)": "1.5x, 300 MiB",
        "JSON import into an empty journal": "300 MiB",
        "Markdown import of the 20,000 files": "1.5x",
        "Letterboxd import (20,000 diary entries, 5,000 reviews)": "3x",
    }
    print(f"Medians of {args.runs} runs each, alternating; journal: {args.journal.name}.\n")
    print("| measurement | filmjournal | peak | plain script | ratio | bar |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(pairs.rows(bars)))


if __name__ == "__main__":
    main()
