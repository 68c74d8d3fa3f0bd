"""Letterboxd's review HTML as CommonMark that renders to what the author saw on Letterboxd.

Letterboxd writes ``<br>``, ``<b>``/``<strong>``, ``<i>``/``<em>``, ``<a href>``, ``<blockquote>``
(sometimes ``<p>``) and plain line breaks, often unbalanced (``<i>Her<i>``). The standard library's
``html.parser`` reads it into lines of styled runs; an opening tag while the same kind is open is
taken as its closing, and what is still open at the end is closed, so no text is lost. The runs
are then written as Markdown by hand — no library writes CommonMark that keeps this meaning:

- a line break stays a line break (a hard break, ``\\`` at the end of the line); a blank line
  stays a paragraph break; white space that HTML collapses is collapsed;
- white space just inside emphasis moves outside it (``<i>Wow. </i>`` → ``*Wow.* ``), since
  CommonMark does not close ``*Wow. *``;
- characters Markdown would read as syntax are escaped where they would be (``*``, ``[``, ``<``,
  a line starting with ``- `` or ``1. ``…), nowhere else;
- a paragraph whose emphasis CommonMark would read otherwise (``x<i>"y"</i>``) is checked with a
  CommonMark parser and, if needed, written with HTML tags, which CommonMark keeps as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from filmjournal.exchange.letterboxd.meaning import (
    Run,
    Styles,
    runs_of_tokens,
    safe_href,
    same_meaning,
)

_EMPHASIS = {"i": "i", "em": "i", "b": "b", "strong": "b"}
_ASCII_SPACE = re.compile(r"[ \t\r\f]+")
_INLINE_SPECIAL = re.compile(r"[\\`*\[\]<]|&(?=#?\w+;)|~(?=~)|(?<=~)~|\|(?=\|)|(?<=\|)\|")
_LINE_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|[-+](?=\s|$)|(\d{1,9})[.)](?=\s|$)|>|=+[ \t]*$|(?:-[ \t]*){2,}$)"
)
"""What makes a line a heading, a list item, a quote, a rule or a heading's underline."""
_AUTOLINK = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$")


@dataclass
class Line:
    """One line of text: styled runs; ``quoted`` when it sits in a blockquote."""

    runs: list[Run]
    quoted: bool

    def is_blank(self) -> bool:
        """Whether nothing but white space is on the line."""
        return all(run.text.isspace() or not run.text for run in self.runs)


