"""The numbers of a hand-built journal whose answers are counted by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filmjournal.journal import api
from filmjournal.journal.stats import Moment, Streak, _longest_streak, journal_stats


@pytest.fixture
def year_of_films(journal):
    """2024: five viewings of three films over three days in a row and one more day."""
    her = api.create_film("Her", 2013, directors=["Spike Jonze"])
    varda = api.create_film("Cléo from 5 to 7", 1962, directors=["Agnès Varda"])
    both = api.create_film("Faces Places", 2017, directors=["Agnès Varda", "JR"])
    later = api.create_film("Past Lives", 2023)
    api.set_watchlist(later.id, True, added_on=date(2024, 3, 1))
    api.set_watchlist(both.id, True, added_on=date(2024, 1, 1))

    def viewing(film, day, *, written, **values):
        created = datetime(2024, 1, written, 12, tzinfo=UTC)
        return api.create_review(film.id, watched_on=day, created_at=created, **values)

    first = viewing(
        her,
        date(2024, 1, 5),
        written=5,
        rating=4.5,
        tags=["love"],
        where_watched="Netflix",
        headline="A voice",
        body="Lonely and warm at once.",
    )
    viewing(
        her,
        date(2024, 1, 6),
        written=6,
        rating=5,
        is_rewatch=True,
        where_watched="netflix",
        body="Better again.",
    )
    viewing(
        varda,
        date(2024, 1, 7),
        written=7,
        rating=3.5,
        tags=["paris", "Love"],
        where_watched="Cinéma",
        is_liked=True,
        body="Paris in real time.",
    )
    viewing(both, date(2024, 1, 7), written=9, rating=4, tags=["love"], where_watched="cinema")
    viewing(varda, date(2024, 3, 2), written=10, is_rewatch=True, headline="Again")
    api.create_review(her.id, watched_on=date(2023, 12, 31), rating=1, body="Not this year.")
    kept = datetime(2024, 1, 8, tzinfo=UTC)
    api.create_quote(her.id, "Feelings are shared.", is_favourite=True, created_at=kept)
    api.create_quote(varda.id, "Paris.", created_at=kept)
    api.create_quote(later.id, "Not watched.", created_at=kept)
    return {"her": her.id, "varda": varda.id, "both": both.id, "later": later.id, "first": first.id}


def test_the_year_counts_what_was_watched_that_year(year_of_films):
    numbers = journal_stats(year=2024)
    assert (numbers.films_watched, numbers.viewings) == (3, 5)
    assert (numbers.first_time, numbers.rewatches) == (3, 2)
    assert numbers.reviews_written == 4  # Faces Places has no text
    # words as search counts them: "A voice" 2 + 5, "Better again" 2, 4, 0, "Again" 1
    assert numbers.words_written == 2 + 5 + 2 + 4 + 1
    assert numbers.average_rating == 4.25
    assert numbers.ratings == {
        **dict.fromkeys(numbers.ratings, 0),
        "3.5": 1,
        "4": 1,
        "4.5": 1,
        "5": 1,
    }
    assert numbers.per_month["2024-01"] == 4 and numbers.per_month["2024-03"] == 1
    assert len(numbers.per_month) == 12 and sum(numbers.per_month.values()) == 5
    # 2024-01-05 Friday, 01-06 Saturday, 01-07 Sunday (twice), 03-02 Saturday
    assert numbers.per_weekday == {
        "Monday": 0,
        "Tuesday": 0,
        "Wednesday": 0,
        "Thursday": 0,
        "Friday": 1,
        "Saturday": 2,
        "Sunday": 2,
    }
    assert numbers.top_tags == [("love", 3), ("paris", 1)]
    assert numbers.places == [("Cinéma", 2), ("Netflix", 2)]  # however each was written
    assert numbers.directors == [("Agnès Varda", 3), ("Spike Jonze", 2), ("JR", 1)]
    assert numbers.liked == 1
    assert (numbers.watchlist_added, numbers.watched_from_watchlist) == (2, 1)
    assert numbers.watching_streak == Streak(3, "2024-01-05", "2024-01-07")
    assert numbers.writing_streak == Streak(3, "2024-01-05", "2024-01-07")
    assert numbers.busiest_day == ("2024-01-07", 2)
    assert (numbers.quotes_kept, numbers.favourite_quotes) == (2, 1)  # Past Lives unwatched
    assert numbers.first_film == Moment(
        "Her", 2013, "2024-01-05", year_of_films["her"], year_of_films["first"]
    )
    assert numbers.last_film is not None and numbers.last_film.title == "Cléo from 5 to 7"


def test_all_time_and_a_filter(year_of_films):
    everything = journal_stats()
    assert (everything.viewings, everything.films_watched) == (6, 3)
    assert everything.average_rating == round((4.5 + 5 + 3.5 + 4 + 1) / 5, 2)
    assert (
        list(everything.per_month)[:2] == ["2023-12", "2024-01"] and len(everything.per_month) == 4
    )
    assert everything.first_film is not None and everything.first_film.day == "2023-12-31"
    loved = journal_stats(api.parse_filter("tag:love -rewatch"), 2024)
    assert (loved.viewings, loved.films_watched) == (3, 3)
    assert loved.top_tags == [("love", 3), ("paris", 1)]
    assert journal_stats(api.parse_filter("director:jonze"), 2024).viewings == 2
    assert journal_stats(api.parse_filter("tag:nothing")).viewings == 0


def test_an_empty_journal_has_zeros_not_errors(journal):
    numbers = journal_stats(year=2024)
    assert (numbers.viewings, numbers.words_written, numbers.average_rating) == (0, 0, None)
    assert numbers.watching_streak == Streak() and numbers.first_film is None
    assert numbers.as_json()["busiest_day"] is None


@given(st.sets(st.dates(min_value=date(1999, 12, 20), max_value=date(2000, 3, 10)), max_size=60))
def test_the_longest_streak_is_the_earliest_longest_run_of_days(days):
    def run_from(first: date) -> int:
        length = 0
        while first + timedelta(days=length) in days:
            length += 1
        return length

    found = _longest_streak([day.isoformat() for day in sorted(days)])
    if not days:
        assert found == Streak()
        return
    longest = max(run_from(day) for day in days)
    first = min(day for day in days if run_from(day) == longest)
    last = first + timedelta(days=longest - 1)
    assert found == Streak(longest, first.isoformat(), last.isoformat())


@pytest.mark.sqlite_only  # no journal needed: the zone a server is told to count days in
def test_a_server_counts_writing_days_in_this_computers_zone(monkeypatch):
    import time as clock

    from tzlocal import reload_localzone

    from filmjournal.journal.engine import local_zone

    monkeypatch.setenv("TZ", "America/Sao_Paulo")
    clock.tzset()
    reload_localzone()  # tzlocal keeps what it read first
    try:
        assert local_zone() == "America/Sao_Paulo"
    finally:
        monkeypatch.undo()
        clock.tzset()
        reload_localzone()
