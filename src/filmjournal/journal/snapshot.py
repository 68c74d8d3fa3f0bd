"""The whole visible journal read in a fixed number of queries, for exports of any size.

Peewee builds the queries; their rows are read raw, by column name, and turned straight into
records, converting only the columns that need it: per-row model work costs seconds on a journal
of 20,000 reviews with 100,000 comments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from operator import itemgetter
from typing import Any, NamedTuple

from peewee import SQL, Query

from filmjournal.journal.comments import build_tree
from filmjournal.journal.engine import id_list, ids_table, native
from filmjournal.journal.filters import Filter, matching_film_ids, matching_review_ids
from filmjournal.journal.models import (
    CommentModel,
    FilmListEntryModel,
    FilmListModel,
    FilmModel,
    QuoteModel,
    RemoteCommentModel,
    ReviewModel,
    ReviewTagModel,
    TagModel,
    date_from_text,
    parse_utc,
)
from filmjournal.journal.reading import named_query_rows
from filmjournal.journal.records import (
    Comment,
    Film,
    FilmList,
    ListEntry,
    Quote,
    RemoteComment,
    Review,
    ReviewDetail,
)

Converters = Mapping[str, Callable[[Any], Any]]


def _split_lines(value: str) -> tuple[str, ...]:
    return tuple(value.split("\n")) if value else ()


_STAMPS: Converters = {"created_at": parse_utc, "updated_at": parse_utc}
_FILM: Converters = {
    **_STAMPS,
    "directors": _split_lines,
    "watchlist_added_on": date_from_text,
    "is_liked": bool,
}
_REVIEW: Converters = {
    **_STAMPS,
    "watched_on": date_from_text,
    "is_rewatch": bool,
    "is_liked": bool,
    "has_spoilers": bool,
}
_QUOTE: Converters = {**_STAMPS, "is_favourite": bool}
_LIST: Converters = {**_STAMPS, "created_on": date_from_text}
_REMOTE_COMMENT: Converters = {"created_at": parse_utc, "written_on": date_from_text}


def _rows(query: Query, convert: Converters) -> Iterator[dict[str, Any]]:
    """The rows of a Peewee query by column name, with some columns converted."""
    for row in named_query_rows(query):
        for name, function in convert.items():
            if row[name] is not None:
                row[name] = function(row[name])
        yield row


def _fields(record: type[NamedTuple], model: Any, *, skip: tuple[str, ...] = ()) -> list[Any]:
    """The model's columns that fill the record's fields, by name."""
    columns = {field.column_name: field for field in model._meta.sorted_fields}
    return [columns[name] for name in record._fields if name not in skip]


class Snapshot(NamedTuple):
    """Every film, review, quote and comment not in the trash, grouped for export."""

    films: list[Film]
    reviews: dict[int, list[Review]]
    """Each film's reviews, oldest viewing first."""
    quotes: dict[int, list[Quote]]
    """Each film's quotes, in the writer's order."""
    comments: dict[int, list[Comment]]
    """Each review's comment tree."""
    lists: tuple[FilmList, ...] = ()
    """Every list of films (whole-journal snapshots only)."""
    remote_comments: tuple[RemoteComment, ...] = ()
    """Comments written elsewhere (whole-journal snapshots only)."""
    trashed: Mapping[tuple[str, int], datetime] = {}
    """When each item in the trash was put there, by kind and id (snapshots with the trash:
    the items in it are among the others)."""

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


def take_snapshot(review_ids: list[int] | None = None) -> Snapshot:
    """Read the journal (or only the given reviews and their films) in a fixed number of queries."""
    if review_ids is None:
        return _snapshot_of_films(None, whole=True)
    return _snapshot_of_films(None, review_ids=review_ids, whole=False)


def count_live_reviews() -> int:
    """How many reviews an export of the whole journal holds."""
    query = (
        ReviewModel.select(ReviewModel.id)
        .join(FilmModel)
        .where(ReviewModel.deleted_at.is_null() & FilmModel.deleted_at.is_null())
    )
    return int(query.count())


