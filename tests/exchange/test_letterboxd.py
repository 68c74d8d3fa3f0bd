"""Importing Letterboxd exports: the two shared real exports, re-imports, quirks and bad files."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from filmjournal import cli
from filmjournal.exchange.letterboxd import (
    ExportProblems,
    LetterboxdError,
    export_letterboxd,
    import_letterboxd,
    place_of,
)
from filmjournal.journal import api
from filmjournal.journal.models import FilmListEntryModel, FilmListModel, RemoteCommentModel, db

SHARED = Path(__file__).parents[2].parent / "shared" / "data"
EXPORT_2022 = SHARED / "letterboxd-2022-export"
E2E = Path(__file__).parents[1] / "data" / "letterboxd-e2e-test-account"
"""A real export of a dummy account, shipped with the tests (MIT)."""

needs_data = pytest.mark.skipif(
    not EXPORT_2022.exists(), reason="shared/data is not beside the repo"
)


def everything() -> tuple:
    """What the journal holds, to compare before and after."""
    return (
        api.counts(),
        db.execute_sql("SELECT count(*) FROM list_entry").fetchone(),
        db.execute_sql("SELECT count(*) FROM remote_comment").fetchone(),
        db.execute_sql("SELECT id, rating FROM review ORDER BY id").fetchall(),
    )


# The real exports ---------------------------------------------------------------------------------


@needs_data
def test_2022_export_imports_with_the_counts_of_its_files(journal):
    summary = import_letterboxd(EXPORT_2022)
    # 2,132 diary rows + 1 review without a diary entry; 2,604 watched, 805 on the watchlist,
    # 885 list entries: 3,878 films. Two pairs share a title and year but are different films
    # on Letterboxd (different URIs): "Rain"/"rain" (2019) and "The Haunted Castle" (1897).
    assert summary.count("reviews", "imported") == 2133
    assert summary.count("films", "imported") == 3878
    assert summary.problems == []
    assert summary.count("watchlist", "imported") == 805
    assert summary.count("lists", "imported") == 25
    assert summary.count("comments", "imported") == 14
    assert summary.count("ratings", "skipped") == 5  # every rated film has diary entries
    counts = api.counts()
    assert (counts.films, counts.reviews, counts.watchlist, counts.tags) == (3878, 2133, 805, 93)
    castles = [film for film in api.films_titled("The Haunted Castle") if film.year == 1897]
    assert {film.letterboxd_uri for film in castles} == {
        "https://boxd.it/3y76",
        "https://boxd.it/6Pki",
    }
    assert FilmListEntryModel.select().count() == 885
    assert RemoteCommentModel.select().count() == 14
    favourites = FilmListModel.get(FilmListModel.name == "Favorite Films of 2016")
    assert favourites.description == "In no particular order."
    first = FilmListEntryModel.get(
        (FilmListEntryModel.film_list == favourites) & (FilmListEntryModel.position == 1)
    )
    assert api.get_film(first.film_id).title == "Train to Busan"


@needs_data
def test_2022_reviews_keep_their_text_tags_and_where_watched(journal):
    import_letterboxd(EXPORT_2022)
    roma = api.find_film("Roma", 2018)
    (review,) = api.list_reviews(roma.id)
    assert review.where_watched == "Netflix"
    assert set(review.tags) == {"in-black-and-white", "on-netflix"}
    assert review.body.startswith("The birth scene was so weird to me")
    assert '"we did everything we could" speech' in review.body
    assert review.letterboxd_uri == "https://boxd.it/ATu2F"
    assert str(review.watched_on) == "2018-12-30"
    assert len(api.search("Monty Python sketch")) >= 1


def test_e2e_account_imports_every_file(journal):
    summary = import_letterboxd(E2E)
    assert summary.count("films", "imported") == 2
    assert summary.count("reviews", "imported") == 2
    assert summary.count("likes", "imported") == 2
    assert summary.deleted == 0
    die_hard = api.find_film("Die Hard", 1988)
    assert die_hard.letterboxd_uri == "https://boxd.it/2a7u"
    (review,) = api.list_reviews(die_hard.id)
    assert review.body == "Best Christmas movie ever 👌🎄"
    assert (review.rating, review.is_rewatch, review.where_watched) == (4.5, True, "home")
    other = api.list_reviews(api.find_film("One Battle After Another", 2025).id)[0]
    assert other.where_watched == "cinema"
    assert db.execute_sql("SELECT count(*) FROM film WHERE is_liked = 1").fetchone() == (2,)


@needs_data
def test_importing_again_changes_nothing(journal):
    import_letterboxd(EXPORT_2022)
    before = everything()
    summary = import_letterboxd(EXPORT_2022)
    assert summary.count("reviews", "imported") == summary.count("reviews", "updated") == 0
    assert summary.count("reviews", "skipped") == 2133
    assert summary.count("lists", "skipped") == 25
    assert everything() == before


def test_a_newer_export_adds_what_is_new_and_updates_what_changed(journal, tmp_path):
    export = tmp_path / "export"
    shutil.copytree(E2E, export)
    import_letterboxd(export)
    diary = export / "diary.csv"
    text = diary.read_text(encoding="utf-8").replace(",4.5,Yes,at home,", ",5,Yes,at home,")
    text += "2025-12-26,Heat,1995,https://boxd.it/newEntry,4,,,2025-12-26\n"
    diary.write_text(text, encoding="utf-8")
    summary = import_letterboxd(export)
    assert summary.count("reviews", "updated") == 1
    assert summary.count("reviews", "imported") == 1
    assert api.list_reviews(api.find_film("Die Hard", 1988).id)[0].rating == 5
    assert api.counts().reviews == 3


def test_the_zip_imports_like_the_folder(journal, tmp_path):
    archive = tmp_path / "letterboxd-export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in E2E.rglob("*.csv"):
            zipped.write(path, f"letterboxd-e2e/{path.relative_to(E2E)}")
    assert import_letterboxd(archive).count("reviews", "imported") == 2


# Bad input ----------------------------------------------------------------------------------------


BAD_DIARY_ROWS = [
    (
        (",4.5,Yes,", ",7,Yes,"),
        "diary.csv line 3: Rating must be 0.5 to 5 in half steps, got '7'",
    ),
    ((",2025-12-25\n", ",25/12/2025\n"), "diary.csv line 3: Watched Date must be a date like"),
    ((",Yes,at home", ",Maybe,at home"), "diary.csv line 3: Rewatch must be Yes or empty"),
    (
        ("Die Hard,1988,https://boxd.it/cdReDP", ",1988,https://boxd.it/cdReDP"),
        "diary.csv line 3: Name",
    ),
]
"""Changes that spoil Die Hard's diary row, and the problem named."""


