"""Full-text search over films, reviews, quotes and comments (SQLite FTS5).

One FTS5 table holds every visible item; its rowid is ``item id * 8 + kind code`` so an item's
row is found without a scan. Items in the trash, and items whose film, review or parent comment
is in the trash, are not indexed: :func:`reindex` brings any set of items back in line with the
tables, and the API calls it after every write.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import peewee

from filmjournal.journal import ranked_lists
from filmjournal.journal.engine import execute, id_list, ids_table, on_postgres
from filmjournal.journal.errors import ValidationError
from filmjournal.journal.models import db
from filmjournal.journal.records import SearchHit

KIND_CODES = {"film": 0, "review": 1, "quote": 2, "comment": 3, "remote": 4}
"""Kinds of item in the index; ``remote`` is a comment the user wrote elsewhere."""
SLOTS = 8
"""Room for kinds in a rowid (``item id * SLOTS + kind code``)."""
KINDS = tuple(KIND_CODES)
CONFIGURATION = ranked_lists.CONFIGURATION
"""A server journal's text search configuration (English stems, accents ignored)."""
_MATCH_START, _MATCH_END = "\x02", "\x03"
_WORD = re.compile(r"\w+")
CANCEL_POLL = 0.005
"""Seconds between looks at whether a server search was given up."""
MAX_TERMS = 32
"""Words in one search at most (each one more makes FTS5 slower; people type a few)."""

HIDDEN_COMMENTS = """hidden_comment(id) AS (
    SELECT id FROM comment WHERE deleted_at IS NOT NULL
    UNION
    SELECT c.id FROM comment c JOIN hidden_comment h ON c.parent_id = h.id)"""
"""A CTE of comments in the trash and every reply below one."""

_VISIBLE_CONTENT = {
    "film": """SELECT f.id * 8, trim(f.title || ' ' || f.original_title), f.directors
        FROM film f WHERE f.deleted_at IS NULL AND {where}""",
    "review": """SELECT r.id * 8 + 1, r.headline, r.body
        FROM review r JOIN film f ON f.id = r.film_id
        WHERE r.deleted_at IS NULL AND f.deleted_at IS NULL AND {where}""",
    "quote": """SELECT q.id * 8 + 2, q.speaker, q.text || '\n' || q.note
        FROM quote q JOIN film f ON f.id = q.film_id
        WHERE q.deleted_at IS NULL AND f.deleted_at IS NULL AND {where}""",
    "comment": f"""WITH RECURSIVE {HIDDEN_COMMENTS}
        SELECT c.id * 8 + 3, c.author, c.body
        FROM comment c JOIN review r ON r.id = c.review_id JOIN film f ON f.id = r.film_id
        WHERE r.deleted_at IS NULL AND f.deleted_at IS NULL
          AND c.id NOT IN (SELECT id FROM hidden_comment) AND {{where}}""",
    "remote": """SELECT e.id * 8 + 4, e.url, e.body FROM remote_comment e WHERE {where}""",
}
_ALIAS = {"film": "f", "review": "r", "quote": "q", "comment": "c", "remote": "e"}

_CONTEXT = {
    "film": """SELECT f.id, f.id, f.title, f.year, NULL, f.title FROM film f
        WHERE f.id IN {ids}""",
    "review": """SELECT r.id, f.id, f.title, f.year, r.id, r.headline
        FROM review r JOIN film f ON f.id = r.film_id WHERE r.id IN {ids}""",
    "quote": """SELECT q.id, f.id, f.title, f.year, q.review_id, q.speaker
        FROM quote q JOIN film f ON f.id = q.film_id WHERE q.id IN {ids}""",
    "comment": """SELECT c.id, f.id, f.title, f.year, r.id, c.author
        FROM comment c JOIN review r ON r.id = c.review_id JOIN film f ON f.id = r.film_id
        WHERE c.id IN {ids}""",
    "remote": """SELECT e.id, NULL, '', NULL, NULL, e.url FROM remote_comment e
        WHERE e.id IN {ids}""",
}


def reindex(kind: str, ids: Iterable[int]) -> None:
    """Re-read these items from the tables: index the visible ones, drop the rest."""
    chosen = sorted(set(ids))
    if not chosen:
        return
    code = KIND_CODES[kind]
    execute(
        f"DELETE FROM search_index WHERE rowid IN "
        f"(SELECT value * {SLOTS} + {code} FROM {ids_table()} AS chosen)",
        (id_list(chosen),),
    )
    visible = _VISIBLE_CONTENT[kind].format(where=f"{_ALIAS[kind]}.id IN {ids_table()}")
    execute(_insert_sql(visible), (id_list(chosen),))


def rebuild() -> None:
    """Rebuild the whole index from the tables."""
    execute("DELETE FROM search_index")
    for kind in KINDS:
        execute(_insert_sql(_VISIBLE_CONTENT[kind].format(where="1 = 1")))


