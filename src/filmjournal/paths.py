"""Where filmjournal keeps its files (platformdirs)."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "filmjournal"


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