@pytest.mark.parametrize(("change", "message"), BAD_DIARY_ROWS)
def test_a_bad_row_or_file_is_left_out_and_named_and_the_rest_comes_in(
    journal, tmp_path, change, message
):
    export = damaged_e2e(tmp_path, change)
    summary = import_letterboxd(export)
    [problem] = summary.problems
    assert problem.startswith(message)
    assert "\n" not in problem
    assert api.find_film("One Battle After Another", 2025) is not None
    # Die Hard itself comes in from watched.csv, its rating from ratings.csv
    die_hard = api.find_film("Die Hard", 1988)
    assert [review.rating for review in api.list_reviews(die_hard.id)] == [4.5]


@pytest.mark.parametrize(("change", "message"), BAD_DIARY_ROWS)
def test_a_strict_import_of_a_bad_export_writes_nothing(journal, tmp_path, change, message):
    api.create_film("Already here", 2001)
    before = everything()
    with pytest.raises(ExportProblems) as raised:
        import_letterboxd(damaged_e2e(tmp_path, change), strict=True)
    [problem] = raised.value.problems
    assert problem.startswith(message)
    assert str(raised.value) == "1 problem in the export: nothing was imported"
    assert everything() == before


@pytest.mark.parametrize(("change", "message"), BAD_DIARY_ROWS)
def test_fixing_a_bad_row_and_importing_again_brings_in_what_was_left_out(
    journal, journal_location, tmp_path, change, message
):
    import_letterboxd(damaged_e2e(tmp_path, change))
    summary = import_letterboxd(E2E)
    assert summary.problems == []
    whole = tmp_path / "whole.db"
    with api.open_journal(whole):
        import_letterboxd(E2E)
        expected = reviews_by_film()
    with api.open_journal(journal_location):
        assert reviews_by_film() == expected


