"""The whole visible journal read in a fixed number of queries, for exports of any size.

Peewee builds the queries; their rows are read raw and turned straight into records, converting
only the columns that need it: per-row model or converter work costs seconds on a journal of
20,000 reviews with 100,000 comments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

from filmjournal.journal.models import (
    Comment,
    Film,
    FilmList,
    Quote,
    RemoteComment,
    Review,
    ReviewTag,
    Tag,
    db,
    parse_utc,
)
from filmjournal.journal.records import Comment as CommentRecord
from filmjournal.journal.records import Film as FilmRecord
from filmjournal.journal.records import FilmListRecord, ListEntry, RemoteCommentRecord, ReviewDetail
from filmjournal.journal.records import Quote as QuoteRecord
from filmjournal.journal.records import Review as ReviewRecord


class Snapshot(NamedTuple):
    """Every film, review, quote and comment not in the trash, grouped for export."""

    films: list[FilmRecord]
    reviews: dict[int, list[ReviewRecord]]
    """Each film's reviews, oldest viewing first."""
    quotes: dict[int, list[QuoteRecord]]
    """Each film's quotes, in the writer's order."""
    comments: dict[int, list[CommentRecord]]
    """Each review's comment tree."""
    lists: tuple[FilmListRecord, ...] = ()
    """Every list of films (whole-journal snapshots only)."""
    remote_comments: tuple[RemoteCommentRecord, ...] = ()
    """Comments written elsewhere (whole-journal snapshots only)."""

    def review_count(self) -> int:
        """How many reviews the snapshot holds."""
        return sum(map(len, self.reviews.values()))

    def details(self) -> Iterator[ReviewDetail]:
        """Every review with its film, its quotes and its comment tree."""
        for film in self.films:
            film_quotes = self.quotes.get(film.id, [])
            for review in self.reviews.get(film.id, []):
                yield ReviewDetail(
                    film=film,
                    review=review,
                    quotes=[quote for quote in film_quotes if quote.review_id == review.id],
                    comments=self.comments.get(review.id, []),
                )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _raw(query: Any) -> Any:
    """The rows of a Peewee query as SQLite returns them (no per-value conversion)."""
    sql, params = query.sql()
    return db.execute_sql(sql, params)


def take_snapshot(review_ids: list[int] | None = None) -> Snapshot:
    """Read the journal (or only the given reviews and their films) in five queries."""
    review_query = (
        Review.select(
            Review.id,
            Review.film,
            Review.headline,
            Review.body,
            Review.watched_on,
            Review.where_watched,
            Review.rating,
            Review.is_rewatch,
            Review.is_liked,
            Review.has_spoilers,
            Review.letterboxd_uri,
            Review.created_at,
            Review.updated_at,
        )
        .join(Film)
        .where(Review.deleted_at.is_null() & Film.deleted_at.is_null())
        .order_by(Review.watched_on.asc(nulls="FIRST"), Review.created_at, Review.id)
    )
    if review_ids is not None:
        review_query = review_query.where(Review.id.in_(review_ids))
    review_rows = [
        (
            *row[:4],
            _day(row[4]),
            row[5],
            row[6],
            bool(row[7]),
            bool(row[8]),
            bool(row[9]),
            row[10],
            parse_utc(row[11]),
            parse_utc(row[12]),
        )
        for row in _raw(review_query)
    ]
    live_ids = {row[0] for row in review_rows}

    film_query = (
        Film.select(
            Film.id,
            Film.title,
            Film.year,
            Film.original_title,
            Film.directors,
            Film.letterboxd_uri,
            Film.watchlist_added_on,
            Film.created_at,
            Film.updated_at,
            Film.is_liked,
        )
        .where(Film.deleted_at.is_null())
        .order_by(Film.title_key, Film.year)
    )
    if review_ids is not None:
        film_query = film_query.where(Film.id.in_({row[1] for row in review_rows}))
    film_records = [
        FilmRecord(
            id=film_id,
            title=title,
            year=year,
            original_title=original,
            directors=tuple(directors.split("\n")) if directors else (),
            letterboxd_uri=uri,
            watchlist_added_on=_day(watchlist),
            created_at=parse_utc(created),
            updated_at=parse_utc(updated),
            is_liked=bool(liked),
        )
        for film_id, title, year, original, directors, uri, watchlist, created, updated, liked in (
            _raw(film_query)
        )
    ]
    film_ids = {film.id for film in film_records}

    tags: dict[int, list[str]] = defaultdict(list)
    tag_query = ReviewTag.select(ReviewTag.review, Tag.name).join(Tag).order_by(Tag.name_key)
    for review_id, name in _raw(tag_query):
        if review_id in live_ids:
            tags[review_id].append(name)

    by_film: dict[int, list[ReviewRecord]] = defaultdict(list)
    for row in review_rows:
        by_film[row[1]].append(ReviewRecord(*row[:10], tuple(tags.get(row[0], ())), *row[10:]))

    whole = review_ids is None
    return Snapshot(
        films=film_records,
        reviews=dict(by_film),
        quotes=_quotes(film_ids, live_ids, keep_orphans=whole),
        comments=_comment_trees(live_ids),
        lists=tuple(_lists(film_ids)) if whole else (),
        remote_comments=tuple(_remote_comments()) if whole else (),
    )


