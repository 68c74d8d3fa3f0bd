"""What a review says, as runs of text with their styles: to check Markdown against its source.

The conversions from Letterboxd's HTML write Markdown by hand; before one is kept, a CommonMark
parser (markdown-it-py) reads it back here, and it must give the same words with the same
emphasis and links.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

Styles = frozenset[str]
"""``b``, ``i`` and ``a <href>`` for a link."""

SAFE_SCHEMES = ("http", "https", "mailto")
"""Links kept from imported HTML and written to exported HTML (a ``javascript:`` link is not)."""
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_IN_SCHEMES = re.compile(r"[\x00-\x20]")
_TAG = re.compile(r"^<(/?)(b|strong|i|em|a)(?:\s+href=\"([^\"]*)\")?\s*>$", re.IGNORECASE)
_TAG_STYLES = {"b": "b", "strong": "b", "i": "i", "em": "i"}


@dataclass(frozen=True)
class Run:
    """A piece of text and the styles on it."""

    text: str
    styles: Styles


def safe_href(href: str | None) -> str | None:
    """A link's address if it is a web or mail address (or a relative one), else None.

    Browsers ignore spaces and control characters inside a scheme (``java\tscript:``), so the
    scheme is judged without them.
    """
    if not href:
        return None
    scheme = _SCHEME.match(_IGNORED_IN_SCHEMES.sub("", href))
    if scheme is not None and scheme.group(1).lower() not in SAFE_SCHEMES:
        return None
    return href


@cache
def commonmark() -> MarkdownIt:
    """A CommonMark parser that keeps link addresses exactly as written."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    parser.normalizeLinkText = lambda link: link  # type: ignore[method-assign]
    return parser


_SPACES = re.compile(r"\s+")


def runs_of_tokens(markdown: str) -> list[list[Run]] | None:
    """The lines of styled runs CommonMark reads from one paragraph; None if it is not one."""
    tokens = commonmark().parse(markdown)
    if [token.type for token in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return None
    lines: list[list[Run]] = [[]]
    styles: set[str] = set()
    for child in tokens[1].children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            lines[-1].append(Run(child.content, frozenset(styles)))
        elif kind == "softbreak":
            lines[-1].append(Run(" ", frozenset(styles)))
        elif kind == "hardbreak":
            lines.append([])
        elif kind in ("em_open", "strong_open"):
            styles.add("i" if kind == "em_open" else "b")
        elif kind in ("em_close", "strong_close"):
            styles.discard("i" if kind == "em_close" else "b")
        elif kind == "link_open":
            styles.add(f"a {child.attrs.get('href', '')}")
        elif kind == "link_close":
            styles = {style for style in styles if not style.startswith("a ")}
        elif kind == "html_inline" and not _apply_tag(child.content, styles):
            lines[-1].append(Run(child.content, frozenset(styles)))
    return lines


def _apply_tag(tag: str, styles: set[str]) -> bool:
    """Open or close the style an inline HTML tag stands for; False if it stands for none."""
    match = _TAG.match(tag)
    if match is None:
        return False
    closing, name, href = match.group(1), match.group(2).lower(), match.group(3)
    if name == "a":
        styles.difference_update({style for style in styles if style.startswith("a ")})
        if not closing:
            styles.add(f"a {html.unescape(href or '')}")
        return True
    (styles.discard if closing else styles.add)(_TAG_STYLES[name])
    return True


def words(lines: list[list[Run]]) -> list[list[tuple[str, Styles]]]:
    """Each line as its words, each with its styles (white space only separates; a change of
    style ends a word too)."""
    result = []
    for runs in lines:
        line: list[tuple[str, Styles]] = []
        word, styles = "", frozenset[str]()
        for run in [*runs, Run(" ", frozenset())]:
            if not run.text:
                continue
            if run.styles != styles:
                if word:
                    line.append((word, styles))
                word, styles = "", run.styles
            for index, part in enumerate(_SPACES.split(run.text)):
                if index and word:  # white space came before this part
                    line.append((word, styles))
                    word = ""
                word += part
        result.append(line)
    return result


def same_meaning(read: list[list[Run]] | None, written: list[list[Run]]) -> bool:
    """Whether runs read back from Markdown say what the runs it was written from say."""
    return read is not None and words(read) == words(written)
