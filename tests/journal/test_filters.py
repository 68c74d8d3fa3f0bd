"""The filter language: each term read and checked, and its SQL checked against the JSON export
filtered in Python (a reader written separately from the SQL)."""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filmjournal.exchange.jsonformat import json_text
from filmjournal.folding import fold
from filmjournal.journal import api, search
from filmjournal.journal.filters import (
    FilterError,
    matching_film_ids,
    matching_review_ids,
    parse_filter,
)
from filmjournal.journal.models import db
from filmjournal.journal.snapshot import snapshot_in_parts

# Reading ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("rating:>=9", "term rating:>=9: a rating is from 0.5 to 5 stars, in half stars"),
        ("rating:3.3", "term rating:3.3: a rating is from 0.5 to 5 stars, in half stars"),
        ("rating:good", "term rating:good: a rating is a number of stars, like 3.5"),
        ("watched:2024-13", "term watched:2024-13: there is no month 13"),
        ("watched:2023-02-29", "term watched:2023-02-29: 2023-02 has no day 29"),
        ("watched:yesterday", "term watched:yesterday: a date is 2024, 2024-05 or 2024-05-17"),
        ("year:13", "term year:13: a year is four digits, like 2013"),
        ("year:2000..1990", "term year:2000..1990: the range ends before it starts"),
        ("raiting:4", "term raiting:4: 'raiting' is not something to filter on"),
        ('love director:"Spike Jonze', 'term director:"Spike: has a quote that is never closed'),
        ("tag:", "term tag:: needs a value after the colon"),
        ('tag:""', 'term tag:"": needs a value after the colon'),
        ("-", "term -: has no word to search for"),
    ],
)
def test_a_bad_term_is_named_with_its_problem(text, problem):
    with pytest.raises(FilterError) as refused:
        parse_filter(text)
    assert str(refused.value).startswith(f"filter {problem}")


def test_terms_are_read_with_quotes_negation_and_flags():
    chosen = parse_filter('tag:Love -tag:horror director:"Spike Jonze" liked "liked" Mission:')
    assert [str(term) for term in chosen.terms] == [
        "tag:Love",
        "-tag:horror",
        'director:"Spike Jonze"',
        "liked",
        '"liked"',
        "Mission:",
    ]
    assert chosen.words == "liked Mission:"
    assert not parse_filter("   ")


# Known answers ----------------------------------------------------------------------------------


@pytest.fixture
def small_journal(journal):
    """Three films whose answers are known."""
    her = api.create_film("Her", 2013, directors=["Spike Jonze"])
    api.create_review(
        her.id,
        watched_on=date(2024, 2, 14),
        where_watched="Netflix",
        rating=4.5,
        tags=["love", "loneliness"],
        has_spoilers=True,
        body="How ordinary the loneliness looks.",
    )
    api.create_review(her.id, watched_on=date(2025, 1, 3), rating=5, is_rewatch=True)
    amelie = api.create_film("Amélie", 2001, directors=["Jean-Pierre Jeunet"])
    api.create_review(amelie.id, watched_on=date(2024, 5, 1), where_watched="Cinéma", rating=3)
    api.update_film(amelie.id, is_liked=True)
    later = api.create_film("Past Lives", 2023)
    api.set_watchlist(later.id, True)
    return {"her": her.id, "amelie": amelie.id, "later": later.id}


