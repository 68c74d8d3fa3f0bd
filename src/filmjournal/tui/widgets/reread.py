"""Reread mode: the review rendered, spoilers hidden until asked for, then its quotes."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from filmjournal.display import local_time, printable, stars
from filmjournal.journal import api
from filmjournal.journal.errors import ValidationError
from filmjournal.journal.records import Comment, Quote
from filmjournal.journal.validation import clean_watched_on, format_film_time
from filmjournal.spoilers import replace_spoilers
from filmjournal.tui.autosave import ReviewDraft
from filmjournal.tui.failures import journal_work

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")
HIDDEN_INLINE = "`▒▒ spoiler — press x ▒▒`"
HIDDEN_BLOCK = "\n> **Spoiler hidden** — press `x` to reveal it.\n"


def escape_markdown(text: str) -> str:
    """User text shown literally inside generated Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(text))


def watched_day(typed: object) -> str:
    """The date a typed watched value means (``today`` → ``2026-11-26``), else it as typed."""
    try:
        day = clean_watched_on(typed)
    except ValidationError:
        return str(typed or "")
    return day.isoformat() if day else ""


def meta_line(values: dict[str, Any]) -> str:
    """Stars, watched date and place, rewatch, liked and tags, as one line."""
    parts = []
    if values.get("rating") is not None:
        parts.append(stars(values["rating"]))
    watched = watched_day(values.get("watched_on"))
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
        lines.append(f"\n{printable(quote.note)}")
    return "\n".join(lines)


def comments_markdown(comments: list[Comment], depth: int = 0) -> list[str]:
    """The thread as nested list items: author and time, then the comment, replies below."""
    lines: list[str] = []
    indent = "  " * depth
    for comment in comments:
        author = escape_markdown(comment.author or "anonymous")
        lines += [f"{indent}- **{author}** · {local_time(comment.created_at)}", ""]
        lines += [
            f"{indent}  {line}" if line else "" for line in printable(comment.body).split("\n")
        ]
        lines.append("")
        lines += comments_markdown(comment.replies, depth + 1)
    return lines


def reread_markdown(
    film_label: str,
    values: dict[str, Any],
    quotes: list[Quote],
    revealed: bool,
    comments: list[Comment] | None = None,
) -> str:
    """The whole review as Markdown, with spoiler passages hidden unless ``revealed``.

    It reads like the blog post: headline, film, meta line, body, quotes with notes, comments.
    """
    if not film_label:
        return "*Pick a film to reread what you wrote about it.*\n"
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
    if comments:
        parts.append("## Comments")
        parts.append("\n".join(comments_markdown(comments)).rstrip())
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
        self._comments: list[Comment] = []
        self._review_id: int | None = None
        self._drawn = ""

    def compose(self) -> ComposeResult:
        yield Markdown(id="reread-text")

    def show(self, film_label: str, draft: ReviewDraft | None) -> None:
        """Render the review the editor holds (its quotes and comments are read in a worker).

        Shown again (the journal changed), the same review keeps its revealed spoilers.
        """
        review_id = draft.review_id if draft else None
        if (film_label, review_id) != (self._film_label, self._review_id) or draft is None:
            self.revealed = False
            self._quotes, self._comments = [], []
        self._film_label, self._review_id = film_label, review_id
        self._values = dict(draft.values) if draft else {}
        self._draw()
        if review_id is not None:
            self._load_around(review_id)

    @journal_work("Could not load the review's quotes", group="reread")
    def _load_around(self, review_id: int) -> None:
        """Read the quotes and the comment thread shown with the review."""
        try:
            detail = api.load_review(review_id)
        except api.NotFoundError:
            return
        self.app.call_from_thread(self._take_around, detail.quotes, detail.comments)

    def _take_around(self, quotes: list[Quote], comments: list[Comment]) -> None:
        self._quotes, self._comments = quotes, comments
        self._draw()

    def on_mount(self) -> None:
        """Draw what was asked for before the view was mounted."""
        self._draw()

    def _draw(self) -> None:
        views = self.query("#reread-text")
        if not views:
            return
        markdown = reread_markdown(
            self._film_label, self._values, self._quotes, self.revealed, self._comments
        )
        if markdown != self._drawn:  # redrawing the same text would lose the reader's place
            self._drawn = markdown
            views.first(Markdown).update(markdown)

    def action_toggle_spoilers(self) -> None:
        """Show or hide the spoiler passages."""
        self.revealed = not self.revealed
        self._draw()