def reviews_by_film() -> list[tuple]:
    """Every review as film, watched date, rating, rewatch, body and tags."""
    return sorted(
        (film.title, review.watched_on, review.rating, review.is_rewatch, review.body, review.tags)
        for film in api.list_films()
        for review in api.list_reviews(film.id)
    )


def damaged_e2e(tmp_path: Path, change: tuple[str, str]) -> Path:
    """The test account with one change made to its diary."""
    export = tmp_path / "export"
    shutil.copytree(E2E, export)
    diary = export / "diary.csv"
    old, new = change
    text = diary.read_text(encoding="utf-8")
    assert old in text
    diary.write_text(text.replace(old, new, 1), encoding="utf-8")
    return export


def test_not_an_export(journal, tmp_path):
    with pytest.raises(LetterboxdError, match="not a Letterboxd export"):
        import_letterboxd(tmp_path)
    with pytest.raises(LetterboxdError, match="no such file or folder"):
        import_letterboxd(tmp_path / "missing.zip")


def test_command_line_names_every_row_left_out_and_exits_1(tmp_path):
    journal = tmp_path / "j.db"
    result = CliRunner().invoke(cli.cli, ["--db", str(journal), "import", "letterboxd", str(E2E)])
    assert result.exit_code == 0, result.output
    assert "reviews: 2 imported, 0 updated, 0 skipped" in result.stdout
    broken = tmp_path / "broken"
    shutil.copytree(E2E, broken)
    (broken / "ratings.csv").write_text(
        "Date,Name,Year,Letterboxd URI,Rating\n2025-01-01,X,2020,https://boxd.it/x,9\n"
        "2025-01-02,Y,2020,https://boxd.it/y,4\n2025-01-03,,2020,https://boxd.it/z,4\n"
    )
    (broken / "lists").mkdir()
    (broken / "lists" / "empty.csv").write_bytes(b"\x00" * 512)
    arguments = ["--db", str(journal), "import", "--from", "letterboxd", str(broken)]
    result = CliRunner().invoke(cli.cli, [*arguments, "--strict"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "problem: ratings.csv line 2: Rating must be 0.5 to 5 in half steps, got '9'",
        "problem: ratings.csv line 4: Name must not be empty",
        "problem: lists/empty.csv: not a CSV file (only NUL bytes)",
        "Error: 3 problems in the export: nothing was imported",
    ]
    with api.open_journal(journal):
        assert api.find_film("Y", 2020) is None
    result = CliRunner().invoke(cli.cli, arguments)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "left out: ratings.csv line 2: Rating must be 0.5 to 5 in half steps, got '9'",
        "left out: ratings.csv line 4: Name must not be empty",
        "left out: lists/empty.csv: not a CSV file (only NUL bytes)",
    ]
    assert "ratings: 1 imported, 0 updated, 0 skipped" in result.stdout
    assert "left out as damaged or invalid: 3" in result.stdout
    with api.open_journal(journal):
        assert [review.rating for review in api.list_reviews(api.find_film("Y", 2020).id)] == [4]


# Lists --------------------------------------------------------------------------------------------

LIST_BODY = (
    "Date,Name,Tags,URL,Description\r\n"
    '2024-01-02,Night films,"noir, night",https://boxd.it/list1,"Films set at <i>night</i>.\r\n'
    'Second line of the description."\r\n'
    "\r\n"
    "Position,Name,Year,URL,Description\r\n"
    "1,Collateral,2004,https://boxd.it/f1,Cab rides\r\n"
    '2,Night on Earth,1991,https://boxd.it/f2,"Five cities,\r\none night"\r\n'
)


