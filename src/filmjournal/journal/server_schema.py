"""The schema of a journal on a PostgreSQL server: what differs from a journal file.

The tables are the models' own (flags as integers, days as text, as in a file). What SQLite
does with its own syntax is done here in PostgreSQL's: the film summaries and the film list's
version by trigger functions, full-text search by a ``tsvector`` column (stemmed, accents
ignored with ``unaccent``) under a GIN index with ranked lists for common searches
(ranked_lists.py), ``fold()`` as a SQL function. The schema version
is kept in the ``filmjournal`` table (a file keeps it in ``PRAGMA user_version``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from filmjournal.journal import ranked_lists, schema, search
from filmjournal.journal.engine import execute
from filmjournal.journal.models import TABLES, db

SEARCH_CONFIGURATION = search.CONFIGURATION
CHANNEL = "filmjournal"
"""The notification channel every change is announced on (LISTEN filmjournal)."""
WATCHED_TABLES = (
    "film",
    "review",
    "tag",
    "review_tag",
    "quote",
    "comment",
    "list",
    "list_entry",
    "remote_comment",
)
"""The tables whose changes other clients follow."""

_FILM_SUMMARY = f"""CREATE FUNCTION film_summary(film_id integer) RETURNS void
    LANGUAGE sql AS $$ {schema.FILM_SUMMARY.format(films="film_summary.film_id")} $$"""

_FILM_LIST_INDEX = """CREATE INDEX film_list ON film (title_key, year) INCLUDE (id, deleted_at,
    title, review_count, last_watched, latest_rating, watchlist_added_on)"""
"""The film list read from the index alone, in its order (a file's index holds the rowid)."""

_SEARCH_TABLE = """CREATE TABLE search_index (rowid bigint PRIMARY KEY,
    document tsvector NOT NULL, words integer NOT NULL)"""
"""The search vectors only (see search.py): the text stays in the tables."""
_SEARCH_INDEX = "CREATE INDEX search_index_document ON search_index USING gin (document)"

_STATEMENTS = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # English stems without a stop-word list (as a file's FTS5 porter tokenizer: "the" and
    # "her" are words people search for in film writing).
    f"""CREATE TEXT SEARCH DICTIONARY {SEARCH_CONFIGURATION}_stem
        (TEMPLATE = snowball, Language = english)""",
    f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIGURATION} (COPY = pg_catalog.english)",
    f"""ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIGURATION}
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, hword, hword_part, word
        WITH unaccent, {SEARCH_CONFIGURATION}_stem""",
    # Python's fold() for filters: lower case, accents off (unaccent's two-argument form is
    # the one that may be called from an immutable function).
    """CREATE FUNCTION fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT lower(unaccent('unaccent', $1)) $$""",
    # SQLite's functions the shared queries use.
    """CREATE FUNCTION ifnull(anycompatible, anycompatible) RETURNS anycompatible
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce($1, $2) $$""",
    """CREATE FUNCTION instr(text, text) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT strpos($1, $2) $$""",
    """CREATE TABLE filmjournal (id integer PRIMARY KEY CHECK (id = 1),
        schema_version integer NOT NULL, anyone_edits integer NOT NULL DEFAULT 0)""",
    """CREATE UNIQUE INDEX film_identity
        ON film (title_key, coalesce(year, 0), coalesce(letterboxd_uri, ''))""",
    _FILM_LIST_INDEX,
    *(
        f"CREATE INDEX {table}_trashed ON {table} (deleted_at) WHERE deleted_at IS NOT NULL"
        for table in ("film", "review", "quote", "comment")
    ),
    """CREATE TABLE film_list_version (
        id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)""",
    "INSERT INTO film_list_version VALUES (1, 0)",
    """CREATE FUNCTION film_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE film_list_version SET version = version + 1; RETURN NULL; END $$""",
    """CREATE TRIGGER film_list_insert_delete AFTER INSERT OR DELETE ON film
        FOR EACH STATEMENT EXECUTE FUNCTION film_list_changed()""",
    """CREATE TRIGGER film_list_update AFTER UPDATE OF title, year, deleted_at ON film
        FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title
            OR OLD.year IS DISTINCT FROM NEW.year
            OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
        EXECUTE FUNCTION film_list_changed()""",
    _FILM_SUMMARY,
    """CREATE FUNCTION review_summary() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM film_summary(OLD.film_id); END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM film_summary(NEW.film_id); END IF;
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER review_summary
        AFTER INSERT OR DELETE OR UPDATE OF film_id, watched_on, rating, created_at, deleted_at
        ON review FOR EACH ROW EXECUTE FUNCTION review_summary()""",
    _SEARCH_TABLE,
    _SEARCH_INDEX,
    *ranked_lists.SCHEMA,
    # Every change is announced on the channel clients listen on (sent at commit, so a
    # client that hears it reads the change).
    f"""CREATE FUNCTION journal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$""",
    *(
        f"""CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION journal_changed()"""
        for table in WATCHED_TABLES
    ),
)


