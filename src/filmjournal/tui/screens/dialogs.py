"""Modal dialogs: forms that validate with the journal's own messages, and yes/no questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from filmjournal.journal import api
from filmjournal.journal.records import Film
from filmjournal.journal.validation import format_film_time

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


class FormScreen(ModalScreen[Any]):
    """A form: ctrl+s or Enter in the last line saves through ``save``; Escape cancels.

    Errors come from the journal's validation and are shown in the form, which stays open.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    TITLE = "Form"

    def __init__(self, save: Save) -> None:
        super().__init__()
        self.save = save

    def fields(self) -> ComposeResult:
        """The form's fields (subclasses)."""
        yield from ()

    def values(self) -> dict[str, Any]:
        """The form's values (subclasses)."""
        return {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(Text(self.TITLE, style="bold"))
            yield from self.fields()
            yield Static(id="form-error")
            yield Static(Text("ctrl+s save · Esc cancel", style="dim"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Save; on a refused value, say why and stay open."""
        try:
            result = self.save(self.values())
        except api.JournalError as error:
            self.query_one("#form-error", Static).update(Text(str(error), style="bold red"))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def labelled(label: str, widget: Widget) -> Horizontal:
    """A field with its label on the left."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="field")


class FilmForm(FormScreen):
    """Add or edit a film: title, year, original title, directors."""

    def __init__(self, save: Save, *, title: str = "", film: Film | None = None) -> None:
        super().__init__(save)
        self.TITLE = "Edit film" if film else "Add a film"
        self.film = film
        self.initial_title = film.title if film else title

    def fields(self) -> ComposeResult:
        film = self.film
        yield labelled("Title", Input(self.initial_title, id="film-title"))
        yield labelled(
            "Year", Input(str(film.year or "") if film else "", id="film-year", placeholder="2013")
        )
        yield labelled("Original", Input(film.original_title if film else "", id="film-original"))
        directors = ", ".join(film.directors) if film else ""
        yield labelled(
            "Directors", Input(directors, id="film-directors", placeholder="comma separated")
        )

    def values(self) -> dict[str, Any]:
        return {
            "title": self.query_one("#film-title", Input).value,
            "year": self.query_one("#film-year", Input).value.strip() or None,
            "original_title": self.query_one("#film-original", Input).value,
            "directors": self.query_one("#film-directors", Input).value,
        }


class QuoteForm(FormScreen):
    """Add or edit a quote: its words, speaker, position, favourite mark and your note."""

    TITLE = "Quote"

    def __init__(self, save: Save, *, quote: Any = None) -> None:
        super().__init__(save)
        self.quote = quote

    def fields(self) -> ComposeResult:
        quote = self.quote
        yield Label("The quote")
        yield TextArea(
            quote.text if quote else "", id="quote-text", soft_wrap=True, tab_behavior="focus"
        )
        yield labelled("Speaker", Input(quote.speaker if quote else "", id="quote-speaker"))
        position = format_film_time(quote.film_time) if quote else ""
        yield labelled("Position", Input(position, id="quote-position", placeholder="1:23:45"))
        yield Checkbox("favourite", bool(quote and quote.is_favourite), id="quote-favourite")
        yield Label("What it means to you")
        yield TextArea(
            quote.note if quote else "", id="quote-note", soft_wrap=True, tab_behavior="focus"
        )

    def values(self) -> dict[str, Any]:
        return {
            "text": self.query_one("#quote-text", TextArea).text,
            "speaker": self.query_one("#quote-speaker", Input).value,
            "film_time": self.query_one("#quote-position", Input).value.strip() or None,
            "is_favourite": self.query_one("#quote-favourite", Checkbox).value,
            "note": self.query_one("#quote-note", TextArea).text,
        }


class CommentForm(FormScreen):
    """Write or edit a comment (or a reply)."""

    def __init__(self, save: Save, *, title: str, author: str, body: str = "") -> None:
        super().__init__(save)
        self.TITLE = title
        self.author = author
        self.body = body

    def fields(self) -> ComposeResult:
        yield labelled("Author", Input(self.author, id="comment-author"))
        yield TextArea(self.body, id="comment-text", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        """Start in the text."""
        self.query_one("#comment-text", TextArea).focus()

    def values(self) -> dict[str, Any]:
        return {
            "author": self.query_one("#comment-author", Input).value,
            "body": self.query_one("#comment-text", TextArea).text,
        }


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
