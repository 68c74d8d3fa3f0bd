"""Quotes (order, positions, favourites) and comment threads (nesting, replies, deletion)."""

from __future__ import annotations

import pytest

from filmjournal.journal import api
from filmjournal.journal.validation import format_film_time


def test_quote_keeps_its_fields(her):
    quote = api.create_quote(
        her.id,
        "  Sometimes I think I have felt everything I'm ever gonna feel.  ",
        speaker="Theodore",
        is_favourite=True,
        note="I have been feeling like this myself lately.",
        film_time="1:23:45",
    )
    assert quote.text == "Sometimes I think I have felt everything I'm ever gonna feel."
    assert (quote.speaker, quote.is_favourite, quote.film_time) == ("Theodore", True, 5025)
    assert api.get_quote(quote.id) == quote


@pytest.mark.parametrize(
    ("text", "seconds"), [("1:23:45", 5025), ("83:45", 5025), ("45", 45), (90, 90)]
)
def test_film_time_formats(her, text, seconds):
    assert api.create_quote(her.id, "q", film_time=text).film_time == seconds


@pytest.mark.parametrize("text", ["1:75:00", "abc", "1:2:3:4", "-5"])
def test_bad_film_time_is_refused(her, text):
    with pytest.raises(api.ValidationError, match="position must look like 1:23:45"):
        api.create_quote(her.id, "q", film_time=text)


def test_format_film_time():
    assert (format_film_time(5025), format_film_time(45), format_film_time(None)) == (
        "1:23:45",
        "0:45",
        "",
    )


def test_empty_quote_is_refused(her):
    with pytest.raises(api.ValidationError, match="quote must not be empty"):
        api.create_quote(her.id, "   ")


def test_quote_review_must_belong_to_the_film(her):
    other = api.create_film("Lost in Translation", 2003)
    review = api.create_review(other.id)
    with pytest.raises(api.ValidationError, match=r"review \d+ is a review of another film"):
        api.create_quote(her.id, "q", review_id=review.id)


def test_quotes_keep_manual_order_and_move(her):
    first, second, third = (api.create_quote(her.id, text) for text in ("one", "two", "three"))
    api.move_quote(third.id, -1)
    assert [q.text for q in api.list_quotes(her.id)] == ["one", "three", "two"]
    api.move_quote(first.id, +5)
    assert [q.text for q in api.list_quotes(her.id)] == ["three", "two", "one"]
    api.move_quote(first.id, -10)
    assert [q.text for q in api.list_quotes(her.id)] == ["one", "three", "two"]
    assert second.id in {q.id for q in api.list_quotes(her.id)}


def test_toggle_favourite(her):
    quote = api.create_quote(her.id, "q")
    assert api.update_quote(quote.id, is_favourite=True).is_favourite is True


def test_deleting_a_review_keeps_its_quotes_with_the_film(her):
    review = api.create_review(her.id)
    quote = api.create_quote(her.id, "q", review_id=review.id)
    api.delete_review(review.id)
    assert [q.id for q in api.list_quotes(her.id)] == [quote.id]


def test_replies_nest_to_any_depth(her):
    review = api.create_review(her.id)
    parent = api.add_comment(review.id, "root", author="a")
    for depth in range(10):
        parent = api.add_comment(review.id, f"reply {depth}", parent_id=parent.id)
    node = api.comment_tree(review.id)[0]
    depth = 0
    while node.replies:
        node, depth = node.replies[0], depth + 1
    assert (depth, node.body) == (10, "reply 9")


def test_reply_to_a_comment_of_another_review_is_refused(her):
    first, second = api.create_review(her.id), api.create_review(her.id)
    comment = api.add_comment(first.id, "hello")
    with pytest.raises(api.ValidationError, match="belongs to another review"):
        api.add_comment(second.id, "reply", parent_id=comment.id)


def test_empty_comment_is_refused(her):
    review = api.create_review(her.id)
    with pytest.raises(api.ValidationError, match="comment must not be empty"):
        api.add_comment(review.id, " \n ")


def test_deleting_a_comment_hides_its_replies(her):
    review = api.create_review(her.id)
    root = api.add_comment(review.id, "root")
    reply = api.add_comment(review.id, "reply", parent_id=root.id)
    other = api.add_comment(review.id, "other")
    api.delete_comment(root.id)
    assert [c.id for c in api.comment_tree(review.id)] == [other.id]
    assert api.counts().comments == 1
    with pytest.raises(api.NotFoundError):
        api.get_comment(reply.id)


def test_edit_comment(her):
    api.sign_as("me")
    review = api.create_review(her.id)
    comment = api.add_comment(review.id, "typo", author="me")
    assert api.update_comment(comment.id, body="fixed").body == "fixed"
    assert api.comment_tree(review.id)[0].body == "fixed"