@pytest.mark.parametrize("first_line", ["Letterboxd list export v7\r\n", "\r\n"])
def test_both_list_formats_and_multi_line_descriptions(journal, tmp_path, first_line):
    export = tmp_path / "export"
    (export / "lists").mkdir(parents=True)
    (export / "watched.csv").write_text("Date,Name,Year,Letterboxd URI\n")
    (export / "lists" / "night-films.csv").write_text(first_line + LIST_BODY, newline="")
    import_letterboxd(export)
    night = FilmListModel.get()
    assert night.name == "Night films" and night.tags == "noir, night"
    # Letterboxd's HTML becomes Markdown, its CRLF line breaks plain line breaks.
    assert night.description == "Films set at *night*.\\\nSecond line of the description."
    entries = list(FilmListEntryModel.select().order_by(FilmListEntryModel.position))
    assert [api.get_film(entry.film_id).title for entry in entries] == [
        "Collateral",
        "Night on Earth",
    ]
    assert entries[1].note == "Five cities,\\\none night"


# Review HTML --------------------------------------------------------------------------------------


def test_where_watched_comes_from_tags_that_name_a_place():
    assert place_of(["short", "on-netflix"]) == "Netflix"
    assert place_of(["at the cinema"]) == "cinema"
    assert place_of(["At Home"]) == "home"
    assert place_of(["in-black-and-white", "criterion-collection"]) == ""


# Export to Letterboxd's import format ---------------------------------------------------------


def viewings() -> list[tuple]:
    """Every review as (title, year, watched, rating, rewatch, body), sorted."""
    rows = db.execute_sql(
        """SELECT f.title, f.year, r.watched_on, r.rating, r.is_rewatch, r.body
        FROM review r JOIN film f ON f.id = r.film_id WHERE r.deleted_at IS NULL"""
    )
    return sorted(rows, key=repr)


@needs_data
def test_letterboxd_round_trip_keeps_films_dates_ratings_rewatches_and_texts(tmp_path):
    with api.open_journal(tmp_path / "first.db"):
        import_letterboxd(EXPORT_2022)
        before = viewings()
        (written,) = export_letterboxd(tmp_path / "diary.csv", chunk=5000)
    with api.open_journal(tmp_path / "second.db"):
        summary = import_letterboxd(written)
        assert summary.count("reviews", "imported") == 2133
        assert viewings() == before


def test_export_columns_and_chunks(journal, her, tmp_path):
    for day in ("2014-05-02", "2020-01-01", "2024-02-14"):
        api.create_review(
            her.id,
            watched_on=day,
            rating=4.5,
            is_rewatch=day != "2014-05-02",
            tags=["love", "on-netflix"],
            body="*So* good.\n\n> a quote",
        )
    written = export_letterboxd(tmp_path / "out.csv", chunk=2)
    assert [path.name for path in written] == ["out-1.csv", "out-2.csv"]
    import csv

    rows = [row for path in written for row in csv.DictReader(path.open(newline=""))]
    assert list(rows[0]) == [
        "LetterboxdURI",
        "tmdbID",
        "imdbID",
        "Title",
        "Year",
        "Directors",
        "Rating",
        "Rating10",
        "WatchedDate",
        "Rewatch",
        "Tags",
        "Review",
    ]
    first = rows[0]
    assert (first["Title"], first["Year"], first["Directors"]) == ("Her", "2013", "Spike Jonze")
    assert (first["Rating"], first["Rating10"], first["WatchedDate"]) == ("4.5", "9", "2014-05-02")
    assert (first["Rewatch"], first["Tags"]) == ("false", "love, on-netflix")
    assert first["Review"] == "<i>So</i> good.\n\n<blockquote>a quote</blockquote>"
    assert len(rows) == 3


def test_export_command_line_errors(tmp_path):
    journal = tmp_path / "j.db"
    runner = CliRunner()
    result = runner.invoke(cli.cli, ["--db", str(journal), "export", "--to", "letterboxd"])
    assert result.exit_code == 2 and "--to letterboxd needs -o FILE.csv" in result.stderr
    missing = tmp_path / "nowhere" / "x.csv"
    result = runner.invoke(
        cli.cli, ["--db", str(journal), "export", "--to", "letterboxd", "-o", str(missing)]
    )
    assert result.exit_code == 2 and "no such folder" in result.stderr


