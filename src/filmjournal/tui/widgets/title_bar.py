"""The title line: the app's name and the journal's path, drawn by one widget.

Textual's Header composes three widgets (icon, title, clock space) and watches four reactives:
8 ms of every start-up here. This line is one widget that draws one line of text; a click on
it opens the command palette, as the Header's icon does.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget


class TitleBar(Widget):
    """The app's title and sub-title (the journal's path), centred on one line."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
    }
    """

    def on_mount(self) -> None:
        """Redraw when the app's title or sub-title changes."""
        self.watch(self.app, "title", self.refresh, init=False)
        self.watch(self.app, "sub_title", self.refresh, init=False)

    def render(self) -> Content:
        """The title, then the sub-title, as the app formats them (shown literally)."""
        return self.app.format_title(self.app.title, self.app.sub_title)

    async def on_click(self, event: events.Click) -> None:
        """Open the command palette."""
        event.stop()
        await self.run_action("app.command_palette")
