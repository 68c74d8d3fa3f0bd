"""Exporting reviews and journals, importing them back, from the API and the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from filmjournal import cli
from filmjournal.demo import fill_demo_journal
from filmjournal.exchange.exporter import export_all, export_review, resolve_review
from filmjournal.exchange.files import ExportError
from filmjournal.exchange.importer import collect_files, import_files
from filmjournal.exchange.jsonformat import json_text
from filmjournal.exchange.markdown import parse_markdown
from filmjournal.journal import api
from filmjournal.journal.models import (
    FilmListEntryModel,
    FilmListModel,
    FilmModel,
    RemoteCommentModel,
)
from filmjournal.journal.snapshot import snapshot_in_parts
from tests.helpers import file_digest


def run_cli(*arguments: str) -> tuple[int, str, str]:
    """Run the command line in-process: exit status, standard output, standard error."""
    result = CliRunner().invoke(cli.cli, list(arguments))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A closed journal holding the demo films, reviews, quotes and comments."""
    path = tmp_path / "demo.db"
    with api.open_journal(path):
        fill_demo_journal()
    return path


def her_markdown(demo_path: Path, tmp_path: Path) -> str:
    out = tmp_path / "her.md"
    code, _, stderr = run_cli("--db", str(demo_path), "export", "Her (2013)", "-o", str(out))
    assert code == 0, stderr
    return out.read_text(encoding="utf-8")


# The Markdown file ------------------------------------------------------------------------------


def test_front_matter_is_plain_yaml_in_a_stable_order(demo_path, tmp_path):
    text = her_markdown(demo_path, tmp_path)
    front = text.split("---\n")[1]
    data = yaml.safe_load(front)  # no custom tags: safe_load reads it
    assert list(data) == [
        "title",
        "film",
        "year",
        "directors",
        "watched",
        "where",
        "rating",
        "liked",
        "spoilers",
        "tags",
        "created",
        "updated",
    ]
    assert data["film"] == "Her" and data["year"] == 2013
    assert data["watched"] == date(2024, 2, 14)
    assert data["rating"] == 4.5 and data["tags"] == ["loneliness", "love", "netflix"]
    assert "!!" not in front and "rewatch" not in data  # empty fields are left out


def test_headline_body_spoilers_quotes_and_comments_read_like_a_post(demo_path, tmp_path):
    text = her_markdown(demo_path, tmp_path)
    assert "\n# A love story told through a voice\n\nI had put this off" in text
    assert "||" not in text
    assert '<details class="spoiler"><summary>Spoiler</summary>The ending' in text
    assert "\n## Quotes\n" in text and "\n## Comments\n" in text
    assert "> Feelings do not get smaller just because they are shared." in text
    assert "— Samantha (paraphrased) · 1:32:10 · ★ favourite" in text
    assert "\n- **Mara** · 2024-03-01 20:42 UTC\n\n  Loneliness is so universal." in text
    assert "\n  - **me** · 2024-03-01 20:49 UTC\n\n    Thank you!" in text
    assert "\n    - **Mara** · 2024-03-01 20:56 UTC" in text


def test_hand_written_review_with_only_film_and_year_imports(journal, tmp_path):
    path = tmp_path / "paris.md"
    path.write_text("---\nfilm: Paris, Texas\nyear: 1984\n---\n\nThe phone booth scene.\n")
    summary = import_files([path])
    assert summary.line() == "1 imported, 0 skipped, 0 failed"
    film = api.find_film("Paris, Texas", 1984)
    (review,) = api.list_reviews(film.id)
    assert review.body == "The phone booth scene." and review.headline == ""


