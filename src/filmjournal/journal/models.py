"""Peewee models of a journal: films, reviews, tags, quotes, comments and the search index.

The database is bound late (:func:`filmjournal.journal.database.open_journal`) so that tests and
the CLI can point the models at any file. Rows the user deletes keep a ``deleted_at`` timestamp:
they sit in the trash until it is emptied. Models end in ``Model``: the plain records the rest of
the program sees (:mod:`filmjournal.journal.records`) have the user's words (``Film``, ``Review``).
Foreign keys also declare their ``…_id`` attribute, which Peewee adds, for the type checker.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from peewee import (
    AutoField,
    BooleanField,
    CompositeKey,
    DatabaseProxy,
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

from filmjournal.folding import fold
from filmjournal.journal.errors import JournalDamagedError

sqlite_db = SqliteDatabase(None, lock_type="IMMEDIATE")
"""A journal file; every write transaction takes the write lock up front (BEGIN IMMEDIATE)."""
db = DatabaseProxy()
"""The open journal, on SQLite (:data:`sqlite_db`) or PostgreSQL (see
:mod:`filmjournal.journal.engine`): every model and query goes through it."""
db.initialize(sqlite_db)


def _sql_fold(text: object) -> str | None:
    """``fold()`` in SQL: text folded for case- and accent-insensitive filters."""
    return fold(text) if isinstance(text, str) else None


sqlite_db.register_function(_sql_fold, "fold", 1, deterministic=True)


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
        # isoformat, not strftime: the same text three times faster (imports store tens of
        # thousands), and four-digit years always.
        return value.astimezone(UTC).isoformat(timespec="microseconds")[:-6] + "Z"

    def python_value(self, value: str | None) -> datetime | None:
        """Read back as an aware UTC datetime."""
        return None if value is None else parse_utc(value)


def parse_utc(value: str) -> datetime:
    """Parse a stored timestamp into an aware UTC datetime (the journal is damaged if not one)."""
    try:
        return datetime.fromisoformat(value).astimezone(UTC)
    except (ValueError, TypeError, OverflowError):
        raise damaged(f"a stored time cannot be read ({str(value)[:40]!r})") from None


def date_from_text(value: str | date | None) -> date | None:
    """A stored ``YYYY-MM-DD`` as a date (None stays None; the journal is damaged if not one)."""
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (ValueError, TypeError):
        raise damaged(f"a stored date cannot be read ({str(value)[:40]!r})") from None


def journal_name() -> str:
    """The open journal's file, or its server and database (never a password)."""
    return str(getattr(db.obj, "journal_name", None) or db.obj.database or "the journal")


def damaged(problem: str) -> JournalDamagedError:
    """The error for a journal holding what no filmjournal writes."""
    return JournalDamagedError(
        journal_name(),
        f"is damaged: {problem}; restore it from a backup (filmjournal backup writes one)",
    )


class DayField(DateField):
    """A calendar date stored as ``YYYY-MM-DD`` text (on both engines); anything else read back
    means damage."""

    def db_value(self, value: object) -> object:
        """Store a date as its ISO text."""
        return value.isoformat() if isinstance(value, date) else value

    def python_value(self, value: object) -> date | None:
        """Read back as a date."""
        return date_from_text(value)  # type: ignore[arg-type]


class FlagField(BooleanField):
    """Yes or no, stored as 1 or 0 (an integer on both engines: the same queries count it)."""

    def db_value(self, value: object) -> int | None:
        """Store 1 or 0."""
        return None if value is None else int(bool(value))


class BaseModel(Model):
    """Base of every journal table."""

    class Meta:
        database = db
        legacy_table_names = False


class ItemModel(BaseModel):
    """Base of what the user writes and may move to the trash: films, reviews, quotes, comments.

    It adds no column: it tells the type checker that each such table has these.
    """

    id: int
    deleted_at: datetime | None


class FilmModel(ItemModel):
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
    watchlist_added_on = DayField(null=True)
    is_liked = FlagField(default=False)
    review_count = IntegerField(default=0)
    last_watched = DayField(null=True)
    latest_rating = FloatField(null=True)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)

    class Meta:
        table_name = "film"


QUOTE_COLUMNS = ("film", "deleted_at", "sort_order", "is_favourite", "created_at")
"""The quotes index: a film's quotes in order, with what stats count of each."""
VIEWING_COLUMNS = (
    "film",
    "deleted_at",
    "watched_on",
    "created_at",
    "rating",
    "is_rewatch",
    "is_liked",
    "has_spoilers",
    "where_watched",
)
"""The review index's columns (schema 5)."""


