"""What the JSON format's writer and reader share: its name, its version, its error."""

from __future__ import annotations

from filmjournal.journal.errors import JournalError

FORMAT_NAME = "filmjournal"
FORMAT_VERSION = 2


class JsonFormatError(JournalError):
    """A JSON file that is not a filmjournal export."""
