"""How much a journal holds, as shown by ``filmjournal stats``."""

from __future__ import annotations

from filmjournal.journal.engine import ordered_join
from filmjournal.journal.reading import query_records
from filmjournal.journal.records import Counts
from filmjournal.journal.search import HIDDEN_COMMENTS

_COUNTS_SQL = f"""
WITH RECURSIVE {HIDDEN_COMMENTS},
live_review(id) AS MATERIALIZED (
    SELECT r.id FROM review r JOIN film f ON f.id = r.film_id
    WHERE r.deleted_at IS NULL AND f.deleted_at IS NULL)
SELECT
    (SELECT count(*) FROM film WHERE deleted_at IS NULL) AS films,
    (SELECT ifnull(sum(review_count), 0) FROM film WHERE deleted_at IS NULL) AS reviews,
    (SELECT count(*) FROM film f {{join}} quote q
      ON q.film_id = f.id AND q.deleted_at IS NULL WHERE f.deleted_at IS NULL) AS quotes,
    (SELECT count(*) FROM live_review r {{join}} comment c ON c.review_id = r.id)
    - (SELECT count(*) FROM hidden_comment h JOIN comment c ON c.id = h.id
        JOIN live_review r ON r.id = c.review_id) AS comments,
    (SELECT count(DISTINCT rt.tag_id) FROM review_tag rt JOIN live_review r ON r.id = rt.review_id)
      AS tags,
    (SELECT count(*) FROM film WHERE deleted_at IS NULL AND watchlist_added_on IS NOT NULL)
      AS watchlist,
    (SELECT count(*) FROM remote_comment) AS comments_elsewhere
"""


def counts() -> Counts:
    """Films, reviews, quotes, comments, tags in use, watchlist films (trash excluded), and
    comments written elsewhere."""
    (counted,) = query_records(Counts, _COUNTS_SQL.replace("{join}", ordered_join()))
    return counted