def test_lists_from_the_command_line(tmp_path):
    export = tmp_path / "export"
    (export / "lists").mkdir(parents=True)
    (export / "watched.csv").write_text("Date,Name,Year,Letterboxd URI\n")
    (export / "lists" / "night-films.csv").write_text(
        "Letterboxd list export v7\r\n" + LIST_BODY, newline=""
    )
    journal = tmp_path / "j.db"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli.cli, ["--db", str(journal), "import", "letterboxd", str(export)]
        ).exit_code
        == 0
    )
    result = runner.invoke(cli.cli, ["--db", str(journal), "lists"])
    assert result.stdout == "1\tNight films\t2\n"
    result = runner.invoke(cli.cli, ["--db", str(journal), "lists", "night FILMS"])
    assert result.stdout.splitlines() == [
        "1\tCollateral\t2004\tCab rides",
        "2\tNight on Earth\t1991\tFive cities, one night",
    ]
    result = runner.invoke(cli.cli, ["--db", str(journal), "lists", "Nope"])
    assert result.exit_code == 2 and "no list is called 'Nope'" in result.stderr


def test_deleted_entries_are_counted_and_orphaned_ones_imported(journal, tmp_path):
    export = tmp_path / "export"
    shutil.copytree(E2E, export)
    header = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
    (export / "deleted" / "diary.csv").write_text(
        header + "2024-01-01,Gone,2001,https://boxd.it/g1,3,,,2024-01-01\n"
        "2024-01-02,Gone Too,2002,https://boxd.it/g2,,,,2024-01-02\n"
    )
    (export / "deleted" / "lists").mkdir()
    (export / "deleted" / "lists" / "old.csv").write_text("\r\n" + LIST_BODY, newline="")
    (export / "orphaned" / "diary.csv").write_text(
        header + "2024-03-01,Lost Film,1999,https://boxd.it/o1,4,,,2024-02-29\n"
    )
    summary = import_letterboxd(export)
    assert summary.deleted == 3
    assert api.find_film("Gone", 2001) is None
    lost = api.find_film("Lost Film", 1999)
    assert lost.letterboxd_uri is None
    (review,) = api.list_reviews(lost.id)
    assert (str(review.watched_on), review.rating) == ("2024-02-29", 4)
    assert "deleted entries not imported: 3" in summary.lines()


def zipped_e2e(path: Path, method: int = zipfile.ZIP_STORED) -> Path:
    """The shipped test account as a zip, like the one Letterboxd's settings page gives."""
    with zipfile.ZipFile(path, "w", method) as archive:
        for file in sorted(E2E.rglob("*.csv")):
            archive.write(file, file.relative_to(E2E).as_posix())
    return path


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (
            lambda data: data.replace(b"Die Hard", b"Die Hord", 1),
            "damaged or incomplete (Bad CRC-32",
        ),
        (lambda data: data[: len(data) // 2], "the zip is damaged or incomplete"),
        (lambda data: data[:200] + b"\x00" * 50 + data[250:], "the zip is damaged or incomplete"),
        (
            lambda data: b"just some text",
            "the zip is damaged or incomplete (File is not a zip file)",
        ),
    ],
)
def test_a_damaged_zip_is_one_line_and_changes_nothing(tmp_path, damage, problem):
    archive = zipped_e2e(tmp_path / "letterboxd.zip")
    archive.write_bytes(damage(archive.read_bytes()))
    journal = tmp_path / "j.db"
    with api.open_journal(journal):
        api.create_film("Already here", 2001)
        before = everything()
    result = CliRunner().invoke(
        cli.cli, ["--db", str(journal), "import", "letterboxd", str(archive)]
    )
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {archive}: ") and problem in line, line
    assert line.endswith("(nothing was imported)")
    with api.open_journal(journal):
        assert everything() == before