def _lists(film_ids: set[int]) -> list[FilmListRecord]:
    """Every list with its entries in order (films in the trash left out)."""
    entries: dict[int, list[ListEntry]] = defaultdict(list)
    query = "SELECT film_list_id, film_id, position, note FROM list_entry ORDER BY position, id"
    for list_id, film_id, position, note in db.execute_sql(query):
        if film_id in film_ids:
            entries[list_id].append(ListEntry(film_id, position, note))
    lists = FilmList.select().where(FilmList.deleted_at.is_null()).order_by(FilmList.id)
    return [
        FilmListRecord(
            id=row.id,
            name=row.name,
            description=row.description,
            tags=row.tags,
            letterboxd_uri=row.letterboxd_uri,
            created_on=row.created_on,
            created_at=row.created_at,
            updated_at=row.updated_at,
            entries=entries.get(row.id, []),
        )
        for row in lists
    ]


def _remote_comments() -> list[RemoteCommentRecord]:
    """Comments written elsewhere, oldest first."""
    query = RemoteComment.select().order_by(RemoteComment.written_on, RemoteComment.id)
    return [RemoteCommentRecord(c.url, c.body, c.written_on, c.created_at) for c in query]


def _quotes(film_ids: set[int], live_ids: set[int], *, keep_orphans: bool) -> dict:
    """Each film's visible quotes in order; quotes of a review in the trash stay with the film."""
    query = (
        Quote.select(
            Quote.id,
            Quote.film,
            Quote.review,
            Quote.text,
            Quote.speaker,
            Quote.is_favourite,
            Quote.note,
            Quote.film_time,
            Quote.sort_order,
            Quote.created_at,
            Quote.updated_at,
        )
        .where(Quote.deleted_at.is_null())
        .order_by(Quote.sort_order, Quote.id)
    )
    by_film: dict[int, list[QuoteRecord]] = defaultdict(list)
    for row in _raw(query):
        quote = QuoteRecord(
            *row[:5], bool(row[5]), *row[6:9], parse_utc(row[9]), parse_utc(row[10])
        )
        if quote.film_id not in film_ids:
            continue
        if quote.review_id is None or quote.review_id in live_ids:
            by_film[quote.film_id].append(quote)
        elif keep_orphans:
            by_film[quote.film_id].append(quote._replace(review_id=None))
    return dict(by_film)


def _comment_trees(live_ids: set[int]) -> dict[int, list[CommentRecord]]:
    """Each review's comments under their parents; deleted ones and their replies left out."""
    query = Comment.select(
        Comment.id,
        Comment.review,
        Comment.parent,
        Comment.author,
        Comment.body,
        Comment.created_at,
        Comment.deleted_at,
    ).order_by(Comment.created_at, Comment.id)
    records: dict[int, CommentRecord] = {}
    for comment_id, review_id, parent_id, author, body, created, deleted in _raw(query):
        if review_id in live_ids and deleted is None:
            records[comment_id] = CommentRecord(
                comment_id, review_id, parent_id, author, body, parse_utc(created), []
            )
    trees: dict[int, list[CommentRecord]] = defaultdict(list)
    for record in records.values():
        if record.parent_id is None:
            trees[record.review_id].append(record)
        elif record.parent_id in records:
            records[record.parent_id].replies.append(record)
    return dict(trees)
