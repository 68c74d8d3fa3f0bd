"""Writing the JSON format: a journal in parts, as the documented text, a film at a time."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from filmjournal.exchange.jsonformat.common import FORMAT_NAME, FORMAT_VERSION
from filmjournal.exchange.timestamps import iso_timestamp
from filmjournal.journal.records import Comment, Film, FilmList, Quote, RemoteComment, Review
from filmjournal.journal.snapshot import Snapshot
from filmjournal.journal.validation import format_film_time


def snapshot_to_json(snapshot: Snapshot) -> str:
    """The snapshot as the documented JSON text (stable: same journal, same bytes)."""
    return "".join(json_text([snapshot]))


def json_text(parts: Iterable[Snapshot]) -> Iterator[str]:
    """The journal, given in parts (films in title order, the last part with the lists and the
    comments written elsewhere), as the documented JSON text, a film at a time.

    The pieces join into exactly what ``json.dumps(whole, ensure_ascii=False, indent=2)``
    writes (a test holds them equal), without the whole journal in memory at once.
    """
    yield f'{{\n  "format": {_nested(FORMAT_NAME, 1)},\n  "version": {FORMAT_VERSION},\n'
    yield '  "films": ['
    positions: dict[int, int] = {}
    lists: tuple[FilmList, ...] = ()
    remote: tuple[RemoteComment, ...] = ()
    for snapshot in parts:
        for film in snapshot.films:
            data = _film_json(
                film, snapshot.reviews.get(film.id, []), snapshot.quotes.get(film.id, []), snapshot
            )
            yield ("\n    " if not positions else ",\n    ") + _nested(data, 2)
            positions[film.id] = len(positions)
        lists += snapshot.lists
        remote += snapshot.remote_comments
    yield "\n  ]," if positions else "],"
    yield '\n  "lists": ' + _nested([_list_json(item, positions) for item in lists], 1)
    remote_json = [
        {
            "url": comment.url,
            "body": comment.body,
            "written_on": _iso_day(comment.written_on),
            "created_at": iso_timestamp(comment.created_at),
        }
        for comment in remote
    ]
    yield ',\n  "remote_comments": ' + _nested(remote_json, 1) + "\n}\n"


def _nested(value: Any, depth: int) -> str:
    """``value`` as JSON indented by two spaces, for a place ``depth`` levels deep (JSON text
    has no raw line breaks inside strings, so lines can be shifted)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


def _iso_day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _film_json(film: Film, reviews: list[Review], quotes: list[Quote], snapshot: Snapshot) -> dict:
    positions = {review.id: index for index, review in enumerate(reviews)}
    trashed = snapshot.trashed
    return {
        "title": film.title,
        "year": film.year,
        "original_title": film.original_title,
        "directors": list(film.directors),
        "letterboxd_uri": film.letterboxd_uri,
        "watchlist_added_on": _iso_day(film.watchlist_added_on),
        "liked": film.is_liked,
        "created_at": iso_timestamp(film.created_at),
        "updated_at": iso_timestamp(film.updated_at),
        "reviews": [
            _review_json(review, snapshot.comments.get(review.id, []), trashed)
            for review in reviews
        ],
        "quotes": [
            _quote_json(
                quote, None if quote.review_id is None else positions.get(quote.review_id), trashed
            )
            for quote in quotes
        ],
        **_deleted("film", film.id, trashed),
    }


def _deleted(kind: str, item_id: int, trashed: Mapping[tuple[str, int], datetime]) -> dict:
    """``deleted_at`` for an item in the trash (in an export with the trash, as ``copy``
    writes): absent for every other item, and in every other export."""
    deleted_at = trashed.get((kind, item_id))
    return {} if deleted_at is None else {"deleted_at": iso_timestamp(deleted_at)}


def _list_json(film_list: FilmList, positions: dict[int, int]) -> dict:
    return {
        "name": film_list.name,
        "description": film_list.description,
        "tags": film_list.tags,
        "letterboxd_uri": film_list.letterboxd_uri,
        "created_on": _iso_day(film_list.created_on),
        "created_at": iso_timestamp(film_list.created_at),
        "updated_at": iso_timestamp(film_list.updated_at),
        "entries": [
            {"film": positions[entry.film_id], "position": entry.position, "note": entry.note}
            for entry in film_list.entries
        ],
    }


def _review_json(
    review: Review, comments: list[Comment], trashed: Mapping[tuple[str, int], datetime]
) -> dict:
    return {
        "headline": review.headline,
        "body": review.body,
        "watched_on": _iso_day(review.watched_on),
        "where_watched": review.where_watched,
        "rating": review.rating,
        "rewatch": review.is_rewatch,
        "liked": review.is_liked,
        "spoilers": review.has_spoilers,
        "tags": list(review.tags),
        "letterboxd_uri": review.letterboxd_uri,
        "created_at": iso_timestamp(review.created_at),
        "updated_at": iso_timestamp(review.updated_at),
        **_signed(review.author),
        "comments": [_comment_json(comment, trashed) for comment in comments],
        **_deleted("review", review.id, trashed),
    }


def _signed(author: str) -> dict[str, str]:
    """``author`` when the item is signed (a shared journal's): absent for one person's."""
    return {"author": author} if author else {}


def _quote_json(
    quote: Quote, review_index: int | None, trashed: Mapping[tuple[str, int], datetime]
) -> dict:
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "favourite": quote.is_favourite,
        "note": quote.note,
        "position": format_film_time(quote.film_time) or None,
        "review": review_index,
        "created_at": iso_timestamp(quote.created_at),
        "updated_at": iso_timestamp(quote.updated_at),
        **_signed(quote.author),
        **_deleted("quote", quote.id, trashed),
    }


def _comment_json(comment: Comment, trashed: Mapping[tuple[str, int], datetime]) -> dict:
    return {
        "author": comment.author,
        "body": comment.body,
        "created_at": iso_timestamp(comment.created_at),
        "replies": [_comment_json(reply, trashed) for reply in comment.replies],
        **_deleted("comment", comment.id, trashed),
    }
