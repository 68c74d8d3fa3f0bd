"""Every action of the interface meets a failing journal with one line, never a crash.

Each test breaks one journal call (a refused value, a full disk, a locked file, a bug) and does
the action that needs it: the app must say what failed in one notification (or in the open form)
and go on running.
"""

from __future__ import annotations

import errno
import zipfile
from collections.abc import Awaitable, Callable
from typing import Any

import peewee
import pytest
from textual.widgets import Input

from filmjournal.journal import api
from filmjournal.journal.server import ServerUnreachableError
from tests.tui.conftest import drive, notifications, press, settle, type_text, wait_until

FAILURES: dict[str, BaseException] = {
    "journal": api.JournalError("the journal said no"),
    "disk": OSError(errno.ENOSPC, "No space left on device", "/tmp/x"),
    "locked": peewee.OperationalError("database is locked"),
    "bug": RuntimeError("something nobody expected"),
    "server": ServerUnreachableError(
        "postgresql://ann@club:5432/club", "the server cannot be reached (is it running?)"
    ),
}
SAID = {
    "journal": "the journal said no",
    "disk": "/tmp/x: No space left on device",
    "locked": "journal.db: the journal is locked by another program (waited 5 s)",
    "bug": "unexpected RuntimeError: something nobody expected",
    "server": "postgresql://ann@club:5432/club: the server cannot be reached (is it running?)",
}
Steps = Callable[[Any, Any], Awaitable[None]]


def breaking(monkeypatch: pytest.MonkeyPatch, target: str, failure: str) -> dict[str, Any]:
    """Make ``target`` (a dotted path) raise the named failure while the switch says broken."""
    switch: dict[str, Any] = {"broken": True, "calls": 0}
    module, _, name = target.rpartition(".")
    working = getattr(__import__(module, fromlist=[name]), name)

    def broken(*args: object, **kwargs: object) -> object:
        switch["calls"] += 1
        if switch["broken"]:
            raise FAILURES[failure]
        return working(*args, **kwargs)

    monkeypatch.setattr(target, broken)
    return switch


async def open_her(app: Any, pilot: Any) -> None:
    await type_text(pilot, "her")
    await press(pilot, "enter")


def keys(*pressed: str, pane: str | None = None, film: bool = True, typed: str = "") -> Steps:
    """Steps: open Her (unless ``film`` is false; ``typed`` is typed in the filter instead), go to
    ``pane``, press the keys."""

    async def steps(app: Any, pilot: Any) -> None:
        if film:
            await open_her(app, pilot)
        elif typed:
            await type_text(pilot, typed)
        if pane:
            await press(pilot, pane)
        for key in pressed:
            await press(pilot, key)

    return steps


ACTIONS: list[tuple[str, str, Steps, str]] = [
    ("filmjournal.journal.api.list_films", "Could not read the films", keys(film=False), "disk"),
    ("filmjournal.journal.api.list_reviews", "Could not load the film's reviews", keys(), "locked"),
    (
        "filmjournal.journal.api.get_film",
        "Could not open the film",
        keys("ctrl+e", film=False, typed="her"),
        "journal",
    ),
    (
        "filmjournal.journal.api.set_watchlist",
        "Could not change the watchlist",
        keys("ctrl+t", film=False),
        "locked",
    ),
    (
        "filmjournal.journal.api.delete_film",
        "Could not delete the film",
        keys("ctrl+d", "y", film=False),
        "bug",
    ),
    (
        "filmjournal.journal.api.delete_review",
        "Could not delete the review",
        keys("ctrl+delete", "y"),
        "disk",
    ),
    (
        "filmjournal.exchange.exporter.export_review",
        "Could not export the review",
        keys("ctrl+o"),
        "disk",
    ),
    (
        "filmjournal.journal.api.load_review",
        "Could not load the review's quotes",
        keys("ctrl+r"),
        "bug",
    ),
    ("filmjournal.journal.api.list_quotes", "Could not load the quotes", keys(), "journal"),
    (
        "filmjournal.journal.api.update_quote",
        "Could not change the favourite",
        keys("f", pane="f4"),
        "locked",
    ),
    (
        "filmjournal.journal.api.move_quote",
        "Could not move the quote",
        keys("J", pane="f4"),
        "disk",
    ),
    (
        "filmjournal.journal.api.delete_quote",
        "Could not delete the quote",
        keys("d", "y", pane="f4"),
        "journal",
    ),
    (
        "filmjournal.journal.api.list_all_quotes",
        "Could not load the quote collection",
        keys("s", pane="f4"),
        "bug",
    ),
    ("filmjournal.journal.api.comment_tree", "Could not load the comments", keys(), "locked"),
    (
        "filmjournal.journal.api.delete_comment",
        "Could not delete the comment",
        keys("d", "y", pane="f5"),
        "disk",
    ),
    (
        "filmjournal.journal.api.list_trash",
        "Could not read the trash",
        keys("f8", film=False),
        "journal",
    ),
    (
        "filmjournal.journal.api.list_lists",
        "Could not read the lists",
        keys("f7", film=False),
        "locked",
    ),
]


