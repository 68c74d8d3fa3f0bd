"""The trash: deleted films, reviews, quotes and comments wait here until it is emptied."""

from __future__ import annotations

from collections.abc import Callable

from filmjournal.journal import search
from filmjournal.journal.engine import execute
from filmjournal.journal.errors import NotFoundError
from filmjournal.journal.models import (
    CommentModel,
    FilmModel,
    ItemModel,
    QuoteModel,
    ReviewModel,
    db,
    parse_utc,
)
from filmjournal.journal.reading import named_rows
from filmjournal.journal.records import TrashItem, film_label
from filmjournal.journal.reviews import drop_unused_tags

_MODELS: dict[str, type[ItemModel]] = {
    "film": FilmModel,
    "review": ReviewModel,
    "quote": QuoteModel,
    "comment": CommentModel,
}
_LABEL_LENGTH = 70
_COMMENT_CHAIN = """WITH RECURSIVE chain(id, parent_id) AS (
    SELECT id, parent_id FROM comment WHERE id = ?
    UNION ALL SELECT c.id, c.parent_id FROM comment c JOIN chain ON c.id = chain.parent_id)
    SELECT id FROM chain"""


def _short(text: str) -> str:
    """One line of at most ``_LABEL_LENGTH`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= _LABEL_LENGTH else line[: _LABEL_LENGTH - 1] + "…"


def _film_label(row: dict[str, object]) -> str:
    return film_label(str(row["title"]), row["year"])  # type: ignore[arg-type]


def _review_label(row: dict[str, object]) -> str:
    headline = f": {row['headline']}" if row["headline"] else ""
    when = f", watched {row['watched_on']}" if row["watched_on"] else ""
    return _short(f"Review of {_film_label(row)}{when}{headline}")


def _quote_label(row: dict[str, object]) -> str:
    speaker = f" — {row['speaker']}" if row["speaker"] else ""
    return f"“{_short(str(row['text']))}”{speaker} ({_film_label(row)})"


def _comment_label(row: dict[str, object]) -> str:
    author = row["author"] or "someone"
    return _short(f"Comment by {author} on {_film_label(row)}: {row['body']}")


_TRASHED: dict[str, tuple[str, Callable[[dict[str, object]], str]]] = {
    "film": (
        "SELECT id, deleted_at, title, year FROM film WHERE deleted_at IS NOT NULL",
        _film_label,
    ),
    "review": (
        """SELECT r.id, r.deleted_at, r.headline, r.watched_on, f.title, f.year
        FROM review r JOIN film f ON f.id = r.film_id WHERE r.deleted_at IS NOT NULL""",
        _review_label,
    ),
    "quote": (
        """SELECT q.id, q.deleted_at, q.text, q.speaker, f.title, f.year
        FROM quote q JOIN film f ON f.id = q.film_id WHERE q.deleted_at IS NOT NULL""",
        _quote_label,
    ),
    "comment": (
        """SELECT c.id, c.deleted_at, c.author, c.body, f.title, f.year FROM comment c
        JOIN review r ON r.id = c.review_id JOIN film f ON f.id = r.film_id
        WHERE c.deleted_at IS NOT NULL""",
        _comment_label,
    ),
}
"""Per kind: the query of its rows with what their label needs, and the label."""


def list_trash() -> list[TrashItem]:
    """Everything deleted, most recently deleted first."""
    items = [
        TrashItem(
            kind=kind, id=row["id"], label=label(row), deleted_at=parse_utc(row["deleted_at"])
        )
        for kind, (sql, label) in _TRASHED.items()
        for row in named_rows(sql)
    ]
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
        row = model.get_or_none(model._meta.fields["id"] == item_id)
        if row is None:
            raise NotFoundError(kind, item_id)
        film_id = _untrash_with_ancestors(row)
        search.reindex_film_tree(film_id)


def empty_trash() -> int:
    """Delete for good everything in the trash; returns how many items went."""
    with db.atomic():
        removed = sum(
            model.delete().where(model.deleted_at.is_null(False)).execute()
            for model in (CommentModel, QuoteModel, ReviewModel, FilmModel)
        )
        drop_unused_tags()
    return removed


def _untrash_with_ancestors(row: ItemModel) -> int:
    """Clear ``deleted_at`` on the row and its trashed ancestors; return its film id."""
    if isinstance(row, CommentModel):
        chain = [row_id for (row_id,) in execute(_COMMENT_CHAIN, (row.id,))]
        CommentModel.update(deleted_at=None).where(CommentModel.id.in_(chain)).execute()
        row = ReviewModel.get_by_id(row.review_id)
    model = type(row)
    model.update(deleted_at=None).where(model._meta.fields["id"] == row.id).execute()
    film_id = row.film_id if isinstance(row, ReviewModel | QuoteModel) else row.id
    FilmModel.update(deleted_at=None).where(FilmModel.id == film_id).execute()
    return film_id
