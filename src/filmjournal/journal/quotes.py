"""The quote collection: lines from a film, in the writer's own order."""

from __future__ import annotations

from typing import Any

from peewee import fn

from filmjournal.journal import search
from filmjournal.journal.errors import ValidationError
from filmjournal.journal.fields import QUOTE_FIELDS
from filmjournal.journal.films import live_film
from filmjournal.journal.items import live_row_of_film, trash_item, update_item
from filmjournal.journal.models import QuoteModel, db
from filmjournal.journal.reading import query_records, record_of
from filmjournal.journal.records import CollectedQuote, Quote
from filmjournal.journal.reviews import live_review
from filmjournal.journal.signing import signature
from filmjournal.journal.validation import clean_fields

_COLLECTION_SQL = """SELECT q.id, q.film_id, f.title AS film_title, f.year AS film_year, q.text,
    q.speaker, q.is_favourite FROM quote q JOIN film f ON f.id = q.film_id
    WHERE q.deleted_at IS NULL AND f.deleted_at IS NULL
    ORDER BY q.is_favourite DESC, f.title_key, q.sort_order"""


def create_quote(film_id: int, text: str, **fields: Any) -> Quote:
    """Collect a quote from a film, last in the film's order."""
    values = clean_fields("quote", QUOTE_FIELDS, {"text": text, "author": signature(), **fields})
    with db.atomic():
        live_film(film_id)
        _check_review(film_id, values.get("review_id"))
        last = QuoteModel.select(fn.MAX(QuoteModel.sort_order)).where(QuoteModel.film == film_id)
        quote = QuoteModel.create(film=film_id, sort_order=(last.scalar() or 0) + 1, **values)
        search.reindex("quote", [quote.id])
    return as_record(quote)


def update_quote(quote_id: int, **changes: Any) -> Quote:
    """Change some fields of a quote."""
    values = clean_fields("quote", QUOTE_FIELDS, changes)

    def check(quote: QuoteModel, values: dict[str, Any]) -> None:
        if "review_id" in values:
            _check_review(quote.film_id, values["review_id"])

    return as_record(update_item("quote", live_quote, quote_id, values, check=check))


def get_quote(quote_id: int) -> Quote:
    """A quote that is not in the trash (nor is its film)."""
    return as_record(live_quote(quote_id))


def list_quotes(film_id: int) -> list[Quote]:
    """A film's quotes in the writer's order."""
    live_film(film_id)
    return [as_record(quote) for quote in _ordered_quotes(film_id)]


def list_all_quotes() -> list[CollectedQuote]:
    """Every visible quote with its film, favourites first, as light tuples for long lists."""
    return query_records(CollectedQuote, _COLLECTION_SQL, convert={"is_favourite": bool})


def move_quote(quote_id: int, offset: int) -> Quote:
    """Move a quote up (negative offset) or down in its film's order, stopping at the ends."""
    with db.atomic():
        quote = live_quote(quote_id)
        siblings = [sibling.id for sibling in _ordered_quotes(quote.film_id)]
        position = siblings.index(quote.id)
        siblings.insert(max(0, position + offset), siblings.pop(position))
        for order, sibling_id in enumerate(siblings, start=1):
            QuoteModel.update(sort_order=order).where(QuoteModel.id == sibling_id).execute()
    return get_quote(quote_id)


def delete_quote(quote_id: int) -> None:
    """Move a quote to the trash."""
    trash_item("quote", live_quote, quote_id)


def live_quote(quote_id: int) -> QuoteModel:
    """The quote row, unless it or its film is missing or in the trash."""
    return live_row_of_film(QuoteModel, "quote", quote_id)


def as_record(quote: QuoteModel) -> Quote:
    """The plain record of a quote row."""
    return record_of(Quote, quote)


def _ordered_quotes(film_id: int) -> list[QuoteModel]:
    """A film's visible quote rows in order."""
    return list(
        QuoteModel.select()
        .where((QuoteModel.film == film_id) & QuoteModel.deleted_at.is_null())
        .order_by(QuoteModel.sort_order, QuoteModel.id)
    )


def _check_review(film_id: int, review_id: int | None) -> None:
    """A quote may only be collected for a review of its own film."""
    if review_id is not None and live_review(review_id).film_id != film_id:
        raise ValidationError("review", f"{review_id} is a review of another film")
