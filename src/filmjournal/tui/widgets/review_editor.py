"""The Review pane: a film's viewings, the review's fields and Markdown body, saved as you type."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from filmjournal.display import printable, stars
from filmjournal.journal import api
from filmjournal.journal.records import Review
from filmjournal.tui.autosave import ReviewDraft
from filmjournal.tui.widgets.rating import RatingInput, step_rating

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from filmjournal.tui.widgets.reread import RereadView

AUTOSAVE_DELAY = 0.8
"""Seconds after the last keystroke before the review is written."""


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


def viewing_label(review: Review) -> Text:
    """One line for a viewing in the list: date, stars, where, headline."""
    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(review.watched_on.isoformat() if review.watched_on else "undated", style="bold")
    if review.rating is not None:
        label.append(f" {stars(review.rating)}", style="yellow")
    if review.where_watched:
        label.append(f" · {printable(review.where_watched)}", style="dim")
    if review.headline:
        label.append(f" · {printable(review.headline)}")
    return label


def word_count(text: str) -> int:
    """Words in the body."""
    return len(text.split())


class ReviewPane(Vertical, can_focus=True):
    """Write about one viewing; everything is saved within a second of the last keystroke."""

    BORDER_TITLE = "Review"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new_review", "New viewing"),
        Binding("ctrl+delete", "delete_review", "Delete viewing"),
        Binding("ctrl+r", "toggle_reading", "Read/Write"),
        Binding("ctrl+o", "export_review", "Export .md"),
        Binding("ctrl+up", "rate(0.5)", "+½★"),
        Binding("ctrl+down", "rate(-0.5)", "-½★"),
        Binding("down", "field(1)", "Next field", show=False),
        Binding("up", "field(-1)", "Previous field", show=False),
        Binding("escape", "field(0)", "Back to the headline", show=False),
    ]

    class Saved(Message):
        """A review was written to the journal."""

        def __init__(self, film_id: int, review_id: int | None) -> None:
            super().__init__()
            self.film_id = film_id
            self.review_id = review_id

    class DeleteReview(Message):
        """The user wants this review (viewing) moved to the trash."""

        def __init__(self, film_id: int, review_id: int, label: str) -> None:
            super().__init__()
            self.film_id = film_id
            self.review_id = review_id
            self.label = label

    class ReviewShown(Message):
        """The editor now shows this review (None: a new, unsaved one)."""

        def __init__(self, film_id: int | None, review_id: int | None) -> None:
            super().__init__()
            self.film_id = film_id
            self.review_id = review_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.film_id: int | None = None
        self.film_label = ""
        self.reviews: list[Review] = []
        self.draft: ReviewDraft | None = None
        self.reading = False
        self._timer: Timer | None = None
        self._suggester = TagSuggester()
        self._form_mounted = False
        self._form_mount: AwaitMount | None = None
        self.add_class("-no-film")

    def compose(self) -> ComposeResult:
        yield Static("Pick a film on the left, then write here.", id="review-film")
        yield OptionList(id="viewings")
        yield Vertical(id="review-form")
        yield Static(id="review-error")
        yield Static(id="review-status")

    def _form_fields(self) -> list[Widget]:
        """The review's fields, mounted when the first film is shown (not at start-up).

        TextArea is imported here too: it costs start-up time and is not needed before.
        """
        from textual.widgets import TextArea

        return [
            Input(placeholder="Headline", id="headline"),
            Horizontal(
                Label("watched", classes="meta-label"),
                Input(placeholder="today, 2014-05-02", id="watched"),
                Label("where", classes="meta-label"),
                Input(placeholder="Netflix, cinema", id="where"),
                id="review-meta",
            ),
            Horizontal(
                RatingInput(id="rating"),
                Checkbox("rewatch", id="rewatch"),
                Checkbox("liked", id="liked"),
                Checkbox("spoilers", id="spoilers"),
                id="review-flags",
            ),
            Horizontal(
                Label("tags", classes="meta-label"),
                Input(placeholder="comma separated", id="tags", suggester=self._suggester),
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

    async def _ensure_form(self) -> None:
        """Mount the fields the first time they are needed (callers may overlap)."""
        if self._form_mount is None:
            self._form_mount = self.query_one("#review-form").mount_all(self._form_fields())
        await self._form_mount
        self._form_mounted = True

    @property
    def body_area(self) -> TextArea:
        """The body's editor (the form must be mounted)."""
        from textual.widgets import TextArea

        return self.query_one("#body", TextArea)

    def on_focus(self) -> None:
        """Focusing the pane puts the caret where writing happens."""
        if self.reading:
            self.reread.focus()
        elif not self._form_mounted:
            return
        elif not self.query_one("#headline", Input).value:
            self.query_one("#headline", Input).focus()
        else:
            self.body_area.focus()

    @on(Input.Submitted, "#review-form Input")
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a one-line field moves on to the next field."""
        event.stop()
        self.screen.focus_next()

    # Loading -------------------------------------------------------------------------------

    def show_film(self, film_id: int | None, label: str, review_id: int | None = None) -> None:
        """Show a film's viewings; the newest (or ``review_id``) goes in the editor."""
        self.save_now()
        self.film_id, self.film_label = film_id, label
        if film_id is None:
            self.reviews = []
            self._show_review(None)
            self._set_editable(False)
            self.query_one("#review-film", Static).update(
                "Pick a film on the left, then write here."
            )
            return
        self.query_one("#review-film", Static).update(Text(printable(label), style="bold"))
        self._load_reviews(film_id, review_id)

    @work(thread=True, exclusive=True, group="review-load")
    def _load_reviews(self, film_id: int, review_id: int | None) -> None:
        """Fetch the film's reviews and the journal's tags, off the event loop."""
        with api.thread_connection():
            reviews = api.list_reviews(film_id)
            tags = [name for name, _ in api.list_tags()]
        self.app.call_from_thread(self._show_reviews, film_id, reviews, tags, review_id)

    async def _show_reviews(
        self, film_id: int, reviews: list[Review], tags: list[str], review_id: int | None
    ) -> None:
        await self._ensure_form()
        if film_id != self.film_id or not self.is_attached or not self.query("#tags"):
            return  # another film was picked meanwhile, or the app is closing
        self.reviews = reviews
        self._suggester.tags = tags
        chosen = next((r for r in reviews if r.id == review_id), reviews[0] if reviews else None)
        self._fill_viewings(chosen.id if chosen else None)
        self._set_editable(True)
        self._show_review(chosen)

    def _fill_viewings(self, highlighted: int | None) -> None:
        viewings = self.query_one("#viewings", OptionList)
        viewings.clear_options()
        viewings.add_options([Option(viewing_label(r), id=str(r.id)) for r in self.reviews])
        if not self.reviews:
            viewings.add_option(Option(Text("new viewing — start typing", style="dim"), id="new"))
        index = next((i for i, r in enumerate(self.reviews) if r.id == highlighted), 0)
        with viewings.prevent(OptionList.OptionHighlighted):
            viewings.highlighted = index

    def _show_review(self, review: Review | None) -> None:
        """Put a review (or an empty new one) into the fields."""
        if not self._form_mounted:
            self.draft = None
            return
        self.draft = (
            ReviewDraft(self.film_id, review.id if review else None) if self.film_id else None
        )
        values: dict[str, Any] = {
            "#headline": review.headline if review else "",
            "#watched": review.watched_on.isoformat() if review and review.watched_on else "",
            "#where": review.where_watched if review else "",
            "#tags": ", ".join(review.tags) if review else "",
        }
        from textual.widgets import TextArea

        with self.prevent(Input.Changed, TextArea.Changed, Checkbox.Changed, RatingInput.Changed):
            for selector, value in values.items():
                self.query_one(selector, Input).value = value
            self.body_area.load_text(review.body if review else "")
            self.query_one("#rating", RatingInput).rating = review.rating if review else None
            self.query_one("#rewatch", Checkbox).value = bool(review and review.is_rewatch)
            self.query_one("#liked", Checkbox).value = bool(review and review.is_liked)
            self.query_one("#spoilers", Checkbox).value = bool(review and review.has_spoilers)
        if self.draft:
            self.draft.values = self.field_values()
        self._show_errors({})
        self._update_status()
        if self.reading:
            self._render_reading()
        self.post_message(self.ReviewShown(self.film_id, review.id if review else None))

    def _set_editable(self, editable: bool) -> None:
        self.set_class(not editable, "-no-film")

    # Editing and saving ----------------------------------------------------------------------

    def field_values(self) -> dict[str, Any]:
        """The review as the fields show it now."""
        tags = [tag.strip() for tag in self.query_one("#tags", Input).value.split(",")]
        return {
            "headline": self.query_one("#headline", Input).value,
            "watched_on": self.query_one("#watched", Input).value.strip() or None,
            "where_watched": self.query_one("#where", Input).value,
            "rating": self.query_one("#rating", RatingInput).rating,
            "is_rewatch": self.query_one("#rewatch", Checkbox).value,
            "is_liked": self.query_one("#liked", Checkbox).value,
            "has_spoilers": self.query_one("#spoilers", Checkbox).value,
            "tags": [tag for tag in tags if tag],
            "body": self.body_area.text,
        }

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """The body changed (handled by name: TextArea is imported late)."""
        self._edited(event)

    @on(Input.Changed, "#review-form Input")
    @on(Checkbox.Changed)
    @on(RatingInput.Changed)
    def _edited(self, event: Message) -> None:
        """Any edit: remember the values and save shortly."""
        event.stop()
        if self.draft is None:
            return
        self.draft.update(self.field_values())
        self._update_status()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(AUTOSAVE_DELAY, self.save_now)

    def save_now(self) -> None:
        """Write pending edits in the background (leaving the pane, switching films)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.draft is not None and not self.draft.is_saved:
            self._save(self.draft)

    @work(thread=True, group="review-save")
    def _save(self, draft: ReviewDraft) -> None:
        """Write the draft off the event loop; the newest values always win."""
        try:
            wrote = draft.save()
        except api.JournalError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self._saved, draft, wrote)

    def _saved(self, draft: ReviewDraft, wrote: bool) -> None:
        if draft is self.draft:
            self._show_errors(draft.errors)
            self._update_status()
            if wrote:
                self._refresh_viewings(draft.film_id, draft.review_id)
        if wrote:
            self.post_message(self.Saved(draft.film_id, draft.review_id))

    @work(thread=True, exclusive=True, group="viewings")
    def _refresh_viewings(self, film_id: int, review_id: int | None) -> None:
        """Re-read the film's viewings for the list, leaving the editor alone."""
        with api.thread_connection():
            reviews = api.list_reviews(film_id)
        self.app.call_from_thread(self._show_viewings, film_id, reviews, review_id)

    def _show_viewings(self, film_id: int, reviews: list[Review], review_id: int | None) -> None:
        if film_id == self.film_id:
            self.reviews = reviews
            self._fill_viewings(review_id)

    def flush(self) -> None:
        """Write pending edits now, on this thread (used when quitting)."""
        if self._timer is not None:
            self._timer.stop()
        if self.draft is not None:
            self.draft.save()

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.query_one("#review-error", Static).update(
            Text("\n".join(errors.values()), style="red")
        )

    def _update_status(self) -> None:
        draft = self.draft
        if draft is None:
            self.query_one("#review-status", Static).update("", layout=False)
            return
        words = word_count(draft.values.get("body", ""))
        state = "saved" if draft.is_saved else "saving…"
        if draft.review_id is None and draft.is_saved:
            state = "new viewing"
        self.query_one("#review-status", Static).update(
            Text.assemble(
                (f"{words:,} words", "dim"),
                " · ",
                (state, "green" if state == "saved" else "yellow"),
            ),
            layout=False,
        )

    @on(OptionList.OptionHighlighted, "#viewings")
    def _pick_viewing(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        review = next((r for r in self.reviews if str(r.id) == event.option.id), None)
        current = self.draft.review_id if self.draft else None
        if review is not None and review.id != current:
            self.save_now()
            self._load_reviews(review.film_id, review.id)

    def on_descendant_blur(self) -> None:
        """Leaving a field saves at once when focus leaves the pane."""
        self.call_after_refresh(self._save_if_left)

    def _save_if_left(self) -> None:
        focused = self.app.focused
        if focused is None or self not in focused.ancestors:
            self.save_now()

    # Actions --------------------------------------------------------------------------------

    async def action_new_review(self) -> None:
        """Start writing about a new viewing of this film."""
        if self.film_id is None:
            self.notify("Pick a film first.", severity="warning")
            return
        await self._ensure_form()
        self.save_now()
        self._show_review(None)
        self.query_one("#watched", Input).value = "today"
        self.query_one("#headline", Input).focus()

    def action_delete_review(self) -> None:
        """Move the viewing in the editor to the trash (after asking)."""
        self.flush()
        if self.draft is None or self.draft.review_id is None or self.film_id is None:
            self.notify("This viewing is not saved yet: nothing to delete.", severity="warning")
            return
        review = next((r for r in self.reviews if r.id == self.draft.review_id), None)
        label = viewing_label(review).plain if review else "this viewing"
        self.post_message(self.DeleteReview(self.film_id, self.draft.review_id, label))

    def action_export_review(self) -> None:
        """Write this review to a Markdown file in the export folder."""
        if self.draft is not None:
            self.flush()
        if self.draft is None or self.draft.review_id is None:
            self.notify("Nothing to export yet: write the review first.", severity="warning")
            return
        self._export(self.draft.review_id)

    @work(thread=True, group="export")
    def _export(self, review_id: int) -> None:
        """Export off the event loop and say where the file went."""
        from filmjournal.exchange.exporter import export_review
        from filmjournal.settings import export_folder

        try:
            with api.thread_connection():
                exported = export_review(review_id, f"{export_folder()}{os.sep}")
        except api.JournalError as error:
            self.app.call_from_thread(
                self.notify, f"Export failed: {error}", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.notify, f"Exported to {exported.path}", markup=False)

    def action_field(self, step: int) -> None:
        """Move between the form's fields (0: back to the headline)."""
        if step == 0:
            if self._form_mounted:
                self.query_one("#headline", Input).focus()
        elif step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    def action_rate(self, step: float) -> None:
        """Half a star more or less."""
        if self.draft is not None:
            rating = self.query_one("#rating", RatingInput)
            rating.rating = step_rating(rating.rating, step)
            rating.post_message(RatingInput.Changed(rating.rating))

    def action_toggle_reading(self) -> None:
        """Switch between writing and rereading the review."""
        self.reading = not self.reading
        self.screen.set_focus(None)
        self.set_class(self.reading, "-reading")
        if self.reading:
            self.save_now()
            self._render_reading()
            self.call_after_refresh(self.reread.focus)
        elif self._form_mounted:
            self.call_after_refresh(self.body_area.focus)

    @property
    def reread(self) -> RereadView:
        """The rendered review, mounted the first time it is asked for (Markdown loads late)."""
        from filmjournal.tui.widgets.reread import RereadView

        views = self.query(RereadView)
        if views:
            return views.first()
        view = RereadView(id="reread")
        self.mount(view, before="#review-error")
        return view

    def _render_reading(self) -> None:
        self.reread.show(self.film_label, self.draft, self.film_id)
