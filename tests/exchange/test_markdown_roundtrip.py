"""Markdown export → import → export gives the same bytes, whatever the writer wrote."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filmjournal.exchange.importer import import_files
from filmjournal.exchange.markdown import review_to_markdown
from filmjournal.exchange.markdown.markers import (
    escape_reserved,
    spoilers_from_html,
    spoilers_to_html,
    unescape_reserved,
)
from filmjournal.exchange.markdown.writer import _FrontMatterDumper, front_matter_yaml
from filmjournal.journal import api
from filmjournal.journal.snapshot import take_snapshot

TRICKY = [
    "---",
    "\n---\n",
    "...",
    "# Quotes",
    "## Quotes",
    "## Comments",
    "> blockquote",
    ">",
    "<details>",
    "</details>",
    "<details><summary>Spoiler</summary>x</details>",
    '<details class="spoiler">',
    '<details class="spoiler-block" data-fence="x">',
    "</details><!--/spoiler-->",
    "<!--/spoiler-block-->",
    "<!-- filmjournal:quote -->",
    '<!-- filmjournal:comment {"author": "x"} -->',
    "<!-- filmjournal: quote -->",
    "key: value",
    "- item",
    "  - nested",
    "\t",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "   ",
    "trailing  \n",
    "😀",
    "👩‍👩‍👧",
    "שלום עולם",
    "مرحبا",
    "\u201ccurly\u201d \u2018quotes\u2019",
    "||",
    "||hidden||",
    "```spoiler\n",
    "```\n",
    "~~~~ spoiler \r\n",
    "```",
    "**bold**",
    "[link](http://x)",
    "[bold]x[/]",
    "\x1b[31m",
    "\u2028",
    "\ufeff",
    "\\",
    "-->",
]

any_but_nul = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
writer_text = st.lists(
    st.one_of(st.sampled_from(TRICKY), st.text(alphabet=any_but_nul, max_size=12)), max_size=14
).map("".join)
one_line = st.text(  # the journal refuses control characters in one-line fields
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\t"),
    max_size=30,
).map(str.strip)
stripped_text = writer_text.map(str.strip).filter(bool)
moment = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)


@st.composite
def comment_trees(draw: st.DrawFn, depth: int = 0) -> list[dict]:
    """A thread: a few comments, each with a few replies, three levels at most."""
    count = draw(st.integers(0, 3 if depth == 0 else 2))
    thread = []
    for _ in range(count):
        replies = draw(comment_trees(depth + 1)) if depth < 2 else []
        thread.append(
            {
                "author": draw(one_line),
                "body": draw(stripped_text),
                "created_at": draw(moment),
                "replies": replies,
            }
        )
    return thread


reviews = st.fixed_dictionaries(
    {
        "headline": one_line,
        "body": writer_text,
        "watched_on": st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2025, 12, 31))),
        "where_watched": one_line,
        "rating": st.one_of(st.none(), st.sampled_from([0.5 * n for n in range(1, 11)])),
        "is_rewatch": st.booleans(),
        "is_liked": st.booleans(),
        "has_spoilers": st.booleans(),
        "tags": st.lists(one_line.filter(lambda tag: tag and "," not in tag), max_size=3),
        "created_at": moment,
        "updated_at": moment,
    }
)
quote_lists = st.lists(
    st.fixed_dictionaries(
        {
            "text": stripped_text,
            "speaker": one_line,
            "is_favourite": st.booleans(),
            "note": writer_text,
            "film_time": st.one_of(st.none(), st.integers(0, 4 * 3600)),
        }
    ),
    max_size=3,
)
films = st.fixed_dictionaries(
    {
        "title": one_line.filter(bool),
        "year": st.one_of(st.none(), st.integers(1900, 2025)),
        "directors": st.lists(one_line.filter(lambda name: name and "," not in name), max_size=2),
        "original_title": one_line,
    }
)


def add_thread(review_id: int, thread: list[dict], parent_id: int | None = None) -> None:
    for comment in thread:
        added = api.add_comment(
            review_id,
            comment["body"],
            author=comment["author"],
            parent_id=parent_id,
            created_at=comment["created_at"],
        )
        add_thread(review_id, comment["replies"], added.id)


def export_only_review() -> str:
    detail = next(take_snapshot().details())
    return review_to_markdown(detail)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(film=films, review=reviews, quotes=quote_lists, thread=comment_trees())
def test_export_import_export_is_byte_identical(film, review, quotes, thread):
    with tempfile.TemporaryDirectory() as folder:
        with api.open_journal(Path(folder) / "first.db"):
            film_id = api.create_film(**film).id
            review_id = api.create_review(film_id, **review).id
            for quote in quotes:
                api.create_quote(film_id, review_id=review_id, **quote)
            add_thread(review_id, thread)
            first = export_only_review()
            original = api.get_review(review_id)
        exported = Path(folder) / "review.md"
        exported.write_bytes(first.encode("utf-8"))
        with api.open_journal(Path(folder) / "second.db"):
            (outcome,) = import_files([exported]).outcomes
            assert outcome.status == "imported", outcome.detail
            second = export_only_review()
            imported = api.get_review(outcome.review_id)
    assert second == first
    assert imported.body == original.body
    assert imported.headline == original.headline
    assert imported.tags == original.tags


@given(writer_text)
def test_spoiler_html_and_escaping_undo_exactly(text):
    exported = spoilers_to_html(escape_reserved(text))
    assert unescape_reserved(spoilers_from_html(exported)) == text


@given(writer_text)
def test_nothing_written_is_taken_for_a_marker(text):
    from filmjournal.exchange.markdown.markers import MARKER

    for line in spoilers_to_html(escape_reserved(text)).split("\n"):
        assert MARKER.match(line) is None


_SCALARS = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="abcXYZ 019.,!?()/&'-:#\"\n\té", max_size=20),
    st.sampled_from(["yes", "No", "ON", "off", "null", "Y", "n", "true", "1917", "~", "-", "a -"]),
    st.integers(min_value=-10, max_value=3000),
    st.sampled_from([0.5, 4.5, 3.0]),
    st.booleans(),
    st.dates(),
    st.datetimes(timezones=st.just(UTC)),
)


@given(
    st.dictionaries(
        st.sampled_from(["title", "film", "year", "rating", "tags", "created", "where"]),
        st.one_of(_SCALARS, st.lists(st.text(max_size=15), min_size=1, max_size=3)),
        min_size=1,  # a review always has its timestamps
        max_size=7,
    )
)
def test_the_front_matter_is_what_pyyaml_writes(values):
    expected = yaml.dump(
        values, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True, width=2**30
    )
    assert front_matter_yaml(values) == expected
