"""Adding thousands of films, reviews, quotes and comments quickly (imports).

The one-item API functions check and re-read around every write, which costs milliseconds per
row. A :class:`BulkWriter` instead loads what it needs to match against once, checks every value
with the same cleaners *before* writing anything of an item (so a bad item leaves no trace),
inserts with prepared statements, and brings the search index up to date once at the end. Get
one from :func:`bulk_writing`, which wraps the whole import in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from peewee import AutoField, Model, sort_models  # type: ignore[attr-defined]  # not in the stubs

from filmjournal.journal import search
from filmjournal.journal.engine import execute, execute_many, on_postgres
from filmjournal.journal.errors import ValidationError
from filmjournal.journal.fields import COMMENT_FIELDS, FILM_FIELDS, QUOTE_FIELDS, REVIEW_FIELDS
from filmjournal.journal.models import (
    CommentModel,
    FilmModel,
    QuoteModel,
    RemoteCommentModel,
    ReviewModel,
    ReviewTagModel,
    TagModel,
    date_from_text,
    db,
    utc_now,
)
from filmjournal.journal.reviews import drop_unused_tags
from filmjournal.journal.signing import signature
from filmjournal.journal.validation import MAX_REPLY_DEPTH, clean_fields, identity_key


@dataclass
class NewComment:
    """A comment to add, with its replies (values as the API takes them)."""

    values: dict[str, Any]
    replies: list[NewComment] = field(default_factory=list)


@dataclass
class NewReview:
    """A review to add with its quotes and comment thread, all values checked."""

    values: dict[str, Any]
    tags: list[str]
    quotes: list[dict[str, Any]]
    comments: list[NewComment]


def check_film(values: Mapping[str, Any]) -> dict[str, Any]:
    """A film's values cleaned as :func:`~filmjournal.journal.films.create_film` would."""
    cleaned = clean_fields("film", FILM_FIELDS, values)
    if not cleaned.get("title"):
        raise ValidationError("title", "must not be empty")
    return cleaned


def check_review(
    values: Mapping[str, Any],
    quotes: Iterable[Mapping[str, Any]] = (),
    comments: Iterable[Any] = (),
) -> NewReview:
    """A review, its quotes and its thread, every value cleaned; nothing is written."""
    cleaned = clean_fields("review", REVIEW_FIELDS, values)
    tags = cleaned.pop("tags", [])
    checked_quotes = []
    for quote in quotes:
        checked = clean_fields("quote", QUOTE_FIELDS, quote)
        if not checked.get("text"):
            raise ValidationError("quote", "must not be empty")
        checked_quotes.append(checked)
    return NewReview(cleaned, tags, checked_quotes, [check_comment(c) for c in comments])


def check_comment(comment: Any, depth: int = 0) -> NewComment:
    """A comment given as ``(values, replies)`` cleaned, with its replies (nesting bounded)."""
    if depth > MAX_REPLY_DEPTH:
        raise ValidationError("comments", f"nest more than {MAX_REPLY_DEPTH} replies deep")
    values, replies = comment
    cleaned = clean_fields("comment", COMMENT_FIELDS, {"author": "", **values})
    if not cleaned.get("body"):
        raise ValidationError("comment", "must not be empty")
    return NewComment(cleaned, [check_comment(reply, depth + 1) for reply in replies])


@contextmanager
def bulk_writing() -> Iterator[BulkWriter]:
    """A bulk writer inside one transaction; the search index is brought up to date at the end.

    Anything raised inside the block rolls the whole transaction back.
    """
    with db.atomic():
        writer = BulkWriter()
        yield writer
        writer.finish()


InsertStatement = tuple[
    str, list[tuple[str, Callable[[Any], Any], Any]], list[tuple[str, Callable[[], Any]]]
]
"""An INSERT, its columns (name, conversion, default) and the defaults made for each row."""

ANALYZE_AFTER = 1000
"""Rows a bulk write adds to a table before a server is told to look at it again."""
ID_BATCH = 1000
"""Ids a server hands out at once to a bulk writer (one query per thousand rows)."""
QUEUED_ROWS = 2000
"""New rows held before they are written, one ``executemany`` per statement."""


