"""Writing a checked Letterboxd export into the journal, through a bulk writer.

Films are matched by their Letterboxd URI, else by title and year; a film whose URI differs from
the one already there is another film (Letterboxd has two "Lost Country" of 2023). Reviews are
matched by their entry's URI, else — so that an export of ours imported first, or entries without
a URI, never come in twice — by film and watched date, or as the film's rating-only review. A
review changed in filmjournal since it was imported is left as the user made it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from filmjournal.exchange.letterboxd.lists import ListFile
from filmjournal.exchange.letterboxd.reader import (
    CheckedExport,
    DiaryEntry,
    RatedFilm,
    RemoteComment,
)
from filmjournal.exchange.letterboxd.rows import start_of_day
from filmjournal.journal.bulk import BulkWriter, NewReview, check_review
from filmjournal.journal.lists import save_list

Progress = Callable[[int, int], None]
KINDS = ("films", "reviews", "ratings", "watchlist", "likes", "lists", "comments")
COMPARED = ("watched_on", "rating", "is_rewatch", "body", "tags", "letterboxd_uri")
"""What a re-import compares (where watched is only derived from the tags)."""


@dataclass
class Summary:
    """What the import did, per kind: imported, updated, skipped (with reasons), left out."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    reasons: Counter[str] = field(default_factory=Counter)
    deleted: int = 0
    problems: list[str] = field(default_factory=list)
    """The files and rows left out because they could not be read, each with why."""

    def add(self, kind: str, outcome: str, reason: str = "") -> None:
        """Count one item."""
        self.counts.setdefault(kind, Counter())[outcome] += 1
        if reason:
            self.reasons[f"{kind}: {reason}"] += 1

    def count(self, kind: str, outcome: str) -> int:
        """How many items of a kind ended so."""
        return self.counts.get(kind, Counter())[outcome]

    def lines(self) -> list[str]:
        """The summary as lines of text (the problems are listed on their own)."""
        lines = []
        for kind in KINDS:
            counted = self.counts.get(kind, Counter())
            lines.append(
                f"{kind}: {counted['imported']} imported, {counted['updated']} updated, "
                f"{counted['skipped']} skipped"
            )
        lines += [
            f"  skipped {number}: {reason}" for reason, number in sorted(self.reasons.items())
        ]
        lines.append(f"deleted entries not imported: {self.deleted}")
        if self.problems:
            lines.append(f"left out as damaged or invalid: {len(self.problems)}")
        return lines


def is_rating_only(review: dict[str, Any]) -> bool:
    """Whether a stored review holds nothing but a rating (as a rated, unlogged film gets)."""
    empty = not (review["headline"] or review["body"] or review["tags"])
    return empty and review["watched_on"] is None and not review["letterboxd_uri"]


