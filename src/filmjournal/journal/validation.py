"""Field cleaners: each turns user input into a stored value or raises ValidationError.

Messages name the field as the user knows it and say what was wrong, for example
``rating must be between 0.5 and 5 in half steps, got 7``.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from filmjournal.journal.errors import ValidationError

EARLIEST_YEAR = 1870
MAX_LINE_LENGTH = 1000
MAX_TAG_LENGTH = 60
Cleaner = Callable[[Any], Any]
"""Turns a value given for a field into the value stored, or raises ValidationError."""
_FILM_TIME = re.compile(r"^(?:(\d{1,4}):)?(?:(\d{1,2}):)?(\d{1,2})$")
_LINE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_TEXT_LENGTH = 1_000_000
"""Characters in a review, note or comment: far beyond any review (a novel is ~500,000)."""
MAX_FILM_TIME = 1000 * 3600
"""The latest position in a film, in seconds (the longest films run a few hundred hours)."""
MAX_REPLY_DEPTH = 100
"""How deep replies to replies may nest."""


def shown(value: object) -> str:
    """A short, quoted rendering of a bad value for an error message."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:39] + "…"
        return repr(text)
    try:
        text = str(value)
    except ValueError:  # an integer with more digits than Python will write out
        return "a number with thousands of digits"
    return text if len(text) <= 40 else text[:39] + "…"


def value_problem(error: ValueError) -> str:
    """What a ValueError from reading a value says, in a person's words."""
    text = str(error)
    return "a number with thousands of digits" if "integer string conversion" in text else text


def identity_key(text: str) -> str:
    """The comparison key of a name: trimmed, Unicode-normalised and case-folded."""
    return unicodedata.normalize("NFC", text.strip()).casefold()


def clean_line(field: str, value: object, *, required: bool = False) -> str:
    """A one-line text field, trimmed of surrounding white space."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, got {shown(value)}")
    text = value.strip()
    if required and not text:
        raise ValidationError(field, "must not be empty")
    if "\n" in text or "\r" in text:
        raise ValidationError(field, "must be a single line")
    if len(text) > MAX_LINE_LENGTH:
        raise ValidationError(field, f"must be at most {MAX_LINE_LENGTH} characters")
    control = _LINE_CONTROL.search(text)
    if control:
        raise ValidationError(field, f"must not hold control characters, got {shown(text)}")
    return text


def clean_text(field: str, value: object, *, required: bool = False) -> str:
    """A free text field (Markdown), kept exactly as written."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, got {shown(value)}")
    if required and not value.strip():
        raise ValidationError(field, "must not be empty")
    if "\x00" in value:
        raise ValidationError(field, "must not hold NUL characters")
    if len(value) > MAX_TEXT_LENGTH:
        raise ValidationError(field, f"must be at most {MAX_TEXT_LENGTH:,} characters")
    return value


def clean_year(value: object) -> int | None:
    """A release year between 1870 and two years from now, or None."""
    if value is None or value == "":
        return None
    latest = date.today().year + 2
    try:
        year = _as_int(value)
    except ValueError:
        raise ValidationError("year", f"must be a number, got {shown(value)}") from None
    if not EARLIEST_YEAR <= year <= latest:
        raise ValidationError("year", f"must be between {EARLIEST_YEAR} and {latest}, got {year}")
    return year


def clean_rating(value: object) -> float | None:
    """A rating from 0.5 to 5 in half steps, or None."""
    if value is None or value == "":
        return None
    problem = "must be between 0.5 and 5 in half steps"
    if isinstance(value, bool):
        raise ValidationError("rating", f"{problem}, got {shown(value)}")
    try:
        rating = float(value) if isinstance(value, int | float | str) else float("nan")
    except (ValueError, OverflowError):
        raise ValidationError("rating", f"{problem}, got {shown(value)}") from None
    if not (0.5 <= rating <= 5 and (rating * 2).is_integer()):
        shown_value = f"{rating:g}" if rating == rating else shown(value)
        raise ValidationError("rating", f"{problem}, got {shown_value}")
    return rating


def clean_flag(field: str, value: object) -> bool:
    """A yes/no field."""
    if isinstance(value, bool):
        return value
    raise ValidationError(field, f"must be yes or no, got {shown(value)}")


