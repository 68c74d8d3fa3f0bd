"""Letterboxd's review HTML subset to Markdown and back (no regex on HTML: html.parser reads it).

Letterboxd writes ``<br>``, ``<b>``/``<strong>``, ``<i>``/``<em>``, ``<a href>`` and
``<blockquote>``, often unbalanced (``<i>Her<i>``, ``<blockquote>…<blockquote>``). An opening tag
while the same kind is already open is taken as its closing, and whatever is still open at the
end is closed, so no text is ever lost.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_EMPHASIS = {"i": "*", "em": "*", "b": "**", "strong": "**"}


class _ToMarkdown(HTMLParser):
    """Collects Markdown while reading the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: dict[str, bool] = {"*": False, "**": False}
        self.link: list[tuple[str, int]] = []  # (href, where its text starts in out)
        self.quoting = False
        self.quote_start = 0

    # Tags -----------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.append("\n")
        elif tag in _EMPHASIS:
            self._toggle(_EMPHASIS[tag])
        elif tag == "a":
            self._close_link()
            href = dict(attrs).get("href") or ""
            self.link.append((href, len(self.out)))
        elif tag == "blockquote":
            self._toggle_quote()
        elif tag == "p":
            self._paragraph()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _EMPHASIS and self.open[_EMPHASIS[tag]]:
            self._toggle(_EMPHASIS[tag])
        elif tag == "a":
            self._close_link()
        elif tag == "blockquote" and self.quoting:
            self._toggle_quote()
        elif tag == "p":
            self._paragraph()

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    # Helpers --------------------------------------------------------------------------------

    def _toggle(self, marker: str) -> None:
        self.open[marker] = not self.open[marker]
        self.out.append(marker)

    def _close_link(self) -> None:
        if not self.link:
            return
        href, start = self.link.pop()
        text = "".join(self.out[start:])
        del self.out[start:]
        if not href:
            self.out.append(text)
        elif not text.strip() or text.strip() == href:
            self.out.append(f"<{href}>")
        else:
            self.out.append(f"[{text}]({link_destination(href)})")

    def _toggle_quote(self) -> None:
        if not self.quoting:
            self._paragraph()
            self.quoting = True
            self.quote_start = len(self.out)
            return
        text = "".join(self.out[self.quote_start :]).strip("\n")
        del self.out[self.quote_start :]
        self.out.append("\n".join(f"> {line}" if line else ">" for line in text.split("\n")))
        self.quoting = False
        self._paragraph()

    def _paragraph(self) -> None:
        """Make sure what follows starts a new paragraph."""
        text = "".join(self.out)
        if text and not text.endswith("\n\n"):
            self.out.append("\n" if text.endswith("\n") else "\n\n")

    def finish(self) -> str:
        """Close whatever is still open and give the Markdown."""
        self.close()
        while self.link:
            self._close_link()
        for marker in ("**", "*"):
            if self.open[marker]:
                self._toggle(marker)
        if self.quoting:
            self._toggle_quote()
        return "".join(self.out).strip("\n")


def link_destination(href: str) -> str:
    """A link's address as a Markdown destination.

    As it is, or in ``<…>`` when it holds white space or parentheses (``…/Her_(film)``), which
    would end a bare one early.
    """
    if not re.search(r"[\s()<>]", href):
        return href
    escaped = href.replace("<", "%3C").replace(">", "%3E").replace("\n", "%0A").replace("\r", "")
    return f"<{escaped}>"


def html_to_markdown(text: str) -> str:
    """A Letterboxd review as Markdown: every piece of text kept, line breaks kept.

    White space is tidied the way a reader would not notice: spaces at the ends of lines go,
    and more than one blank line between paragraphs becomes one.
    """
    parser = _ToMarkdown()
    parser.feed(text.replace("\r\n", "\n"))
    lines = [line.rstrip() for line in parser.finish().split("\n")]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy).strip("\n")


_INLINE = re.compile(
    r"\*\*(?P<bold>\S(?:.*?\S)??)\*\*"
    r"|\*(?P<italic>\S(?:.*?\S)??)\*"
    r"|\[(?P<text>[^\]\n]*)\]\((?P<href><[^<>\n]*>|[^()\s]+(?:\([^()\s]*\)[^()\s]*)*)\)"
    r"|<(?P<url>https?://[^>\s]+)>"
)


def markdown_to_html(text: str) -> str:
    """A review as the HTML subset Letterboxd accepts.

    The Markdown that reviews imported from Letterboxd use (emphasis, links, blockquotes)
    becomes tags again; everything else stays as written, with ``<`` and ``&`` escaped, so a
    Letterboxd review comes back exactly after an export and a new import.
    """
    lines: list[str] = []
    quoted: list[str] = []
    for line in text.split("\n"):
        if line == ">" or line.startswith("> "):
            quoted.append(inline_html(line[2:]))
            continue
        if quoted:
            lines.append("<blockquote>" + "\n".join(quoted) + "</blockquote>")
            quoted = []
        lines.append(inline_html(line))
    if quoted:
        lines.append("<blockquote>" + "\n".join(quoted) + "</blockquote>")
    return "\n".join(lines)


def inline_html(text: str) -> str:
    """One line's emphasis and links as tags, the rest escaped."""
    parts: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(html.escape(text[position : match.start()], quote=False))
        if match["bold"] is not None:
            parts.append(f"<b>{inline_html(match['bold'])}</b>")
        elif match["italic"] is not None:
            parts.append(f"<i>{inline_html(match['italic'])}</i>")
        elif match["href"] is not None:
            href = html.escape(match["href"].removeprefix("<").removesuffix(">"))
            parts.append(f'<a href="{href}">{inline_html(match["text"])}</a>')
        else:
            url = html.escape(match["url"])
            parts.append(f'<a href="{url}">{url}</a>')
        position = match.end()
    parts.append(html.escape(text[position:], quote=False))
    return "".join(parts)