class _Reader(HTMLParser):
    """Reads review HTML into lines of styled runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = [Line([], False)]
        self.open: dict[str, bool] = {"i": False, "b": False}
        self.href: str | None = None
        self.quoted = False

    def styles(self) -> Styles:
        """The styles in force now."""
        names = [name for name, is_open in self.open.items() if is_open]
        if self.href:
            names.append(f"a {self.href}")
        return frozenset(names)

    def new_line(self) -> None:
        self.lines.append(Line([], self.quoted))

    def paragraph_break(self) -> None:
        self.new_line()
        self.new_line()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.new_line()
        elif tag in _EMPHASIS:
            self.open[_EMPHASIS[tag]] = not self.open[_EMPHASIS[tag]]
        elif tag == "a":
            self.href = safe_href((dict(attrs).get("href") or "").strip())
        elif tag == "blockquote":
            self.quoted = not self.quoted
            self.paragraph_break()
        elif tag == "p":
            self.paragraph_break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _EMPHASIS:
            self.open[_EMPHASIS[tag]] = False
        elif tag == "a":
            self.href = None
        elif tag == "blockquote" and self.quoted:
            self.quoted = False
            self.paragraph_break()
        elif tag == "p":
            self.paragraph_break()

    def handle_data(self, data: str) -> None:
        styles = self.styles()
        for index, piece in enumerate(data.replace("\r\n", "\n").split("\n")):
            if index:
                self.new_line()
            if piece:
                self.lines[-1].runs.append(Run(piece, styles))


def html_to_markdown(text: str) -> str:
    """A Letterboxd review (or list description, or comment) as Markdown meaning the same."""
    reader = _Reader()
    # "<![" starts a marked section, which the standard parser can fail on: it is text here.
    reader.feed(text.replace("<![", "&lt;!["))
    reader.close()
    blocks = _blocks(reader.lines)
    return "\n\n".join(_write_block(lines, quoted) for quoted, lines in blocks)


def _blocks(lines: list[Line]) -> list[tuple[bool, list[list[Run]]]]:
    """Paragraphs (lists of lines of tidy runs), with whether each sits in a blockquote."""
    blocks: list[tuple[bool, list[list[Run]]]] = []
    current: list[list[Run]] = []
    quoted = False
    for line in [*lines, Line([], not lines[-1].quoted if lines else False)]:
        if line.is_blank() or line.quoted != quoted:
            if current:
                blocks.append((quoted, current))
            current = []
            quoted = line.quoted
        if not line.is_blank():
            current.append(_tidy(line.runs))
    return blocks


def _tidy(runs: list[Run]) -> list[Run]:
    """Runs with HTML's white space collapsed, spaces moved out of styles, neighbours merged."""
    collapsed = [Run(_ASCII_SPACE.sub(" ", run.text), run.styles) for run in runs if run.text]
    split: list[Run] = []
    for index, run in enumerate(collapsed):
        before = collapsed[index - 1].styles if index else frozenset()
        after = collapsed[index + 1].styles if index + 1 < len(collapsed) else frozenset()
        core = run.text.strip()
        if not run.styles or not core:
            split.append(Run(run.text, run.styles & before & after if not core else run.styles))
            continue
        head = run.text[: len(run.text) - len(run.text.lstrip())]
        tail = run.text[len(run.text.rstrip()) :]
        split += [
            Run(head, run.styles & before),
            Run(core, run.styles),
            Run(tail, run.styles & after),
        ]
    merged: list[Run] = []
    for run in split:
        if not run.text:
            continue
        if merged and merged[-1].styles == run.styles:
            merged[-1] = Run(merged[-1].text + run.text, run.styles)
        else:
            merged.append(run)
    return _strip_ascii_edges(merged)


def _strip_ascii_edges(runs: list[Run]) -> list[Run]:
    """The line without the ASCII spaces at its two ends (HTML does not show them)."""
    while runs and not runs[0].text.lstrip(" "):
        runs = runs[1:]
    while runs and not runs[-1].text.rstrip(" "):
        runs = runs[:-1]
    if runs:
        runs[0] = Run(runs[0].text.lstrip(" "), runs[0].styles)
        runs[-1] = Run(runs[-1].text.rstrip(" "), runs[-1].styles)
    return runs


def _write_block(paragraph: list[list[Run]], quoted: bool) -> str:
    """A paragraph as Markdown lines joined by hard breaks (prefixed ``> `` in a blockquote)."""
    text = _write_paragraph(paragraph, tags=False)
    styled = any(run.styles for line in paragraph for run in line)
    if (
        styled
        and not _plainly_read(paragraph)
        and not same_meaning(runs_of_tokens(text), paragraph)
    ):
        text = _write_paragraph(paragraph, tags=True)
    if quoted:
        return "\n".join(f"> {line}" for line in text.split("\n"))
    return text


def _plainly_read(paragraph: list[list[Run]]) -> bool:
    """Whether CommonMark surely reads the paragraph's emphasis as written, without parsing it.

    True when every styled run is bold or italic alone, starts and ends with a letter or digit,
    and has plain text between it and the next styled run: each ``*``/``**`` then opens before
    a letter and closes after one, openers and closers pair one to one (1 + 1 and 2 + 2 are not
    multiples of three), and the text inside is escaped. Anything else is parsed and compared
    (links, nesting, punctuation at an edge): the parse costs more than the rest of the import.
    """
    for line in paragraph:
        previous_styled = False
        for run in line:
            if not run.styles:
                previous_styled = previous_styled and not run.text
                continue
            text = run.text
            if (
                previous_styled
                or len(run.styles) != 1
                or not run.styles <= {"b", "i"}
                or not text
                or not (text[0].isalnum() and text[-1].isalnum())
                or not (text[0].isascii() and text[-1].isascii())
            ):
                return False
            previous_styled = True
    return True


