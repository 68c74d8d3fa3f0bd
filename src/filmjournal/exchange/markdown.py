"""A review as Markdown that reads like a blog post, and back again without losing a character.

The file is YAML front matter, the headline, the body, then the review's quotes and comments.
What a reader sees is plain Markdown; what the importer needs to cut the file back into its
parts sits in HTML comments (``<!-- filmjournal:quote {...} -->``), which GitHub, Hugo, Jekyll
and Obsidian do not show. Spoiler passages become ``<details>`` blocks.

Every piece of the writer's text goes through :func:`escape_reserved` first, so nothing they
write can be taken for one of these markers: round trips are exact whatever the text holds.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import yaml

from filmjournal.journal.errors import JournalError
from filmjournal.journal.records import Comment, Quote, ReviewDetail
from filmjournal.journal.validation import format_film_time
from filmjournal.spoilers import BLOCK, INLINE

MARKER_PREFIX = "<!-- filmjournal:"
MARKER = re.compile(r"^( *)<!-- filmjournal:([a-z]+)(?: (\{.*\}))? -->$")
INLINE_OPEN = '<details class="spoiler"><summary>Spoiler</summary>'
INLINE_CLOSE = "</details><!--/spoiler-->"
BLOCK_OPEN = '<details class="spoiler-block" data-fence="{}"><summary>Spoiler</summary>\n\n'
BLOCK_CLOSE = "</details><!--/spoiler-block-->"
_RESERVED = re.compile(r'(<details class="spoiler|<!--/spoiler|<!-- filmjournal:)')
_RESERVED_ESCAPED = re.compile(r'(<details class="spoiler|<!--/spoiler|<!-- filmjournal:) ')
_INLINE_TOKEN = re.compile(re.escape(INLINE_OPEN) + "(.*?)" + re.escape(INLINE_CLOSE), re.DOTALL)
_BLOCK_TOKEN = re.compile(
    re.escape(BLOCK_OPEN).replace(r"\{\}", '([^"]*)') + "(.*?)" + re.escape(BLOCK_CLOSE), re.DOTALL
)
FRONT_MATTER_KEYS = (
    "title",
    "film",
    "year",
    "original_title",
    "directors",
    "watched",
    "where",
    "rating",
    "rewatch",
    "liked",
    "spoilers",
    "tags",
    "letterboxd_uri",
    "created",
    "updated",
)


class MarkdownError(JournalError):
    """A Markdown file that cannot be read as a review."""


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


# Escaping the writer's text ---------------------------------------------------------------------


def escape_reserved(text: str) -> str:
    """Put a space after anything that could be read as one of our markers."""
    return _RESERVED.sub(r"\1 ", text) if "<" in text else text


def unescape_reserved(text: str) -> str:
    """Undo :func:`escape_reserved`."""
    return _RESERVED_ESCAPED.sub(r"\1", text) if "<" in text else text


def spoilers_to_html(body: str) -> str:
    """Spoiler passages as ``<details>`` (the body is already escaped)."""
    if "||" not in body and "spoiler" not in body:
        return body

    def block(match: re.Match[str]) -> str:
        opening = match.group(0)[: match.start(2) - match.start(0)]
        closing = match.group(0)[match.end(2) - match.start(0) :]
        fence = html.escape(json.dumps([opening, closing], ensure_ascii=False), quote=True)
        return BLOCK_OPEN.format(fence) + match.group(2) + BLOCK_CLOSE

    body = BLOCK.sub(block, body)
    return INLINE.sub(lambda match: INLINE_OPEN + match.group(1) + INLINE_CLOSE, body)


def spoilers_from_html(text: str) -> str:
    """Undo :func:`spoilers_to_html`."""
    if '<details class="spoiler' not in text:
        return text
    text = _INLINE_TOKEN.sub(lambda match: f"||{match.group(1)}||", text)

    def block(match: re.Match[str]) -> str:
        opening, closing = json.loads(html.unescape(match.group(1)))
        return opening + match.group(2) + closing

    return _BLOCK_TOKEN.sub(block, text)


# Writing --------------------------------------------------------------------------------------


_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: 10x faster
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterDumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """Safe YAML whose timestamps read ``2014-05-02T21:30:00Z`` (no custom tags)."""


def _represent_datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", iso_timestamp(value))


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Text with YAML line breaks or control characters double-quoted, so they are escaped."""
    style = '"' if _YAML_SPECIAL.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_YAML_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_FrontMatterDumper.add_representer(datetime, _represent_datetime)
_FrontMatterDumper.add_representer(str, _represent_text)


def iso_timestamp(value: datetime) -> str:
    """A UTC timestamp as ISO 8601 with ``Z``; microseconds only when there are some."""
    text = value.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"


_MARKER_JSON = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _marker(kind: str, data: dict[str, Any] | None = None, indent: str = "") -> str:
    """An invisible line telling the importer what follows."""
    if not data:
        return f"{indent}{MARKER_PREFIX}{kind} -->"
    payload = _MARKER_JSON.encode(data)
    if "<" in payload or ">" in payload:
        payload = payload.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"{indent}{MARKER_PREFIX}{kind} {payload} -->"


