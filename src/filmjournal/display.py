"""Turning journal values into text for people: stars, dates, safe one-liners.

Shared by the CLI and the TUI; no Textual import.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

_CONTROL_PICTURES = {c: chr(0x2400 + c) for c in range(0x20) if c not in (9, 10)} | {0x7F: "\u2421"}
_C1 = {code: f"\\x{code:02x}" for code in range(0x80, 0xA0)}
BIDI_CONTROLS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""Characters that reorder the text around them (a right-to-left override can disguise a name)."""
_BIDI = {code: f"\\u{code:04x}" for code in BIDI_CONTROLS}
_SHOW_CONTROLS = str.maketrans({**_CONTROL_PICTURES, **_C1, **_BIDI})
_ONE_LINE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def stars(rating: float | None) -> str:
    """A rating as stars: 4.5 → ``★★★★½``; nothing for no rating."""
    if rating is None:
        return ""
    whole = int(rating)
    return "★" * whole + ("½" if rating - whole >= 0.5 else "")


def rating_number(rating: float | None) -> str:
    """A rating as a short number: ``4.5``, ``4``; empty for no rating."""
    return "" if rating is None else f"{rating:g}"


def day(value: date | None) -> str:
    """A date as ``2014-05-02``; empty for none."""
    return value.isoformat() if value else ""


def local_time(value: datetime | None) -> str:
    """A stored UTC timestamp shown in local time, to the minute."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def printable(text: str) -> str:
    """User text made safe for a terminal: control characters shown, never obeyed.

    C0 controls become their pictures (␛), C1 controls and the characters that reorder text
    become escapes (``\\x9b``, ``\\u202e``); tabs and line breaks stay.
    """
    return text.translate(_SHOW_CONTROLS)


def shorten(text: str, length: int) -> str:
    """At most ``length`` characters, ending in ``…`` when cut (at a word boundary if near)."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    space = cut.rfind(" ", length // 2)
    return (cut[:space] if space > 0 else cut).rstrip() + "…"


def one_line(text: str) -> str:
    """Text on one line, for tab-separated output (a CRLF line break is one space)."""
    return text.replace("\r\n", "\n").translate(_ONE_LINE)


@lru_cache(maxsize=4096)
def markdown_text(markdown: str) -> str:
    """Markdown as the plain text a reader sees: no markers or escapes; line breaks kept.

    For places that show text without rendering it (a list's notes in a table, a line of plain
    output). Paragraphs are separated by a blank line; a link shows its text.
    """
    from markdown_it import MarkdownIt  # imported when first needed, not at start-up

    blocks: list[str] = []
    marker = ""
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "list_item_open":
            marker = f"{token.info}{token.markup} "  # "- ", or "1. " (info holds the number)
        elif token.type == "inline":
            text = "".join(_inline_text(child) for child in token.children or [])
            blocks.append(marker + text)
            marker = ""
        elif token.type in ("fence", "code_block", "html_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(blocks)


def _inline_text(token: object) -> str:
    """What one inline token shows as text."""
    kind = getattr(token, "type", "")
    if kind in ("text", "code_inline"):
        return str(getattr(token, "content", ""))
    return {"softbreak": " ", "hardbreak": "\n"}.get(kind, "")


def counted(number: int, noun: str) -> str:
    """``1 film``, ``2,048 films``: a number with its noun (plural with an s)."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
