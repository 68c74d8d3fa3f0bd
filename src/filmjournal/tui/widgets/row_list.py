"""A scrolling list that renders only the rows on screen (Textual's line API).

Thousands of films or quotes stay instant: rows are plain tuples in any sequence (the film list's
reads them a page at a time), and a row is turned into text only when it is drawn. No widget per
row, no query per row.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowRenderer = Callable[[Any, int], list[Text]]
"""Turns a row into ``row_height`` lines of text for a given width."""


@lru_cache(maxsize=32)
def wrapped(text: str, width: int) -> list[str]:
    """A hint broken into lines that fit the width (words kept whole when they fit)."""
    return textwrap.wrap(text, max(1, width)) if text else []


class RowList(ScrollView, can_focus=True):
    """A cursor over a long list of rows, drawn lazily."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--empty"}

    DEFAULT_CSS = """
    RowList { height: 1fr; }
    RowList > .row-list--cursor { background: $accent 40%; }
    RowList:focus > .row-list--cursor { background: $accent; color: $text; }
    RowList > .row-list--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor moved onto a row."""

        def __init__(self, row_list: RowList, row: Any) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row

        @property
        def control(self) -> RowList:
            """The list that sent this."""
            return self.row_list

    class Chosen(Highlighted):
        """Enter (or a click) chose a row."""

    def __init__(
        self,
        render_row: RowRenderer,
        *,
        row_height: int = 1,
        empty_text: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.row_renderer = render_row
        self.row_height = row_height
        self.empty_text = empty_text
        self.rows: Sequence[Any] = ()
        self._base_style = self._cursor_style = Style()
        self._all_changed = False
        """Every row changed since the last draw (new rows): the next cursor move redraws all."""

    @property
    def current(self) -> Any | None:
        """The row under the cursor, if any."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def set_rows(
        self, rows: Sequence[Any], *, keep: Callable[[Any], bool] | None = None, index: int = 0
    ) -> None:
        """Show these rows; the cursor goes to the first row ``keep`` accepts, else to ``index``.

        ``rows`` may read its items lazily (only the rows drawn are asked for).
        """
        self.rows = rows
        if keep is not None:
            index = next((i for i, row in enumerate(rows) if keep(row)), 0)
        self.virtual_size = Size(self.size.width, len(rows) * self.row_height)
        self._all_changed = True
        self.cursor = index
        self.refresh()

    def validate_cursor(self, cursor: int) -> int:
        """Keep the cursor on a row."""
        return max(0, min(cursor, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, cursor: int) -> None:
        """Keep the cursor on screen and announce the row under it.

        When the list does not scroll, only the rows the cursor leaves and enters are drawn.
        """
        scrolled_from = self.scroll_offset.y
        if self.rows:
            top = cursor * self.row_height
            self.scroll_to_region(Region(0, top, 1, self.row_height), animate=False, force=True)
        if self.scroll_offset.y == scrolled_from and old != cursor and not self._all_changed:
            self.refresh_lines(old * self.row_height, self.row_height)
            self.refresh_lines(cursor * self.row_height, self.row_height)
        else:
            self.refresh()
        self._all_changed = False
        self.post_message(self.Highlighted(self, self.current))

    def action_cursor(self, step: int) -> None:
        """Move the cursor by ``step`` rows."""
        self.cursor += step

    def action_page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        self.action_cursor(direction * max(1, self.size.height // self.row_height - 1))

    def action_jump(self, index: int) -> None:
        """Move to the first (0) or last (-1) row."""
        if self.rows:
            self.cursor = index % len(self.rows)

    def action_choose(self) -> None:
        """Announce that the row under the cursor was chosen."""
        if self.current is not None:
            self.post_message(self.Chosen(self, self.current))

    def on_click(self, event: Any) -> None:
        """Clicking a row moves the cursor there; a double click chooses it."""
        index = (event.y + int(self.scroll_offset.y)) // self.row_height
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain > 1:
                self.action_choose()

    def on_resize(self) -> None:
        """Keep the virtual size in step with the width."""
        self.virtual_size = Size(self.size.width, len(self.rows) * self.row_height)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Work out the base styles once per redraw, not once per line."""
        self._base_style = self.rich_style
        self._cursor_style = self._base_style + self.get_component_rich_style("row-list--cursor")
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Draw one screen line: part of the row under it, styled if it is the cursor row.

        Rows are as wide as the content, not the widget: a long list's scroll bar takes the
        last columns (a row drawn under it lost its last characters — a film's year).
        """
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_offset.y)
        index, part = divmod(line, self.row_height)
        if not self.rows:
            hint = wrapped(self.empty_text, width)
            if y < len(hint):
                style = self.get_component_rich_style("row-list--empty")
                return Strip([Segment(hint[y], style)]).extend_cell_length(width)
            return Strip.blank(width, self._base_style)
        if index >= len(self.rows):
            return Strip.blank(width, self._base_style)
        text = self.row_renderer(self.rows[index], width)[part]
        text.truncate(width, overflow="ellipsis", pad=True)
        base = self._cursor_style if index == self.cursor else self._base_style
        segments = list(text.render(self.app.console))
        strip = Strip([Segment(s.text, base + (s.style or Style())) for s in segments if s.text])
        return strip.extend_cell_length(width, base).crop(0, width)
