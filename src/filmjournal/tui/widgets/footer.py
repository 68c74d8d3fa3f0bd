"""The footer: the keys that work where the focus is, drawn as one line by one widget.

Textual's Footer builds a widget per key and recomposes them all on every bindings signal; here
that cost 140 ms of the start-up. This footer redraws one line of text instead, at most once per
refresh, and a click on a key presses it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class KeyFooter(Widget):
    """One line of key hints for the focused widget and everything above it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"footer--key", "footer--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .footer--key {
            color: $footer-key-foreground;
            text-style: bold;
        }
        .footer--description {
            color: $footer-description-foreground;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[tuple[int, int, str]] = []
        self._pending = False

    def on_mount(self) -> None:
        """Follow the screen's bindings as the focus moves."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen) -> None:
        """Redraw once for any number of changes before the next refresh."""
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        self._pending = False
        self.refresh()

    def shown_bindings(self) -> tuple[list[Binding], list[Binding]]:
        """The bindings to show, one per action: the pane's, and the app's kept at the right."""
        seen: set[str] = set()
        local, app = [], []
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            palette = binding.key == self.app.COMMAND_PALETTE_BINDING
            if (binding.show or palette) and enabled and binding.action not in seen:
                seen.add(binding.action)
                (app if node is self.app else local).append(binding)
        return local, app

    def render(self) -> Text:
        """The key hints, each as ` key description `; the app's keys (F1 Help) always fit.

        The focused pane's keys come first; hints that do not fit are left out whole, never cut.
        """
        key_style = self.get_component_rich_style("footer--key", partial=True)
        description_style = self.get_component_rich_style("footer--description", partial=True)
        local, app = self.shown_bindings()
        right, right_keys = self._hints(app, key_style, description_style)
        room = max(0, self.size.width - right.cell_len)
        left, left_keys = self._hints(local, key_style, description_style, room=room)
        left.pad_right(room - left.cell_len)
        offset = left.cell_len
        self._keys = [
            *left_keys,
            *[(start + offset, end + offset, key) for start, end, key in right_keys],
        ]
        return Text.assemble(left, right, no_wrap=True, end="")

    def _hints(
        self,
        bindings: list[Binding],
        key_style: Style,
        description_style: Style,
        room: int | None = None,
    ) -> tuple[Text, list[tuple[int, int, str]]]:
        """The hints that fit in ``room`` cells, in order, with the cells each one covers."""
        line = Text(no_wrap=True, end="")
        spans = []
        for binding in bindings:
            hint = Text.assemble(
                (f" {self.app.get_key_display(binding)} ", key_style),
                (f"{binding.description} ", description_style),
            )
            if room is not None and line.cell_len + hint.cell_len > room:
                break
            start = line.cell_len
            line.append_text(hint)
            spans.append((start, line.cell_len, binding.key))
        return line, spans

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it."""
        for start, end, key in self._keys:
            if start <= event.x < end:
                self.app.simulate_key(key.split(",")[0])
                return
