"""The film list at any size: every film's id and folded title held compactly, rows read a page
at a time.

A journal of 100,000 films does not need 100,000 records in memory to be filtered as one types:
:class:`Catalogue` keeps the ids in an ``array`` and each film's folded ``title year`` in a list
of strings (about 70 bytes a film), read in one pass over the covering index. Filtering is a
substring test over those strings, run by C loops (``map``/``compress``); the rows on screen are
read by id when they are drawn (:class:`FilmRows`), a page per query, and kept in a small cache.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import compress, repeat
from operator import contains, not_
from typing import overload

from filmjournal.folding import fold, needle_words
from filmjournal.journal.engine import execute, id_list, ids_table, on_postgres
from filmjournal.journal.reading import query_records
from filmjournal.journal.records import FilmRow

ORDERS = {
    "title": "title_key, year",
    "year": "year IS NULL, year DESC, title_key",
    "last watched": "last_watched IS NULL, last_watched DESC, title_key, year",
    "rating": "IFNULL(latest_rating, 0) DESC, title_key, year",
}
"""The film list's orders; ties go by title."""
PAGE = 120
"""Rows read in one query when the list draws a film it has not read yet."""
READING_CACHE_KIB = -256
"""The page cache (in KiB, as SQLite counts it when negative) while every title is read."""
CACHED_ROWS = 2_000
"""Rows kept between redraws (the cache is emptied when it grows past this)."""

_KEYS_SQL = """SELECT id, title, title_key, year FROM film
    WHERE deleted_at IS NULL ORDER BY {order}"""
_ROWS_SQL = f"""SELECT {", ".join(FilmRow._fields)} FROM (SELECT id, title, year,
    review_count AS reviews, last_watched, latest_rating AS rating, watchlist_added_on
    FROM film WHERE id IN {{ids}}) AS film_row"""
_TWINS_SQL = """SELECT id, directors, letterboxd_uri FROM film
    WHERE id IN {ids}"""


def film_key(title: str, year: int | None) -> str:
    """What the filter searches in a film: its folded title and year."""
    return fold(f"{title} {year or ''}")


