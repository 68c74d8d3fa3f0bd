"""Search everything as you type; Enter jumps to the hit."""

from __future__ import annotations

import re
import time
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from filmjournal.display import printable
from filmjournal.journal import api
from filmjournal.journal.records import SearchHit, film_label
from filmjournal.spoilers import INLINE
from filmjournal.tui.failures import journal_work
from filmjournal.tui.widgets.row_list import RowList

_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
LIMIT = 50
"""Hits shown."""
MIN_RANKED_LETTERS = 3
RANK_BUDGET = 0.06
"""Seconds a ranked search may take before the newest hits are shown while it goes on."""
KIND_LABELS = {
    "film": "film",
    "review": "review",
    "quote": "quote",
    "comment": "comment",
    "remote": "elsewhere",
}


SPOILER_MARK = "[spoiler]"


def hide_spoilers(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """A snippet with every whole ``||spoiler||`` passage in it replaced by a marker."""
    text = "".join(piece for piece, _ in pieces)
    spans = [match.span() for match in INLINE.finditer(text)]
    if not spans:
        return pieces
    flags = [is_match for piece, is_match in pieces for _ in piece]
    hidden: list[tuple[str, bool]] = []
    position = 0
    for start, end in [*spans, (len(text), len(text))]:
        hidden += _regroup(text[position:start], flags[position:start])
        if start < end:
            hidden.append((SPOILER_MARK, False))
        position = end
    return hidden


def _regroup(text: str, flags: list[bool]) -> list[tuple[str, bool]]:
    """Characters with their match flags back into (text, is_match) pieces."""
    pieces: list[tuple[str, bool]] = []
    for char, flag in zip(text, flags, strict=True):
        if pieces and pieces[-1][1] == flag:
            pieces[-1] = (pieces[-1][0] + char, flag)
        else:
            pieces.append((char, flag))
    return pieces


def render_hit(hit: SearchHit, width: int) -> list[Text]:
    """Two lines: where the hit is, then the snippet with the matches highlighted."""
    where = Text(no_wrap=True, overflow="ellipsis")
    where.append(f"{KIND_LABELS[hit.kind]:<8}", style="dim")
    if hit.film_id is None:  # a comment written elsewhere: where it was written
        where.append(printable(hit.title), style="bold")
    else:
        where.append(printable(film_label(hit.film_title, hit.film_year)), style="bold")
    if hit.kind not in ("film", "remote") and hit.title:
        where.append(f" · {printable(hit.title)}")
    snippet = Text("        ", no_wrap=True, overflow="ellipsis")
    for text, is_match in hide_spoilers(hit.snippet):
        snippet.append(
            printable(_WHITESPACE.sub(" ", text)), style="bold reverse" if is_match else ""
        )
    return [where, snippet]


def ranks(query: str) -> bool:
    """Whether a search is ranked: its last word is finished (a space follows it) or has three
    letters or more. Before that, its newest matches are shown (ranking one or two letters
    would score most of the journal, and say little)."""
    words = _WORD.findall(query)
    return bool(words) and (query[-1].isspace() or len(words[-1]) >= MIN_RANKED_LETTERS)


def search_status(query: str, hits: list[SearchHit], state: str) -> Text:
    """The line under the hits: how many, for what, and in which order."""
    shown = printable(_WHITESPACE.sub(" ", query.strip()))
    if not shown:
        return Text()
    count = len(hits)
    matches = "match" if count == 1 else "matches"
    if not hits:
        line = f"No matches for “{shown}”"
    elif state == "best":
        best = "best " if count >= LIMIT else ""
        line = f"{best}{count} {matches} for “{shown}”, best first"
    else:
        more = " · ranking…" if state == "ranking" else " · a third letter ranks them"
        line = f"newest {count} {matches} for “{shown}”{more}"
    return Text(line, style="dim")


class SearchScreen(Screen[SearchHit | None]):
    """Films, reviews, quotes and comments, ranked, with highlighted snippets.

    A plain screen, not a modal one: a modal's see-through backdrop makes Textual draw the
    whole screen beneath, tinted, on every frame, and its first showing adds style sheets to
    parse (tens of milliseconds each, with 100,000 films listed beneath).
    """

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
            yield Static(id="search-status")
            yield Static(Text("↑↓ choose · Enter open · Esc close", style="dim"))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @journal_work("Could not search", group="search")
    def _search(self, query: str) -> None:
        """Show the best hits, or the newest at once while the best are ranked.

        Each keystroke starts a new search; the one it replaces is interrupted (SQLite stops
        it within a millisecond), so typing never waits behind a stale search.
        """
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled

        def show(hits: list[SearchHit], state: str) -> None:
            self.app.call_from_thread(self._show, query, hits, state)

        try:
            if not ranks(query):
                show(api.search(query, prefix=True, ranked=False), "newest")
                return
            deadline = time.monotonic() + RANK_BUDGET
            try:
                hits = api.search(
                    query, prefix=True, cancelled=lambda: stale() or time.monotonic() > deadline
                )
            except api.SearchCancelled:
                if stale():
                    return
                show(api.search(query, prefix=True, ranked=False), "ranking")
                hits = api.search(query, prefix=True, cancelled=stale)
            show(hits, "best")
        except api.SearchCancelled:
            return

    def _show(self, query: str, hits: list[SearchHit], state: str) -> None:
        if query != self.query_one("#search-input", Input).value:
            return  # typed on since: a newer search is coming
        rows = self.query_one("#search-rows", RowList)
        rows.empty_text = "No matches." if query.strip() else "Type to search."
        rows.set_rows(hits)
        self.query_one("#search-status", Static).update(search_status(query, hits, state))

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
