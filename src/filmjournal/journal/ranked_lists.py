"""A server journal's ranked lists: the best hits of searches that match thousands of items.

Ranking a search reads the search vector of every item it matches: 25,000 items for a common
word take a server about 100 ms however it is indexed (a GIN index finds matches, not the best
ones). So when ranking a search takes long (:data:`KEPT_AFTER`), its best :data:`LIST_LENGTH` are
kept, with a floor (the next hit's score and rowid, the order hits are ranked in): the list holds
*every* item ranked above the floor. Triggers on ``search_index`` keep that true in the
transaction of every write (an item that leaves the index leaves the lists; one that enters
joins each list it ranks above the floor of), so the best ``limit`` of a list are the search's
best as long as it holds ``limit`` hits; when it holds fewer (its items were deleted) the search
is ranked in full again and the list made anew. A statement indexing more than
:data:`BULK_ROWS` items (an import, a rebuild) empties the lists rather than ranking each item
against each list. This holds because a server's rank of an item depends on the item alone
(``ts_rank``); a file's bm25 depends on the word counts of the whole journal, so every write
could reorder a list, and a file keeps none.

A list is made under an exclusive advisory lock that every write's trigger takes shared: made
from a snapshot taken once no write is under way, and no write can slip in before it commits.
A search that cannot take the lock (a write is under way) ranks in full and keeps nothing.
PostgreSQL has no index that gives matches best first (the RUM extension does, but is not part
of Debian's ``postgresql`` package nor of most hosted servers), which is why this is written here.
"""

from __future__ import annotations

import time

import peewee

from filmjournal.journal.engine import execute
from filmjournal.journal.models import db

CONFIGURATION = "filmjournal"
"""The text search configuration searches are parsed with (see search.py)."""
WEIGHTS = "{0.1, 0.1, 0.1, 1.0}"
"""Weights D, C, B (body), A (title): a title hit weighs ten times a body hit, as FTS5's bm25
weights in a file."""


def rank_sql(document: str = "document", query: str = "query") -> str:
    """A server search's rank of a search vector for a tsquery (divided by the log of one more
    than the item's length, as bm25 favours short items)."""
    return f"ts_rank('{WEIGHTS}', {document}, {query}, 1)"


LIST_LENGTH = 100
"""Hits a list keeps (a search asks for 50)."""
KEPT_AFTER = 0.015
"""Seconds a ranking must have taken for its best to be kept (a search of a few thousand
matches is ranked in less: it needs no list). The number of matches is not asked for: counting
them keeps the server from ranking them in parallel, which takes it twice as long."""
LISTS = 200
"""Lists kept at most (each is checked against every item written); the oldest go first."""
BULK_ROWS = 200
"""Items indexed by one statement above which the lists are emptied, not followed."""
_LOCK = "hashtext('filmjournal ranked lists')"

SCHEMA = (
    """CREATE TABLE search_ranked (key text PRIMARY KEY, query tsquery NOT NULL,
        floor real NOT NULL, floor_rowid bigint NOT NULL,
        made_at timestamptz NOT NULL DEFAULT clock_timestamp())""",
    """CREATE TABLE search_ranked_hit (
        key text NOT NULL REFERENCES search_ranked ON DELETE CASCADE,
        rowid bigint NOT NULL, score real NOT NULL, PRIMARY KEY (key, rowid))""",
    "CREATE INDEX search_ranked_best ON search_ranked_hit (key, score DESC, rowid DESC)",
    "CREATE INDEX search_ranked_item ON search_ranked_hit (rowid)",
    # The functions run as the journal's owner: a member needs no rights on the lists (those
    # granted the tables before an upgrade made them have none).
    f"""CREATE FUNCTION search_ranked_follow() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock_shared({_LOCK});
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            DELETE FROM search_ranked_hit WHERE rowid IN (SELECT rowid FROM gone);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (SELECT FROM search_ranked) THEN
            IF (SELECT count(*) FROM added) > {BULK_ROWS} THEN
                DELETE FROM search_ranked;
            ELSE
                INSERT INTO search_ranked_hit (key, rowid, score)
                SELECT key, rowid, score FROM (
                    SELECT list.key, list.floor, list.floor_rowid, added.rowid,
                        {rank_sql("added.document", "list.query")} AS score
                    FROM added JOIN search_ranked list ON added.document @@ list.query
                ) AS scored WHERE (score, rowid) > (floor, floor_rowid);
            END IF;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_ranked_added AFTER INSERT ON search_index
        REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION search_ranked_follow()""",
    """CREATE TRIGGER search_ranked_removed AFTER DELETE ON search_index
        REFERENCING OLD TABLE AS gone
        FOR EACH STATEMENT EXECUTE FUNCTION search_ranked_follow()""",
    """CREATE TRIGGER search_ranked_changed AFTER UPDATE ON search_index
        REFERENCING OLD TABLE AS gone NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION search_ranked_follow()""",
    # Only for those who may read (write) the search index themselves: the journal's members,
    # not any login of the server.
    """CREATE FUNCTION search_ranked_best(wanted text, n integer)
        RETURNS TABLE (rowid bigint, score real) LANGUAGE sql STABLE
        SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT h.rowid, h.score FROM search_ranked_hit h
        WHERE h.key = $1 AND has_table_privilege(session_user, 'search_index', 'SELECT')
        ORDER BY h.score DESC, h.rowid DESC LIMIT $2 $$""",
    """CREATE FUNCTION search_ranked_keep(wanted tsquery, floor_score real, floor_item bigint,
            rowids bigint[], scores real[], lists integer)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        IF NOT has_table_privilege(session_user, 'search_index', 'INSERT') THEN
            RETURN;
        END IF;
        DELETE FROM search_ranked WHERE key = wanted::text;
        INSERT INTO search_ranked (key, query, floor, floor_rowid)
            VALUES (wanted::text, wanted, floor_score, floor_item);
        INSERT INTO search_ranked_hit (key, rowid, score)
            SELECT wanted::text, hit.item, hit.score
            FROM unnest(rowids, scores) AS hit(item, score);
        DELETE FROM search_ranked WHERE key IN
            (SELECT key FROM search_ranked ORDER BY made_at DESC OFFSET lists);
    END $$""",
)
"""The lists' tables, the triggers that keep them true, and the functions that read and make
one (created with the schema)."""

