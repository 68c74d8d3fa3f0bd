"""The film list at any size: ids and folded titles in memory, rows read a page at a time."""

from __future__ import annotations

from datetime import date

import pytest

from filmjournal.folding import fold
from filmjournal.journal import api
from filmjournal.journal.catalogue import CACHED_ROWS, PAGE
from filmjournal.journal.models import FilmModel


def add_films(count: int) -> list[api.Film]:
    return [api.create_film(f"Film {number:04d}", 1900 + number % 100) for number in range(count)]


def test_rows_read_a_page_at_a_time_are_the_listed_rows(journal):
    add_films(PAGE * 2 + 7)
    catalogue = api.read_catalogue()
    rows = catalogue.rows_in_order()
    assert list(rows) == api.list_films()
    assert rows[-1] == api.list_films()[-1]
    assert list(rows[3:5]) == api.list_films()[3:5]


def test_only_the_rows_drawn_are_read(journal):
    add_films(PAGE * 3)
    catalogue = api.read_catalogue()
    catalogue.row(0)
    assert catalogue.cached(catalogue.ids[0]) is not None
    assert catalogue.cached(catalogue.ids[-1]) is None
    assert len(catalogue._rows) <= PAGE


def test_the_row_cache_stays_bounded(journal):
    add_films(60)
    catalogue = api.read_catalogue()
    catalogue._rows.update({-n: catalogue.row(0) for n in range(1, CACHED_ROWS + 2)})
    catalogue.read_rows([catalogue.ids[1]])
    assert len(catalogue._rows) == 1


def test_matching_folds_accents_and_case_and_needs_every_word(journal):
    films = (("Amélie", 2001), ("Her", 2013), ("Héros", 2013), ("The Heron", 1999))
    for title, year in (*films, ("(500) Days of Summer", 2009)):
        api.create_film(title, year)
    catalogue = api.read_catalogue()

    def titles(needle: str) -> list[str]:
        rows = api.FilmRows(catalogue, catalogue.matching(fold(needle)))
        return [row.title for row in rows]

    assert titles("AMELIE") == ["Amélie"]
    assert titles("her") == ["Her", "Héros", "The Heron"]
    assert titles("her 2013") == ["Her", "Héros"]
    assert titles("Her (2013)") == ["Her", "Héros"]  # as a film is written: brackets aside
    assert titles("(500)") == titles("500 days") == ["(500) Days of Summer"]
    assert titles("zzz") == []


def test_a_longer_filter_narrows_the_earlier_matches(journal):
    add_films(50)
    catalogue = api.read_catalogue()
    earlier = catalogue.matching("film 00")
    assert catalogue.matching("film 004", earlier) == catalogue.matching("film 004")
    assert catalogue.matching("film 004", earlier[:1]) == [
        p for p in earlier[:1] if p in catalogue.matching("film 004")
    ]


def test_titles_starting_with_the_filter_come_first(journal):
    for title in ("A Heron", "Her", "Others", "Hero"):
        api.create_film(title, 2000)
    catalogue = api.read_catalogue()
    matched = catalogue.matching("her")
    ordered = api.FilmRows(catalogue, catalogue.starting_first(matched, "her"))
    assert [row.title for row in ordered] == ["Her", "Hero", "A Heron", "Others"]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("title", ["Aftersun", "Blue", "Cure", "Drive"]),
        ("year", ["Aftersun", "Drive", "Cure", "Blue"]),
        ("last watched", ["Cure", "Blue", "Aftersun", "Drive"]),
        ("rating", ["Blue", "Cure", "Aftersun", "Drive"]),
    ],
)
def test_each_order(journal, order, expected):
    films = {
        title: api.create_film(title, year)
        for title, year in (("Drive", 2011), ("Cure", 1997), ("Blue", 1993), ("Aftersun", 2022))
    }
    api.create_review(films["Blue"].id, watched_on="2020-01-01", rating=5)
    api.create_review(films["Cure"].id, watched_on="2024-01-01", rating=3)
    api.create_review(films["Aftersun"].id, watched_on="2019-01-01")
    catalogue = api.read_catalogue(order)
    assert [row.title for row in catalogue.rows_in_order()] == expected


@pytest.mark.parametrize("order", ["title", "year", "rating"])
def test_twins_are_told_apart_in_every_order(journal, order):
    for title, directors, uri in (("Rain", "Joris Ivens", "a"), ("rain", "", "b")):
        FilmModel.create(
            title=title,
            title_key="rain",
            year=1929,
            directors=directors,
            letterboxd_uri=f"https://boxd.it/{uri}",
        )
    api.create_film("Rain", 2001)
    notes = api.read_catalogue(order).notes
    assert sorted(notes.values()) == ["Joris Ivens", "boxd.it/b"]


def test_the_version_changes_with_the_list_not_with_reviews(her):
    version = api.film_list_version()
    api.create_review(her.id, rating=4, watched_on=date(2014, 5, 2))
    api.set_watchlist(her.id, True)
    assert api.film_list_version() == version
    api.update_film(her.id, title="Her!")
    renamed = api.film_list_version()
    assert renamed > version
    film = api.create_film("Aftersun", 2022)
    assert api.film_list_version() > renamed
    added = api.film_list_version()
    api.delete_film(film.id)
    assert api.film_list_version() > added
    assert api.read_catalogue().version == api.film_list_version()


def test_index_of_finds_a_film_in_a_filtered_list(journal):
    films = add_films(20)
    catalogue = api.read_catalogue()
    rows = api.FilmRows(catalogue, catalogue.matching("film 001"))
    assert rows.index_of(films[12].id) == 3  # after 0001, 0010 and 0011
    assert rows.index_of(films[3].id) is None


def test_a_filtered_screenful_is_read_in_one_query(journal, monkeypatch):
    add_films(PAGE * 3)
    catalogue = api.read_catalogue()
    rows = api.FilmRows(catalogue, catalogue.matching("7"))  # scattered through the catalogue
    reads: list[int] = []
    real = catalogue.read_rows
    monkeypatch.setattr(catalogue, "read_rows", lambda ids: reads.append(len(ids)) or real(ids))
    titles = [rows[index].title for index in range(min(40, len(rows)))]
    assert len(reads) == 1 and all(
        "7" in title or "7" in str(row.year)
        for title, row in zip(titles, [rows[i] for i in range(len(titles))], strict=True)
    )
