"""Letterboxd's review HTML and our Markdown mean the same, checked against code we did not write.

The oracle: a CommonMark renderer (markdown-it-py's own HTML output) renders our Markdown, and the
standard library's HTML parser reads both that HTML and Letterboxd's, into words with their
emphasis, links and quotes, and the line and paragraph breaks between them. Letterboxd's HTML is
read the way Letterboxd shows it: a line break in the text is a line break, a blank line a new
paragraph, and an opening tag while the same kind is open closes it.
"""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from filmjournal.exchange.letterboxd.from_html import html_to_markdown
from filmjournal.exchange.letterboxd.to_html import markdown_to_html

SHARED = Path(__file__).parents[2].parent / "shared" / "data"
EXPORTS = [
    SHARED / "letterboxd-2022-export",
    Path(__file__).parents[1] / "data" / "letterboxd-e2e-test-account",
]
BREAK, PARAGRAPH = "⏎", "¶"
Token = tuple[str, frozenset[str]]


class _Reader(HTMLParser):
    """Characters with their styles, and breaks, from HTML."""

    STYLES: ClassVar[dict[str, str]] = {
        "i": "i", "em": "i", "b": "b", "strong": "b", "blockquote": "q"
    }  # fmt: skip

    def __init__(self, *, letterboxd: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.letterboxd = letterboxd  # newlines break lines, and a tag opened twice closes
        self.depth: dict[str, int] = {"i": 0, "b": 0, "q": 0}
        self.href: str | None = None
        self.characters: list[Token] = []

    def styles(self) -> frozenset[str]:
        names = {name for name, depth in self.depth.items() if depth}
        return frozenset(names | ({f"a {unquote(self.href)}"} if self.href else set()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.characters.append((BREAK, frozenset()))
        elif tag in ("p", "blockquote"):
            self.characters.append((PARAGRAPH, frozenset()))
        if tag in self.STYLES:
            name = self.STYLES[tag]
            opened_twice = self.letterboxd and self.depth[name]
            self.depth[name] = 0 if opened_twice else self.depth[name] + 1
        elif tag == "a":
            self.href = (dict(attrs).get("href") or "").strip() or None

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" or (tag == "blockquote" and self.depth["q"]):
            self.characters.append((PARAGRAPH, frozenset()))  # a stray </blockquote> is nothing
        if tag in self.STYLES:
            name = self.STYLES[tag]
            self.depth[name] = 0 if self.letterboxd else max(0, self.depth[name] - 1)
        elif tag == "a":
            self.href = None

    def handle_data(self, data: str) -> None:
        styles = self.styles()
        for character in data:
            if character == "\n" and self.letterboxd:
                self.characters.append((BREAK, frozenset()))
            else:
                self.characters.append((" " if character.isspace() else character, styles))


def meaning(html: str, *, letterboxd: bool) -> list[Token]:
    """What HTML says: words with styles, and line (⏎) and paragraph (¶) breaks between them.

    A word is a run of characters other than white space with the same styles. Two or more
    breaks in a row (a blank line) are one paragraph break; breaks before the first word and
    after the last mean nothing.
    """
    reader = _Reader(letterboxd=letterboxd)
    reader.feed(html.replace("<![", "&lt;!["))  # text, as the converter takes it
    reader.close()
    tokens: list[Token] = []
    pending: list[str] = []
    word, word_styles = "", frozenset[str]()
    for character, styles in [*reader.characters, (" ", frozenset[str]())]:
        if word and (character in (" ", BREAK, PARAGRAPH) or styles != word_styles):
            if pending and tokens:
                kind = PARAGRAPH if PARAGRAPH in pending or len(pending) > 1 else BREAK
                tokens.append((kind, frozenset()))
            pending = []
            tokens.append((word, word_styles))
            word = ""
        if character in (BREAK, PARAGRAPH):
            pending.append(character)
        elif character != " ":
            word, word_styles = word + character, styles
    return tokens


def rendered(markdown: str) -> list[Token]:
    """What a CommonMark renderer makes of our Markdown."""
    return meaning(MarkdownIt("commonmark").render(markdown), letterboxd=False)


# Generated Letterboxd HTML --------------------------------------------------------------------

SPACES = [" ", "  ", "\u00a0", "\u2002", "\u2003", "\t"]
SIGNIFICANT = [*"*_`[]\\<>#-+.!|~&()=", "1. ", "- ", "&amp;", "&lt;", "&nbsp;", "&#42;"]
TAGS = [
    "<i>", "</i>", "<em>", "</em>", "<b>", "</b>", "<strong>", "</strong>",
    '<a href="https://letterboxd.com/film/her/">', '<a href="https://en.wikipedia.org/wiki/Heat_(1995_film)">',
    "</a>", "<blockquote>", "</blockquote>", "<br>", "<br/>", "<p>", "</p>",
    '<a href="https://x.org/a b">', '<a href="https://x.org/q?a=1&amp;b=2">', "<a>", '<a href="">',
    '<a href="https://x.org/a">https://x.org/a</a>', "<![", "***", "__", "    ", "12) ",
]  # fmt: skip
pieces = st.one_of(
    st.text(alphabet="abcdefghij xyzÀé😀", min_size=1, max_size=8),
    st.sampled_from(SPACES),
    st.sampled_from(SIGNIFICANT),
    st.sampled_from(TAGS),
    st.sampled_from(["\n", "\n\n", "\n - ", "\n1. ", "\n# ", "\n> ", "\n---\n"]),
)
letterboxd_html = st.lists(pieces, min_size=1, max_size=40).map("".join)


@given(letterboxd_html)
def test_our_markdown_renders_to_what_letterboxd_showed(source):
    markdown = html_to_markdown(source)
    assert rendered(markdown) == meaning(source, letterboxd=True), markdown


@given(letterboxd_html)
def test_letterboxd_html_comes_back_from_our_markdown_meaning_the_same(source):
    back = markdown_to_html(html_to_markdown(source))
    assert meaning(back, letterboxd=True) == meaning(source, letterboxd=True), back


def real_reviews() -> list[str]:
    """Every review (and comment) of the real exports beside the tests."""
    texts = []
    for export in EXPORTS:
        for name, column in (("reviews.csv", "Review"), ("comments.csv", "Comment")):
            path = export / name
            if path.exists():
                with path.open(newline="", encoding="utf-8") as handle:
                    texts += [row[column] for row in csv.DictReader(handle)]
    return texts


def test_every_real_review_renders_as_written_with_no_stray_markers():
    texts = real_reviews()
    assert len(texts) >= 3
    for source in texts:
        markdown = html_to_markdown(source)
        shown = rendered(markdown)
        assert shown == meaning(source, letterboxd=True), source
        leaked = [word for word, _ in shown if re.search(r"[*_]", word)]
        original = [
            word for word, _ in meaning(source, letterboxd=True) if re.search(r"[*_]", word)
        ]
        assert leaked == original  # no literal * or _ that was not in the review
        assert meaning(markdown_to_html(markdown), letterboxd=True) == meaning(
            source, letterboxd=True
        )


@pytest.mark.parametrize(
    ("source", "markdown"),
    [
        ("<i>The Magic Schoolbus </i>more", "*The Magic Schoolbus* more"),
        ("<b>Tim Cook </b>is", "**Tim Cook** is"),
        ("<i>Wow.&nbsp;</i>Then", "*Wow.*\u00a0Then"),
        ("<b>&ensp;Week 1</b>", "\u2002**Week 1**"),
        ("- Who?\n- Me.", "\\- Who?\\\n\\- Me."),
        ("1. first\n# not a heading\n> nor a quote", "1\\. first\\\n\\# not a heading\\\n\\> nor a quote"),
        ("a * b _c_ snake_case [x] &amp;copy; a\\b", "a \\* b \\_c\\_ snake_case \\[x\\] \\&copy; a\\\\b"),
        ("one\ntwo\n\nthree", "one\\\ntwo\n\nthree"),
        ('<a href="https://en.wikipedia.org/wiki/Heat_(1995_film)">Heat</a>', "[Heat](<https://en.wikipedia.org/wiki/Heat_(1995_film)>)"),
        ('<a href="https://x.org/a">https://x.org/a</a>', "<https://x.org/a>"),
        ('x<i>"y"</i>', 'x<i>"y"</i>'),
    ],
)  # fmt: skip
def test_readable_markdown_escaped_only_where_needed(source, markdown):
    assert html_to_markdown(source) == markdown


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("[Heat](https://en.wikipedia.org/wiki/Heat_(1995_film))", '<a href="https://en.wikipedia.org/wiki/Heat_(1995_film)">Heat</a>'),
        ("*a* and _b_", "<i>a</i> and <i>b</i>"),
        ("***bold italic***", "<i><b>bold italic</b></i>"),
        ("*across\nlines*", "<i>across\nlines</i>"),
        ("[*emphasis* in a link](https://x.org)", '<a href="https://x.org"><i>emphasis</i> in a link</a>'),
        ("# Heading\n\n- one\n- two", "<b>Heading</b>\n\n- one\n- two"),
        ("5 < 6 & `code`", "5 &lt; 6 &amp; code"),
        ("> quoted\n\nafter", "<blockquote>quoted</blockquote>\n\nafter"),
    ],
)  # fmt: skip
def test_markdown_becomes_letterboxd_html(markdown, html):
    assert markdown_to_html(markdown) == html


@given(letterboxd_html)
def test_paragraphs_left_unparsed_are_written_as_the_parse_would_have_them(source):
    """The shortcut that skips the CommonMark check never changes what is written."""
    from unittest import mock

    quick = html_to_markdown(source)
    with mock.patch(
        "filmjournal.exchange.letterboxd.from_html._plainly_read", lambda paragraph: False
    ):
        assert html_to_markdown(source) == quick
