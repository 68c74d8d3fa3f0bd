"""Reading the JSON format back: the whole file checked first (every value through the
journal's cleaners, every error naming where it is, like ``films[3]: reviews[0]: rating must be
…``), then only what the journal lacks added, a film at a time."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from filmjournal.display import counted
from filmjournal.exchange.jsonformat.common import FORMAT_NAME, FORMAT_VERSION, JsonFormatError
from filmjournal.journal import films
from filmjournal.journal.bulk import BulkWriter, NewComment, NewReview, check_film, check_review
from filmjournal.journal.errors import JournalError
from filmjournal.journal.lists import save_list
from filmjournal.journal.validation import (
    MAX_REPLY_DEPTH,
    clean_day,
    clean_timestamp,
    value_problem,
)


@dataclass
class _JsonFilm:
    """One film of a JSON export, every value checked."""

    values: dict[str, Any]
    reviews: list[NewReview]
    quotes: list[tuple[int | None, dict[str, Any]]]


def import_journal_file(
    writer: BulkWriter, path: Path, progress: Callable[[int, int], None] | None = None
) -> tuple[bool, str]:
    """Import a JSON export: checked whole first, then what the journal lacks is added.

    The file is read twice, a film at a time (ijson): once to check everything, once to write,
    so a backup of any size is imported in bounded memory. Returns whether anything was added
    (or nothing because it was all there already), and what. ``progress(films done, films)``
    is told as films are written.
    """
    return _import_checked(writer, lambda: _open_json(path), progress)


def _open_json(path: Path) -> BinaryIO:
    """The file for reading, past a byte order mark if it has one."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise JournalError(f"cannot be read ({error.strerror or error})") from None
    try:
        if handle.read(3) != b"\xef\xbb\xbf":
            handle.seek(0)
    except OSError as error:
        handle.close()
        raise JournalError(f"cannot be read ({error.strerror or error})") from None
    return handle


def _import_checked(
    writer: BulkWriter,
    open_file: Callable[[], BinaryIO],
    progress: Callable[[int, int], None] | None = None,
) -> tuple[bool, str]:
    film_count, lists, remote = _check_stream(open_file)
    totals = {
        "film": 0,
        "review": 0,
        "quote": 0,
        "comment": 0,
        "list": 0,
        "already there": 0,
        "in the trash": 0,
    }
    film_ids = []
    with open_file() as handle:
        for section, _, item in _sections(handle):
            if section == "films":
                film_ids.append(_add_json_film(writer, _check_json_film(item), totals))
                if progress is not None and len(film_ids) % 100 == 0:
                    progress(len(film_ids), film_count)
    assert len(film_ids) == film_count, "the file changed while it was imported"
    for values, entries in lists:
        films_of_list = [(film_ids[film], note, position) for film, position, note in entries]
        if save_list(writer, values, films_of_list, replace=False) == "imported":
            totals["list"] += 1
    elsewhere = sum(writer.add_remote_comment(comment) == "imported" for comment in remote)
    return _added_any(totals, elsewhere), _import_summary(totals, elsewhere)


def _import_summary(totals: dict[str, int], remote: int) -> str:
    """``3 films, 2 reviews, 1 quote, …``: what an import added, and what was there."""
    parts = [counted(totals[noun], noun) for noun in ("film", "review", "quote", "comment", "list")]
    parts.append(f"{counted(remote, 'comment')} written elsewhere")
    parts.append(f"{counted(totals['already there'], 'review')} already there")
    if totals["in the trash"]:
        trashed = counted(totals["in the trash"], "film")
        parts.append(f"{trashed} in the trash (what came for them is kept there)")
    return ", ".join(parts)


def _added_any(totals: dict[str, int], remote: int) -> bool:
    """Whether the import added anything, or found nothing there either (an empty file)."""
    added = sum(totals[noun] for noun in ("film", "review", "quote", "comment", "list")) + remote
    return added > 0 or not totals["already there"]


