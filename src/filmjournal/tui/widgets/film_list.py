"""The Films pane: filter thousands of films as you type; sort, add, edit, watchlist, delete."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from filmjournal.display import printable, stars
from filmjournal.folding import fold, matches, needle_words
from filmjournal.journal import api
from filmjournal.journal.api import Catalogue, FilmRows, film_key
from filmjournal.journal.records import FilmRow, film_label
from filmjournal.tui.failures import attempt, journal_work
from filmjournal.tui.messages import (
    AddFilm,
    DeleteFilm,
    EditFilm,
    FilmHighlighted,
    FilmOpened,
    ToggleWatchlist,
)
from filmjournal.tui.widgets.row_list import RowList

SORTS = ("title", "year", "last watched", "rating")
NO_MATCH = "No film matches: Enter adds it."
NO_MATCH_FILTER = "No film matches the filter."
EMPTY_JOURNAL = "No films yet: type a title, then Enter."
WATCHLIST_MARK = "◌ "
FIRST_PAGE = 200  # films shown at start-up before the whole list has loaded


def render_film(film: FilmRow, width: int, note: str = "") -> list[Text]:
    """One line: watchlist mark and title, then year, stars, review count (and last watched).

    ``note`` tells the film apart from another with its title and year. A narrow list keeps
    the title and year, leaving out the rest.
    """
    meta = f" {film.year or '':>4}"
    if width >= 36:
        meta += f" {stars(film.rating):<5} {film.reviews or '':>2}"
    if width >= 56:
        meta += f" {film.last_watched or '':>10}"
    line = Text(no_wrap=True, overflow="ellipsis")
    if film.watchlist_added_on:
        line.append(WATCHLIST_MARK, style="dim")
    line.append(printable(film.title))
    if note:
        line.append(f" · {printable(note)}", style="dim")
    line.truncate(max(1, width - len(meta)), overflow="ellipsis", pad=True)
    line.append(meta, style="dim")
    return [line]


FILM_ACTIONS = ("edit_film", "toggle_watchlist", "delete_film")
"""What needs a film under the cursor."""


class FilterInput(Input):
    """The filter box. The list is filtered as the letter is taken, so that the letter and the
    films it leaves arrive in one frame (a Changed message would be handled a frame later)."""

    def __init__(self, on_typed: Callable[[], None], **options: Any) -> None:
        super().__init__(**options)
        self.on_typed = on_typed

    def watch_value(self, old: str, new: str) -> None:
        if old != new:
            self.on_typed()


class FilmsPane(Vertical, can_focus=True):
    """Type to filter; the arrows move through the films; the other panes follow the cursor."""

    BORDER_TITLE = "Films"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("enter", "open", "Write"),
        Binding("ctrl+n", "add_film", "New film"),
        Binding("ctrl+e", "edit_film", "Edit film", priority=True),
        Binding("ctrl+t", "toggle_watchlist", "Watchlist"),
        Binding("ctrl+d", "delete_film", "Delete film", priority=True),
        Binding("ctrl+o", "cycle_sort", "Sort"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.catalogue: Catalogue | None = None
        """Every film, once loaded; until then the first page alone is shown."""
        self._first_page: list[FilmRow] = []
        self._narrowed: tuple[str, list[int]] | None = None
        """The last filter and the positions it matched, which the next keystroke narrows."""
        self.sort = SORTS[0]
        self._wanted_id: int | None = None
        self.loaded = False
        self._revealing = False
        self._terms = ""
        """The filter's terms besides title words (``tag:love rating:>=4``), as typed."""
        self._chosen: frozenset[int] | None = None
        """The films those terms choose, once read (None: no terms, or being read)."""

    def compose(self) -> ComposeResult:
        yield FilterInput(self._typed, placeholder="Type to filter films…", id="film-filter")
        yield Static(id="filter-problem")
        yield RowList(self._film_line, empty_text=EMPTY_JOURNAL, id="film-rows")
        yield Static(id="film-status")

    @property
    def rows(self) -> RowList:
        """The list of films on screen."""
        return self.query_one("#film-rows", RowList)

    @property
    def filter_text(self) -> str:
        """What the user typed into the filter."""
        return self.query_one("#film-filter", Input).value

    @property
    def total(self) -> int:
        """How many films the journal holds (as far as loaded)."""
        return len(self.catalogue) if self.catalogue is not None else len(self._first_page)

    @property
    def notes(self) -> dict[int, str]:
        """What tells apart films that share a title and year, by film id."""
        return self.catalogue.notes if self.catalogue is not None else {}

    def on_focus(self) -> None:
        """Focusing the pane puts the caret in the filter."""
        self.focus_inside()

    def focus_inside(self) -> None:
        """Put the caret in the filter."""
        self.query_one("#film-filter", Input).focus()

    def reload(self, select_id: int | None = None) -> None:
        """Read the films again (in a worker), keeping or moving the cursor."""
        current = self.rows.current
        self._wanted_id = select_id if select_id is not None else (current.id if current else None)
        self._terms = ""  # the terms' films are read again with the list
        self._load_films(self.sort)

    def reveal(self, film_id: int) -> None:
        """Clear the filter with the cursor on this film, and read the list again.

        The film is wanted before the filter is cleared: clearing it shows every film at once,
        and the cursor must land on this one, not on the first (whose highlight would then
        be followed).
        """
        self._wanted_id = film_id
        self._revealing = True
        try:
            self.action_clear_filter()
        finally:
            self._revealing = False
        self.reload(select_id=film_id)

    def follow_journal(self) -> None:
        """The journal changed on disk: read every film again only if the list itself changed."""
        catalogue = self.catalogue
        version = attempt(self, "Could not read the films", api.film_list_version)
        if catalogue is None or version != catalogue.version:
            self.reload()
        else:
            self.refresh_rows()

    def refresh_rows(self) -> None:
        """A review was saved: its film's counts, rating and date are read again when drawn.

        Only the orders that depend on those need the whole list read again.
        """
        if self.catalogue is None or self.sort in ("last watched", "rating"):
            self.reload()
            return
        self.catalogue.forget_rows()
        self.rows.refresh()
        if self._terms:  # what was written may change which films the terms choose
            self._terms = ""
            self.apply_filter()

    def show_first_page(self) -> None:
        """Show the first screenful of films at once (one indexed read); the rest follows."""
        if self.catalogue is None and self.sort == "title":
            first = attempt(self, "Could not read the films", api.list_films, limit=FIRST_PAGE)
            self._first_page = first or []
            self.apply_filter()

    @journal_work("Could not read the films", group="film-list")
    def _load_films(self, order: str) -> None:
        """Read every film's id and folded title (no records) in a worker."""
        catalogue = api.read_catalogue(order)
        self.app.call_from_thread(self._take_catalogue, catalogue)

    def _take_catalogue(self, catalogue: Catalogue) -> None:
        """Show a freshly read catalogue (unless the order changed meanwhile)."""
        if catalogue.order != self.sort:
            return
        self.loaded = True
        self.catalogue = catalogue
        self._narrowed = None
        self.apply_filter()

    def _film_line(self, film: FilmRow, width: int) -> list[Text]:
        """A film as the list shows it, told apart from its twins."""
        return render_film(film, width, self.notes.get(film.id, ""))

    def label_of(self, film: FilmRow) -> str:
        """``Title (Year)``, with what tells it apart from a film of the same title and year."""
        note = self.notes.get(film.id)
        return (
            f"{film_label(film.title, film.year)} · {note}"
            if note
            else film_label(film.title, film.year)
        )

    def _typed(self) -> None:
        """New filter text: the cursor goes to the best match (unless a film is being shown)."""
        if not self._revealing:
            self._wanted_id = None
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show the films matching the filter in the chosen order, titles starting with it first.

        Title words filter the loaded titles as they are typed; other terms (``tag:love``,
        ``rating:>=4``, see the README) are read in SQL by a worker, and their films kept.
        """
        words, terms = self._read_filter()
        if terms is None:  # a term that cannot be read: said under the filter, list left as it was
            self.rows.empty_text = NO_MATCH_FILTER if self.total else EMPTY_JOURNAL
            self.rows.refresh()
            return
        if terms and self._chosen is None:
            return  # the terms' films are being read: the list changes once they are
        needle = fold(words)
        if self.catalogue is not None:
            rows: Sequence[FilmRow] = self._filtered(needle)
        else:
            rows = self._filter_first_page(needle)
        if terms and self._chosen is not None:
            rows = self._keep_chosen(rows, self._chosen)
        wanted = self._wanted_id
        no_match = NO_MATCH_FILTER if terms else NO_MATCH
        self.rows.empty_text = no_match if self.total else EMPTY_JOURNAL
        index = None
        if wanted is not None:
            index = (
                rows.index_of(wanted)
                if isinstance(rows, FilmRows)
                else next((i for i, film in enumerate(rows) if film.id == wanted), None)
            )
        self.rows.set_rows(rows, index=index or 0)
        self._update_status()

    def _read_filter(self) -> tuple[str, str | None]:
        """The title words and the other terms of the filter (None if one cannot be read; the
        problem is shown under the filter). New terms start their films being read."""
        problem = self.query_one("#filter-problem", Static)
        if not self.filter_text.strip() and not problem.display:  # nothing typed: nothing to read
            self._terms, self._chosen = "", None
            return "", ""
        try:
            chosen = api.parse_filter(self.filter_text)
        except api.FilterError as error:
            problem.update(Text(printable(str(error)), "red"), layout=False)
            problem.display = True
            return "", None
        if problem.display:
            problem.display = False
        words = " ".join(t.value for t in chosen.terms if t.field is None and not t.negated)
        others = api.Filter(tuple(t for t in chosen.terms if t.field is not None or t.negated))
        terms = " ".join(map(str, others.terms))
        if terms != self._terms:
            self._terms, self._chosen = terms, None
            if terms:
                self._read_chosen(others, terms)
        return words, terms

    @journal_work("Could not filter the films", group="film-filter")
    def _read_chosen(self, terms: api.Filter, typed: str) -> None:
        """Read the films the terms choose (SQL, in a worker)."""
        chosen = frozenset(api.matching_film_ids(terms))
        self.app.call_from_thread(self._take_chosen, typed, chosen)

    def _take_chosen(self, typed: str, chosen: frozenset[int]) -> None:
        if typed == self._terms:  # not replaced by newer terms meanwhile
            self._chosen = chosen
            self.apply_filter()

    def _keep_chosen(self, rows: Sequence[FilmRow], chosen: frozenset[int]) -> Sequence[FilmRow]:
        """The rows of the chosen films, in the same order."""
        if isinstance(rows, FilmRows):
            ids = rows.catalogue.ids
            return FilmRows(rows.catalogue, [p for p in rows.positions if ids[p] in chosen])
        return [film for film in rows if film.id in chosen]

    def _filtered(self, needle: str) -> FilmRows:
        """The catalogue's films matching ``needle``; a longer needle narrows the last result."""
        catalogue = self.catalogue
        assert catalogue is not None
        words = " ".join(needle_words(needle))
        if not words:
            self._narrowed = None
            return catalogue.rows_in_order()
        within = None
        if self._narrowed is not None and needle.startswith(self._narrowed[0]):
            within = self._narrowed[1]
        matched = catalogue.matching(needle, within)
        self._narrowed = (needle, matched)
        return FilmRows(catalogue, catalogue.starting_first(matched, words))

    def _filter_first_page(self, needle: str) -> list[FilmRow]:
        """Filter the first page while the whole list loads."""
        words = " ".join(needle_words(needle))
        films = self._first_page
        if not words:
            return films
        keyed = [(film_key(film.title, film.year), film) for film in films]
        matched = [(key, film) for key, film in keyed if matches(needle, key)]
        first = [film for key, film in matched if key.startswith(words)]
        return first + [film for key, film in matched if not key.startswith(words)]

    def _update_status(self) -> None:
        """The line under the list: how many films are shown, and the order."""
        if not self.loaded:
            self.query_one("#film-status", Static).update(
                Text("loading films…", "dim"), layout=False
            )
            return
        shown, total = len(self.rows.rows), self.total
        noun = "film" if total == 1 else "films"
        counted = f"{shown:,} of {total:,} {noun}" if shown != total else f"{total:,} {noun}"
        self.query_one("#film-status", Static).update(
            Text.assemble((counted, "dim"), (f" · by {self.sort}", "dim")), layout=False
        )

    @on(RowList.Highlighted, "#film-rows")
    def _announce(self, event: RowList.Highlighted) -> None:
        event.stop()
        had_film = self._wanted_id is not None
        self._wanted_id = event.row.id if event.row else None
        if had_film != (event.row is not None):  # the film keys appear or go: redraw the footer
            self.refresh_bindings()
        self.post_message(FilmHighlighted(event.row))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys about the film under the cursor are hidden when there is none."""
        if action in FILM_ACTIONS:
            rows = self.query("#film-rows")
            return bool(rows) and rows.first(RowList).current is not None
        return True

    @on(RowList.Chosen, "#film-rows")
    def _chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        self.post_message(FilmOpened(event.row))

    @on(Input.Submitted, "#film-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def action_move(self, step: int) -> None:
        """Move the cursor from the filter box."""
        self.rows.action_cursor(step)

    def action_open(self) -> None:
        """Write about the film under the cursor; with no match, add the typed title."""
        film = self.rows.current
        if film is None and self._is_filtering():
            self.notify("Enter adds a film from a title; this is a filter.", severity="warning")
        elif film is None:
            self.post_message(AddFilm(self.filter_text.strip()))
        else:
            self.post_message(FilmOpened(film))

    def action_add_film(self) -> None:
        """Add a new film (suggesting the filter text when nothing matches it)."""
        self.call_after_refresh(self._add_film_after_typing)

    def _add_film_after_typing(self) -> None:
        """Read the filter once the keys typed before ctrl+n have reached it."""
        title = self.filter_text.strip()
        self.post_message(AddFilm(title if not self.rows.rows and not self._is_filtering() else ""))

    def _is_filtering(self) -> bool:
        """Whether the filter holds terms besides title words (or one that cannot be read)."""
        return bool(self._terms) or self.query_one("#filter-problem", Static).display

    def _ask(self, intent: type[EditFilm | ToggleWatchlist | DeleteFilm]) -> None:
        """Ask for something to be done to the film under the cursor (say when there is none)."""
        film = self.rows.current
        if film is None:
            self.notify("No film selected.", severity="warning")
        else:
            self.post_message(intent(film))

    def action_edit_film(self) -> None:
        """Edit the film under the cursor."""
        self._ask(EditFilm)

    def action_toggle_watchlist(self) -> None:
        """Put the film under the cursor on the watchlist, or take it off."""
        self._ask(ToggleWatchlist)

    def action_delete_film(self) -> None:
        """Delete the film under the cursor (after asking)."""
        self._ask(DeleteFilm)

    def action_cycle_sort(self) -> None:
        """Sort by title, year, last watched or rating, in turn (read in that order)."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.reload()
        self.query_one("#film-status", Static).update(
            Text(f"sorting by {self.sort}…", "dim"), layout=False
        )

    def action_clear_filter(self) -> None:
        """Empty the filter."""
        self.query_one("#film-filter", Input).value = ""
