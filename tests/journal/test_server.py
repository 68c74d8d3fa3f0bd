"""Journals on a PostgreSQL server: addresses, refusals in one line (never the password), the
schema, and several clients at once. Needs the test server (see conftest)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from filmjournal.journal import api, schema
from filmjournal.journal.server import JournalServerError, parse_address
from tests.conftest import NO_SERVER, POSTGRES_SERVER, emptied_database

SQLITE_ONLY = True  # each test names its own server database
pytestmark = pytest.mark.skipif(
    not POSTGRES_SERVER and os.environ.get("CI") != "true", reason=NO_SERVER
)


@pytest.fixture
def server_url(worker_id: str) -> str:
    """An empty database on the test server."""
    return emptied_database(f"filmjournal_server_{worker_id}")


ROLE_PASSWORD = "member-s3cret"


@pytest.fixture
def role(server_url: str, worker_id: str) -> Iterator[str]:
    """A login role of the test server's own (per test worker: roles are the server's, not a
    database's), password ``ROLE_PASSWORD``; dropped after the test with what it owns."""
    name = f"filmjournal_member_{worker_id}"
    with psycopg.connect(POSTGRES_SERVER, autocommit=True) as server:
        server.execute(f"DROP ROLE IF EXISTS {name}")
        server.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{ROLE_PASSWORD}'")
    yield name
    with psycopg.connect(POSTGRES_SERVER, autocommit=True) as server:
        with psycopg.connect(server_url, autocommit=True) as owner:
            owner.execute(f"DROP OWNED BY {name}")
        server.execute(f"DROP ROLE {name}")


def with_parts(url: str, **parts: str) -> str:
    """The URL with its user, password, host, port or database replaced."""
    split = urlsplit(url)
    user = parts.get("user", split.username or "")
    password = parts.get("password", split.password or "")
    host = parts.get("host", split.hostname or "")
    port = parts.get("port", str(split.port or 5432))
    path = "/" + parts.get("database", split.path.lstrip("/"))
    return urlunsplit(split._replace(netloc=f"{user}:{password}@{host}:{port}", path=path))


def test_addresses_are_read_and_shown_without_the_password():
    address = parse_address("postgresql://ann:s3cret@db.example.org:6543/club?sslmode=require")
    assert address.shown == "postgresql://ann@db.example.org:6543/club"
    assert (address.user, address.password, address.database) == ("ann", "s3cret", "club")
    assert address.connect_params()["sslmode"] == "require"
    assert parse_address("postgres://localhost/club").shown == "postgresql://localhost:5432/club"
    with pytest.raises(JournalServerError, match="names no database") as raised:
        parse_address("postgresql://ann:s3cret@host:5432/")
    assert "s3cret" not in str(raised.value)
    with pytest.raises(JournalServerError, match="is not a server address") as raised:
        parse_address("postgresql://ann:s3cret@host:99999999/club")
    assert "s3cret" not in str(raised.value)


def test_a_new_database_becomes_a_journal_and_opens_again(server_url):
    with api.open_journal(server_url) as journal:
        assert journal.server == parse_address(server_url).shown
        film = api.create_film("Her", 2013)
        assert journal.upgrade_notice() is None
    with api.open_journal(server_url):
        assert api.get_film(film.id).title == "Her"
    with psycopg.connect(server_url) as connection:
        version = connection.execute("SELECT schema_version FROM filmjournal").fetchone()
    assert version == (schema.SCHEMA_VERSION,)


def test_a_wrong_password_is_one_line_without_it(server_url):
    wrong = with_parts(server_url, password="not-the-password-42")
    with pytest.raises(JournalServerError) as raised:
        api.open_journal(wrong)
    message = str(raised.value)
    assert "refused the password" in message and "\n" not in message
    assert "not-the-password-42" not in message
    assert message.startswith(parse_address(wrong).shown)


def test_a_missing_database_and_an_unknown_user_are_named(server_url):
    with pytest.raises(JournalServerError, match="the database does not exist"):
        api.open_journal(with_parts(server_url, database="no_such_journal_here"))
    with pytest.raises(JournalServerError, match=r"refused the password|no such user"):
        api.open_journal(with_parts(server_url, user="nobody_here"))


def test_a_host_name_that_does_not_resolve_is_named():
    with pytest.raises(JournalServerError, match="no server of that name") as raised:
        api.open_journal("postgresql://ann:pw-88@no-such-host.invalid:5432/club")
    assert "pw-88" not in str(raised.value) and api.is_unreachable(raised.value)


def test_a_server_that_is_not_there_is_named_at_once():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://ann:pw-77@127.0.0.1:{port}/club"
    with pytest.raises(JournalServerError, match="cannot be reached") as raised:
        api.open_journal(url)
    assert "pw-77" not in str(raised.value)