def snapshot_in_parts(
    films_per_part: int = 500, *, chosen: Filter | None = None, trash: bool = False
) -> Iterator[Snapshot]:
    """The whole journal as snapshots of a few hundred films each, in title order; the last
    part also holds the lists and the comments written elsewhere. With a filter, only the films
    and reviews it chooses; with ``trash``, what is in the trash too (see Snapshot.trashed).

    An export of any size then holds a few hundred films' texts at a time, not the journal.
    """
    query = FilmModel.select(
        FilmModel.id, FilmModel.title_key, FilmModel.year, FilmModel.letterboxd_uri, FilmModel.title
    )
    if not trash:
        query = query.where(FilmModel.deleted_at.is_null())
    film_ids = [row["id"] for row in sorted(_rows(query, {}), key=_film_order)]
    review_ids: set[int] | None = None
    if chosen:
        wanted = set(matching_film_ids(chosen))
        film_ids = [film_id for film_id in film_ids if film_id in wanted]
        review_ids = set(matching_review_ids(chosen))
    starts = range(0, len(film_ids), films_per_part) or range(1)
    for start in starts:
        last = start + films_per_part >= len(film_ids)
        part = film_ids[start : start + films_per_part]
        reviews = None if review_ids is None else sorted(review_ids)
        yield _snapshot_of_films(part, review_ids=reviews, whole=last, trash=trash and not chosen)


def _ids_in(ids: Iterable[int]) -> SQL:
    """``IN`` these ids, passed as one JSON value (any number of them)."""
    return SQL(native(ids_table()), [id_list(ids)])


def _snapshot_of_films(
    film_ids: list[int] | None,
    *,
    review_ids: list[int] | None = None,
    whole: bool,
    trash: bool = False,
) -> Snapshot:
    """These films (all when None) with their reviews (only ``review_ids`` if given), quotes,
    comments and tags; with ``whole``, the lists and comments written elsewhere too; with
    ``trash``, what is in the trash among them."""
    trashed: dict[tuple[str, int], datetime] = {}
    review_query = (
        ReviewModel.select(*_fields(Review, ReviewModel, skip=("tags",)), ReviewModel.deleted_at)
        .join(FilmModel)
        .order_by(ReviewModel.watched_on.asc(nulls="FIRST"), ReviewModel.created_at, ReviewModel.id)
    )
    if not trash:
        review_query = review_query.where(
            ReviewModel.deleted_at.is_null() & FilmModel.deleted_at.is_null()
        )
    if review_ids is not None:
        review_query = review_query.where(ReviewModel.id.in_(review_ids))
    if film_ids is not None:
        review_query = review_query.where(ReviewModel.film.in_(_ids_in(film_ids)))
    review_rows = list(_rows(review_query, _REVIEW))
    _take_trashed(review_rows, "review", trashed)
    live_ids = {row["id"] for row in review_rows}

    film_query = FilmModel.select(
        *_fields(Film, FilmModel), FilmModel.title_key, FilmModel.deleted_at
    )
    if not trash:
        film_query = film_query.where(FilmModel.deleted_at.is_null())
    if review_ids is not None:
        film_query = film_query.where(FilmModel.id.in_({row["film_id"] for row in review_rows}))
    if film_ids is not None:
        film_query = film_query.where(FilmModel.id.in_(_ids_in(film_ids)))
    film_rows = sorted(_rows(film_query, _FILM), key=_film_order)
    _take_trashed(film_rows, "film", trashed)
    films = [Film(**{name: row[name] for name in Film._fields}) for row in film_rows]
    chosen = None if film_ids is None and review_ids is None else {film.id for film in films}
    every_review = film_ids is None and review_ids is None

    tags = _tags(None if every_review else live_ids)
    by_film: dict[int, list[Review]] = defaultdict(list)
    for row in review_rows:
        by_film[row["film_id"]].append(Review(**row, tags=tuple(tags.get(row["id"], ()))))

    keep_orphans = review_ids is None
    return Snapshot(
        films=films,
        reviews=dict(by_film),
        quotes=_quotes(
            chosen, live_ids, keep_orphans=keep_orphans, trashed=trashed if trash else None
        ),
        comments=_comment_trees(live_ids, every_review, trashed=trashed if trash else None),
        lists=tuple(_lists(trash=trash)) if whole else (),
        remote_comments=tuple(_remote_comments()) if whole else (),
        trashed=trashed,
    )


def _take_trashed(
    rows: list[dict[str, Any]], kind: str, trashed: dict[tuple[str, int], datetime]
) -> None:
    """Take each row's ``deleted_at`` out of it, noting the items in the trash."""
    for row in rows:
        deleted_at = row.pop("deleted_at")
        if deleted_at is not None:
            trashed[(kind, row["id"])] = parse_utc(deleted_at)