def _block(text: str, prefix: str = "", empty: str = "") -> list[str]:
    """Text as lines, each with a prefix (``empty`` for empty lines)."""
    return [prefix + line if line else empty for line in text.split("\n")]


def front_matter(detail: ReviewDetail) -> dict[str, Any]:
    """The review's properties, in a stable order, empty ones left out."""
    film, review = detail.film, detail.review
    values: dict[str, Any] = {
        "title": review.headline,
        "film": film.title,
        "year": film.year,
        "original_title": film.original_title,
        "directors": list(film.directors),
        "watched": review.watched_on,
        "where": review.where_watched,
        "rating": _plain_number(review.rating),
        "rewatch": review.is_rewatch,
        "liked": review.is_liked,
        "spoilers": review.has_spoilers,
        "tags": list(review.tags),
        "letterboxd_uri": review.letterboxd_uri,
        "created": review.created_at,
        "updated": review.updated_at,
    }
    kept = {key: value for key, value in values.items() if value not in (None, "", [], False)}
    if not review.headline and review.body.startswith("# "):
        kept = {"title": "", **kept}  # so the body's own first heading is not taken for one
    return kept


def _plain_number(rating: float | None) -> float | int | None:
    """4.0 as 4, 4.5 as 4.5."""
    return int(rating) if rating is not None and rating == int(rating) else rating


def review_to_markdown(detail: ReviewDetail) -> str:
    """The review as a Markdown document."""
    yaml_text = yaml.dump(
        front_matter(detail),
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        width=2**30,
    )
    lines = ["---", *yaml_text.rstrip("\n").split("\n"), "---", ""]
    if detail.review.headline:
        lines += [f"# {detail.review.headline}", ""]
    lines += _block(spoilers_to_html(escape_reserved(detail.review.body)))
    if detail.quotes:
        lines += ["", _marker("quotes"), "## Quotes"]
        for quote in detail.quotes:
            lines += ["", *_quote_lines(quote)]
    if detail.comments:
        lines += ["", _marker("comments"), "## Comments"]
        for comment in detail.comments:
            lines += ["", *_comment_lines(comment, 0)]
    return "\n".join(lines) + "\n"


def _quote_lines(quote: Quote) -> list[str]:
    """A quote as a blockquote, its attribution, then the writer's note."""
    data: dict[str, Any] = {}
    if quote.speaker:
        data["speaker"] = quote.speaker
    if quote.is_favourite:
        data["favourite"] = True
    if quote.film_time is not None:
        data["position"] = format_film_time(quote.film_time)
    lines = [_marker("quote", data), *_block(escape_reserved(quote.text), "> ", ">")]
    attribution = [part for part in (quote.speaker, data.get("position")) if part]
    if quote.is_favourite:
        attribution.append("★ favourite")
    if attribution:
        lines += ["", "— " + " · ".join(attribution)]
    if quote.note:
        lines += ["", _marker("note"), *_block(escape_reserved(quote.note))]
    return lines


def _comment_lines(comment: Comment, depth: int) -> list[str]:
    """A comment as a list item, its text indented under it, then its replies nested."""
    indent = "  " * depth
    created = iso_timestamp(comment.created_at)
    data = {"author": comment.author, "created": created}
    when = f"{created[:10]} {created[11:16]} UTC"
    author = f"**{_inline(comment.author)}**" if comment.author else "*anonymous*"
    lines = [_marker("comment", data, indent), f"{indent}- {author} · {when}", ""]
    lines += _block(escape_reserved(comment.body), indent + "  ")
    for reply in comment.replies:
        lines += ["", *_comment_lines(reply, depth + 1)]
    return lines


def _inline(text: str) -> str:
    """One line of text made safe inside ``**…**``."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


# Reading --------------------------------------------------------------------------------------


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
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "cannot be read"
        raise MarkdownError(f"front matter is not valid YAML{where}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MarkdownError("front matter must be a set of key: value lines")
    return data, lines[end + 1 :]


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
        except json.JSONDecodeError:
            raise MarkdownError(f"the {kind} marker holds invalid data: {payload}") from None
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
    film: dict[str, Any] = {"title": str(title), "year": data.get("year")}
    if data.get("original_title"):
        film["original_title"] = str(data["original_title"])
    directors = data.get("directors")
    if directors:
        film["directors"] = (
            [str(name) for name in directors] if isinstance(directors, list) else str(directors)
        )
    return film


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
            review[name] = str(value) if name in ("headline", "where_watched") else value
    watched = data.get("watched")
    if watched is not None:
        review["watched_on"] = watched.isoformat() if isinstance(watched, date) else str(watched)
    tags = data.get("tags")
    if tags:
        review["tags"] = (
            [str(tag) for tag in tags] if isinstance(tags, list) else str(tags).split(",")
        )
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
