"""Reviews (one per viewing) and their tags."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from peewee import JOIN, fn

from filmjournal.journal import search
from filmjournal.journal.engine import execute, on_postgres
from filmjournal.journal.fields import REVIEW_FIELDS
from filmjournal.journal.films import live_film
from filmjournal.journal.items import live_row_of_film, trash_item, update_item
from filmjournal.journal.models import FilmModel, ReviewModel, ReviewTagModel, TagModel, db
from filmjournal.journal.reading import record_of
from filmjournal.journal.records import Review
from filmjournal.journal.signing import signature
from filmjournal.journal.validation import clean_fields, identity_key

_NEWEST_FIRST = (
    ReviewModel.watched_on.desc(nulls="LAST"),
    ReviewModel.created_at.desc(),
    ReviewModel.id.desc(),
)


def create_review(film_id: int, **fields: Any) -> Review:
    """Write up a new viewing of a film."""
    values = clean_fields("review", REVIEW_FIELDS, {"author": signature(), **fields})
    tags = values.pop("tags", [])
    with db.atomic():
        live_film(film_id)
        review = ReviewModel.create(film=film_id, **values)
        _set_tags(review.id, tags)
        search.reindex("review", [review.id])
    return _with_tags(review)


def update_review(review_id: int, **changes: Any) -> Review:
    """Change some fields of a review; ``tags`` replaces the whole tag list."""
    values = clean_fields("review", REVIEW_FIELDS, changes)
    tags = values.pop("tags", None)

    def retag(review: ReviewModel) -> None:
        if tags is not None:
            _set_tags(review.id, tags)

    return _with_tags(update_item("review", live_review, review_id, values, after=retag))


CONFLICT_MARK = " (conflict copy)"
"""Added to the headline of the version an edit was saved over."""


@dataclass(frozen=True)
class SavedEdit:
    """An edit saved: the review as it is now, and the conflict copy made, if one was."""

    review: Review
    conflict_copy: Review | None = None


def save_edit(review_id: int, loaded_at: datetime | None, **changes: Any) -> SavedEdit:
    """Save an edit of a review as it was when written last at ``loaded_at``.

    If someone else (another client, another program) wrote the review since, nothing is
    overwritten silently: their version is kept as a conflict copy (a review of the same film,
    its headline marked) before the edit is saved; the caller tells the writer.
    """
    with db.atomic():
        if on_postgres():  # held until the save commits: a second writer waits, then sees it
            execute("SELECT id FROM review WHERE id = ? FOR UPDATE", (review_id,))
        stored = live_review(review_id)
        copy = None
        if loaded_at is not None and stored.updated_at != loaded_at:
            copy = _conflict_copy(stored)
        return SavedEdit(update_review(review_id, **changes), copy)


def _conflict_copy(stored: ReviewModel) -> Review:
    """A new review of the same film holding the stored version (tags included)."""
    fields = {name: getattr(stored, name) for name in REVIEW_FIELDS if name != "tags"}
    fields["headline"] = (stored.headline or "Untitled") + CONFLICT_MARK
    fields["tags"] = list(tags_of([stored.id])[stored.id])
    fields.pop("letterboxd_uri", None)  # the entry stays with the review it came from
    return create_review(stored.film_id, **fields)


def get_review(review_id: int) -> Review:
    """A review that is not in the trash (nor is its film)."""
    return _with_tags(live_review(review_id))


def list_reviews(film_id: int) -> list[Review]:
    """A film's reviews, the latest viewing first."""
    live_film(film_id)
    reviews = list(
        ReviewModel.select()
        .where((ReviewModel.film == film_id) & ReviewModel.deleted_at.is_null())
        .order_by(*_NEWEST_FIRST)
    )
    tags = tags_of([review.id for review in reviews])
    return [as_record(review, tags[review.id]) for review in reviews]


def latest_review(film_id: int) -> Review | None:
    """A film's latest review, if it has any."""
    reviews = list_reviews(film_id)
    return reviews[0] if reviews else None


def delete_review(review_id: int) -> None:
    """Move a review, with its comments, to the trash (its quotes stay with the film)."""
    trash_item("review", live_review, review_id)


def list_tags() -> list[tuple[str, int]]:
    """Every tag in use with how many visible reviews carry it, most used first."""
    uses = fn.count(ReviewTagModel.review)
    query = (
        TagModel.select(TagModel.name, uses)
        .join(ReviewTagModel)
        .join(ReviewModel)
        .join(FilmModel)
        .where(ReviewModel.deleted_at.is_null() & FilmModel.deleted_at.is_null())
        .group_by(TagModel.id)
        .order_by(uses.desc(), TagModel.name_key)
    )
    return list(cast("Iterable[tuple[str, int]]", query.tuples()))


def tags_of(review_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The tags of each review, in one query."""
    tags: dict[int, list[str]] = {review_id: [] for review_id in review_ids}
    if review_ids:
        query = (
            ReviewTagModel.select(ReviewTagModel.review, TagModel.name)
            .join(TagModel)
            .where(ReviewTagModel.review.in_(review_ids))
            .order_by(TagModel.name_key)
        )
        for review_id, name in cast("Iterable[tuple[int, str]]", query.tuples()):
            tags[review_id].append(name)
    return {review_id: tuple(names) for review_id, names in tags.items()}


def live_review(review_id: int) -> ReviewModel:
    """The review row, unless it or its film is missing or in the trash."""
    return live_row_of_film(ReviewModel, "review", review_id)


def as_record(review: ReviewModel, tags: tuple[str, ...]) -> Review:
    """The plain record of a review row."""
    return record_of(Review, review, tags=tags)


def _with_tags(review: ReviewModel) -> Review:
    """The record of a review row, with its tags read."""
    return as_record(review, tags_of([review.id])[review.id])


def _set_tags(review_id: int, names: list[str]) -> None:
    """Replace a review's tags, reusing tags whatever their case; drop tags no longer used."""
    ReviewTagModel.delete().where(ReviewTagModel.review == review_id).execute()
    for name in names:
        tag, _ = TagModel.get_or_create(name_key=identity_key(name), defaults={"name": name})
        ReviewTagModel.create(review=review_id, tag=tag.id)
    drop_unused_tags()


def drop_unused_tags() -> None:
    """Delete the tags no review carries any more."""
    unused = (
        TagModel.select(TagModel.id)
        .join(ReviewTagModel, JOIN.LEFT_OUTER)
        .where(ReviewTagModel.tag.is_null())
    )
    TagModel.delete().where(TagModel.id.in_(unused)).execute()
