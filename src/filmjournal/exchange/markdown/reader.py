"""Reading a review back from Markdown: one of our exports, or a hand-written file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import yaml

from filmjournal.exchange.markdown.markers import (
    MARKER,
    MarkdownError,
    spoilers_from_html,
    unescape_reserved,
)
from filmjournal.journal.validation import MAX_REPLY_DEPTH, value_problem

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster
MAX_FRONT_MATTER = 64_000
"""Characters of front matter read (ours is a few hundred)."""


@dataclass
class ParsedComment:
    """A comment read from a file, with its replies."""

    author: str
    body: str
    created_at: datetime | None
    replies: list[ParsedComment] = field(default_factory=list)


@dataclass
class ParsedReview:
    """A review read from a file: its film, its fields, its quotes and its comment tree."""

    film: dict[str, Any]
    review: dict[str, Any]
    quotes: list[dict[str, Any]] = field(default_factory=list)
    comments: list[ParsedComment] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[dict[str, Any], list[str]]:
    """The front matter as a mapping, and the lines after it."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        raise MarkdownError("has no front matter (a first line of --- then film: and year:)")
    for end in range(1, len(lines)):
        if lines[end].rstrip("\r") in ("---", "..."):
            break
    else:
        raise MarkdownError("front matter is not closed by a line of ---")
    front = "\n".join(lines[1:end])
    if len(front) > MAX_FRONT_MATTER:
        raise MarkdownError(f"front matter is longer than {MAX_FRONT_MATTER:,} characters")
    try:
        _refuse_aliases(front)
        data = yaml.load(front, Loader=_SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "cannot be read"
        raise MarkdownError(f"front matter is not valid YAML{where}: {problem}") from None
    except (ValueError, OverflowError, RecursionError) as error:
        problem = value_problem(error) if isinstance(error, ValueError) else str(error)
        raise MarkdownError(f"front matter holds a value that cannot be read ({problem})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MarkdownError("front matter must be a set of key: value lines")
    return data, lines[end + 1 :]


def _refuse_aliases(front: str) -> None:
    """Refuse YAML that repeats itself through aliases (``*a``): a few lines can expand to
    gigabytes, and front matter never needs them."""
    if "*" not in front:
        return
    for event in yaml.parse(front, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise MarkdownError("front matter uses YAML aliases (*name), which are not read")


def parse_markdown(text: str) -> ParsedReview:
    """Read a review from Markdown: one of our exports, or a hand-written file."""
    data, lines = split_front_matter(text)
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline
    parsed = ParsedReview(film=_film_fields(data), review=_review_fields(data))
    if lines and lines[0].rstrip("\r") == "":
        lines.pop(0)
    title = data.get("title")
    if title is None and lines and lines[0].startswith("# "):
        parsed.review["headline"] = lines[0][2:].rstrip("\r")
        lines = lines[2:] if len(lines) > 1 and lines[1].rstrip("\r") == "" else lines[1:]
    elif title and lines and lines[0] == f"# {title}":
        lines = lines[2:] if len(lines) > 1 and lines[1] == "" else lines[1:]
    chunks = _chunks(lines)
    body_lines = chunks[0][2]
    parsed.review["body"] = unescape_reserved(spoilers_from_html("\n".join(body_lines)))
    _read_sections(parsed, chunks[1:])
    return parsed


def _chunks(lines: list[str]) -> list[tuple[str, dict[str, Any], list[str], int]]:
    """Cut the lines at our markers: (kind, data, lines, depth); the first chunk is the body."""
    chunks: list[tuple[str, dict[str, Any], list[str], int]] = [("body", {}, [], 0)]
    for line in lines:
        match = MARKER.match(line)
        if match is None:
            chunks[-1][2].append(line)
            continue
        _drop_separator(chunks[-1][2])
        indent, kind, payload = match.groups()
        try:
            data = json.loads(payload) if payload else {}
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            shown = payload if len(payload or "") <= 60 else f"{(payload or '')[:59]}…"
            raise MarkdownError(f"the {kind} marker holds invalid data: {shown}")
        if kind == "comment" and len(indent) // 2 > MAX_REPLY_DEPTH:
            raise MarkdownError(f"comments nest more than {MAX_REPLY_DEPTH} replies deep")
        chunks.append((kind, data, [], len(indent) // 2))
    return chunks


def _drop_separator(lines: list[str]) -> None:
    """Remove the blank line written before a marker."""
    if lines and lines[-1] == "":
        lines.pop()


def _read_sections(parsed: ParsedReview, chunks: list[tuple[str, dict, list[str], int]]) -> None:
    """Fill in the quotes and the comment tree from the chunks after the body."""
    stack: list[ParsedComment] = []
    for kind, data, lines, depth in chunks:
        if kind == "quote":
            parsed.quotes.append(_quote_from(data, lines))
        elif kind == "note" and parsed.quotes:
            parsed.quotes[-1]["note"] = unescape_reserved("\n".join(lines))
        elif kind == "comment":
            comment = _comment_from(data, lines, depth)
            del stack[depth:]
            if stack:
                stack[-1].replies.append(comment)
            else:
                parsed.comments.append(comment)
            stack.append(comment)
        elif kind not in ("quotes", "comments"):
            raise MarkdownError(f"has an unknown filmjournal marker: {kind}")


def _quote_from(data: dict[str, Any], lines: list[str]) -> dict[str, Any]:
    """A quote from its marker's data and its blockquote lines."""
    quoted = []
    for line in lines:
        if line == ">":
            quoted.append("")
        elif line.startswith("> "):
            quoted.append(line[2:])
        else:
            break
    quote = {
        "text": unescape_reserved("\n".join(quoted)),
        "speaker": str(data.get("speaker", "")),
        "is_favourite": bool(data.get("favourite", False)),
    }
    if "position" in data:
        quote["film_time"] = data["position"]
    return quote


def _comment_from(data: dict[str, Any], lines: list[str], depth: int) -> ParsedComment:
    """A comment from its marker's data and its indented text (after the list item line)."""
    indent = "  " * (depth + 1)
    text = lines[2:] if len(lines) >= 2 and lines[1] == "" else lines[1:]
    body = [line[len(indent) :] if line.startswith(indent) else line.lstrip(" ") for line in text]
    created = data.get("created")
    return ParsedComment(
        author=str(data.get("author", "")),
        body=unescape_reserved("\n".join(body)),
        created_at=_timestamp("comment created", created) if created else None,
    )


def _film_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The film named by the front matter."""
    title = data.get("film")
    if title is None or (isinstance(title, str) and not title.strip()):
        raise MarkdownError("front matter has no film: (the film's title)")
    film: dict[str, Any] = {"title": _text("film", title), "year": data.get("year")}
    if data.get("original_title"):
        film["original_title"] = _text("original_title", data["original_title"])
    directors = data.get("directors")
    if directors:
        film["directors"] = _texts("directors", directors)
    return film


def _text(key: str, value: object) -> str:
    """A front matter value that must be text (a number is taken as its digits: ``1917``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    kind = {list: "a list", dict: "a set of keys", bool: "yes or no"}.get(type(value), "not text")
    raise MarkdownError(f"{key}: must be text, got {kind}")


def _texts(key: str, value: object) -> list[str] | str:
    """A front matter value that is a list of texts, or one text of comma-separated ones."""
    if isinstance(value, list):
        return [_text(key, item) for item in value]
    return _text(key, value)


def _review_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The review's fields from the front matter (missing ones are left to their defaults)."""
    review: dict[str, Any] = {}
    names = {
        "title": "headline",
        "where": "where_watched",
        "rating": "rating",
        "rewatch": "is_rewatch",
        "liked": "is_liked",
        "spoilers": "has_spoilers",
        "letterboxd_uri": "letterboxd_uri",
    }
    for key, name in names.items():
        if data.get(key) is not None:
            value = data[key]
            review[name] = _text(key, value) if name in ("headline", "where_watched") else value
    watched = data.get("watched")
    if watched is not None:
        review["watched_on"] = watched.isoformat() if isinstance(watched, date) else str(watched)
    tags = data.get("tags")
    if tags:
        listed = _texts("tags", tags)
        review["tags"] = listed if isinstance(listed, list) else listed.split(",")
    for key in ("created", "updated"):
        if data.get(key) is not None:
            review[f"{key}_at"] = _timestamp(key, data[key])
    return review


def _timestamp(name: str, value: object) -> datetime:
    """A timestamp from YAML (already a datetime) or from text."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise MarkdownError(
            f"{name} must be a date and time like 2014-05-02T21:30:00Z, got {value!r}"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
