"""The fields each kind of item takes, and the cleaner that checks each one.

The API's functions and the bulk writer of imports check values with these same tables, so a
value refused in the interface is refused in an import too, with the same message.
"""

from __future__ import annotations

from collections.abc import Mapping

from filmjournal.journal.validation import (
    Cleaner,
    clean_day,
    clean_directors,
    clean_film_time,
    clean_flag,
    clean_line,
    clean_rating,
    clean_review_reference,
    clean_tags,
    clean_text,
    clean_timestamp,
    clean_uri,
    clean_watched_on,
    clean_year,
)

CREATED: Mapping[str, Cleaner] = {"created_at": lambda value: clean_timestamp("created", value)}
"""When an item was written, accepted on create so that imports keep it."""

TIMESTAMPS: Mapping[str, Cleaner] = {
    **CREATED,
    "updated_at": lambda value: clean_timestamp("updated", value),
}
"""Creation and update times, accepted on create so that imports keep them."""

FILM_FIELDS: Mapping[str, Cleaner] = {
    **TIMESTAMPS,
    "title": lambda value: clean_line("title", value, required=True),
    "year": clean_year,
    "original_title": lambda value: clean_line("original title", value),
    "directors": clean_directors,
    "letterboxd_uri": lambda value: clean_uri("Letterboxd URI", value),
    "watchlist_added_on": lambda value: clean_day("watchlist date", value),
    "is_liked": lambda value: clean_flag("liked", value),
}

REVIEW_FIELDS: Mapping[str, Cleaner] = {
    **TIMESTAMPS,
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
    "author": lambda value: clean_line("author", value),
}

QUOTE_FIELDS: Mapping[str, Cleaner] = {
    **TIMESTAMPS,
    "text": lambda value: clean_text("quote", value, required=True).strip(),
    "speaker": lambda value: clean_line("speaker", value),
    "is_favourite": lambda value: clean_flag("favourite", value),
    "note": lambda value: clean_text("note", value),
    "film_time": clean_film_time,
    "review_id": clean_review_reference,
    "author": lambda value: clean_line("author", value),
}

COMMENT_FIELDS: Mapping[str, Cleaner] = {
    **CREATED,
    "author": lambda value: clean_line("author", value),
    "body": lambda value: clean_text("comment", value, required=True).strip(),
}
