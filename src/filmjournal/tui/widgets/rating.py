"""A half-star rating field: arrows step by half a star, digits set whole stars, 0 clears."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from filmjournal.display import stars


def step_rating(rating: float | None, step: float) -> float | None:
    """A rating moved by ``step`` stars, kept within ½ to 5; stepping below ½ clears it."""
    value = (rating or 0) + step
    return None if value < 0.5 else min(value, 5.0)


class RatingInput(Widget, can_focus=True):
    """Shows ``★★★★½`` and changes with the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,plus,equals_sign", "step(0.5)", "+½ star", show=False),
        Binding("left,minus", "step(-0.5)", "-½ star", show=False),
        Binding("backspace,delete,0", "clear", "No rating", show=False),
        *(Binding(str(n), f"set({n})", f"{n} stars", show=False) for n in range(1, 6)),
        Binding("enter", "next_field", "Next field", show=False),
    ]

    DEFAULT_CSS = """
    RatingInput { width: 11; height: 1; padding: 0 1; color: $warning; }
    RatingInput:focus { background: $boost; text-style: bold; }
    """

    rating: reactive[float | None] = reactive(None)

    class Changed(Message):
        """The user changed the rating."""

        def __init__(self, rating: float | None) -> None:
            super().__init__()
            self.rating = rating

    def render(self) -> Text:
        """Stars, or a hint when there is no rating."""
        if self.rating is None:
            return Text("no rating", style="dim italic")
        return Text(stars(self.rating))

    def _change(self, rating: float | None) -> None:
        self.rating = rating
        self.post_message(self.Changed(rating))

    def action_step(self, step: float) -> None:
        """Half a star up or down."""
        self._change(step_rating(self.rating, step))

    def action_set(self, whole: int) -> None:
        """Set a whole number of stars."""
        self._change(float(whole))

    def action_next_field(self) -> None:
        """Enter moves on to the next field, as in the one-line fields around it."""
        self.screen.focus_next()

    def action_clear(self) -> None:
        """Remove the rating."""
        self._change(None)
