"""What the panes ask for: one message per intent, each with typed fields.

A pane posts one of these when the user wants something done; the main screen handles each with
``@on(...)``, applies it through the journal and refreshes the panes that care.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from filmjournal.journal.records import Comment, FilmRow, Quote

# Films ------------------------------------------------------------------------------------------


@dataclass
class FilmHighlighted(Message):
    """The film cursor rests on this film (None: no film)."""

    film: FilmRow | None


@dataclass
class FilmOpened(Message):
    """Enter on a film: start writing about it."""

    film: FilmRow


@dataclass
class AddFilm(Message):
    """Add a film, suggesting this title."""

    title: str


@dataclass
class EditFilm(Message):
    """Edit this film's title, year, original title and directors."""

    film: FilmRow


@dataclass
class ToggleWatchlist(Message):
    """Put this film on the watchlist, or take it off."""

    film: FilmRow


@dataclass
class DeleteFilm(Message):
    """Move this film, and everything written about it, to the trash (after asking)."""

    film: FilmRow


# Reviews ----------------------------------------------------------------------------------------


@dataclass
class ReviewShown(Message):
    """The Review pane now shows this review of this film (review None: a new, unsaved one)."""

    film_id: int | None
    review_id: int | None


@dataclass
class ReviewSaved(Message):
    """A review was written to the journal."""

    film_id: int
    review_id: int | None


@dataclass
class DeleteReview(Message):
    """Move this review (a viewing) to the trash, after asking; ``label`` describes it."""

    film_id: int
    review_id: int
    label: str


@dataclass
class ExportReview(Message):
    """Write this review as a Markdown file into the export folder."""

    review_id: int


# Quotes -----------------------------------------------------------------------------------------


@dataclass
class AddQuote(Message):
    """Collect a new quote from this film."""

    film_id: int


@dataclass
class EditQuote(Message):
    """Edit this quote."""

    quote: Quote


@dataclass
class WriteQuoteNote(Message):
    """Write this quote's note in the user's own editor."""

    quote: Quote


@dataclass
class ToggleFavourite(Message):
    """Mark this quote as a favourite, or unmark it."""

    quote: Quote


@dataclass
class MoveQuote(Message):
    """Move this quote up (negative) or down in its film's order."""

    quote: Quote
    offset: int


@dataclass
class DeleteQuote(Message):
    """Move this quote to the trash (after asking)."""

    quote: Quote


@dataclass
class OpenQuoteFilm(Message):
    """Open the film a quote of the whole collection comes from."""

    film_id: int
    quote_id: int


# Comments ---------------------------------------------------------------------------------------


@dataclass
class AddComment(Message):
    """Add a comment to this review's thread."""

    review_id: int


@dataclass
class ReplyToComment(Message):
    """Reply to this comment."""

    comment: Comment


@dataclass
class EditComment(Message):
    """Edit this comment."""

    comment: Comment


@dataclass
class WriteComment(Message):
    """Rewrite this comment in the user's own editor."""

    comment: Comment


@dataclass
class DeleteComment(Message):
    """Move this comment and its replies to the trash (after asking)."""

    comment: Comment
