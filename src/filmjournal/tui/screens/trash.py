"""The trash: what was deleted, restored with Enter, emptied for good with ctrl+e."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from filmjournal.display import local_time, printable
from filmjournal.journal import api
from filmjournal.journal.records import TrashItem
from filmjournal.tui.failures import attempt, succeeds
from filmjournal.tui.screens.dialogs import ConfirmScreen
from filmjournal.tui.widgets.row_list import RowList


def render_item(item: TrashItem, width: int) -> list[Text]:
    """One line: kind, what it was, when it was deleted."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{item.kind:<8}", style="dim")
    line.append(printable(item.label))
    when = f"  {local_time(item.deleted_at)}"
    line.truncate(max(1, width - len(when)), overflow="ellipsis", pad=True)
    line.append(when, style="dim")
    return [line]


class TrashScreen(ModalScreen[None]):
    """Deleted films, reviews, quotes and comments."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restore", "Restore"),
        Binding("ctrl+e", "empty", "Empty trash"),
        Binding("escape", "dismiss(None)", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text("Trash", style="bold"))
            yield RowList(render_item, empty_text="The trash is empty.", id="trash-rows")
            yield Static(Text("Enter/r restore · ctrl+e empty for good · Esc close", style="dim"))

    def on_mount(self) -> None:
        """Show what is in the trash."""
        self._reload()
        self.query_one("#trash-rows").focus()

    def _reload(self) -> None:
        items = attempt(self, "Could not read the trash", api.list_trash)
        self.query_one("#trash-rows", RowList).set_rows(items or [])

    @on(RowList.Chosen, "#trash-rows")
    def _chosen(self) -> None:
        self.action_restore()

    def action_restore(self) -> None:
        """Restore the item under the cursor."""
        item = self.query_one("#trash-rows", RowList).current
        if item is None:
            return
        if succeeds(self, "Could not restore it", api.restore, item.kind, item.id):
            self.notify(f"Restored {printable(item.label)}", markup=False)
        self._reload()

    def action_empty(self) -> None:
        """Delete everything in the trash for good (after asking)."""
        question = "Delete everything in the trash for good? This cannot be undone."
        self.app.push_screen(ConfirmScreen(question), self._empty)

    def _empty(self, yes: bool | None) -> None:
        if yes:
            removed = attempt(self, "Could not empty the trash", api.empty_trash)
            if removed is not None:
                self.notify(f"Deleted {removed} items for good.")
            self._reload()
