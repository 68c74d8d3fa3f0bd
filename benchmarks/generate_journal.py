"""Generate a large journal for benchmarks: films, ~3 KB reviews, quotes and comment threads.

python benchmarks/generate_journal.py OUT.db [--films 20000] [--reviews 20000]
    [--quotes 60000] [--comments 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from filmjournal.journal import search
from filmjournal.journal.database import open_journal
from filmjournal.journal.models import CommentModel, FilmModel, QuoteModel, ReviewModel, db
from filmjournal.journal.validation import identity_key

SYLLABLES = "ka lo mi ne ru sa te vo zi pa do fe gu hi ja ko lu ma no pe ri so tu va we"
PLACED_WORDS = {10: "film", 60: "tears", 300: "loneliness", 3000: "lighthouse"}
"""Real words at known frequency ranks, so searches hit known shares of documents."""
BATCH = 2000


class Vocabulary:
    """Made-up words drawn with Zipf frequencies (the word of rank r is drawn in proportion 1/r)."""

    def __init__(self, rng: random.Random, size: int = 6000) -> None:
        made_up: set[str] = set()
        while len(made_up) < size:
            made_up.add("".join(rng.choices(SYLLABLES.split(), k=rng.randint(2, 4))))
        self.words = sorted(made_up)
        rng.shuffle(self.words)
        for rank, word in PLACED_WORDS.items():
            self.words[rank - 1] = word
        total = 0.0
        self.cumulative = []
        for rank in range(1, size + 1):
            total += 1 / rank
            self.cumulative.append(total)
        self.rng = rng

    def sample(self, count: int) -> list[str]:
        """``count`` words drawn by frequency."""
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def choice(self) -> str:
        """One word drawn by frequency."""
        return self.sample(1)[0]


def sentence(words: Vocabulary, length: int) -> str:
    """A sentence of ``length`` words."""
    text = " ".join(words.sample(length))
    return text[0].upper() + text[1:] + "."


def paragraph_text(rng: random.Random, words: Vocabulary, size: int) -> str:
    """Roughly ``size`` characters of paragraphs."""
    parts: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(sentence(words, rng.randint(6, 18)) for _ in range(5))
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts)


def insert_batches(model: type, rows: list[dict]) -> None:
    """Insert rows in batches."""
    for start in range(0, len(rows), BATCH):
        model.insert_many(rows[start : start + BATCH]).execute()


def generate(path: Path, films: int, reviews: int, quotes: int, comments: int, seed: int) -> None:
    """Write a journal of the given size at ``path`` (which must not exist)."""
    rng = random.Random(seed)
    words = Vocabulary(rng)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with open_journal(path), db.atomic():
        film_rows = []
        for index in range(films):
            title = " ".join(words.sample(rng.randint(1, 4))).title() + f" {index}"
            film_rows.append(
                {
                    "title": title,
                    "title_key": identity_key(title),
                    "year": rng.randint(1920, 2026),
                    "directors": " ".join(words.sample(2)).title(),
                    "watchlist_added_on": date(2025, 1, 1) if index % 10 == 0 else None,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        insert_batches(FilmModel, film_rows)
        review_rows = []
        for index in range(reviews):
            created = now - timedelta(minutes=index)
            review_rows.append(
                {
                    "film": index % films + 1,
                    "headline": sentence(words, rng.randint(3, 8)),
                    "body": paragraph_text(rng, words, 3000),
                    "watched_on": date(2000, 1, 1) + timedelta(days=rng.randint(0, 9000)),
                    "where_watched": rng.choice(["Netflix", "cinema", "at home", ""]),
                    "rating": rng.choice([None, *[step / 2 for step in range(1, 11)]]),
                    "is_liked": rng.random() < 0.3,
                    "created_at": created,
                    "updated_at": created,
                }
            )
        insert_batches(ReviewModel, review_rows)
        quote_rows = [
            {
                "film": index % films + 1,
                "review": (index % reviews + 1) if index % films < reviews else None,
                "text": sentence(words, rng.randint(8, 30)),
                "speaker": words.choice().title(),
                "is_favourite": rng.random() < 0.2,
                "note": sentence(words, rng.randint(5, 20)),
                "sort_order": index // films + 1,
                "created_at": now,
                "updated_at": now,
            }
            for index in range(quotes)
        ]
        insert_batches(QuoteModel, quote_rows)
        comment_rows = []
        for index in range(comments):
            review_id = index % reviews + 1
            round_index = index // reviews
            parent = review_id + (round_index - 1) * reviews if round_index > 0 else None
            comment_rows.append(
                {
                    "review": review_id,
                    "parent": parent if rng.random() < 0.6 else None,
                    "author": rng.choice(["reader", "ana", "sam", "me", "kit"]),
                    "body": paragraph_text(rng, words, rng.randint(80, 400)),
                    "created_at": now + timedelta(seconds=index),
                }
            )
        insert_batches(CommentModel, comment_rows)
        search.rebuild()
    with open_journal(path):
        db.execute_sql("PRAGMA optimize")
        db.execute_sql("INSERT INTO search_index (search_index) VALUES ('optimize')")


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--films", type=int, default=20_000)
    parser.add_argument("--reviews", type=int, default=20_000)
    parser.add_argument("--quotes", type=int, default=60_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.path.exists():
        parser.error(f"{args.path} already exists")
    started = time.perf_counter()
    generate(args.path, args.films, args.reviews, args.quotes, args.comments, args.seed)
    print(f"generated {args.path} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
