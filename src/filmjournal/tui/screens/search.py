"""Search everything as you type; Enter jumps to the hit."""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from filmjournal.display import printable
from filmjournal.journal import api
from filmjournal.journal.records import SearchHit, film_label
from filmjournal.tui.widgets.row_list import RowList

_WHITESPACE = re.compile(r"\s+")
KIND_LABELS = {"film": "film", "review": "review", "quote": "quote", "comment": "comment"}


def render_hit(hit: SearchHit, width: int) -> list[Text]:
    """Two lines: where the hit is, then the snippet with the matches highlighted."""
    where = Text(no_wrap=True, overflow="ellipsis")
    where.append(f"{KIND_LABELS[hit.kind]:<8}", style="dim")
    where.append(printable(film_label(hit.film_title, hit.film_year)), style="bold")
    if hit.kind != "film" and hit.title:
        where.append(f" · {printable(hit.title)}")
    snippet = Text("        ", no_wrap=True, overflow="ellipsis")
    for text, is_match in hit.snippet:
        snippet.append(
            printable(_WHITESPACE.sub(" ", text)), style="bold reverse" if is_match else ""
        )
    return [where, snippet]


class SearchScreen(ModalScreen[SearchHit | None]):
    """Films, reviews, quotes and comments, ranked, with highlighted snippets."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text("Search the journal", style="bold"))
            yield Input(placeholder="Words to find…", id="search-input")
            yield RowList(render_hit, row_height=2, empty_text="Type to search.", id="search-rows")
            yield Static(Text("↑↓ choose · Enter open · Esc close", style="dim"))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        with api.thread_connection():
            hits = api.search(query, prefix=True)
        self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        rows = self.query_one("#search-rows", RowList)
        rows.empty_text = "No matches." if query.strip() else "Type to search."
        rows.set_rows(hits)

    def action_move(self, step: int) -> None:
        """Move through the hits while typing."""
        self.query_one("#search-rows", RowList).action_cursor(step)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        hit = self.query_one("#search-rows", RowList).current
        if hit is not None:
            self.dismiss(hit)

    @on(RowList.Chosen, "#search-rows")
    def _chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        self.dismiss(event.row)
