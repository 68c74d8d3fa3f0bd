"""Turning journal values into text for people: stars, dates, safe one-liners.

Shared by the CLI and the TUI; no Textual import.
"""

from __future__ import annotations

from datetime import date, datetime

_CONTROL_PICTURES = {c: chr(0x2400 + c) for c in range(0x20) if c not in (9, 10)} | {0x7F: "\u2421"}
_C1 = {code: f"\\x{code:02x}" for code in range(0x80, 0xA0)}
_SHOW_CONTROLS = str.maketrans({**_CONTROL_PICTURES, **_C1})
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
    """User text made safe for a terminal: control characters shown, never obeyed."""
    return text.translate(_SHOW_CONTROLS)


def one_line(text: str) -> str:
    """Text on one line, for tab-separated output (a CRLF line break is one space)."""
    return text.replace("\r\n", "\n").translate(_ONE_LINE)