class Catalogue:
    """Every film in the journal, in one order, as ids and folded titles (no records)."""

    def __init__(
        self, ids: array[int], keys: list[str], order: str = "title", version: int = 0
    ) -> None:
        self.ids = ids
        self.keys = keys
        self.order = order
        self.version = version
        """The journal's :func:`film_list_version` when these films were read."""
        self.notes: dict[int, str] = {}
        """What tells apart films that share a title and year, by film id."""
        self._rows: dict[int, FilmRow] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def position(self, film_id: int) -> int | None:
        """Where a film is in this order, if it is here."""
        try:
            return self.ids.index(film_id)
        except ValueError:
            return None

    def matching(self, needle: str, within: Sequence[int] | None = None) -> list[int]:
        """Positions of the films whose folded title and year hold every word of ``needle``.

        ``within`` narrows an earlier result (the text typed so far, extended).
        """
        keys = self.keys
        positions: Sequence[int] = range(len(keys)) if within is None else within
        for word in needle_words(needle):
            candidates = keys if isinstance(positions, range) else map(keys.__getitem__, positions)
            positions = list(compress(positions, map(contains, candidates, repeat(word))))
        return list(positions)

    def starting_first(self, positions: list[int], start: str) -> list[int]:
        """The positions whose key starts with ``start`` first, each group in order."""
        flags = list(map(str.startswith, map(self.keys.__getitem__, positions), repeat(start)))
        first = list(compress(positions, flags))
        if not first or len(first) == len(positions):
            return positions
        return first + list(compress(positions, map(not_, flags)))

    def row(self, position: int, neighbours: Sequence[int] | None = None) -> FilmRow:
        """The film at a position; if it has not been read yet, it is read with the films at
        ``neighbours`` (positions: the rows around it on screen), else with the films beside
        it in the catalogue, in one query."""
        film_id = self.ids[position]
        row = self._rows.get(film_id)
        if row is None:
            if neighbours is None:
                start = max(0, position - PAGE // 4)
                neighbours = range(start, min(len(self.ids), start + PAGE))
            self.read_rows([self.ids[near] for near in neighbours])
            row = self._rows.get(film_id)
            if row is None:  # deleted since the catalogue was read: shown until the next one
                row = FilmRow(film_id, "", None, 0, None, None, None)
        return row

    def read_rows(self, film_ids: Sequence[int]) -> None:
        """Read these films' rows in one query into the cache."""
        if len(self._rows) > CACHED_ROWS:
            self._rows.clear()
        for row in query_records(FilmRow, _ROWS_SQL.format(ids=ids_table()), (id_list(film_ids),)):
            self._rows[row.id] = row

    def forget_rows(self) -> None:
        """Read rows again when next drawn (their counts, ratings or dates may have changed)."""
        self._rows.clear()

    def cached(self, film_id: int) -> FilmRow | None:
        """A film's row if it has been read."""
        return self._rows.get(film_id)

    def rows_in_order(self) -> FilmRows:
        """Every film of the catalogue, in its order."""
        return FilmRows(self, range(len(self)))


class FilmRows(Sequence[FilmRow]):
    """The films at some positions of a catalogue, as a list whose rows are read when drawn."""

    def __init__(self, catalogue: Catalogue, positions: Sequence[int]) -> None:
        self.catalogue = catalogue
        self.positions = positions

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, index: int) -> FilmRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[FilmRow]: ...
    def __getitem__(self, index: int | slice) -> FilmRow | Sequence[FilmRow]:
        if isinstance(index, slice):
            return FilmRows(self.catalogue, self.positions[index])
        positions = self.positions
        index = range(len(positions))[index]  # negative indexes count from the end
        start = max(0, index - PAGE // 4)
        return self.catalogue.row(positions[index], positions[start : start + PAGE])

    def __iter__(self) -> Iterator[FilmRow]:
        return (self[index] for index in range(len(self.positions)))

    def index_of(self, film_id: int) -> int | None:
        """Where a film is in this list, if it is in it."""
        position = self.catalogue.position(film_id)
        if position is None:
            return None
        try:
            return self.positions.index(position)
        except ValueError:
            return None


def film_list_version() -> int:
    """A number that changes whenever a film is added, renamed, deleted or restored."""
    return int(execute("SELECT version FROM film_list_version").fetchone()[0])


def read_catalogue(order: str = "title") -> Catalogue:
    """Every live film's id and folded title in the given order, in one pass over an index.

    Films sharing a title and year sit side by side in title order (the identity index orders
    them so in the others too), so twins are found while reading, with no second scan; what
    tells them apart is read for those films alone.
    """
    version = film_list_version()  # read first: a change made meanwhile is seen next time
    ids: array[int] = array("q")
    keys: list[str] = []
    twins: set[int] = set()
    last: tuple[str, int | None, int] | None = None
    by_identity: dict[tuple[str, int | None], int] = {}
    sql = _KEYS_SQL.format(order=ORDERS[order])
    for film_id, title, title_key, year in _read_once(sql):
        ids.append(film_id)
        keys.append(film_key(title, year))
        if order == "title":
            if last is not None and last[0] == title_key and last[1] == year:
                twins.update((last[2], film_id))
            last = (title_key, year, film_id)
        else:
            other = by_identity.setdefault((title_key, year), film_id)
            if other != film_id:
                twins.update((other, film_id))
    catalogue = Catalogue(ids, keys, order, version)
    if twins:
        catalogue.notes = _twin_notes(twins)
    return catalogue


def _read_once(sql: str) -> Iterator[tuple[int, str, str, int | None]]:
    """Rows of a query that reads each page once: the page cache is kept small meanwhile, so
    100,000 titles do not leave megabytes of pages behind (a server keeps its own cache)."""
    if on_postgres():  # all at once: psycopg hands rows out one by one at 4 µs each
        yield from execute(sql).fetchall()
        return
    kept = execute("PRAGMA cache_size").fetchone()[0]
    execute(f"PRAGMA cache_size = {READING_CACHE_KIB}")
    try:
        yield from execute(sql)
    finally:
        execute(f"PRAGMA cache_size = {int(kept)}")


def _twin_notes(film_ids: set[int]) -> dict[int, str]:
    """What tells these films apart: the directors, else the Letterboxd address
    (``boxd.it/2a7u``), else the film's number."""
    notes = {}
    for film_id, directors, uri in execute(
        _TWINS_SQL.format(ids=ids_table()), (id_list(sorted(film_ids)),)
    ):
        shown = ", ".join(directors.split("\n")) if directors else ""
        notes[film_id] = shown or (uri or "").removeprefix("https://") or f"#{film_id}"
    return notes
