"""Timestamps as every exchange format writes them: ISO 8601 in UTC, ending in ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_timestamp(value: datetime) -> str:
    """A UTC timestamp as ISO 8601 with ``Z``; microseconds only when there are some."""
    text = value.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"
