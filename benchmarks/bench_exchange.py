"""Benchmark exports and imports on the generated 20,000-review journal; print a Markdown table.

    python benchmarks/bench_exchange.py [--journal PATH] [--runs 3] [--work DIR]

Each figure is the median of ``--runs`` runs of ``filmjournal`` as a user runs it (process
start, journal open, the work, every file written), each into a fresh folder under ``--work``.

Creating 20,000 files costs the file system itself a lot or a little depending on its state:
ext4 skips inodes freed in the last minutes, so right after deleting many files, creating new
ones can cost ten times more. Each run therefore also times plain writes of files of the same
sizes (the file-system baseline), and nothing is deleted until all runs are done.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_JOURNAL = HERE / "out" / "core-20000.db"
COMMAND = [sys.executable, "-m", "filmjournal"]


def timed(arguments: list[str]) -> float:
    """Seconds one filmjournal command takes; it must succeed."""
    started = time.perf_counter()
    subprocess.run([*COMMAND, *arguments], check=True, capture_output=True)
    return time.perf_counter() - started


def plain_writes(sizes: list[int], folder: Path) -> float:
    """Seconds to create files of these sizes with plain open and write (no rendering)."""
    folder.mkdir()
    started = time.perf_counter()
    for number, size in enumerate(sizes):
        with open(folder / f"{number}.md", "wb") as handle:
            handle.write(b"x" * size)
    return time.perf_counter() - started


def main() -> None:
    """Run the measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="where to write (default: temp)")
    args = parser.parse_args()
    if not args.journal.exists():
        sys.path.insert(0, str(HERE))
        from generate_journal import generate

        args.journal.parent.mkdir(parents=True, exist_ok=True)
        generate(args.journal, 20_000, 20_000, 60_000, 100_000, seed=1)
    db = ["--db", str(args.journal)]
    work = Path(tempfile.mkdtemp(prefix="bench-exchange-", dir=args.work))
    markdown, baseline, json_all, one = [], [], [], []
    try:
        for run in range(args.runs):
            posts = work / f"posts-{run}"
            markdown.append(timed([*db, "export", "--all", "-o", str(posts)]))
            sizes = [path.stat().st_size for path in posts.iterdir()]
            baseline.append(plain_writes(sizes, work / f"plain-{run}"))
            json_all.append(
                timed([*db, "export", "--all", "--format", "json", "-o", str(work / f"j-{run}")])
            )
            one.append(timed([*db, "export", "1", "-o", str(work / f"one-{run}.md")]))
        imported = timed(["--db", str(work / "imported.db"), "import", str(work / "posts-0")])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        ("export --all to Markdown: 20,000 files", statistics.median(markdown), "10 s"),
        (
            "file-system baseline: plain writes of the same 20,000 sizes",
            statistics.median(baseline),
            "",
        ),
        ("export --all --format json: one file", statistics.median(json_all), ""),
        ("export one review to Markdown", statistics.median(one), ""),
        ("import the 20,000 Markdown files into an empty journal (once)", imported, ""),
    ]
    print(f"Median of {args.runs} runs; journal: {args.journal.name}.\n")
    print("| measurement | seconds | target |")
    print("|---|---:|---:|")
    for name, seconds, target in rows:
        print(f"| {name} | {seconds:.2f} | {target} |")
    print(
        "\nEvery run, Markdown export / baseline:",
        ", ".join(
            f"{ours:.2f} / {base:.2f}" for ours, base in zip(markdown, baseline, strict=True)
        ),
    )


if __name__ == "__main__":
    main()
