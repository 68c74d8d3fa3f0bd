"""Reviews (one per viewing) and their tags."""

from __future__ import annotations

from typing import Any

from peewee import JOIN, fn

from filmjournal.journal import search
from filmjournal.journal.films import live_film, live_row_of_film
from filmjournal.journal.models import Film, Review, ReviewTag, Tag, db, utc_now
from filmjournal.journal.records import Review as ReviewRecord
from filmjournal.journal.validation import (
    TIMESTAMP_CLEANERS,
    clean_fields,
    clean_flag,
    clean_line,
    clean_rating,
    clean_tags,
    clean_text,
    clean_uri,
    clean_watched_on,
    identity_key,
)

_CLEANERS = {
    **TIMESTAMP_CLEANERS,
    "headline": lambda value: clean_line("headline", value),
    "body": lambda value: clean_text("body", value),
    "watched_on": clean_watched_on,
    "where_watched": lambda value: clean_line("where watched", value),
    "rating": clean_rating,
    "is_rewatch": lambda value: clean_flag("rewatch", value),
    "is_liked": lambda value: clean_flag("liked", value),
    "has_spoilers": lambda value: clean_flag("spoilers", value),
    "tags": clean_tags,
    "letterboxd_uri": lambda value: clean_uri("Letterboxd URI", value),
}

_NEWEST_FIRST = (
    Review.watched_on.desc(nulls="LAST"),
    Review.created_at.desc(),
    Review.id.desc(),
)


def create_review(film_id: int, **fields: Any) -> ReviewRecord:
    """Write up a new viewing of a film."""
    values = clean_fields("review", _CLEANERS, fields)
    tags = values.pop("tags", [])
    with db.atomic():
        live_film(film_id)
        review = Review.create(film=film_id, **values)
        _set_tags(review.id, tags)
        search.reindex("review", [review.id])
    return as_record(review, tags_of([review.id])[review.id])


def update_review(review_id: int, **changes: Any) -> ReviewRecord:
    """Change some fields of a review; ``tags`` replaces the whole tag list."""
    values = clean_fields("review", _CLEANERS, changes)
    tags = values.pop("tags", None)
    with db.atomic():
        review = live_review(review_id)
        for name, value in values.items():
            setattr(review, name, value)
        review.updated_at = utc_now()
        review.save()
        if tags is not None:
            _set_tags(review.id, tags)
        search.reindex("review", [review.id])
    return as_record(review, tags_of([review.id])[review.id])


def get_review(review_id: int) -> ReviewRecord:
    """A review that is not in the trash (nor is its film)."""
    review = live_review(review_id)
    return as_record(review, tags_of([review.id])[review.id])


def list_reviews(film_id: int) -> list[ReviewRecord]:
    """A film's reviews, the latest viewing first."""
    live_film(film_id)
    reviews = list(
        Review.select()
        .where((Review.film == film_id) & Review.deleted_at.is_null())
        .order_by(*_NEWEST_FIRST)
    )
    tags = tags_of([review.id for review in reviews])
    return [as_record(review, tags[review.id]) for review in reviews]


def latest_review(film_id: int) -> ReviewRecord | None:
    """A film's latest review, if it has any."""
    reviews = list_reviews(film_id)
    return reviews[0] if reviews else None


def delete_review(review_id: int) -> None:
    """Move a review, with its comments, to the trash (its quotes stay with the film)."""
    with db.atomic():
        review = live_review(review_id)
        review.deleted_at = utc_now()
        review.save()
        search.reindex_review_tree(review.id)


def list_tags() -> list[tuple[str, int]]:
    """Every tag in use with how many visible reviews carry it, most used first."""
    query = (
        Tag.select(Tag.name, fn.count(ReviewTag.review).alias("uses"))
        .join(ReviewTag)
        .join(Review)
        .join(Film)
        .where(Review.deleted_at.is_null() & Film.deleted_at.is_null())
        .group_by(Tag.id)
        .order_by(fn.count(ReviewTag.review).desc(), Tag.name_key)
    )
    return list(query.tuples())


def tags_of(review_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The tags of each review, in one query."""
    tags: dict[int, list[str]] = {review_id: [] for review_id in review_ids}
    if review_ids:
        query = (
            ReviewTag.select(ReviewTag.review, Tag.name)
            .join(Tag)
            .where(ReviewTag.review.in_(review_ids))
            .order_by(Tag.name_key)
        )
        for review_id, name in query.tuples():
            tags[review_id].append(name)
    return {review_id: tuple(names) for review_id, names in tags.items()}


def live_review(review_id: int) -> Review:
    """The review row, unless it or its film is missing or in the trash."""
    return live_row_of_film(Review, "review", review_id)


def as_record(review: Review, tags: tuple[str, ...]) -> ReviewRecord:
    """The plain record of a review row."""
    return ReviewRecord(
        id=review.id,
        film_id=review.film_id,
        headline=review.headline,
        body=review.body,
        watched_on=review.watched_on,
        where_watched=review.where_watched,
        rating=review.rating,
        is_rewatch=review.is_rewatch,
        is_liked=review.is_liked,
        has_spoilers=review.has_spoilers,
        tags=tags,
        letterboxd_uri=review.letterboxd_uri,
        created_at=review.created_at,
        updated_at=review.updated_at,
    )


def _set_tags(review_id: int, names: list[str]) -> None:
    """Replace a review's tags, reusing tags whatever their case; drop tags no longer used."""
    ReviewTag.delete().where(ReviewTag.review == review_id).execute()
    for name in names:
        tag, _ = Tag.get_or_create(name_key=identity_key(name), defaults={"name": name})
        ReviewTag.create(review=review_id, tag=tag.id)
    unused = Tag.select(Tag.id).join(ReviewTag, JOIN.LEFT_OUTER).where(ReviewTag.tag.is_null())
    Tag.delete().where(Tag.id.in_(unused)).execute()
