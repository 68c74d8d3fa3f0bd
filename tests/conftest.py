"""Shared fixtures: every test gets its own temporary journal.

Property tests run few examples on a developer's machine and the full count in CI
(``HYPOTHESIS_PROFILE=ci``, set by .ci/run); neither has a time limit per example, so a loaded
machine makes them slower, never failing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from filmjournal.journal import api
from filmjournal.journal.records import Film

settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True, derandomize=True)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


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
