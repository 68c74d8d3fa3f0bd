"""Rich tables for the command line on a terminal. User text is never read as markup."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from filmjournal.display import counted, markdown_text, one_line, printable, stars
from filmjournal.journal.records import FilmRow, ListFilm, ListSummary, SearchHit, film_label
from filmjournal.journal.stats import Stats, Streak


def _plain(value: object, style: str = "") -> Text:
    """A table cell holding user text literally."""
    return Text(printable(str(value)), style=style)


def print_films(films: list[FilmRow]) -> None:
    """The film list as a table."""
    table = Table("Film", "Year", "Reviews", "Last watched", "Rating", box=None, pad_edge=False)
    for film in films:
        title = _plain(film.title, style="bold")
        if film.watchlist_added_on:
            title.append("  watchlist", style="dim italic")
        table.add_row(
            title,
            _plain(film.year or ""),
            _plain(film.reviews or ""),
            _plain(film.last_watched or ""),
            _plain(stars(film.rating), style="yellow"),
        )
    Console().print(table)


def print_counts(path: Path | str, counts: dict[str, int]) -> None:
    """The journal's counts as a table."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for name, value in counts.items():
        table.add_row(_plain(name.replace("_", " ").capitalize()), _plain(f"{value:,}"))
    console = Console()
    console.print(Text.assemble(("Journal ", "dim"), _plain(path)))
    console.print(table)


def print_stats(path: Path | str, counts: dict[str, int], numbers: Stats) -> None:
    """The journal's totals, then the chosen viewings' numbers with bar charts."""
    from filmjournal.charts import bar_lines

    print_counts(path, counts)
    console = Console()
    scope = f"in {numbers.year}" if numbers.year else "all time"
    console.print(Text(f"\nViewings, {scope}", style="bold underline"))
    summary = Table(box=None, show_header=False, pad_edge=False)
    summary.add_column(style="bold")
    summary.add_column()
    watched = f"{numbers.viewings:,} viewings of {numbers.films_watched:,} films"
    from_list = numbers.watched_from_watchlist
    rows = [
        ("Watched", f"{watched} ({numbers.first_time:,} first time, {numbers.rewatches:,} again)"),
        ("Written", f"{numbers.reviews_written:,} reviews, {numbers.words_written:,} words"),
        ("Average rating", _average(numbers.average_rating)),
        ("Liked", f"{numbers.liked:,} films"),
        ("Watchlist", f"{numbers.watchlist_added:,} added, {from_list:,} watched from it"),
        (
            "Quotes kept",
            f"{numbers.quotes_kept:,} ({counted(numbers.favourite_quotes, 'favourite')})",
        ),
        ("Watching streak", _streak(numbers.watching_streak)),
        ("Writing streak", _streak(numbers.writing_streak)),
    ]
    if numbers.busiest_day:
        day, count = numbers.busiest_day
        rows.append(("Busiest day", f"{day} ({counted(count, 'film')})"))
    for label, moment in (("First film", numbers.first_film), ("Last film", numbers.last_film)):
        if moment is not None:
            rows.append((label, f"{film_label(moment.title, moment.year)}, {moment.day}"))
    for label, value in rows:
        summary.add_row(_plain(label), _plain(value))
    console.print(summary)
    charts = [
        ("Ratings", {f"{float(k):g}★": v for k, v in numbers.ratings.items()}),
        ("Per month", numbers.per_month),
        ("Per weekday", {day[:3]: count for day, count in numbers.per_weekday.items()}),
        ("Top tags", dict(numbers.top_tags)),
        ("Places", dict(numbers.places)),
        ("Directors", dict(numbers.directors)),
    ]
    for title, counts_by_label in charts:
        if not any(counts_by_label.values()):
            continue
        table = Table(title=title, title_justify="left", box=None, show_header=False)
        table.add_column(style="bold")
        table.add_column(style="cyan")
        table.add_column(justify="right")
        for label, drawn, count in bar_lines(counts_by_label, 30):
            table.add_row(_plain(label), drawn, f"{count:,}")
        console.print(table)


def _average(rating: float | None) -> str:
    return f"{rating:.2f} {stars(rating)}" if rating is not None else "none"


def _streak(streak: Streak) -> str:
    if not streak.days:
        return "none"
    days = f"{streak.days} day{'s' if streak.days != 1 else ''}"
    return days if streak.days == 1 else f"{days}, {streak.start} to {streak.end}"


_JOINERS = {"review": " · ", "quote": " — ", "comment": " by "}


def _found_in(hit: SearchHit) -> Text:
    """Where a hit is: a film, a review and its headline, a quote and its speaker, a comment by."""
    found = Text(hit.kind, style="dim")
    joiner = _JOINERS.get(hit.kind)
    if joiner and hit.title:
        found.append(joiner + printable(hit.title))
    return found


def print_hits(hits: list[SearchHit]) -> None:
    """Search hits with their matches highlighted."""
    table = Table("Film", "Found in", "Snippet", box=None, pad_edge=False)
    for hit in hits:
        snippet = Text()
        for text, is_match in hit.snippet:
            snippet.append(printable(text), style="bold reverse" if is_match else "")
        table.add_row(
            _plain(film_label(hit.film_title, hit.film_year), style="bold"),
            _found_in(hit),
            snippet,
        )
    if not hits:
        Console().print("No matches.")
    else:
        Console().print(table)


def print_lists(lists: list[ListSummary]) -> None:
    """The lists of films, with how many films each holds."""
    table = Table("Id", "List", "Films", box=None, pad_edge=False)
    for summary in lists:
        table.add_row(
            _plain(summary.id), _plain(summary.name, style="bold"), _plain(summary.film_count)
        )
    Console().print(table)


def print_list_films(films: list[ListFilm]) -> None:
    """The films of one list, in order, with the list's note on each."""
    table = Table("#", "Film", "Note", box=None, pad_edge=False)
    for film in films:
        label = film_label(film.title, film.year)
        note = _plain(one_line(markdown_text(film.note)), "dim")
        table.add_row(_plain(film.position), _plain(label, style="bold"), note)
    Console().print(table)
