"""What the panes ask for, applied through the journal: the main screen's other half.

Each pane posts one message per intent (:mod:`filmjournal.tui.messages`); the handlers here
apply it through the journal API (every call through :mod:`filmjournal.tui.failures`) and
refresh the panes that care. :class:`~filmjournal.tui.screens.main.MainScreen` builds on this
with the layout, the film cursor, search and the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import on
from textual.screen import Screen

from filmjournal.journal import api
from filmjournal.journal.records import Comment, Film, FilmRow, Quote, film_label
from filmjournal.tui import messages, transfers
from filmjournal.tui.failures import attempt, succeeds
from filmjournal.tui.widgets.comments import CommentsPane
from filmjournal.tui.widgets.film_list import FilmsPane
from filmjournal.tui.widgets.quotes import QuotesPane
from filmjournal.tui.widgets.review_editor import ReviewPane


class PaneActions(Screen[None]):
    """Handles what the Films, Review, Quotes and Comments panes ask for."""

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.current_film: FilmRow | None = None
        """The film the Review, Quotes and Comments panes show."""

    @property
    def films(self) -> FilmsPane:
        """The Films pane."""
        return self.query_one(FilmsPane)

    @property
    def review(self) -> ReviewPane:
        """The Review pane."""
        return self.query_one(ReviewPane)

    @property
    def quotes(self) -> QuotesPane:
        """The Quotes pane."""
        return self.query_one(QuotesPane)

    @property
    def comments(self) -> CommentsPane:
        """The Comments pane."""
        return self.query_one(CommentsPane)

    def _refresh_films(self, select_id: int | None = None) -> None:
        """Read the films again; the other panes follow the cursor afresh."""
        self.films.reload(select_id=select_id)
        self.current_film = None

    def _trash_after_asking(
        self, question: str, what: str, delete: Callable[[], object], done: str, then: Any
    ) -> None:
        """Ask ``question``; on yes ``delete()``, then say ``done`` and ``then()``."""
        from filmjournal.tui.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes and succeeds(self, what, delete):
                self.notify(done, markup=False)
                then()

        self.app.push_screen(ConfirmScreen(question), answered)

    @on(messages.DeleteReview)
    def _delete_review(self, event: messages.DeleteReview) -> None:
        def deleted() -> None:
            self._refresh_films()
            self.review.show_film(event.film_id, self.review.film_label)

        self._trash_after_asking(
            f"Move the review of {self.review.film_label} ({event.label}) to the trash?",
            "Could not delete the review",
            partial(api.delete_review, event.review_id),
            "Review moved to the trash (F8).",
            deleted,
        )

    @on(messages.ExportReview)
    def _export_review(self, event: messages.ExportReview) -> None:
        transfers.export_review(self, event.review_id, self.app.settings.export_dir)

    def _film_saved(self, film: Film | None, done: str) -> None:
        if film is not None:
            self._refresh_films(film.id)
            self.notify(done.format(film.label), markup=False)

    @on(messages.AddFilm)
    def _add_film(self, event: messages.AddFilm) -> None:
        from filmjournal.tui.screens.forms import FilmForm

        def added(film: Film | None) -> None:
            if film is None:
                return
            self.films.action_clear_filter()  # the new film is shown whatever was typed
            self._film_saved(film, "Added {}: write about it here.")
            self.post_message(messages.FilmOpened(FilmRow.of(film)))

        self.app.push_screen(FilmForm.adding(event.title), added)

    @on(messages.EditFilm)
    def _edit_film(self, event: messages.EditFilm) -> None:
        from filmjournal.tui.screens.forms import FilmForm

        film = attempt(self, "Could not open the film", api.get_film, event.film.id)
        if film is not None:
            form = FilmForm.editing(film)
            self.app.push_screen(form, lambda film: self._film_saved(film, "Saved {}."))

    @on(messages.ToggleWatchlist)
    def _toggle_watchlist(self, event: messages.ToggleWatchlist) -> None:
        film, adding = event.film, event.film.watchlist_added_on is None
        if succeeds(self, "Could not change the watchlist", api.set_watchlist, film.id, adding):
            change = "added to" if adding else "taken off"
            self.notify(
                f"{film_label(film.title, film.year)} {change} the watchlist.", markup=False
            )
            self._refresh_films(film.id)

    @on(messages.DeleteFilm)
    def _delete_film(self, event: messages.DeleteFilm) -> None:
        label = film_label(event.film.title, event.film.year)
        self._trash_after_asking(
            f"Move “{label}” and everything written about it to the trash?",
            "Could not delete the film",
            partial(api.delete_film, event.film.id),
            f"Moved {label} to the trash (F8).",
            self.films.reload,
        )

    def _quote_saved(self, quote: Quote | None) -> None:
        if quote is not None:
            self.quotes.reload(select_id=quote.id)

    @on(messages.AddQuote)
    def _add_quote(self, event: messages.AddQuote) -> None:
        from filmjournal.tui.screens.forms import QuoteForm

        form = QuoteForm.adding(event.film_id, self.review.current_review_id)
        self.app.push_screen(form, self._quote_saved)

    @on(messages.EditQuote)
    def _edit_quote(self, event: messages.EditQuote) -> None:
        from filmjournal.tui.screens.forms import QuoteForm

        self.app.push_screen(QuoteForm.editing(event.quote), self._quote_saved)

    def _write_in_editor(
        self, text: str, name: str, what: str, save: Callable[[str], Any], then: Any
    ) -> None:
        """Hand ``text`` to the user's editor; if it comes back changed, ``save`` it, ``then``."""
        from filmjournal.tui.external_editor import rewrite_in_editor

        edited = rewrite_in_editor(self, text, name)
        if edited is not None:
            then(attempt(self, what, save, edited))

    @on(messages.WriteQuoteNote)
    def _write_quote_note(self, event: messages.WriteQuoteNote) -> None:
        quote = event.quote
        self._write_in_editor(
            quote.note,
            f"note {quote.text[:40]}",
            "Could not save the note",
            lambda note: api.update_quote(quote.id, note=note),
            self._quote_saved,
        )

    @on(messages.ToggleFavourite)
    def _toggle_favourite(self, event: messages.ToggleFavourite) -> None:
        quote = event.quote
        favourite = not quote.is_favourite
        what = "Could not change the favourite"
        self._quote_saved(attempt(self, what, api.update_quote, quote.id, is_favourite=favourite))

    @on(messages.MoveQuote)
    def _move_quote(self, event: messages.MoveQuote) -> None:
        what = "Could not move the quote"
        self._quote_saved(attempt(self, what, api.move_quote, event.quote.id, event.offset))

    @on(messages.DeleteQuote)
    def _delete_quote(self, event: messages.DeleteQuote) -> None:
        self._trash_after_asking(
            "Move this quote to the trash?",
            "Could not delete the quote",
            partial(api.delete_quote, event.quote.id),
            "Quote moved to the trash (F8).",
            self.quotes.reload,
        )

    def _comment_saved(self, comment: Comment | None) -> None:
        if comment is not None:
            self.comments.reload(select_id=comment.id)

    @on(messages.AddComment)
    @on(messages.ReplyToComment)
    def _write_comment(self, event: messages.AddComment | messages.ReplyToComment) -> None:
        from filmjournal.tui.screens.forms import CommentForm

        if isinstance(event, messages.ReplyToComment):
            review_id, parent = event.comment.review_id, event.comment
        else:
            review_id, parent = event.review_id, None
        form = CommentForm.adding(review_id, parent, self.app.settings.author)
        self.app.push_screen(form, self._comment_saved)

    @on(messages.EditComment)
    def _edit_comment(self, event: messages.EditComment) -> None:
        from filmjournal.tui.screens.forms import CommentForm

        self.app.push_screen(CommentForm.editing(event.comment), self._comment_saved)

    @on(messages.WriteComment)
    def _rewrite_comment(self, event: messages.WriteComment) -> None:
        comment = event.comment
        self._write_in_editor(
            comment.body,
            f"comment by {comment.author}",
            "Could not save the comment",
            lambda body: api.update_comment(comment.id, body=body),
            self._comment_saved,
        )

    @on(messages.DeleteComment)
    def _delete_comment(self, event: messages.DeleteComment) -> None:
        self._trash_after_asking(
            "Move this comment and its replies to the trash?",
            "Could not delete the comment",
            partial(api.delete_comment, event.comment.id),
            "Comment moved to the trash (F8).",
            self.comments.reload,
        )