def create_server_schema() -> None:
    """Create every table, index, function and trigger of a new server journal (inside a
    transaction)."""
    db.create_tables(TABLES)
    for statement in _STATEMENTS:
        execute(statement)
    mark_server_journal(schema.SCHEMA_VERSION)


def _signed_writing_and_narrow_search() -> None:
    """Version 7: reviews and quotes are signed, the journal says who may change what, and
    the search index keeps vectors only (the text is read from the tables)."""
    for statement in (
        *schema.AUTHOR_COLUMNS,
        "ALTER TABLE filmjournal ADD COLUMN anyone_edits integer NOT NULL DEFAULT 0",
        "DROP TABLE search_index",
        _SEARCH_TABLE,
        _SEARCH_INDEX,
    ):
        execute(statement)
    search.rebuild()


def _ranked_lists_and_covering_film_list() -> None:
    """Version 8: searches that match many items keep their best hits (ranked_lists.py), and
    the film list's index holds the films' ids too."""
    for statement in (*ranked_lists.SCHEMA, "DROP INDEX film_list", _FILM_LIST_INDEX):
        execute(statement)


SERVER_MIGRATIONS: dict[int, Callable[[], None]] = {
    6: _signed_writing_and_narrow_search,
    7: _ranked_lists_and_covering_film_list,
}
"""``SERVER_MIGRATIONS[n]()`` turns a version ``n`` server journal into version ``n + 1``
(server journals began at version 6)."""


def migrate_server_journal(version: int) -> None:
    """Upgrade a server journal from ``version`` (inside the open transaction)."""
    for step in range(version, schema.SCHEMA_VERSION):
        SERVER_MIGRATIONS[step]()
    mark_server_journal(schema.SCHEMA_VERSION)


def mark_server_journal(version: int) -> None:
    """Record the schema version a server journal is at."""
    execute(
        """INSERT INTO filmjournal (id, schema_version) VALUES (1, ?)
        ON CONFLICT (id) DO UPDATE SET schema_version = excluded.schema_version""",
        (version,),
    )


def server_schema_version() -> int | None:
    """The schema version of the server journal, None for a database with no tables at all,
    -1 for one holding other tables (not a journal)."""
    tables = {
        row[0]
        for row in execute(
            """SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema()"""
        )
    }
    if not tables:
        return None
    if "filmjournal" not in tables:
        return -1
    row = execute("SELECT schema_version FROM filmjournal WHERE id = 1").fetchone()
    return int(row[0]) if row else -1


class _Listener:
    """A connection of its own that listens for the journal's change notifications."""

    def __init__(self) -> None:
        self.connection: Any = None
        self.database: object = None
        self.changes = 0

    def count(self) -> int:
        """Changes other connections committed since listening began."""
        connection = self.connection
        usable = connection is not None and not (connection.closed or connection.broken)
        if self.database is not db.obj or not usable:
            self._listen()
        # This thread's own writes are left out (it knows them); a thread with no connection
        # is not given one just to ask.
        own = None if db.is_closed() else db.connection().info.backend_pid
        for notice in self.connection.notifies(timeout=0):
            if notice.pid != own:
                self.changes += 1
        return self.changes

    def _listen(self) -> None:
        import psycopg

        if self.connection is not None and not self.connection.closed:
            self.connection.close()
        self.database = db.obj
        self.connection = psycopg.connect(autocommit=True, dbname=db.obj.database, **_params())
        self.connection.execute(f"LISTEN {CHANNEL}")
        self.changes += 1  # a new listener may have missed something: look again


def _params() -> dict[str, Any]:
    return {k: v for k, v in db.obj.connect_params.items() if k != "field_types"}


_listener = _Listener()


def server_changes() -> int:
    """A number that changes when another client (or a worker) changed the server journal."""
    return _listener.count()
