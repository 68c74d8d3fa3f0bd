"""Text folding for filters: case- and accent-insensitive matching (no Textual import)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text``: ``Amélie`` → ``amelie``."""
    if text.isascii():  # nothing to decompose: ten times faster for most titles
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_ENCLOSING = "()[]"


def needle_words(needle: str) -> list[str]:
    """The words to look for in a filter: brackets around a word are not part of it, so
    ``Her (2013)`` finds the film ``Her`` of 2013 (and ``(500)`` still finds ``(500) Days``)."""
    return [word for word in (w.strip(_ENCLOSING) for w in needle.split()) if word]


def matches(needle: str, folded_haystack: str) -> bool:
    """Whether every word of the (already folded) needle occurs in the folded haystack."""
    return all(word in folded_haystack for word in needle_words(needle))
