"""A review's Markdown as the HTML Letterboxd takes: its CommonMark read by markdown-it-py.

Letterboxd keeps a review as text with line breaks and a few tags: ``<b>``, ``<i>``,
``<a href>`` and ``<blockquote>``. Paragraphs become blank lines, line breaks (soft or hard) line
breaks; what Letterboxd has no tag for is written as readable text: a heading in bold, list items
as ``- item`` lines, code as it is. Text is escaped, so the result is always valid HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from markdown_it.token import Token

from filmjournal.exchange.letterboxd.meaning import commonmark, safe_href

_INLINE_TAGS = {
    "em_open": "<i>",
    "em_close": "</i>",
    "strong_open": "<b>",
    "strong_close": "</b>",
    "link_close": "</a>",
}
_LINK_TAG = re.compile(r'^<a\s+href="([^"<>]*)"\s*>$', re.IGNORECASE)
_KNOWN_HTML = {"<b>", "</b>", "<i>", "</i>", "<strong>", "</strong>", "<em>", "</em>"}


def markdown_to_html(text: str) -> str:
    """A review's Markdown as Letterboxd's HTML, meaning the same."""
    tokens = commonmark().parse(text)
    return "\n\n".join(_blocks(iter(tokens), "")).strip("\n")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _blocks(tokens: Iterator[Token], closing: str) -> Iterator[str]:
    """The blocks up to the token of type ``closing``, each as HTML text."""
    for token in tokens:
        kind = token.type
        if kind == closing:
            return
        if kind == "inline":
            yield inline_html(token)
        elif kind == "heading_open":
            yield f"<b>{inline_html(next(tokens))}</b>"
            next(tokens)
        elif kind == "blockquote_open":
            yield (
                "<blockquote>" + "\n\n".join(_blocks(tokens, "blockquote_close")) + "</blockquote>"
            )
        elif kind in ("bullet_list_open", "ordered_list_open"):
            yield "\n".join(_list_items(tokens, kind.replace("_open", "_close"), token))
        elif kind in ("fence", "code_block") or kind == "html_block":
            yield _escape(token.content.rstrip("\n"))
        elif kind == "hr":
            yield _escape(token.markup)


def _list_items(tokens: Iterator[Token], closing: str, opening: Token) -> Iterator[str]:
    """A list's items as lines: ``- item`` or ``1. item``."""
    number = int(opening.attrs.get("start", 1) or 1)
    ordered = opening.type == "ordered_list_open"
    for token in tokens:
        if token.type == closing:
            return
        if token.type == "list_item_open":
            marker = f"{number}{token.markup}" if ordered else token.markup
            number += 1
            body = "\n".join(_blocks(tokens, "list_item_close"))
            yield f"{_escape(marker)} {body}"


def inline_html(token: Token) -> str:
    """An inline token's children as HTML."""
    out: list[str] = []
    links: list[bool] = []  # for each open link, whether it was kept
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            out.append(_escape(child.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind in _INLINE_TAGS:
            kept = kind != "link_close" or (links.pop() if links else False)
            out.append(_INLINE_TAGS[kind] if kept else "")
        elif kind == "link_open":
            href = safe_href(str(child.attrs.get("href", "")))
            links.append(href is not None)
            out.append(f'<a href="{html.escape(href)}">' if href is not None else "")
        elif kind == "code_inline":
            out.append(_escape(child.content))
        elif kind == "image":
            source = safe_href(str(child.attrs.get("src", "")))
            text = _escape(child.content)
            out.append(f'<a href="{html.escape(source)}">{text}</a>' if source else text)
        elif kind == "html_inline":
            out.append(_html_inline(child.content, links))
    return "".join(out)


def _html_inline(tag: str, links: list[bool]) -> str:
    """An inline HTML tag kept if Letterboxd has it, else shown as the text it is.

    ``links`` says of each link still open whether it was kept (an unsafe one is dropped, with
    its closing tag).
    """
    lowered = tag.lower()
    if lowered == "</a>":
        return "</a>" if links and links.pop() else ""
    if lowered in _KNOWN_HTML:
        return {"<strong>": "<b>", "</strong>": "</b>", "<em>": "<i>", "</em>": "</i>"}.get(
            lowered, lowered
        )
    link = _LINK_TAG.match(tag)
    if link is None:
        return _escape(tag)
    kept = safe_href(html.unescape(link.group(1))) is not None
    links.append(kept)
    return f'<a href="{link.group(1)}">' if kept else ""
