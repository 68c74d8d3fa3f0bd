"""Fixtures for interface tests: journals to open, and a way to drive the app."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from filmjournal.demo import fill_demo_journal
from filmjournal.journal import api
from filmjournal.tui.app import FilmJournalApp

Scenario = Callable[[FilmJournalApp, Pilot], Awaitable[None]]


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show times in UTC so screens do not depend on the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    time.tzset()


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
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(run())
    return app


async def settle(pilot: Pilot, seconds: float = 0.3) -> None:
    """Let workers finish and the screen catch up."""
    await pilot.pause(seconds)
    for worker in list(pilot.app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text key by key."""
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def pytest_configure() -> None:
    """Textual reads this to keep cursors from blinking in tests."""
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