def _insert_sql(visible: str) -> str:
    """Index the rows of ``visible`` (rowid, title, body). A file's FTS5 table keeps the text;
    a server's index keeps only each item's search vector (title weighted above body) and its
    word count, and snippets are made from the tables (a narrow index stays in memory)."""
    if not on_postgres():
        return f"INSERT INTO search_index (rowid, title, body) {visible}"
    return f"""INSERT INTO search_index (rowid, document, words)
        SELECT rowid, setweight(to_tsvector('{CONFIGURATION}', title), 'A')
            || setweight(to_tsvector('{CONFIGURATION}', body), 'B'),
            cardinality(array_remove(regexp_split_to_array(title || ' ' || body, '\\W+'), ''))
        FROM ({visible}) AS visible(rowid, title, body)"""


def reindex_film_tree(film_id: int) -> None:
    """Reindex a film with all its reviews, quotes and comments."""
    reindex("film", [film_id])
    review_ids = _ids("SELECT id FROM review WHERE film_id = ?", film_id)
    reindex("review", review_ids)
    reindex("quote", _ids("SELECT id FROM quote WHERE film_id = ?", film_id))
    reindex("comment", _comment_ids_of_reviews(review_ids))


def reindex_review_tree(review_id: int) -> None:
    """Reindex a review with its comments."""
    reindex("review", [review_id])
    reindex("comment", _comment_ids_of_reviews([review_id]))


def reindex_comment_tree(comment_id: int) -> None:
    """Reindex a comment with every reply below it."""
    sql = """WITH RECURSIVE tree(id) AS (SELECT CAST(? AS INTEGER) UNION
        SELECT c.id FROM comment c JOIN tree t ON c.parent_id = t.id) SELECT id FROM tree"""
    reindex("comment", _ids(sql, comment_id))


def reindex_tree(kind: str, item_id: int) -> None:
    """Reindex an item with everything that hangs below it."""
    trees = {
        "film": reindex_film_tree,
        "review": reindex_review_tree,
        "quote": lambda quote_id: reindex("quote", [quote_id]),
        "comment": reindex_comment_tree,
        "remote": lambda comment_id: reindex("remote", [comment_id]),
    }
    trees[kind](item_id)


def _comment_ids_of_reviews(review_ids: list[int]) -> list[int]:
    """Every comment under these reviews."""
    sql = f"SELECT id FROM comment WHERE review_id IN {ids_table()}"
    return _ids(sql, id_list(review_ids))


def _ids(sql: str, *params: object) -> list[int]:
    """The first column of a query as a list of ints."""
    return [row[0] for row in execute(sql, params)]


def match_expression(query: str, *, prefix: bool = False) -> str:
    """Turn words typed by a user into a safe full-text query (every word required).

    Operators and punctuation are treated as plain words. With ``prefix`` the last word also
    matches as the start of a word, for results while it is still being typed. The query is
    FTS5's in a journal file, a ``tsquery`` on a server (see :func:`matches_sql`).
    """
    words = _WORD.findall(query)
    if not words:
        return ""
    if len(words) > MAX_TERMS:
        raise ValidationError("search", f"takes at most {MAX_TERMS} words, got {len(words):,}")
    if on_postgres():  # words are runs of letters and digits: nothing tsquery reads as syntax
        terms = list(words)
        if prefix:
            terms[-1] += ":*"
        return " & ".join(terms)
    fts_terms = [f'"{word}"' for word in words]
    if prefix:
        fts_terms[-1] = f"({fts_terms[-1]} OR {fts_terms[-1]}*)"
    return " AND ".join(fts_terms)


def matches_sql() -> str:
    """SQL true for the rows of ``search_index`` that match the expression given as ``?``."""
    if on_postgres():
        return f"document @@ to_tsquery('{CONFIGURATION}', ?)"
    return "search_index MATCH ?"


class SearchCancelled(Exception):
    """A search was given up because a newer one replaced it."""