@pytest.mark.parametrize(("target", "said", "steps", "failure"), ACTIONS)
def test_a_failing_journal_call_is_one_notification(
    demo_journal, monkeypatch, target, said, steps, failure
):
    breaking(monkeypatch, target, failure)

    async def scenario(app, pilot):
        await steps(app, pilot)
        shown = [text for text in notifications(app) if text.startswith(f"{said}: ")]
        assert shown and SAID[failure] in shown[0], notifications(app)
        assert "\n" not in shown[0]
        assert app.is_running

    drive(demo_journal, scenario)


def test_a_failing_search_is_one_notification(demo_journal, monkeypatch):
    breaking(monkeypatch, "filmjournal.journal.api.search", "disk")

    async def scenario(app, pilot):
        await press(pilot, "ctrl+f")
        await type_text(pilot, "roof")
        assert f"Could not search: {SAID['disk']}" in notifications(app)

    drive(demo_journal, scenario)


@pytest.mark.parametrize(
    ("target", "open_form", "failure"),
    [
        ("filmjournal.journal.api.create_film", keys("ctrl+n", film=False), "disk"),
        ("filmjournal.journal.api.create_quote", keys("n", pane="f4"), "locked"),
        ("filmjournal.journal.api.add_comment", keys("c", pane="f5"), "bug"),
    ],
)
def test_a_form_whose_save_fails_stays_open_and_says_why(
    demo_journal, monkeypatch, target, open_form, failure
):
    breaking(monkeypatch, target, failure)

    async def scenario(app, pilot):
        await open_form(app, pilot)
        form = app.screen
        for field in form.query(Input):
            if not field.value:
                field.value = "Kept as typed"
        for area in form.query("TextArea"):
            area.load_text("Kept as typed")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert SAID[failure] in str(form.query_one("#form-error").render())

    drive(demo_journal, scenario)


def test_a_review_that_cannot_be_saved_says_so_and_is_saved_once_it_can(demo_journal, monkeypatch):
    switch = breaking(monkeypatch, "filmjournal.journal.api.save_edit", "disk")
    her = api.find_film("Her", 2013)

    async def scenario(app, pilot):
        await open_her(app, pilot)
        await type_text(pilot, "Still ")
        said = f"Could not save the review: {SAID['disk']}"
        await wait_until(pilot, lambda: said in notifications(app), said)
        assert "saved" not in str(app.main_screen.review.query_one("#review-status").render())
        switch["broken"] = False
        await type_text(pilot, "here")
        await wait_until(pilot, lambda: api.latest_review(her.id).body.startswith("Still here"))

    drive(demo_journal, scenario)


def test_a_review_kept_while_the_server_is_away_is_saved_when_it_answers(demo_journal, monkeypatch):
    monkeypatch.setattr("filmjournal.tui.widgets.review_editor.SAVE_RETRY_DELAY", 0.2)
    switch = breaking(monkeypatch, "filmjournal.journal.api.save_edit", "server")
    her = api.find_film("Her", 2013)

    async def scenario(app, pilot):
        await open_her(app, pilot)
        await type_text(pilot, "Offline ")
        said = f"Could not save the review (it is kept: saving again soon): {SAID['server']}"
        await wait_until(pilot, lambda: said in notifications(app), said)
        status = app.main_screen.review.query_one("#review-status")
        await wait_until(pilot, lambda: "trying again" in str(status.render()), "the status")
        await wait_until(pilot, lambda: switch["calls"] >= 3, "tried again, twice")
        assert notifications(app).count(said) == 1  # said once, not at every attempt
        switch["broken"] = False  # the server is back: saved without another key
        await wait_until(pilot, lambda: api.latest_review(her.id).body.startswith("Offline "))
        await wait_until(pilot, lambda: "saved" in str(status.render()), "saved")
        assert "The journal answers again: the review is saved." in notifications(app)

    drive(demo_journal, scenario)


def test_quitting_when_the_review_cannot_be_saved_asks_to_press_again(demo_journal, monkeypatch):
    breaking(monkeypatch, "filmjournal.journal.api.save_edit", "locked")

    async def scenario(app, pilot):
        await open_her(app, pilot)
        await type_text(pilot, "Unsaved words ")
        await press(pilot, "ctrl+q")
        assert app.is_running
        assert "Press ctrl+q again to quit without saving." in notifications(app)
        await pilot.press("ctrl+q")

    app = drive(demo_journal, scenario)
    assert app.return_code == 0


def test_a_damaged_letterboxd_zip_is_one_line_and_nothing_changes(demo_journal, tmp_path):
    from tests.exchange.test_letterboxd import E2E

    archive = tmp_path / "letterboxd.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        for path in E2E.rglob("*.csv"):
            zipped.write(path, path.relative_to(E2E).as_posix())
    data = archive.read_bytes()
    archive.write_bytes(data.replace(b"Die Hard", b"Die Hord", 1))  # its CRC no longer matches
    before = api.counts()

    async def scenario(app, pilot):
        await app.run_action("screen.import_letterboxd")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(archive)
        await press(pilot, "enter")
        await settle(pilot)
        shown = " | ".join(notifications(app))
        assert f"Nothing was imported: {archive}: the zip is damaged or incomplete" in shown
        assert app.is_running

    drive(demo_journal, scenario)
    assert api.counts() == before