@pytest.mark.parametrize(
    ("text", "films"),
    [
        ("tag:LOVE", ["her"]),
        ("-tag:love", ["her", "amelie", "later"]),  # Her's rewatch is not tagged
        ("rating:>=4.5", ["her"]),
        ("rating:3..4", ["amelie"]),
        ("rating:<3", []),
        ("year:2001..2013", ["her", "amelie"]),
        ("year:>2013", ["later"]),
        ("watched:2024", ["her", "amelie"]),
        ("watched:2024-05", ["amelie"]),
        ("watched:>=2025-01-03", ["her"]),
        ("where:cinema", ["amelie"]),
        ("director:jonze", ["her"]),
        ('director:"jean-pierre"', ["amelie"]),
        ("rewatch", ["her"]),
        ("spoilers", ["her"]),
        ("watchlist", ["later"]),
        ("-watchlist rating:>=3", ["her", "amelie"]),
        ("liked", ["amelie"]),
        ("ordinary", ["her"]),
        ("amelie", ["amelie"]),
        ("tag:love rating:5", []),  # one viewing must match every viewing term
        ("tag:love watched:2024", ["her"]),
    ],
)
def test_filters_select_the_films_whose_answers_are_known(small_journal, text, films):
    found = matching_film_ids(parse_filter(text))
    assert found == sorted(small_journal[name] for name in films)
    assert matching_film_ids(parse_filter(text).with_words_found()) == found


def test_viewings_are_selected_one_by_one(small_journal):
    assert len(matching_review_ids(parse_filter("year:2013"))) == 2
    assert len(matching_review_ids(parse_filter("year:2013 -rewatch"))) == 1
    assert len(matching_review_ids(parse_filter("watchlist"))) == 0


# Against the JSON export, filtered in Python -----------------------------------------------------

WORDS = ["sea", "night", "love", "mère", "rain", "city"]
TAGS = ["love", "Horror", "été"]
PLACES = ["Netflix", "cinema", "Cinéma", ""]
DIRECTORS = ["Spike Jonze", "Agnès Varda", "Bong Joon-ho"]

# Small journals: each example builds one (200 examples in CI)
films_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "year": st.one_of(st.none(), st.integers(1990, 2000)),
            "directors": st.lists(st.sampled_from(DIRECTORS), max_size=2, unique=True),
            "watchlist": st.booleans(),
            "liked": st.booleans(),
            "words": st.lists(st.sampled_from(WORDS), max_size=2),
            "reviews": st.lists(
                st.fixed_dictionaries(
                    {
                        "rating": st.one_of(st.none(), st.integers(1, 10).map(lambda n: n / 2)),
                        "watched_on": st.one_of(
                            st.none(), st.dates(date(1999, 11, 1), date(2000, 2, 28))
                        ),
                        "where_watched": st.sampled_from(PLACES),
                        "is_rewatch": st.booleans(),
                        "is_liked": st.booleans(),
                        "has_spoilers": st.booleans(),
                        "tags": st.lists(st.sampled_from(TAGS), max_size=2, unique_by=fold),
                        "body": st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join),
                    }
                ),
                max_size=3,
            ),
        }
    ),
    min_size=1,
    max_size=4,
)

term_strategy = st.one_of(
    st.sampled_from(TAGS).map(lambda tag: f"tag:{tag.upper()}"),
    st.sampled_from(["", ">=", "<=", "<", ">", "="]).flatmap(
        lambda op: st.integers(1, 10).map(lambda n: f"rating:{op}{n / 2:g}")
    ),
    st.integers(1990, 2000).map(lambda year: f"year:{year}"),
    st.tuples(st.integers(1990, 2000), st.integers(0, 5)).map(
        lambda p: f"year:{p[0]}..{p[0] + p[1]}"
    ),
    st.sampled_from(
        ["1999", "2000", "1999-12", "2000-02", "2000-01-15", ">=2000-01", "<1999-12"]
    ).map(lambda day: f"watched:{day}"),
    st.sampled_from(["netflix", "CINEMA", "cinéma"]).map(lambda place: f"where:{place}"),
    st.sampled_from(["jonze", '"agnes varda"', "joon"]).map(lambda name: f"director:{name}"),
    st.sampled_from(["rewatch", "liked", "spoilers", "watchlist"]),
    st.sampled_from([*WORDS, "mere"]),
)
filter_strategy = st.lists(
    st.tuples(st.booleans(), term_strategy).map(lambda p: ("-" if p[0] else "") + p[1]),
    min_size=1,
    max_size=3,
).map(" ".join)


