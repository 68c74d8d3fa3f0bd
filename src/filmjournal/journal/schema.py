"""The journal schema: how a new journal is created and how older ones are brought up to date.

``PRAGMA application_id`` marks a SQLite file as a filmjournal journal and ``PRAGMA user_version``
holds its schema version. ``MIGRATIONS[n]`` turns a version ``n`` journal into version ``n + 1``;
:func:`filmjournal.journal.database.open_journal` runs them in one transaction after a backup.
"""

from __future__ import annotations

from collections.abc import Callable

from filmjournal.journal import search
from filmjournal.journal.engine import execute
from filmjournal.journal.models import (
    TABLES,
    FilmListEntryModel,
    FilmListModel,
    QuoteModel,
    RemoteCommentModel,
    ReviewModel,
    SearchIndex,
    db,
)

APPLICATION_ID = 0x464A524E
"""``FJRN``: the SQLite application id of a filmjournal journal."""

SCHEMA_VERSION = 8
"""The schema version this code reads and writes."""

SEARCH_RANK = "bm25(10.0, 1.0)"
"""FTS5 ranking: a hit in a title weighs ten times a hit in a body."""

FILM_SUMMARY = """UPDATE film SET
    review_count = (SELECT count(*) FROM review r
        WHERE r.film_id = film.id AND r.deleted_at IS NULL),
    last_watched = (SELECT max(r.watched_on) FROM review r
        WHERE r.film_id = film.id AND r.deleted_at IS NULL),
    latest_rating = (SELECT r.rating FROM review r
        WHERE r.film_id = film.id AND r.deleted_at IS NULL AND r.rating IS NOT NULL
        ORDER BY r.watched_on DESC NULLS LAST, r.created_at DESC LIMIT 1)
    WHERE film.id IN ({films});"""
"""Brings the films' review summaries up to date (a trigger's body, on either engine)."""

FILM_IDENTITY = """CREATE UNIQUE INDEX film_identity
    ON film (title_key, IFNULL(year, 0), IFNULL(letterboxd_uri, ''))"""
"""A film is its title and year; two Letterboxd films may share those (their URIs differ)."""

FILM_LIST_VERSION = (
    """CREATE TABLE film_list_version (
        id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)""",
    "INSERT INTO film_list_version VALUES (1, 0)",
    *(
        f"""CREATE TRIGGER film_list_{event.split()[0].lower()} AFTER {event} ON film {when}
            BEGIN UPDATE film_list_version SET version = version + 1; END"""
        for event, when in (
            ("INSERT", ""),
            ("DELETE", ""),
            (
                "UPDATE OF title, year, deleted_at",
                "WHEN OLD.title IS NOT NEW.title OR OLD.year IS NOT NEW.year"
                " OR OLD.deleted_at IS NOT NEW.deleted_at",
            ),
        )
    ),
)
"""A number that changes whenever the film list's titles or members change (not when a
review changes a film's counts): the interface reads 100,000 titles again only then."""

_EXTRA_SQL = (
    FILM_IDENTITY,
    *FILM_LIST_VERSION,
    # Covers the film list: read in title order without touching the table.
    """CREATE INDEX film_list ON film (title_key, year, deleted_at, title, review_count,
        last_watched, latest_rating, watchlist_added_on)""",
    *(
        f"CREATE INDEX {table}_trashed ON {table} (deleted_at) WHERE deleted_at IS NOT NULL"
        for table in ("film", "review", "quote", "comment")
    ),
    f"""CREATE TRIGGER review_summary_insert AFTER INSERT ON review BEGIN
        {FILM_SUMMARY.format(films="NEW.film_id")} END""",
    f"""CREATE TRIGGER review_summary_update
        AFTER UPDATE OF film_id, watched_on, rating, created_at, deleted_at ON review BEGIN
        {FILM_SUMMARY.format(films="OLD.film_id, NEW.film_id")} END""",
    f"""CREATE TRIGGER review_summary_delete AFTER DELETE ON review BEGIN
        {FILM_SUMMARY.format(films="OLD.film_id")} END""",
)


