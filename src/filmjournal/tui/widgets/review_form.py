"""The review's fields: headline, watched date and place, rating, flags, tags and the body.

The fields are mounted the first time a film is shown, not at start-up (the Markdown editor
alone costs start-up time). Any edit posts one :class:`ReviewForm.Edited`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widget import AwaitMount, Widget
from textual.widgets import Checkbox, Input, Label

from filmjournal.journal.records import Review
from filmjournal.tui.widgets.rating import RatingInput, step_rating
from filmjournal.tui.widgets.tick import Tick

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from filmjournal.settings import ReviewTemplate


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the journal's tags."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags: list[str] = []

    async def get_suggestion(self, value: str) -> str | None:
        """The value with its last tag completed, if a known tag starts with it."""
        head, _, typed = value.rpartition(",")
        stem = typed.lstrip().casefold()
        if not stem:
            return None
        for tag in self.tags:
            if tag.casefold().startswith(stem) and tag.casefold() != stem:
                prefix = f"{head}, " if head else ""
                return prefix + tag
        return None


FLAGS_WIDTH = 50
"""Columns the rating and the tick boxes need on one line (see app.tcss)."""


class ReviewForm(Vertical):
    """The fields of one review; :meth:`values` reads them, :meth:`load` fills them."""

    class Edited(Message):
        """The user changed a field."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggester = TagSuggester()
        self.mounted = False
        self._mounting: AwaitMount | None = None

    def _fields(self) -> list[Widget]:
        """The fields (TextArea is imported here: it costs start-up time, unneeded before)."""
        from textual.widgets import TextArea

        return [
            Input(placeholder="headline: the line that sums it up", id="headline"),
            Horizontal(
                Label("watched", classes="meta-label"),
                Input(placeholder="YYYY-MM-DD", id="watched"),
                Label("where", classes="meta-label"),
                Input(placeholder="e.g. Netflix, a cinema", id="where"),
                id="review-meta",
            ),
            Horizontal(
                RatingInput(id="rating"),
                Tick("rewatch", id="rewatch"),
                Tick("liked", id="liked"),
                Tick("spoilers", id="spoilers"),
                id="review-flags",
            ),
            Horizontal(
                Label("tags", classes="meta-label"),
                Input(
                    placeholder="e.g. romance, sci-fi (commas between)",
                    id="tags",
                    suggester=self.suggester,
                ),
                id="review-tags",
            ),
            TextArea.code_editor(
                "",
                language="markdown",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
                id="body",
                placeholder="Write your review here (Markdown; ||spoiler|| hides words).",
            ),
        ]

    def on_resize(self) -> None:
        """Too narrow for the rating and the three tick boxes on one line: use two."""
        self.set_class(self.size.width < FLAGS_WIDTH, "-tight")

    async def ensure_mounted(self) -> None:
        """Mount the fields the first time they are needed (callers may overlap)."""
        if self._mounting is None:
            self._mounting = self.mount_all(self._fields())
        await self._mounting
        self.mounted = True

    @property
    def body(self) -> TextArea:
        """The body's editor (the fields must be mounted)."""
        from textual.widgets import TextArea

        return self.query_one("#body", TextArea)

    def load(
        self, review: Review | None, *, watched: str = "", template: ReviewTemplate | None = None
    ) -> None:
        """Fill the fields with a review (or a new one, from the template), without an Edited."""
        from textual.widgets import TextArea

        start = template if review is None else None
        inputs = {
            "#headline": review.headline if review else start.headline if start else "",
            "#watched": review.watched_on.isoformat() if review and review.watched_on else watched,
            "#where": review.where_watched if review else "",
            "#tags": ", ".join(review.tags) if review else "",
        }
        with self.prevent(Input.Changed, TextArea.Changed, Checkbox.Changed, RatingInput.Changed):
            for selector, value in inputs.items():
                self.query_one(selector, Input).value = value
            self.body.load_text(review.body if review else start.body if start else "")
            self.query_one(RatingInput).rating = review.rating if review else None
            self.query_one("#rewatch", Checkbox).value = bool(review and review.is_rewatch)
            self.query_one("#liked", Checkbox).value = bool(review and review.is_liked)
            self.query_one("#spoilers", Checkbox).value = bool(review and review.has_spoilers)

    def values(self) -> dict[str, Any]:
        """The review as the fields show it now."""
        tags = [tag.strip() for tag in self.query_one("#tags", Input).value.split(",")]
        return {
            "headline": self.query_one("#headline", Input).value,
            "watched_on": self.query_one("#watched", Input).value.strip() or None,
            "where_watched": self.query_one("#where", Input).value,
            "rating": self.query_one(RatingInput).rating,
            "is_rewatch": self.query_one("#rewatch", Checkbox).value,
            "is_liked": self.query_one("#liked", Checkbox).value,
            "has_spoilers": self.query_one("#spoilers", Checkbox).value,
            "tags": [tag for tag in tags if tag],
            "body": self.body.text,
        }

    def replace_body(self, text: str) -> None:
        """Put new text in the body (written elsewhere), without an Edited: the caller saves."""
        from textual.widgets import TextArea

        with self.prevent(TextArea.Changed):
            self.body.load_text(text)

    def lock_fields(self, locked: bool) -> None:
        """Make the fields read-only (another member's review) or writable again."""
        self.body.read_only = locked
        for field in self.query("Input, Checkbox, RatingInput"):
            if field.disabled != locked:
                field.disabled = locked

    def focus_writing(self) -> None:
        """Put the caret where writing goes on: the headline if empty, else the body."""
        headline = self.query_one("#headline", Input)
        (headline if not headline.value and not headline.disabled else self.body).focus()

    def focus_headline(self) -> None:
        """Put the caret in the headline."""
        self.query_one("#headline", Input).focus()

    def step_rating(self, step: float) -> None:
        """Half a star more or less (an edit like any other)."""
        rating = self.query_one(RatingInput)
        rating.rating = step_rating(rating.rating, step)
        rating.post_message(RatingInput.Changed(rating.rating))

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a one-line field moves on to the next field."""
        event.stop()
        self.screen.focus_next()

    def on_text_area_changed(self, event: Message) -> None:
        """The body changed (handled by name: TextArea is imported late)."""
        self._edited(event)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(RatingInput.Changed)
    def _edited(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Edited())
