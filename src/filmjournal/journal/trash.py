"""The trash: deleted films, reviews, quotes and comments wait here until it is emptied."""

from __future__ import annotations

from peewee import JOIN, Model

from filmjournal.journal import search
from filmjournal.journal.errors import NotFoundError
from filmjournal.journal.models import Comment, Film, Quote, Review, ReviewTag, Tag, db
from filmjournal.journal.records import TrashItem, film_label

_MODELS: dict[str, type[Model]] = {
    "film": Film,
    "review": Review,
    "quote": Quote,
    "comment": Comment,
}
_LABEL_LENGTH = 70


def list_trash() -> list[TrashItem]:
    """Everything deleted, most recently deleted first."""
    items = [*_trashed_films(), *_trashed_reviews(), *_trashed_quotes(), *_trashed_comments()]
    return sorted(items, key=lambda item: item.deleted_at, reverse=True)


def restore(kind: str, item_id: int) -> None:
    """Take an item out of the trash, with whatever above it is in the trash too.

    Restoring a review also restores its film; restoring a reply also restores the comments it
    answers, so a restored item is always visible again.
    """
    model = _MODELS.get(kind)
    if model is None:
        raise NotFoundError(kind, item_id)
    with db.atomic():
        row = model.get_or_none(model.id == item_id)
        if row is None:
            raise NotFoundError(kind, item_id)
        film_id = _untrash_with_ancestors(kind, row)
        search.reindex_film_tree(film_id)


def empty_trash() -> int:
    """Delete for good everything in the trash; returns how many items went."""
    with db.atomic():
        removed = sum(
            model.delete().where(model.deleted_at.is_null(False)).execute()
            for model in (Comment, Quote, Review, Film)
        )
        unused = Tag.select(Tag.id).join(ReviewTag, JOIN.LEFT_OUTER).where(ReviewTag.tag.is_null())
        Tag.delete().where(Tag.id.in_(unused)).execute()
    return removed


def _untrash_with_ancestors(kind: str, row: Model) -> int:
    """Clear ``deleted_at`` on the row and its trashed ancestors; return its film id."""
    if kind == "comment":
        for comment_id in _comment_chain(row.id):
            Comment.update(deleted_at=None).where(Comment.id == comment_id).execute()
        row = Review.get_by_id(row.review_id)
        kind = "review"
    model = type(row)
    model.update(deleted_at=None).where(model.id == row.id).execute()
    film_id = row.id if kind == "film" else row.film_id
    Film.update(deleted_at=None).where(Film.id == film_id).execute()
    return film_id


def _comment_chain(comment_id: int) -> list[int]:
    """A comment's id and the ids of every comment above it."""
    sql = """WITH RECURSIVE chain(id, parent_id) AS (
        SELECT id, parent_id FROM comment WHERE id = ?
        UNION ALL SELECT c.id, c.parent_id FROM comment c JOIN chain ON c.id = chain.parent_id)
        SELECT id FROM chain"""
    return [row[0] for row in db.execute_sql(sql, (comment_id,))]


def _short(text: str) -> str:
    """One line of at most ``_LABEL_LENGTH`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= _LABEL_LENGTH else line[: _LABEL_LENGTH - 1] + "…"


def _trashed_films() -> list[TrashItem]:
    query = Film.select(Film.id, Film.title, Film.year, Film.deleted_at).where(
        Film.deleted_at.is_null(False)
    )
    return [TrashItem("film", f.id, film_label(f.title, f.year), f.deleted_at) for f in query]


def _trashed_reviews() -> list[TrashItem]:
    query = (
        Review.select(Review.id, Review.headline, Review.watched_on, Review.deleted_at, Film)
        .join(Film)
        .where(Review.deleted_at.is_null(False))
    )
    items = []
    for review in query:
        headline = f": {review.headline}" if review.headline else ""
        when = f", watched {review.watched_on}" if review.watched_on else ""
        label = f"Review of {film_label(review.film.title, review.film.year)}{when}{headline}"
        items.append(TrashItem("review", review.id, _short(label), review.deleted_at))
    return items


def _trashed_quotes() -> list[TrashItem]:
    query = (
        Quote.select(Quote.id, Quote.text, Quote.speaker, Quote.deleted_at, Film)
        .join(Film)
        .where(Quote.deleted_at.is_null(False))
    )
    items = []
    for quote in query:
        speaker = f" — {quote.speaker}" if quote.speaker else ""
        film = film_label(quote.film.title, quote.film.year)
        label = f"“{_short(quote.text)}”{speaker} ({film})"
        items.append(TrashItem("quote", quote.id, label, quote.deleted_at))
    return items


def _trashed_comments() -> list[TrashItem]:
    query = (
        Comment.select(Comment.id, Comment.author, Comment.body, Comment.deleted_at, Review, Film)
        .join(Review)
        .join(Film)
        .where(Comment.deleted_at.is_null(False))
    )
    items = []
    for comment in query:
        author = comment.author or "someone"
        film = film_label(comment.review.film.title, comment.review.film.year)
        label = _short(f"Comment by {author} on {film}: {comment.body}")
        items.append(TrashItem("comment", comment.id, label, comment.deleted_at))
    return items
