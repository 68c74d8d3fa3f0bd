"""The main screen: Films, Review, Quotes and Comments side by side (one at a time when narrow).

Panes post one message per intent (:mod:`filmjournal.tui.messages`); this screen applies each
through the journal API and refreshes the panes that care. Every journal call goes through
:mod:`filmjournal.tui.failures`. Dialogs are imported when first needed, to start faster.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from filmjournal.journal import api
from filmjournal.journal.records import FilmRow, SearchHit
from filmjournal.tui import messages, transfers
from filmjournal.tui.failures import attempt, report_failure
from filmjournal.tui.screens.pane_actions import PaneActions
from filmjournal.tui.widgets.comments import CommentsPane
from filmjournal.tui.widgets.film_list import FilmsPane
from filmjournal.tui.widgets.footer import KeyFooter
from filmjournal.tui.widgets.quotes import QuotesPane
from filmjournal.tui.widgets.review_editor import ReviewPane
from filmjournal.tui.widgets.title_bar import TitleBar

PANES = ("films", "review", "quotes", "comments")
NARROW_WIDTH = 110
"""Below this many columns the panes are shown one at a time."""
SHORT_HEIGHT = 32
"""Below this many lines the review's fields close up to leave the body more room."""
FOLLOW_DELAY = 0.12
"""Seconds the film cursor must rest before the other panes load that film."""
WATCH_INTERVAL = 0.4
"""Seconds between looks at whether the journal changed on disk."""
WORKING_WIDTH = "32%"
"""The film list's width while it is worked in (22% otherwise, in app.tcss)."""
WORKING_WIDTH_SIDE = "34%"
"""The Quotes and Comments column's width while one of them is worked in (26% otherwise)."""
PANE_OF_HIT = {"film": "films", "review": "review", "quote": "quotes", "comment": "comments"}