def clean_watched_on(value: object, *, today: date | None = None) -> date | None:
    """A viewing date: a date, ``YYYY-MM-DD``, ``today`` or ``yesterday``; never in the future."""
    if value is None or value == "":
        return None
    today = today or date.today()
    if isinstance(value, datetime):  # a moment: its day
        watched = value.date()
    elif isinstance(value, date):
        watched = value
    elif isinstance(value, str):
        watched = _parse_day(value.strip(), today)
    else:
        raise ValidationError("watched date", f"must be a date like 2014-05-02, got {shown(value)}")
    if watched.year < EARLIEST_YEAR:
        raise ValidationError("watched date", f"must be in {EARLIEST_YEAR} or later, got {watched}")
    if watched > today + timedelta(days=1):
        raise ValidationError("watched date", f"cannot be in the future, got {watched}")
    return watched


def _parse_day(text: str, today: date) -> date:
    """Parse ``YYYY-MM-DD``, ``today`` or ``yesterday``."""
    words = {"today": today, "yesterday": today - timedelta(days=1)}
    if text.lower() in words:
        return words[text.lower()]
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            "watched date", f"must be a date like 2014-05-02, today or yesterday, got {shown(text)}"
        ) from None


def clean_day(field: str, value: object) -> date | None:
    """Any calendar date, given as a date or ``YYYY-MM-DD``, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value.strip())
    raise ValidationError(field, f"must be a date like 2014-05-02, got {shown(value)}")


def clean_uri(field: str, value: object) -> str | None:
    """An optional web address."""
    if value is None or value == "":
        return None
    text = clean_line(field, value)
    if not re.match(r"^https?://\S+$", text):
        raise ValidationError(field, f"must be a web address (https://…), got {shown(value)}")
    return text


def clean_directors(value: object) -> str:
    """Director names, given as a list or a comma-separated line; stored one per line."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        names: Iterable[object] = value.replace("\n", ",").split(",")
    elif isinstance(value, list | tuple):
        names = value
    else:
        raise ValidationError("directors", f"must be a list of names, got {shown(value)}")
    cleaned = [clean_line("directors", name) for name in names]
    return "\n".join(name for name in cleaned if name)


def clean_tags(value: object) -> list[str]:
    """Tag names: trimmed, without commas, duplicates (ignoring case) dropped."""
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError("tags", f"must be a list of names, got {shown(value)}")
    tags: dict[str, str] = {}
    for item in value:
        name = clean_line("tags", item)
        if not name:
            continue
        if "," in name:
            raise ValidationError("tags", f"must not contain a comma, got {shown(name)}")
        if len(name) > MAX_TAG_LENGTH:
            raise ValidationError("tags", f"must be at most {MAX_TAG_LENGTH} characters each")
        tags.setdefault(identity_key(name), name)
    return list(tags.values())


def clean_timestamp(field: str, value: object) -> datetime:
    """A moment in time (timestamps are kept when importing); naive ones are taken as UTC."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.fromisoformat(value.strip())
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        with contextlib.suppress(OverflowError, ValueError):
            return moment.astimezone(UTC)
    raise ValidationError(
        field, f"must be a date and time like 2014-05-02T21:30:00Z, got {shown(value)}"
    )


def clean_film_time(value: object) -> int | None:
    """A position in the film as seconds; accepts ``1:23:45``, ``83:45``, ``45`` or an int."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_FILM_TIME:
        return value
    match = _FILM_TIME.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValidationError("position", f"must look like 1:23:45, got {shown(value)}")
    hours, minutes, seconds = match.groups()
    if minutes is None and hours is not None:
        hours, minutes = None, hours
    if int(seconds) >= 60 or (hours is not None and int(minutes or 0) >= 60):
        raise ValidationError("position", f"must look like 1:23:45, got {shown(value)}")
    total = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds)
    if total > MAX_FILM_TIME:
        raise ValidationError("position", f"must be within 1000 hours, got {shown(value)}")
    return total


def format_film_time(seconds: int | None) -> str:
    """Seconds as ``1:23:45`` (or ``23:45`` under an hour); empty for None."""
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clean_review_reference(value: object) -> int | None:
    """The id of the review a quote is collected for, or None."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63:
        return value
    raise ValidationError("review", f"must be a review id, got {shown(value)}")


def _as_int(value: object) -> int:
    """An integer from an int or a string of digits (bools refused)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueError(value)


def clean_fields(
    kind: str, cleaners: Mapping[str, Cleaner], values: Mapping[str, object]
) -> dict[str, Any]:
    """Clean every given field with its cleaner; an unknown field name is an error."""
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        cleaner = cleaners.get(name)
        if cleaner is None:
            raise ValidationError(name, f"is not a {kind} field")
        cleaned[name] = cleaner(value)
    return cleaned
