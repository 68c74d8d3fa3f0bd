"""Films: identity, validation, updates, the watchlist and the film list summary."""

from __future__ import annotations

from datetime import date

import pytest

from filmjournal.journal import api
from filmjournal.journal.records import split_film_label


def test_create_film_keeps_fields(journal):
    film = api.create_film("  Her ", "2013", directors="Spike Jonze", original_title="Her")
    assert (film.title, film.year, film.directors) == ("Her", 2013, ("Spike Jonze",))
    assert api.get_film(film.id) == film
    assert film.created_at.tzinfo is not None


@pytest.mark.parametrize(
    ("title", "year"), [("her", 2013), ("  HER  ", 2013), ("Her", "2013"), ("hEr", " 2013 ")]
)
def test_same_title_and_year_is_refused_ignoring_case_and_spaces(her, title, year):
    with pytest.raises(
        api.ValidationError, match=r"title 'Her \(2013\)' is already in the journal"
    ):
        api.create_film(title, year)


def test_same_title_without_year_is_refused_once(journal):
    api.create_film("Untitled")
    with pytest.raises(api.ValidationError, match="already in the journal"):
        api.create_film("untitled")


def test_same_title_with_another_year_is_a_different_film(her):
    remake = api.create_film("Her", 1999)
    assert remake.id != her.id


def test_unicode_titles_compare_case_insensitively(journal):
    api.create_film("Amélie", 2001)
    with pytest.raises(api.ValidationError):
        api.create_film("AMÉLIE", 2001)


def test_duplicate_in_trash_says_so(her):
    api.delete_film(her.id)
    with pytest.raises(api.ValidationError, match="in the trash"):
        api.create_film("Her", 2013)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (1869, "year must be between 1870 and"),
        (date.today().year + 3, "year must be between 1870 and"),
        ("soon", "year must be a number, got 'soon'"),
        (True, "year must be a number"),
    ],
)
def test_bad_years_are_refused_with_the_field_named(journal, year, message):
    with pytest.raises(api.ValidationError, match=message):
        api.create_film("Film", year)
    assert api.list_films() == []


def test_empty_title_is_refused(journal):
    with pytest.raises(api.ValidationError, match="title must not be empty"):
        api.create_film("   ", 2000)


def test_title_must_be_one_line(journal):
    with pytest.raises(api.ValidationError, match="title must be a single line"):
        api.create_film("Two\nlines", 2000)


def test_unknown_field_is_refused(her):
    with pytest.raises(api.ValidationError, match="colour is not a film field"):
        api.update_film(her.id, colour="red")


def test_update_film_changes_title_and_keeps_uniqueness(her):
    other = api.create_film("Lost in Translation", 2003)
    renamed = api.update_film(her.id, title="Her (director's cut)")
    assert renamed.title == "Her (director's cut)"
    assert renamed.updated_at >= her.updated_at
    with pytest.raises(api.ValidationError, match="already in the journal"):
        api.update_film(other.id, title="HER (director's cut)", year=2013)
    assert api.get_film(other.id).title == "Lost in Translation"


def test_letterboxd_uri_must_be_a_web_address(journal):
    with pytest.raises(api.ValidationError, match="Letterboxd URI must be a web address"):
        api.create_film("Her", 2013, letterboxd_uri="boxd.it/abc")
    film = api.create_film("Her", 2013, letterboxd_uri="https://boxd.it/4O24")
    assert film.letterboxd_uri == "https://boxd.it/4O24"


def test_watchlist_on_and_off(her):
    on = api.set_watchlist(her.id, True, added_on=date(2024, 1, 2))
    assert on.watchlist_added_on == date(2024, 1, 2)
    assert api.counts().watchlist == 1
    assert api.list_films()[0].watchlist_added_on == "2024-01-02"
    off = api.set_watchlist(her.id, False)
    assert off.watchlist_added_on is None
    assert api.counts().watchlist == 0


def test_find_film_ignores_case_and_trash(her):
    assert api.find_film(" her ", 2013) == her
    assert api.find_film("Her", 2014) is None
    api.delete_film(her.id)
    assert api.find_film("Her", 2013) is None


def test_list_films_summarises_reviews(her):
    api.create_review(her.id, watched_on="2014-05-02", rating=4.5)
    api.create_review(her.id, watched_on="2020-01-01", rating=3)
    api.create_review(her.id, watched_on="2023-03-03")
    api.create_film("Amélie", 2001)
    rows = {row.title: row for row in api.list_films()}
    assert rows["Her"].reviews == 3
    assert rows["Her"].last_watched == "2023-03-03"
    assert rows["Her"].rating == 3
    assert (rows["Amélie"].reviews, rows["Amélie"].last_watched, rows["Amélie"].rating) == (
        0,
        None,
        None,
    )


def test_list_films_summary_follows_review_changes(her):
    review = api.create_review(her.id, watched_on="2014-05-02", rating=4.5)
    api.update_review(review.id, rating=2, watched_on="2015-01-01")
    assert api.list_films()[0][3:6] == (1, "2015-01-01", 2)
    api.delete_review(review.id)
    assert api.list_films()[0][3:6] == (0, None, None)
    api.restore("review", review.id)
    assert api.list_films()[0][3:6] == (1, "2015-01-01", 2)


def test_list_films_is_sorted_by_title_ignoring_case(journal):
    for title in ("b film", "A film", "c film"):
        api.create_film(title, 2000)
    assert [row.title for row in api.list_films()] == ["A film", "b film", "c film"]


def test_deleted_film_leaves_the_list(her):
    api.delete_film(her.id)
    assert api.list_films() == []
    with pytest.raises(api.NotFoundError, match="no film with id"):
        api.get_film(her.id)


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("Her (2013)", ("Her", 2013)),
        ("  Her   (2013)  ", ("Her", 2013)),
        ("(500) Days of Summer (2009)", ("(500) Days of Summer", 2009)),
        ("(500) Days of Summer", ("(500) Days of Summer", None)),
        ("Her (13)", ("Her (13)", None)),
        ("Her (\uff12\uff10\uff11\uff13)", ("Her (\uff12\uff10\uff11\uff13)", None)),  # full-width
        ("(2013)", ("(2013)", None)),
        ("Her", ("Her", None)),
        ("Her (director's cut)", ("Her (director's cut)", None)),
    ],
)
def test_a_typed_label_names_a_title_and_maybe_a_year(typed, named):
    assert split_film_label(typed) == named