def _add_lists_and_likes() -> None:
    """Version 2: film lists, liked films, and comments written elsewhere (Letterboxd)."""
    execute("ALTER TABLE film ADD COLUMN is_liked INTEGER NOT NULL DEFAULT 0")
    db.create_tables([FilmListModel, FilmListEntryModel, RemoteCommentModel])


def _letterboxd_twins_and_searchable_comments() -> None:
    """Version 3: two Letterboxd films may share a title and year; comments written elsewhere
    are searched too (the index makes room for a fifth kind of item)."""
    execute("DROP INDEX film_identity")
    execute(FILM_IDENTITY)
    search.rebuild()


def _prefix_search_and_film_list_version() -> None:
    """Version 4: the search index holds word beginnings (results as the first letter is
    typed), and a counter tells the interface when the film list itself changed."""
    execute("DROP TABLE search_index")
    SearchIndex.create_table()
    configure_search_rank()
    search.rebuild()
    for statement in FILM_LIST_VERSION:
        execute(statement)


def _covering_viewings_index() -> None:
    """Version 5: the viewings index covers what filters and stats read of each viewing."""
    execute('DROP INDEX IF EXISTS "review_film_id_deleted_at_watched_on_created_at_rating"')
    ReviewModel._schema.create_indexes(safe=True)  # type: ignore[attr-defined]


def _covering_quotes_index() -> None:
    """Version 6: the quotes index covers what stats count of each quote."""
    execute('DROP INDEX IF EXISTS "quote_film_id_deleted_at_sort_order"')
    QuoteModel._schema.create_indexes(safe=True)  # type: ignore[attr-defined]


AUTHOR_COLUMNS = tuple(
    f"ALTER TABLE {table} ADD COLUMN author TEXT NOT NULL DEFAULT ''"
    for table in ("review", "quote")
)
"""Version 7, on either engine: reviews and quotes are signed by who wrote them."""


def _signed_reviews_and_quotes() -> None:
    """Version 7: reviews and quotes say who wrote them (a shared journal has several)."""
    for statement in AUTHOR_COLUMNS:
        execute(statement)


def _server_ranked_lists() -> None:
    """Version 8 changed server journals only (ranked lists of common searches, the film
    list's index)."""


MIGRATIONS: dict[int, Callable[[], None]] = {
    1: _add_lists_and_likes,
    2: _letterboxd_twins_and_searchable_comments,
    3: _prefix_search_and_film_list_version,
    4: _covering_viewings_index,
    5: _covering_quotes_index,
    6: _signed_reviews_and_quotes,
    7: _server_ranked_lists,
}
"""Schema steps: ``MIGRATIONS[n]()`` upgrades a version ``n`` journal to ``n + 1``."""


def create_schema() -> None:
    """Create every table, index and the search index of a new journal (inside a transaction)."""
    db.create_tables(TABLES)
    SearchIndex.create_table()
    for statement in _EXTRA_SQL:
        execute(statement)
    configure_search_rank()
    mark_journal(SCHEMA_VERSION)


def configure_search_rank() -> None:
    """Store the ranking function in the FTS5 table so ``ORDER BY rank`` uses it."""
    sql = "INSERT INTO search_index (search_index, rank) VALUES ('rank', ?)"
    execute(sql, (SEARCH_RANK,))


def mark_journal(version: int) -> None:
    """Stamp the file as a filmjournal journal of the given schema version."""
    execute(f"PRAGMA application_id = {APPLICATION_ID}")
    execute(f"PRAGMA user_version = {int(version)}")


def migrate(from_version: int) -> None:
    """Run the migration steps from ``from_version`` up to :data:`SCHEMA_VERSION`."""
    for version in range(from_version, SCHEMA_VERSION):
        MIGRATIONS[version]()
    mark_journal(SCHEMA_VERSION)
