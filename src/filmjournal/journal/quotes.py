"""The quote collection: lines from a film, in the writer's own order."""

from __future__ import annotations

from typing import Any

from peewee import fn

from filmjournal.journal import search
from filmjournal.journal.errors import ValidationError
from filmjournal.journal.films import live_film, live_row_of_film
from filmjournal.journal.models import Quote, db, utc_now
from filmjournal.journal.records import CollectedQuote
from filmjournal.journal.records import Quote as QuoteRecord
from filmjournal.journal.reviews import live_review
from filmjournal.journal.validation import (
    TIMESTAMP_CLEANERS,
    clean_fields,
    clean_film_time,
    clean_flag,
    clean_line,
    clean_text,
)

_CLEANERS = {
    **TIMESTAMP_CLEANERS,
    "text": lambda value: clean_text("quote", value, required=True).strip(),
    "speaker": lambda value: clean_line("speaker", value),
    "is_favourite": lambda value: clean_flag("favourite", value),
    "note": lambda value: clean_text("note", value),
    "film_time": clean_film_time,
    "review_id": lambda value: value,
}


def create_quote(film_id: int, text: str, **fields: Any) -> QuoteRecord:
    """Collect a quote from a film, last in the film's order."""
    values = clean_fields("quote", _CLEANERS, {"text": text, **fields})
    with db.atomic():
        live_film(film_id)
        _check_review(film_id, values.get("review_id"))
        last = Quote.select(fn.MAX(Quote.sort_order)).where(Quote.film == film_id).scalar()
        quote = Quote.create(film=film_id, sort_order=(last or 0) + 1, **values)
        search.reindex("quote", [quote.id])
    return as_record(quote)


def update_quote(quote_id: int, **changes: Any) -> QuoteRecord:
    """Change some fields of a quote."""
    values = clean_fields("quote", _CLEANERS, changes)
    with db.atomic():
        quote = live_quote(quote_id)
        if "review_id" in values:
            _check_review(quote.film_id, values["review_id"])
        for name, value in values.items():
            setattr(quote, name, value)
        quote.updated_at = utc_now()
        quote.save()
        search.reindex("quote", [quote.id])
    return as_record(quote)


def get_quote(quote_id: int) -> QuoteRecord:
    """A quote that is not in the trash (nor is its film)."""
    return as_record(live_quote(quote_id))


def list_quotes(film_id: int) -> list[QuoteRecord]:
    """A film's quotes in the writer's order."""
    live_film(film_id)
    query = (
        Quote.select()
        .where((Quote.film == film_id) & Quote.deleted_at.is_null())
        .order_by(Quote.sort_order, Quote.id)
    )
    return [as_record(quote) for quote in query]


def list_all_quotes() -> list[CollectedQuote]:
    """Every visible quote with its film, favourites first, as light tuples for long lists."""
    sql = """SELECT q.id, q.film_id, f.title, f.year, q.text, q.speaker, q.is_favourite
        FROM quote q JOIN film f ON f.id = q.film_id
        WHERE q.deleted_at IS NULL AND f.deleted_at IS NULL
        ORDER BY q.is_favourite DESC, f.title_key, q.sort_order"""
    return [CollectedQuote(*row[:6], bool(row[6])) for row in db.execute_sql(sql)]


def move_quote(quote_id: int, offset: int) -> QuoteRecord:
    """Move a quote up (negative offset) or down in its film's order, stopping at the ends."""
    with db.atomic():
        quote = live_quote(quote_id)
        siblings = [q.id for q in _ordered_quotes(quote.film_id)]
        position = siblings.index(quote.id)
        siblings.insert(max(0, position + offset), siblings.pop(position))
        for order, sibling_id in enumerate(siblings, start=1):
            Quote.update(sort_order=order).where(Quote.id == sibling_id).execute()
    return get_quote(quote_id)


def delete_quote(quote_id: int) -> None:
    """Move a quote to the trash."""
    with db.atomic():
        quote = live_quote(quote_id)
        quote.deleted_at = utc_now()
        quote.save()
        search.reindex("quote", [quote.id])


def live_quote(quote_id: int) -> Quote:
    """The quote row, unless it or its film is missing or in the trash."""
    return live_row_of_film(Quote, "quote", quote_id)


def as_record(quote: Quote) -> QuoteRecord:
    """The plain record of a quote row."""
    return QuoteRecord(
        id=quote.id,
        film_id=quote.film_id,
        review_id=quote.review_id,
        text=quote.text,
        speaker=quote.speaker,
        is_favourite=quote.is_favourite,
        note=quote.note,
        film_time=quote.film_time,
        sort_order=quote.sort_order,
        created_at=quote.created_at,
        updated_at=quote.updated_at,
    )


def _ordered_quotes(film_id: int) -> list[Quote]:
    """A film's visible quote rows in order."""
    return list(
        Quote.select(Quote.id)
        .where((Quote.film == film_id) & Quote.deleted_at.is_null())
        .order_by(Quote.sort_order, Quote.id)
    )


def _check_review(film_id: int, review_id: object) -> None:
    """A quote may only be collected for a review of its own film."""
    if review_id is None:
        return
    if not isinstance(review_id, int) or isinstance(review_id, bool):
        raise ValidationError("review", f"must be a review id, got {review_id!r}")
    if live_review(review_id).film_id != film_id:
        raise ValidationError("review", f"{review_id} is a review of another film")
