"""Lists of films (Letterboxd lists come in as these): reading them."""

from __future__ import annotations

from filmjournal.journal.errors import JournalError
from filmjournal.journal.models import db
from filmjournal.journal.records import ListFilm, ListSummary
from filmjournal.journal.validation import identity_key


def list_lists() -> list[ListSummary]:
    """Every list with how many films it holds, by name."""
    query = """SELECT l.id, l.name, l.description, l.letterboxd_uri, count(f.id)
        FROM list l LEFT JOIN list_entry e ON e.film_list_id = l.id
        LEFT JOIN film f ON f.id = e.film_id AND f.deleted_at IS NULL
        WHERE l.deleted_at IS NULL GROUP BY l.id ORDER BY l.name COLLATE NOCASE, l.id"""
    return [ListSummary(*row) for row in db.execute_sql(query)]


def list_films_of(list_id: int) -> list[ListFilm]:
    """A list's films in order, with the list's note on each (films in the trash left out)."""
    query = """SELECT e.position, f.id, f.title, f.year, e.note FROM list_entry e
        JOIN film f ON f.id = e.film_id
        WHERE e.film_list_id = ? AND f.deleted_at IS NULL ORDER BY e.position, e.id"""
    return [ListFilm(*row) for row in db.execute_sql(query, (list_id,))]


def find_list(reference: str) -> ListSummary:
    """A list named by its id or its name (ignoring case)."""
    lists = list_lists()
    wanted = identity_key(reference)
    for summary in lists:
        if str(summary.id) == reference.strip() or identity_key(summary.name) == wanted:
            return summary
    raise JournalError(f"no list is called {reference!r} (filmjournal lists names them all)")
