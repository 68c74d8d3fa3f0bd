"""Letterboxd accounts as they are in the wild: twins, ratings, orphans, round trips, comments."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from filmjournal.exchange.letterboxd import export_letterboxd, import_letterboxd
from filmjournal.journal import api
from filmjournal.journal.models import RemoteCommentModel
from tests.exchange.test_letterboxd import E2E

FILMS = "Date,Name,Year,Letterboxd URI\n"
DIARY = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
REVIEWS = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
RATINGS = "Date,Name,Year,Letterboxd URI,Rating\n"


def export(folder: Path, **files: str) -> Path:
    """A small export: each keyword is a file (``orphaned__diary`` is ``orphaned/diary.csv``)."""
    folder.mkdir(parents=True, exist_ok=True)
    files.setdefault("watched", FILMS)
    for name, text in files.items():
        path = folder / (name.replace("__", "/") + ".csv")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def reviews_of(title: str, year: int) -> list[api.Review]:  # type: ignore[name-defined]
    film = api.find_film(title, year)
    assert film is not None
    return api.list_reviews(film.id)


def test_two_letterboxd_films_with_one_title_and_year_stay_two(journal, tmp_path):
    watched = FILMS + (
        "2024-01-01,Lost Country,2023,https://boxd.it/AAAA\n"
        "2024-01-02,Lost Country,2023,https://boxd.it/BBBB\n"
    )
    summary = import_letterboxd(export(tmp_path / "e", watched=watched))
    assert summary.count("films", "imported") == 2
    twins = api.films_titled("Lost Country")
    assert sorted(film.letterboxd_uri for film in twins) == [
        "https://boxd.it/AAAA",
        "https://boxd.it/BBBB",
    ]
    with pytest.raises(api.ValidationError, match="already in the journal"):
        api.create_film("lost country", 2023)
    assert import_letterboxd(tmp_path / "e").count("films", "imported") == 0


def test_a_rating_of_a_film_logged_without_one_is_kept(journal, tmp_path):
    files = export(
        tmp_path / "e",
        diary=DIARY + "2024-02-01,Her,2013,https://boxd.it/d1,,,,2024-01-31\n"
        "2024-03-01,Her,2013,https://boxd.it/d2,,Yes,,2024-02-29\n",
        ratings=RATINGS + "2024-03-01,Her,2013,https://boxd.it/her,4.5\n",
    )
    import_letterboxd(files)
    assert [review.rating for review in reviews_of("Her", 2013)] == [4.5, None]
    again = import_letterboxd(files)
    assert again.count("reviews", "updated") == 0 and again.count("ratings", "imported") == 0


def test_a_film_rated_first_and_logged_later_keeps_one_review(journal, tmp_path):
    rated = RATINGS + "2024-01-05,Paterson,2016,https://boxd.it/pat,3.5\n"
    import_letterboxd(export(tmp_path / "first", ratings=rated))
    [only] = reviews_of("Paterson", 2016)
    assert (only.rating, only.watched_on, only.body) == (3.5, None, "")
    assert only.created_at == datetime(2024, 1, 5, tzinfo=UTC)  # the rating's day, not today
    later = export(
        tmp_path / "later",
        diary=DIARY + "2024-06-01,Paterson,2016,https://boxd.it/p1,4,,,2024-05-31\n",
        reviews=REVIEWS
        + "2024-06-01,Paterson,2016,https://boxd.it/p1,4,,A week of poems,,2024-05-31\n",
        ratings=RATINGS + "2024-06-01,Paterson,2016,https://boxd.it/pat,4\n",
    )
    import_letterboxd(later)
    [review] = reviews_of("Paterson", 2016)
    assert (review.rating, review.watched_on, review.body) == (
        4,
        date(2024, 5, 31),
        "A week of poems",
    )
    assert review.letterboxd_uri == "https://boxd.it/p1"
    again = import_letterboxd(later)
    assert again.count("reviews", "updated") == again.count("reviews", "imported") == 0


def test_orphaned_entries_of_one_day_keep_their_own_texts(journal, tmp_path):
    files = export(
        tmp_path / "e",
        orphaned__diary=DIARY
        + "2024-01-01,Heat,1995,,4,,,2024-01-01\n2024-01-01,Heat,1995,,5,Yes,,2024-01-01\n",
        orphaned__reviews=REVIEWS + "2024-01-01,Heat,1995,,4,,First time: the diner.,,2024-01-01\n"
        "2024-01-01,Heat,1995,,5,Yes,Second time: the shootout.,,2024-01-01\n",
    )
    import_letterboxd(files)
    texts = sorted((review.rating, review.body) for review in reviews_of("Heat", 1995))
    assert texts == [(4, "First time: the diner."), (5, "Second time: the shootout.")]
    for _ in range(2):
        again = import_letterboxd(files)
        assert again.count("reviews", "updated") == again.count("reviews", "imported") == 0


def test_a_review_without_a_diary_entry_gets_no_invented_watched_date(journal, tmp_path):
    files = export(
        tmp_path / "e",
        reviews=REVIEWS + "2020-01-04,Arrival,2016,https://boxd.it/r1,,,Quiet and huge.,,\n",
    )
    import_letterboxd(files)
    [review] = reviews_of("Arrival", 2016)
    assert review.watched_on is None
    assert review.created_at == datetime(2020, 1, 4, tzinfo=UTC)
    [written] = export_letterboxd(tmp_path / "out.csv")
    row = written.read_text(encoding="utf-8").splitlines()[1]
    assert ",,false," in row  # WatchedDate empty, not rewatched


def test_our_export_then_the_original_makes_no_duplicates(tmp_path):
    with api.open_journal(tmp_path / "first.db"):
        import_letterboxd(E2E)
        [csv] = export_letterboxd(tmp_path / "ours.csv")
    with api.open_journal(tmp_path / "second.db"):
        import_letterboxd(csv)
        assert api.counts().reviews == 2
        summary = import_letterboxd(E2E)
        assert summary.count("reviews", "imported") == 0
        assert api.counts().reviews == 2
        [die_hard] = reviews_of("Die Hard", 1988)
        assert die_hard.letterboxd_uri == "https://boxd.it/cdReDP"
        assert import_letterboxd(E2E).count("reviews", "updated") == 0


def test_a_review_changed_here_is_not_overwritten_by_a_reimport(journal, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(E2E, copy)
    import_letterboxd(copy)
    [die_hard] = reviews_of("Die Hard", 1988)
    api.update_review(die_hard.id, body="My longer thoughts, written here.")
    reviews = copy / "reviews.csv"
    reviews.write_text(reviews.read_text(encoding="utf-8").replace("ever", "EVER"), "utf-8")
    summary = import_letterboxd(copy)
    assert reviews_of("Die Hard", 1988)[0].body == "My longer thoughts, written here."
    assert (
        "reviews: changed in filmjournal since it was imported (kept as it is)" in summary.reasons
    )


def test_comments_elsewhere_are_markdown_counted_and_found(journal, tmp_path):
    comments = "Date,Content,Comment\n" + (
        '2024-01-01,https://boxd.it/c1,"I loved <i>Her</i> too.\n- said nobody"\n'
    )
    files = export(tmp_path / "e", comments=comments)
    assert import_letterboxd(files).count("comments", "imported") == 1
    [comment] = RemoteCommentModel.select()
    assert comment.body == "I loved *Her* too.\\\n\\- said nobody"
    assert api.counts().comments_elsewhere == 1
    [hit] = api.search("nobody")
    assert (hit.kind, hit.film_id, hit.title) == ("remote", None, "https://boxd.it/c1")
    assert import_letterboxd(files).count("comments", "skipped") == 1


def test_comments_stored_as_html_by_an_earlier_version_become_markdown(journal, tmp_path):
    html = "I loved <i>Her</i> too."
    RemoteCommentModel.create(url="https://boxd.it/c1", body=html, written_on=date(2024, 1, 1))
    files = export(
        tmp_path / "e", comments=f"Date,Content,Comment\n2024-01-01,https://boxd.it/c1,{html}\n"
    )
    summary = import_letterboxd(files)
    assert summary.count("comments", "updated") == 1
    [comment] = RemoteCommentModel.select()
    assert comment.body == "I loved *Her* too."


def test_a_damaged_file_never_blocks_the_rest(journal, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(E2E, copy)
    (copy / "lists").mkdir()
    for number in range(3):
        (copy / "lists" / f"broken-{number}.csv").write_bytes(b"\x00" * 4096)
    (copy / "deleted" / "comments.csv").write_bytes(b"\x00" * 100)
    (copy / "watchlist.csv").write_bytes(
        b"Date,Name,Year,Letterboxd URI\n2024-01-01,Caf\xe9,2020,x\n"
    )
    summary = import_letterboxd(copy)
    assert summary.problems == [
        "watchlist.csv line 2: not UTF-8 text",
        "lists/broken-0.csv: not a CSV file (only NUL bytes)",
        "lists/broken-1.csv: not a CSV file (only NUL bytes)",
        "lists/broken-2.csv: not a CSV file (only NUL bytes)",
        "deleted/comments.csv: not a CSV file (only NUL bytes)",
    ]
    assert summary.count("reviews", "imported") == 2
