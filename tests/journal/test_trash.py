"""The trash: deleted items are listed, restored with what they need, and emptied for good."""

from __future__ import annotations

import pytest

from filmjournal.journal import api
from filmjournal.journal.models import CommentModel, FilmModel, QuoteModel, ReviewModel


def test_deleted_items_are_listed_newest_first(her):
    api.sign_as("reader")
    review = api.create_review(her.id, headline="Broke me", watched_on="2014-05-02")
    quote = api.create_quote(her.id, "The past is just a story", speaker="Samantha")
    comment = api.add_comment(review.id, "Lovely", author="reader")
    api.delete_comment(comment.id)
    api.delete_quote(quote.id)
    api.delete_review(review.id)
    api.delete_film(her.id)
    items = api.list_trash()
    assert [(item.kind, item.id) for item in items] == [
        ("film", her.id),
        ("review", review.id),
        ("quote", quote.id),
        ("comment", comment.id),
    ]
    labels = [item.label for item in items]
    assert labels[0] == "Her (2013)"
    assert labels[1] == "Review of Her (2013), watched 2014-05-02: Broke me"
    assert labels[2] == "“The past is just a story” — Samantha (Her (2013))"
    assert labels[3] == "Comment by reader on Her (2013): Lovely"


def test_restoring_a_review_restores_its_film(her):
    review = api.create_review(her.id)
    api.delete_review(review.id)
    api.delete_film(her.id)
    api.restore("review", review.id)
    assert api.get_film(her.id).id == her.id
    assert api.get_review(review.id).id == review.id
    assert api.list_trash() == []


def test_restoring_a_reply_restores_the_comments_above_it(her):
    review = api.create_review(her.id)
    root = api.add_comment(review.id, "root")
    reply = api.add_comment(review.id, "reply", parent_id=root.id)
    api.delete_comment(reply.id)
    api.delete_comment(root.id)
    api.restore("comment", reply.id)
    assert api.comment_tree(review.id)[0].replies[0].id == reply.id


def test_restore_of_unknown_item_is_an_error(journal):
    with pytest.raises(api.NotFoundError):
        api.restore("film", 42)
    with pytest.raises(api.NotFoundError):
        api.restore("planet", 1)


def test_nothing_leaves_the_file_until_the_trash_is_emptied(her):
    review = api.create_review(her.id, tags=["gone"])
    api.create_quote(her.id, "q", review_id=review.id)
    api.add_comment(review.id, "c")
    keep = api.create_film("Amélie", 2001)
    api.delete_film(her.id)
    assert FilmModel.select().count() == 2
    assert ReviewModel.select().count() == 1
    assert api.empty_trash() == 1
    assert [film.id for film in FilmModel.select()] == [keep.id]
    assert (
        ReviewModel.select().count(),
        QuoteModel.select().count(),
        CommentModel.select().count(),
    ) == (0, 0, 0)
    assert api.list_tags() == []
    assert api.list_trash() == []


def test_counts_exclude_the_trash(her):
    review = api.create_review(her.id, tags=["t"])
    api.create_quote(her.id, "q")
    api.add_comment(review.id, "c")
    assert tuple(api.counts()) == (1, 1, 1, 1, 1, 0, 0)
    api.delete_film(her.id)
    assert tuple(api.counts()) == (0, 0, 0, 0, 0, 0, 0)
