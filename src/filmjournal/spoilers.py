"""The spoiler syntax inside review bodies (no Textual import).

Two forms, both documented in README.md:

- inline: ``||Samantha leaves||`` hides the words between the double bars;
- block: a fenced block whose info string is ``spoiler`` hides whole paragraphs::

    ```spoiler
    In the end the OSes leave together.
    ```
"""

from __future__ import annotations

import re
from collections.abc import Callable

INLINE = re.compile(r"\|\|(?=\S)(.+?)(?<=\S)\|\|", re.DOTALL)
BLOCK = re.compile(
    r"^(`{3,}|~{3,})[ \t]*spoiler[ \t]*\r?\n(.*?)^\1[ \t]*\r?$", re.DOTALL | re.MULTILINE
)


def replace_spoilers(body: str, inline: Callable[[str], str], block: Callable[[str], str]) -> str:
    """Rewrite every spoiler passage with the given functions (blocks first, then inline)."""
    body = BLOCK.sub(lambda match: block(match.group(2)), body)
    return INLINE.sub(lambda match: inline(match.group(1)), body)


def has_spoiler_passages(body: str) -> bool:
    """Whether the body marks any passage as a spoiler."""
    return bool(BLOCK.search(body) or INLINE.search(body))
