"""The filmjournal application: a thin shell around the main screen."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider

from filmjournal.display import printable
from filmjournal.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from filmjournal.settings import Settings


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

    def __init__(self, journal_name: Path | str, *, upgrade_notice: str | None = None) -> None:
        super().__init__()
        self.journal_name = str(journal_name)
        """The journal file, or the server journal's address (no password)."""
        self.upgrade_notice = upgrade_notice
        self._settings: Settings | None = None
        self._quit_unsaved = False
        self._main_screen = MainScreen()

    def get_default_screen(self) -> MainScreen:
        """The main screen is the app's first screen: composed while the app is, and first
        drawn when the app starts running (pushed on mount, it would be drawn once for
        nothing while the app was still starting)."""
        return self._main_screen

    @property
    def main_screen(self) -> MainScreen:
        """The screen where the journal is written."""
        return self._main_screen

    @property
    def settings(self) -> Settings:
        """The user's settings, read once; a problem with the file is reported once."""
        if self._settings is None:
            from filmjournal.settings import load_settings

            self._settings, problem = load_settings()
            from filmjournal.journal import api

            api.sign_as(self._settings.author)  # new writing is signed with this name
            if problem:
                self.notify(printable(problem), severity="error", markup=False, timeout=15)
        return self._settings

    def on_mount(self) -> None:
        """Name the journal in the header."""
        self.sub_title = printable(self.journal_name)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """Read the whole film list, say what opening the journal did, and read the settings
        (reporting a bad file).

        The objects made while starting live as long as the app: they are set aside from the
        cyclic collector, which runs from now on (``filmjournal`` starts with it off).
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        self.main_screen.first_frame_shown()
        if self.upgrade_notice:
            self.notify(printable(self.upgrade_notice), markup=False, timeout=20)
        self.settings  # noqa: B018  (read now so that a bad file is reported at start)

    def action_help(self) -> None:
        """Show every key."""
        from filmjournal.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        main = self.main_screen
        everywhere = ("Everywhere", [*self.BINDINGS, *main.BINDINGS])
        self.push_screen(HelpScreen([everywhere, *main.key_groups()]))

    def action_save_and_quit(self) -> None:
        """Write anything unsaved, then quit; if that fails, quit only when asked again."""
        if self.main_screen.flush() or self._quit_unsaved:
            self.exit()
            return
        self._quit_unsaved = True
        self.notify("Press ctrl+q again to quit without saving.", severity="warning")