def test_hand_written_heading_becomes_the_headline(journal):
    parsed = parse_markdown("---\nfilm: Her\n---\n# Broke me\n\nIn and out of tears.\n")
    assert parsed.review["headline"] == "Broke me"
    assert parsed.review["body"] == "In and out of tears."


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("Just some words.\n", "has no front matter"),
        ("---\nfilm: Her\n", "front matter is not closed"),
        ("---\nfilm: [Her\n---\n", "front matter is not valid YAML on line 2"),
        ("---\nyear: 2013\n---\nx\n", "front matter has no film:"),
        ("---\n- a list\n---\n", "front matter must be a set of key: value lines"),
        ("---\nfilm: Her\nrating: 7\n---\n", "rating must be between 0.5 and 5"),
        ("---\nfilm: Her\nwatched: someday\n---\n", "watched date must be a date"),
        ("---\nfilm: Her\nyear: 1700\n---\n", "year must be between 1870"),
    ],
)
def test_bad_files_fail_alone_with_their_reason(journal, tmp_path, content, reason):
    bad = tmp_path / "bad.md"
    bad.write_text(content)
    good = tmp_path / "good.md"
    good.write_text("---\nfilm: Paterson\nyear: 2016\n---\nBus driver poems.\n")
    summary = import_files(collect_files([tmp_path]))
    outcomes = {outcome.path.name: outcome for outcome in summary.outcomes}
    assert outcomes["bad.md"].status == "failed"
    assert reason in outcomes["bad.md"].detail
    assert outcomes["good.md"].status == "imported"
    assert [film.title for film in api.list_films()] == ["Paterson"]


def test_importing_the_same_file_twice_skips_it(journal, tmp_path):
    path = tmp_path / "her.md"
    path.write_text("---\nfilm: Her\nyear: 2013\nwatched: 2014-05-02\ntitle: Broke me\n---\nx\n")
    assert import_files([path]).line() == "1 imported, 0 skipped, 0 failed"
    second = import_files([path])
    assert second.line() == "0 imported, 1 skipped, 0 failed"
    assert "already in the journal (Her (2013))" in second.outcomes[0].detail
    assert api.counts().reviews == 1


def test_import_adds_to_an_existing_film(journal, her, tmp_path):
    path = tmp_path / "her.md"
    path.write_text("---\nfilm: her \nyear: 2013\n---\nAgain.\n")
    import_files([path])
    assert api.counts().films == 1
    assert [review.body for review in api.list_reviews(her.id)] == ["Again."]


