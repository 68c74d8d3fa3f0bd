"""Films and the watchlist: create, update, find, list and delete (to the trash)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import peewee
from peewee import Model

from filmjournal.journal import search
from filmjournal.journal.errors import NotFoundError, ValidationError
from filmjournal.journal.models import Film, db, utc_now
from filmjournal.journal.records import Film as FilmRecord
from filmjournal.journal.records import FilmRow, film_label
from filmjournal.journal.validation import (
    TIMESTAMP_CLEANERS,
    clean_day,
    clean_directors,
    clean_fields,
    clean_flag,
    clean_line,
    clean_uri,
    clean_year,
    identity_key,
)

_CLEANERS = {
    **TIMESTAMP_CLEANERS,
    "title": lambda value: clean_line("title", value, required=True),
    "year": clean_year,
    "original_title": lambda value: clean_line("original title", value),
    "directors": clean_directors,
    "letterboxd_uri": lambda value: clean_uri("Letterboxd URI", value),
    "watchlist_added_on": lambda value: clean_day("watchlist date", value),
    "is_liked": lambda value: clean_flag("liked", value),
}

_LIST_SQL = """SELECT id, title, year, review_count, last_watched, latest_rating,
    watchlist_added_on FROM film WHERE deleted_at IS NULL ORDER BY title_key, year"""
_LIST_JSON_SQL = f"""SELECT json_group_array(json_array(id, title, year, review_count, last_watched,
    latest_rating, watchlist_added_on)) FROM ({_LIST_SQL})"""


def create_film(title: str, year: int | str | None = None, **fields: Any) -> FilmRecord:
    """Add a film; refuse one whose title and year are already in the journal."""
    values = clean_fields("film", _CLEANERS, {"title": title, "year": year, **fields})
    with db.atomic():
        _refuse_duplicate(values["title"], values["year"])
        film = Film.create(title_key=identity_key(values["title"]), **values)
        search.reindex("film", [film.id])
    return as_record(film)


def update_film(film_id: int, **changes: Any) -> FilmRecord:
    """Change a film's fields; the title and year must stay unique."""
    values = clean_fields("film", _CLEANERS, changes)
    with db.atomic():
        film = live_film(film_id)
        if "title" in values or "year" in values:
            title = values.get("title", film.title)
            year = values.get("year", film.year)
            _refuse_duplicate(title, year, except_id=film.id)
            values["title_key"] = identity_key(title)
        for name, value in values.items():
            setattr(film, name, value)
        film.updated_at = utc_now()
        film.save()
        search.reindex("film", [film.id])
    return as_record(film)


def get_film(film_id: int) -> FilmRecord:
    """A film that is not in the trash."""
    return as_record(live_film(film_id))


def find_film(title: str, year: int | None) -> FilmRecord | None:
    """The film with this title (ignoring case and surrounding space) and year, if any."""
    film = _find(identity_key(title), year)
    return as_record(film) if film is not None and film.deleted_at is None else None


def films_titled(title: str) -> list[FilmRecord]:
    """The films (not in the trash) with this title, whatever their year."""
    query = Film.select().where((Film.title_key == identity_key(title)) & Film.deleted_at.is_null())
    return [as_record(film) for film in query.order_by(Film.year)]


def delete_film(film_id: int) -> None:
    """Move a film, with everything written about it, to the trash."""
    with db.atomic():
        film = live_film(film_id)
        film.deleted_at = utc_now()
        film.save()
        search.reindex_film_tree(film.id)


def set_watchlist(film_id: int, on_watchlist: bool, *, added_on: date | None = None) -> FilmRecord:
    """Put a film on the watchlist (dated today unless given) or take it off."""
    added = (added_on or date.today()) if on_watchlist else None
    with db.atomic():
        film = live_film(film_id)
        if on_watchlist and film.watchlist_added_on is not None and added_on is None:
            return as_record(film)
        film.watchlist_added_on = added
        film.updated_at = utc_now()
        film.save()
    return as_record(film)


def list_films(*, single_step: bool = False, limit: int | None = None) -> list[FilmRow]:
    """Every film with its review count, last watched date and latest rating, by title.

    One read of a covering index; dates stay ISO text, as they are shown. With ``single_step``
    SQLite hands the whole list over as one JSON value: about 1.5x slower alone, but a worker
    thread then does not trade the GIL with a busy interface thread once per row (20,000
    hand-offs cost the interface 250 ms at start-up). ``limit`` reads only the first films (a
    screenful to show while the rest loads).
    """
    if limit is not None:
        return list(map(FilmRow._make, db.execute_sql(f"{_LIST_SQL} LIMIT ?", (limit,))))
    if single_step:
        rows = json.loads(db.execute_sql(_LIST_JSON_SQL).fetchone()[0])
        return list(map(FilmRow._make, rows))
    return list(map(FilmRow._make, db.execute_sql(_LIST_SQL)))


def live_film(film_id: int) -> Film:
    """The film row, unless it is missing or in the trash."""
    film = Film.get_or_none((Film.id == film_id) & Film.deleted_at.is_null())
    if film is None:
        raise NotFoundError("film", film_id)
    return film


def live_row_of_film(model: type[Model], kind: str, item_id: int) -> Any:
    """A review or quote row, unless it or its film is missing or in the trash."""
    row = (
        model.select(model)
        .join(Film)
        .where((model.id == item_id) & model.deleted_at.is_null() & Film.deleted_at.is_null())
        .first()
    )
    if row is None:
        raise NotFoundError(kind, item_id)
    return row


def as_record(film: Film) -> FilmRecord:
    """The plain record of a film row."""
    return FilmRecord(
        id=film.id,
        title=film.title,
        year=film.year,
        original_title=film.original_title,
        directors=tuple(film.directors.split("\n")) if film.directors else (),
        letterboxd_uri=film.letterboxd_uri,
        watchlist_added_on=film.watchlist_added_on,
        created_at=film.created_at,
        updated_at=film.updated_at,
        is_liked=film.is_liked,
    )


def _find(title_key: str, year: int | None) -> Film | None:
    """The film row (trash included) with this identity."""
    return Film.get_or_none(
        (Film.title_key == title_key) & (peewee.fn.IFNULL(Film.year, 0) == (year or 0))
    )


def _refuse_duplicate(title: str, year: int | None, *, except_id: int | None = None) -> None:
    """Raise if another film already has this title and year."""
    existing = _find(identity_key(title), year)
    if existing is None or existing.id == except_id:
        return
    where = " (in the trash: restore it from there)" if existing.deleted_at else ""
    label = film_label(existing.title, existing.year)
    raise ValidationError("title", f"'{label}' is already in the journal{where}")
