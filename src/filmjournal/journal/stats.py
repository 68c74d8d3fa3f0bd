"""The numbers of a journal, a year or a filter: SQL aggregates over the chosen viewings.

A viewing (review) counts when its film and it are out of the trash, it matches the filter,
and, for a year, it was watched that year. Words are counted as search counts them (runs of
letters and digits), read from the search index's own per-document counts: counting them in
Python would read every body, tens of megabytes for a large journal.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from filmjournal.folding import fold
from filmjournal.journal.engine import (
    execute,
    local_day_sql,
    on_postgres,
    read_snapshot,
    weekday_sql,
)
from filmjournal.journal.filters import Filter
from filmjournal.journal.search import SLOTS

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HALF_STARS = tuple(n / 2 for n in range(1, 11))
TOP = 10
"""Entries in each top list."""
WATCHLIST_SHOWN = 25
"""Films of the watchlist a year's post names (then how many more)."""
Rows = Callable[..., list[tuple[Any, ...]]]
"""Runs a query over the chosen viewings (``v``) and returns its rows."""


@dataclass(frozen=True)
class Streak:
    """Days in a row, from ``start`` to ``end`` (both included)."""

    days: int = 0
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Moment:
    """A film on a day: the first or last of the period, or the busiest day."""

    title: str
    year: int | None
    day: str
    film_id: int
    review_id: int


