"""The interface on a journal shared on a PostgreSQL server (needs the test server)."""

from __future__ import annotations

import os

import pytest

from filmjournal.journal import api
from filmjournal.tui.widgets.quotes import render_quote
from tests.conftest import NO_SERVER, POSTGRES_SERVER, emptied_database
from tests.tui.conftest import drive, press, type_text, wait_until
from tests.tui.conftest import main_screen as main

pytestmark = pytest.mark.skipif(
    not POSTGRES_SERVER and os.environ.get("CI") != "true", reason=NO_SERVER
)


def test_another_members_review_is_theirs_to_change(own_settings, worker_id):
    own_settings.write_text('author = "Ben"\n', encoding="utf-8")
    url = emptied_database(f"filmjournal_tui_{worker_id}")
    with api.open_journal(url):
        api.sign_as("Ann")
        film = api.create_film("Her", 2013)
        api.create_review(film.id, headline="Ann's", body="Her words")
        api.create_quote(film.id, "The past is just a story we tell ourselves.")

        async def scenario(app, pilot):
            await type_text(pilot, "her")
            await press(pilot, "enter")
            review = main(app).review
            await wait_until(pilot, lambda: review.locked, "Ann's review, locked")
            status = review.query_one("#review-status")
            assert str(status.render()).startswith("by Ann · theirs to change")
            assert review.viewings.label_of(review.draft.review_id).endswith("by Ann · Ann's")
            quotes = main(app).quotes
            await wait_until(pilot, lambda: quotes.rows.rows, "Ann's quote")
            assert "added by Ann" in render_quote(quotes.rows.rows[0], 80)[1].plain
            assert review.form.body.read_only and review.form.body.text == "Her words"
            shown = {
                active.binding.action: active for active in app.screen.active_bindings.values()
            }
            assert shown  # what would change her review is shown disabled; a new viewing is not
            assert [
                name
                for name in ("delete_review", "write_in_editor", "new_review")
                if not shown[name].enabled
            ] == ["delete_review", "write_in_editor"]
            await press(pilot, "ctrl+n")  # a viewing of his own
            await wait_until(pilot, lambda: not review.locked and review.draft.review_id is None)
            shown = {
                active.binding.action: active for active in app.screen.active_bindings.values()
            }
            assert shown["delete_review"].enabled
            await type_text(pilot, "Ben's")
            await wait_until(pilot, lambda: len(api.list_reviews(film.id)) == 2, "his review")
            assert "by" not in review.viewings.label_of(review.draft.review_id)  # his own

        drive(url, scenario)
        assert sorted(r.author for r in api.list_reviews(film.id)) == ["Ann", "Ben"]


def test_a_server_journal_is_watched_off_the_event_loop(monkeypatch, worker_id):
    import threading

    url = emptied_database(f"filmjournal_tui_{worker_id}")
    threads: list[bool] = []
    looked = api.data_version

    def data_version() -> int:
        threads.append(threading.current_thread() is threading.main_thread())
        return looked()

    monkeypatch.setattr(api, "data_version", data_version)
    with api.open_journal(url):

        async def scenario(app, pilot):
            await wait_until(pilot, lambda: len(threads) >= 3, "three looks at the server")

        drive(url, scenario)
    assert threads and not any(threads)  # never on the event loop (the network may hang)


def test_from_another_members_review_one_moves_to_ones_own(own_settings, worker_id):
    own_settings.write_text('author = "Ben"\n', encoding="utf-8")
    url = emptied_database(f"filmjournal_tui_{worker_id}")
    with api.open_journal(url):
        film = api.create_film("Her", 2013)
        api.sign_as("Ben")
        mine = api.create_review(film.id, headline="Ben's", watched_on="2024-01-02")
        api.sign_as("Ann")
        api.create_review(film.id, headline="Ann's", watched_on="2025-03-04")  # the newest

        async def scenario(app, pilot):
            await type_text(pilot, "her")
            await press(pilot, "enter")
            review = main(app).review
            await wait_until(pilot, lambda: review.locked, "Ann's review, shown first")
            assert app.focused is review.viewings  # not the body no key can write in
            await press(pilot, "down")
            await wait_until(pilot, lambda: review.current_review_id == mine.id, "his own")
            await press(pilot, "enter")
            assert app.focused is not review.viewings and review in app.focused.ancestors
            await type_text(pilot, "again")
            await wait_until(
                pilot,
                lambda: "again" in api.get_review(mine.id).body + api.get_review(mine.id).headline,
                "his words saved",
            )
            for key in ("escape", "up", "up"):  # the headline, the viewings, hers
                await press(pilot, key)
            await wait_until(pilot, lambda: review.locked, "hers again")
            review.form.body.focus()  # reading her words: Esc goes to the viewings
            await press(pilot, "escape")
            assert app.focused is review.viewings

        drive(url, scenario)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_another_members_writing_on_screen(own_settings, worker_id, snap_compare, size):
    """Ben's interface on a club journal Ann wrote: her review read-only and named, her
    quotes and viewings saying whose they are."""
    from filmjournal.demo import fill_demo_journal
    from filmjournal.tui.app import FilmJournalApp
    from tests.tui.test_snapshots import open_her

    own_settings.write_text('author = "Ben"\n', encoding="utf-8")
    url = emptied_database(f"filmjournal_tui_{worker_id}")
    with api.open_journal(url):
        api.sign_as("Ann")
        fill_demo_journal()
        api.sign_as("Ben")
        app = FilmJournalApp("postgresql://ben@club.example.org:5432/club")
        assert snap_compare(app, terminal_size=size, run_before=open_her)
