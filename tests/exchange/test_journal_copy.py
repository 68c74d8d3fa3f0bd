"""Copying whole journals between files and server journals: nothing lost either way, checked
by the JSON export of source and destination (a real Letterboxd account, with the demo
journal's quotes, comment threads, lists and trash on top)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from filmjournal import cli
from filmjournal.demo import fill_demo_journal
from filmjournal.exchange.journal_copy import copy_journal
from filmjournal.exchange.jsonformat import json_text
from filmjournal.exchange.letterboxd import import_letterboxd
from filmjournal.journal import api
from filmjournal.journal.snapshot import snapshot_in_parts
from tests.conftest import NO_SERVER, POSTGRES_SERVER, emptied_database
from tests.exchange.test_letterboxd import E2E, EXPORT_2022

needs_server = pytest.mark.skipif(
    not POSTGRES_SERVER and os.environ.get("CI") != "true", reason=NO_SERVER
)


VIEWINGS = """SELECT f.title, f.year, coalesce(f.letterboxd_uri, ''), r.headline, r.body,
    coalesce(r.watched_on, ''), coalesce(r.rating, -1), r.is_rewatch, r.where_watched, r.author
    FROM review r JOIN film f ON f.id = r.film_id WHERE r.deleted_at IS NULL"""
COUNTS = """SELECT (SELECT count(*) FROM film WHERE deleted_at IS NULL),
    (SELECT count(*) FROM quote WHERE deleted_at IS NULL),
    (SELECT count(*) FROM comment WHERE deleted_at IS NULL),
    (SELECT count(*) FROM list_entry), (SELECT count(*) FROM remote_comment)"""


def journal_json(location: Path | str) -> str:
    """The whole journal as its JSON export."""
    with api.open_journal(location):
        return "".join(json_text(snapshot_in_parts()))


def filled_journal(path: Path, *, big: bool = False) -> Path:
    """A journal with the demo and a real Letterboxd account: ``big``, the 2022 export when
    it is beside the repo (twin films, two viewings a day, comments elsewhere without an
    address: 3,878 films), else the small test account."""
    with api.open_journal(path):
        fill_demo_journal()
        import_letterboxd(EXPORT_2022 if big and EXPORT_2022.exists() else E2E)
        film = api.create_film("Gone Soon", 2001)  # the trash: a film with what it holds, …
        review = api.create_review(film.id, headline="Gone with it", body="words")
        api.add_comment(review.id, "under it")
        api.delete_film(film.id)
        her = api.find_film("Her", 2013)  # … a viewing, a quote, a reply of a live film
        viewing = api.create_review(her.id, headline="Deleted viewing", watched_on="2020-02-02")
        api.add_comment(viewing.id, "with its comment")
        api.delete_review(viewing.id)
        api.delete_quote(api.list_quotes(her.id)[0].id)
        [first, *_] = api.comment_tree(api.latest_review(her.id).id)
        api.delete_comment(api.add_comment(first.review_id, "a reply", parent_id=first.id).id)
    return path


def trash_of(location: Path | str) -> list[tuple[str, str, object]]:
    """What the journal's trash holds: kind, label and when, in order."""
    with api.open_journal(location):
        return [(item.kind, item.label, item.deleted_at) for item in api.list_trash()]


def test_a_journal_file_copies_to_a_new_file_whole(tmp_path):
    source = filled_journal(tmp_path / "source.db", big=True)
    detail = copy_journal(source, tmp_path / "copy.db")
    assert journal_json(tmp_path / "copy.db") == journal_json(source)
    assert trash_of(tmp_path / "copy.db") == trash_of(source) and len(trash_of(source)) == 4
    assert '"deleted_at"' not in journal_json(source)  # an export shows no trash
    with sqlite3.connect(source) as file:  # what it says it copied is what the source holds
        films, reviews, quotes, comments, lists, elsewhere = (
            file.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("film", "review", "quote", "comment", "list", "remote_comment")
        )
    assert detail == (
        f"{films:,} films, {reviews:,} reviews, {quotes:,} quotes, {comments:,} comments, "
        f"{lists:,} lists, {elsewhere:,} comments written elsewhere, 0 reviews already there"
    )