@dataclass(frozen=True)
class Stats:
    """Everything ``filmjournal stats`` and the Stats screen show (see docs for each name)."""

    year: int | None
    films_watched: int = 0
    viewings: int = 0
    first_time: int = 0
    rewatches: int = 0
    reviews_written: int = 0
    words_written: int = 0
    average_rating: float | None = None
    ratings: dict[str, int] = field(default_factory=dict)
    per_month: dict[str, int] = field(default_factory=dict)
    per_weekday: dict[str, int] = field(default_factory=dict)
    top_tags: list[tuple[str, int]] = field(default_factory=list)
    places: list[tuple[str, int]] = field(default_factory=list)
    directors: list[tuple[str, int]] = field(default_factory=list)
    liked: int = 0
    watchlist_added: int = 0
    watched_from_watchlist: int = 0
    watching_streak: Streak = Streak()
    writing_streak: Streak = Streak()
    busiest_day: tuple[str, int] | None = None
    quotes_kept: int = 0
    favourite_quotes: int = 0
    first_film: Moment | None = None
    last_film: Moment | None = None
    days: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON values (top lists as objects with a name and a count)."""
        values = {item.name: getattr(self, item.name) for item in fields(self)}
        for name, value in values.items():  # asdict would copy every day and month deeply
            if isinstance(value, Streak | Moment):
                values[name] = asdict(value)
            elif isinstance(value, dict):
                values[name] = dict(value)
        for name in ("top_tags", "places", "directors"):
            values[name] = [{"name": item, "count": count} for item, count in values[name]]
        if self.busiest_day is not None:
            values["busiest_day"] = {"day": self.busiest_day[0], "viewings": self.busiest_day[1]}
        return values


def viewings_sql(chosen: Filter, year: int | None) -> tuple[str, list[object]]:
    """The chosen viewings: review ``r`` with its film ``f``, one row each (a CTE body)."""
    where, params = chosen.where()
    sql = f"""SELECT r.id AS review_id, r.film_id, f.title, f.year AS film_year,
            f.directors, f.is_liked AS film_liked, f.watchlist_added_on,
            r.watched_on, r.rating, r.is_rewatch, r.is_liked, r.where_watched, r.created_at
        FROM review r JOIN film f ON f.id = r.film_id
        WHERE r.deleted_at IS NULL AND f.deleted_at IS NULL AND {where}"""
    if year is not None:
        sql += " AND r.watched_on BETWEEN ? AND ?"
        params = [*params, f"{year:04d}-01-01", f"{year:04d}-12-31"]
    return sql, params


_BY_PLACE_AND_RATING = """SELECT where_watched, rating, count(*), sum(is_rewatch) FROM v
    GROUP BY where_watched, rating"""
"""The viewings, rewatches, ratings and places in one pass (a few hundred rows)."""
_PER_FILM = """SELECT directors, count(*),
    max(CASE WHEN film_liked = 1 OR is_liked = 1 THEN 1 ELSE 0 END),
    max(CASE WHEN watchlist_added_on <= watched_on THEN 1 ELSE 0 END) FROM v GROUP BY {group}"""
"""The chosen films, each once: grouped in the viewings' own order (the index is by film), no
sort of 20,000 director texts."""


def journal_stats(chosen: Filter | None = None, year: int | None = None) -> Stats:
    """The numbers for the viewings the filter and year choose (all of them by default).

    Each query reads the chosen viewings afresh (a view SQLite flattens into it, reading only
    the columns it needs), all inside one read transaction: one snapshot of the journal.
    """
    chosen = chosen or Filter()
    with read_snapshot():  # one snapshot, and no write lock on the journal
        chosen = chosen.with_words_found()  # searched once, not again by each query
        body, params = viewings_sql(chosen, year)

        def rows(select: str, extra: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
            return execute(f"WITH v AS ({body}) {select}", [*params, *extra]).fetchall()

        return _counted(rows, chosen, year)


def _counted(rows: Rows, chosen: Filter, year: int | None) -> Stats:
    by_place = rows(_BY_PLACE_AND_RATING)
    viewings = sum(row[2] for row in by_place)
    rewatches = sum(row[3] for row in by_place)
    by_stars = dict.fromkeys(HALF_STARS, 0)
    for _, rating, count, _ in by_place:
        if rating in by_stars:
            by_stars[rating] += count
    rated = sum(by_stars.values())
    average = sum(stars * count for stars, count in by_stars.items()) / rated if rated else None
    # A file groups by film alone (its directors come along); a server wants them named.
    per_film = rows(_PER_FILM.format(group="film_id, directors" if on_postgres() else "film_id"))
    by_day = rows(
        f"""SELECT watched_on, count(*), min(review_id), max(review_id),
        {weekday_sql("watched_on")} FROM v WHERE watched_on IS NOT NULL GROUP BY 1 ORDER BY 1"""
    )
    days: dict[str, int] = {day: count for day, count, *_ in by_day}
    written, words, writing_days = _writing(rows)
    quotes_kept, favourite_quotes = _quotes(rows, year)
    return Stats(
        year=year,
        films_watched=len(per_film),
        viewings=viewings,
        first_time=viewings - rewatches,
        rewatches=rewatches,
        reviews_written=written,
        words_written=words,
        average_rating=round(average, 2) if average is not None else None,
        ratings={f"{stars:g}": count for stars, count in by_stars.items()},
        per_month=_months(days, year),
        per_weekday=_weekdays(by_day),
        top_tags=rows(
            """SELECT t.name, count(*) FROM v JOIN review_tag rt ON rt.review_id = v.review_id
            JOIN tag t ON t.id = rt.tag_id GROUP BY t.id ORDER BY 2 DESC, t.name_key LIMIT ?""",
            (TOP,),
        ),
        places=_places(by_place),
        directors=_directors(per_film),
        liked=sum(liked for _, _, liked, _ in per_film),
        watchlist_added=_watchlist_added(chosen, year),
        watched_from_watchlist=sum(listed for _, _, _, listed in per_film),
        watching_streak=_longest_streak(list(days)),
        writing_streak=_longest_streak(writing_days),
        busiest_day=max(days.items(), key=lambda item: (item[1], item[0])) if days else None,
        quotes_kept=quotes_kept,
        favourite_quotes=favourite_quotes,
        first_film=_moment(by_day[0][2]) if by_day else None,
        last_film=_moment(by_day[-1][3]) if by_day else None,
        days=days,
    )


def _months(days: dict[str, int], year: int | None) -> dict[str, int]:
    """Viewings per month: the twelve months of a year, or every month from the first."""
    months: dict[str, int] = {}
    if year is not None:
        months = {f"{year:04d}-{month:02d}": 0 for month in range(1, 13)}
    elif days:
        first, last = min(days)[:7], max(days)[:7]
        cursor = date(int(first[:4]), int(first[5:7]), 1)
        while f"{cursor:%Y-%m}" <= last:
            months[f"{cursor:%Y-%m}"] = 0
            cursor = (cursor + timedelta(days=32)).replace(day=1)
    for day, count in days.items():
        months[day[:7]] = months.get(day[:7], 0) + count
    return months


def _writing(rows: Rows) -> tuple[int, int, list[str]]:
    """Reviews with words in them, the words, and the days they were written (local dates).

    Words are read from the search index's document sizes (headline, body), not the text.
    """
    local_day, extra = local_day_sql("v.created_at")
    if on_postgres():  # the server's search index counts words as it indexes them
        counted = rows(
            f"""SELECT s.words, {local_day} FROM v
            JOIN search_index s ON s.rowid = v.review_id * {SLOTS} + 1 WHERE s.words > 0""",
            tuple(extra),
        )
        return len(counted), sum(row[0] for row in counted), sorted({row[1] for row in counted})
    found = rows(
        f"""SELECT d.sz, {local_day} FROM v
        JOIN search_index_docsize d ON d.id = v.review_id * {SLOTS} + 1""",
        tuple(extra),
    )
    written = [(size, day) for size, day in found if any(size)]  # no words: zero bytes only
    # Varints delimit themselves: the sizes laid end to end are decoded in one pass.
    words = sum(_varints(b"".join(size for size, _ in written)))
    return len(written), words, sorted({day for _, day in written})


def _varints(blob: bytes) -> list[int]:
    """FTS5's document size record: one varint per column (7 bits a byte, high bit: more)."""
    values, value = [], 0
    for byte in blob:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            values.append(value)
            value = 0
    return values