def _span(value: str) -> tuple[str, str]:
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return f"{parts[0]}-{parts[1]:02d}-01", f"{parts[0]}-{parts[1]:02d}-{last:02d}"
    day = date(*parts).isoformat()
    return day, day


def _compares(value: Any, text: str, span: Any) -> bool:
    """``value`` against ``op X`` or ``A..B`` (each read into a span), as a person reads it."""
    if value is None:
        return False
    if ".." in text:
        first, last = text.split("..")
        return span(first)[0] <= value <= span(last)[1]
    op = re.match(r"<=|>=|<|>|=|", text).group(0)
    low, high = span(text[len(op) :])
    return {
        "": low <= value <= high,
        "=": low <= value <= high,
        "<": value < low,
        "<=": value <= high,
        ">": value > high,
        ">=": value >= low,
    }[op]


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", fold(text)))


def _holds(term: str, film: dict[str, Any], review: dict[str, Any] | None) -> bool:
    """One term on a film and one of its viewings (None: no viewing), read from the export."""
    field, _, value = term.partition(":") if ":" in term else (None, "", term)
    value = value.strip('"')
    if field is None:
        if term in ("rewatch", "spoilers"):
            return bool(review and review["rewatch" if term == "rewatch" else "spoilers"])
        if term == "liked":
            return film["liked"] or bool(review and review["liked"])
        if term == "watchlist":
            return film["watchlist_added_on"] is not None
        words = _tokens(term)
        film_text = _tokens(" ".join([film["title"], film["original_title"], *film["directors"]]))
        review_text = _tokens(f"{review['headline']} {review['body']}") if review else set()
        return words <= film_text or words <= review_text
    if field == "year":
        return _compares(film["year"], value, lambda y: (int(y), int(y)))
    if field == "director":
        return any(fold(value) in fold(name) for name in film["directors"]) or fold(value) in fold(
            ", ".join(film["directors"])
        )
    if review is None:
        return False
    if field == "tag":
        return fold(value) in {fold(tag) for tag in review["tags"]}
    if field == "rating":
        return _compares(review["rating"], value, lambda r: (float(r), float(r)))
    if field == "watched":
        return _compares(review["watched_on"], value, _span)
    if field == "where":
        return fold(review["where_watched"]) == fold(value)
    raise AssertionError(term)


def _python_filter(export: dict[str, Any], text: str) -> list[str]:
    terms = re.findall(r'-?\w+:"[^"]*"|\S+', text)
    chosen = []
    for film in export["films"]:
        for review in film["reviews"] or [None]:
            if all(_holds(t.lstrip("-"), film, review) != t.startswith("-") for t in terms):
                chosen.append(film["title"])
                break
    return sorted(chosen)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(films=films_strategy, text=filter_strategy)
def test_sql_filters_agree_with_the_json_export_filtered_in_python(journal, films, text):
    db.execute_sql("DELETE FROM film")  # each example starts from an empty journal
    search.rebuild()
    titles = {}
    for number, film in enumerate(films):
        title = f"Film {number} {' '.join(film['words'])}".strip()
        created = api.create_film(title, film["year"], directors=film["directors"])
        titles[created.id] = title
        if film["watchlist"]:
            api.set_watchlist(created.id, True)
        if film["liked"]:
            api.update_film(created.id, is_liked=True)
        for review in film["reviews"]:
            api.create_review(created.id, **review)
    export = json.loads("".join(json_text(snapshot_in_parts())))
    expected = _python_filter(export, text)
    found = sorted(titles[film_id] for film_id in matching_film_ids(parse_filter(text)))
    assert found == expected
    searched_once = parse_filter(text).with_words_found()  # as stats reads it
    assert sorted(titles[film_id] for film_id in matching_film_ids(searched_once)) == expected
