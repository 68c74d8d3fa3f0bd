"""Where filmjournal keeps its files (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "filmjournal"
SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_address(text: object) -> bool:
    """Whether a journal location is a PostgreSQL URL rather than a file."""
    return isinstance(text, str) and text.strip().lower().startswith(SERVER_SCHEMES)


def journal_location(text: str) -> Path | str:
    """Where a journal is, as given: a PostgreSQL URL stays text, anything else is a file."""
    return text.strip() if is_server_address(text) else Path(text).expanduser()


def default_location() -> Path | str:
    """The journal to open when none is named: ``FILMJOURNAL_DB``, else ``db`` in
    config.toml, else :func:`default_journal_path`."""
    chosen = os.environ.get("FILMJOURNAL_DB")
    if chosen:
        return journal_location(chosen)
    from filmjournal.settings import configured_journal

    configured = configured_journal()
    return journal_location(configured) if configured else default_journal_path()


def default_journal_path() -> Path:
    """``journal.db`` in the user data directory (for example ``~/.local/share/filmjournal``)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "journal.db"


def config_path() -> Path:
    """``config.toml`` in the user config directory (for example ``~/.config/filmjournal``)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def default_export_folder() -> Path:
    """``filmjournal`` in the user's documents folder (for example ``~/Documents/filmjournal``)."""
    from platformdirs import user_documents_path

    return user_documents_path() / APP_NAME
