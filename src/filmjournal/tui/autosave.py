"""Saving the review being written, in the background, so that the last edit always wins.

No Textual here: the editor hands a :class:`ReviewDraft` the values of its fields after every
change; a worker thread calls :meth:`ReviewDraft.save`, which writes the newest values under a
lock. A field the journal refuses (say a date in the future) is left out and reported, so the
rest of the review is still saved.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from filmjournal.journal import api
from filmjournal.journal.records import Review

FIELD_KEYS = {
    "headline": "headline",
    "body": "body",
    "watched date": "watched_on",
    "where watched": "where_watched",
    "rating": "rating",
    "rewatch": "is_rewatch",
    "liked": "is_liked",
    "spoilers": "has_spoilers",
    "tags": "tags",
}
"""Field names in validation messages → review fields."""


def is_blank(values: dict[str, Any]) -> bool:
    """Whether nothing has been written yet (no review is created for an untouched editor)."""
    return not any(values.values())


@dataclass
class ReviewDraft:
    """The review shown in the editor: which one it is and what its fields hold now."""

    film_id: int
    review_id: int | None
    values: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    saved_version: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    stored_at: datetime | None = None
    """When the journal's copy was last written, as this draft knows it (by us, or loaded)."""
    conflict_copy: Review | None = None
    """Someone else's version this draft was saved over, kept as a review of its own."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def is_saved(self) -> bool:
        """Whether the newest values are in the journal."""
        return self.saved_version == self.version

    def update(self, values: dict[str, Any]) -> None:
        """Take the fields' values after an edit."""
        self.values = values
        self.version += 1

    def save(self) -> bool:
        """Write the newest values (from any thread); return whether anything was written."""
        with self._lock, api.thread_connection():
            values, version = self.values, self.version
            if version == self.saved_version:
                return False
            if self.review_id is None and is_blank(values):
                self.saved_version = version
                return False
            self.errors = self._write(dict(values))
            self.saved_version = version
            return True

    def _write(self, values: dict[str, Any]) -> dict[str, str]:
        """Create or update the review, leaving out refused fields; return their messages."""
        errors: dict[str, str] = {}
        while True:
            try:
                if self.review_id is None:
                    review = api.create_review(self.film_id, **values)
                    self.review_id = review.id
                else:
                    saved = api.save_edit(self.review_id, self.stored_at, **values)
                    review = saved.review
                    if saved.conflict_copy is not None:
                        self.conflict_copy = saved.conflict_copy
                self.stored_at = review.updated_at
                return errors
            except api.ValidationError as error:
                key = FIELD_KEYS.get(error.field)
                if key is None or key not in values:
                    raise
                errors[key] = str(error)
                del values[key]
