"""The film's viewings above the review form: one line each, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from filmjournal.display import printable, stars
from filmjournal.journal import api
from filmjournal.journal.records import Review


def viewing_label(review: Review) -> Text:
    """One line for a viewing in the list: date, stars, where, whose (another member's), and
    the headline."""
    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(review.watched_on.isoformat() if review.watched_on else "undated", style="bold")
    if review.rating is not None:
        label.append(f" {stars(review.rating)}", style="yellow")
    if review.where_watched:
        label.append(f" · {printable(review.where_watched)}", style="dim")
    if api.by_another(review.author):  # a shared journal: whose it is, before a long headline
        label.append(f" · by {printable(review.author)}", style="italic")
    if review.headline:
        label.append(f" · {printable(review.headline)}")
    return label


class ViewingsList(OptionList):
    """The viewings of the film; moving onto one asks for it to be shown."""

    @dataclass
    class Picked(Message):
        """The user moved onto this viewing."""

        review: Review

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reviews: list[Review] = []

    def show(self, reviews: list[Review], highlighted: int | None) -> None:
        """List these viewings with ``highlighted`` (a review id) under the cursor, quietly."""
        self.reviews = reviews
        self.clear_options()
        self.add_options([Option(viewing_label(review), id=str(review.id)) for review in reviews])
        if not reviews:
            self.add_option(Option(Text("new viewing — start typing", style="dim"), id="new"))
        index = next((i for i, review in enumerate(reviews) if review.id == highlighted), 0)
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = index

    def label_of(self, review_id: int) -> str:
        """How a listed viewing reads, as plain text."""
        review = next((review for review in self.reviews if review.id == review_id), None)
        return viewing_label(review).plain if review else "this viewing"

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        review = next((r for r in self.reviews if str(r.id) == event.option.id), None)
        if review is not None:
            self.post_message(self.Picked(review))
