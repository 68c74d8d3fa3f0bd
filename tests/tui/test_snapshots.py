"""SVG snapshots of the main screens (update with ``pytest --snapshot-update``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmjournal.journal import api
from filmjournal.tui.app import FilmJournalApp
from tests.tui.conftest import settle, type_text

SHOWN_PATH = Path("~/.local/share/filmjournal/journal.db")
"""The journal path shown in the header, the same on every machine."""


async def steady(pilot) -> None:  # type: ignore[no-untyped-def]
    """No blinking cursors, nothing still loading: the same picture on every run."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await settle(pilot)


def app() -> FilmJournalApp:
    """The app on the already open journal, naming a fixed path."""
    return FilmJournalApp(SHOWN_PATH)


async def open_her(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await type_text(pilot, "her")
    await pilot.press("enter")
    await steady(pilot)


SIZES = [(80, 24), (100, 30), (120, 40), (200, 50)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen(demo_journal, snap_compare, size):
    assert snap_compare(app(), terminal_size=size, run_before=open_her)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_focus_mode(demo_journal, snap_compare, size):
    async def focus(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_her(pilot)
        await pilot.press("f9")
        await steady(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=focus)


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["120x40", "200x50"])
def test_reread_at_full_width(demo_journal, snap_compare, size):
    async def reread(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_her(pilot)
        await pilot.press("f9")
        await pilot.press("ctrl+r")
        await steady(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=reread)


def test_quote_dialog_80x24(demo_journal, snap_compare):
    async def quote_dialog(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_her(pilot)
        await pilot.press("f4")
        await pilot.press("n")
        await steady(pilot)
        await type_text(pilot, "A line")
        for _ in range(4):
            await pilot.press("tab")
        await type_text(pilot, "why it matters")
        await steady(pilot)

    assert snap_compare(app(), terminal_size=(80, 24), run_before=quote_dialog)


def test_empty_journal_welcome(empty_journal, snap_compare):
    assert snap_compare(app(), terminal_size=(120, 40), run_before=steady)


def test_reread_mode(demo_journal, snap_compare):
    async def reread(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_her(pilot)
        await pilot.press("ctrl+r")
        await steady(pilot)

    assert snap_compare(app(), terminal_size=(120, 40), run_before=reread)


def test_help_screen(empty_journal, snap_compare):
    async def help_screen(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("f1")
        await steady(pilot)

    assert snap_compare(app(), terminal_size=(120, 40), run_before=help_screen)


def test_markup_titles_in_the_list(empty_journal, snap_compare):
    api.create_film("[bold red]x[/]", 2000)
    api.create_film("[link=http://x]y[/link]", 2001)
    assert snap_compare(app(), terminal_size=(120, 40), run_before=steady)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_stats_screen(demo_journal, snap_compare, size):
    from datetime import date

    from filmjournal.tui.screens.stats import StatsScreen

    async def stats(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.app.push_screen(StatsScreen(today=date(2025, 2, 14)))  # opens on 2024
        await steady(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=stats)
