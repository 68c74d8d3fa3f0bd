"""The help screen: every key, grouped by where it works."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KeyGroup = tuple[str, list[BindingType]]
"""A heading and the bindings listed under it."""

EXTRA_KEYS = {
    "Everywhere": [("ctrl+p", "Command palette: every action by name")],
    "Review": [
        ("enter / ↑ ↓", "Next / previous field in the form"),
        ("space", "Tick rewatch, liked or spoilers"),
        ("→ / ←, 1 to 5, 0", "On the rating: ± half a star, whole stars, clear"),
    ],
}


def key_table(title: str, bindings: list[tuple[str, str]]) -> Table:
    """A two-column table of keys and what they do."""
    table = Table(
        title=Text(title, style="bold"), title_justify="left", box=None, show_header=False
    )
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for key, description in bindings:
        table.add_row(Text(key), Text(description))
    return table


def describe(bindings: list[BindingType]) -> list[tuple[str, str]]:
    """Key and description of each binding that has one."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            keys = ", ".join(key.replace("_", " ") for key in binding.key.split(","))
            rows.append((keys, binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """Every binding of the interface, as the running app declares them, grouped by where."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss(None)", "Close")
    ]

    def __init__(self, groups: list[KeyGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(Text("filmjournal keys  (Esc closes)", style="bold"))
            for title, bindings in self.groups:
                rows = describe(bindings) + EXTRA_KEYS.get(title, [])
                yield Static(key_table(title, rows))
