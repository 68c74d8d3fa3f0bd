"""The main screen: Films, Review, Quotes and Comments side by side (one at a time when narrow).

Panes post messages when the user wants something; this screen applies it through the journal
API and refreshes the panes that care. Dialogs are imported when first needed, to start faster.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Static

from filmjournal.journal import api
from filmjournal.journal.records import FilmRow, SearchHit, film_label
from filmjournal.settings import author_name
from filmjournal.tui.widgets.comments import CommentsPane
from filmjournal.tui.widgets.film_list import FilmsPane
from filmjournal.tui.widgets.footer import KeyFooter
from filmjournal.tui.widgets.quotes import QuotesPane
from filmjournal.tui.widgets.review_editor import ReviewPane

PANES = ("films", "review", "quotes", "comments")
NARROW_WIDTH = 110
"""Below this many columns the panes are shown one at a time."""
FOLLOW_DELAY = 0.12
"""Seconds the film cursor must rest before the other panes load that film."""


class MainScreen(Screen[None]):
    """Where the journal is written and reread."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "focus_pane('films')", "Films"),
        Binding("f3", "focus_pane('review')", "Review"),
        Binding("f4", "focus_pane('quotes')", "Quotes"),
        Binding("f5", "focus_pane('comments')", "Comments"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False),
        Binding("ctrl+f", "search", "Search"),
        Binding("slash", "search", "Search", show=False),
        Binding("f7", "lists", "Lists", show=False),
        Binding("f8", "trash", "Trash"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._follow_timer: Timer | None = None
        self.current_film: FilmRow | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="pane-bar")
        with Horizontal(id="columns"):
            yield FilmsPane(id="films", classes="pane -active")
            yield ReviewPane(id="review", classes="pane")
            with Vertical(id="side"):
                yield QuotesPane(id="quotes", classes="pane")
                yield CommentsPane(id="comments", classes="pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the first films at once, load the rest after that frame, start in the filter.

        The whole list is read in a worker, but turning 20,000 rows into records holds the
        interpreter: started before the first frame, it would slow that frame down.
        """
        self.films.show_first_page()
        self.call_after_refresh(self.call_later, self.films.reload)
        self.query_one("#film-filter").focus()

    def panes(self) -> list[Widget]:
        """The four panes, in Tab order."""
        return [self.query_one(f"#{name}") for name in PANES]

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

    # Layout ----------------------------------------------------------------------------------

    def on_resize(self) -> None:
        """Show one pane at a time on narrow terminals."""
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")
        self._update_pane_bar()

    def active_pane(self) -> Widget | None:
        """The pane holding the focus."""
        focused = self.focused
        for pane in self.panes():
            if focused is pane or (focused is not None and pane in focused.ancestors):
                return pane
        return None

    def on_descendant_focus(self) -> None:
        """Mark the pane with the focus (it is the one shown when narrow)."""
        active = self.active_pane()
        if active is None:
            return
        for pane in self.panes():
            pane.set_class(pane is active, "-active")
        self.query_one("#side").set_class(active.id in ("quotes", "comments"), "-active")
        self._update_pane_bar()

    def _update_pane_bar(self) -> None:
        """The pane names with their keys, the active one highlighted (narrow layout only)."""
        active = self.active_pane()
        bar = Text()
        for key, pane in zip(("F2", "F3", "F4", "F5"), self.panes(), strict=True):
            style = "reverse bold" if pane is active else ""
            bar.append(f" {key} {pane.border_title} ", style=style)
            bar.append(" ")
        self.query_one("#pane-bar", Static).update(bar, layout=False)

    def action_focus_pane(self, name: str) -> None:
        """Put the focus in a pane (shown first if the layout is narrow)."""
        pane = self.query_one(f"#{name}")
        for other in self.panes():
            other.set_class(other is pane, "-active")
        self.query_one("#side").set_class(name in ("quotes", "comments"), "-active")
        pane.focus()
        self._update_pane_bar()

    def action_cycle_pane(self, step: int) -> None:
        """Go to the next (or previous) pane."""
        active = self.active_pane()
        index = PANES.index(active.id) if active is not None and active.id else 0
        self.action_focus_pane(PANES[(index + step) % len(PANES)])

    # Following the film cursor ------------------------------------------------------------------

    @on(FilmsPane.FilmHighlighted)
    def _film_highlighted(self, event: FilmsPane.FilmHighlighted) -> None:
        if self._follow_timer is not None:
            self._follow_timer.stop()
        film = event.film
        if isinstance(event, FilmsPane.OpenFilm):
            self._show_film(film)
            self.action_focus_pane("review")
            return
        self._follow_timer = self.set_timer(FOLLOW_DELAY, lambda: self._show_film(film))

    def _show_film(self, film: FilmRow | None, review_id: int | None = None) -> None:
        """Load a film into the Review, Quotes and Comments panes."""
        same = (
            film is not None and self.current_film is not None and film.id == self.current_film.id
        )
        self.current_film = film
        if same and review_id is None:
            return
        label = film_label(film.title, film.year) if film else ""
        self.review.show_film(film.id if film else None, label, review_id)
        self.quotes.show_film(film.id if film else None)
        if film is None:
            self.comments.show_review(None)
        self._welcome_if_empty()

    def _welcome_if_empty(self) -> None:
        if not self.films.films:
            self.query_one("#review-film", Static).update(
                Text.assemble(
                    ("Welcome to filmjournal.\n\n", "bold"),
                    "Press ctrl+n (or type a title in the Films filter and press Enter) to add "
                    "your first film, then write about it here.",
                )
            )

    @on(ReviewPane.ReviewShown)
    def _review_shown(self, event: ReviewPane.ReviewShown) -> None:
        self.comments.show_review(event.review_id)

    @on(ReviewPane.Saved)
    def _review_saved(self, event: ReviewPane.Saved) -> None:
        self.films.reload()
        if self.comments.review_id != event.review_id:
            self.comments.show_review(event.review_id)

    @on(ReviewPane.DeleteReview)
    def _delete_review(self, event: ReviewPane.DeleteReview) -> None:
        from filmjournal.tui.screens.dialogs import ConfirmScreen

        def delete(yes: bool | None) -> None:
            if yes:
                api.delete_review(event.review_id)
                self.notify("Review moved to the trash (F8).")
                self.films.reload()
                self.current_film = None
                self.review.show_film(event.film_id, self.review.film_label)

        question = f"Move the review of {self.review.film_label} ({event.label}) to the trash?"
        self.app.push_screen(ConfirmScreen(question), delete)

    # Films ------------------------------------------------------------------------------------

    @on(FilmsPane.AddFilm)
    def _add_film(self, event: FilmsPane.AddFilm) -> None:
        from filmjournal.tui.screens.dialogs import FilmForm

        def save(values: dict[str, Any]) -> Any:
            return api.create_film(**values)

        self.app.push_screen(FilmForm(save, title=event.title), self._film_added)

    def _film_added(self, film: Any) -> None:
        if film is None:
            return
        self.films.action_clear_filter()
        self.films.reload(select_id=film.id)
        self.notify(f"Added {film.label}.", markup=False)
        self.current_film = None

    @on(FilmsPane.FilmAction)
    def _film_action(self, event: FilmsPane.FilmAction) -> None:
        from filmjournal.tui.screens.dialogs import ConfirmScreen, FilmForm

        film = event.film
        label = film_label(film.title, film.year)
        if event.action == "edit":
            record = api.get_film(film.id)
            self.app.push_screen(
                FilmForm(lambda values: api.update_film(film.id, **values), film=record),
                lambda result: self._film_changed(result, f"Saved {label}."),
            )
        elif event.action == "watchlist":
            on_list = film.watchlist_added_on is None
            api.set_watchlist(film.id, on_list)
            self._film_changed(
                film, f"{label} {'added to' if on_list else 'taken off'} the watchlist."
            )
        elif event.action == "delete":
            question = f"Move “{label}” and everything written about it to the trash?"
            self.app.push_screen(ConfirmScreen(question), lambda yes: self._delete_film(yes, film))

    def _film_changed(self, film: Any, message: str) -> None:
        if film is None:
            return
        self.films.reload(select_id=film.id)
        self.current_film = None
        self.notify(message, markup=False)

    def _delete_film(self, yes: bool | None, film: FilmRow) -> None:
        if not yes:
            return
        api.delete_film(film.id)
        self.films.reload()
        self.notify(f"Moved {film_label(film.title, film.year)} to the trash (F8).", markup=False)

    # Quotes -----------------------------------------------------------------------------------

    @on(QuotesPane.QuoteAction)
    def _quote_action(self, event: QuotesPane.QuoteAction) -> None:
        from filmjournal.tui.screens.dialogs import ConfirmScreen, QuoteForm

        quote = event.quote
        if event.action == "add":
            film_id = self.quotes.film_id
            review_id = self.review.draft.review_id if self.review.draft else None

            def create(values: dict[str, Any]) -> Any:
                return api.create_quote(film_id, review_id=review_id, **values)

            self.app.push_screen(QuoteForm(create), self._quote_saved)
        elif quote is None:
            return
        elif event.action == "edit":
            self.app.push_screen(
                QuoteForm(lambda values: api.update_quote(quote.id, **values), quote=quote),
                self._quote_saved,
            )
        elif event.action == "favourite":
            self._quote_saved(api.update_quote(quote.id, is_favourite=not quote.is_favourite))
        elif event.action == "move":
            self._quote_saved(api.move_quote(quote.id, event.value))
        elif event.action == "delete":
            self.app.push_screen(
                ConfirmScreen("Move this quote to the trash?"),
                lambda yes: yes and self._quote_deleted(quote.id),
            )

    def _quote_saved(self, quote: Any) -> None:
        if quote is not None:
            self.quotes.reload(select_id=quote.id)

    def _quote_deleted(self, quote_id: int) -> None:
        api.delete_quote(quote_id)
        self.quotes.reload()
        self.notify("Quote moved to the trash (F8).")

    @on(QuotesPane.JumpToFilm)
    def _jump_to_quote_film(self, event: QuotesPane.JumpToFilm) -> None:
        self.quotes.action_toggle_scope()
        self.jump_to(event.film_id, quote_id=event.quote_id)

    # Comments ---------------------------------------------------------------------------------

    @on(CommentsPane.CommentAction)
    def _comment_action(self, event: CommentsPane.CommentAction) -> None:
        from filmjournal.tui.screens.dialogs import CommentForm, ConfirmScreen

        comment = event.comment
        review_id = self.comments.review_id
        if event.action in ("add", "reply") and review_id is not None:
            parent_id = comment.id if comment is not None and event.action == "reply" else None
            title = "Reply" if parent_id else "New comment"

            def add(values: dict[str, Any]) -> Any:
                return api.add_comment(
                    review_id, values["body"], author=values["author"], parent_id=parent_id
                )

            self.app.push_screen(
                CommentForm(add, title=title, author=author_name()), self._comment_saved
            )
        elif comment is not None and event.action == "edit":
            self.app.push_screen(
                CommentForm(
                    lambda values: api.update_comment(comment.id, **values),
                    title="Edit comment",
                    author=comment.author,
                    body=comment.body,
                ),
                self._comment_saved,
            )
        elif comment is not None and event.action == "delete":
            self.app.push_screen(
                ConfirmScreen("Move this comment and its replies to the trash?"),
                lambda yes: yes and self._comment_deleted(comment.id),
            )

    def _comment_saved(self, comment: Any) -> None:
        if comment is not None:
            self.comments.reload(select_id=comment.id)

    def _comment_deleted(self, comment_id: int) -> None:
        api.delete_comment(comment_id)
        self.comments.reload()
        self.notify("Comment moved to the trash (F8).")

    # Search and trash -------------------------------------------------------------------------

    def action_search(self) -> None:
        """Search everything; Enter jumps to the hit."""
        from filmjournal.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(), self._jump_to_hit)

    def _jump_to_hit(self, hit: SearchHit | None) -> None:
        if hit is None:
            return
        quote_id = hit.id if hit.kind == "quote" else None
        comment_id = hit.id if hit.kind == "comment" else None
        self.jump_to(hit.film_id, review_id=hit.review_id, quote_id=quote_id, comment_id=comment_id)
        pane = {"film": "films", "review": "review", "quote": "quotes", "comment": "comments"}[
            hit.kind
        ]
        self.action_focus_pane(pane)

    def jump_to(
        self,
        film_id: int,
        *,
        review_id: int | None = None,
        quote_id: int | None = None,
        comment_id: int | None = None,
    ) -> None:
        """Show a film (and one of its reviews, quotes or comments) everywhere."""
        self.films.action_clear_filter()
        self.films.reload(select_id=film_id)
        film = api.get_film(film_id)
        row = FilmRow(film.id, film.title, film.year, 0, None, None, None)
        self.current_film = row
        self.review.show_film(film.id, film.label, review_id)
        self.quotes.show_film(film.id, select_id=quote_id)
        if comment_id is not None and review_id is not None:
            self.comments.show_review(review_id, select_id=comment_id)

    def action_export_all(self, fmt: str = "md") -> None:
        """Export every review as Markdown files (or the journal as JSON), with a progress bar."""
        from filmjournal.exchange.exporter import export_all
        from filmjournal.settings import export_folder
        from filmjournal.tui.screens.progress import ProgressScreen

        self.review.flush()
        folder = export_folder()
        what = "every review as Markdown" if fmt == "md" else "the whole journal as JSON"

        def job(progress: Callable[[int, int], None]) -> Any:
            return export_all(folder, fmt, progress=progress)

        def finished(result: Any) -> None:
            if isinstance(result, api.JournalError):
                self.notify(f"Export failed: {result}", severity="error", markup=False)
            elif fmt == "md":
                self.notify(f"Exported {result.count:,} reviews to {result.path}", markup=False)
            else:
                self.notify(f"Exported the journal to {result.path}", markup=False)

        self.app.push_screen(ProgressScreen(f"Exporting {what} to {folder}", job), finished)

    def action_import_letterboxd(self) -> None:
        """Ask for a Letterboxd export, import it with a progress bar, then say what came in."""
        from filmjournal.tui.screens.dialogs import PathForm

        def check(values: dict[str, Any]) -> Path:
            path = Path(values["path"]).expanduser()
            if not values["path"]:
                raise api.JournalError("give the export's .zip file or its folder")
            if not path.exists():
                raise api.JournalError(f"{path}: no such file or folder")
            return path

        self.review.flush()
        form = PathForm(
            check,
            title="Import a Letterboxd export",
            placeholder="~/Downloads/letterboxd-you-2026-11-25-utc.zip",
        )
        self.app.push_screen(form, self._import_letterboxd_from)

    def _import_letterboxd_from(self, path: Path | None) -> None:
        from filmjournal.exchange.letterboxd import import_letterboxd
        from filmjournal.tui.screens.progress import ProgressScreen

        if path is None:
            return

        def job(progress: Callable[[int, int], None]) -> Any:
            return import_letterboxd(path, progress=progress)

        def finished(result: Any) -> None:
            if isinstance(result, api.JournalError):
                message = f"Nothing was imported: {result}"
                self.notify(message, severity="error", markup=False, timeout=15)
                return
            counted = ", ".join(
                f"{result.count(kind, 'imported')} {kind}"
                for kind in ("films", "reviews", "watchlist", "lists", "comments")
            )
            updated = result.count("reviews", "updated")
            self.notify(f"Imported from Letterboxd: {counted}; {updated} reviews updated.")
            self.films.reload()

        self.app.push_screen(ProgressScreen(f"Importing {path}", job), finished)

    def action_lists(self) -> None:
        """Browse the lists of films; Enter on a film opens it."""
        from filmjournal.tui.screens.lists import ListsScreen

        def open_film(film_id: int | None) -> None:
            if film_id is not None:
                self.jump_to(film_id)
                self.action_focus_pane("films")

        self.app.push_screen(ListsScreen(), open_film)

    def action_trash(self) -> None:
        """See what was deleted, and restore it."""
        from filmjournal.tui.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen(), self._after_trash)

    def _after_trash(self, _: Any) -> None:
        self.films.reload()
        self.current_film = None
        if self.films.rows.current is not None:
            self._show_film(self.films.rows.current)

    def flush(self) -> None:
        """Write whatever is still unsaved (before quitting)."""
        self.review.flush()