def _directors(rows: list[tuple[Any, ...]]) -> list[tuple[str, int]]:
    """Directors by viewings (a film by two directors counts for each), from rows of
    directors and viewings."""
    by_text: dict[str, int] = {}  # films by the same directors first: one name split once
    for row in rows:
        by_text[row[0]] = by_text.get(row[0], 0) + row[1]
    counts: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for names, viewings in by_text.items():
        for name in names.split("\n"):
            shown = name.strip()
            key = shown.casefold()
            if key:
                counts[key] = counts.get(key, 0) + viewings
                if key not in spelled or shown < spelled[key]:
                    spelled[key] = shown
    ranked = heapq.nsmallest(TOP, [(-count, key) for key, count in counts.items()])
    return [(spelled[key], -negated) for negated, key in ranked]


def _watchlist_added(chosen: Filter, year: int | None) -> int:
    """Films (matching the filter) put on the watchlist in the year, or at all."""
    where, params = chosen.where()
    sql = f"""SELECT count(DISTINCT f.id) FROM film f
        LEFT JOIN review r ON r.film_id = f.id AND r.deleted_at IS NULL
        WHERE f.deleted_at IS NULL AND f.watchlist_added_on IS NOT NULL AND {where}"""
    if not chosen:  # no term reads a viewing: each film once, without joining them
        sql = """SELECT count(*) FROM film f
            WHERE f.deleted_at IS NULL AND f.watchlist_added_on IS NOT NULL"""
    if year is not None:
        sql += " AND f.watchlist_added_on BETWEEN ? AND ?"
        params = [*params, f"{year:04d}-01-01", f"{year:04d}-12-31"]
    return int(execute(sql, params).fetchone()[0])


def _longest_streak(days: list[str]) -> Streak:
    """The longest run of consecutive days among these (sorted, distinct ISO dates)."""
    best = best_end = length = previous = 0
    for text in days:
        today = date.fromisoformat(text).toordinal()
        length = length + 1 if today == previous + 1 else 1
        previous = today
        if length > best:
            best, best_end = length, today
    if not best:
        return Streak()
    first, last = date.fromordinal(best_end - best + 1), date.fromordinal(best_end)
    return Streak(best, first.isoformat(), last.isoformat())


def _quotes(rows: Rows, year: int | None) -> tuple[int, int]:
    """Quotes kept from the chosen viewings' films (that year, for a year), and how many are
    favourites."""
    sql = """SELECT count(*), coalesce(sum(q.is_favourite), 0) FROM quote q
        WHERE q.deleted_at IS NULL AND q.film_id IN (SELECT film_id FROM v)"""
    extra: tuple[object, ...] = ()
    if year is not None:
        sql += " AND q.created_at >= ? AND q.created_at < ?"
        extra = (f"{year:04d}-01-01", f"{year + 1:04d}-01-01")
    kept, favourites = rows(sql, extra)[0]
    return int(kept), int(favourites)


def _weekdays(by_day: list[tuple[Any, ...]]) -> dict[str, int]:
    """Viewings per day of the week, Monday first, from rows of a day's viewings and its
    weekday (Sunday 0)."""
    counts = [0] * 7
    for _, viewings, _, _, sunday_first in by_day:
        counts[(sunday_first - 1) % 7] += viewings
    return dict(zip(WEEKDAYS, counts, strict=True))


def _moment(review_id: int) -> Moment:
    """A viewing as the first (or last) of the period: the first (last) written on its first
    (last) day."""
    found = execute(
        """SELECT f.title, f.year, r.watched_on, f.id, r.id FROM review r
        JOIN film f ON f.id = r.film_id WHERE r.id = ?""",
        (review_id,),
    ).fetchone()
    return Moment(*found)


def _places(rows: list[tuple[Any, ...]]) -> list[tuple[str, int]]:
    """Where films were watched, the same place however it was written (case, accents), from
    rows of a place and its viewings (after a rating)."""
    counts: dict[str, tuple[str, int]] = {}
    for place, _, viewings, _ in rows:
        shown = (place or "").strip()
        if shown:
            key = fold(shown)
            first, count = counts.get(key, (shown, 0))
            counts[key] = (min(first, shown), count + viewings)
    ranked = sorted(counts.values(), key=lambda item: (-item[1], item[0]))
    return ranked[:TOP]


