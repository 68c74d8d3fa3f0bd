"""Modal dialogs: yes/no questions, and forms that show the journal's refusals in place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from filmjournal.tui.failures import failure_text

Save = Callable[[dict[str, Any]], Any]
"""Writes the form's values; raises ValidationError to keep the form open."""


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; y/Enter says yes, n/Escape says no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question))
            with Horizontal(classes="buttons"):
                yield Button("Yes (y)", variant="error", id="yes")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        """The safe answer has the focus."""
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)


class FormBody(VerticalScroll, can_focus=False):
    """A form's fields, scrolling to the focused one when taller than the screen."""


class FormScreen(ModalScreen[Any]):
    """A form: ctrl+s or Enter in the last line saves through ``save``; Escape cancels.

    A refused value (or any failure) is shown in the form, which stays open. The form scrolls
    when it is taller than the screen, keeping the focused field in view; Escape asks before
    throwing away anything typed; ctrl+e opens the focused text box in the user's editor.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Save"),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+e", "write_in_editor", "$EDITOR", priority=True),
    ]

    DEFAULT_CSS = """
    FormScreen {
        .field { height: auto; margin-bottom: 1; }
        .field-label { width: 11; color: $text-muted; }
        .field Input { width: 1fr; }
        .form Input { border: none; height: 1; padding: 0 1; background: $boost; }
        .form Input:focus { background: $accent 30%; }
        .form Checkbox { border: none; padding: 0; margin-bottom: 1; background: transparent; }
        .form TextArea { height: 5; margin-bottom: 1; }
        #form-error { color: $error; height: auto; display: none; }
        #form-error.-shown { display: block; }
        #comment-answered {
            height: auto;
            margin-bottom: 1;
            padding-left: 1;
            border-left: outer $panel-lighten-2;
            color: $text-muted;
        }
    }
    """

    TITLE = "Form"
    HINT = "ctrl+s save · Esc cancel"
    EDITOR_TEXT: str | None = None
    """The text box ctrl+e opens when focus is not in one (subclasses)."""

    def __init__(self, save: Save) -> None:
        super().__init__()
        self.save = save
        self._started_with: dict[str, Any] | None = None

    def fields(self) -> ComposeResult:
        """The form's fields (subclasses)."""
        yield from ()

    def values(self) -> dict[str, Any]:
        """The form's values (subclasses)."""
        return {}

    def compose(self) -> ComposeResult:
        with FormBody(classes="dialog form"):
            yield Label(Text(self.TITLE, style="bold"))
            yield from self.fields()
            yield Static(id="form-error")
            yield Static(Text(self.HINT, style="dim"), id="form-hint")

    def on_mount(self) -> None:
        """Remember the values the form opened with, to know whether anything was typed."""
        self._started_with = self.values()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Save; on a refused value, say why and stay open."""
        try:
            result = self.save(self.values())
        except Exception as error:  # shown in the form, which stays open with what was typed
            error_line = self.query_one("#form-error", Static)
            error_line.update(Text(failure_text(error), "bold red"))
            error_line.add_class("-shown")
            self.call_after_refresh(error_line.scroll_visible)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without saving; ask first if anything was typed."""
        if self._started_with is None or self.values() == self._started_with:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Throw away what you typed in this form?"), answered)

    def action_write_in_editor(self) -> None:
        """Write the focused text box (or the form's main one) in $VISUAL / $EDITOR."""
        from filmjournal.tui.external_editor import rewrite_in_editor

        box = self.focused if isinstance(self.focused, TextArea) else None
        if box is None and self.EDITOR_TEXT:
            box = self.query_one(f"#{self.EDITOR_TEXT}", TextArea)
        if box is None:
            self.notify("Nothing here to write in an editor.", severity="warning")
            return
        edited = rewrite_in_editor(self, box.text, self.TITLE)
        if edited is not None:
            box.load_text(edited)
            box.focus()


def labelled(label: str, widget: Widget) -> Horizontal:
    """A field with its label on the left."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="field")


class PathForm(FormScreen):
    """Ask for a file or folder (the Letterboxd export to import)."""

    def __init__(self, save: Save, *, title: str, placeholder: str = "") -> None:
        super().__init__(save)
        self.TITLE = title
        self.placeholder = placeholder

    def fields(self) -> ComposeResult:
        yield labelled("Path", Input(placeholder=self.placeholder, id="path"))

    def values(self) -> dict[str, Any]:
        return {"path": self.query_one("#path", Input).value.strip()}