def _check_stream(open_file: Callable[[], BinaryIO]) -> tuple[int, list, list]:
    """Read the file once, checking every film, list and comment (films are not kept)."""
    header: dict[str, Any] = {}
    film_problem: str | None = None
    film_count = 0
    raw_lists: list[dict[str, Any]] = []
    raw_remote: list[dict[str, Any]] = []
    with open_file() as handle:
        for section, index, item in _sections(handle, header):
            if section == "films":
                film_count += 1
                if film_problem is None:
                    try:
                        _check_json_film(item)
                    except JournalError as error:
                        film_problem = f"films[{index}]: {error}"
            elif section == "lists":
                raw_lists.append(item)
            else:
                raw_remote.append(item)
    _check_header(header)
    if film_problem is not None:
        raise JournalError(film_problem)
    lists = [_check_json_list(index, item, film_count) for index, item in enumerate(raw_lists)]
    remote = [_check_remote_comment(index, item) for index, item in enumerate(raw_remote)]
    return film_count, lists, remote


_SECTIONS = ("films", "lists", "remote_comments")
MAX_DEPTH = 400
"""Nesting an item may have (replies are bounded far below this when checked)."""


def _sections(
    handle: BinaryIO, header: dict[str, Any] | None = None
) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """Each object of the file's ``films``, ``lists`` and ``remote_comments`` arrays, built one
    at a time from the parser's events; the top level's other values go into ``header``.

    The parser's events carry no paths (paths cost memory in proportion to nesting squared):
    where each event belongs is followed here, and nesting is bounded.
    """
    counts = dict.fromkeys(_SECTIONS, 0)
    builder: ijson.ObjectBuilder | None = None
    depth = 0  # 1: in the top-level object; 2: in a section's array; more: inside an item
    key = section = ""
    skipping = 0  # nesting of a top-level value that is not a section, being skipped
    try:
        for event, value in ijson.basic_parse(handle, use_float=True):
            opens, closes = event in ("start_map", "start_array"), event in ("end_map", "end_array")
            if depth + skipping + opens > MAX_DEPTH:
                raise JsonFormatError("is not a filmjournal export (nested too deeply)")
            if builder is not None:
                builder.event(event, value)
                depth += opens - closes
                if depth == 2:
                    yield section, counts[section], builder.value
                    counts[section] += 1
                    builder = None
            elif skipping:
                skipping += opens - closes
            elif depth == 0:
                if event != "start_map":
                    raise JsonFormatError(
                        'is not a filmjournal export (no "format": "filmjournal")'
                    )
                depth = 1
            elif depth == 1:
                if event == "map_key":
                    key = value
                elif event == "end_map":  # the end of the file's object
                    depth = 0
                elif key in _SECTIONS:
                    if event != "start_array":
                        raise JsonFormatError(f'"{key}" must be a list of objects')
                    section, depth = key, 2
                elif opens:
                    skipping = 1
                elif header is not None:
                    header[key] = value
            elif event == "end_array":  # depth 2: the section's array ends
                depth = 1
            elif event != "start_map":
                raise JsonFormatError(f'"{section}" must be a list of objects')
            else:
                builder, depth = ijson.ObjectBuilder(), 3
                builder.event(event, value)
    except (ijson.JSONError, UnicodeDecodeError) as error:
        raise _broken(handle, error) from None
    except OSError as error:  # the disk failed while reading
        raise JournalError(f"cannot be read ({error.strerror or error})") from None
    except ValueError as error:  # a number with thousands of digits
        raise JsonFormatError(
            f"holds a value that cannot be read ({value_problem(error)})"
        ) from None


EXPLAINED_SIZE = 16 * 2**20
"""A broken file up to this size is read again whole to name the line of its problem."""


def _broken(handle: BinaryIO, error: Exception) -> JournalError:
    """The problem of a file the streaming parser gave up on, by line when it is small enough."""
    data: bytes | None = None
    with contextlib.suppress(OSError):  # not readable again: say what the parser said
        handle.seek(0)
        data = handle.read(EXPLAINED_SIZE + 1).removeprefix(b"\xef\xbb\xbf")
    if data is not None and len(data) <= EXPLAINED_SIZE:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as bad:
            line = data[: bad.start].count(b"\n") + 1
            return JournalError(f"line {line}: not UTF-8 text")
        try:
            json.loads(text)
        except json.JSONDecodeError as decoded:
            return JsonFormatError(f"is not valid JSON (line {decoded.lineno}: {decoded.msg})")
        except ValueError as unreadable:  # a number with thousands of digits
            return JsonFormatError(
                f"holds a value that cannot be read ({value_problem(unreadable)})"
            )
        except RecursionError:
            return JsonFormatError("is not a filmjournal export (nested too deeply)")
    if isinstance(error, UnicodeDecodeError):
        return JournalError("is not UTF-8 text")
    problem = " ".join(str(error).split())[:200] or type(error).__name__
    return JsonFormatError(f"is not valid JSON ({problem})")


