"""The Review pane: a film's viewings and the review being written, saved as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static

from filmjournal.display import printable
from filmjournal.journal import api
from filmjournal.journal.records import Review
from filmjournal.tui.autosave import ReviewDraft, is_blank
from filmjournal.tui.failures import journal_work, report_failure
from filmjournal.tui.messages import DeleteReview, ExportReview, ReviewSaved, ReviewShown
from filmjournal.tui.widgets.review_form import ReviewForm
from filmjournal.tui.widgets.viewings import ViewingsList

if TYPE_CHECKING:
    from filmjournal.tui.widgets.reread import RereadView

AUTOSAVE_DELAY = 0.8
SAVE_RETRY_DELAY = 3.0
"""Seconds between attempts to save while a server journal cannot be reached."""
"""Seconds after the last keystroke before the review is written."""
PICK_A_FILM = "Pick a film on the left, then write here."
WELCOME = Text.assemble(
    ("Welcome to filmjournal.\n\n", "bold"),
    "Press ctrl+n (or type a title in the Films filter and press Enter) to add "
    "your first film, then write about it here.",
)


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
        Binding("ctrl+e", "write_in_editor", "$EDITOR", priority=True),
        Binding("ctrl+up", "rate(0.5)", "+½★"),
        Binding("ctrl+down", "rate(-0.5)", "-½★"),
        Binding("down", "field(1)", "Next field", show=False),
        Binding("up", "field(-1)", "Previous field", show=False),
        Binding("escape", "field(0)", "Back to the headline", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.film_id: int | None = None
        self.film_label = ""
        self.draft: ReviewDraft | None = None
        self.reading = False
        self._timer: Timer | None = None
        self._author = ""
        """Who wrote the review shown (named in the status line when it is someone else)."""
        self._anyone_edits = True
        """Whether the journal lets anyone change anything (a journal file always does)."""
        self._offline = False
        """A save found the server journal unreachable: saving is tried again until it answers."""
        self.add_class("-no-film")

    def compose(self) -> ComposeResult:
        yield Static(PICK_A_FILM, id="review-film")
        yield ViewingsList(id="viewings")
        yield ReviewForm(id="review-form")
        yield Static(id="review-error")
        yield Static(id="review-status")

    @property
    def form(self) -> ReviewForm:
        """The review's fields."""
        return self.query_one(ReviewForm)

    @property
    def viewings(self) -> ViewingsList:
        """The film's viewings."""
        return self.query_one(ViewingsList)

    @property
    def current_review_id(self) -> int | None:
        """The review in the editor, once it is saved."""
        return self.draft.review_id if self.draft else None

    def on_focus(self) -> None:
        """Focusing the pane puts the caret where writing happens."""
        if self.reading:
            self.reread.focus()
        elif self.form.mounted:
            self._focus_writing()

    def focus_inside(self) -> None:
        """Put the caret where writing happens without focusing the pane first (each focus
        change restyles the pane's fields)."""
        if self.reading:
            self.reread.focus()
        elif self.form.mounted:
            self._focus_writing()
        else:
            self.focus()

    def _focus_writing(self) -> None:
        """The caret where writing happens; in another member's review, which is not to be
        written in, the viewings instead when there are others (one's own among them)."""
        if self.locked and len(self.viewings.reviews) > 1:
            self.viewings.focus()
        else:
            self.form.focus_writing()

    def show_welcome(self) -> None:
        """Greet a new user whose journal has no film yet."""
        self.query_one("#review-film", Static).update(WELCOME)

    # Loading -------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        """The review shown is another member's, and the journal lets only them change it."""
        return self._kept_by_another(self._author)

    def _kept_by_another(self, author: str) -> bool:
        """Whether writing signed ``author`` is another member's, theirs alone to change."""
        return api.by_another(author) and not self._anyone_edits

    _CHANGING_ACTIONS = frozenset({"delete_review", "write_in_editor", "rate"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Another member's review: the keys that would change it are shown disabled."""
        if action in self._CHANGING_ACTIONS and self.locked:
            return None
        return True

    def show_film(self, film_id: int | None, label: str, review_id: int | None = None) -> None:
        """Show a film's viewings; the newest (or ``review_id``) goes in the editor."""
        self.save_now()
        self.film_id, self.film_label = film_id, label
        if film_id is None:
            self.draft = None
            self.set_class(True, "-no-film")
            self.query_one("#review-film", Static).update(PICK_A_FILM)
            self._update_status()
            if self.reading:
                self._render_reading()
            self.post_message(ReviewShown(None, None))
            return
        self.query_one("#review-film", Static).update(Text(printable(label), style="bold"))
        self._load_reviews(film_id, review_id)

    @journal_work("Could not load the film's reviews", group="review-load")
    def _load_reviews(self, film_id: int, review_id: int | None) -> None:
        """Fetch the film's reviews and the journal's tags, off the event loop."""
        reviews = api.list_reviews(film_id)
        tags = [name for name, _ in api.list_tags()]
        self._anyone_edits = api.anyone_edits()  # read here, off the event loop
        self.app.call_from_thread(self._show_reviews, film_id, reviews, tags, review_id)

    async def _show_reviews(
        self, film_id: int, reviews: list[Review], tags: list[str], review_id: int | None
    ) -> None:
        await self.form.ensure_mounted()
        if film_id != self.film_id or not self.is_attached or not self.form.is_attached:
            return  # another film was picked meanwhile, or the app is closing
        self.form.suggester.tags = tags
        chosen = next((r for r in reviews if r.id == review_id), reviews[0] if reviews else None)
        self.viewings.show(reviews, chosen.id if chosen else None)
        self.set_class(False, "-no-film")
        another_film = self.draft is None or self.draft.film_id != film_id
        self._show_review(chosen)
        # focused before the fields were there, or in the fields of the film shown before
        if not self.reading and (self.has_focus or (another_film and self.has_focus_within)):
            self._focus_writing()

    def _show_review(self, review: Review | None, *, watched: str = "") -> None:
        """Put a review (or an empty new one) into the fields."""
        assert self.film_id is not None
        self.draft = ReviewDraft(
            self.film_id,
            review.id if review else None,
            stored_at=review.updated_at if review else None,
        )
        self._author = review.author if review else ""
        self.form.lock_fields(self.locked)
        self.refresh_bindings()  # what changes the review is shown disabled when locked
        self.form.load(review, watched=watched, template=self.app.settings.template)
        self.draft.values = self.form.values()
        self._show_errors({})
        self._update_status()
        if self.reading:
            self._render_reading()
        self.post_message(ReviewShown(self.film_id, review.id if review else None))

    # Editing and saving ----------------------------------------------------------------------

    @on(ReviewForm.Edited)
    def _edited(self) -> None:
        """Any edit: remember the values and save shortly."""
        if self.draft is None:
            return
        self.draft.update(self.form.values())
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

    @journal_work("Could not save the review", group="review-save", exclusive=False)
    def _save(self, draft: ReviewDraft) -> None:
        """Write the draft off the event loop; the newest values always win. A server that
        cannot be reached is said once; the draft stays and is saved when it answers again."""
        try:
            wrote = draft.save()
        except Exception as error:
            if not api.is_unreachable(error):
                raise
            self.app.call_from_thread(self._save_later, draft, error)
            return
        self.app.call_from_thread(self._saved, draft, wrote)

    def _save_later(self, draft: ReviewDraft, error: Exception) -> None:
        """Keep the draft and try again shortly (the first failure is reported)."""
        if not self._offline:
            report_failure(self, "Could not save the review (it is kept: saving again soon)", error)
        self._offline = True
        self._update_status()
        if draft is self.draft and not draft.is_saved:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_timer(SAVE_RETRY_DELAY, self.save_now)

    def _saved(self, draft: ReviewDraft, wrote: bool) -> None:
        if self._offline:
            self._offline = False
            self.notify("The journal answers again: the review is saved.", timeout=5)
        copy, draft.conflict_copy = draft.conflict_copy, None
        if copy is not None:
            self.notify(
                "Someone else changed this review while you were writing: your words are "
                f"saved, and theirs are kept as another viewing, “{printable(copy.headline)}”.",
                severity="warning",
                markup=False,
                timeout=20,
            )
        if draft is self.draft:
            self._show_errors(draft.errors)
            self._update_status()
            if wrote:
                self._refresh_viewings(draft.film_id, draft.review_id)
        if wrote:
            self.post_message(ReviewSaved(draft.film_id, draft.review_id))

    def follow_journal(self) -> None:
        """The journal changed on disk: show the film's viewings and this review as stored.

        Edits not yet saved win: the fields are reloaded only if everything typed was saved
        before the journal was read, and nothing was typed since.
        """
        draft = self.draft
        if self.film_id is not None and draft is not None:
            self._read_stored(self.film_id, draft, draft.version if draft.is_saved else None)

    @journal_work("Could not read the film's reviews", group="review-follow")
    def _read_stored(self, film_id: int, draft: ReviewDraft, saved_version: int | None) -> None:
        try:
            reviews = api.list_reviews(film_id)
        except api.NotFoundError:
            return  # the film is gone: the film list moves on and this pane follows it
        self._anyone_edits = api.anyone_edits()
        self.app.call_from_thread(self._take_stored, draft, reviews, saved_version)

    def _take_stored(
        self, draft: ReviewDraft, reviews: list[Review], saved_version: int | None
    ) -> None:
        if draft is not self.draft or not self.form.mounted:
            return
        self.viewings.show(reviews, draft.review_id)
        edited_since = saved_version is None or draft.version != saved_version or draft.errors
        if draft.review_id is None and reviews and not edited_since and is_blank(draft.values):
            self._show_review(reviews[0])  # an untouched new viewing gives way to one written
            return  # elsewhere (a member reviewed the film just added)
        if draft.review_id is None or edited_since:
            return
        stored = next((r for r in reviews if r.id == draft.review_id), None)
        if stored is None:  # deleted elsewhere: show what the film has now
            self._show_review(reviews[0] if reviews else None)
        elif stored.updated_at != draft.stored_at:  # written by someone else
            caret = self.form.body.cursor_location
            self._show_review(stored)
            self.form.body.cursor_location = caret

    @journal_work("Could not list the film's viewings", group="viewings")
    def _refresh_viewings(self, film_id: int, review_id: int | None) -> None:
        """Re-read the film's viewings for the list, leaving the editor alone."""
        reviews = api.list_reviews(film_id)
        self.app.call_from_thread(self._show_viewings, film_id, reviews, review_id)

    def _show_viewings(self, film_id: int, reviews: list[Review], review_id: int | None) -> None:
        if film_id == self.film_id:
            self.viewings.show(reviews, review_id)

    def flush(self) -> bool:
        """Write pending edits now, on this thread (used when quitting); False if that failed."""
        if self._timer is not None:
            self._timer.stop()
        if self.draft is None:
            return True
        try:
            self.draft.save()
        except Exception as error:  # reported to the user, who can then decide
            report_failure(self, "Could not save the review", error)
            return False
        return True

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.query_one("#review-error", Static).update(
            Text(printable("\n".join(errors.values())), style="red")
        )

    def _update_status(self) -> None:
        draft = self.draft
        status = self.query_one("#review-status", Static)
        if draft is None:
            status.update("", layout=False)
            return
        if self.locked:  # nothing to write or save here: whose it is, and where to go
            shown = Text.assemble(
                (f"by {printable(self._author)}", "bold"),
                (" · theirs to change · Esc: viewings · ctrl+n: yours", "dim"),
            )
            status.update(shown, layout=False)
            return
        words = word_count(draft.values.get("body", ""))
        state = "saved" if draft.is_saved else "saving…"
        if self._offline and not draft.is_saved:
            state = "not saved yet: no answer from the journal, trying again"
        if draft.review_id is None and draft.is_saved:
            state = "new viewing"
        shown = Text.assemble(
            (f"{words:,} words", "dim"), " · ", (state, "green" if state == "saved" else "yellow")
        )
        if api.by_another(self._author):  # another member's review, anyone may change
            shown.append(f" · by {printable(self._author)}", style="bold")
        status.update(shown, layout=False)

    @on(ViewingsList.OptionSelected, "#viewings")
    def _write_in_viewing(self, event: ViewingsList.OptionSelected) -> None:
        """Enter on a viewing: write in it (if it is one's own to write)."""
        event.stop()
        reviews = self.viewings.reviews
        chosen = reviews[event.option_index] if event.option_index < len(reviews) else None
        if chosen is None or not self._kept_by_another(chosen.author):
            self.form.focus_writing()

    @on(ViewingsList.Picked)
    def _pick_viewing(self, event: ViewingsList.Picked) -> None:
        event.stop()
        if event.review.id != self.current_review_id:
            self.save_now()
            self._load_reviews(event.review.film_id, event.review.id)

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
        await self.form.ensure_mounted()
        self.save_now()
        self._show_review(None, watched="today")
        self.form.focus_headline()

    def action_delete_review(self) -> None:
        """Move the viewing in the editor to the trash (after asking)."""
        review_id = self.current_review_id if self.flush() else None
        if review_id is None or self.film_id is None:
            self.notify("This viewing is not saved yet: nothing to delete.", severity="warning")
            return
        self.post_message(DeleteReview(self.film_id, review_id, self.viewings.label_of(review_id)))

    def action_export_review(self) -> None:
        """Write this review to a Markdown file in the export folder."""
        review_id = self.current_review_id if self.flush() else None
        if review_id is None:
            self.notify("Nothing to export yet: write the review first.", severity="warning")
            return
        self.post_message(ExportReview(review_id))

    def action_write_in_editor(self) -> None:
        """Write the body in $VISUAL / $EDITOR; the rest of the review is saved first."""
        from filmjournal.tui.external_editor import rewrite_in_editor

        if self.draft is None or not self.form.mounted:
            self.notify("Pick a film first.", severity="warning")
            return
        if self.locked:
            self.notify(
                f"This review is {printable(self._author)}'s to change.",
                severity="warning",
                markup=False,
            )
            return
        if not self.flush():
            return  # the failure is on screen: nothing is handed over half-saved
        edited = rewrite_in_editor(self, self.form.body.text, f"{self.film_label} review")
        if edited is None:
            return
        self.form.replace_body(edited)
        self.draft.update(self.form.values())
        self._update_status()
        self.save_now()
        if self.reading:
            self._render_reading()

    def action_field(self, step: int) -> None:
        """Move between the form's fields (0: back to the headline, or to the viewings in
        another member's review)."""
        if step == 0:
            if self.locked:
                self.viewings.focus()
            elif self.form.mounted:
                self.form.focus_headline()
        elif step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    def action_rate(self, step: float) -> None:
        """Half a star more or less."""
        if self.draft is not None and not self.locked:
            self.form.step_rating(step)

    def action_toggle_reading(self) -> None:
        """Switch between writing and rereading the review."""
        self.reading = not self.reading
        self.screen.set_focus(None)
        self.set_class(self.reading, "-reading")
        if self.reading:
            self.save_now()
            self._render_reading()
            self.call_after_refresh(self.reread.focus)
        elif self.form.mounted:
            self.call_after_refresh(self.form.body.focus)

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
        self.reread.show(self.film_label, self.draft)
