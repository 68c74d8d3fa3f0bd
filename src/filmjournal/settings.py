"""The user's settings from ``config.toml`` in the user config directory (no Textual import).

Two settings: ``author = "Your Name"``, the default author of new comments (without it, the
login name), and ``export_dir = "~/blog/_posts"``, where the interface writes exports (without
it, ``filmjournal`` in the documents folder).
"""

from __future__ import annotations

import getpass
from pathlib import Path

from filmjournal.paths import config_path, default_export_folder


def read_settings(path: Path | None = None) -> dict[str, object]:
    """The settings file as a dict; missing or unreadable files give no settings."""
    import tomllib  # imported when first needed, not at start-up

    path = path or config_path()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def author_name(path: Path | None = None) -> str:
    """Who writes new comments: ``author`` from the settings, else the login name."""
    author = read_settings(path).get("author")
    if isinstance(author, str) and author.strip():
        return author.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def export_folder(path: Path | None = None) -> Path:
    """Where the interface writes exports: ``export_dir`` from the settings, else the default."""
    folder = read_settings(path).get("export_dir")
    if isinstance(folder, str) and folder.strip():
        return Path(folder.strip()).expanduser()
    return default_export_folder()
