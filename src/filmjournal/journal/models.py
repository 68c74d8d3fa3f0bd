"""Peewee models of a journal: films, reviews, tags, quotes, comments and the search index.

The database is bound late (``db.init`` in :mod:`filmjournal.journal.database`) so that tests and
the CLI can point the models at any file. Rows the user deletes keep a ``deleted_at`` timestamp:
they sit in the trash until it is emptied.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from peewee import (
    AutoField,
    BooleanField,
    CompositeKey,
    DateField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)
from playhouse.sqlite_ext import FTS5Model, SearchField

db = SqliteDatabase(None, lock_type="IMMEDIATE")
"""The open journal; every write transaction takes the write lock up front (BEGIN IMMEDIATE)."""


def utc_now() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTimeField(Field):
    """An aware datetime stored as sortable ISO 8601 text in UTC (``2026-11-24T23:14:00Z``)."""

    field_type = "TEXT"

    def db_value(self, value: datetime | None) -> str | None:
        """Store in UTC; naive datetimes are taken to be UTC already."""
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def python_value(self, value: str | None) -> datetime | None:
        """Read back as an aware UTC datetime."""
        return None if value is None else parse_utc(value)


def parse_utc(value: str) -> datetime:
    """Parse a stored timestamp into an aware UTC datetime."""
    return datetime.fromisoformat(value).astimezone(UTC)


class BaseModel(Model):
    """Base of every journal table."""

    class Meta:
        database = db
        legacy_table_names = False


class Film(BaseModel):
    """A film: unique on its case-folded, trimmed title and its year.

    ``review_count``, ``last_watched`` and ``latest_rating`` summarise its reviews; triggers
    (see :mod:`filmjournal.journal.schema`) keep them up to date on every review write.
    """

    id = AutoField()
    title = TextField()
    title_key = TextField(index=True)
    year = IntegerField(null=True)
    original_title = TextField(default="")
    directors = TextField(default="")
    letterboxd_uri = TextField(null=True, index=True)
    watchlist_added_on = DateField(null=True)
    is_liked = BooleanField(default=False)
    review_count = IntegerField(default=0)
    last_watched = DateField(null=True)
    latest_rating = FloatField(null=True)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)


class Review(BaseModel):
    """One viewing of a film, written up."""

    id = AutoField()
    film = ForeignKeyField(Film, backref="reviews", on_delete="CASCADE", index=False)
    headline = TextField(default="")
    body = TextField(default="")
    watched_on = DateField(null=True)
    where_watched = TextField(default="")
    rating = FloatField(null=True)
    is_rewatch = BooleanField(default=False)
    is_liked = BooleanField(default=False)
    has_spoilers = BooleanField(default=False)
    letterboxd_uri = TextField(null=True, index=True)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("film", "deleted_at", "watched_on", "created_at", "rating"), False),)


class Tag(BaseModel):
    """A tag name, unique case-insensitively (``name_key`` is the case-folded name)."""

    id = AutoField()
    name = TextField()
    name_key = TextField(unique=True)


class ReviewTag(BaseModel):
    """Which tags a review carries."""

    review = ForeignKeyField(Review, on_delete="CASCADE")
    tag = ForeignKeyField(Tag, on_delete="CASCADE", index=True)

    class Meta:
        primary_key = CompositeKey("review", "tag")


class Quote(BaseModel):
    """A line from a film, optionally collected for one review."""

    id = AutoField()
    film = ForeignKeyField(Film, backref="quotes", on_delete="CASCADE", index=False)
    review = ForeignKeyField(Review, null=True, backref="quotes", on_delete="SET NULL")
    text = TextField()
    speaker = TextField(default="")
    is_favourite = BooleanField(default=False)
    note = TextField(default="")
    film_time = IntegerField(null=True)
    sort_order = IntegerField(default=0)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("film", "deleted_at", "sort_order"), False),)


class Comment(BaseModel):
    """A comment under a review; replies point at their parent comment."""

    id = AutoField()
    review = ForeignKeyField(Review, backref="comments", on_delete="CASCADE", index=False)
    parent = ForeignKeyField("self", null=True, backref="replies", on_delete="CASCADE")
    author = TextField(default="")
    body = TextField()
    created_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("review", "created_at"), False),)


class FilmList(BaseModel):
    """A named, described, ordered list of films (Letterboxd lists come in as these)."""

    id = AutoField()
    name = TextField()
    description = TextField(default="")
    tags = TextField(default="")
    letterboxd_uri = TextField(null=True, unique=True)
    created_on = DateField(null=True)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)

    class Meta:
        table_name = "list"  # "film_list" names the film list's covering index


class FilmListEntry(BaseModel):
    """A film's place in a list, with the list's note on it."""

    id = AutoField()
    film_list = ForeignKeyField(FilmList, backref="entries", on_delete="CASCADE", index=False)
    film = ForeignKeyField(Film, on_delete="CASCADE")
    position = IntegerField()
    note = TextField(default="")

    class Meta:
        table_name = "list_entry"
        indexes = ((("film_list", "position"), False),)


class RemoteComment(BaseModel):
    """A comment the user wrote elsewhere (on someone else's Letterboxd entry), with its URL."""

    id = AutoField()
    url = TextField()
    body = TextField()
    written_on = DateField(null=True)
    created_at = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("url", "written_on"), False),)


class SearchIndex(FTS5Model):
    """Full-text index of everything visible; rowid = item id * 4 + kind code."""

    title = SearchField()
    body = SearchField()

    class Meta:
        database = db
        table_name = "search_index"
        options: ClassVar[dict[str, Any]] = {"tokenize": "porter unicode61 remove_diacritics 2"}


TABLES: tuple[type[Model], ...] = (
    Film,
    Review,
    Tag,
    ReviewTag,
    Quote,
    Comment,
    FilmList,
    FilmListEntry,
    RemoteComment,
)
"""The ordinary tables, in creation order."""
