"""Sample content for ``filmjournal demo`` and the screenshots: written by us, no Textual import."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from filmjournal.journal import api

START = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)

FILMS = [
    {
        "title": "Her",
        "year": 2013,
        "directors": ["Spike Jonze"],
        "reviews": [
            {
                "headline": "A love story told through a voice",
                "watched_on": date(2024, 2, 14),
                "where_watched": "Netflix",
                "rating": 4.5,
                "is_liked": True,
                "has_spoilers": True,
                "tags": ["love", "loneliness", "netflix"],
                "body": (
                    "I had put this off for years. On a quiet evening it finally came up on "
                    "Netflix and I could not look away.\n\n"
                    "What stays with me is how **ordinary** the loneliness looks: warm colours, "
                    "soft trousers, a city that is kind to its people, and still everyone is a "
                    "little alone.\n\n"
                    "||The ending, with the two of them on the roof,|| is the gentlest "
                    "heartbreak I have seen in a long time.\n\n"
                    "- the letters Theodore writes for strangers\n"
                    "- the elevator scene\n"
                    "- the piano piece\n"
                ),
                "quotes": [
                    {
                        "text": "Feelings do not get smaller just because they are shared.",
                        "speaker": "Samantha (paraphrased)",
                        "is_favourite": True,
                        "film_time": "1:32:10",
                        "note": "The line I wrote on a sticky note the next morning.",
                    },
                    {
                        "text": "Maybe I have already felt everything I will ever feel.",
                        "speaker": "Theodore (paraphrased)",
                        "film_time": "0:41:05",
                        "note": "I have been there. It passes.",
                    },
                ],
                "comments": [
                    (
                        "Mara",
                        "Loneliness is so universal. Lovely write-up.",
                        [
                            (
                                "me",
                                "Thank you! It hit harder than I expected.",
                                [
                                    ("Mara", "Same here, I rewatched it a week later.", []),
                                ],
                            ),
                        ],
                    ),
                    ("Sam", "The soundtrack alone is worth it.", []),
                ],
            },
        ],
    },
    {
        "title": "Amélie",
        "year": 2001,
        "directors": ["Jean-Pierre Jeunet"],
        "original_title": "Le Fabuleux Destin d'Amélie Poulain",
        "reviews": [
            {
                "headline": "Small kindnesses, loudly coloured",
                "watched_on": date(2023, 12, 30),
                "where_watched": "cinema",
                "rating": 4,
                "is_rewatch": True,
                "tags": ["comfort", "paris"],
                "body": "Still a sugar rush, still lovely. The photo booth mystery holds up.\n",
                "quotes": [],
                "comments": [],
            },
        ],
    },
    {
        "title": "Lost in Translation",
        "year": 2003,
        "directors": ["Sofia Coppola"],
        "watchlist": True,
    },
    {
        "title": "Paterson",
        "year": 2016,
        "directors": ["Jim Jarmusch"],
        "reviews": [
            {
                "headline": "A week of poems",
                "watched_on": date(2024, 1, 7),
                "where_watched": "at home",
                "rating": 4,
                "is_liked": True,
                "tags": ["comfort"],
                "body": "Nothing happens, beautifully. I want to write more after watching it.\n",
                "quotes": [],
                "comments": [],
            },
        ],
    },
    {"title": "Past Lives", "year": 2023, "directors": ["Celine Song"], "watchlist": True},
]


def fill_demo_journal() -> None:
    """Write the sample films, reviews, quotes and comments into the open journal."""
    clock = iter(START + timedelta(minutes=7 * step) for step in range(1000))
    for spec in FILMS:
        film = api.create_film(
            spec["title"],
            spec["year"],
            directors=spec.get("directors", []),
            original_title=spec.get("original_title", ""),
            created_at=next(clock),
        )
        if spec.get("watchlist"):
            api.set_watchlist(film.id, True, added_on=date(2024, 2, 1))
        for review_spec in spec.get("reviews", []):
            _add_review(film.id, dict(review_spec), clock)


def _add_review(film_id: int, spec: dict, clock) -> None:  # type: ignore[no-untyped-def]
    quotes = spec.pop("quotes")
    comments = spec.pop("comments")
    created = next(clock)
    review = api.create_review(film_id, created_at=created, updated_at=created, **spec)
    for quote in quotes:
        api.create_quote(
            film_id, review_id=review.id, created_at=next(clock), updated_at=next(clock), **quote
        )

    def add_thread(parent_id: int | None, thread: list) -> None:  # type: ignore[type-arg]
        for author, body, replies in thread:
            comment = api.add_comment(
                review.id, body, author=author, parent_id=parent_id, created_at=next(clock)
            )
            add_thread(comment.id, replies)

    add_thread(None, comments)