def test_a_database_of_other_tables_is_refused_and_left_alone(server_url):
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(JournalServerError, match="holds other tables: not a journal"):
        api.open_journal(server_url)
    with psycopg.connect(server_url) as connection:
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    assert tables == [("invoices",)]


def test_a_journal_from_a_newer_filmjournal_is_refused(server_url):
    api.open_journal(server_url).close()
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute("UPDATE filmjournal SET schema_version = schema_version + 1")
    with pytest.raises(JournalServerError, match="written by a newer filmjournal"):
        api.open_journal(server_url)


def test_no_permission_is_named(server_url, role):
    guest = with_parts(server_url, user=role, password=ROLE_PASSWORD)
    with pytest.raises(JournalServerError, match="permission denied") as raised:
        api.open_journal(guest)  # may not create tables in someone else's database
    assert ROLE_PASSWORD not in str(raised.value)


def test_two_clients_opening_a_new_database_at_once_both_get_the_journal(server_url):
    script = "import sys; from filmjournal.journal import api; "
    script += "api.open_journal(sys.argv[1]); api.create_film(sys.argv[2], 2020)"
    clients = [
        subprocess.Popen([sys.executable, "-c", script, server_url, f"Film {n}"]) for n in range(2)
    ]
    assert [client.wait(timeout=60) for client in clients] == [0, 0]
    with api.open_journal(server_url):
        assert sorted(film.title for film in api.list_films()) == ["Film 0", "Film 1"]


def test_another_clients_change_is_heard_and_ones_own_is_not(server_url):
    with api.open_journal(server_url):
        before = api.data_version()
        api.create_film("Mine", 2000)
        assert api.data_version() == before  # this connection knows what it wrote
        script = "import sys; from filmjournal.journal import api; "
        script += "api.open_journal(sys.argv[1]); api.create_film('Theirs', 2001)"
        subprocess.run([sys.executable, "-c", script, server_url], check=True, timeout=60)
        assert api.data_version() != before  # the notification came with their commit


def test_a_member_granted_the_tables_writes_in_the_journal(server_url, role):
    api.open_journal(server_url).close()
    with psycopg.connect(server_url, autocommit=True) as owner:  # as README says
        owner.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
        owner.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}")
        # Tables a later upgrade makes are not granted: the search lists stand for them.
        owner.execute(f"REVOKE ALL ON search_ranked, search_ranked_hit FROM {role}")
        owner.execute(  # a list of the search "loneliness", made by the owner's search
            """INSERT INTO search_ranked (key, query, floor, floor_rowid) SELECT q::text, q, -1, -1
            FROM to_tsquery('filmjournal', 'loneliness') q"""
        )
    with api.open_journal(with_parts(server_url, user=role, password=ROLE_PASSWORD)):
        film = api.create_film("Her", 2013)
        review = api.create_review(film.id, headline="Tears", body="A film about loneliness")
        api.add_comment(review.id, "Same here")
        assert [hit.kind for hit in api.search("loneliness")] == ["review"]
        with psycopg.connect(server_url) as owner:  # the list followed the member's write
            assert owner.execute("SELECT count(*) FROM search_ranked_hit").fetchone() == (1,)


def test_a_login_that_is_no_member_can_neither_read_nor_make_search_lists(server_url, role):
    with api.open_journal(server_url):
        film = api.create_film("Her", 2013)
        api.create_review(film.id, headline="Tears", body="A film about loneliness")
    with psycopg.connect(server_url, autocommit=True) as owner:  # a list of one review
        owner.execute(
            """SELECT search_ranked_keep(to_tsquery('filmjournal', 'loneliness'), -1, -1,
                ARRAY[rowid], ARRAY[0.5::real], 200) FROM search_index WHERE rowid % 8 = 1"""
        )
        kept = owner.execute("SELECT key, rowid, score FROM search_ranked_hit").fetchall()
    assert len(kept) == 1
    outsider = with_parts(server_url, user=role, password=ROLE_PASSWORD)  # may connect, no more
    with psycopg.connect(outsider, autocommit=True) as connection:
        best = "SELECT * FROM search_ranked_best(%s, 50)"
        assert connection.execute(best, (kept[0][0],)).fetchall() == []
        connection.execute(
            """SELECT search_ranked_keep(to_tsquery('filmjournal', 'loneliness'), -1, -1,
                ARRAY[8::bigint], ARRAY[9::real], 200)"""
        )
    with psycopg.connect(server_url) as owner:
        assert owner.execute("SELECT key, rowid, score FROM search_ranked_hit").fetchall() == kept