@needs_server
def test_a_journal_goes_to_a_server_and_back_without_losing_anything(tmp_path, worker_id):
    source = filled_journal(tmp_path / "source.db", big=True)
    server = emptied_database(f"filmjournal_copy_{worker_id}")
    steps: list[str] = []
    copy_journal(source, server, progress=lambda step, done, total: steps.append(step))
    copy_journal(server, tmp_path / "back.db")
    expected = journal_json(source)
    assert journal_json(server) == expected
    assert journal_json(tmp_path / "back.db") == expected
    assert trash_of(server) == trash_of(source) == trash_of(tmp_path / "back.db")
    assert {"reading", "writing"} <= set(steps)
    # Read back by plain SQL, not by our export: every viewing's words and values arrived.
    with sqlite3.connect(source) as file, psycopg.connect(server) as database:
        assert sorted(file.execute(VIEWINGS).fetchall()) == sorted(
            database.execute(VIEWINGS).fetchall()
        )
        assert file.execute(COUNTS).fetchone() == database.execute(COUNTS).fetchone()


def test_a_destination_with_things_in_it_is_refused_unless_merging(tmp_path):
    source = filled_journal(tmp_path / "source.db")
    destination = tmp_path / "other.db"
    with api.open_journal(destination):
        api.create_film("Mine", 1999)
    with pytest.raises(api.JournalError, match=r"is not empty: copy into a new journal"):
        copy_journal(source, destination)
    with api.open_journal(destination):
        assert [film.title for film in api.list_films()] == ["Mine"]
    copy_journal(source, destination, merge=True)
    detail = copy_journal(source, destination, merge=True)  # twice: nothing more to add
    assert detail.startswith("0 films, 0 reviews, 0 quotes, 0 comments, 0 lists")
    with api.open_journal(destination):
        assert "Mine" in {film.title for film in api.list_films()}


def test_copying_a_journal_onto_itself_is_refused(tmp_path):
    source = filled_journal(tmp_path / "source.db")
    with pytest.raises(api.JournalError, match="is the journal being copied"):
        copy_journal(source, source, merge=True)


def test_a_source_that_is_not_there_is_refused_not_made(tmp_path):
    missing = tmp_path / "no such folder" / "journal.db"
    with pytest.raises(api.JournalError, match="does not exist: there is no journal to read"):
        copy_journal(missing, tmp_path / "copy.db")
    assert not missing.parent.exists() and not (tmp_path / "copy.db").exists()


@needs_server
def test_an_empty_database_is_no_source_and_stays_empty(tmp_path, worker_id):
    server = emptied_database(f"filmjournal_copy_{worker_id}")
    with pytest.raises(api.JournalError, match="holds no journal: there is nothing to read"):
        copy_journal(server, tmp_path / "copy.db")
    with psycopg.connect(server) as database:
        tables = database.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (0,)


@needs_server
def test_the_copy_command_names_the_server_without_its_password(tmp_path, worker_id):
    source = filled_journal(tmp_path / "source.db")
    server = emptied_database(f"filmjournal_copy_{worker_id}")
    password = server.split("@")[0].rsplit(":", 1)[1]
    result = CliRunner().invoke(cli.cli, ["copy", str(source), server])
    assert result.exit_code == 0, result.output
    assert password not in result.output and "Copied " in result.output
    again = CliRunner().invoke(cli.cli, ["copy", str(source), server])
    assert again.exit_code == 2 and password not in again.output
    assert "is not empty" in again.output
    backup = tmp_path / "server-backup.db"
    saved = CliRunner().invoke(cli.cli, ["--db", server, "backup", str(backup)])
    assert saved.exit_code == 0, saved.output
    assert password not in saved.output
    assert journal_json(backup) == journal_json(source)


def test_what_is_added_after_a_copy_gets_ids_of_its_own(journal_location, tmp_path):
    source = filled_journal(tmp_path / "source.db")
    copy_journal(source, journal_location)
    with api.open_journal(journal_location):
        film = api.create_film("Brand New", 2026)
        review = api.create_review(film.id, headline="Fresh")
        comment = api.add_comment(review.id, "First!")
        quote = api.create_quote(film.id, "A line")
        assert api.load_review(review.id).comments[0].id == comment.id
        assert api.get_quote(quote.id).text == "A line"
