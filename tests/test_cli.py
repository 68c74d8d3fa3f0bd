"""The command line: output formats, error lines and exit statuses, and staying light."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from filmjournal import cli
from filmjournal.display import printable
from filmjournal.journal import api, schema
from tests.helpers import (
    exclusive_lock,
    file_digest,
    film_written_elsewhere,
    make_other_sqlite_file,
)


def run(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``filmjournal`` as its own process."""
    return subprocess.run(
        [sys.executable, "-m", "filmjournal", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def invoke(*arguments: str) -> str:
    """Run the CLI in-process and return its output (plain: not a terminal)."""
    result = CliRunner().invoke(cli.cli, list(arguments), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def filled(journal_path: Path) -> Path:
    """A closed journal with two films, reviews, a quote and a comment."""
    with api.open_journal(journal_path):
        her = api.create_film("Her", 2013)
        review = api.create_review(
            her.id,
            headline="Broke me",
            body="In and out of tears.",
            watched_on="2014-05-02",
            rating=4.5,
            tags=["love"],
        )
        api.create_quote(her.id, "The past is just a story", speaker="Samantha")
        api.add_comment(review.id, "So universal", author="reader")
        film_id = film_written_elsewhere("[bold red]x[/] \x1b[31mred", None)
        api.set_watchlist(film_id, True)
    return journal_path


def test_stats_json_has_every_count(filled):
    counts = json.loads(invoke("--db", str(filled), "stats", "--json"))
    assert {name: counts[name] for name in list(counts)[:7]} == {  # today's keys, unchanged
        "films": 2,
        "reviews": 1,
        "quotes": 1,
        "comments": 1,
        "tags": 1,
        "watchlist": 1,
        "comments_elsewhere": 0,
    }
    assert (counts["viewings"], counts["words_written"], counts["year"]) == (1, 7, None)
    assert counts["top_tags"] == [{"name": "love", "count": 1}]
    assert counts["first_film"]["title"] == "Her" and counts["first_film"]["day"] == "2014-05-02"


def test_stats_take_a_filter_and_a_year(filled):
    chosen = json.loads(
        invoke("--db", str(filled), "stats", "tag:love", "--year", "2014", "--json")
    )
    assert (chosen["films"], chosen["viewings"], chosen["year"]) == (2, 1, 2014)
    assert (
        json.loads(invoke("--db", str(filled), "stats", "--year", "2015", "--json"))["viewings"]
        == 0
    )
    lines = invoke("--db", str(filled), "stats", "rating:4.5").splitlines()
    assert "ratings\t4.5\t1" in lines and "viewings\t1" in lines
    assert "watching_streak\t1\t2014-05-02\t2014-05-02" in lines


def test_list_search_and_export_take_the_same_filters(filled, tmp_path):
    assert invoke("--db", str(filled), "list", "tag:love").splitlines() == [
        "Her\t2013\t1\t2014-05-02\t4.5"
    ]
    assert [line.split("\t")[0] for line in invoke("--db", str(filled), "list", "watchlist")] != []
    assert (
        len(invoke("--db", str(filled), "list", "--", "-tag:love", "watchlist").splitlines()) == 1
    )
    assert invoke("--db", str(filled), "search", "tears", "rating:>=4").startswith("review\t")
    assert invoke("--db", str(filled), "search", "tears", "rating:<4") == ""
    folder = tmp_path / "out"
    invoke("--db", str(filled), "export", "--all", "--filter", "tag:nothing", "-o", str(folder))
    assert list(folder.iterdir()) == []
    invoke("--db", str(filled), "export", "--all", "--filter", "tag:love", "-o", str(folder))
    assert [path.name for path in folder.iterdir()] == ["2014-05-02-her-2013.md"]


@pytest.mark.parametrize(
    ("words", "named"), [("rating:>=9", "rating:>=9"), ("watched:2024-13", "watched:2024-13")]
)
def test_a_bad_filter_is_one_line_naming_the_term(filled, words, named):
    result = run("--db", str(filled), "stats", words)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert named in line and "Traceback" not in result.stderr


def test_stats_plain_is_one_count_per_line(filled):
    assert invoke("--db", str(filled), "stats").splitlines()[:2] == ["films\t2", "reviews\t1"]


def test_list_json_has_the_summary_fields(filled):
    films = json.loads(invoke("--db", str(filled), "list", "--json"))
    her = next(film for film in films if film["title"] == "Her")
    assert her | {"id": 0} == {
        "id": 0,
        "title": "Her",
        "year": 2013,
        "reviews": 1,
        "last_watched": "2014-05-02",
        "rating": 4.5,
        "watchlist": False,
        "watchlist_added_on": None,
    }


def test_list_plain_is_tab_separated(filled):
    lines = invoke("--db", str(filled), "list").splitlines()
    assert "Her\t2013\t1\t2014-05-02\t4.5" in lines


def test_search_json_gives_snippet_and_highlights(filled):
    [hit] = json.loads(invoke("--db", str(filled), "search", "tears", "--json"))
    assert (hit["kind"], hit["film"]["title"], hit["title"]) == ("review", "Her", "Broke me")
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "tears"


def test_search_takes_several_words_and_fts_syntax(filled):
    assert invoke("--db", str(filled), "search", "past", "story").startswith("quote\t")
    assert invoke("--db", str(filled), "search", "--", '"', "AND", "*", "-x", ":") == ""


def test_terminal_output_shows_markup_and_escapes_literally(filled, monkeypatch):
    monkeypatch.setattr("filmjournal.cli.output.to_terminal", lambda: True)
    output = invoke("--db", str(filled), "list")
    assert "[bold red]x[/]" in output
    assert "\x1b" not in output
    assert "␛[31mred" in output
    assert "★★★★½" in output


def test_backup_writes_a_journal_and_refuses_to_overwrite(filled, tmp_path):
    destination = tmp_path / "copy.db"
    invoke("--db", str(filled), "backup", str(destination))
    with api.open_journal(destination):
        assert api.counts().films == 2
    before = file_digest(destination)
    result = run("--db", str(filled), "backup", str(destination))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"Error: {destination}: already exists (use --force to overwrite it)"
    )
    assert file_digest(destination) == before
    invoke("--db", str(filled), "backup", str(destination), "--force")


def test_backup_into_a_folder_names_the_file(filled, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    invoke("--db", str(filled), "backup", str(folder))
    [copy] = folder.iterdir()
    assert copy.name.startswith("journal-") and copy.suffix == ".db"


def test_environment_variable_chooses_the_journal(filled):
    result = run("stats", "--json", env={"FILMJOURNAL_DB": str(filled)})
    assert json.loads(result.stdout)["films"] == 2


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith("filmjournal, version ")


def refusal(path: Path, *arguments: str, env: dict[str, str] | None = None) -> str:
    """Run a command expected to fail on the journal; check the exit status and return the line."""
    result = run("--db", str(path), *(arguments or ("stats",)), env=env)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: {path}: ")
    return lines[0]


def assert_refused(path: Path, problem: str, *arguments: str) -> None:
    """The command exits 2 with one line naming the file and the problem, file unchanged."""
    before = file_digest(path) if path.is_file() else None
    assert problem in refusal(path, *arguments)
    if before is not None:
        assert file_digest(path) == before


def test_directory_is_refused(tmp_path):
    assert_refused(tmp_path, "is a directory")


def test_path_that_cannot_be_created_is_refused(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    assert_refused(blocker / "journal.db", "cannot be created")


@pytest.mark.parametrize("command", [("stats",), ("list", "--json"), ("search", "x")])
def test_file_that_is_not_sqlite_is_refused(tmp_path, command):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    assert_refused(path, "is not a SQLite database", *command)


def test_sqlite_file_that_is_not_a_journal_is_refused(tmp_path):
    path = tmp_path / "other.db"
    make_other_sqlite_file(path)
    assert_refused(path, "is a SQLite database but not a filmjournal journal")


def test_journal_from_a_newer_version_is_refused(filled):
    connection = sqlite3.connect(filled)
    connection.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    connection.close()
    assert_refused(filled, "was written by a newer filmjournal")


def test_locked_journal_is_refused_after_the_timeout(filled):
    before = file_digest(filled)
    with exclusive_lock(filled):
        # Reading the file here would drop the lock (POSIX locks die with any descriptor).
        line = refusal(filled, env={"FILMJOURNAL_BUSY_TIMEOUT": "0.3"})
    assert "the journal is locked by another program (waited 0.3 s)" in line
    assert file_digest(filled) == before


def test_scripting_commands_do_not_import_textual(filled):
    script = (
        "import sys; from filmjournal.cli import main; sys.argv = ['filmjournal', '--db', "
        f"{str(filled)!r}, 'search', 'tears']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "assert 'rich' not in sys.modules, 'rich was imported for a pipe'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("kind", ["directory", "not sqlite", "newer"])
def test_the_interface_command_refuses_bad_journals_in_one_line(tmp_path, filled, kind):
    path = {"directory": tmp_path, "not sqlite": tmp_path / "notes.txt", "newer": filled}[kind]
    if kind == "not sqlite":
        path.write_text("just some notes\n")
    if kind == "newer":
        connection = sqlite3.connect(path)
        connection.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
        connection.close()
    before = file_digest(path) if path.is_file() else None
    result = run("--db", str(path))  # no command: the interface's quick start path
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {path}: ")
    if before is not None:
        assert file_digest(path) == before


def test_only_interface_arguments_take_the_quick_path(monkeypatch):
    from filmjournal.launch import interface_journal

    monkeypatch.setenv("FILMJOURNAL_DB", "/tmp/x.db")
    assert interface_journal([]) == Path("/tmp/x.db")
    assert interface_journal(["--db", "a.db"]) == Path("a.db")
    assert interface_journal(["--db=b.db"]) == Path("b.db")
    for arguments in (["list"], ["--db", "a.db", "stats"], ["--help"], ["--version"], ["--db="]):
        assert interface_journal(arguments) is None


def test_an_upgraded_journal_names_its_backup_once(tmp_path):
    from tests.journal.test_database import build_v1_journal

    path = build_v1_journal(tmp_path / "journal.db")
    result = run("--db", str(path), "stats", "--json")
    assert result.returncode == 0, result.stderr
    starting, line = result.stderr.splitlines()
    assert starting == api.upgrade_starting(path, 1)  # said first: it can take a while
    assert line.startswith(f"{path}: upgraded from schema 1 to {schema.SCHEMA_VERSION}; ")
    backup = Path(line.rsplit(" saved as ", 1)[1])
    assert backup.exists() and backup.parent == tmp_path
    assert run("--db", str(path), "stats").stderr == ""


def test_the_interface_says_an_upgrade_is_under_way_before_it_starts(tmp_path, monkeypatch, capsys):
    from filmjournal.launch import open_interface
    from filmjournal.tui.app import FilmJournalApp
    from tests.journal.test_database import build_v1_journal

    path = build_v1_journal(tmp_path / "[b]journal.db")
    shown: list[str] = []
    monkeypatch.setattr(FilmJournalApp, "run", lambda app: shown.append(capsys.readouterr().err))
    assert open_interface(path)
    assert shown == [f"{printable(api.upgrade_starting(path, 1))}\n"]
    assert open_interface(path) and shown[1] == ""  # upgraded once


def test_lists_print_a_table_on_a_terminal(tmp_path, monkeypatch):
    from filmjournal.exchange.letterboxd import import_letterboxd
    from tests.exchange.test_letterboxd import LIST_BODY

    export = tmp_path / "export"
    (export / "lists").mkdir(parents=True)
    (export / "watched.csv").write_text("Date,Name,Year,Letterboxd URI\n")
    (export / "lists" / "night.csv").write_text("\r\n" + LIST_BODY, newline="")
    journal = tmp_path / "j.db"
    with api.open_journal(journal):
        import_letterboxd(export)
    monkeypatch.setattr("filmjournal.cli.output.to_terminal", lambda: True)
    table = invoke("--db", str(journal), "lists")
    assert "Night films" in table and "\t" not in table
    films = invoke("--db", str(journal), "lists", "Night films")
    assert "Night on Earth (1991)" in films and "Five cities, one night" in films


def test_import_from_letterboxd_is_the_same_as_the_old_spelling(tmp_path):
    from tests.exchange.test_letterboxd import E2E

    new, old = tmp_path / "new.db", tmp_path / "old.db"
    said = invoke("--db", str(new), "import", "--from", "letterboxd", str(E2E))
    assert said == invoke("--db", str(old), "import", "letterboxd", str(E2E))
    assert "reviews: 2 imported, 0 updated, 0 skipped" in said
    result = CliRunner().invoke(
        cli.cli, ["--db", str(new), "import", "--from", "letterboxd", str(E2E), str(E2E)]
    )
    assert result.exit_code == 2 and "takes one export" in result.stderr


def test_errors_show_control_characters_instead_of_obeying_them(tmp_path):
    path = tmp_path / "bad\x1b[31mname.txt"
    path.write_text("not a journal\n")
    result = run("--db", str(path), "stats")
    assert result.returncode == 2
    assert result.stderr == f"Error: {tmp_path}/bad␛[31mname.txt: is not a SQLite database\n"