class MainScreen(PaneActions):
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
        Binding("f6", "stats", "Stats"),
        Binding("f12", "elsewhere", "Elsewhere", show=False),
        Binding("f7", "lists", "Lists", show=False),
        Binding("f8", "trash", "Trash"),
        Binding("f9", "toggle_focus", "Focus", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._follow_timer: Timer | None = None
        self._journal_version: int | None = None
        self._journal_lost = False
        """A server journal stopped answering: changes are looked for until it answers."""
        self._looking = False
        """A look at a server journal is under way (one at a time)."""
        self._marked: tuple[Widget, bool] | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="pane-bar")
        with Horizontal(id="columns"):
            yield FilmsPane(id="films", classes="pane")
            yield ReviewPane(id="review", classes="pane")
            with Vertical(id="side"):
                yield QuotesPane(id="quotes", classes="pane")
                yield CommentsPane(id="comments", classes="pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the first films at once and start in the filter; the rest of the list is read
        once the first frame is on screen (:meth:`first_frame_shown`)."""
        self.films.show_first_page()
        self._mark_active(self.films)
        self.films.focus_inside()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._watch = self.set_interval(WATCH_INTERVAL, self._look_for_changes)
        self._look_for_changes()  # what is read from now on is the journal as of this moment

    def first_frame_shown(self) -> None:
        """Read the whole film list (in a worker): started earlier, turning 20,000 rows into
        the list would compete with the first frame being drawn and sent."""
        self.films.reload()

    def panes(self) -> list[Widget]:
        """The four panes, in Tab order."""
        return [self.query_one(f"#{name}") for name in PANES]

    def key_groups(self) -> list[tuple[str, list[BindingType]]]:
        """The keys of each pane and of the widgets inside them, for the help screen."""
        from filmjournal.tui.widgets.rating import RatingInput
        from filmjournal.tui.widgets.reread import RereadView

        return [
            ("Films", self.films.BINDINGS),
            ("Review", self.review.BINDINGS),
            ("Reread", RereadView.BINDINGS),
            ("Rating", RatingInput.BINDINGS),
            ("Quotes", self.quotes.BINDINGS),
            ("Comments", self.comments.BINDINGS),
        ]

    # Layout ----------------------------------------------------------------------------------

    def on_resize(self) -> None:
        """Show one pane at a time on narrow terminals; close up the fields on short ones."""
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")
        self.set_class(self.size.height < SHORT_HEIGHT, "-short")
        self._one_pane_or_all()
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
        if active is not None:
            self._mark_active(active)

    def _mark_active(self, active: Widget) -> None:
        """Highlight and widen the pane being worked in; show it alone in one-pane mode.

        Side by side, the highlight and the widths are inline styles: Textual restyles every
        widget inside a node whose classes change (20 ms for the review's fields at each
        switch), and an inline style touches the node alone. Classes (``-shown``) only choose
        the pane shown alone, where the layout changes anyway.
        """
        one_pane = self.has_class("-one-pane")
        if self._marked == (active, one_pane):
            self._update_pane_bar()  # the focus may have arrived since
            return
        self._marked = (active, one_pane)
        on_side = active.id in ("quotes", "comments")
        side = self.query_one("#side")
        for pane in self.panes():
            self._highlight(pane, pane is active)
            pane.set_class(one_pane and pane is active, "-shown")
        side.set_class(one_pane and on_side, "-shown")
        self.films.styles.width = WORKING_WIDTH if active is self.films and not one_pane else None
        side.styles.width = WORKING_WIDTH_SIDE if on_side and not one_pane else None
        self._update_pane_bar()

    def _highlight(self, pane: Widget, on: bool) -> None:
        """The active pane's accent border and bold title, in the theme's colours."""
        styles = pane.styles
        if not on:
            styles.border = None
            styles.border_title_color = None
            styles.border_title_style = None
            return
        colours = self.app.theme_variables
        styles.border = ("round", Color.parse(colours["accent"]))
        styles.border_title_color = Color.parse(colours["foreground"])
        styles.border_title_style = "bold"

    def _theme_changed(self, _theme: object) -> None:
        self._marked = None
        self._mark_active(self.active_pane() or self.films)

    def action_toggle_focus(self) -> None:
        """Show the pane being worked in alone, full screen (or all the panes again)."""
        self.toggle_class("-focus")
        self._one_pane_or_all()
        self._update_pane_bar()

    def _one_pane_or_all(self) -> None:
        """One pane at a time when narrow or in focus mode."""
        one_pane = self.has_class("-narrow") or self.has_class("-focus")
        if one_pane != self.has_class("-one-pane"):
            self.set_class(one_pane, "-one-pane")
            self._mark_active(self.active_pane() or self.films)

    def _update_pane_bar(self) -> None:
        """The pane names with their keys, the active one highlighted (one pane at a time)."""
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
        self._mark_active(pane)
        if isinstance(pane, FilmsPane | ReviewPane | QuotesPane | CommentsPane):
            pane.focus_inside()

    def action_cycle_pane(self, step: int) -> None:
        """Go to the next (or previous) pane."""
        active = self.active_pane()
        index = PANES.index(active.id) if active is not None and active.id else 0
        self.action_focus_pane(PANES[(index + step) % len(PANES)])

    # Following the film cursor ------------------------------------------------------------------

    @on(messages.FilmHighlighted)
    def _film_highlighted(self, event: messages.FilmHighlighted) -> None:
        self._stop_following()
        self._follow_timer = self.set_timer(FOLLOW_DELAY, lambda: self._show_film(event.film))

    @on(messages.FilmOpened)
    def _film_opened(self, event: messages.FilmOpened) -> None:
        self._stop_following()
        self._show_film(event.film)
        self.action_focus_pane("review")

    def _stop_following(self) -> None:
        if self._follow_timer is not None:
            self._follow_timer.stop()

    def _show_film(self, film: FilmRow | None, review_id: int | None = None) -> None:
        """Load a film into the Review, Quotes and Comments panes."""
        current = self.current_film
        same = film is not None and current is not None and film.id == current.id
        self.current_film = film
        if same and review_id is None:
            return
        label = self.films.label_of(film) if film else ""
        self.review.show_film(film.id if film else None, label, review_id)
        self.quotes.show_film(film.id if film else None)
        if film is None and not self.films.total:
            self.review.show_welcome()

    @on(messages.ReviewShown)
    def _review_shown(self, event: messages.ReviewShown) -> None:
        self.comments.show_review(event.review_id)

    @on(messages.ReviewSaved)
    def _review_saved(self, event: messages.ReviewSaved) -> None:
        self.films.refresh_rows()
        if self.comments.review_id != event.review_id:
            self.comments.show_review(event.review_id)

    @on(messages.OpenQuoteFilm)
    def _open_quote_film(self, event: messages.OpenQuoteFilm) -> None:
        self.quotes.action_toggle_scope()
        self.jump_to(event.film_id, quote_id=event.quote_id)

    # Following the journal on disk ------------------------------------------------------------

    def _look_for_changes(self) -> None:
        """Follow the journal when another connection (a worker, another program) changed it.

        A file answers at once; a server is asked in a worker (the network may keep it
        waiting, and the event loop must not wait with it).
        """
        if api.on_server():
            if not self._looking:
                self._looking = True
                self._look_on_server()
            return
        try:
            version = api.data_version()
        except Exception as error:  # reported once; the panes keep what they show
            self._version_seen(None, error)
            return
        self._version_seen(version, None)

    @work(thread=True, group="watch")
    def _look_on_server(self) -> None:
        try:
            version, error = api.data_version(), None
        except Exception as failure:  # handled on the event loop, as a file's
            version, error = None, failure
        self.app.call_from_thread(self._version_seen, version, error)

    def _version_seen(self, version: int | None, error: Exception | None) -> None:
        self._looking = False
        if error is not None:
            if api.is_unreachable(error):  # a server journal: looked at again until it answers
                if not self._journal_lost:
                    report_failure(self, "The journal does not answer (trying again)", error)
                self._journal_lost = True
                return
            self._watch.stop()
            report_failure(self, "Stopped following changes to the journal", error)
            return
        if self._journal_lost:
            self._journal_lost = False
            self.notify("The journal answers again.", timeout=5)
            self.follow_journal()
        elif self._journal_version is not None and version != self._journal_version:
            self.follow_journal()
        self._journal_version = version

    def follow_journal(self) -> None:
        """Every pane shows the journal as it is now, keeping its place and unsaved edits."""
        self.films.follow_journal()
        self.quotes.reload()
        self.comments.reload()
        self.review.follow_journal()

    # Search, lists, trash, exchange ---------------------------------------------------------

    def action_search(self) -> None:
        """Search everything; Enter jumps to the hit."""
        from filmjournal.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(), self._jump_to_hit)

    def _jump_to_hit(self, hit: SearchHit | None) -> None:
        if hit is None:
            return
        if hit.film_id is None:  # a comment written elsewhere
            self.action_elsewhere(hit.id)
            return
        quote_id = hit.id if hit.kind == "quote" else None
        comment_id = hit.id if hit.kind == "comment" else None
        self.jump_to(hit.film_id, review_id=hit.review_id, quote_id=quote_id, comment_id=comment_id)
        self.action_focus_pane(PANE_OF_HIT[hit.kind])

    def jump_to(
        self,
        film_id: int,
        *,
        review_id: int | None = None,
        quote_id: int | None = None,
        comment_id: int | None = None,
    ) -> None:
        """Show a film (and one of its reviews, quotes or comments) everywhere."""
        film = attempt(self, "Could not open the film", api.get_film, film_id)
        if film is None:
            return
        self.films.reveal(film_id)
        self.current_film = FilmRow.of(film)
        self.review.show_film(film.id, self.films.label_of(self.current_film), review_id)
        self.quotes.show_film(film.id, select_id=quote_id)
        if comment_id is not None and review_id is not None:
            self.comments.show_review(review_id, select_id=comment_id)

    def action_stats(self) -> None:
        """Your year in film: numbers and charts, for the film filter's terms too."""
        from filmjournal.tui.screens.stats import StatsScreen

        def opened(moment: api.Moment | None) -> None:
            if moment is not None:
                self.jump_to(moment.film_id, review_id=moment.review_id)
                self.action_focus_pane("review")

        self.app.push_screen(StatsScreen(self._filter_terms()), opened)

    def _filter_terms(self) -> str:
        """The film filter's terms besides title words, if it can be read."""
        try:
            chosen = api.parse_filter(self.films.filter_text)
        except api.FilterError:
            return ""
        return " ".join(str(t) for t in chosen.terms if t.field is not None or t.negated)

    def action_elsewhere(self, select_id: int | None = None) -> None:
        """Reread the comments written on other people's Letterboxd entries."""
        from filmjournal.tui.screens.elsewhere import ElsewhereScreen

        self.app.push_screen(ElsewhereScreen(select_id))

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
        """Restored items reappear in every pane, without a key pressed."""
        self.current_film = None
        self.follow_journal()

    def action_export_all(self, fmt: str = "md") -> None:
        """Export every review as Markdown files (or the journal as JSON), with a progress bar."""
        if self.review.flush():
            transfers.export_all(self, fmt, self.app.settings.export_dir)

    def action_import_letterboxd(self) -> None:
        """Ask for a Letterboxd export, import it with a progress bar, then say what came in."""
        if self.review.flush():
            transfers.import_letterboxd(self, self.films.reload)

    def flush(self) -> bool:
        """Write whatever is still unsaved (before quitting); False if that failed."""
        return self.review.flush()
