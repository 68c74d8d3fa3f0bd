"""Imports meet films the user put in the trash: nothing fails, nothing comes back unasked,
nothing brought is lost (it waits in the trash with its film), and importing again adds
nothing. Every import path: JSON (and so `copy --merge`), Markdown, Letterboxd."""

from __future__ import annotations

from pathlib import Path

from filmjournal.exchange.importer import import_files
from filmjournal.exchange.journal_copy import copy_journal
from filmjournal.exchange.jsonformat import snapshot_to_json
from filmjournal.exchange.letterboxd import import_letterboxd
from filmjournal.exchange.markdown.writer import review_to_markdown
from filmjournal.journal import api
from filmjournal.journal.engine import execute
from filmjournal.journal.snapshot import take_snapshot
from tests.exchange.test_letterboxd import E2E


def stored(film_id: int) -> tuple[list[str], list[str]]:
    """The headlines and quote texts a film holds, read past the trash."""
    headlines = execute("SELECT headline FROM review WHERE film_id = ? ORDER BY id", (film_id,))
    texts = execute("SELECT text FROM quote WHERE film_id = ? ORDER BY id", (film_id,))
    return [row[0] for row in headlines], [row[0] for row in texts]


def trashed_her() -> int:
    """The journal's Her (2013), with a review and a quote, moved to the trash."""
    film = api.create_film("Her", 2013)
    api.create_review(film.id, headline="Mine", body="kept")
    api.create_quote(film.id, "The past is just a story we tell ourselves.")
    api.delete_film(film.id)
    return film.id


def exported_from_another_journal(tmp_path: Path, headline: str, *quotes: str) -> Path:
    """A JSON export of another journal holding Her (2013) with one review and these quotes,
    and nothing else."""
    exported = tmp_path / "her.json"
    with api.open_journal(tmp_path / "other.db"):
        film = api.create_film("Her", 2013)
        api.create_review(film.id, headline=headline, body="from the other journal")
        for text in quotes:
            api.create_quote(film.id, text)
        exported.write_text(snapshot_to_json(take_snapshot()), encoding="utf-8")
    return exported


def test_a_json_import_puts_what_it_has_for_a_trashed_film_in_the_trash(journal_location, tmp_path):
    said = ("The past is just a story we tell ourselves.", "I'm yours and I'm not yours.")
    exported = exported_from_another_journal(tmp_path, "Theirs", *said)
    with api.open_journal(journal_location):
        film_id = trashed_her()
        summary = import_files([exported])
        assert summary.count("imported") == 1, summary.outcomes
        assert "1 film in the trash (what came for them is kept there)" in (
            summary.outcomes[0].detail
        )
        assert api.list_films() == []  # not brought back unasked
        assert stored(film_id) == (["Mine", "Theirs"], list(said))
        import_files([exported])  # again: nothing more
        assert stored(film_id) == (["Mine", "Theirs"], list(said))
        api.restore("film", film_id)
        assert [r.headline for r in api.list_reviews(film_id)] == ["Mine", "Theirs"]


def test_copy_merge_into_a_journal_with_the_film_in_its_trash(tmp_path):
    source, destination = tmp_path / "source.db", tmp_path / "destination.db"
    with api.open_journal(source):
        film = api.create_film("Her", 2013)
        api.create_review(film.id, headline="Theirs")
        api.create_film("Lost in Translation", 2003)
    with api.open_journal(destination):
        film_id = trashed_her()
    detail = copy_journal(source, destination, merge=True)
    assert detail.startswith("1 film, 1 review,") and "1 film in the trash" in detail
    with api.open_journal(destination):
        assert [f.title for f in api.list_films()] == ["Lost in Translation"]
        assert stored(film_id)[0] == ["Mine", "Theirs"]


def test_a_markdown_review_of_a_trashed_film_waits_in_the_trash(journal_location, tmp_path):
    path = tmp_path / "her.md"
    with api.open_journal(tmp_path / "other.db"):
        film = api.create_film("Her", 2013)
        review = api.create_review(film.id, headline="Written elsewhere")
        path.write_text(review_to_markdown(api.load_review(review.id)), encoding="utf-8")
    with api.open_journal(journal_location):
        film_id = trashed_her()
        [outcome] = import_files([path]).outcomes
        assert (outcome.status, outcome.detail) == ("imported", "Her (2013), in the trash")
        assert stored(film_id)[0] == ["Mine", "Written elsewhere"] and api.list_films() == []
        [again] = import_files([path]).outcomes
        assert again.status == "skipped"
        assert stored(film_id)[0] == ["Mine", "Written elsewhere"]


def test_reimporting_letterboxd_after_deleting_a_film_leaves_it_deleted(journal):
    import_letterboxd(E2E)
    gone = api.list_films()[0]
    reviews = len(api.list_reviews(gone.id))
    api.delete_film(gone.id)
    summary = import_letterboxd(E2E)
    assert summary.count("films", "imported") == 0
    assert summary.reasons["films: in the trash (what comes for it is kept there)"] >= 1
    assert gone.id not in {film.id for film in api.list_films()}
    assert len(stored(gone.id)[0]) == reviews  # nothing doubled in the trash either
    assert import_letterboxd(E2E).count("reviews", "imported") == 0


def test_a_film_of_the_same_title_but_another_year_is_added_as_before(journal_location, tmp_path):
    exported = tmp_path / "her.json"
    with api.open_journal(tmp_path / "other.db"):
        api.create_film("Her", 2014)
        exported.write_text(snapshot_to_json(take_snapshot()), encoding="utf-8")
    with api.open_journal(journal_location):
        trashed_her()
        import_files([exported])
        assert [(f.title, f.year) for f in api.list_films()] == [("Her", 2014)]


def test_reimporting_letterboxd_after_deleting_a_viewing_leaves_it_deleted(journal):
    import_letterboxd(E2E)
    film = next(f for f in api.list_films() if api.list_reviews(f.id))
    [viewing, *_] = api.list_reviews(film.id)
    api.delete_review(viewing.id)
    summary = import_letterboxd(E2E)
    assert summary.count("reviews", "imported") == 0
    assert summary.reasons["reviews: in the trash (left there)"] == 1
    assert viewing.id not in {r.id for r in api.list_reviews(film.id)}
    assert [item.id for item in api.list_trash()] == [viewing.id]


def test_a_film_in_the_sources_trash_leaves_a_live_one_here_alone(tmp_path):
    source, destination = tmp_path / "source.db", tmp_path / "destination.db"
    with api.open_journal(source):
        film = api.create_film("Her", 2013)
        api.create_review(film.id, headline="Deleted there")
        api.delete_film(film.id)
    with api.open_journal(destination):
        mine = api.create_film("Her", 2013)
        api.create_review(mine.id, headline="Mine")
    copy_journal(source, destination, merge=True)
    with api.open_journal(destination):
        assert [f.id for f in api.list_films()] == [mine.id]
        assert stored(mine.id)[0] == ["Mine"] and api.list_trash() == []
