"""A review as Markdown that reads like a blog post: front matter, headline, body, quotes…"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from filmjournal.exchange.markdown.markers import escape_reserved, marker, spoilers_to_html
from filmjournal.exchange.timestamps import iso_timestamp
from filmjournal.journal.records import Comment, Quote, ReviewDetail
from filmjournal.journal.validation import format_film_time

_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: 10x faster


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


def front_matter_yaml(values: dict[str, Any]) -> str:
    """The front matter as PyYAML writes it (a test holds the two equal), written here for the
    common values: PyYAML's pure-Python representer cost more than everything else an export
    does. Anything not plainly safe goes through PyYAML itself, a value at a time."""
    lines = []
    for key, value in values.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"- {_yaml_scalar(item)}" for item in value]
        else:
            lines.append(f"{key}: {_yaml_scalar(value)}")
    return "\n".join(lines) + "\n"


_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 .,!?()/&'-]*(?<! )")
"""Text PyYAML writes unquoted: a letter first, then letters, digits, spaces and punctuation
that mean nothing in YAML there; no trailing space."""
_YAML_WORDS = frozenset(["yes", "no", "true", "false", "on", "off", "null", "y", "n"])
"""Words YAML 1.1 reads as booleans or null (any case): PyYAML quotes them."""


def _yaml_scalar(value: Any) -> str:
    """One scalar of the front matter, as PyYAML writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return iso_timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _PLAIN_SAFE.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    text = yaml.dump(
        value, Dumper=_FrontMatterDumper, allow_unicode=True, width=2**30, explicit_end=False
    )
    return text.removesuffix("\n...\n").removesuffix("\n")


def review_to_markdown(detail: ReviewDetail) -> str:
    """The review as a Markdown document."""
    yaml_text = front_matter_yaml(front_matter(detail))
    lines = ["---", *yaml_text.rstrip("\n").split("\n"), "---", ""]
    if detail.review.headline:
        lines += [f"# {detail.review.headline}", ""]
    lines += _block(spoilers_to_html(escape_reserved(detail.review.body)))
    if detail.quotes:
        lines += ["", marker("quotes"), "## Quotes"]
        for quote in detail.quotes:
            lines += ["", *_quote_lines(quote)]
    if detail.comments:
        lines += ["", marker("comments"), "## Comments"]
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
    lines = [marker("quote", data), *_block(escape_reserved(quote.text), "> ", ">")]
    attribution = [part for part in (quote.speaker, data.get("position")) if part]
    if quote.is_favourite:
        attribution.append("★ favourite")
    if attribution:
        lines += ["", "— " + " · ".join(attribution)]
    if quote.note:
        lines += ["", marker("note"), *_block(escape_reserved(quote.note))]
    return lines


def _comment_lines(comment: Comment, depth: int) -> list[str]:
    """A comment as a list item, its text indented under it, then its replies nested."""
    indent = "  " * depth
    created = iso_timestamp(comment.created_at)
    data = {"author": comment.author, "created": created}
    when = f"{created[:10]} {created[11:16]} UTC"
    author = f"**{escape_emphasis(comment.author)}**" if comment.author else "*anonymous*"
    lines = [marker("comment", data, indent), f"{indent}- {author} · {when}", ""]
    lines += _block(escape_reserved(comment.body), indent + "  ")
    for reply in comment.replies:
        lines += ["", *_comment_lines(reply, depth + 1)]
    return lines


def escape_emphasis(text: str) -> str:
    """One line of text made safe inside ``**…**``."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
