"""Reviews: fields, validation messages, tags, ordering and loading with everything around them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from filmjournal.journal import api
from tests.helpers import counted_queries

BODY = "Line one\r\n\twith a tab   \n---\n# Quotes\n> not a quote\nkey: value\n- item\n😢 مرحبا “curly”\n"


def test_create_review_keeps_every_field(her):
    review = api.create_review(
        her.id,
        headline="Broke me",
        body=BODY,
        watched_on="2014-05-02",
        where_watched="Netflix",
        rating="4.5",
        is_rewatch=True,
        is_liked=True,
        has_spoilers=True,
        tags=["love", "netflix"],
        letterboxd_uri="https://boxd.it/7CRL0r",
    )
    assert review == api.get_review(review.id)
    assert review.body == BODY
    assert (review.watched_on, review.rating, review.tags) == (
        date(2014, 5, 2),
        4.5,
        ("love", "netflix"),
    )
    assert (review.is_rewatch, review.is_liked, review.has_spoilers) == (True, True, True)


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        (7, "rating must be between 0.5 and 5 in half steps, got 7"),
        (0, "rating must be between 0.5 and 5 in half steps, got 0"),
        (4.25, "rating must be between 0.5 and 5 in half steps, got 4.25"),
        ("great", "rating must be between 0.5 and 5 in half steps, got 'great'"),
        (True, "rating must be between 0.5 and 5 in half steps, got True"),
    ],
)
def test_bad_ratings_are_refused_with_a_clear_message(her, rating, message):
    with pytest.raises(api.ValidationError) as raised:
        api.create_review(her.id, rating=rating)
    assert str(raised.value) == message
    assert raised.value.field == "rating"
    assert api.list_reviews(her.id) == []


@pytest.mark.parametrize("rating", [0.5, 1, "2.5", 5])
def test_half_step_ratings_are_accepted(her, rating):
    assert api.create_review(her.id, rating=rating).rating == float(rating)


def test_watched_date_words(her):
    today = date.today()
    assert api.create_review(her.id, watched_on="today").watched_on == today
    assert api.create_review(her.id, watched_on="Yesterday").watched_on == today - timedelta(days=1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2014-13-01", "watched date must be a date like 2014-05-02, today or yesterday"),
        ("next week", "watched date must be a date like 2014-05-02"),
        ((date.today() + timedelta(days=30)).isoformat(), "watched date cannot be in the future"),
        ("1850-01-01", "watched date must be in 1870 or later"),
    ],
)
def test_bad_watched_dates_are_refused(her, value, message):
    with pytest.raises(api.ValidationError, match=message):
        api.create_review(her.id, watched_on=value)


def test_flags_must_be_booleans(her):
    with pytest.raises(api.ValidationError, match="liked must be yes or no, got 'yes'"):
        api.create_review(her.id, is_liked="yes")


def test_headline_is_one_line(her):
    with pytest.raises(api.ValidationError, match="headline must be a single line"):
        api.create_review(her.id, headline="a\nb")


def test_review_of_missing_film_is_refused(journal):
    with pytest.raises(api.NotFoundError, match="no film with id 99"):
        api.create_review(99, headline="x")


def test_tags_are_shared_case_insensitively_and_deduplicated(her):
    first = api.create_review(her.id, tags=["Netflix", "love", "NETFLIX"])
    second = api.create_review(her.id, tags=["netflix"])
    assert first.tags == ("love", "Netflix")
    assert second.tags == ("Netflix",)
    assert api.list_tags() == [("Netflix", 2), ("love", 1)]


def test_tags_are_validated(her):
    with pytest.raises(api.ValidationError, match="tags must not contain a comma"):
        api.create_review(her.id, tags=["a,b"])
    with pytest.raises(api.ValidationError, match="tags must be a list of names"):
        api.create_review(her.id, tags="love")


def test_update_replaces_tags_and_drops_unused(her):
    review = api.create_review(her.id, tags=["old"])
    updated = api.update_review(review.id, tags=["new"], headline="Changed")
    assert updated.tags == ("new",)
    assert api.list_tags() == [("new", 1)]
    assert api.counts().tags == 1


def test_update_without_tags_keeps_them(her):
    review = api.create_review(her.id, tags=["kept"])
    assert api.update_review(review.id, body="more").tags == ("kept",)


def test_failed_update_changes_nothing(her):
    review = api.create_review(her.id, headline="Before", rating=3)
    with pytest.raises(api.ValidationError):
        api.update_review(review.id, headline="After", rating=11)
    assert api.get_review(review.id).headline == "Before"


def test_reviews_are_listed_latest_viewing_first(her):
    old = api.create_review(her.id, watched_on="2014-05-02")
    undated = api.create_review(her.id)
    new = api.create_review(her.id, watched_on="2020-01-01")
    assert [review.id for review in api.list_reviews(her.id)] == [new.id, old.id, undated.id]
    assert api.latest_review(her.id).id == new.id


def test_load_review_brings_quotes_and_the_comment_tree(her):
    review = api.create_review(her.id, headline="Broke me", tags=["love"])
    api.create_quote(her.id, "Not collected for this review")
    quote = api.create_quote(her.id, "The past is just a story", review_id=review.id)
    root = api.add_comment(review.id, "Loneliness is universal", author="reader")
    reply = api.add_comment(review.id, "Thank you", author="me", parent_id=root.id)
    deeper = api.add_comment(review.id, "Agreed", author="sam", parent_id=reply.id)
    detail = api.load_review(review.id)
    assert detail.film.title == "Her"
    assert detail.review.tags == ("love",)
    assert [q.id for q in detail.quotes] == [quote.id]
    assert detail.comments[0].id == root.id
    assert detail.comments[0].replies[0].id == reply.id
    assert detail.comments[0].replies[0].replies[0].id == deeper.id


def test_load_review_runs_the_same_few_queries_for_any_thread(her):
    review = api.create_review(her.id, headline="x")
    parent = None
    for index in range(40):
        parent = api.add_comment(
            review.id, f"comment {index}", parent_id=parent.id if parent else None
        )
        api.create_quote(her.id, f"quote {index}", review_id=review.id)
    with counted_queries() as statements:
        api.load_review(review.id)
    assert len(statements) == 4


def test_deleted_review_is_hidden(her):
    review = api.create_review(her.id)
    api.delete_review(review.id)
    assert api.list_reviews(her.id) == []
    with pytest.raises(api.NotFoundError):
        api.load_review(review.id)


def written_by_another_client(location: object, review_id: int, body: str) -> None:
    """Another program changes a review's body (a second client of the journal)."""
    script = "import sys; from filmjournal.journal import api; api.open_journal(sys.argv[1]); "
    script += "api.update_review(int(sys.argv[2]), body=sys.argv[3])"
    command = [sys.executable, "-c", script, str(location), str(review_id), body]
    subprocess.run(command, check=True, timeout=60)


def test_an_edit_saved_over_another_clients_keeps_both_texts(her, journal_location):
    review = api.create_review(her.id, headline="Mine", body="first", tags=["love"])
    written_by_another_client(journal_location, review.id, "their words")
    saved = api.save_edit(review.id, review.updated_at, body="my words")
    assert saved.review.body == "my words"
    copy = saved.conflict_copy
    assert copy is not None and copy.id != review.id
    assert (copy.headline, copy.body, copy.tags) == (
        "Mine (conflict copy)",
        "their words",
        ("love",),
    )
    assert sorted(r.body for r in api.list_reviews(her.id)) == ["my words", "their words"]
    again = api.save_edit(review.id, saved.review.updated_at, body="more of mine")
    assert again.conflict_copy is None and len(api.list_reviews(her.id)) == 2
