"""The journal schema: how a new journal is created and how older ones are brought up to date.

``PRAGMA application_id`` marks a SQLite file as a filmjournal journal and ``PRAGMA user_version``
holds its schema version. ``MIGRATIONS[n]`` turns a version ``n`` journal into version ``n + 1``;
:func:`filmjournal.journal.database.open_journal` runs them in one transaction after a backup.
"""

from __future__ import annotations

from collections.abc import Callable

from filmjournal.journal.models import TABLES, SearchIndex, db

APPLICATION_ID = 0x464A524E
"""``FJRN``: the SQLite application id of a filmjournal journal."""

SCHEMA_VERSION = 1
"""The schema version this code reads and writes."""

SEARCH_RANK = "bm25(10.0, 1.0)"
"""FTS5 ranking: a hit in a title weighs ten times a hit in a body."""

_EXTRA_SQL = (
    "CREATE UNIQUE INDEX IF NOT EXISTS film_identity ON film (title_key, IFNULL(year, 0))",
    "CREATE INDEX IF NOT EXISTS comment_review_created ON comment (review_id, created_at)",
)

MIGRATIONS: dict[int, Callable[[], None]] = {}
"""Schema steps: ``MIGRATIONS[n]()`` upgrades a version ``n`` journal to ``n + 1``."""


def create_schema() -> None:
    """Create every table, index and the search index of a new journal (inside a transaction)."""
    db.create_tables(TABLES)
    SearchIndex.create_table()
    for statement in _EXTRA_SQL:
        db.execute_sql(statement)
    configure_search_rank()
    mark_journal(SCHEMA_VERSION)


def configure_search_rank() -> None:
    """Store the ranking function in the FTS5 table so ``ORDER BY rank`` uses it."""
    sql = "INSERT INTO search_index (search_index, rank) VALUES ('rank', ?)"
    db.execute_sql(sql, (SEARCH_RANK,))


def mark_journal(version: int) -> None:
    """Stamp the file as a filmjournal journal of the given schema version."""
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute_sql(f"PRAGMA user_version = {int(version)}")


def migrate(from_version: int) -> None:
    """Run the migration steps from ``from_version`` up to :data:`SCHEMA_VERSION`."""
    for version in range(from_version, SCHEMA_VERSION):
        MIGRATIONS[version]()
    mark_journal(SCHEMA_VERSION)
