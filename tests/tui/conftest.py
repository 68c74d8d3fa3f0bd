"""Fixtures for interface tests: journals to open, and a way to drive the app without sleeping.

Nothing here waits a fixed time: :func:`settle` waits until every worker has finished and every
message has been handled, :func:`wait_until` until a condition holds (with a generous bound, so
a loaded machine is slower, never wrong).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import unicodedata
import weakref
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from filmjournal.demo import fill_demo_journal
from filmjournal.journal import api
from filmjournal.tui.app import FilmJournalApp
from filmjournal.tui.screens.main import MainScreen

Scenario = Callable[[FilmJournalApp, Pilot], Awaitable[None]]
PATIENCE = 20.0
"""Seconds a wait may take before the test fails: far above what any step needs."""


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show times in UTC so screens do not depend on the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    time.tzset()


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test reads its own settings file (none at first), never the user's."""
    path = tmp_path / "config.toml"
    monkeypatch.setenv("FILMJOURNAL_CONFIG", str(path))
    return path


@pytest.fixture(autouse=True)
def quick_autosave(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Save edits 50 ms after the last key, unless the test is about the real delay."""
    if "real_autosave" not in request.keywords:
        monkeypatch.setattr("filmjournal.tui.widgets.review_editor.AUTOSAVE_DELAY", 0.05)


@pytest.fixture
def demo_journal(journal_path: Path) -> Iterator[Path]:
    """An open journal holding the demo films, reviews, quotes and comments."""
    with api.open_journal(journal_path):
        fill_demo_journal()
        yield journal_path


@pytest.fixture
def empty_journal(journal_path: Path) -> Iterator[Path]:
    """An open, empty journal."""
    with api.open_journal(journal_path):
        yield journal_path


def drive(path: Path, scenario: Scenario, size: tuple[int, int] = (120, 40)) -> FilmJournalApp:
    """Run the app on ``path`` and play ``scenario`` against it."""
    app = FilmJournalApp(path)

    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            # The whole film list is read a moment after the first frame: wait for it.
            await wait_until(pilot, lambda: app.main_screen.films.loaded, "the film list")
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(run())
    return app


def main_screen(app: FilmJournalApp) -> MainScreen:
    """The main screen of a running app, whatever is on top of it."""
    return app.main_screen


def busy_workers(app: FilmJournalApp) -> list:  # type: ignore[type-arg]
    """The workers still pending or running."""
    return [worker for worker in app.workers if not worker.is_finished]


async def settle(pilot: Pilot) -> None:
    """Wait until every worker has finished and what they posted has been handled."""
    app = pilot.app
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        await pilot.pause()  # handles what is queued, including what finished workers posted
        busy = busy_workers(app)
        if not busy:
            return
        # A worker cancelled meanwhile (a progress display whose work ended first) is done too.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete(busy)
    raise AssertionError(f"the app was still busy after {PATIENCE} s: {busy_workers(app)}")


async def wait_until(pilot: Pilot, condition: Callable[[], object], what: str = "") -> None:
    """Let the app run until ``condition()`` holds (timers included), failing after a while."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.02)
    await settle(pilot)


CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t", "escape": "\x1b"}
"""What the keys that type something type (the rest, ctrl+ and F-keys, type nothing)."""


def key_of(character: str) -> str:
    """Textual's name of the key that types ``character`` (``a``, ``space``, ``full_stop``)."""
    if character.isalnum():
        return character
    return unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")


def post_key(app: FilmJournalApp, key: str, character: str | None) -> None:
    """Send one key to the app, as the terminal driver does."""
    event = events.Key(key, character)
    event.set_sender(app)
    app.post_message(event)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text into the focused field as one quick burst, then let the app catch up.

    Keys go to the widget that has the focus when each is handled: a burst must stay within one
    field (press Enter or Tab on its own, with :func:`press`).
    """
    for character in text:
        post_key(pilot.app, key_of(character), character)
    await settle(pilot)


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys (``enter``, ``ctrl+s``, ``f4``, ``y``…) one after another, then catch up.

    Keys that open a dialog must be pressed on their own: the next key would reach the widget
    that had the focus before the dialog opened.
    """
    for key in keys:
        post_key(pilot.app, key, key if len(key) == 1 else CHARACTERS.get(key))
    await settle(pilot)


SHOWN: weakref.WeakKeyDictionary[FilmJournalApp, list[str]] = weakref.WeakKeyDictionary()
"""What each app has notified the user of, in order."""


@pytest.fixture(autouse=True)
def record_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every notification an app shows (through its public ``notify``)."""
    notify = FilmJournalApp.notify

    def recording(self: FilmJournalApp, message: str, *args: object, **kwargs: object) -> None:
        SHOWN.setdefault(self, []).append(message)
        notify(self, message, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(FilmJournalApp, "notify", recording)


def notifications(app: FilmJournalApp) -> list[str]:
    """Every notification the app has shown so far, as text."""
    return list(SHOWN.get(app, []))


def pytest_configure() -> None:
    """Textual reads this to keep cursors from blinking in tests."""
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
