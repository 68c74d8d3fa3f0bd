"""Lists of films (Letterboxd lists come in as these): reading them, and saving imported ones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from filmjournal.journal.errors import JournalError
from filmjournal.journal.models import FilmListEntryModel, FilmListModel, utc_now
from filmjournal.journal.reading import query_records
from filmjournal.journal.records import ListFilm, ListSummary
from filmjournal.journal.validation import identity_key

if TYPE_CHECKING:
    from filmjournal.journal.bulk import BulkWriter

Entry = tuple[int, str, int]
"""A film in a list being saved: film id, note, position."""


def list_lists() -> list[ListSummary]:
    """Every list with how many films it holds, by name."""
    query = """SELECT l.id, l.name, l.description, l.letterboxd_uri, count(f.id) AS film_count
        FROM list l LEFT JOIN list_entry e ON e.film_list_id = l.id
        LEFT JOIN film f ON f.id = e.film_id AND f.deleted_at IS NULL
        WHERE l.deleted_at IS NULL GROUP BY l.id ORDER BY l.name COLLATE NOCASE, l.id"""
    return query_records(ListSummary, query)


def list_films_of(list_id: int) -> list[ListFilm]:
    """A list's films in order, with the list's note on each (films in the trash left out)."""
    query = """SELECT e.position, f.id AS film_id, f.title, f.year, e.note FROM list_entry e
        JOIN film f ON f.id = e.film_id
        WHERE e.film_list_id = ? AND f.deleted_at IS NULL ORDER BY e.position, e.id"""
    return query_records(ListFilm, query, (list_id,))


def find_list(reference: str) -> ListSummary:
    """A list named by its id or its name (ignoring case)."""
    lists = list_lists()
    wanted = identity_key(reference)
    for summary in lists:
        if str(summary.id) == reference.strip() or identity_key(summary.name) == wanted:
            return summary
    raise JournalError(f"no list is called {reference!r} (filmjournal lists names them all)")


def save_list(
    writer: BulkWriter, values: dict[str, Any], entries: list[Entry], *, replace: bool
) -> str:
    """Add a list (values checked), or match the one with its Letterboxd URI (else its name).

    A matched list is left alone, or with ``replace`` brought up to date with these values and
    entries. Returns "imported", "updated" or "skipped".
    """
    writer.flush()
    uri = values.get("letterboxd_uri")
    same = (FilmListModel.letterboxd_uri == uri) if uri else (FilmListModel.name == values["name"])
    found = FilmListModel.get_or_none(same & FilmListModel.deleted_at.is_null())
    outcome = "imported"
    if found is not None:
        current = [
            (entry.film_id, entry.note, entry.position)
            for entry in FilmListEntryModel.select()
            .where(FilmListEntryModel.film_list == found.id)
            .order_by(FilmListEntryModel.position, FilmListEntryModel.id)
        ]
        unchanged = current == entries and all(
            getattr(found, name) == value for name, value in values.items()
        )
        if not replace or unchanged:
            return "skipped"
        FilmListModel.update(**values, updated_at=utc_now()).where(
            FilmListModel.id == found.id
        ).execute()
        FilmListEntryModel.delete().where(FilmListEntryModel.film_list == found.id).execute()
        list_id, outcome = found.id, "updated"
    else:
        list_id = writer.insert(FilmListModel, values)
    for film_id, note, position in entries:
        writer.insert(
            FilmListEntryModel,
            {"film_list": list_id, "film": film_id, "position": position, "note": note},
        )
    return outcome
