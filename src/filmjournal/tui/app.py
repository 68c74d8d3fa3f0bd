"""The filmjournal application: a thin shell around the main screen."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider

from filmjournal.display import printable
from filmjournal.tui.screens.main import MainScreen


def journal_commands() -> type[Provider]:
    """The palette's filmjournal commands, imported when the palette first opens."""
    from filmjournal.tui.commands import JournalCommands

    return JournalCommands


class FilmJournalApp(App[None]):
    """Write about the films you watch. The journal must already be open (see the CLI)."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "filmjournal"
    COMMANDS: ClassVar = App.COMMANDS | {journal_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "save_and_quit", "Quit"),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    def __init__(self, journal_path: Path) -> None:
        super().__init__()
        self.journal_path = journal_path

    def on_mount(self) -> None:
        """Name the journal in the header and show the main screen."""
        self.sub_title = printable(str(self.journal_path))
        self.push_screen(MainScreen())

    def action_help(self) -> None:
        """Show every key."""
        from filmjournal.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_save_and_quit(self) -> None:
        """Write anything unsaved, then quit."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.flush()
        self.exit()