def _check_header(header: dict[str, Any]) -> None:
    """The top level says it is a filmjournal export of a version this code reads."""
    if header.get("format") != FORMAT_NAME:
        raise JsonFormatError('is not a filmjournal export (no "format": "filmjournal")')
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise JsonFormatError(
            f"is format version {version}; this filmjournal reads up to {FORMAT_VERSION}"
        )


def _check_json_list(index: int, data: dict[str, Any], film_count: int) -> tuple[dict, list]:
    """A list of a JSON export: its values and its entries (film index, position, note)."""
    where = f"lists[{index}]"
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise JournalError(f"{where}: name must not be empty")
    values = _pick(
        data, "name", "description", "tags", "letterboxd_uri", "created_at", "updated_at"
    )
    if data.get("created_on"):
        values["created_on"] = clean_day("list date", data["created_on"])
    for key in ("created_at", "updated_at"):
        if key in values:
            values[key] = clean_timestamp(key, values[key])
    entries = []
    for number, entry in enumerate(_member_list(data, "entries")):
        film = entry.get("film") if isinstance(entry, dict) else None
        position = entry.get("position") if isinstance(entry, dict) else None
        if not isinstance(film, int) or not 0 <= film < film_count or not isinstance(position, int):
            raise JournalError(f"{where}: entries[{number}] needs a film index and a position")
        entries.append((film, position, str(entry.get("note") or "")))
    return values, entries


def _check_remote_comment(index: int, data: dict[str, Any]) -> dict[str, Any]:
    if not data.get("body"):  # the url may be empty: Letterboxd gives none for some comments
        raise JournalError(f"remote_comments[{index}]: body must not be empty")
    values: dict[str, Any] = {"url": str(data.get("url") or ""), "body": str(data["body"])}
    if data.get("written_on"):
        values["written_on"] = clean_day("comment date", data["written_on"])
    if data.get("created_at"):
        values["created_at"] = clean_timestamp("created", data["created_at"])
    return values


def _check_json_film(data: Any) -> _JsonFilm:
    """Check one film of a JSON export with its reviews, quotes and comments."""
    if not isinstance(data, dict):
        raise JournalError("must be an object")
    keys = ("title", "year", "original_title", "directors", "letterboxd_uri")
    extra = ("watchlist_added_on", "created_at", "updated_at")
    values = check_film(_pick(data, *keys, *extra))
    if data.get("liked"):
        values["is_liked"] = True
    _take_deleted(data, values)
    reviews = []
    for index, review in enumerate(_member_list(data, "reviews")):
        try:
            reviews.append(_check_json_review(review))
        except JournalError as error:
            raise JournalError(f"reviews[{index}]: {error}") from None
    quotes = []
    for index, quote in enumerate(_member_list(data, "quotes")):
        try:
            quotes.append(_check_json_quote(quote, len(reviews)))
        except JournalError as error:
            raise JournalError(f"quotes[{index}]: {error}") from None
    return _JsonFilm(values, reviews, quotes)


def _check_json_review(data: Any) -> NewReview:
    if not isinstance(data, dict):
        raise JournalError("must be an object")
    keys = ("headline", "body", "watched_on", "where_watched", "rating", "tags")
    values = _pick(data, *keys, "letterboxd_uri", "created_at", "updated_at", "author")
    values.setdefault("author", "")  # as the file has it: unsigned stays unsigned
    for key, name in (
        ("rewatch", "is_rewatch"),
        ("liked", "is_liked"),
        ("spoilers", "has_spoilers"),
    ):
        if key in data:
            values[name] = data[key]
    thread = _member_list(data, "comments")
    review = check_review(values, (), _json_threads(thread))
    _take_deleted(data, review.values)
    _take_deleted_comments(thread, review.comments)
    return review


