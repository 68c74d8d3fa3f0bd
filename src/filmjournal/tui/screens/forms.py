"""The forms that add and change films, quotes and comments through the journal."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Label, TextArea

from filmjournal.journal import api
from filmjournal.journal.records import Comment, Film, Quote
from filmjournal.journal.validation import format_film_time
from filmjournal.tui.screens.dialogs import FormScreen, Save, labelled


class FilmForm(FormScreen):
    """Add or edit a film: title, year, original title, directors."""

    def __init__(self, save: Save, *, title: str = "", film: Film | None = None) -> None:
        super().__init__(save)
        self.TITLE = "Edit film" if film else "Add a film"
        self.film = film
        self.initial_title = film.title if film else title

    @classmethod
    def adding(cls, title: str) -> FilmForm:
        """A form adding a film, its title suggested."""
        return cls(lambda values: api.create_film(**values), title=title)

    @classmethod
    def editing(cls, film: Film) -> FilmForm:
        """A form changing a film."""
        return cls(lambda values: api.update_film(film.id, **values), film=film)

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

    @classmethod
    def adding(cls, review_id: int, parent_id: int | None, author: str) -> CommentForm:
        """A form writing a comment under a review, or a reply under one of its comments."""

        def add(values: dict[str, Any]) -> Comment:
            return api.add_comment(review_id, parent_id=parent_id, **values)

        return cls(add, title="Reply" if parent_id else "New comment", author=author)

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
