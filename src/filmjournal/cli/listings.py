"""Commands that list what the journal holds: ``list``, ``stats``, ``search`` and ``lists``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from filmjournal.cli.journal_file import opened_journal
from filmjournal.cli.output import Listing, output_options, show
from filmjournal.display import markdown_text, rating_number

if TYPE_CHECKING:
    from filmjournal.journal.records import SearchHit


@click.command("list")
@click.argument("filter_words", metavar="[FILTER]...", nargs=-1)
@output_options
@click.pass_obj
def list_command(path: Path | str, filter_words: tuple[str, ...], as_json: bool) -> None:
    """Films with their review count, last watched date and latest rating; only those a FILTER
    chooses, if given (e.g. `filmjournal list tag:love rating:>=4`; see README).

    Piped, prints one film per line: title, year, reviews, last watched, rating (tab-separated).
    """
    from filmjournal.journal import api

    with opened_journal(path):
        chosen = api.parse_filter(" ".join(filter_words))
        films = api.list_films()
        if chosen:
            wanted = set(api.matching_film_ids(chosen))
            films = [film for film in films if film.id in wanted]
    rows = [
        {
            "id": film.id,
            "title": film.title,
            "year": film.year,
            "reviews": film.reviews,
            "last_watched": film.last_watched,
            "rating": film.rating,
            "watchlist": film.watchlist_added_on is not None,
            "watchlist_added_on": film.watchlist_added_on,
        }
        for film in films
    ]
    lines = (
        [
            film.title,
            str(film.year or ""),
            str(film.reviews),
            film.last_watched or "",
            rating_number(film.rating),
        ]
        for film in films
    )
    show(Listing(rows, lines, lambda: _tables().print_films(films)), as_json)


@click.command("stats")
@click.argument("filter_words", metavar="[FILTER]...", nargs=-1)
@click.option("--year", type=click.IntRange(1000, 9999), help="Only the viewings of this year.")
@output_options
@click.pass_obj
def stats_command(
    path: Path, filter_words: tuple[str, ...], year: int | None, as_json: bool
) -> None:
    """The journal's numbers: totals, then the viewings a FILTER and --year choose (films,
    rewatches, words written, ratings, months, weekdays, top tags, places and directors,
    streaks, the first and last film). See README for the filter language.

    Piped, prints one value per line: its name, then its fields (tab-separated).
    """
    from filmjournal.journal import api

    with opened_journal(path):
        chosen = api.parse_filter(" ".join(filter_words))
        counts = api.counts()._asdict()
        numbers = api.journal_stats(chosen, year)
    values = {**counts, **numbers.as_json()}
    show(
        Listing(values, _stat_lines(values), lambda: _tables().print_stats(path, counts, numbers)),
        as_json,
    )


def _stat_lines(values: dict[str, object]) -> Iterator[list[str]]:
    """A line per number; a line per entry of a table (month, tag …) with its name first."""
    for name, value in values.items():
        if isinstance(value, dict) and all(not isinstance(v, dict | list) for v in value.values()):
            if {"days", "start", "end"} <= value.keys() or {"title", "day"} <= value.keys():
                yield [name, *("" if v is None else str(v) for v in value.values())]
            else:
                yield from ([name, str(key), str(count)] for key, count in value.items())
        elif isinstance(value, list):
            yield from ([name, str(item["name"]), str(item["count"])] for item in value)
        else:
            yield [name, "" if value is None else str(value)]


@click.command("search")
@click.argument("words", metavar="WORDS [FILTER]...", nargs=-1, required=True)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@output_options
@click.pass_obj
def search_command(path: Path | str, words: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Search films, reviews, quotes and comments for WORDS (every word must match), ranked;
    filter terms among them keep the hits of the films and viewings they choose (e.g.
    `filmjournal search loneliness rating:>=4 watched:2024`; see README).

    Piped, prints one hit per line: kind, id, film, title, snippet (tab-separated).
    """
    from filmjournal.journal import api
    from filmjournal.journal.records import film_label

    with opened_journal(path):
        chosen = api.parse_search(" ".join(words))
        hits = api.search_filtered(chosen, limit=limit)
    lines = (
        [
            hit.kind,
            str(hit.id),
            film_label(hit.film_title, hit.film_year),
            hit.title,
            hit.snippet_text,
        ]
        for hit in hits
    )
    hits_json = [_hit_json(hit) for hit in hits]
    show(Listing(hits_json, lines, lambda: _tables().print_hits(hits)), as_json)


@click.command("lists")
@click.argument("name", required=False)
@output_options
@click.pass_obj
def lists_command(path: Path | str, name: str | None, as_json: bool) -> None:
    """Lists of films (from Letterboxd): every list, or the films of the list NAME (or id).

    Piped, prints one tab-separated line per list (id, name, films) or per film (position,
    title, year, note).
    """
    from filmjournal.journal import api

    with opened_journal(path):
        chosen = api.find_list(name) if name else None
        lists = api.list_lists() if chosen is None else []
        films = api.list_films_of(chosen.id) if chosen is not None else []
    if chosen is None:
        lines = ([str(item.id), item.name, str(item.film_count)] for item in lists)
        summaries = [summary._asdict() for summary in lists]
        show(Listing(summaries, lines, lambda: _tables().print_lists(lists)), as_json)
        return
    film_lines = (
        [
            str(film.position),
            film.title,
            str(film.year or ""),
            markdown_text(film.note),
        ]
        for film in films
    )
    value = {**chosen._asdict(), "films": [film._asdict() for film in films]}
    show(Listing(value, film_lines, lambda: _tables().print_list_films(films)), as_json)


def _tables():  # type: ignore[no-untyped-def]
    """The Rich tables, imported only for a terminal."""
    from filmjournal.cli import tables

    return tables


def _hit_json(hit: SearchHit) -> dict[str, object]:
    """A search hit as JSON: the snippet as text plus the character ranges that matched."""
    highlights, offset = [], 0
    for text, is_match in hit.snippet:
        if is_match:
            highlights.append([offset, offset + len(text)])
        offset += len(text)
    return {
        "kind": hit.kind,
        "id": hit.id,
        "film": (
            None
            if hit.film_id is None
            else {"id": hit.film_id, "title": hit.film_title, "year": hit.film_year}
        ),
        "review_id": hit.review_id,
        "title": hit.title,
        "snippet": hit.snippet_text,
        "highlights": highlights,
        "score": round(hit.score, 4),
    }