def search(
    query: str,
    *,
    limit: int = 50,
    prefix: bool = False,
    ranked: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> list[SearchHit]:
    """The best ``limit`` hits for ``query`` across every kind, with highlighted snippets.

    Ranking scores every match, which takes long for words found in most of a big journal;
    ``ranked=False`` gives the newest matches instead, at once (the index's order). A search
    asked for ``cancelled`` stops as soon as it returns true (raising SearchCancelled).
    """
    expression = match_expression(query, prefix=prefix)
    if not expression:
        return []
    with _stopping_when(cancelled):
        if on_postgres():
            rows = _server_hits(expression, limit, ranked)
        else:
            rows = execute(_file_search_sql(ranked), (expression, limit)).fetchall()
        context = _hit_context([row[0] for row in rows])
    hits = []
    for rowid, snippet, rank in rows:
        kind, item_id = KINDS[rowid % SLOTS], rowid // SLOTS
        film_id, film_title, film_year, review_id, title = context[(kind, item_id)]
        hits.append(
            SearchHit(
                kind=kind,
                id=item_id,
                film_id=film_id,
                film_title=film_title,
                film_year=film_year,
                review_id=review_id,
                title=title or "",
                snippet=split_snippet(snippet),
                score=-rank,
            )
        )
    return hits


def _file_search_sql(ranked: bool) -> str:
    """FTS5: the best (or newest) matches with a snippet of the best column."""
    order = "rank" if ranked else "rowid DESC"
    return f"""SELECT rowid, snippet(search_index, -1, '{_MATCH_START}', '{_MATCH_END}', '…', 16),
        rank FROM search_index WHERE search_index MATCH ? ORDER BY {order} LIMIT ?"""


_MARKERS = f"StartSel={_MATCH_START}, StopSel={_MATCH_END}"
_HEADLINE_OPTIONS = f"{_MARKERS}, MaxWords=16, MinWords=6, ShortWord=0"
_WHOLE_TEXT = 120
"""Characters a text may have to be shown whole, every match highlighted (as FTS5 shows it)."""
_WHOLE_OPTIONS = f"{_MARKERS}, HighlightAll=true"


def _server_hits(expression: str, limit: int, ranked: bool) -> list[tuple[int, str, float]]:
    """PostgreSQL: the best (or newest) matches, a title hit weighing ten times a body hit
    (FTS5's bm25 weights in a file), each with a highlighted fragment of what matched (its
    title if that matched, else its text), read from the tables for these hits only."""
    if ranked:
        best = ranked_lists.best_hits(expression, limit)
    else:
        best = execute(
            f"SELECT rowid, 0 FROM search_index WHERE {matches_sql()} ORDER BY rowid DESC LIMIT ?",
            (expression, limit),
        ).fetchall()
    by_kind = _ids_by_kind([rowid for rowid, _ in best])
    if not by_kind:
        return []
    texts = " UNION ALL ".join(
        f"({_VISIBLE_CONTENT[kind].format(where=f'{_ALIAS[kind]}.id IN {ids_table()}')})"
        for kind in by_kind
    )
    snippets = dict(
        execute(
            f"""SELECT rowid, ts_headline('{CONFIGURATION}', text, query, CASE
                WHEN length(text) <= {_WHOLE_TEXT} THEN '{_WHOLE_OPTIONS}'
                ELSE '{_HEADLINE_OPTIONS}' END)
            FROM (SELECT rowid, query, CASE WHEN to_tsvector('{CONFIGURATION}', title) @@ query
                    THEN title ELSE body END AS text
                FROM ({texts}) AS hit(rowid, title, body),
                    to_tsquery('{CONFIGURATION}', ?) AS query) AS matched""",
            (*(id_list(ids) for ids in by_kind.values()), expression),
        ).fetchall()
    )
    return [(rowid, snippets.get(rowid, ""), -score) for rowid, score in best if rowid in snippets]


@contextmanager
def _stopping_when(cancelled: Callable[[], bool] | None) -> Iterator[None]:
    """Interrupt this connection's query when ``cancelled()`` turns true: checked every few
    thousand SQLite steps in a file (about every millisecond), every few milliseconds by a
    watching thread that asks a server to cancel it."""
    if cancelled is None:
        yield
        return
    if on_postgres():
        with _server_cancelling(cancelled):
            yield
        return
    connection = db.connection()
    connection.set_progress_handler(lambda: 1 if cancelled() else 0, 5_000)
    try:
        yield
    except peewee.OperationalError as error:
        if cancelled() and "interrupt" in str(error):
            raise SearchCancelled from error
        raise
    finally:
        connection.set_progress_handler(None, 0)


@contextmanager
def _server_cancelling(cancelled: Callable[[], bool]) -> Iterator[None]:
    """Cancel the server's work on this connection once ``cancelled()`` turns true."""
    connection = db.connection()
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(CANCEL_POLL):
            if cancelled():
                connection.cancel_safe()
                return

    watcher = threading.Thread(target=watch, name="search-cancel", daemon=True)
    watcher.start()
    try:
        yield
    except peewee.DatabaseError as error:
        if cancelled() and "canceling statement" in str(error):
            raise SearchCancelled from error
        raise
    finally:
        finished.set()
        watcher.join()


def _hit_context(rowids: list[int]) -> dict[tuple[str, int], tuple]:
    """Film and title of each hit: one query per kind present."""
    context: dict[tuple[str, int], tuple] = {}
    for kind, ids in _ids_by_kind(rowids).items():
        for item_id, *rest in execute(_CONTEXT[kind].format(ids=ids_table()), (id_list(ids),)):
            context[(kind, item_id)] = tuple(rest)
    return context


def _ids_by_kind(rowids: list[int]) -> dict[str, list[int]]:
    """The items of these index rows, their ids by kind, in the rows' order."""
    by_kind: dict[str, list[int]] = {}
    for rowid in rowids:
        by_kind.setdefault(KINDS[rowid % SLOTS], []).append(rowid // SLOTS)
    return by_kind


def split_snippet(snippet: str) -> list[tuple[str, bool]]:
    """Split FTS5 snippet text with match markers into (text, is_match) pieces."""
    pieces: list[tuple[str, bool]] = []
    for index, part in enumerate(re.split(f"[{_MATCH_START}{_MATCH_END}]", snippet)):
        if part:
            pieces.append((part, index % 2 == 1))
    return pieces