class BulkWriter:
    """Matches and inserts many items inside one transaction (see :func:`bulk_writing`)."""

    def __init__(self) -> None:
        self.films: dict[tuple[str, int | None], list[int]] = {}
        for film_id, title_key, year in execute(
            "SELECT id, title_key, year FROM film WHERE deleted_at IS NULL ORDER BY id"
        ):
            self.films.setdefault((title_key, year), []).append(film_id)
        self.reviews: dict[tuple[int, str | None, str], int] = {
            (film_id, watched, headline): review_id
            for review_id, film_id, watched, headline in execute(
                # the trash's too (a live one wins a tie: read last)
                "SELECT id, film_id, watched_on, headline FROM review"
                " ORDER BY deleted_at IS NULL, id"
            )
        }
        self.film_uris: dict[str, int] = dict(
            execute(
                "SELECT letterboxd_uri, id FROM film"
                " WHERE letterboxd_uri IS NOT NULL AND deleted_at IS NULL"
            )
        )
        self.review_uris: dict[str, int] = dict(
            execute(
                "SELECT letterboxd_uri, id FROM review WHERE letterboxd_uri IS NOT NULL"
                " ORDER BY deleted_at IS NULL, id"
            )
        )
        self.uri_of_film = {film_id: uri for uri, film_id in self.film_uris.items()}
        self.trashed_films: dict[tuple[str, int | None, str | None], int] = {
            (title_key, year, uri): film_id
            for film_id, title_key, year, uri in execute(
                "SELECT id, title_key, year, letterboxd_uri FROM film WHERE deleted_at IS NOT NULL"
            )
        }
        """Films in the trash by their identity (title, year, Letterboxd address)."""
        self.into_trash: set[int] = set()
        """Films in the trash that an import added to, instead of adding the film again."""
        self.uri_of_review = {review_id: uri for uri, review_id in self.review_uris.items()}
        self.tags = dict(execute("SELECT name_key, id FROM tag"))
        self.quote_order = dict(
            execute("SELECT film_id, max(sort_order) FROM quote GROUP BY film_id")
        )
        self.added: dict[str, list[int]] = {kind: [] for kind in search.KINDS}
        self._statements: dict[str, InsertStatement] = {}
        self._id_pools: dict[str, list[int]] = {}
        self._inserted: dict[str, int] = {}
        self._remote_comments: dict[tuple[str, str | None, str], int] | None = None
        # New rows and changes are queued (new rows with ids given here) and written in batches:
        # one statement per row cost a third of an import. A table's rows and changes go in
        # their order, parents' tables first (a review's trigger counts it on its film); what
        # reads or deletes writes the queue first.
        self._next_ids: dict[str, int] = {}
        self._queued: dict[type[Model], list[tuple[str, list[Any]]]] = {}
        self._queued_rows = 0

    # Matching -------------------------------------------------------------------------------

    def find_film(self, title: str, year: int | None) -> int | None:
        """The id of the (first) film with this title (ignoring case) and year, if any."""
        films = self.films_named(title, year)
        return films[0] if films else None

    def films_named(self, title: str, year: int | None) -> list[int]:
        """The films with this title (ignoring case) and year: more than one when Letterboxd
        has two different films by that name that year."""
        return self.films.get((identity_key(title), year), [])

    def review_for(self, film_id: int, values: Mapping[str, Any]) -> int | None:
        """The journal's review that is this one, if any: the review with its Letterboxd entry
        address, else the film's review of that day and headline (unless that one is another
        Letterboxd entry: a film watched twice a day is two entries)."""
        uri = values.get("letterboxd_uri")
        if uri and uri in self.review_uris:
            return self.review_uris[uri]
        existing = self.find_review(film_id, values.get("watched_on"), values.get("headline", ""))
        if uri and existing is not None and existing in self.uri_of_review:
            return None
        return existing

    def quotes_of(self, film_id: int) -> set[tuple[str, str]]:
        """The text and speaker of every quote the film has, those in the trash included (and
        the film's, if it is in the trash)."""
        self.flush()
        sql = "SELECT text, speaker FROM quote WHERE film_id = ?"
        return {(text, speaker) for text, speaker in execute(sql, (film_id,))}

    def find_review(self, film_id: int, watched_on: date | None, headline: str) -> int | None:
        """The id of the film's review with this watched date and headline, if there is one."""
        watched = watched_on.isoformat() if watched_on else None
        return self.reviews.get((film_id, watched, headline))

    # Adding ---------------------------------------------------------------------------------

    def add_film(self, values: Mapping[str, Any]) -> int:
        """Insert a checked film (see :func:`check_film`); a film that is in the trash is not
        added again: what comes for it goes to the trash with it (restored with it), as the
        user chose to put it there."""
        now = utc_now()
        row = {"created_at": now, "updated_at": now, **values}
        row["title_key"] = identity_key(row["title"])
        identity = (row["title_key"], row.get("year"), row.get("letterboxd_uri"))
        trashed = self.trashed_films.get(identity)
        if trashed is not None:
            self.into_trash.add(trashed)
            film_id = trashed
        else:
            film_id = self.insert(FilmModel, row)
        self.films.setdefault((row["title_key"], row.get("year")), []).append(film_id)
        if row.get("letterboxd_uri"):
            self.film_uris[row["letterboxd_uri"]] = film_id
            self.uri_of_film[film_id] = row["letterboxd_uri"]
        self.added["film"].append(film_id)
        return film_id

    def film_for(self, values: Mapping[str, Any]) -> tuple[int, bool]:
        """The matching film's id, or a new film's; and whether it was added.

        A film with a Letterboxd address is that address's film (two Letterboxd films may share
        a title and year), or one of that title and year with no address yet.
        """
        named = self.films_named(values["title"], values.get("year"))
        uri = values.get("letterboxd_uri")
        if uri:
            named = [film_id for film_id in named if self.uri_of_film.get(film_id) in (uri, None)]
            named.sort(key=lambda film_id: self.uri_of_film.get(film_id) != uri)
        if named:
            return named[0], False
        film_id = self.add_film(values)
        return film_id, film_id not in self.into_trash

    def add_review(self, film_id: int, review: NewReview) -> int:
        """Insert a checked review with its tags, quotes and comment thread."""
        now = utc_now()
        signed = {"author": signature()}  # unless the values say who (a JSON export does)
        row = {"created_at": now, "updated_at": now, **signed, **review.values, "film": film_id}
        review_id = self.insert(ReviewModel, row)
        watched = row.get("watched_on")
        key = (film_id, watched.isoformat() if watched else None, row.get("headline", ""))
        self.reviews[key] = review_id
        if row.get("letterboxd_uri"):
            self.review_uris[row["letterboxd_uri"]] = review_id
            self.uri_of_review[review_id] = row["letterboxd_uri"]
        self.added["review"].append(review_id)
        for name in review.tags:
            self._tag_review(review_id, name)
        for quote in review.quotes:
            self.add_quote(film_id, {**quote, "review_id": review_id})
        self.add_comments(review_id, review.comments, None)
        return review_id

    def add_quote(self, film_id: int, values: Mapping[str, Any]) -> int:
        """Insert a checked quote, last in its film's order."""
        order = self.quote_order.get(film_id, 0) + 1
        self.quote_order[film_id] = order
        now = utc_now()
        signed = {"author": signature()}
        row = {"created_at": now, "updated_at": now, **signed, **values, "film": film_id}
        row["review"] = row.pop("review_id", None)
        quote_id = self.insert(QuoteModel, {**row, "sort_order": order})
        self.added["quote"].append(quote_id)
        return quote_id

    def add_comments(self, review_id: int, thread: list[NewComment], parent_id: int | None) -> None:
        """Insert a checked thread under a review (or under one of its comments)."""
        for comment in thread:
            row = {"created_at": utc_now(), **comment.values}
            row.update(review=review_id, parent=parent_id)
            comment_id = self.insert(CommentModel, row)
            self.added["comment"].append(comment_id)
            self.add_comments(review_id, comment.replies, comment_id)

    def update_film(self, film_id: int, values: Mapping[str, Any]) -> None:
        """Change some checked fields of a film."""
        self.update(FilmModel, film_id, {**values, "updated_at": utc_now()})
        if values.get("letterboxd_uri"):
            self.film_uris[values["letterboxd_uri"]] = film_id
            self.uri_of_film[film_id] = values["letterboxd_uri"]
        self.added["film"].append(film_id)

    def update_review(self, review_id: int, values: Mapping[str, Any]) -> None:
        """Change some checked fields of a review (``tags`` replaces its tags).

        ``updated_at`` changes only if given: an import keeps the time of the entry it brings.
        """
        changes = dict(values)
        tags = changes.pop("tags", None)
        if changes:
            self.update(ReviewModel, review_id, changes)
        if tags is not None:
            self.flush()
            execute("DELETE FROM review_tag WHERE review_id = ?", (review_id,))
            for name in tags:
                self._tag_review(review_id, name)
            self.flush()  # the tags just given are in use: written before unused ones go
            drop_unused_tags()
            self.tags = dict(execute("SELECT name_key, id FROM tag"))
        if changes.get("letterboxd_uri"):
            self.review_uris[changes["letterboxd_uri"]] = review_id
            self.uri_of_review[review_id] = changes["letterboxd_uri"]
        self.added["review"].append(review_id)

    def update(self, model: type[Model], row_id: int, values: Mapping[str, Any]) -> None:
        """Set checked values on one row of any table (queued after the table's new rows)."""
        fields = model._meta.fields
        assignments = ", ".join(f'"{fields[name].column_name}" = ?' for name in values)
        params = [_sql_value(fields[name].db_value(value)) for name, value in values.items()]
        table = model._meta.table_name
        self._queue(model, f'UPDATE "{table}" SET {assignments} WHERE id = ?', [*params, row_id])

    def add_remote_comment(self, values: Mapping[str, Any], *, was: str | None = None) -> str:
        """Add a comment written elsewhere unless the same one (address, day, text) is there.

        ``was`` is the text an earlier import stored for it (raw HTML): such a comment is
        brought up to date. Returns "imported", "updated" or "skipped".
        """
        if self._remote_comments is None:
            self.flush()
            query = "SELECT url, written_on, body, id FROM remote_comment"
            self._remote_comments = {
                (url, day, body): row_id for url, day, body, row_id in (execute(query))
            }
        written = values.get("written_on")
        place = (values["url"], written.isoformat() if written else None)
        if (*place, values["body"]) in self._remote_comments:
            return "skipped"
        earlier = self._remote_comments.pop((*place, was), None) if was is not None else None
        if earlier is None:
            comment_id, outcome = self.insert(RemoteCommentModel, values), "imported"
        else:
            self.update(RemoteCommentModel, earlier, {"body": values["body"]})
            comment_id, outcome = earlier, "updated"
        self._remote_comments[(*place, values["body"])] = comment_id
        self.added["remote"].append(comment_id)
        return outcome

    # Reading what imports compare against ---------------------------------------------------

    def films_on_watchlist(self) -> set[int]:
        """The films on the watchlist."""
        self.flush()
        query = "SELECT id FROM film WHERE watchlist_added_on IS NOT NULL"
        return {film_id for (film_id,) in execute(query)}

    def liked_films(self) -> set[int]:
        """The films marked liked."""
        self.flush()
        return {film_id for (film_id,) in execute("SELECT id FROM film WHERE is_liked = 1")}

    def stored_reviews(self) -> dict[int, dict[str, Any]]:
        """What an import compares against: every review's values by id (those in the trash
        too, marked ``in_trash``: an entry the user deleted is not brought back), read in two
        queries."""
        self.flush()
        query = """SELECT id, film_id, watched_on, rating, is_rewatch, headline, body,
            letterboxd_uri, created_at, updated_at, deleted_at FROM review"""
        stored: dict[int, dict[str, Any]] = {}
        for row in execute(query):
            review_id, film_id, watched, rating, rewatch, headline, body, uri, created, updated = (
                row[:10]
            )
            stored[review_id] = {
                "film_id": film_id,
                "watched_on": date_from_text(watched),
                "rating": rating,
                "is_rewatch": bool(rewatch),
                "headline": headline,
                "body": body,
                "letterboxd_uri": uri,
                "tags": (),
                "edited_here": created != updated,
                "in_trash": row[10] is not None,
            }
        tags = "SELECT rt.review_id, t.name FROM review_tag rt JOIN tag t ON t.id = rt.tag_id"
        for review_id, name in execute(tags):
            if review_id in stored:
                stored[review_id]["tags"] += (name,)
        return stored

    def finish(self) -> None:
        """Write what is queued, and index everything added for search (once, at the end).

        A server is told to look at the tables that grew a lot (ANALYZE): its planner would
        otherwise plan for the empty tables of a new journal until its own pass comes round.
        """
        self.flush()
        for kind, ids in self.added.items():
            search.reindex(kind, ids)
            ids.clear()
        if on_postgres():
            grown = [table for table, rows in self._inserted.items() if rows >= ANALYZE_AFTER]
            for table in (*grown, "search_index") if grown else ():
                execute(f'ANALYZE "{table}"')
        self._inserted.clear()

    # Inside ---------------------------------------------------------------------------------

    def _tag_review(self, review_id: int, name: str) -> None:
        key = identity_key(name)
        tag_id = self.tags.get(key)
        if tag_id is None:
            tag_id = self.tags[key] = self.insert(TagModel, {"name": name, "name_key": key})
        self.insert(ReviewTagModel, {"review": review_id, "tag": tag_id})

    def insert(self, model: type[Model], row: Mapping[str, Any]) -> int:
        """Queue a new row of any table (values already checked; model defaults filled in).

        Returns the new row's id, given here: the next after the table's largest, as SQLite
        would. The statement and the columns' conversions are worked out once per table (an
        import inserts tens of thousands of rows).
        """
        table = model._meta.table_name
        prepared = self._statements.get(table)
        if prepared is None:
            prepared = self._statements[table] = _insert_statement(model)
        statement, columns, made = prepared
        if made:
            row = {**{name: make() for name, make in made if name not in row}, **row}
        values = [
            None if (value := row.get(name, default)) is None else _sql_value(convert(value))
            for name, convert, default in columns
        ]
        row_id = 0  # a table keyed by its columns (review_tag) has no id to give
        self._inserted[table] = self._inserted.get(table, 0) + 1
        if isinstance(model._meta.primary_key, AutoField):
            row_id = self._next_id(table)
            values.append(row_id)
        self._queue(model, statement, values)
        return row_id

    def _queue(self, model: type[Model], statement: str, values: list[Any]) -> None:
        self._queued.setdefault(model, []).append((statement, values))
        self._queued_rows += 1
        if self._queued_rows >= QUEUED_ROWS:
            self.flush()

    def _next_id(self, table: str) -> int:
        """A new row's id: in a file, the next after the table's largest (the write lock is
        held); on a server, from the table's sequence, as other clients' rows take theirs."""
        if on_postgres():
            pool = self._id_pools.setdefault(table, [])
            if not pool:
                sql = f"""SELECT nextval(pg_get_serial_sequence('"{table}"', 'id'))
                    FROM generate_series(1, {ID_BATCH})"""
                pool.extend(sorted((row[0] for row in execute(sql)), reverse=True))
            return int(pool.pop())
        row_id = self._next_ids.get(table) or self._first_free_id(table)
        self._next_ids[table] = row_id + 1
        return row_id

    def _first_free_id(self, table: str) -> int:
        return int(execute(f'SELECT coalesce(max(id), 0) + 1 FROM "{table}"').fetchone()[0])

    def flush(self) -> None:
        """Write the queued rows (before anything reads or changes the tables they go in)."""
        if not self._queued_rows:
            return
        for model in sort_models(self._queued):
            for statement, rows in groupby(self._queued[model], key=itemgetter(0)):
                execute_many(statement, [values for _, values in rows])
        self._queued.clear()
        self._queued_rows = 0


def _insert_statement(model: type[Model]) -> InsertStatement:
    """The INSERT of every column (the id last, for a table with one); for each column its
    field name, conversion and default; and the defaults made anew for each row (times).

    Every row of a table goes through one statement: rows with different columns would break
    up the batches.
    """
    fields = [field for field in model._meta.sorted_fields if not isinstance(field, AutoField)]
    names = [f'"{field.column_name}"' for field in fields]
    if isinstance(model._meta.primary_key, AutoField):
        names.append('"id"')
    marks = ", ".join("?" * len(names))
    statement = f'INSERT INTO "{model._meta.table_name}" ({", ".join(names)}) VALUES ({marks})'
    columns = [
        (field.name, field.db_value, None if callable(field.default) else field.default)
        for field in fields
    ]
    made = [(field.name, field.default) for field in fields if callable(field.default)]
    return statement, columns, made


def _sql_value(value: Any) -> Any:
    """Dates as ISO text, as the models store them (no reliance on sqlite3's adapters)."""
    return value.isoformat() if isinstance(value, date) else value
