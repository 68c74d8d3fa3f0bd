"""Plain records the API hands to the CLI and the TUI: no peewee objects leave the journal.

Named tuples: immutable, cheap to build by the thousand, and quick to import.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple


class FilmRow(NamedTuple):
    """One line of the film list: a film with its review count, last viewing and latest rating.

    Dates are ISO text (``2014-05-02``): the list of thousands of films is read as raw tuples.
    """

    id: int
    title: str
    year: int | None
    reviews: int
    last_watched: str | None
    rating: float | None
    watchlist_added_on: str | None

    @classmethod
    def of(cls, film: Film) -> FilmRow:
        """The row of a film just read on its own (its review figures left out)."""
        return cls(film.id, film.title, film.year, 0, None, None, None)


class Film(NamedTuple):
    """A film and what is known about it."""

    id: int
    title: str
    year: int | None
    original_title: str
    directors: tuple[str, ...]
    letterboxd_uri: str | None
    watchlist_added_on: date | None
    created_at: datetime
    updated_at: datetime
    is_liked: bool = False

    @property
    def label(self) -> str:
        """``Title (Year)``, or the title alone when the year is unknown."""
        return film_label(self.title, self.year)


def film_label(title: str, year: int | None) -> str:
    """``Title (Year)``, or the title alone when the year is unknown."""
    return f"{title} ({year})" if year else title


def split_film_label(text: str) -> tuple[str, int | None]:
    """``Her (2013)`` → ``("Her", 2013)``: the title and year a typed label names."""
    title, opening, rest = text.strip().rpartition("(")
    year = rest.removesuffix(")").strip()
    names_year = rest.endswith(")") and len(year) == 4 and year.isascii() and year.isdigit()
    if opening and title.strip() and names_year:
        return title.strip(), int(year)
    return text.strip(), None


class Review(NamedTuple):
    """One viewing of a film, written up."""

    id: int
    film_id: int
    headline: str
    body: str
    watched_on: date | None
    where_watched: str
    rating: float | None
    is_rewatch: bool
    is_liked: bool
    has_spoilers: bool
    tags: tuple[str, ...]
    letterboxd_uri: str | None
    created_at: datetime
    updated_at: datetime
    author: str = ""
    """Who wrote it (empty: the journal's owner, before journals were shared)."""


class Quote(NamedTuple):
    """A line from a film with what it means to the writer."""

    id: int
    film_id: int
    review_id: int | None
    text: str
    speaker: str
    is_favourite: bool
    note: str
    film_time: int | None
    sort_order: int
    created_at: datetime
    updated_at: datetime
    author: str = ""
    """Who kept it."""


class CollectedQuote(NamedTuple):
    """A quote in the whole collection, naming its film."""

    id: int
    film_id: int
    film_title: str
    film_year: int | None
    text: str
    speaker: str
    is_favourite: bool


class Comment(NamedTuple):
    """A comment in a review's thread, with its replies in order."""

    id: int
    review_id: int
    parent_id: int | None
    author: str
    body: str
    created_at: datetime
    replies: list[Comment]


class ReviewDetail(NamedTuple):
    """A review with its film, its quotes and its whole comment tree."""

    film: Film
    review: Review
    quotes: list[Quote]
    comments: list[Comment]


class SearchHit(NamedTuple):
    """One ranked search result; ``snippet`` is a list of (text, is_match) pieces."""

    kind: str
    id: int
    film_id: int | None
    """None for a comment written elsewhere (``kind`` ``remote``), which belongs to no film."""
    film_title: str
    film_year: int | None
    review_id: int | None
    title: str
    snippet: list[tuple[str, bool]]
    score: float

    @property
    def snippet_text(self) -> str:
        """The snippet as plain text."""
        return "".join(text for text, _ in self.snippet)


class Counts(NamedTuple):
    """How much the journal holds (trash excluded)."""

    films: int
    reviews: int
    quotes: int
    comments: int
    tags: int
    watchlist: int
    comments_elsewhere: int


class TrashItem(NamedTuple):
    """Something deleted and waiting in the trash."""

    kind: str
    id: int
    label: str
    deleted_at: datetime


class ListEntry(NamedTuple):
    """A film's place in a list."""

    film_id: int
    position: int
    note: str


class FilmList(NamedTuple):
    """A named, described, ordered list of films."""

    id: int
    name: str
    description: str
    tags: str
    letterboxd_uri: str | None
    created_on: date | None
    created_at: datetime
    updated_at: datetime
    entries: list[ListEntry]


class RemoteComment(NamedTuple):
    """A comment the user wrote elsewhere (Markdown), with the address it was written on."""

    id: int
    url: str
    body: str
    written_on: date | None
    created_at: datetime


class ListSummary(NamedTuple):
    """A list of films and how many films it holds."""

    id: int
    name: str
    description: str
    letterboxd_uri: str | None
    film_count: int


class ListFilm(NamedTuple):
    """A film in a list."""

    position: int
    film_id: int
    title: str
    year: int | None
    note: str
