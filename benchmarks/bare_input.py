"""The floor for a keystroke in any Textual interface: an app with one Input, nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class BareInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("BARE READY")
        yield Input()


if __name__ == "__main__":
    BareInput().run()
