"""The Quotes pane: the film's quotes in the writer's order, or the whole collection, filterable."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from filmjournal.display import printable
from filmjournal.folding import fold, matches
from filmjournal.journal import api
from filmjournal.journal.records import CollectedQuote, Quote, film_label
from filmjournal.journal.validation import format_film_time
from filmjournal.tui.failures import journal_work
from filmjournal.tui.messages import (
    AddQuote,
    DeleteQuote,
    EditQuote,
    MoveQuote,
    OpenQuoteFilm,
    ToggleFavourite,
    WriteQuoteNote,
)
from filmjournal.tui.widgets.late import LateContents
from filmjournal.tui.widgets.row_list import RowList


def one_line(text: str) -> str:
    """Text squeezed onto one line, shown literally."""
    return printable(" ".join(text.split()))


def render_quote(quote: Quote, width: int) -> list[Text]:
    """Two lines: the quote with its favourite mark, then speaker, position and note."""
    first = Text(no_wrap=True, overflow="ellipsis")
    first.append("★ " if quote.is_favourite else "  ", style="yellow")
    first.append(f"“{one_line(quote.text)}”")
    second = Text("  ", no_wrap=True, overflow="ellipsis", style="dim")
    attribution = " · ".join(
        filter(None, [printable(quote.speaker), format_film_time(quote.film_time)])
    )
    second.append(f"— {attribution}" if attribution else "")
    if api.by_another(quote.author):
        second.append(f"  added by {printable(quote.author)}")
    if quote.note.strip():
        second.append(f"  {one_line(quote.note)}", style="italic")
    return [first, second]


def render_collected(quote: CollectedQuote, width: int) -> list[Text]:
    """Two lines: the quote, then who says it and in which film."""
    first = Text(no_wrap=True, overflow="ellipsis")
    first.append("★ " if quote.is_favourite else "  ", style="yellow")
    first.append(f"“{one_line(quote.text)}”")
    second = Text("  ", no_wrap=True, overflow="ellipsis", style="dim")
    who = f"— {printable(quote.speaker)}, " if quote.speaker else ""
    second.append(f"{who}{printable(film_label(quote.film_title, quote.film_year))}")
    return [first, second]


def quote_detail(quote: Quote | CollectedQuote | None) -> Text:
    """The whole quote, who says it (when, or in which film), and the note: nothing cut."""
    if quote is None:
        return Text()
    if isinstance(quote, CollectedQuote):
        film = film_label(quote.film_title, quote.film_year)
        said, note = [quote.speaker, film], ""
    else:
        said, note = [quote.speaker, format_film_time(quote.film_time)], quote.note.strip()
    detail = Text(printable(quote.text.strip()))
    attribution = " · ".join(printable(part) for part in said if part)
    if attribution:
        detail.append(f"\n— {attribution}", style="dim")
    if note:
        detail.append(f"\n{printable(note)}", style="italic")
    if isinstance(quote, Quote) and api.by_another(quote.author):
        detail.append(f"\nadded by {printable(quote.author)}", style="dim")
    return detail


QUOTE_ACTIONS = ("edit", "favourite", "delete", "move", "write_note")
"""What needs a quote under the cursor."""


class QuotesPane(LateContents, Vertical, can_focus=True):
    """Collect lines from the film; ``s`` switches to every quote of every film."""

    BORDER_TITLE = "Quotes"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "New quote"),
        Binding("e", "edit", "Edit"),
        Binding("f", "favourite", "Favourite"),
        Binding("d,delete", "delete", "Delete"),
        Binding("K,ctrl+up", "move(-1)", "Move up"),
        Binding("J,ctrl+down", "move(1)", "Move down"),
        Binding("s", "toggle_scope", "All films"),
        Binding("ctrl+e", "write_note", "Note in $EDITOR"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.film_id: int | None = None
        self.whole_collection = False
        self._collection: list[CollectedQuote] = []
        self._keys: dict[int, str] = {}

    def contents(self) -> list[Widget]:
        """The filter (whole collection only), the quotes, and a status line."""
        return [
            Input(placeholder="Filter every quote…", id="quote-filter"),
            RowList(
                render_quote,
                row_height=2,
                empty_text="No quotes yet: press n to add one.",
                id="quote-rows",
            ),
            Static(id="quote-detail"),
            Static(id="quote-status"),
        ]

    @property
    def rows(self) -> RowList:
        """The list of quotes on screen."""
        return self.query_one("#quote-rows", RowList)

    def on_focus(self) -> None:
        """Focusing the pane focuses its list."""
        self.when_ready(lambda: self.rows.focus())

    def focus_inside(self) -> None:
        """Focus the list (the pane holds the focus until the list is mounted)."""
        if self.contents_ready:
            self.rows.focus()
        else:
            self.focus()

    def show_film(self, film_id: int | None, select_id: int | None = None) -> None:
        """Show this film's quotes (if the pane is not showing the whole collection)."""
        self.film_id = film_id
        if not self.whole_collection:
            self.when_ready(lambda: self._load(film_id, select_id))

    def reload(self, select_id: int | None = None) -> None:
        """Read the quotes again; the cursor stays on its quote unless told where to go."""
        if not self.contents_ready:
            self.when_ready(lambda: self.reload(select_id))
            return
        current = self.rows.current
        if select_id is None and current is not None:
            select_id = current.id
        if self.whole_collection:
            self._load_collection(select_id)
        else:
            self._load(self.film_id, select_id)

    @journal_work("Could not load the quotes", group="quotes")
    def _load(self, film_id: int | None, select_id: int | None) -> None:
        quotes = api.list_quotes(film_id) if film_id is not None else []
        self.app.call_from_thread(self._show, film_id, quotes, select_id)

    def _show(self, film_id: int | None, quotes: list[Quote], select_id: int | None) -> None:
        if self.whole_collection or film_id != self.film_id:
            return
        self.rows.set_rows(
            quotes, keep=(lambda quote: quote.id == select_id) if select_id else None
        )
        favourites = sum(quote.is_favourite for quote in quotes)
        count = f"{len(quotes)} quote{'s' if len(quotes) != 1 else ''}"
        self._status(
            f"{count} · {favourites} favourite{'s' if favourites != 1 else ''}" if quotes else ""
        )

    @journal_work("Could not load the quote collection", group="quotes")
    def _load_collection(self, select_id: int | None) -> None:
        quotes = api.list_all_quotes()
        keys = {
            quote.id: fold(f"{quote.text} {quote.speaker} {quote.film_title}") for quote in quotes
        }
        self.app.call_from_thread(self._show_collection, quotes, keys, select_id)

    def _show_collection(
        self, quotes: list[CollectedQuote], keys: dict[int, str], select_id: int | None
    ) -> None:
        self._collection, self._keys = quotes, keys
        self._filter(select_id)

    @on(Input.Changed, "#quote-filter")
    def _filter_changed(self) -> None:
        self._filter(None)

    def _filter(self, select_id: int | None) -> None:
        needle = fold(self.query_one("#quote-filter", Input).value)
        quotes = self._collection
        if needle.strip():
            quotes = [quote for quote in quotes if matches(needle, self._keys[quote.id])]
        self.rows.set_rows(
            quotes, keep=(lambda quote: quote.id == select_id) if select_id else None
        )
        self._status(f"{len(quotes):,} of {len(self._collection):,} quotes in the collection")

    def _status(self, text: str) -> None:
        self.query_one("#quote-status", Static).update(Text(text, style="dim"), layout=False)

    @on(Input.Submitted, "#quote-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.rows.focus()

    @on(RowList.Highlighted, "#quote-rows")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        """Show the quote under the cursor in full, however long."""
        if type(event) is RowList.Highlighted:
            detail = self.query_one("#quote-detail", Static)
            detail.update(quote_detail(event.row))
            detail.display = event.row is not None
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys about the quote under the cursor are hidden when there is none."""
        if action in QUOTE_ACTIONS:
            return self.contents_ready and self.rows.current is not None
        return True

    @on(RowList.Chosen, "#quote-rows")
    def _chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        if self.whole_collection:
            self.post_message(OpenQuoteFilm(event.row.film_id, event.row.id))
        else:
            self.action_edit()

    def action_toggle_scope(self) -> None:
        """Switch between this film's quotes and the whole collection."""
        if not self.contents_ready:
            self.when_ready(self.action_toggle_scope)
            return
        self.whole_collection = not self.whole_collection
        self.border_title = "Quotes · all films" if self.whole_collection else "Quotes"
        filter_input = self.query_one("#quote-filter", Input)
        self.set_class(self.whole_collection, "-all")
        self.rows.set_rows([])  # the other kind of row is drawn differently: none until loaded
        self.rows.row_renderer = render_collected if self.whole_collection else render_quote
        if self.whole_collection:
            self._load_collection(None)
            filter_input.focus()
        else:
            self._load(self.film_id, None)
            self.rows.focus()

    def _film_quote(self) -> Quote | None:
        """The quote under the cursor, when showing a film's quotes."""
        if self.whole_collection:
            self.notify(
                "Press s to go back to the film's quotes to change them.", severity="warning"
            )
            return None
        return self.rows.current if self.contents_ready else None

    def action_add(self) -> None:
        """Collect a new quote from the film."""
        if self.film_id is None or self.whole_collection:
            self.notify("Pick a film first.", severity="warning")
            return
        self.post_message(AddQuote(self.film_id))

    def _ask(
        self, intent: type[EditQuote | WriteQuoteNote | ToggleFavourite | DeleteQuote]
    ) -> None:
        """Ask for something to be done to the film's quote under the cursor."""
        if quote := self._film_quote():
            self.post_message(intent(quote))

    def action_edit(self) -> None:
        """Edit the quote under the cursor."""
        self._ask(EditQuote)

    def action_write_note(self) -> None:
        """Write the note on the quote under the cursor in $VISUAL / $EDITOR."""
        self._ask(WriteQuoteNote)

    def action_favourite(self) -> None:
        """Mark or unmark the quote as a favourite."""
        self._ask(ToggleFavourite)

    def action_delete(self) -> None:
        """Delete the quote under the cursor (after asking)."""
        self._ask(DeleteQuote)

    def action_move(self, step: int) -> None:
        """Move the quote up or down in the film's order."""
        if quote := self._film_quote():
            self.post_message(MoveQuote(quote, step))
