"""The syntax our Markdown files share between writing and reading: markers and escaping.

What a reader sees is plain Markdown; what the importer needs to cut the file back into its
parts sits in HTML comments (``<!-- filmjournal:quote {...} -->``), which GitHub, Hugo, Jekyll
and Obsidian do not show. Spoiler passages become ``<details>`` blocks.

Every piece of the writer's text goes through :func:`escape_reserved` first, so nothing they
write can be taken for one of these markers: round trips are exact whatever the text holds.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from filmjournal.journal.errors import JournalError
from filmjournal.spoilers import BLOCK, INLINE

MARKER_PREFIX = "<!-- filmjournal:"
MARKER = re.compile(r"^( *)<!-- filmjournal:([a-z]+)(?: (\{.*\}))? -->$")
INLINE_OPEN = '<details class="spoiler"><summary>Spoiler</summary>'
INLINE_CLOSE = "</details><!--/spoiler-->"
BLOCK_OPEN = '<details class="spoiler-block" data-fence="{}"><summary>Spoiler</summary>\n\n'
BLOCK_CLOSE = "</details><!--/spoiler-block-->"
_RESERVED = re.compile(r'(<details class="spoiler|<!--/spoiler|<!-- filmjournal:)')
_RESERVED_ESCAPED = re.compile(r'(<details class="spoiler|<!--/spoiler|<!-- filmjournal:) ')
_INLINE_TOKEN = re.compile(re.escape(INLINE_OPEN) + "(.*?)" + re.escape(INLINE_CLOSE), re.DOTALL)
_BLOCK_TOKEN = re.compile(
    re.escape(BLOCK_OPEN).replace(r"\{\}", '([^"]*)') + "(.*?)" + re.escape(BLOCK_CLOSE), re.DOTALL
)
_MARKER_JSON = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


class MarkdownError(JournalError):
    """A Markdown file that cannot be read as a review."""


def marker(kind: str, data: dict[str, Any] | None = None, indent: str = "") -> str:
    """An invisible line telling the importer what follows."""
    if not data:
        return f"{indent}{MARKER_PREFIX}{kind} -->"
    payload = _MARKER_JSON.encode(data)
    if "<" in payload or ">" in payload:
        payload = payload.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"{indent}{MARKER_PREFIX}{kind} {payload} -->"


def escape_reserved(text: str) -> str:
    """Put a space after anything that could be read as one of our markers."""
    return _RESERVED.sub(r"\1 ", text) if "<" in text else text


def unescape_reserved(text: str) -> str:
    """Undo :func:`escape_reserved`."""
    return _RESERVED_ESCAPED.sub(r"\1", text) if "<" in text else text


def spoilers_to_html(body: str) -> str:
    """Spoiler passages as ``<details>`` (the body is already escaped)."""
    if "||" not in body and "spoiler" not in body:
        return body

    def block(match: re.Match[str]) -> str:
        opening = match.group(0)[: match.start(2) - match.start(0)]
        closing = match.group(0)[match.end(2) - match.start(0) :]
        fence = html.escape(json.dumps([opening, closing], ensure_ascii=False), quote=True)
        return BLOCK_OPEN.format(fence) + match.group(2) + BLOCK_CLOSE

    body = BLOCK.sub(block, body)
    return INLINE.sub(lambda match: INLINE_OPEN + match.group(1) + INLINE_CLOSE, body)


def spoilers_from_html(text: str) -> str:
    """Undo :func:`spoilers_to_html`."""
    if '<details class="spoiler' not in text:
        return text
    text = _INLINE_TOKEN.sub(lambda match: f"||{match.group(1)}||", text)

    def block(match: re.Match[str]) -> str:
        try:
            opening, closing = json.loads(html.unescape(match.group(1)))
        except (ValueError, TypeError, RecursionError):  # not what we write: leave it as it is
            return match.group(0)
        if not isinstance(opening, str) or not isinstance(closing, str):
            return match.group(0)
        return opening + match.group(2) + closing

    return _BLOCK_TOKEN.sub(block, text)