def test_folder_round_trip_gives_identical_files(demo_path, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    with api.open_journal(demo_path):
        assert export_all(first).count == 3
    with api.open_journal(tmp_path / "empty.db"):
        summary = import_files(collect_files([first]))
        assert summary.line() == "3 imported, 0 skipped, 0 failed"
        export_all(second)
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()


# JSON -------------------------------------------------------------------------------------------


def test_whole_journal_json_round_trip_is_identical(demo_path, tmp_path):
    with api.open_journal(demo_path):
        her = api.find_film("Her", 2013)
        api.create_quote(her.id, "A film-level quote", speaker="Amy", note="not tied to a review")
        deleted = api.create_film("Deleted film", 2000)
        api.delete_film(deleted.id)
        night = FilmListModel.create(name="Night films", description="Two\nlines", tags="noir")
        FilmListEntryModel.create(
            film_list=night, film=her.id, position=1, note="the city at night"
        )
        FilmModel.update(is_liked=True).where(FilmModel.id == her.id).execute()
        RemoteCommentModel.create(
            url="https://boxd.it/x", body="Nice!", written_on=date(2020, 1, 2)
        )
        first = export_all(tmp_path / "one", "json").path
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["format"] == "filmjournal" and data["version"] == 2
    her_index = next(i for i, film in enumerate(data["films"]) if film["title"] == "Her")
    assert data["films"][her_index]["liked"] is True
    assert data["lists"][0]["entries"] == [
        {"film": her_index, "position": 1, "note": "the city at night"}
    ]
    assert data["remote_comments"][0]["written_on"] == "2020-01-02"
    assert "Deleted film" not in first.read_text(encoding="utf-8")
    watchlist = [film["title"] for film in data["films"] if film["watchlist_added_on"]]
    assert watchlist == ["Lost in Translation", "Past Lives"]
    text = first.read_text(encoding="utf-8")
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"  # streamed, same bytes
    with api.open_journal(demo_path):
        in_pairs = "".join(json_text(snapshot_in_parts(films_per_part=2)))
    assert in_pairs == text  # however many films are read at a time
    with api.open_journal(tmp_path / "empty.db"):
        assert import_files([first]).count("imported") == 1
        second = export_all(tmp_path / "two", "json").path
    assert first.read_bytes() == second.read_bytes()


def test_an_empty_journal_exports_as_json_too(journal, tmp_path):
    text = export_all(tmp_path / "out", "json").path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert (data["films"], data["lists"], data["remote_comments"]) == ([], [], [])
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_markdown_export_reads_the_journal_in_parts(demo_path, tmp_path, monkeypatch):
    import filmjournal.exchange.exporter as exporter

    real = exporter.snapshot_in_parts
    monkeypatch.setattr(exporter, "snapshot_in_parts", lambda **kw: real(films_per_part=1, **kw))
    with api.open_journal(demo_path):
        in_ones = export_all(tmp_path / "ones").path
    monkeypatch.setattr(exporter, "snapshot_in_parts", real)
    with api.open_journal(demo_path):
        whole = export_all(tmp_path / "whole").path
    ones = {path.name: path.read_bytes() for path in in_ones.iterdir()}
    assert ones and ones == {path.name: path.read_bytes() for path in whole.iterdir()}


def test_json_import_twice_adds_nothing(demo_path, tmp_path):
    with api.open_journal(demo_path):
        exported = export_all(tmp_path, "json").path
    with api.open_journal(tmp_path / "other.db"):
        import_files([exported])
        before = api.counts()
        summary = import_files([exported])
        assert summary.count("skipped") == 1
        assert api.counts() == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "is not valid JSON (line 1"),
        ('{"films": []}', "is not a filmjournal export"),
        ('{"format": "filmjournal", "version": 99, "films": []}', "format version 99"),
        (
            '{"format": "filmjournal", "version": 1, "films": [{"title": "Her", "year": 2013,'
            ' "reviews": [{"rating": 9}]}]}',
            "films[0]: reviews[0]: rating must be between 0.5 and 5",
        ),
    ],
)
def test_bad_json_fails_and_leaves_the_journal_as_it_was(journal, tmp_path, content, reason):
    path = tmp_path / "journal.json"
    path.write_text(content)
    summary = import_files([path])
    assert summary.outcomes[0].status == "failed"
    assert reason in summary.outcomes[0].detail
    assert api.counts().films == 0


def test_one_review_as_json(demo_path, tmp_path):
    code, stdout, _ = run_cli(
        "--db", str(demo_path), "export", "Her", "--format", "json", "-o", "-"
    )
    assert code == 0
    (film,) = json.loads(stdout)["films"]
    assert film["title"] == "Her" and len(film["reviews"]) == 1
    assert [quote["review"] for quote in film["quotes"]] == [0, 0]


# Choosing reviews and places ----------------------------------------------------------------------


def test_reviews_are_named_by_id_or_film(demo_path):
    with api.open_journal(demo_path):
        her = api.find_film("Her", 2013)
        latest = api.latest_review(her.id).id
        assert resolve_review(str(latest)) == latest
        assert resolve_review("Her (2013)") == latest
        assert resolve_review("her") == latest
        with pytest.raises(ExportError, match="no review or film matches 'Nope"):
            resolve_review("Nope (1999)")
        with pytest.raises(ExportError, match="has no review yet"):
            resolve_review("Past Lives (2023)")


def test_existing_files_are_numbered_unless_forced(demo_path, tmp_path):
    with api.open_journal(demo_path):
        review = resolve_review("Her (2013)")
        first = export_review(review, f"{tmp_path}/").path
        second = export_review(review, f"{tmp_path}/").path
        assert (first.name, second.name) == ("2024-02-14-her-2013.md", "2024-02-14-her-2013-2.md")
        first.write_text("changed")
        assert export_review(review, str(first), force=True).path == first
        assert first.read_text().startswith("---\ntitle:")