def _write_paragraph(lines: list[list[Run]], *, tags: bool) -> str:
    return "\\\n".join(_write_line(runs, tags=tags) for runs in lines)


def _write_line(runs: list[Run], *, tags: bool) -> str:
    """One line's runs with their styles as Markdown delimiters (or as HTML tags)."""
    out: list[str] = []
    stack: list[str] = []
    for index, run in enumerate(runs):
        autolink = None if tags else _autolink(runs, index, stack)
        wanted = run.styles - {autolink} if autolink else run.styles
        while any(style not in wanted for style in stack):
            out.append(_closing(stack.pop(), tags))
        for style in sorted(wanted - set(stack), key=_nesting_order):
            stack.append(style)
            out.append(_opening(style, tags))
        if autolink:
            out.append(f"<{run.text}>")
            continue
        text = escape_text(run.text)
        if index == 0 and not out:
            text = escape_line_start(text)
        out.append(text)
    while stack:
        out.append(_closing(stack.pop(), tags))
    return "".join(out)


def _autolink(runs: list[Run], index: int, stack: list[str]) -> str | None:
    """The link style of this run if the link is just its own address (``<https://…>``)."""
    run = runs[index]
    link = next((style for style in run.styles if style.startswith("a ")), None)
    if link is None or link in stack or run.text != link[2:] or not _AUTOLINK.match(run.text):
        return None
    if index + 1 < len(runs) and link in runs[index + 1].styles:
        return None
    return link


def _nesting_order(style: str) -> int:
    """Links outermost, then bold, then italic."""
    return {"b": 1, "i": 2}.get(style, 0)


def _opening(style: str, tags: bool) -> str:
    if style.startswith("a "):
        return f'<a href="{_attribute(style[2:])}">' if tags else "["
    return f"<{style}>" if tags else {"b": "**", "i": "*"}[style]


def _closing(style: str, tags: bool) -> str:
    if style.startswith("a "):
        return "</a>" if tags else f"]({link_destination(style[2:])})"
    return f"</{style}>" if tags else {"b": "**", "i": "*"}[style]


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def escape_text(text: str) -> str:
    """Text with the characters Markdown would take for syntax escaped (``*`` → ``\\*``)."""
    escaped = _INLINE_SPECIAL.sub(lambda match: "\\" + match.group(0), text)
    return _escape_underscores(escaped)


def _escape_underscores(text: str) -> str:
    """``_`` escaped unless it sits between two letters or digits (it cannot be emphasis there)."""
    if "_" not in text:
        return text
    out = []
    for index, character in enumerate(text):
        if character == "_":
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            if not (before.isalnum() and after.isalnum()):
                out.append("\\")
        out.append(character)
    return "".join(out)


def escape_line_start(text: str) -> str:
    """A line's start escaped where Markdown would read a heading, list, quote or rule there."""
    match = _LINE_START.match(text)
    if match is None:
        return text
    if match.group(1) is not None:  # an ordered list marker: 1. or 1)
        end = match.end(1)
        return f"{text[:end]}\\{text[end:]}"
    return f"\\{text}"


def link_destination(href: str) -> str:
    """A link's address as a Markdown destination.

    As it is, or in ``<…>`` when it holds white space or parentheses (``…/Her_(film)``), which
    would end a bare one early.
    """
    if not re.search(r"[\s()<>\\]", href):
        return href
    escaped = href.replace("<", "%3C").replace(">", "%3E").replace("\n", "%0A").replace("\r", "")
    return f"<{escaped}>"