class ExportWriter:
    """Writes a checked export through a bulk writer, counting what it did."""

    def __init__(self, writer: BulkWriter, total: int, progress: Progress | None) -> None:
        self.writer = writer
        self.summary = Summary()
        self.progress = progress
        self.done = 0
        self.total = total
        self.on_watchlist = writer.films_on_watchlist()
        self.liked = writer.liked_films()
        self.stored = writer.stored_reviews()
        self.reviews_of: dict[int, list[int]] = defaultdict(list)
        for review_id, review in self.stored.items():
            self.reviews_of[review["film_id"]].append(review_id)
        self.claimed: set[int] = set()
        """Reviews this import has matched an entry to (each takes one entry)."""

    def write(self, export: CheckedExport) -> Summary:
        """Write everything, in the order that lets later files find earlier films."""
        self.summary.deleted = export.deleted
        self.summary.problems = list(export.problems)
        for film in export.watched:
            self.film_id(film)
            self._tick()
        for listed in export.watchlist:
            self._watchlist(listed.film, listed.added_on)
        for film in export.likes:
            self._like(film)
        reviewed = {self._entry(entry) for entry in export.entries}
        for rated in export.ratings:
            self._rating(rated, reviewed)
        for list_file in export.lists:
            self._save_list(list_file)
        for comment in export.comments:
            self._comment(comment)
        return self.summary

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None and (self.done % 200 == 0 or self.done == self.total):
            self.progress(self.done, self.total)

    # Films ----------------------------------------------------------------------------------

    def film_id(self, film: dict[str, Any], new_values: dict[str, Any] | None = None) -> int:
        """The journal's film for these values: by Letterboxd URI, else title and year; else
        a new film (with ``new_values`` too)."""
        found = self._existing_film(film)
        if found is not None:
            return found
        film_id = self.writer.add_film({**film, **(new_values or {})})
        if film_id in self.writer.into_trash:
            self.summary.add("films", "skipped", "in the trash (what comes for it is kept there)")
        else:
            self.summary.add("films", "imported")
        return film_id

    def _existing_film(self, film: dict[str, Any]) -> int | None:
        writer = self.writer
        uri = film.get("letterboxd_uri")
        if uri and uri in writer.film_uris:
            return writer.film_uris[uri]
        named = writer.films_named(film["title"], film.get("year"))
        if not uri and named:
            return named[0]
        unclaimed = next((film_id for film_id in named if film_id not in writer.uri_of_film), None)
        if unclaimed is not None:
            writer.update_film(unclaimed, {"letterboxd_uri": uri})
        return unclaimed

    def _watchlist(self, film: dict[str, Any], day: date | None) -> None:
        self._mark(
            film, {"watchlist_added_on": day or date.today()}, self.on_watchlist, "watchlist"
        )

    def _like(self, film: dict[str, Any]) -> None:
        self._mark(film, {"is_liked": True}, self.liked, "likes")

    def _mark(
        self, film: dict[str, Any], values: dict[str, Any], marked: set[int], kind: str
    ) -> None:
        """Put a film on the watchlist or among the liked (``values``) unless it is already
        (``marked``); a new film is added with them rather than changed after."""
        film_id = self._existing_film(film)
        if film_id is None:
            marked.add(self.film_id(film, values))
            self.summary.add(kind, "imported")
        elif film_id in marked:
            already = "already on the watchlist" if kind == "watchlist" else "already liked"
            self.summary.add(kind, "skipped", already)
        else:
            self.writer.update_film(film_id, values)
            marked.add(film_id)
            self.summary.add(kind, "imported")
        self._tick()

    # Reviews --------------------------------------------------------------------------------

    def _entry(self, entry: DiaryEntry) -> int:
        """Add or bring up to date one diary entry or review; its film's id."""
        film_id = self.film_id(entry.film)
        existing = self.matching_review(film_id, entry.values)
        if existing is None:
            # The entry's values were cleaned when the export was read: not checked again.
            values = {name: value for name, value in entry.values.items() if name != "tags"}
            self._add_review(film_id, NewReview(values, entry.values["tags"], [], []))
            self.summary.add("reviews", "imported")
        else:
            self._update_review(existing, entry.values)
        self._tick()
        return film_id

    def _add_review(self, film_id: int, review: NewReview) -> None:
        review_id = self.writer.add_review(film_id, review)
        self.claimed.add(review_id)
        self.reviews_of[film_id].append(review_id)

    def matching_review(self, film_id: int, values: dict[str, Any]) -> int | None:
        """The stored review an entry is: by its URI, else one of the film's reviews that has
        none (the same watched date, the same values preferred; or a rating-only review)."""
        uri = values.get("letterboxd_uri")
        found = self.writer.review_uris.get(uri) if uri else None
        if found is not None and found not in self.claimed:
            self.claimed.add(found)
            return found
        free = [
            review_id
            for review_id in self.reviews_of[film_id]
            if review_id not in self.claimed
            and review_id in self.stored
            and not self.stored[review_id]["letterboxd_uri"]
        ]
        same_day = [r for r in free if self.stored[r]["watched_on"] == values["watched_on"]]
        same_day.sort(key=lambda review_id: len(self._differences(review_id, values)))
        rating_only = [review_id for review_id in free if is_rating_only(self.stored[review_id])]
        chosen = next(iter(same_day or rating_only), None)
        if chosen is not None:
            self.claimed.add(chosen)
        return chosen

    def _differences(self, review_id: int, values: dict[str, Any]) -> dict[str, Any]:
        """The values that differ from the stored review's (tags compared as sets, any case)."""
        current = self.stored[review_id]
        changed = {}
        for name in COMPARED:
            if name not in values:
                continue
            new, old = values[name], current[name]
            if name == "tags":
                new_tags = {tag.casefold() for tag in new}
                if new_tags != {tag.casefold() for tag in old}:
                    changed[name] = new
            elif new != old and not (name == "letterboxd_uri" and new is None):
                changed[name] = new
        return changed

    def _update_review(self, review_id: int, values: dict[str, Any]) -> None:
        """Bring a stored review up to date with the export, unless it was changed here."""
        changes = self._differences(review_id, values)
        current = self.stored[review_id]
        if current["in_trash"]:
            self.summary.add("reviews", "skipped", "in the trash (left there)")
            return
        if not changes:
            self.summary.add("reviews", "skipped", "unchanged since the last import")
            return
        users_own = not current["letterboxd_uri"] and not is_rating_only(current)
        if current["edited_here"] or users_own:
            changes = {  # the user's own review: link it, fill what it lacks, change nothing
                name: value
                for name, value in changes.items()
                if name == "letterboxd_uri" or current[name] in (None, "", ())
            }
            if not changes:
                reason = "changed in filmjournal since it was imported (kept as it is)"
                self.summary.add("reviews", "skipped", reason)
                return
        checked = check_review(changes)
        tags = {"tags": checked.tags} if "tags" in changes else {}
        self.writer.update_review(review_id, {**checked.values, **tags})
        self.stored[review_id] = {**current, **changes}
        self.summary.add("reviews", "updated")

    def _rating(self, rated: RatedFilm, reviewed: set[int]) -> None:
        """A rating of a film without diary entries becomes a review holding only the rating."""
        film_id = self.film_id(rated.film)
        self._tick()
        if film_id in reviewed:
            self.summary.add("ratings", "skipped", "the film has diary entries")
            return
        reviews = [self.stored.get(review_id) for review_id in self.reviews_of[film_id]]
        if not reviews:
            written = start_of_day(rated.rated_on)
            values: dict[str, Any] = {"rating": rated.rating}
            if written:
                values |= {"created_at": written, "updated_at": written}
            self._add_review(film_id, check_review(values))
            self.summary.add("ratings", "imported")
            return
        only = reviews[0] if len(reviews) == 1 else None
        if only is None or not is_rating_only(only):
            self.summary.add("ratings", "skipped", "the film already has a review")
        elif only["rating"] == rated.rating:
            self.summary.add("ratings", "skipped", "unchanged since the last import")
        elif only["edited_here"]:
            reason = "changed in filmjournal since it was imported (kept as it is)"
            self.summary.add("ratings", "skipped", reason)
        else:
            review_id = self.reviews_of[film_id][0]
            self.writer.update_review(review_id, {"rating": rated.rating})
            self.stored[review_id] = {**only, "rating": rated.rating}
            self.summary.add("ratings", "updated")

    # Lists and comments ---------------------------------------------------------------------

    def _save_list(self, list_file: ListFile) -> None:
        films = [
            (self.film_id(entry.film), entry.note, entry.position) for entry in list_file.entries
        ]
        outcome = save_list(self.writer, list_file.values, films, replace=True)
        reason = "unchanged since the last import" if outcome == "skipped" else ""
        self.summary.add("lists", outcome, reason)
        self._tick()

    def _comment(self, comment: RemoteComment) -> None:
        outcome = self.writer.add_remote_comment(comment.values, was=comment.html)
        self.summary.add("comments", outcome, "already imported" if outcome == "skipped" else "")
        self._tick()
