"""Opening journals: pragmas, refusals that leave files untouched, migrations and concurrency."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filmjournal.journal import api, schema
from filmjournal.journal.models import UTCDateTimeField, db, parse_utc
from tests.helpers import exclusive_lock, file_digest, make_other_sqlite_file

FIXTURES = Path(__file__).parent / "fixtures"
SQLITE_ONLY = True
"""Journal files: opening, pragmas, backups, migrations (server journals: test_server.py)."""


def build_v1_journal(path: Path) -> Path:
    """A journal written by the first schema version, from its frozen SQL."""
    connection = sqlite3.connect(path)
    connection.executescript((FIXTURES / "journal_v1.sql").read_text(encoding="utf-8"))
    connection.close()
    return path


def test_new_journal_uses_wal_and_foreign_keys(journal):
    assert db.pragma("journal_mode") == "wal"
    assert db.pragma("foreign_keys") == 1
    assert db.pragma("busy_timeout") == 5000
    assert db.pragma("user_version") == schema.SCHEMA_VERSION
    assert db.pragma("application_id") == schema.APPLICATION_ID


def test_missing_folders_are_created(tmp_path):
    path = tmp_path / "a" / "b" / "journal.db"
    with api.open_journal(path):
        pass
    assert path.is_file()


def test_empty_file_becomes_a_journal(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with api.open_journal(path):
        assert api.counts().films == 0


def test_directory_is_refused(tmp_path):
    with pytest.raises(api.JournalFileError, match="is a directory, not a journal file"):
        api.open_journal(tmp_path)


def test_path_under_a_file_cannot_be_created(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(api.JournalFileError, match="cannot be created"):
        api.open_journal(blocker / "journal.db")


def test_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my notes, not a database\n")
    before = file_digest(path)
    with pytest.raises(api.JournalFileError, match="is not a SQLite database"):
        api.open_journal(path)
    assert file_digest(path) == before


def test_other_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    make_other_sqlite_file(path)
    before = file_digest(path)
    with pytest.raises(api.JournalFileError, match="is a SQLite database but not a filmjournal"):
        api.open_journal(path)
    assert file_digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_journal_from_a_newer_version_is_refused_untouched(journal_path):
    api.open_journal(journal_path).close()
    connection = sqlite3.connect(journal_path)
    connection.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    connection.close()
    before = file_digest(journal_path)
    with pytest.raises(api.JournalFileError, match="was written by a newer filmjournal"):
        api.open_journal(journal_path)
    assert file_digest(journal_path) == before


def test_locked_journal_fails_after_the_timeout(journal_path):
    api.open_journal(journal_path).close()
    before = file_digest(journal_path)
    with exclusive_lock(journal_path), pytest.raises(api.JournalLockedError, match=r"waited 0.2 s"):
        api.open_journal(journal_path, busy_timeout=0.2)
    assert file_digest(journal_path) == before


def test_v1_journal_opens_with_current_code(tmp_path):
    path = build_v1_journal(tmp_path / "old.db")
    with api.open_journal(path) as journal:
        assert db.pragma("user_version") == schema.SCHEMA_VERSION
        [her, amelie] = sorted(api.list_films(), key=lambda row: row.title, reverse=True)
        assert (her.title, her.reviews, her.last_watched, her.rating) == (
            "Her",
            1,
            "2014-05-02",
            4.5,
        )
        assert amelie.watchlist_added_on is not None
        review = api.list_reviews(her.id)[0]
        detail = api.load_review(review.id)
        assert (
            detail.review.body == "This movie broke me.\r\nI was in and out of tears. 😢 “curly”\n"
        )
        assert detail.quotes[0].film_time == 5025
        assert detail.comments[0].replies[0].author == "me"
        assert {hit.kind for hit in api.search("tears")} == {"review"}
        assert "review" in {hit.kind for hit in api.search("t", prefix=True)}
        version = api.film_list_version()
        api.update_film(her.id, title="Her!")
        assert api.film_list_version() > version
        assert [item.label for item in api.list_trash()] == ["Deleted film (1999)"]
        assert journal.migrated_from == 1
        assert db.execute_sql("SELECT count(*), sum(is_liked) FROM film").fetchone() == (3, 0)
        assert db.execute_sql("SELECT count(*) FROM list").fetchone() == (0,)
    backup = sqlite3.connect(journal.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone() == (1,)
    assert backup.execute("SELECT count(*) FROM film").fetchone() == (3,)
    backup.close()


def schema_objects(path: Path) -> dict[tuple[str, str], object]:
    """Every index and trigger of a journal file with its SQL in one spacing, and every table
    with its columns (in any order: an upgrade adds columns at the end)."""
    connection = sqlite3.connect(path)
    found = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%'"
    ).fetchall()
    objects: dict[tuple[str, str], object] = {}
    for kind, name, sql in found:
        if kind == "table" and not (sql or "").upper().startswith("CREATE VIRTUAL"):
            columns = connection.execute(f'PRAGMA table_info("{name}")').fetchall()
            objects[kind, name] = {(column[1], column[2], column[3]) for column in columns}
        else:
            objects[kind, name] = " ".join((sql or "").replace('"', "").split())
    connection.close()
    return objects


def test_an_upgraded_journal_has_the_schema_of_a_new_one(tmp_path):
    old = build_v1_journal(tmp_path / "old.db")
    api.open_journal(old).close()
    api.open_journal(tmp_path / "new.db").close()
    assert schema_objects(old) == schema_objects(tmp_path / "new.db")


@pytest.fixture
def version_two(monkeypatch):
    """Pretend the code is at schema 2, with a migration that adds a column."""

    def add_mood_column() -> None:
        db.execute_sql("ALTER TABLE review ADD COLUMN mood TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: add_mood_column})


def test_migration_backs_up_then_upgrades(tmp_path, version_two):
    path = build_v1_journal(tmp_path / "old.db")
    with api.open_journal(path) as journal:
        assert journal.migrated_from == 1
        assert db.pragma("user_version") == 2
        columns = [row[1] for row in db.execute_sql("PRAGMA table_info(review)")]
        assert "mood" in columns
    backup = journal.backup_path
    assert (
        backup is not None
        and backup.parent == path.parent
        and backup.name.startswith("old.schema1-backup-")
    )
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT title FROM film ORDER BY id").fetchall()[0] == ("Her",)
    copy.close()


def test_failed_migration_leaves_the_journal_as_it_was(tmp_path, monkeypatch):
    path = build_v1_journal(tmp_path / "old.db")

    def broken() -> None:
        db.execute_sql("ALTER TABLE review ADD COLUMN mood TEXT")
        raise RuntimeError("step failed")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: broken})
    with pytest.raises(
        api.JournalFileError, match=r"could not be upgraded from schema 1 to 2 \(step failed\)"
    ):
        api.open_journal(path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [row[1] for row in connection.execute("PRAGMA table_info(review)")]
    assert "mood" not in columns
    connection.close()


def test_backup_is_a_consistent_copy(her, tmp_path):
    api.create_review(her.id, body="x" * 10_000)
    copy = api.backup_journal(tmp_path / "copy.db")
    with api.open_journal(copy):
        assert api.counts().reviews == 1
        assert api.list_films()[0].title == "Her"


def test_second_process_reads_while_a_write_is_open(her, journal_path):
    with db.atomic():
        api.create_film("Uncommitted", 2000)
        result = subprocess.run(
            [sys.executable, "-m", "filmjournal", "--db", str(journal_path), "list"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Her\t2013\t0\t\t"]
    assert {row.title for row in api.list_films()} == {"Her", "Uncommitted"}


def test_second_process_writes_wait_for_the_first(her, journal_path):
    script = (
        "import sys; from filmjournal.journal import api; api.open_journal(sys.argv[1]); "
        "api.create_film('From another process', 2001)"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(journal_path)])
    with db.atomic():
        api.create_film("From this process", 2002)
    assert process.wait(timeout=60) == 0
    titles = {row.title for row in api.list_films()}
    assert titles == {"Her", "From this process", "From another process"}


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("database or disk is full", "cannot be written: the disk is full (nothing was changed)"),
        (
            "database disk image is malformed",
            "is damaged (database disk image is malformed); restore",
        ),
        ("Could not decode to UTF-8 column 'title'", "is damaged (Could not decode to UTF-8"),
        ("attempt to write a readonly database", "is read-only: nothing can be written to it"),
        ("disk I/O error", "cannot be read or written (a disk input/output error)"),
    ],
)
def test_sqlite_failures_are_named_in_a_persons_words(message, said):
    from filmjournal.journal.database import sqlite_error

    error = sqlite_error("j.db", sqlite3.OperationalError(message), 5)
    assert str(error).startswith(f"j.db: {said}")


def test_a_stored_value_no_filmjournal_writes_means_damage(journal):
    her = api.create_film("Her", 2013)
    review = api.create_review(her.id, watched_on="2014-05-02")
    db.execute_sql(
        "UPDATE review SET watched_on = 'garbage', created_at = 'x' WHERE id = ?", (review.id,)
    )
    with pytest.raises(api.JournalFileError, match="is damaged: a stored date cannot be read"):
        api.get_review(review.id)


@given(
    st.datetimes(datetime(1000, 1, 2), datetime(9999, 12, 30), timezones=st.timezones() | st.none())
)
def test_timestamps_are_stored_as_sortable_utc_text_and_read_back(moment):
    stored = UTCDateTimeField().db_value(moment)
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    assert stored == aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert parse_utc(stored) == aware.astimezone(UTC)  # (ambiguous local times compare unequal)


def test_a_journal_file_never_loads_the_server_driver(tmp_path):
    """Peewee would import psycopg (a tenth of a second) at every start: kept out for files."""
    script = "import sys; from filmjournal.journal import api; "
    script += "api.open_journal(sys.argv[1]).close(); api.create_film  # noqa\n"
    script += "print('psycopg' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "journal.db")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False"
