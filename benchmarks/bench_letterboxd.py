"""Generate a large Letterboxd export and time importing it; print a Markdown table.

    python benchmarks/bench_letterboxd.py [--diary 20000] [--reviews 5000] [--runs 3]

The export follows the format of ``../shared/data`` (CRLF line endings, multi-line quoted
reviews in Letterboxd's HTML subset, tags used as "where watched", lists in the v7 format).
Each figure is a whole ``filmjournal import letterboxd`` process into an empty journal.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

COMMAND = [sys.executable, "-m", "filmjournal"]
WORDS = tuple(
    [
        "light",
        "night",
        "city",
        "love",
        "quiet",
        "voice",
        "rain",
        "window",
        "long",
        "road",
        "slow",
        "fire",
        "glass",
        "river",
        "memory",
        "ghost",
        "summer",
        "winter",
        "train",
        "letter",
        "dream",
        "sea",
        "mirror",
        "home",
        "stranger",
        "dance",
        "silence",
        "lonely",
    ]
)
TAGS = ("on-netflix", "in-theaters", "at home", "on-bd", "short", "rewatch-worthy", "a24", "noir")


def title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 4)))


def review_html(rng: random.Random) -> str:
    """About a kilobyte of review in Letterboxd's HTML subset, some of it unbalanced."""
    parts = []
    for _ in range(rng.randint(3, 8)):
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
        style = rng.random()
        if style < 0.1:
            sentence = f"<i>{sentence}<i>"
        elif style < 0.2:
            sentence = f"<b>{sentence}</b>"
        elif style < 0.25:
            sentence = f'<a href="https://example.org/{rng.randint(1, 999)}">{sentence}</a>'
        elif style < 0.3:
            sentence = f"<blockquote>{sentence}</blockquote>"
        parts.append(sentence.capitalize() + ".")
    return "<br><br>".join(parts[:2]) + "\n\n" + " ".join(parts[2:]) + " “ok” 🎬"


def generate(folder: Path, diary: int, reviews: int, seed: int = 1) -> None:
    """Write diary.csv, reviews.csv, watched.csv, ratings.csv, watchlist.csv, lists, comments."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    films = [
        (title(rng), rng.randint(1920, 2025), f"https://boxd.it/f{n}") for n in range(diary // 2)
    ]
    start = date(2012, 1, 1)

    def write(name: str, header: list[str], rows: list[list[object]]) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)

    diary_rows, review_rows = [], []
    for number in range(diary):
        name, year, _ = films[number % len(films)]
        watched = start + timedelta(days=number % 4000)
        rating = rng.choice(["", "3", "3.5", "4", "4.5", "5"])
        tags = ", ".join(rng.sample(TAGS, rng.randint(0, 2)))
        entry = f"https://boxd.it/e{number}"
        rewatch = "Yes" if number >= len(films) else ""
        row = [watched, name, year, entry, rating, rewatch, tags, watched]
        diary_rows.append(row)
        if number < reviews:
            review_rows.append([*row[:6], review_html(rng), tags, watched])
    diary_header = ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags"]
    write("diary.csv", [*diary_header, "Watched Date"], diary_rows)
    write("reviews.csv", [*diary_header[:6], "Review", "Tags", "Watched Date"], review_rows)
    write("watched.csv", ["Date", "Name", "Year", "Letterboxd URI"], [[start, *f] for f in films])
    extra = [(title(rng), rng.randint(1920, 2025), f"https://boxd.it/w{n}") for n in range(2500)]
    write("watchlist.csv", ["Date", "Name", "Year", "Letterboxd URI"], [[start, *f] for f in extra])
    write(
        "ratings.csv",
        ["Date", "Name", "Year", "Letterboxd URI", "Rating"],
        [[start, *f, "4"] for f in films[:1000]],
    )
    for number in range(20):
        path = folder / "lists" / f"list-{number}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            handle.write("Letterboxd list export v7\r\n")
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(["Date", "Name", "Tags", "URL", "Description"])
            writer.writerow(
                [start, f"List {number}", "", f"https://boxd.it/l{number}", "Two\nlines"]
            )
            handle.write("\r\n")
            writer.writerow(["Position", "Name", "Year", "URL", "Description"])
            for position, film in enumerate(rng.sample(films, 50), start=1):
                writer.writerow([position, film[0], film[1], film[2], ""])
    write(
        "comments.csv",
        ["Date", "Content", "Comment"],
        [[start, f"https://boxd.it/c{n}", "Nice one!\nAgreed."] for n in range(200)],
    )


def timed(arguments: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([*COMMAND, *arguments], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    """Generate the export, import it several times, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diary", type=int, default=20_000)
    parser.add_argument("--reviews", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export"
        generate(export, args.diary, args.reviews)
        first, again = [], []
        for run in range(args.runs):
            journal = str(Path(folder) / f"journal-{run}.db")
            first.append(timed(["--db", journal, "import", "letterboxd", str(export)]))
            again.append(timed(["--db", journal, "import", "letterboxd", str(export)]))
    print(f"Median of {args.runs} runs; {args.diary:,} diary entries, {args.reviews:,} reviews.\n")
    print("| measurement | seconds | target |")
    print("|---|---:|---:|")
    print(f"| import into an empty journal | {statistics.median(first):.2f} | 15 s |")
    print(f"| import the same export again (nothing changes) | {statistics.median(again):.2f} | |")


if __name__ == "__main__":
    main()
