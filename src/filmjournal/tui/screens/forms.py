"""The forms that add and change films, quotes and comments through the journal."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static, TextArea

from filmjournal.display import printable, shorten
from filmjournal.journal import api
from filmjournal.journal.records import Comment, Film, Quote, split_film_label
from filmjournal.journal.validation import format_film_time
from filmjournal.tui.screens.dialogs import FormScreen, Save, labelled
from filmjournal.tui.widgets.tick import Tick

ANSWERED_LENGTH = 400
"""Characters of the comment being answered shown above a reply."""


class FilmForm(FormScreen):
    """Add or edit a film: title, year, original title, directors."""

    def __init__(
        self, save: Save, *, title: str = "", year: int | None = None, film: Film | None = None
    ) -> None:
        super().__init__(save)
        self.TITLE = "Edit film" if film else "Add a film"
        self.film = film
        self.initial_title = film.title if film else title
        self.initial_year = film.year if film else year

    @classmethod
    def adding(cls, typed: str) -> FilmForm:
        """A form adding a film: ``Her (2013)`` typed in the filter proposes title and year."""
        title, year = split_film_label(typed)
        return cls(lambda values: api.create_film(**values), title=title, year=year)

    @classmethod
    def editing(cls, film: Film) -> FilmForm:
        """A form changing a film."""
        return cls(lambda values: api.update_film(film.id, **values), film=film)

    def fields(self) -> ComposeResult:
        film = self.film
        year = str(self.initial_year or "")
        yield labelled("Title", Input(self.initial_title, id="film-title", placeholder="title"))
        yield labelled("Year", Input(year, id="film-year", placeholder="year, e.g. 2013"))
        yield labelled(
            "Original",
            Input(
                film.original_title if film else "",
                id="film-original",
                placeholder="original title, if different",
            ),
        )
        directors = ", ".join(film.directors) if film else ""
        yield labelled(
            "Directors",
            Input(directors, id="film-directors", placeholder="e.g. Spike Jonze (commas between)"),
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
    HINT = "ctrl+s save · Esc cancel · ctrl+e write a text box in $EDITOR"
    EDITOR_TEXT = "quote-note"

    def __init__(self, save: Save, *, quote: Quote | None = None) -> None:
        super().__init__(save)
        self.quote = quote

    @classmethod
    def adding(cls, film_id: int, review_id: int | None) -> QuoteForm:
        """A form collecting a quote from a film, for one of its reviews."""
        return cls(lambda values: api.create_quote(film_id, review_id=review_id, **values))

    @classmethod
    def editing(cls, quote: Quote) -> QuoteForm:
        """A form changing a quote."""
        return cls(lambda values: api.update_quote(quote.id, **values), quote=quote)

    def fields(self) -> ComposeResult:
        quote = self.quote
        yield Label("The quote")
        yield TextArea(
            quote.text if quote else "",
            id="quote-text",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="the line, as it was said",
        )
        yield labelled(
            "Speaker",
            Input(quote.speaker if quote else "", id="quote-speaker", placeholder="who says it"),
        )
        position = format_film_time(quote.film_time) if quote else ""
        yield labelled(
            "Position",
            Input(position, id="quote-position", placeholder="time in the film, e.g. 1:23:45"),
        )
        yield Tick("favourite", bool(quote and quote.is_favourite), id="quote-favourite")
        yield Label("What it means to you")
        yield TextArea(
            quote.note if quote else "",
            id="quote-note",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="why it stayed with you",
        )

    def values(self) -> dict[str, Any]:
        return {
            "text": self.query_one("#quote-text", TextArea).text,
            "speaker": self.query_one("#quote-speaker", Input).value,
            "film_time": self.query_one("#quote-position", Input).value.strip() or None,
            "is_favourite": self.query_one("#quote-favourite", Tick).value,
            "note": self.query_one("#quote-note", TextArea).text,
        }


class CommentForm(FormScreen):
    """Write or edit a comment, or a reply (shown under the comment it answers)."""

    HINT = "ctrl+s save · Esc cancel · ctrl+e write in $EDITOR"
    EDITOR_TEXT = "comment-text"

    def __init__(
        self,
        save: Save,
        *,
        title: str,
        author: str,
        body: str = "",
        answering: Comment | None = None,
    ) -> None:
        super().__init__(save)
        self.TITLE = title
        self.author = author
        self.body = body
        self.answering = answering

    @classmethod
    def adding(cls, review_id: int, parent: Comment | None, author: str) -> CommentForm:
        """A form writing a comment under a review, or a reply to ``parent``."""
        parent_id = parent.id if parent else None

        def add(values: dict[str, Any]) -> Comment:
            return api.add_comment(review_id, parent_id=parent_id, **values)

        title = "Reply" if parent else "New comment"
        return cls(add, title=title, author=author, answering=parent)

    @classmethod
    def editing(cls, comment: Comment) -> CommentForm:
        """A form changing a comment."""
        return cls(
            lambda values: api.update_comment(comment.id, **values),
            title="Edit comment",
            author=comment.author,
            body=comment.body,
        )

    def fields(self) -> ComposeResult:
        if self.answering is not None:
            yield Static(answered_text(self.answering), id="comment-answered")
        yield labelled(
            "Author", Input(self.author, id="comment-author", placeholder="who is writing")
        )
        yield TextArea(
            self.body,
            id="comment-text",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="your comment (Markdown)",
        )

    def on_mount(self) -> None:
        """Start in the text."""
        self.query_one("#comment-text", TextArea).focus()

    def values(self) -> dict[str, Any]:
        return {
            "author": self.query_one("#comment-author", Input).value,
            "body": self.query_one("#comment-text", TextArea).text,
        }


def answered_text(comment: Comment) -> Text:
    """The comment a reply answers: who wrote it, then (the start of) what they wrote."""
    return Text.assemble(
        ("Replying to ", "dim"),
        (printable(comment.author or "anonymous"), "bold"),
        "\n",
        printable(shorten(comment.body, ANSWERED_LENGTH)),
    )
