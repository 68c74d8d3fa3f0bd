"""The floor for any Textual interface: an app with one Static, nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Static("BARE READY")


if __name__ == "__main__":
    Bare().run()
