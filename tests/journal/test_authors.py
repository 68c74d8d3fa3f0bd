"""Signed writing: who wrote each review, quote and comment, and who may change it."""

from __future__ import annotations

import pytest

from filmjournal.journal import api
from filmjournal.journal.signing import NotYoursError, login_name


def test_writing_is_signed_with_the_name_given_else_the_login_name(her):
    mine = api.create_review(her.id, headline="Mine")
    assert mine.author == login_name()
    api.sign_as("  Ann   Lee ")
    review = api.create_review(her.id, headline="Tears")
    quote = api.create_quote(her.id, "The past is just a story", review_id=review.id)
    comment = api.add_comment(review.id, "So true")
    assert (review.author, quote.author, comment.author) == ("Ann Lee", "Ann Lee", "Ann Lee")
    assert api.add_comment(review.id, "Signed otherwise", author="Guest").author == "Guest"
    assert api.get_review(review.id).author == "Ann Lee"


def test_members_change_only_what_they_wrote_on_a_shared_journal(her, engine):
    api.sign_as("Ann")
    review = api.create_review(her.id, headline="Ann's")
    quote = api.create_quote(her.id, "A line", review_id=review.id)
    comment = api.add_comment(review.id, "Ann's comment")
    api.sign_as("Ben")
    reply = api.add_comment(review.id, "Ben answers", parent_id=comment.id)  # anyone replies
    assert api.load_review(review.id).comments[0].replies[0].author == "Ben"
    changes = (
        lambda: api.update_review(review.id, body="Ben was here"),
        lambda: api.delete_review(review.id),
        lambda: api.update_quote(quote.id, note="Ben's note"),
        lambda: api.update_comment(comment.id, body="Ben was here"),
        lambda: api.delete_comment(comment.id),
    )
    if engine == "sqlite":  # a journal file is one person's: anything may be changed
        assert api.anyone_edits()
        with pytest.raises(api.JournalError, match="is a journal file, kept by one person"):
            api.set_anyone_edits(False)
        changes[0]()
        assert api.get_review(review.id).body == "Ben was here"
        return
    for change in changes:
        with pytest.raises(NotYoursError, match=r"was written by Ann: only Ann can change it"):
            change()
    assert api.get_review(review.id).body == ""
    api.update_comment(reply.id, body="Ben edits his own")  # his own, he may
    api.set_anyone_edits(True)
    assert api.anyone_edits()
    api.update_review(review.id, body="Ben was here")
    assert api.get_review(review.id).body == "Ben was here"
    api.set_anyone_edits(False)
    api.sign_as("Ann")
    api.update_review(review.id, body="Ann again")  # the author always may


def test_unsigned_writing_from_before_sharing_is_anyones(her, journal, engine):
    review = api.create_review(her.id, headline="Old", author="")
    api.sign_as("Ben")
    assert api.update_review(review.id, body="fine").body == "fine"
