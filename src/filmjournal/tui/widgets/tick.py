"""A tick box that reads at a glance: ``[x] liked`` when ticked, ``[ ] liked`` when not.

Textual's Checkbox draws the same ``▐X▌`` either way and tells the states apart by colour alone,
which reads as ticked in both states on many terminals.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox


class Tick(Checkbox):
    """A checkbox whose box shows its state by its shape; Space ticks, Enter moves on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Tick", show=False),
        Binding("enter", "next_field", "Next field", show=False),
    ]

    DEFAULT_CSS = """
    Tick > .toggle--button { background: transparent; color: $text-muted; }
    Tick.-on > .toggle--button { background: transparent; color: $text-success; text-style: bold; }
    """

    def action_next_field(self) -> None:
        """Enter moves on to the next field, as in the fields around it."""
        self.screen.focus_next()

    @property
    def _button(self) -> Content:
        """``[x]`` or ``[ ]``."""
        return Content.styled(
            "[x]" if self.value else "[ ]", self.get_visual_style("toggle--button")
        )