def test_a_member_cannot_upgrade_the_journal_and_is_told_who_can(server_url, role):
    api.open_journal(server_url).close()
    with psycopg.connect(server_url, autocommit=True) as owner:  # as version 7 left it
        owner.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
        owner.execute("DROP FUNCTION search_ranked_follow CASCADE")
        owner.execute("DROP FUNCTION search_ranked_best, search_ranked_keep")
        owner.execute("DROP TABLE search_ranked_hit, search_ranked")
        owner.execute("UPDATE filmjournal SET schema_version = 7")
    member = with_parts(server_url, user=role, password=ROLE_PASSWORD)
    with pytest.raises(JournalServerError) as raised:
        api.open_journal(member)
    assert str(raised.value) == (
        f"{parse_address(member).shown}: needs upgrading from schema 7 to "
        f"{schema.SCHEMA_VERSION}, which only the journal's owner may do: the owner opens it "
        "once, then members can"
    )
    with api.open_journal(server_url) as journal:  # untouched: the owner upgrades it
        assert journal.migrated_from == 7


def test_a_lost_connection_is_named_then_the_next_call_connects_again(server_url):
    from filmjournal.journal.models import db

    with api.open_journal(server_url):
        film = api.create_film("Her", 2013)
        pid = db.connection().info.backend_pid
        with psycopg.connect(POSTGRES_SERVER, autocommit=True) as server:
            server.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(Exception) as raised:
            api.get_film(film.id)
        assert api.is_unreachable(raised.value)
        assert "cannot be reached" in str(api.as_journal_error(raised.value))
        assert api.get_film(film.id).title == "Her"  # a new connection, nothing lost


def test_the_sharing_command_says_and_sets_who_may_change_what(server_url):
    from click.testing import CliRunner

    from filmjournal import cli

    api.open_journal(server_url).close()
    shown = parse_address(server_url).shown
    said = CliRunner().invoke(cli.cli, ["--db", server_url, "sharing", "--anyone-edits"])
    assert said.exit_code == 0, said.output
    assert said.output.startswith(f"{shown}: anyone may change anything; you sign as ")
    said = CliRunner().invoke(cli.cli, ["--db", server_url, "sharing", "--authors-edit"])
    assert f"{shown}: members change only what they wrote" in said.output
    with api.open_journal(server_url):
        assert not api.anyone_edits()


def test_an_older_server_journal_is_upgraded_in_one_transaction(server_url):
    with api.open_journal(server_url):
        api.create_film("Her", 2013)
    with psycopg.connect(server_url, autocommit=True) as connection:  # as version 6 left it
        connection.execute("ALTER TABLE review DROP COLUMN author")
        connection.execute("ALTER TABLE quote DROP COLUMN author")
        connection.execute("ALTER TABLE filmjournal DROP COLUMN anyone_edits")
        connection.execute("DROP FUNCTION search_ranked_follow CASCADE")  # with its triggers
        connection.execute("DROP FUNCTION search_ranked_best, search_ranked_keep")
        connection.execute("DROP TABLE search_ranked_hit, search_ranked")
        connection.execute("UPDATE filmjournal SET schema_version = 6")
        connection.execute("DELETE FROM search_index")  # rebuilt by the upgrade
    told: list[tuple[object, int]] = []
    with api.open_journal(
        server_url, upgrading=lambda where, version: told.append((where, version))
    ) as journal:
        assert journal.migrated_from == 6 and journal.backup_path is None
        assert journal.upgrade_notice() == (
            f"{parse_address(server_url).shown}: upgraded from schema 6 to "
            f"{schema.SCHEMA_VERSION} in one transaction"
        )
        film = api.find_film("Her", 2013)
        assert api.create_review(film.id, headline="Signed").author != ""
        assert [hit.kind for hit in api.search("her")] == ["film"]
    assert told == [(parse_address(server_url).shown, 6)]
    with psycopg.connect(server_url) as connection:
        version = connection.execute("SELECT schema_version FROM filmjournal").fetchone()
    assert version == (schema.SCHEMA_VERSION,)


def test_changes_are_heard_again_after_the_listening_connection_is_lost(server_url):
    from filmjournal.journal.server_schema import _listener

    with api.open_journal(server_url):
        api.data_version()
        pid = _listener.connection.info.backend_pid
        with psycopg.connect(POSTGRES_SERVER, autocommit=True) as server:
            server.execute("SELECT pg_terminate_backend(%s, 10000)", (pid,))  # waits for it
        failures = []
        for _ in range(3):  # the driver notices the closed socket on the next read or so
            try:
                api.data_version()
            except Exception as error:
                failures.append(error)
                break
        assert len(failures) == 1 and api.is_unreachable(failures[0])
        before = api.data_version()  # listening again
        script = "import sys; from filmjournal.journal import api; "
        script += "api.open_journal(sys.argv[1]); api.create_film('Theirs', 2001)"
        subprocess.run([sys.executable, "-c", script, server_url], check=True, timeout=60)
        assert api.data_version() != before