def _tags(review_ids: set[int] | None) -> dict[int, list[str]]:
    """The tags of these reviews (every review's when None), in name order."""
    tags: dict[int, list[str]] = defaultdict(list)
    query = ReviewTagModel.select(ReviewTagModel.review, TagModel.name, TagModel.name_key).join(
        TagModel
    )
    if review_ids is not None:
        query = query.where(ReviewTagModel.review.in_(_ids_in(review_ids)))
    for row in sorted(_rows(query, {}), key=itemgetter("name_key")):
        tags[row["review_id"]].append(row["name"])
    return tags


def _film_order(row: dict[str, Any]) -> tuple[str, bool, int, str, str, int]:
    """Films in title order, then year (none first), then Letterboxd address and title: an
    order of their own values, the same on either engine (sorted here: a server's collation
    orders text its own way)."""
    year = row["year"]
    return (
        row["title_key"],
        year is not None,
        year or 0,
        row["letterboxd_uri"] or "",
        row["title"],
        row["id"],
    )


def _lists(*, trash: bool = False) -> list[FilmList]:
    """Every list with its entries in order (films in the trash left out, unless ``trash``)."""
    entries: dict[int, list[ListEntry]] = defaultdict(list)
    entry_query = (
        FilmListEntryModel.select(
            FilmListEntryModel.film_list, *_fields(ListEntry, FilmListEntryModel)
        )
        .join(FilmModel)
        .order_by(FilmListEntryModel.position, FilmListEntryModel.id)
    )
    if not trash:
        entry_query = entry_query.where(FilmModel.deleted_at.is_null())
    for row in _rows(entry_query, {}):
        list_id = row.pop("film_list_id")
        entries[list_id].append(ListEntry(**row))
    list_query = (
        FilmListModel.select(*_fields(FilmList, FilmListModel, skip=("entries",)))
        .where(FilmListModel.deleted_at.is_null())
        .order_by(FilmListModel.id)
    )
    return [FilmList(**row, entries=entries.get(row["id"], [])) for row in _rows(list_query, _LIST)]


def _remote_comments() -> list[RemoteComment]:
    """Comments written elsewhere, oldest first."""
    query = RemoteCommentModel.select(*_fields(RemoteComment, RemoteCommentModel)).order_by(
        RemoteCommentModel.written_on, RemoteCommentModel.id
    )
    return [RemoteComment(**row) for row in _rows(query, _REMOTE_COMMENT)]


def _quotes(
    film_ids: set[int] | None,
    live_ids: set[int],
    *,
    keep_orphans: bool,
    trashed: dict[tuple[str, int], datetime] | None = None,
) -> dict:
    """Each film's visible quotes in order (every film's when None); quotes of a review in the
    trash stay with the film. Given ``trashed``, the quotes in the trash too, noted there."""
    query = (
        QuoteModel.select(*_fields(Quote, QuoteModel), QuoteModel.deleted_at)
        .join(FilmModel)
        .order_by(QuoteModel.sort_order, QuoteModel.id)
    )
    if trashed is None:
        query = query.where(QuoteModel.deleted_at.is_null() & FilmModel.deleted_at.is_null())
    if film_ids is not None:
        query = query.where(QuoteModel.film.in_(_ids_in(film_ids)))
    by_film: dict[int, list[Quote]] = defaultdict(list)
    rows = list(_rows(query, _QUOTE))
    _take_trashed(rows, "quote", {} if trashed is None else trashed)
    for row in rows:
        quote = Quote(**row)
        if quote.review_id is None or quote.review_id in live_ids:
            by_film[quote.film_id].append(quote)
        elif keep_orphans:
            by_film[quote.film_id].append(quote._replace(review_id=None))
    return dict(by_film)


def _comment_trees(
    live_ids: set[int],
    every_review: bool,
    *,
    trashed: dict[tuple[str, int], datetime] | None = None,
) -> dict[int, list[Comment]]:
    """Each review's comments under their parents; deleted ones and their replies left out
    (given ``trashed``, kept, and noted there)."""
    query = CommentModel.select(
        *_fields(Comment, CommentModel, skip=("replies",)), CommentModel.deleted_at
    ).order_by(CommentModel.created_at, CommentModel.id)
    if not every_review:
        query = query.where(CommentModel.review.in_(_ids_in(live_ids)))
    by_review: dict[int, list[Comment]] = defaultdict(list)
    for row in _rows(query, {"created_at": parse_utc}):
        deleted_at = row.pop("deleted_at")
        if deleted_at is not None and trashed is not None:
            trashed[("comment", row["id"])] = parse_utc(deleted_at)
        elif deleted_at is not None:
            continue
        if row["review_id"] in live_ids:
            by_review[row["review_id"]].append(Comment(**row, replies=[]))
    return {review_id: build_tree(comments) for review_id, comments in by_review.items()}
