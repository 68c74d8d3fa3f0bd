"""The user's settings from ``config.toml``: read once, checked, typed (no Textual import).

Four settings: ``db = "postgresql://ann@club.example.org/club"`` (or a file), the journal to
open when neither ``--db`` nor ``FILMJOURNAL_DB`` names one; ``author = "Your Name"``, who new
comments are signed by (without it, the login name); ``export_dir = "~/blog/_posts"``, where
the interface writes exports (without it, ``filmjournal`` in the documents folder);
``template = "~/review-template.md"``, a Markdown file a new review starts from (a first line
``# Headline`` fills the headline, the rest the body; without it, new reviews start empty).
``FILMJOURNAL_CONFIG`` names another file.

A file that cannot be read, is not valid TOML, or holds a value of the wrong kind or an unknown
setting is reported in one line naming the file (and the line, for TOML errors); the defaults are
used instead, so a typo in the settings never keeps the journal closed.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass
from pathlib import Path

from filmjournal.journal.errors import JournalError
from filmjournal.paths import config_path, default_export_folder

KNOWN = ("author", "db", "export_dir", "template")
MAX_TEMPLATE_BYTES = 64 * 1024
"""A template is a skeleton, not a book: larger files are refused unread."""
_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column \d+\)$")


class SettingsError(JournalError):
    """The settings file cannot be used: the message names the file and the problem."""


@dataclass(frozen=True)
class Settings:
    """What the user chose, with the defaults filled in."""

    author: str
    """Who new comments are signed by."""
    export_dir: Path
    """Where the interface writes exports."""
    template: ReviewTemplate | None = None
    """What a new review starts with, if the user has a template."""
    db: str | None = None
    """The journal to open by default (a file, or a ``postgresql://`` URL), if chosen."""


@dataclass(frozen=True)
class ReviewTemplate:
    """The headline and body skeleton a new review starts from."""

    headline: str
    body: str


def parse_template(text: str) -> ReviewTemplate:
    """A template's text: a first line ``# Headline`` is the headline, the rest the body."""
    text = text.replace("\r\n", "\n").removeprefix("\ufeff")
    first, _, rest = text.lstrip("\n").partition("\n")
    if first.startswith("# "):
        return ReviewTemplate(headline=first[2:].strip(), body=rest.lstrip("\n"))
    return ReviewTemplate(headline="", body=text)


def settings_path() -> Path:
    """The settings file: ``FILMJOURNAL_CONFIG`` if set, else the user config directory's."""
    chosen = os.environ.get("FILMJOURNAL_CONFIG")
    return Path(chosen).expanduser() if chosen else config_path()


def default_settings() -> Settings:
    """The settings when the file says nothing."""
    return Settings(author=_login_name(), export_dir=default_export_folder())


def read_settings(path: Path | None = None) -> Settings:
    """The settings in the file (a missing file gives the defaults); SettingsError if it is bad."""
    import tomllib  # imported when first needed, not at start-up

    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default_settings()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise SettingsError(f"{path}: cannot be read ({reason})") from None
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(_toml_problem(path, str(error))) from None
    return _settings_from(path, values)


def configured_journal() -> str | None:
    """The journal config.toml names (``db``), if it names one and can be read."""
    settings, _ = load_settings()
    return settings.db


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings to use, and the one-line problem with the file if it has one (then defaults)."""
    try:
        return read_settings(path), None
    except SettingsError as error:
        return default_settings(), f"{error}; using the defaults"


def _settings_from(path: Path, values: dict[str, object]) -> Settings:
    """Check the file's values and fill in the defaults."""
    unknown = sorted(set(values) - set(KNOWN))
    if unknown:
        known = ", ".join(KNOWN)
        raise SettingsError(f"{path}: unknown setting {unknown[0]!r} (known: {known})")
    for name, value in values.items():
        if not isinstance(value, str):
            raise SettingsError(f"{path}: {name} must be text in quotes, got {value!r}")
    defaults = default_settings()
    author = str(values.get("author", "")).strip()
    folder = str(values.get("export_dir", "")).strip()
    template = str(values.get("template", "")).strip()
    journal = str(values.get("db", "")).strip()
    return Settings(
        db=journal or None,
        author=author or defaults.author,
        export_dir=Path(folder).expanduser() if folder else defaults.export_dir,
        template=_read_template(path, Path(template).expanduser()) if template else None,
    )


def _read_template(settings: Path, path: Path) -> ReviewTemplate:
    """The review template the settings name (relative to the settings file's folder)."""
    path = settings.parent / path
    problem = ""
    try:
        if not path.is_file():
            problem = "not a file" if path.exists() else "no such file"
        elif path.stat().st_size > MAX_TEMPLATE_BYTES:
            problem = f"larger than {MAX_TEMPLATE_BYTES // 1024} KB"
        else:
            return parse_template(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problem = "not UTF-8 text"
    except OSError as error:
        problem = error.strerror or type(error).__name__
    raise SettingsError(f"{settings}: template {path}: cannot be used ({problem})")


def _toml_problem(path: Path, message: str) -> str:
    """tomllib's message as ``file line N: problem``."""
    place = _TOML_PLACE.search(message)
    if place is None:
        return f"{path}: not valid TOML ({message})"
    return f"{path} line {place.group(1)}: not valid TOML ({message[: place.start()]})"


def _login_name() -> str:
    """The user's login name, if the system knows it."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""
