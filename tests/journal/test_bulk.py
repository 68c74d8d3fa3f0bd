"""The bulk writer imports go through: queued rows and changes land as if written one by one."""

from __future__ import annotations

from datetime import date

from filmjournal.journal import api, bulk
from filmjournal.journal.bulk import bulk_writing, check_film, check_review
from filmjournal.journal.models import db


def test_queued_rows_keep_their_ids_order_and_the_films_summaries(journal, monkeypatch):
    monkeypatch.setattr(bulk, "QUEUED_ROWS", 7)  # many batches, split anywhere
    existing = api.create_film("Already There", 1999)
    ids = []
    with bulk_writing() as writer:
        for number in range(30):
            film_id = writer.add_film(check_film({"title": f"Film {number}", "year": 2000}))
            day = date(2024, 1, 1 + number % 28)
            values = {"watched_on": day, "rating": 3.5, "body": f"Review {number}"}
            review = check_review(values, comments=[({"body": "first"}, [({"body": "reply"}, [])])])
            writer.add_review(film_id, review)
            writer.update_film(film_id, {"is_liked": number % 2 == 0})
            ids.append(film_id)
        writer.add_review(existing.id, check_review({"body": "late", "tags": ["kept"]}))
        writer.flush()
        writer.update_film(ids[-1], {"is_liked": True})  # queued alone
        liked = set(ids[::2]) | {ids[-1]}
        assert writer.liked_films() == liked  # a read sees everything queued before it
    assert ids == list(range(existing.id + 1, existing.id + 31))
    rows = db.execute_sql(
        "SELECT id, review_count, last_watched, latest_rating, is_liked FROM film ORDER BY id"
    ).fetchall()
    assert rows[0] == (existing.id, 1, None, None, 0)
    for (film_id, count, last, rating, is_liked), number in zip(rows[1:], range(30), strict=True):
        day = date(2024, 1, 1 + number % 28).isoformat()
        assert (film_id, count, last, rating) == (ids[number], 1, day, 3.5)
        assert is_liked == (film_id in liked)
    replies = db.execute_sql(
        "SELECT count(*) FROM comment c JOIN comment p ON p.id = c.parent_id"
        " WHERE c.review_id = p.review_id"
    ).fetchone()[0]
    assert replies == 30
    assert api.counts().tags == 1
    assert [hit.film_id for hit in api.search("late")] == [existing.id]


def test_retagging_keeps_new_tags_and_forgets_dropped_ones(journal):
    film = api.create_film("Her", 2013)
    first = api.create_review(film.id, body="One", tags=["old"])
    with bulk_writing() as writer:
        writer.update_review(first.id, {"tags": ["solo"]})  # "solo" is new, "old" now unused
        later = writer.add_review(film.id, check_review({"body": "Two", "tags": ["old"]}))
    assert list(api.get_review(first.id).tags) == ["solo"]
    assert list(api.get_review(later).tags) == ["old"]
    assert sorted(name for (name,) in db.execute_sql("SELECT name FROM tag")) == ["old", "solo"]
