"""The one exception family of the journal: every message is a single readable line."""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Anything the user should read as one line instead of a traceback."""


class ValidationError(JournalError):
    """A field value was refused; the message names the field and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field} {problem}")


class NotFoundError(JournalError):
    """The film, review, quote or comment asked for does not exist (or is in the trash)."""

    def __init__(self, kind: str, item_id: object) -> None:
        self.kind = kind
        self.item_id = item_id
        super().__init__(f"no {kind} with id {item_id}")


class JournalFileError(JournalError):
    """The journal file cannot be used: the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class JournalLockedError(JournalFileError):
    """Another program held the journal locked for longer than the busy timeout."""


class JournalDamagedError(JournalFileError):
    """The journal file is damaged: what it holds cannot be read back as it was written."""
