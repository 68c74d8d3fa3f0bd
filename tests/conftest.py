"""Shared fixtures: every test gets its own temporary journal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from filmjournal.journal import api
from filmjournal.journal.records import Film


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    """Where a test's journal lives."""
    return tmp_path / "journal.db"


@pytest.fixture
def journal(journal_path: Path) -> Iterator[api.Journal]:
    """A new, empty, open journal."""
    with api.open_journal(journal_path) as opened:
        yield opened


@pytest.fixture
def her(journal: api.Journal) -> Film:
    """The film from the seed blog post."""
    return api.create_film("Her", 2013, directors=["Spike Jonze"])
