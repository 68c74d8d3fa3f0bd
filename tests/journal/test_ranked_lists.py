"""A server's ranked lists of common searches: a search read from its list gives what ranking
every match gives, through every kind of write, and a list is kept only when it can be kept
true. Needs the test server (see conftest); the lists are made small here."""

from __future__ import annotations

import os
import random

import psycopg
import pytest

from filmjournal.journal import api, ranked_lists
from filmjournal.journal.engine import execute
from filmjournal.journal.search import match_expression
from tests.conftest import NO_SERVER, POSTGRES_SERVER, emptied_database

SQLITE_ONLY = True  # each test names its own server database
pytestmark = pytest.mark.skipif(
    not POSTGRES_SERVER and os.environ.get("CI") != "true", reason=NO_SERVER
)
LIMIT = 3


@pytest.fixture
def server_url(worker_id: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """An empty database on the test server; searches of more than 4 matches keep their best
    4, however quickly they were ranked."""
    monkeypatch.setattr(ranked_lists, "LIST_LENGTH", 4)
    monkeypatch.setattr(ranked_lists, "KEPT_AFTER", 0.0)
    return emptied_database(f"filmjournal_ranked_{worker_id}")


def lists() -> dict[str, list[int]]:
    """Each kept list: its search, and the items it holds, best first."""
    kept: dict[str, list[int]] = {}
    rows = execute(
        """SELECT l.key, h.rowid FROM search_ranked l LEFT JOIN search_ranked_hit h USING (key)
        ORDER BY l.key, h.score DESC, h.rowid DESC"""
    )
    for key, rowid in rows:
        kept.setdefault(key, [])
        if rowid is not None:
            kept[key].append(rowid)
    return kept


def best(words: str, *, prefix: bool = False) -> list[tuple[int, float]]:
    return ranked_lists.best_hits(match_expression(words, prefix=prefix), LIMIT)


def every_match_ranked(words: str, *, prefix: bool = False) -> list[tuple[int, float]]:
    return ranked_lists._ranked(match_expression(words, prefix=prefix), LIMIT)


def tearful(count: int) -> str:
    """A comment saying "tears" ``count`` times among other words (more: a higher score)."""
    return " ".join(["tears"] * count + ["rain"] * (6 - count))


def seven_tearful_items() -> None:
    """A film "Tears" with a review saying it once and six comments saying it 1 to 6 times."""
    film = api.create_film("Tears", 2001)
    review = api.create_review(film.id, body="tears")
    for count in range(1, 7):
        api.add_comment(review.id, tearful(count))


def test_a_common_search_keeps_its_best_and_reads_them_from_then_on(server_url):
    with api.open_journal(server_url):
        film = api.create_film("Lighthouse", 2019)
        review = api.create_review(film.id, headline="Keeper", body="tears " * 3)
        for count in (5, 4, 3, 3, 3, 1):
            api.add_comment(review.id, tearful(count))
        ranked = every_match_ranked("tears")
        assert best("tears") == ranked
        five = ranked_lists._ranked(match_expression("tears"), 5)
        assert five[-2][1] == five[-1][1]  # two hits tie at the floor: the list is still full
        assert lists() == {"'tear'": [rowid for rowid, _ in five[:4]]}
        execute("UPDATE search_ranked_hit SET score = score + 1 WHERE rowid % 8 = 3")
        assert best("tears") != every_match_ranked("tears")  # read from the list, not ranked
        assert len(best("lighthouse")) == 1 and "'lighthous'" not in lists()  # too rare


def test_a_list_gives_what_ranking_gives_through_every_kind_of_write(server_url):
    chance = random.Random(14)
    with api.open_journal(server_url):
        film = api.create_film("Tears of Rain", 2001)
        review = api.create_review(film.id, headline="Rain", body="rain")
        comments = [api.add_comment(review.id, tearful(chance.randint(1, 5))).id for _ in range(8)]
        quotes = [api.create_quote(film.id, tearful(chance.randint(0, 5))).id for _ in range(4)]
        trashed: list[int] = []
        for step in range(60):
            action = chance.choice(["add", "edit", "trash", "restore", "quote", "film"])
            if action == "add":
                comments.append(api.add_comment(review.id, tearful(chance.randint(0, 6))).id)
            elif action == "edit" and comments:
                api.update_comment(chance.choice(comments), body=tearful(chance.randint(0, 6)))
            elif action == "trash" and comments:
                gone = comments.pop(chance.randrange(len(comments)))
                api.delete_comment(gone)
                trashed.append(gone)
            elif action == "restore" and trashed:
                comment_id = trashed.pop()
                api.restore("comment", comment_id)
                comments.append(comment_id)
            elif action == "quote":
                api.update_quote(chance.choice(quotes), text=tearful(chance.randint(0, 6)))
            elif action == "film":  # the title's hit moves the film and its review
                title = chance.choice(["Tears of Rain", "Dry Eyes"])
                api.update_film(film.id, title=title)
            for words, prefix in (("tears", False), ("tear", True), ("tears rain", False)):
                assert best(words, prefix=prefix) == every_match_ranked(words, prefix=prefix), (
                    step,
                    action,
                    words,
                )
        assert lists(), "the searches were common enough to keep lists"


def test_a_bulk_write_empties_the_lists(server_url):
    with api.open_journal(server_url):
        seven_tearful_items()
        best("tears")
        assert lists()
        execute(
            """INSERT INTO search_index (rowid, document, words)
            SELECT n * 8 + 4, to_tsvector('filmjournal', 'tears'), 1
            FROM generate_series(1000, 1000 + ?) AS n""",
            (ranked_lists.BULK_ROWS,),
        )
        assert lists() == {}
        assert best("tears") == every_match_ranked("tears")


def test_no_list_is_kept_while_another_client_writes_or_where_none_may_be_written(server_url):
    with api.open_journal(server_url):
        seven_tearful_items()
        with psycopg.connect(server_url) as writer:  # a write under way elsewhere
            writer.execute("UPDATE search_index SET words = words WHERE rowid % 8 = 3")
            assert best("tears") == every_match_ranked("tears") and lists() == {}
        assert best("tears") == every_match_ranked("tears") and lists()
        execute("DELETE FROM search_ranked")
        execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        assert best("tears") == every_match_ranked("tears") and lists() == {}
