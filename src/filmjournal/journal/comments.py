"""Comment threads under reviews: replies nest to any depth."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from filmjournal.journal import search
from filmjournal.journal.engine import execute
from filmjournal.journal.errors import NotFoundError, ValidationError
from filmjournal.journal.fields import COMMENT_FIELDS
from filmjournal.journal.items import trash_item, update_item
from filmjournal.journal.models import CommentModel, db
from filmjournal.journal.reading import record_of
from filmjournal.journal.records import Comment
from filmjournal.journal.reviews import live_review
from filmjournal.journal.signing import signature
from filmjournal.journal.validation import clean_fields

_TRASHED_ABOVE = """WITH RECURSIVE chain(id, parent_id, deleted_at) AS (
    SELECT id, parent_id, deleted_at FROM comment WHERE id = ?
    UNION ALL
    SELECT c.id, c.parent_id, c.deleted_at FROM comment c JOIN chain ON c.id = chain.parent_id)
    SELECT count(*) FROM chain WHERE deleted_at IS NOT NULL"""


def add_comment(
    review_id: int,
    body: str,
    *,
    author: str = "",
    parent_id: int | None = None,
    created_at: datetime | None = None,
) -> Comment:
    """Add a comment under a review, or a reply under one of its comments."""
    fields: dict[str, object] = {"body": body, "author": author or signature()}
    if created_at is not None:
        fields["created_at"] = created_at
    values = clean_fields("comment", COMMENT_FIELDS, fields)
    with db.atomic():
        live_review(review_id)
        if parent_id is not None and live_comment(parent_id).review_id != review_id:
            raise ValidationError("reply", f"comment {parent_id} belongs to another review")
        comment = CommentModel.create(review=review_id, parent=parent_id, **values)
        search.reindex("comment", [comment.id])
    return as_record(comment)


def update_comment(comment_id: int, **changes: str) -> Comment:
    """Change a comment's author or text."""
    values = clean_fields("comment", COMMENT_FIELDS, changes)
    return as_record(update_item("comment", live_comment, comment_id, values))


def get_comment(comment_id: int) -> Comment:
    """A visible comment (without its replies)."""
    return as_record(live_comment(comment_id))


def delete_comment(comment_id: int) -> None:
    """Move a comment, and the replies below it, to the trash."""
    trash_item("comment", live_comment, comment_id)


def comment_tree(review_id: int) -> list[Comment]:
    """A review's visible comments as a tree, oldest first at every level."""
    live_review(review_id)
    query = (
        CommentModel.select()
        .where(CommentModel.review == review_id)
        .order_by(CommentModel.created_at, CommentModel.id)
    )
    return build_tree(as_record(row) for row in query if row.deleted_at is None)


def build_tree(comments: Iterable[Comment]) -> list[Comment]:
    """Nest comments (oldest first) under their parents; replies to missing comments are left out.

    Comments in the trash are not given, so the replies below them are left out too.
    """
    records = {comment.id: comment for comment in comments}
    roots: list[Comment] = []
    for record in records.values():
        if record.parent_id is None:
            roots.append(record)
        elif record.parent_id in records:
            records[record.parent_id].replies.append(record)
    return roots


def live_comment(comment_id: int) -> CommentModel:
    """The comment row, unless it, a comment above it, its review or its film is in the trash."""
    comment = CommentModel.get_or_none(CommentModel.id == comment_id)
    if comment is None or not _is_visible(comment):
        raise NotFoundError("comment", comment_id)
    return comment


def _is_visible(comment: CommentModel) -> bool:
    """Whether neither the comment, nor any comment above it, nor its review is in the trash."""
    try:
        live_review(comment.review_id)
    except NotFoundError:
        return False
    return execute(_TRASHED_ABOVE, (comment.id,)).fetchone()[0] == 0


def as_record(comment: CommentModel) -> Comment:
    """The plain record of a comment row (replies are filled in by :func:`build_tree`)."""
    return record_of(Comment, comment, replies=[])
