"""Shared fixtures: every test gets its own temporary journal.

The domain tests (``tests/journal``) run on both engines: a SQLite file and a PostgreSQL
database on the server ``FILMJOURNAL_TEST_POSTGRES`` names (a superuser's URL; ``.ci/postgres``
starts a throwaway one). Without it they skip on PostgreSQL with one reason, except in CI
(``CI=true``), where they must run. A test that needs a journal file (it asks for
``journal_path``), or is about SQLite itself (``@pytest.mark.sqlite_only``, or ``SQLITE_ONLY``
in its module), runs on SQLite only.

Property tests run few examples on a developer's machine and the full count in CI
(``HYPOTHESIS_PROFILE=ci``, set by .ci/run); neither has a time limit per example, so a loaded
machine makes them slower, never failing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from hypothesis import settings

from filmjournal.journal import api
from filmjournal.journal.records import Film

settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True, derandomize=True)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    """Where a test's journal lives."""
    return tmp_path / "journal.db"


POSTGRES_SERVER = os.environ.get("FILMJOURNAL_TEST_POSTGRES", "")
BOTH_ENGINES = (Path(__file__).parent / "journal", Path(__file__).parent / "exchange")
"""The domain and format tests: they run on both engines."""
NO_SERVER = "no PostgreSQL server: set FILMJOURNAL_TEST_POSTGRES (.ci/postgres starts one)"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each domain test on a journal file and on a server journal."""
    if "engine" not in metafunc.fixturenames:
        return
    both = (
        Path(str(metafunc.definition.fspath)).parent in BOTH_ENGINES
        and "journal_path" not in metafunc.fixturenames
        and not getattr(metafunc.module, "SQLITE_ONLY", False)
        and metafunc.definition.get_closest_marker("sqlite_only") is None
    )
    metafunc.parametrize("engine", ["sqlite", "postgres"] if both else ["sqlite"], scope="function")


@pytest.fixture
def engine() -> str:
    """The engine a test's journal is on (parametrised by ``pytest_generate_tests``)."""
    return "sqlite"


@pytest.fixture
def journal_location(engine: str, tmp_path: Path, worker_id: str) -> Path | str:
    """Where a test's journal lives: a file, or an emptied database on the test server."""
    if engine == "sqlite":
        return tmp_path / "journal.db"
    if not POSTGRES_SERVER:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{NO_SERVER}; in CI the PostgreSQL tests must run")
        pytest.skip(NO_SERVER)
    return emptied_database(f"filmjournal_test_{worker_id}")


def emptied_database(name: str) -> str:
    """The URL of an empty database on the test server (created, or emptied if it exists)."""
    import psycopg

    with psycopg.connect(POSTGRES_SERVER, autocommit=True) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if exists.fetchone() is None:
            server.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(urlsplit(POSTGRES_SERVER)._replace(path=f"/{name}"))
    with psycopg.connect(url, autocommit=True) as database:
        database.execute("DROP SCHEMA public CASCADE")
        database.execute("CREATE SCHEMA public")  # as a new database has it:
        database.execute("ALTER SCHEMA public OWNER TO pg_database_owner")
        database.execute("GRANT USAGE ON SCHEMA public TO PUBLIC")
        database.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS filmjournal")
        database.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS filmjournal_stem")
    return url


@pytest.fixture(autouse=True)
def signed_by_login_name() -> Iterator[None]:
    """Each test starts signing as the login name, whatever the test before signed as."""
    from filmjournal.journal import signing

    signing._signature = None
    yield
    signing._signature = None


@pytest.fixture
def journal(journal_location: Path | str) -> Iterator[api.Journal]:
    """A new, empty, open journal (a file, or a server database for the domain tests)."""
    with api.open_journal(journal_location) as opened:
        yield opened


@pytest.fixture
def her(journal: api.Journal) -> Film:
    """The film from the seed blog post."""
    return api.create_film("Her", 2013, directors=["Spike Jonze"])