def test_command_line_errors_are_one_line_with_status_2(demo_path, tmp_path):
    digest = file_digest(demo_path)
    for arguments, message in [
        (["export", "999"], "no review with id 999"),
        (["export", "Nope (1999)"], "no review or film matches"),
        (["export", "1", "-o", str(tmp_path / "missing" / "x.md")], "no such folder"),
        (["export", "--all", "-o", str(demo_path)], "is a file, not a folder"),
        (["import", str(tmp_path / "nothing")], "no such file or folder"),
        (["import", str(demo_path)], "not a .md or .json file"),
    ]:
        code, stdout, stderr = run_cli("--db", str(demo_path), *arguments)
        assert code == 2, (arguments, stdout, stderr)
        assert message in stderr and len(stderr.strip().splitlines()) == 1
        assert "Traceback" not in stderr
    assert file_digest(demo_path) == digest
    assert not (tmp_path / "missing").exists()


def test_command_line_export_all_and_import(demo_path, tmp_path):
    out = tmp_path / "posts"
    code, stdout, _ = run_cli("--db", str(demo_path), "export", "--all", "-o", str(out))
    assert code == 0 and stdout.strip() == f"Exported 3 reviews to {out}"
    (out / "broken.md").write_text("no front matter\n")
    fresh = tmp_path / "fresh.db"
    code, stdout, stderr = run_cli("--db", str(fresh), "import", str(out))
    assert code == 1
    assert stdout.strip() == "4 files: 3 imported, 0 skipped, 1 failed"
    assert f"failed: {out / 'broken.md'}: has no front matter" in stderr
    with api.open_journal(fresh):
        assert api.counts().reviews == 3


def test_the_exported_file_renders_as_a_clean_post(demo_path, tmp_path):
    """Rendered as CommonMark (as GitHub does), the markers vanish and the structure holds."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    html = (
        MarkdownIt("commonmark").use(front_matter_plugin).render(her_markdown(demo_path, tmp_path))
    )
    assert html.lstrip().startswith("<h1>A love story told through a voice</h1>")
    assert "<h2>Quotes</h2>" in html and "<h2>Comments</h2>" in html
    assert "<blockquote>\n<p>Feelings do not get smaller just because they are shared.</p>" in html
    assert "<strong>Mara</strong>" in html and "<strong>me</strong>" in html
    between = html[html.index("<strong>Mara</strong>") : html.index("<strong>me</strong>")]
    assert "<ul>" in between and "</li>" not in between  # the reply sits inside the comment
    assert "<details" in html and "||" not in html
    visible = html.replace("<!--", "\x00").split("\x00")
    assert all("filmjournal:" not in part.split("-->", 1)[-1] for part in visible)


def test_output_without_an_extension_is_a_folder(demo_path, tmp_path):
    code, stdout, _ = run_cli(
        "--db", str(demo_path), "export", "Her", "-o", str(tmp_path / "posts")
    )
    assert code == 0
    assert stdout.strip() == str(tmp_path / "posts" / "2024-02-14-her-2013.md")


def test_a_json_file_that_cannot_be_opened_fails_alone_in_one_line(journal, tmp_path, monkeypatch):
    good = tmp_path / "good.md"
    good.write_text("---\nfilm: Her\nyear: 2013\n---\n\nText.\n", encoding="utf-8")
    broken = tmp_path / "backup.json"
    broken.write_text("{}", encoding="utf-8")
    real_open = Path.open

    def failing_open(self, *args, **kwargs):
        if self == broken:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", failing_open)
    summary = import_files([good, broken])
    assert [outcome.status for outcome in summary.outcomes] == ["imported", "failed"]
    assert summary.outcomes[1].detail == "cannot be read (Permission denied)"
