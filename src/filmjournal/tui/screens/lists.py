"""Lists of films: pick a list, then a film in it; Enter opens the film."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from filmjournal.display import markdown_text, printable
from filmjournal.journal import api
from filmjournal.journal.records import ListFilm, ListSummary, film_label
from filmjournal.tui.failures import journal_work
from filmjournal.tui.widgets.row_list import RowList


def render_row(row: Any, width: int) -> list[Text]:
    """A list (name and film count) or a film of a list (position, title, note)."""
    line = Text(no_wrap=True, overflow="ellipsis")
    if isinstance(row, ListSummary):
        count = f"  {row.film_count:,} films"
        line.append(printable(row.name), style="bold")
        line.truncate(max(1, width - len(count)), overflow="ellipsis", pad=True)
        line.append(count, style="dim")
    else:
        line.append(f"{row.position:>4}  ", style="dim")
        line.append(printable(film_label(row.title, row.year)))
        if row.note:
            note = " ".join(markdown_text(row.note).split())
            line.append(f"  {printable(note)}", style="dim italic")
    return [line]


class ListsScreen(ModalScreen[int | None]):
    """Every list; Enter shows its films, Enter on a film opens it, Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self) -> None:
        super().__init__()
        self.showing: ListSummary | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(id="lists-title")
            yield RowList(
                render_row, empty_text="No lists yet (they come from Letterboxd).", id="lists-rows"
            )
            yield Static(Text("Enter open · Esc back", style="dim"))

    def on_mount(self) -> None:
        """Read the lists."""
        self._load(None)
        self.query_one("#lists-rows").focus()

    @journal_work("Could not read the lists", group="lists")
    def _load(self, chosen: ListSummary | None) -> None:
        rows = api.list_lists() if chosen is None else api.list_films_of(chosen.id)
        self.app.call_from_thread(self._show, chosen, rows)

    def _show(self, chosen: ListSummary | None, rows: list[Any]) -> None:
        self.showing = chosen
        title = Text("Lists", style="bold")
        if chosen is not None:
            title = Text.assemble(("Lists: ", "dim"), (printable(chosen.name), "bold"))
            if chosen.description:
                description = markdown_text(chosen.description)
                title.append("\n" + printable(description), style="dim")
        self.query_one("#lists-title", Static).update(title)
        self.query_one("#lists-rows", RowList).set_rows(rows)

    @on(RowList.Chosen, "#lists-rows")
    def _chosen(self, event: RowList.Chosen) -> None:
        if isinstance(event.row, ListSummary):
            self._load(event.row)
        elif isinstance(event.row, ListFilm):
            self.dismiss(event.row.film_id)

    def action_back(self) -> None:
        """From a list's films back to the lists; from the lists, close."""
        if self.showing is None:
            self.dismiss(None)
        else:
            self._load(None)
