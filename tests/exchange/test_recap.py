"""The year-in-review post, read back with a CommonMark renderer (markdown-it, GFM tables)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from filmjournal.exchange.markdown.reader import split_front_matter
from filmjournal.exchange.recap import escape, recap_markdown, write_recap
from filmjournal.journal import api

RENDERER = MarkdownIt("commonmark").enable("table")


class _Text(HTMLParser):
    """The text a reader sees in rendered HTML, and the tags it was in."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def rendered(markdown: str) -> _Text:
    reader = _Text()
    reader.feed(RENDERER.render(markdown))
    return reader


@pytest.fixture
def tricky_year(journal):
    odd = api.create_film("*Batteries* [not] <included> | 1", 1987, directors=["A_B"])
    her = api.create_film("Her", 2013)
    api.create_review(
        odd.id,
        watched_on=date(2024, 3, 1),
        rating=5,
        headline="# not a heading | still",
        body="First lines with **bold**.\n\n||The twist is the janitor.|| And more.",
        tags=["1. not a list"],
        where_watched="<script>",
    )
    api.create_review(her.id, watched_on=date(2024, 3, 2), rating=4, body="Second.")
    api.create_review(her.id, watched_on=date(2024, 5, 2), rating=3, is_rewatch=True)
    kept = datetime(2024, 3, 3, tzinfo=UTC)
    api.create_quote(her.id, "> not a quote", is_favourite=True, note="- a note", created_at=kept)
    later = api.create_film("Past Lives", 2023)
    api.set_watchlist(later.id, True, added_on=date(2024, 6, 1))
    return odd


def test_the_post_reads_as_written_in_a_commonmark_renderer(tricky_year):
    post = recap_markdown(api.year_post(2024), written_on=date(2024, 12, 31))
    front, lines = split_front_matter(post)
    assert front["title"] == "My 2024 in film" and front["films"] == 2 and front["viewings"] == 3
    text = rendered("\n".join(lines))
    seen = "".join(text.parts)
    assert "*Batteries* [not] <included> | 1 (1987)" in seen  # literal, not markup
    assert "# not a heading | still" in seen and "1. not a list" in seen and "<script>" in seen
    assert "> not a quote" in seen and "- a note" in seen
    assert "janitor" not in seen and "(spoiler)" in seen  # spoilers stay hidden
    assert "First lines with bold." in seen
    assert text.tags.count("tr") == 13  # the month table: header and twelve months
    assert "h1" in text.tags and "ol" in text.tags and "blockquote" in text.tags
    assert "Her (2013): 2 times" in seen  # most watched
    assert "Past Lives (2023)" in seen  # still on the watchlist
    assert "script" not in text.tags


def test_a_year_without_films_says_so(journal):
    post = recap_markdown(api.year_post(1999), written_on=date(2000, 1, 1))
    assert "No films watched in 1999." in post and "## My top ten" not in post


@given(st.text(st.characters(blacklist_characters="\x00")))  # the journal refuses NUL
@example("1) x")
@example("12. x")
@example("- x")
@example("= x")
def test_escaped_text_renders_as_itself(text):
    shown = "".join(rendered(escape(text)).parts).strip()
    assert shown == " ".join(text.split())


def test_the_post_is_written_safely_and_never_over_a_file(tricky_year, tmp_path):
    post = api.year_post(2024)
    first = write_recap(post, str(tmp_path))
    second = write_recap(post, str(tmp_path))
    assert first is not None and second is not None and first != second
    assert first.name == "2024-in-film.md" and first.read_text(encoding="utf-8").startswith("---")
    assert write_recap(post, "-") is None


def test_a_long_watchlist_is_named_in_part(tricky_year, monkeypatch):
    monkeypatch.setattr("filmjournal.journal.stats.WATCHLIST_SHOWN", 0)
    post = recap_markdown(api.year_post(2024), written_on=date(2024, 12, 31))
    assert "Past Lives" not in post and "- …and 1 more film\n" in post
