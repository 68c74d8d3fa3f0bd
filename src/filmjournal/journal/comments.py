"""Comment threads under reviews: replies nest to any depth."""

from __future__ import annotations

from datetime import datetime

from filmjournal.journal import search
from filmjournal.journal.errors import NotFoundError, ValidationError
from filmjournal.journal.models import Comment, db, utc_now
from filmjournal.journal.records import Comment as CommentRecord
from filmjournal.journal.reviews import live_review
from filmjournal.journal.validation import (
    TIMESTAMP_CLEANERS,
    clean_fields,
    clean_line,
    clean_text,
)

_CLEANERS = {
    "created_at": TIMESTAMP_CLEANERS["created_at"],
    "author": lambda value: clean_line("author", value),
    "body": lambda value: clean_text("comment", value, required=True).strip(),
}


def add_comment(
    review_id: int,
    body: str,
    *,
    author: str = "",
    parent_id: int | None = None,
    created_at: datetime | None = None,
) -> CommentRecord:
    """Add a comment under a review, or a reply under one of its comments."""
    fields = {"body": body, "author": author}
    if created_at is not None:
        fields["created_at"] = created_at
    values = clean_fields("comment", _CLEANERS, fields)
    with db.atomic():
        live_review(review_id)
        if parent_id is not None and live_comment(parent_id).review_id != review_id:
            raise ValidationError("reply", f"comment {parent_id} belongs to another review")
        comment = Comment.create(review=review_id, parent=parent_id, **values)
        search.reindex("comment", [comment.id])
    return as_record(comment)


def update_comment(comment_id: int, **changes: str) -> CommentRecord:
    """Change a comment's author or text."""
    values = clean_fields("comment", _CLEANERS, changes)
    with db.atomic():
        comment = live_comment(comment_id)
        for name, value in values.items():
            setattr(comment, name, value)
        comment.save()
        search.reindex("comment", [comment.id])
    return as_record(comment)


def get_comment(comment_id: int) -> CommentRecord:
    """A visible comment (without its replies)."""
    return as_record(live_comment(comment_id))


def delete_comment(comment_id: int) -> None:
    """Move a comment, and the replies below it, to the trash."""
    with db.atomic():
        comment = live_comment(comment_id)
        comment.deleted_at = utc_now()
        comment.save()
        search.reindex_comment_tree(comment.id)


def comment_tree(review_id: int) -> list[CommentRecord]:
    """A review's visible comments as a tree, oldest first at every level."""
    live_review(review_id)
    query = (
        Comment.select().where(Comment.review == review_id).order_by(Comment.created_at, Comment.id)
    )
    return build_tree(list(query))


def build_tree(rows: list[Comment]) -> list[CommentRecord]:
    """Nest comment rows under their parents, leaving out deleted ones and their replies."""
    records = {row.id: as_record(row) for row in rows if row.deleted_at is None}
    roots: list[CommentRecord] = []
    for row in rows:
        record = records.get(row.id)
        if record is None:
            continue
        if row.parent_id is None:
            roots.append(record)
        elif row.parent_id in records:
            records[row.parent_id].replies.append(record)
    return roots


def live_comment(comment_id: int) -> Comment:
    """The comment row, unless it, a comment above it, its review or its film is in the trash."""
    comment = Comment.get_or_none(Comment.id == comment_id)
    if comment is None or not _is_visible(comment):
        raise NotFoundError("comment", comment_id)
    return comment


def _is_visible(comment: Comment) -> bool:
    """Whether neither the comment, nor any comment above it, nor its review is in the trash."""
    try:
        live_review(comment.review_id)
    except NotFoundError:
        return False
    sql = """WITH RECURSIVE chain(id, parent_id, deleted_at) AS (
        SELECT id, parent_id, deleted_at FROM comment WHERE id = ?
        UNION ALL
        SELECT c.id, c.parent_id, c.deleted_at FROM comment c JOIN chain ON c.id = chain.parent_id)
        SELECT count(*) FROM chain WHERE deleted_at IS NOT NULL"""
    return db.execute_sql(sql, (comment.id,)).fetchone()[0] == 0


def as_record(comment: Comment) -> CommentRecord:
    """The plain record of a comment row (replies are filled in by :func:`build_tree`)."""
    return CommentRecord(
        id=comment.id,
        review_id=comment.review_id,
        parent_id=comment.parent_id,
        author=comment.author,
        body=comment.body,
        created_at=comment.created_at,
        replies=[],
    )