def on_this_day(today: date, chosen: Filter | None = None) -> list[Moment]:
    """What was watched on this date (month and day) in earlier years, newest first."""
    body, params = viewings_sql(chosen or Filter(), None)
    sql = f"""WITH v AS ({body}) SELECT title, film_year, watched_on, film_id, review_id FROM v
        WHERE substr(watched_on, 6) = ? AND watched_on < ? ORDER BY watched_on DESC, review_id"""
    found = execute(sql, [*params, f"{today:%m-%d}", today.isoformat()]).fetchall()
    return [Moment(*row) for row in found]


def years_watched(chosen: Filter | None = None) -> list[int]:
    """The years with viewings, in order (for choosing one)."""
    body, params = viewings_sql(chosen or Filter(), None)
    sql = f"""WITH v AS ({body}) SELECT DISTINCT CAST(substr(watched_on, 1, 4) AS INTEGER)
        FROM v WHERE watched_on IS NOT NULL ORDER BY 1"""
    return [row[0] for row in execute(sql, params)]


@dataclass(frozen=True)
class Highlight:
    """A viewing among the year's best: its film, rating, headline and text."""

    title: str
    year: int | None
    rating: float
    watched_on: str
    headline: str
    body: str


@dataclass(frozen=True)
class KeptQuote:
    """A favourite quote kept that year."""

    text: str
    speaker: str
    note: str
    title: str
    year: int | None


@dataclass(frozen=True)
class YearPost:
    """What a year-in-review post tells beyond the numbers."""

    numbers: Stats
    months: list[tuple[str, int, float | None]]
    top: list[Highlight]
    quotes: list[KeptQuote]
    rewatched: list[tuple[str, int | None, int]]
    watchlist: list[tuple[str, int | None]]
    watchlist_total: int = 0
    """Films on the watchlist at the year's end (``watchlist`` names the first of them)."""


def year_post(year: int) -> YearPost:
    """The year's numbers, its month-by-month table, its ten best-rated viewings, favourite
    quotes kept, most watched films and the films still on the watchlist."""
    numbers = journal_stats(year=year)
    body, params = viewings_sql(Filter(), year)
    start, end = f"{year:04d}-01-01", f"{year:04d}-12-31"

    def rows(sql: str, extra: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        return execute(f"WITH v AS ({body}) {sql}", [*params, *extra]).fetchall()

    ratings = dict(
        rows("SELECT substr(watched_on, 1, 7), avg(rating) FROM v GROUP BY 1")  # NULLs skipped
    )
    months = [
        (month, count, round(ratings[month], 2) if ratings.get(month) is not None else None)
        for month, count in numbers.per_month.items()
    ]
    top = rows(
        """SELECT v.title, v.film_year, v.rating, v.watched_on, r.headline, r.body
        FROM v JOIN review r ON r.id = v.review_id WHERE v.rating IS NOT NULL
        ORDER BY v.rating DESC, v.watched_on, v.review_id LIMIT 10"""
    )
    rewatched = rows(
        """SELECT title, film_year, count(*) FROM v GROUP BY film_id, title, film_year
        HAVING count(*) > 1
        ORDER BY 3 DESC, title LIMIT 10"""
    )
    quotes = execute(
        """SELECT q.text, q.speaker, q.note, f.title, f.year FROM quote q
        JOIN film f ON f.id = q.film_id
        WHERE q.deleted_at IS NULL AND f.deleted_at IS NULL AND q.is_favourite = 1
          AND q.created_at >= ? AND q.created_at < ? ORDER BY q.created_at, q.id""",
        (start, f"{year + 1:04d}-01-01"),
    ).fetchall()
    on_watchlist = """FROM film WHERE deleted_at IS NULL AND watchlist_added_on IS NOT NULL
          AND watchlist_added_on <= ?"""
    watchlist = execute(
        f"SELECT title, year {on_watchlist} ORDER BY watchlist_added_on, title_key LIMIT ?",
        (end, WATCHLIST_SHOWN),
    ).fetchall()
    (watchlist_total,) = execute(f"SELECT count(*) {on_watchlist}", (end,)).fetchone()
    return YearPost(
        numbers=numbers,
        months=months,
        top=[Highlight(*row) for row in top],
        quotes=[KeptQuote(*row) for row in quotes],
        rewatched=[(title, year, count) for title, year, count in rewatched],
        watchlist=[(title, year) for title, year in watchlist],
        watchlist_total=watchlist_total,
    )