def _take_deleted(data: dict[str, Any], values: dict[str, Any]) -> None:
    """An item in the trash (an export with the trash, as ``copy`` writes) goes there."""
    if data.get("deleted_at") is not None:
        values["deleted_at"] = clean_timestamp("deleted", data["deleted_at"])


def _take_deleted_comments(thread: list[Any], comments: list[NewComment]) -> None:
    """The comments of a checked thread that were in the trash (the thread as written)."""
    for data, comment in zip(thread, comments, strict=True):
        _take_deleted(data, comment.values)
        _take_deleted_comments(_member_list(data, "replies"), comment.replies)


def _json_threads(thread: list[Any], depth: int = 0) -> list[tuple[dict[str, Any], list]]:
    if depth > MAX_REPLY_DEPTH:
        raise JournalError(f"comments nest more than {MAX_REPLY_DEPTH} replies deep")
    pairs = []
    for index, data in enumerate(thread):
        if not isinstance(data, dict):
            raise JournalError(f"comments[{index}] must be an object")
        values = _pick(data, "author", "body", "created_at")
        pairs.append((values, _json_threads(_member_list(data, "replies"), depth + 1)))
    return pairs


def _check_json_quote(data: Any, review_count: int) -> tuple[int | None, dict[str, Any]]:
    if not isinstance(data, dict):
        raise JournalError("must be an object")
    values = _pick(data, "text", "speaker", "note", "created_at", "updated_at", "author")
    values.setdefault("author", "")
    values["is_favourite"] = data.get("favourite", False)
    values["film_time"] = data.get("position")
    review = data.get("review")
    if review is not None and (not isinstance(review, int) or not 0 <= review < review_count):
        raise JournalError(f"review must be the index of one of the film's reviews, got {review!r}")
    (checked,) = check_review({}, [values]).quotes
    _take_deleted(data, checked)
    return review, checked


def _add_json_film(writer: BulkWriter, film: _JsonFilm, totals: dict[str, int]) -> int:
    """Add what the journal lacks of one checked film; the film's id."""
    film_id, created = writer.film_for(film.values)
    if film.values.get("deleted_at") is not None and not created:
        return film_id  # in the trash there, not here: what is here stays as it is
    totals["film"] += created
    known: set[tuple[str, str]] = set()
    if not created:  # a film the journal has (in its trash, too: what comes goes there)
        if film_id in writer.into_trash:
            totals["in the trash"] += 1
        else:
            current = films.get_film(film_id)
            watchlist = film.values.get("watchlist_added_on")
            if watchlist is not None and current.watchlist_added_on is None:
                writer.update_film(film_id, {"watchlist_added_on": watchlist})
            if film.values.get("is_liked") and not current.is_liked:
                writer.update_film(film_id, {"is_liked": True})
        known = writer.quotes_of(film_id)
    review_ids = []
    for review in film.reviews:
        values = review.values
        existing = writer.review_for(film_id, values)
        if existing is None:
            review_ids.append(writer.add_review(film_id, review))
            totals["review"] += 1
            totals["comment"] += _thread_size(review.comments)
        else:
            review_ids.append(existing)
            totals["already there"] += 1
    for review_index, quote in film.quotes:
        if (quote["text"], quote.get("speaker", "")) in known:
            continue
        review_id = review_ids[review_index] if review_index is not None else None
        writer.add_quote(film_id, {**quote, "review_id": review_id})
        totals["quote"] += 1
    return film_id


def _thread_size(thread: list[NewComment]) -> int:
    """Comments in a thread, replies included."""
    return sum(1 + _thread_size(comment.replies) for comment in thread)


def _pick(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The given keys that are present and not null."""
    return {key: data[key] for key in keys if data.get(key) is not None}


def _member_list(data: dict[str, Any], key: str) -> list[Any]:
    """A list member of an object (absent is empty)."""
    value = data.get(key) or []
    if not isinstance(value, list):
        raise JournalError(f"{key} must be a list")
    return value
