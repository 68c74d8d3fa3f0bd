"""A report to read at leisure: what an import did, and every file or row it left out."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from filmjournal.display import printable


class ReportScreen(ModalScreen[None]):
    """A title, lines of what happened, and the problems listed one per line."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "dismiss(None)", "Close")]

    def __init__(self, title: str, lines: list[str], problems: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.problems = problems

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="report"):
            yield Static(Text(printable(self.title_text), style="bold"))
            yield Static(Text(printable("\n".join(self.lines))), id="report-lines")
            if self.problems:
                heading = f"Left out ({len(self.problems)}): fix these and import again"
                yield Static(Text(heading, style="bold red"))
                yield Static(Text(printable("\n".join(self.problems))), id="report-problems")
            yield Static(Text("Esc closes", style="dim"))
