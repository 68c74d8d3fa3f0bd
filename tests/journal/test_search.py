"""Full-text search: kept in sync with every write, ranked, highlighted, and safe for any input."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filmjournal.journal import api, search
from filmjournal.journal.models import FilmModel, db
from filmjournal.journal.search import MAX_TERMS, match_expression


def kinds_found(query: str) -> set[tuple[str, int]]:
    """The (kind, id) of every hit."""
    return {(hit.kind, hit.id) for hit in api.search(query)}


@pytest.fixture
def written(her):
    """A film with a review, a quote and a comment, each with its own word."""
    api.sign_as("reader")  # one member writes all of it (and may change it)
    review = api.create_review(her.id, headline="Broke me", body="I was in and out of tears.")
    quote = api.create_quote(
        her.id, "The past is just a story we tell ourselves", speaker="Samantha"
    )
    comment = api.add_comment(review.id, "Loneliness is so universal", author="reader")
    return her, review, quote, comment


def test_every_kind_is_found(written):
    her, review, quote, comment = written
    assert kinds_found("her") >= {("film", her.id)}
    assert kinds_found("tears") == {("review", review.id)}
    assert kinds_found("story") == {("quote", quote.id)}
    assert kinds_found("samantha") == {("quote", quote.id)}
    assert kinds_found("loneliness") == {("comment", comment.id)}


def test_words_are_stemmed_and_accents_ignored(her):
    review = api.create_review(her.id, body="She kept watching films at the café")
    assert kinds_found("watched film cafe") == {("review", review.id)}


def test_hits_carry_context_and_highlighted_snippets(written):
    _, review, _, _ = written
    [hit] = api.search("tears")
    assert (hit.film_title, hit.film_year, hit.review_id, hit.title) == (
        "Her",
        2013,
        review.id,
        "Broke me",
    )
    assert ("tears", True) in hit.snippet
    assert hit.snippet_text == "I was in and out of tears."


def test_title_hits_rank_above_body_hits(journal):
    film = api.create_film("Lighthouse", 2019)
    other = api.create_film("Moon", 2009)
    api.create_review(
        other.id, body="a long review that mentions a lighthouse once among many words"
    )
    assert api.search("lighthouse")[0].id == film.id


def test_update_replaces_indexed_text(written):
    _, review, quote, comment = written
    api.update_review(review.id, body="Now about rain")
    api.update_quote(quote.id, text="Different words")
    api.update_comment(comment.id, body="Changed my mind")
    api.update_film(written[0].id, title="Him")
    assert kinds_found("tears") == set()
    assert kinds_found("story") == set()
    assert kinds_found("loneliness") == set()
    assert kinds_found("rain") == {("review", review.id)}
    assert kinds_found("him") == {("film", written[0].id)}


def test_delete_and_restore_keep_the_index_in_sync(written):
    her, review, quote, comment = written
    api.delete_film(her.id)
    assert api.search("tears story loneliness her") == []
    for word in ("her", "tears", "story", "loneliness"):
        assert api.search(word) == []
    api.restore("film", her.id)
    assert kinds_found("tears") == {("review", review.id)}
    assert kinds_found("loneliness") == {("comment", comment.id)}
    api.delete_review(review.id)
    assert kinds_found("tears") == set()
    assert kinds_found("loneliness") == set()
    assert kinds_found("story") == {("quote", quote.id)}
    api.restore("review", review.id)
    assert kinds_found("loneliness") == {("comment", comment.id)}


def test_replies_leave_the_index_with_their_parent(written):
    _, review, _, comment = written
    reply = api.add_comment(review.id, "Thank you kindly", parent_id=comment.id)
    api.delete_comment(comment.id)
    assert kinds_found("kindly") == set()
    api.restore("comment", comment.id)
    assert kinds_found("kindly") == {("comment", reply.id)}


def test_emptied_trash_leaves_nothing_behind(written):
    her = written[0]
    api.delete_film(her.id)
    api.empty_trash()
    assert api.search("tears") == []


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "AND",
        "OR NOT",
        "*",
        "-tears",
        "title:her",
        "NEAR(a b)",
        "(((",
        "^",
        "a'b",
        "",
    ],
)
def test_fts_syntax_in_queries_never_raises(written, query):
    api.search(query)


def test_operators_are_plain_words(her):
    review = api.create_review(her.id, body="this AND that")
    assert kinds_found("AND") == {("review", review.id)}


def test_prefix_search_finds_words_being_typed(written):
    _, review, _, _ = written
    assert kinds_found("tea") == set()
    assert {hit.id for hit in api.search("tea", prefix=True)} == {review.id}


def test_match_expression_quotes_every_word():
    assert match_expression('say "hi" -now') == '"say" AND "hi" AND "now"'
    assert match_expression("  ") == ""


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_any_text_is_a_valid_query(written, query):
    if len(re.findall(r"\w+", query)) > MAX_TERMS:  # refused in one line, never a crash
        with pytest.raises(api.ValidationError, match=f"at most {MAX_TERMS} words"):
            api.search(query)
        return
    api.search(query)
    api.search(query, prefix=True)


def test_one_letter_finds_the_newest_matches_through_the_prefix_index(written):
    _her, review, quote, _comment = written
    newest = api.search("t", prefix=True, ranked=False)
    assert ("quote", quote.id) in [(hit.kind, hit.id) for hit in newest]
    assert ("review", review.id) in [(hit.kind, hit.id) for hit in newest]
    rowids = [
        hit.id * 8 + ["film", "review", "quote", "comment", "remote"].index(hit.kind)
        for hit in newest
    ]
    assert rowids == sorted(rowids, reverse=True)


@pytest.mark.sqlite_only  # a server's search is too quick to catch mid-query: see below
def test_a_cancelled_search_is_interrupted_mid_query(journal):
    with db.atomic():
        FilmModel.insert_many(
            [{"title": f"Film {n}", "title_key": f"film {n}", "year": 2000} for n in range(3000)]
        ).execute()
        search.rebuild()
    asked: list[int] = []

    def cancelled() -> bool:  # false when first asked, then true: the query is under way
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(api.SearchCancelled):
        api.search("f", prefix=True, cancelled=cancelled)
    assert len(asked) >= 2  # SQLite asked again mid-query, and stopped
    assert len(api.search("film")) == 50  # the connection searches normally afterwards


def test_a_search_not_cancelled_is_the_ranked_search(written):
    assert api.search("tears", cancelled=lambda: False) == api.search("tears")


RANKED_CORPUS = (
    ("Rain", "Rain, rain and more rain: the whole film happens in the rain."),
    ("Singin' in the Rain", "A happy film."),
    ("Storm", "It rains once, late in the film."),
    ("Drought", "Not a drop of rain in it, they say, and that is the point of rain."),
    ("Desert", "Sand."),
)


def test_both_engines_rank_one_corpus_in_the_same_order(journal):
    """The same order on a file and on a server: titles first, then the texts that say the
    word most, as far as FTS5's bm25 and PostgreSQL's ts_rank agree."""
    for title, body in RANKED_CORPUS:
        film = api.create_film(title, 2000)
        api.create_review(film.id, headline=f"On {title}", body=body)
    found = [(hit.kind, hit.film_title) for hit in api.search("rain")]
    assert found[:4] == [  # both engines agree on the titles, then the headlines
        ("film", "Rain"),
        ("film", "Singin' in the Rain"),
        ("review", "Singin' in the Rain"),
        ("review", "Rain"),
    ]
    # below the headlines, texts that say it once: the engines weigh length differently
    assert set(found[4:]) == {("review", "Storm"), ("review", "Drought")}
    assert [hit.kind for hit in api.search("rain", ranked=False)][:1] == ["review"]  # newest


def test_a_server_query_is_cancelled_once_given_up(journal, engine):
    """The watcher behind a server search's interruption, on a query that would take seconds."""
    if engine == "sqlite":
        pytest.skip("a file's searches are interrupted by SQLite's progress handler (above)")
    from filmjournal.journal.engine import execute
    from filmjournal.journal.search import _server_cancelling

    asked: list[int] = []

    def cancelled() -> bool:  # false when first asked, then true: the query is under way
        asked.append(1)
        return len(asked) > 1

    started = time.monotonic()
    with pytest.raises(api.SearchCancelled), _server_cancelling(cancelled):
        execute("SELECT pg_sleep(5)")
    assert time.monotonic() - started < 2.5  # stopped, not waited out
    assert execute("SELECT 1").fetchone() == (1,)  # the connection goes on
