"""One small filter language for the film list, ``list``, ``search``, ``stats`` and exports.

``tag:love rating:>=4 year:2013 watched:2024-05 where:netflix director:"Spike Jonze" rewatch
liked spoilers watchlist list:"Best of 2024"`` and free words, all required; ``-`` before a term
negates it. A filter selects viewings (reviews) and the films they belong to: film terms (year,
director, liked, watchlist, list) test the film, viewing terms (tag, rating, watched, where,
rewatch, spoilers) test each viewing, and a film matches when one of its viewings matches (a
film without viewings matches a filter of film terms only). Free words are full text (titles,
directors, headlines and bodies); the interface's film list reads them as title words instead.

Each term becomes a piece of SQL with parameters (:meth:`Filter.where`), never a Python loop;
a bad term is a :class:`FilterError` naming it. The tokenizer is written here: shlex drops the
quotes that tell ``"liked"`` (a word) from ``liked`` (a term), and no library parses this
particular little language.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import date
from typing import Any

from filmjournal.folding import fold
from filmjournal.journal.engine import execute, id_list, ids_table
from filmjournal.journal.errors import ValidationError
from filmjournal.journal.records import SearchHit
from filmjournal.journal.search import SLOTS, match_expression, matches_sql, search
from filmjournal.journal.validation import identity_key

FIELDS = ("tag", "rating", "year", "watched", "where", "director", "list")
"""Terms written ``field:value``."""
FLAGS = ("rewatch", "liked", "spoilers", "watchlist")
"""Terms written as a bare word (quote the word to search for it instead)."""
MAX_TERMS = 32
"""Terms in one filter at most."""

_TOKEN = re.compile(
    r'(?P<negated>-)?(?:(?P<field>[A-Za-z]+):)?(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+))'
)
_COMPARISON = re.compile(r"(?P<op><=|>=|<|>|=)?(?P<value>.+)")
_DAY = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
_OPERATORS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "=", None: "="}


class FilterError(ValidationError):
    """A filter that cannot be read; the message names the term."""

    def __init__(self, term: str, problem: str) -> None:
        super().__init__("filter", f"term {term}: {problem}")
        self.term = term


@dataclass(frozen=True)
class Term:
    """One term: a field and its value, a flag, or free words (``field`` None)."""

    field: str | None
    value: str
    negated: bool = False
    quoted: bool = False
    found: tuple[int, ...] | None = dataclass_field(default=None, compare=False)
    """For free words searched already: the search index rowids they match."""

    def __str__(self) -> str:
        value = f'"{self.value}"' if self.quoted or " " in self.value else self.value
        head = "-" if self.negated else ""
        if self.field in FLAGS:
            return f"{head}{self.field}"
        return f"{head}{self.field}:{value}" if self.field else head + value


@dataclass(frozen=True)
class Filter:
    """A parsed filter: its terms, each checked (see :func:`parse_filter`)."""

    terms: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def words(self) -> str:
        """The free words, for a reader that matches them itself (the film list's titles)."""
        return " ".join(term.value for term in self.terms if term.field is None)

    def without_words(self) -> Filter:
        """The same filter without its free words."""
        return Filter(tuple(term for term in self.terms if term.field is not None))

    def has_viewing_terms(self) -> bool:
        """Whether some term tests viewings (so only films with a viewing can match)."""
        return any(_is_viewing_term(term) and not term.negated for term in self.terms)

    def with_words_found(self) -> Filter:
        """The same filter with its free words searched once, now: each query using it reads
        the rows found instead of searching again."""
        return Filter(
            tuple(
                replace(term, found=_found(term)) if term.field is None else term
                for term in self.terms
            )
        )

    def where(self) -> tuple[str, list[object]]:
        """SQL true for the rows ``film f LEFT JOIN review r`` that match, with parameters.

        ``r`` may be NULL (a film without viewings): a viewing term is then false, and its
        negation true. The caller keeps out films and viewings in the trash.
        """
        pieces, params = [], []
        for term in self.terms:
            sql, values = _term_sql(term)
            pieces.append(
                f"NOT coalesce({sql}, FALSE)" if term.negated else f"coalesce({sql}, FALSE)"
            )
            params += values
        return (" AND ".join(pieces) or "1 = 1"), params


def parse_filter(text: str) -> Filter:
    """Read a filter; a FilterError names the first term that cannot be read."""
    terms: list[Term] = []
    if text.count('"') % 2:
        unclosed = text[text.rindex('"') :].split()[0]
        start = text.rfind(" ", 0, text.rindex('"')) + 1
        raise FilterError(text[start:].split()[0] or unclosed, "has a quote that is never closed")
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            break
        found = _TOKEN.match(text, position)
        if found is None:
            raise FilterError(text[position:].split()[0], "has a quote that is never closed")
        position = found.end()
        if position < len(text) and not text[position].isspace():
            raise FilterError(text[found.start() :].split()[0], "has a quote inside it")
        terms.append(_term(found))
        if len(terms) > MAX_TERMS:
            raise FilterError(
                text[found.start() :].split()[0], f"one term too many (at most {MAX_TERMS})"
            )
    checked = tuple(terms)
    for term in checked:
        _term_sql(term)  # every value checked now, not when the query runs
    return Filter(checked)


def _term(found: re.Match[str]) -> Term:
    negated = bool(found["negated"])
    field = found["field"]
    quoted = found["quoted"] is not None
    value = found["quoted"] if quoted else found["bare"]
    raw = found.group(0)
    if field is not None and field.lower() not in FIELDS:
        if value and not quoted:  # a word with a colon in it ("Mission:") is text; this is not
            known = ", ".join(FIELDS)
            raise FilterError(raw, f"{field!r} is not something to filter on (try {known})")
        return Term(None, f"{field}:{value}".strip(":"), negated, quoted)
    if field is None and not quoted and value.rstrip(":").lower() in FIELDS and value.endswith(":"):
        raise FilterError(raw, "needs a value after the colon")
    if field is None:
        if not quoted and value.lower() in FLAGS:
            return Term(value.lower(), "", negated)
        return Term(None, value, negated, quoted)
    if not value.strip():
        raise FilterError(raw, "needs a value after the colon")
    return Term(field.lower(), value.strip(), negated, quoted)


# Terms as SQL -----------------------------------------------------------------------------------

_FLAG_SQL = {
    "rewatch": "r.is_rewatch = 1",
    "liked": "(f.is_liked = 1 OR r.is_liked = 1)",
    "spoilers": "r.has_spoilers = 1",
    "watchlist": "f.watchlist_added_on IS NOT NULL",
}
_VIEWING_FIELDS = {"tag", "rating", "watched", "where"}
_VIEWING_FLAGS = {"rewatch", "spoilers"}


def _is_viewing_term(term: Term) -> bool:
    return term.field in _VIEWING_FIELDS or term.field in _VIEWING_FLAGS


def _term_sql(term: Term) -> tuple[str, list[object]]:
    """One term as SQL over ``f`` and ``r``, with its parameters (the value checked)."""
    field, value = term.field, term.value
    if field is None:
        return _words_sql(term)
    if field in _FLAG_SQL:
        return _FLAG_SQL[field], []
    if field == "tag":
        return (
            "EXISTS (SELECT 1 FROM review_tag rt JOIN tag t ON t.id = rt.tag_id"
            " WHERE rt.review_id = r.id AND t.name_key = ?)",
            [identity_key(value)],
        )
    if field == "rating":
        return _compare("r.rating", *_ratings(term))
    if field == "year":
        return _compare("f.year", *_years(term))
    if field == "watched":
        return _compare("r.watched_on", *_days(term))
    if field == "where":
        return "fold(r.where_watched) = ?", [fold(value.strip())]
    if field == "director":
        return "instr(fold(f.directors), ?) > 0", [fold(value.strip())]
    if field == "list":
        return (
            "EXISTS (SELECT 1 FROM list_entry e JOIN list l ON l.id = e.film_list_id"
            " WHERE e.film_id = f.id AND l.deleted_at IS NULL AND fold(l.name) = ?)",
            [fold(value.strip())],
        )
    raise AssertionError(field)  # pragma: no cover - the parser knows every field


def _words_sql(term: Term) -> tuple[str, list[object]]:
    """Free words: the film's title or directors, or the viewing's headline or body."""
    try:
        expression = match_expression(term.value)
    except ValidationError as error:
        raise FilterError(str(term), error.problem) from None
    if not expression:
        raise FilterError(str(term), "has no word to search for")
    if term.found is not None:
        table, value = ids_table(), id_list(term.found)
    else:
        table = f"(SELECT rowid FROM search_index WHERE {matches_sql()})"
        value = expression
    return (f"(f.id * {SLOTS} IN {table} OR r.id * {SLOTS} + 1 IN {table})", [value, value])


def _found(term: Term) -> tuple[int, ...]:
    """The search index rowids of the films and viewings the free words match."""
    _words_sql(term)  # the words are checked first
    sql = f"""SELECT rowid FROM search_index
        WHERE {matches_sql()} AND rowid % {SLOTS} IN (0, 1)"""
    return tuple(row[0] for row in execute(sql, (match_expression(term.value),)))


Bound = tuple[str | None, Any, Any]
"""A comparison: its operator (None: between the two values) and the values."""


def _compare(
    column: str, operator: str | None, low: object, high: object
) -> tuple[str, list[object]]:
    if operator is None:
        return f"{column} BETWEEN ? AND ?", [low, high]
    if operator in ("<", ">="):
        return f"{column} {operator} ?", [low]
    if operator in (">", "<="):
        return f"{column} {operator} ?", [high]
    return f"{column} BETWEEN ? AND ?", [low, high]


def _ranges(term: Term, read: Callable[[str], tuple[Any, Any]]) -> Bound:
    """``op value`` or ``low..high``, each value read into a (low, high) span by ``read``."""
    text = term.value.replace(" ", "")
    if ".." in text:
        first, _, last = text.partition("..")
        low, _ = read(first)
        _, high = read(last)
        if low > high:
            raise FilterError(str(term), "the range ends before it starts")
        return None, low, high
    comparison = _COMPARISON.fullmatch(text)
    if comparison is None:
        raise FilterError(str(term), "needs a value")
    low, high = read(comparison["value"])
    return _OPERATORS[comparison["op"]], low, high


def _ratings(term: Term) -> Bound:
    def read(text: str) -> tuple[float, float]:
        try:
            stars = float(text)
        except ValueError:
            raise FilterError(str(term), "a rating is a number of stars, like 3.5") from None
        if not 0.5 <= stars <= 5 or stars * 2 != int(stars * 2):
            raise FilterError(str(term), "a rating is from 0.5 to 5 stars, in half stars")
        return stars, stars

    return _ranges(term, read)


def _years(term: Term) -> Bound:
    def read(text: str) -> tuple[int, int]:
        if not re.fullmatch(r"\d{4}", text):
            raise FilterError(str(term), "a year is four digits, like 2013")
        return int(text), int(text)

    return _ranges(term, read)


def _days(term: Term) -> Bound:
    def read(text: str) -> tuple[str, str]:
        found = _DAY.fullmatch(text)
        if found is None:
            raise FilterError(str(term), "a date is 2024, 2024-05 or 2024-05-17")
        year = int(found["year"])
        if found["month"] is None:
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        month = int(found["month"])
        if not 1 <= month <= 12:
            raise FilterError(str(term), f"there is no month {month}")
        last = calendar.monthrange(year, month)[1]
        if found["day"] is None:
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        day = int(found["day"])
        try:
            chosen = date(year, month, day)
        except ValueError:
            raise FilterError(str(term), f"{year:04d}-{month:02d} has no day {day}") from None
        return chosen.isoformat(), chosen.isoformat()

    return _ranges(term, read)


# Queries ----------------------------------------------------------------------------------------


def matching_film_ids(chosen: Filter) -> list[int]:
    """The ids of the films (not in the trash) that match, in id order."""
    where, params = chosen.where()
    sql = f"""SELECT DISTINCT f.id FROM film f
        LEFT JOIN review r ON r.film_id = f.id AND r.deleted_at IS NULL
        WHERE f.deleted_at IS NULL AND {where} ORDER BY f.id"""
    return [row[0] for row in execute(sql, params)]


def matching_review_ids(chosen: Filter) -> list[int]:
    """The ids of the viewings (of films not in the trash) that match, in id order."""
    where, params = chosen.where()
    sql = f"""SELECT r.id FROM review r JOIN film f ON f.id = r.film_id
        WHERE r.deleted_at IS NULL AND f.deleted_at IS NULL AND {where} ORDER BY r.id"""
    return [row[0] for row in execute(sql, params)]


_FIELD_TERM = re.compile(rf"(?:^|\s)-?(?:{'|'.join(FIELDS)}):\S", re.IGNORECASE)


def parse_search(text: str) -> Filter:
    """Words to search for, with filter terms among them. Without a ``field:`` term, what the
    filter language cannot read (a stray quote, a hundred words) is searched as plain words,
    as search always did (FTS syntax is taken as words there)."""
    try:
        return parse_filter(text)
    except FilterError:
        if _FIELD_TERM.search(text):
            raise
        return Filter((Term(None, text),))


def search_filtered(chosen: Filter, *, limit: int = 50) -> list[SearchHit]:
    """The best hits for the filter's words, kept to the films and viewings its other terms
    choose (ranked among more hits, so that ``limit`` are left after filtering)."""
    words = " ".join(term.value for term in chosen.terms if term.field is None and not term.negated)
    if not words.strip():
        problem = "needs words to look for (what a filter alone chooses: filmjournal list)"
        raise ValidationError("search", problem)
    rest = Filter(tuple(t for t in chosen.terms if t.field is not None or t.negated))
    if not rest:
        return search(words, limit=limit)
    films = set(matching_film_ids(rest))
    reviews = set(matching_review_ids(rest)) if rest.has_viewing_terms() else None
    kept = [
        hit
        for hit in search(words, limit=max(limit * 20, 1000))
        if hit.film_id in films
        and (reviews is None or hit.review_id is None or hit.review_id in reviews)
    ]
    return kept[:limit]
