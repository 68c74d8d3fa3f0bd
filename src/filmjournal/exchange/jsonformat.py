"""The lossless JSON format: a whole journal (or one review), documented in docs/json-format.md."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from filmjournal.exchange.markdown import iso_timestamp
from filmjournal.journal.errors import JournalError
from filmjournal.journal.records import Comment, Film, FilmListRecord, Quote, Review
from filmjournal.journal.snapshot import Snapshot
from filmjournal.journal.validation import format_film_time

FORMAT_NAME = "filmjournal"
FORMAT_VERSION = 2


class JsonFormatError(JournalError):
    """A JSON file that is not a filmjournal export."""


def snapshot_to_json(snapshot: Snapshot) -> str:
    """The snapshot as the documented JSON text (stable: same journal, same bytes)."""
    positions = {film.id: index for index, film in enumerate(snapshot.films)}
    data = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "films": [
            _film(
                film, snapshot.reviews.get(film.id, []), snapshot.quotes.get(film.id, []), snapshot
            )
            for film in snapshot.films
        ],
        "lists": [_list(film_list, positions) for film_list in snapshot.lists],
        "remote_comments": [
            {
                "url": comment.url,
                "body": comment.body,
                "written_on": _day(comment.written_on),
                "created_at": iso_timestamp(comment.created_at),
            }
            for comment in snapshot.remote_comments
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _film(film: Film, reviews: list[Review], quotes: list[Quote], snapshot: Snapshot) -> dict:
    positions = {review.id: index for index, review in enumerate(reviews)}
    return {
        "title": film.title,
        "year": film.year,
        "original_title": film.original_title,
        "directors": list(film.directors),
        "letterboxd_uri": film.letterboxd_uri,
        "watchlist_added_on": _day(film.watchlist_added_on),
        "liked": film.is_liked,
        "created_at": iso_timestamp(film.created_at),
        "updated_at": iso_timestamp(film.updated_at),
        "reviews": [_review(review, snapshot.comments.get(review.id, [])) for review in reviews],
        "quotes": [_quote(quote, positions.get(quote.review_id)) for quote in quotes],
    }


def _list(film_list: FilmListRecord, positions: dict[int, int]) -> dict:
    return {
        "name": film_list.name,
        "description": film_list.description,
        "tags": film_list.tags,
        "letterboxd_uri": film_list.letterboxd_uri,
        "created_on": _day(film_list.created_on),
        "created_at": iso_timestamp(film_list.created_at),
        "updated_at": iso_timestamp(film_list.updated_at),
        "entries": [
            {"film": positions[entry.film_id], "position": entry.position, "note": entry.note}
            for entry in film_list.entries
        ],
    }


def _review(review: Review, comments: list[Comment]) -> dict:
    return {
        "headline": review.headline,
        "body": review.body,
        "watched_on": _day(review.watched_on),
        "where_watched": review.where_watched,
        "rating": review.rating,
        "rewatch": review.is_rewatch,
        "liked": review.is_liked,
        "spoilers": review.has_spoilers,
        "tags": list(review.tags),
        "letterboxd_uri": review.letterboxd_uri,
        "created_at": iso_timestamp(review.created_at),
        "updated_at": iso_timestamp(review.updated_at),
        "comments": [_comment(comment) for comment in comments],
    }


def _quote(quote: Quote, review_index: int | None) -> dict:
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "favourite": quote.is_favourite,
        "note": quote.note,
        "position": format_film_time(quote.film_time) or None,
        "review": review_index,
        "created_at": iso_timestamp(quote.created_at),
        "updated_at": iso_timestamp(quote.updated_at),
    }


def _comment(comment: Comment) -> dict:
    return {
        "author": comment.author,
        "body": comment.body,
        "created_at": iso_timestamp(comment.created_at),
        "replies": [_comment(reply) for reply in comment.replies],
    }


def load_json(text: str) -> dict[str, Any]:
    """A filmjournal JSON export, checked for shape (values are checked on import)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonFormatError(f"is not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise JsonFormatError('is not a filmjournal export (no "format": "filmjournal")')
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise JsonFormatError(
            f"is format version {version}; this filmjournal reads up to {FORMAT_VERSION}"
        )
    for key in ("films", "lists", "remote_comments"):
        value = data.setdefault(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise JsonFormatError(f'"{key}" must be a list of objects')
    return data
