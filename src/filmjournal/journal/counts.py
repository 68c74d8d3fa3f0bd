"""How much a journal holds, as shown by ``filmjournal stats``."""

from __future__ import annotations

from filmjournal.journal.models import db
from filmjournal.journal.records import Counts
from filmjournal.journal.search import HIDDEN_COMMENTS

_COUNTS_SQL = f"""
WITH RECURSIVE {HIDDEN_COMMENTS},
live_film(id) AS (SELECT id FROM film WHERE deleted_at IS NULL),
live_review(id) AS (
    SELECT r.id FROM review r JOIN film f ON f.id = r.film_id
    WHERE r.deleted_at IS NULL AND f.deleted_at IS NULL)
SELECT
    (SELECT count(*) FROM live_film),
    (SELECT count(*) FROM live_review),
    (SELECT count(*) FROM quote q JOIN live_film f ON f.id = q.film_id WHERE q.deleted_at IS NULL),
    (SELECT count(*) FROM comment c JOIN live_review r ON r.id = c.review_id
      WHERE c.id NOT IN (SELECT id FROM hidden_comment)),
    (SELECT count(DISTINCT rt.tag_id) FROM review_tag rt JOIN live_review r ON r.id = rt.review_id),
    (SELECT count(*) FROM film WHERE deleted_at IS NULL AND watchlist_added_on IS NOT NULL)
"""


def counts() -> Counts:
    """Films, reviews, quotes, comments, tags in use and watchlist films (trash excluded)."""
    return Counts(*db.execute_sql(_COUNTS_SQL).fetchone())
