"""Loading a review with everything shown around it, in a fixed number of queries."""

from __future__ import annotations

from filmjournal.journal import comments, films, quotes, reviews
from filmjournal.journal.errors import NotFoundError
from filmjournal.journal.models import Comment, Film, Quote, Review
from filmjournal.journal.records import ReviewDetail


def load_review(review_id: int) -> ReviewDetail:
    """A review with its film, the quotes collected for it and its whole comment tree.

    Four queries whatever the size of the thread: review with film, tags, quotes, comments.
    """
    row = (
        Review.select(Review, Film)
        .join(Film)
        .where((Review.id == review_id) & Review.deleted_at.is_null() & Film.deleted_at.is_null())
        .first()
    )
    if row is None:
        raise NotFoundError("review", review_id)
    tags = reviews.tags_of([review_id])[review_id]
    quote_rows = (
        Quote.select()
        .where((Quote.review == review_id) & Quote.deleted_at.is_null())
        .order_by(Quote.sort_order, Quote.id)
    )
    comment_rows = (
        Comment.select().where(Comment.review == review_id).order_by(Comment.created_at, Comment.id)
    )
    return ReviewDetail(
        film=films.as_record(row.film),
        review=reviews.as_record(row, tags),
        quotes=[quotes.as_record(quote) for quote in quote_rows],
        comments=comments.build_tree(list(comment_rows)),
    )
