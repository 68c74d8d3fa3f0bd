"""The comments the user wrote elsewhere (on other people's Letterboxd entries), to reread."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from filmjournal.display import day, markdown_text, printable
from filmjournal.journal import api
from filmjournal.journal.records import RemoteComment
from filmjournal.tui.failures import journal_work
from filmjournal.tui.widgets.row_list import RowList

EMPTY = "No comments written elsewhere yet (a Letterboxd import brings them)."


def render_comment(comment: RemoteComment, width: int) -> list[Text]:
    """Two lines: the day and the address, then the start of the comment."""
    where = Text(no_wrap=True, overflow="ellipsis")
    where.append(f"{day(comment.written_on) or 'undated':<11}", style="dim")
    where.append(printable(comment.url), style="bold")
    words = " ".join(markdown_text(comment.body).split())
    return [where, Text(f"           {printable(words)}", no_wrap=True, overflow="ellipsis")]


class ElsewhereScreen(ModalScreen[None]):
    """Every comment written elsewhere, newest first; the one under the cursor in full."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, select_id: int | None = None) -> None:
        super().__init__()
        self.select_id = select_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text("Comments you wrote elsewhere", style="bold"))
            yield RowList(render_comment, row_height=2, empty_text=EMPTY, id="elsewhere-rows")
            yield Markdown(id="elsewhere-text")
            yield Static(Text("↑↓ choose · Esc close", style="dim"))

    def on_mount(self) -> None:
        """Read the comments."""
        self._load()
        self.query_one("#elsewhere-rows").focus()

    @journal_work("Could not read the comments written elsewhere", group="elsewhere")
    def _load(self) -> None:
        comments = api.list_remote_comments()
        self.app.call_from_thread(self._show, comments)

    def _show(self, comments: list[RemoteComment]) -> None:
        wanted = self.select_id
        keep = (lambda comment: comment.id == wanted) if wanted is not None else None
        self.query_one("#elsewhere-rows", RowList).set_rows(comments, keep=keep)

    @on(RowList.Highlighted, "#elsewhere-rows")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        comment = event.row
        text = comment.body if comment is not None else ""
        self.query_one("#elsewhere-text", Markdown).update(text)