class ReviewModel(ItemModel):
    """One viewing of a film, written up."""

    id = AutoField()
    film = ForeignKeyField(FilmModel, backref="reviews", on_delete="CASCADE", index=False)
    film_id: int
    headline = TextField(default="")
    body = TextField(default="")
    watched_on = DayField(null=True)
    where_watched = TextField(default="")
    rating = FloatField(null=True)
    is_rewatch = FlagField(default=False)
    is_liked = FlagField(default=False)
    has_spoilers = FlagField(default=False)
    letterboxd_uri = TextField(null=True, index=True)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)
    author = TextField(default="")
    """Who wrote it (schema 7; empty for what was written before, by the journal's owner)."""

    class Meta:
        table_name = "review"
        # Covers what the film summaries, filters and stats read of a viewing: scanning it
        # does not read the table's rows (a body makes each row a page or more).
        indexes = ((VIEWING_COLUMNS, False),)


class TagModel(BaseModel):
    """A tag name, unique case-insensitively (``name_key`` is the case-folded name)."""

    id = AutoField()
    name = TextField()
    name_key = TextField(unique=True)

    class Meta:
        table_name = "tag"


class ReviewTagModel(BaseModel):
    """Which tags a review carries."""

    review = ForeignKeyField(ReviewModel, on_delete="CASCADE")
    review_id: int
    tag = ForeignKeyField(TagModel, on_delete="CASCADE", index=True)
    tag_id: int

    class Meta:
        table_name = "review_tag"
        primary_key = CompositeKey("review", "tag")


class QuoteModel(ItemModel):
    """A line from a film, optionally collected for one review."""

    id = AutoField()
    film = ForeignKeyField(FilmModel, backref="quotes", on_delete="CASCADE", index=False)
    film_id: int
    review = ForeignKeyField(ReviewModel, null=True, backref="quotes", on_delete="SET NULL")
    review_id: int | None
    text = TextField()
    speaker = TextField(default="")
    is_favourite = FlagField(default=False)
    note = TextField(default="")
    film_time = IntegerField(null=True)
    sort_order = IntegerField(default=0)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)
    author = TextField(default="")
    """Who kept it (schema 7)."""

    class Meta:
        table_name = "quote"
        # Covers what a film's quotes are listed by and what stats count (favourites, when
        # kept): counting them does not read the quotes' text.
        indexes = ((QUOTE_COLUMNS, False),)


class CommentModel(ItemModel):
    """A comment under a review; replies point at their parent comment."""

    id = AutoField()
    review = ForeignKeyField(ReviewModel, backref="comments", on_delete="CASCADE", index=False)
    review_id: int
    parent = ForeignKeyField("self", null=True, backref="replies", on_delete="CASCADE")
    parent_id: int | None
    author = TextField(default="")
    body = TextField()
    created_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)

    class Meta:
        table_name = "comment"
        indexes = ((("review", "created_at"), False),)


class FilmListModel(BaseModel):
    """A named, described, ordered list of films (Letterboxd lists come in as these)."""

    id = AutoField()
    name = TextField()
    description = TextField(default="")
    tags = TextField(default="")
    letterboxd_uri = TextField(null=True, unique=True)
    created_on = DayField(null=True)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)
    deleted_at = UTCDateTimeField(null=True)

    class Meta:
        table_name = "list"  # "film_list" names the film list's covering index


class FilmListEntryModel(BaseModel):
    """A film's place in a list, with the list's note on it."""

    id = AutoField()
    film_list = ForeignKeyField(FilmListModel, backref="entries", on_delete="CASCADE", index=False)
    film_list_id: int
    film = ForeignKeyField(FilmModel, on_delete="CASCADE")
    film_id: int
    position = IntegerField()
    note = TextField(default="")

    class Meta:
        table_name = "list_entry"
        indexes = ((("film_list", "position"), False),)


class RemoteCommentModel(BaseModel):
    """A comment the user wrote elsewhere (on someone else's Letterboxd entry), with its URL."""

    id = AutoField()
    url = TextField()
    body = TextField()
    written_on = DayField(null=True)
    created_at = UTCDateTimeField(default=utc_now)

    class Meta:
        table_name = "remote_comment"
        indexes = ((("url", "written_on"), False),)


class SearchIndex(FTS5Model):
    """Full-text index of everything visible; rowid = item id * 8 + kind code."""

    title = SearchField()
    body = SearchField()

    class Meta:
        database = db
        table_name = "search_index"
        # Words' first one to three letters are indexed too: results for a search being typed
        # are found at once whatever its first letters (about 10% more index).
        options: ClassVar[dict[str, Any]] = {
            "tokenize": "porter unicode61 remove_diacritics 2",
            "prefix": "1 2 3",
        }


TABLES: tuple[type[Model], ...] = (
    FilmModel,
    ReviewModel,
    TagModel,
    ReviewTagModel,
    QuoteModel,
    CommentModel,
    FilmListModel,
    FilmListEntryModel,
    RemoteCommentModel,
)
"""The ordinary tables, in creation order."""
