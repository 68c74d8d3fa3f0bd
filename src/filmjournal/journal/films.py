"""Films and the watchlist: create, update, find, list and delete (to the trash)."""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee

from filmjournal.journal import search
from filmjournal.journal.engine import on_postgres
from filmjournal.journal.errors import NotFoundError, ValidationError
from filmjournal.journal.fields import FILM_FIELDS
from filmjournal.journal.items import trash_item, update_item
from filmjournal.journal.models import FilmModel, db, utc_now
from filmjournal.journal.reading import query_records, record_of
from filmjournal.journal.records import Film, FilmRow, film_label
from filmjournal.journal.validation import clean_fields, identity_key

_LIST_SQL = """SELECT id, title, year, review_count AS reviews, last_watched,
    latest_rating AS rating, watchlist_added_on FROM film
    WHERE deleted_at IS NULL ORDER BY title_key, year"""


def create_film(title: str, year: int | str | None = None, **fields: Any) -> Film:
    """Add a film; refuse one whose title and year are already in the journal."""
    values = clean_fields("film", FILM_FIELDS, {"title": title, "year": year, **fields})
    with db.atomic():
        _refuse_duplicate(values["title"], values["year"])
        film = FilmModel.create(title_key=identity_key(values["title"]), **values)
        search.reindex("film", [film.id])
    return as_record(film)


def update_film(film_id: int, **changes: Any) -> Film:
    """Change a film's fields; the title and year must stay unique."""
    values = clean_fields("film", FILM_FIELDS, changes)
    return as_record(update_item("film", live_film, film_id, values, check=_keep_unique))


def _keep_unique(film: FilmModel, values: dict[str, Any]) -> None:
    """Refuse a new title or year that another film has; keep the identity key in step."""
    title, year = values.get("title", film.title), values.get("year", film.year)
    if (identity_key(title), year) != (film.title_key, film.year):
        _refuse_duplicate(title, year, except_id=film.id)
        values["title_key"] = identity_key(title)


def get_film(film_id: int) -> Film:
    """A film that is not in the trash."""
    return as_record(live_film(film_id))


def find_film(title: str, year: int | None) -> Film | None:
    """The film with this title (ignoring case and surrounding space) and year, if any."""
    film = _find(identity_key(title), year)
    return as_record(film) if film is not None and film.deleted_at is None else None


def films_titled(title: str) -> list[Film]:
    """The films (not in the trash) with this title, whatever their year."""
    query = FilmModel.select().where(
        (FilmModel.title_key == identity_key(title)) & FilmModel.deleted_at.is_null()
    )
    return [as_record(film) for film in query.order_by(FilmModel.year)]


def delete_film(film_id: int) -> None:
    """Move a film, with everything written about it, to the trash."""
    trash_item("film", live_film, film_id)


def set_watchlist(film_id: int, on_watchlist: bool, *, added_on: date | None = None) -> Film:
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


def list_films(*, limit: int | None = None) -> list[FilmRow]:
    """Every film with its review count, last watched date and latest rating, by title.

    One read of a covering index; dates stay ISO text, as they are shown. ``limit`` reads only
    the first films (a screenful to show while the interface reads the rest, see
    :mod:`filmjournal.journal.catalogue`).
    """
    if limit is not None:
        return query_records(FilmRow, f"{_LIST_SQL} LIMIT ?", (limit,))
    return query_records(FilmRow, _LIST_SQL)


def live_film(film_id: int) -> FilmModel:
    """The film row, unless it is missing or in the trash."""
    film = FilmModel.get_or_none((FilmModel.id == film_id) & FilmModel.deleted_at.is_null())
    if film is None:
        raise NotFoundError("film", film_id)
    return film


def as_record(film: FilmModel) -> Film:
    """The plain record of a film row."""
    directors = tuple(film.directors.split("\n")) if film.directors else ()
    return record_of(Film, film, directors=directors)


def _find(title_key: str, year: int | None) -> FilmModel | None:
    """The film row (trash included) with this identity."""
    # The identity index's own expression: IFNULL in a file, coalesce on a server.
    known_year = (peewee.fn.COALESCE if on_postgres() else peewee.fn.IFNULL)(FilmModel.year, 0)
    return FilmModel.get_or_none((FilmModel.title_key == title_key) & (known_year == (year or 0)))


def _refuse_duplicate(title: str, year: int | None, *, except_id: int | None = None) -> None:
    """Raise if another film already has this title and year."""
    existing = _find(identity_key(title), year)
    if existing is None or existing.id == except_id:
        return
    where = " (in the trash: restore it from there)" if existing.deleted_at else ""
    label = film_label(existing.title, existing.year)
    raise ValidationError("title", f"'{label}' is already in the journal{where}")
