"""The lossless JSON format (docs/json-format.md): a journal written out (writer.py), and read
back in (reader.py)."""

from __future__ import annotations

from filmjournal.exchange.jsonformat.common import FORMAT_NAME, FORMAT_VERSION, JsonFormatError
from filmjournal.exchange.jsonformat.reader import import_journal_file
from filmjournal.exchange.jsonformat.writer import json_text, snapshot_to_json

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "JsonFormatError",
    "import_journal_file",
    "json_text",
    "snapshot_to_json",
]