Hits = list[tuple[int, float]]
"""(rowid in the search index, score), best first."""


def best_hits(expression: str, limit: int) -> Hits:
    """The best ``limit`` hits of the tsquery ``expression``: from its list when it has one
    long enough, else ranked in full (and kept, when it matches many items)."""
    if limit <= LIST_LENGTH:
        listed = _listed(expression, limit)
        if len(listed) == limit:
            return listed
        if not db.in_transaction():
            return _rank_and_keep(expression, limit)
    return _ranked(expression, limit)


def _listed(expression: str, limit: int) -> Hits:
    """The best ``limit`` hits of this search's list (none if it has no list)."""
    rows = execute(
        f"SELECT * FROM search_ranked_best(to_tsquery('{CONFIGURATION}', ?)::text, ?::integer)",
        (expression, limit),
    ).fetchall()
    return [(rowid, score) for rowid, score in rows]


def _ranked(expression: str, limit: int) -> Hits:
    """Rank every match: the best ``limit``."""
    rows = execute(
        f"""SELECT rowid, {rank_sql()} AS score
        FROM search_index, to_tsquery('{CONFIGURATION}', ?) AS query
        WHERE document @@ query ORDER BY score DESC, rowid DESC LIMIT ?""",
        (expression, limit),
    ).fetchall()
    return [(rowid, score) for rowid, score in rows]


def _rank_and_keep(expression: str, limit: int) -> Hits:
    """Rank every match; keep the best in a list when that took long, more matched than a
    list holds, and no write is under way (the lock taken first, the ranking's snapshot after
    it)."""
    with db.atomic():
        locked = execute(f"SELECT pg_try_advisory_xact_lock({_LOCK})").fetchone()[0]
        started = time.perf_counter()
        ranked = _ranked(expression, LIST_LENGTH + 1)
        slow = time.perf_counter() - started >= KEPT_AFTER
        if locked and slow and len(ranked) > LIST_LENGTH:
            _keep(expression, ranked)
    return ranked[:limit]


def _keep(expression: str, ranked: Hits) -> None:
    """Make the search's list from its best ``LIST_LENGTH + 1`` hits: the last one is the
    floor, the others the list."""
    kept = ranked[:LIST_LENGTH]
    floor_rowid, floor = ranked[LIST_LENGTH] if len(ranked) > LIST_LENGTH else (-1, -1.0)
    try:
        with db.atomic():  # a savepoint: the search goes on if the server may not be written
            execute(
                f"""SELECT search_ranked_keep(to_tsquery('{CONFIGURATION}', ?), ?::real,
                    ?::bigint, ?::bigint[], ?::real[], ?::integer)""",
                (
                    expression,
                    floor,
                    floor_rowid,
                    [rowid for rowid, _ in kept],
                    [score for _, score in kept],
                    LISTS,
                ),
            )
    except peewee.InternalError:  # a read-only transaction: a standby server, a setting
        return
