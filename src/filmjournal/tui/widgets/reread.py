"""Reread mode: the review rendered, spoilers hidden until asked for, then its quotes."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from filmjournal.display import printable, stars
from filmjournal.journal import api
from filmjournal.journal.records import Quote
from filmjournal.journal.validation import format_film_time
from filmjournal.spoilers import replace_spoilers
from filmjournal.tui.autosave import ReviewDraft
from filmjournal.tui.failures import journal_work

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")
HIDDEN_INLINE = "`▒▒ spoiler — press x ▒▒`"
HIDDEN_BLOCK = "\n> **Spoiler hidden** — press `x` to reveal it.\n"


def escape_markdown(text: str) -> str:
    """User text shown literally inside generated Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(text))


def meta_line(values: dict[str, Any]) -> str:
    """Stars, watched date and place, rewatch, liked and tags, as one line."""
    parts = []
    if values.get("rating") is not None:
        parts.append(stars(values["rating"]))
    watched = values.get("watched_on") or ""
    where = values.get("where_watched") or ""
    if watched or where:
        parts.append(
            " ".join(
                filter(
                    None, [f"watched {watched}" if watched else "", f"on {where}" if where else ""]
                )
            )
        )
    if values.get("is_rewatch"):
        parts.append("rewatch")
    if values.get("is_liked"):
        parts.append("♥ liked")
    if values.get("tags"):
        parts.append("tags: " + ", ".join(values["tags"]))
    return escape_markdown(" · ".join(parts))


def quote_markdown(quote: Quote) -> str:
    """A quote as a blockquote with its speaker, position and favourite mark, then the note."""
    lines = [f"> {escape_markdown(line)}" if line else ">" for line in quote.text.splitlines()]
    attribution = " · ".join(
        filter(None, [escape_markdown(quote.speaker), format_film_time(quote.film_time)])
    )
    if quote.is_favourite:
        attribution = f"★ {attribution}".strip()
    if attribution:
        lines.append(f">\n> — {attribution}")
    if quote.note.strip():
        lines.append(f"\n{quote.note}")
    return "\n".join(lines)


def reread_markdown(
    film_label: str, values: dict[str, Any], quotes: list[Quote], revealed: bool
) -> str:
    """The whole review as Markdown, with spoiler passages hidden unless ``revealed``."""
    headline = values.get("headline") or film_label
    body = printable((values.get("body") or "").replace("\r\n", "\n"))
    if not revealed:
        body = replace_spoilers(body, lambda _: HIDDEN_INLINE, lambda _: HIDDEN_BLOCK)
    else:
        body = replace_spoilers(body, lambda text: f"*{text}*", lambda text: f"\n{text}\n")
    parts = [f"# {escape_markdown(headline)}", f"*{escape_markdown(film_label)}*"]
    meta = meta_line(values)
    if meta:
        parts.append(meta)
    if values.get("has_spoilers") and not revealed:
        parts.append("> ⚠ This review contains spoilers: they stay hidden until you press `x`.")
    parts.append(body.strip() or "*Nothing written yet.*")
    if quotes:
        parts.append("## Quotes")
        parts.extend(quote_markdown(quote) for quote in quotes)
    return "\n\n".join(parts) + "\n"


class RereadView(VerticalScroll, can_focus=True):
    """The rendered review; ``x`` reveals or hides the spoilers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "toggle_spoilers", "Reveal spoilers"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.revealed = False
        self._film_label = ""
        self._values: dict[str, Any] = {}
        self._quotes: list[Quote] = []

    def compose(self) -> ComposeResult:
        yield Markdown(id="reread-text")

    def show(self, film_label: str, draft: ReviewDraft | None, film_id: int | None) -> None:
        """Render the review the editor holds (its quotes are read in a worker)."""
        self.revealed = False
        self._film_label = film_label
        self._values = dict(draft.values) if draft else {}
        self._quotes = []
        self._draw()
        if draft is not None and draft.review_id is not None:
            self._load_quotes(draft.review_id)

    @journal_work("Could not load the review's quotes", group="reread")
    def _load_quotes(self, review_id: int) -> None:
        try:
            quotes = api.load_review(review_id).quotes
        except api.NotFoundError:
            quotes = []
        self.app.call_from_thread(self._take_quotes, quotes)

    def _take_quotes(self, quotes: list[Quote]) -> None:
        self._quotes = quotes
        self._draw()

    def on_mount(self) -> None:
        """Draw what was asked for before the view was mounted."""
        self._draw()

    def _draw(self) -> None:
        views = self.query("#reread-text")
        if not views:
            return
        markdown = reread_markdown(self._film_label, self._values, self._quotes, self.revealed)
        views.first(Markdown).update(markdown)

    def action_toggle_spoilers(self) -> None:
        """Show or hide the spoiler passages."""
        self.revealed = not self.revealed
        self._draw()
