"""Loading a review with everything shown around it, in a fixed number of queries."""

from __future__ import annotations

from filmjournal.journal import comments, films, quotes, reviews
from filmjournal.journal.errors import NotFoundError
from filmjournal.journal.models import CommentModel, FilmModel, QuoteModel, ReviewModel
from filmjournal.journal.records import ReviewDetail


def load_review(review_id: int) -> ReviewDetail:
    """A review with its film, the quotes collected for it and its whole comment tree.

    Four queries whatever the size of the thread: review with film, tags, quotes, comments.
    """
    row = (
        ReviewModel.select(ReviewModel, FilmModel)
        .join(FilmModel)
        .where(
            (ReviewModel.id == review_id)
            & ReviewModel.deleted_at.is_null()
            & FilmModel.deleted_at.is_null()
        )
        .first()
    )
    if row is None:
        raise NotFoundError("review", review_id)
    tags = reviews.tags_of([review_id])[review_id]
    quote_rows = (
        QuoteModel.select()
        .where((QuoteModel.review == review_id) & QuoteModel.deleted_at.is_null())
        .order_by(QuoteModel.sort_order, QuoteModel.id)
    )
    comment_rows = (
        CommentModel.select()
        .where((CommentModel.review == review_id) & CommentModel.deleted_at.is_null())
        .order_by(CommentModel.created_at, CommentModel.id)
    )
    return ReviewDetail(
        film=films.as_record(row.film),
        review=reviews.as_record(row, tags),
        quotes=[quotes.as_record(quote) for quote in quote_rows],
        comments=comments.build_tree(comments.as_record(comment) for comment in comment_rows),
    )
