"""Plain scripts doing the work of filmjournal's exports and imports, as baselines.

    python benchmarks/plain.py markdown-export JOURNAL FOLDER
    python benchmarks/plain.py json-export JOURNAL FILE
    python benchmarks/plain.py markdown-import FOLDER JOURNAL
    python benchmarks/plain.py letterboxd-import FOLDER JOURNAL

Each is what a competent programmer would write in an afternoon with the standard library
(sqlite3, f-strings, json, csv, executemany) and PyYAML for front matter: the same queries, the
same files with the same sections, the same rows inserted and indexed for search; none of
filmjournal's checks, escaping or error reporting. The importing scripts write into a journal
filmjournal created (its schema, triggers and search index), so the database does the same work.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

import yaml

SEARCH = {
    "film": "SELECT id * 8, title, directors FROM film WHERE id > ?",
    "review": "SELECT id * 8 + 1, headline, body FROM review WHERE id > ?",
    "quote": "SELECT id * 8 + 2, speaker, text || char(10) || note FROM quote WHERE id > ?",
    "comment": "SELECT id * 8 + 3, author, body FROM comment WHERE id > ?",
}


def read_journal(connection: sqlite3.Connection) -> tuple[list, dict, dict, dict, dict]:
    """Films, reviews by film, quotes by film, comments by review, tags by review."""
    films = connection.execute(
        "SELECT id, title, year, original_title, directors, letterboxd_uri, watchlist_added_on,"
        " is_liked, created_at, updated_at FROM film WHERE deleted_at IS NULL"
        " ORDER BY title_key, year"
    ).fetchall()
    reviews, quotes, comments, tags = (defaultdict(list) for _ in range(4))
    for row in connection.execute(
        "SELECT r.id, r.film_id, headline, body, watched_on, where_watched, rating, is_rewatch,"
        " r.is_liked, has_spoilers, r.letterboxd_uri, r.created_at, r.updated_at FROM review r"
        " JOIN film f ON f.id = r.film_id WHERE r.deleted_at IS NULL AND f.deleted_at IS NULL"
        " ORDER BY watched_on NULLS FIRST, r.created_at, r.id"
    ):
        reviews[row[1]].append(row)
    for row in connection.execute(
        "SELECT film_id, review_id, text, speaker, is_favourite, note, film_time, created_at,"
        " updated_at FROM quote WHERE deleted_at IS NULL ORDER BY sort_order, id"
    ):
        quotes[row[0]].append(row)
    for row in connection.execute(
        "SELECT id, review_id, parent_id, author, body, created_at FROM comment"
        " WHERE deleted_at IS NULL ORDER BY created_at, id"
    ):
        comments[row[1]].append(row)
    for review_id, name in connection.execute(
        "SELECT review_id, name FROM review_tag JOIN tag ON tag.id = tag_id ORDER BY name_key"
    ):
        tags[review_id].append(name)
    return films, reviews, quotes, comments, tags


def stamp(text: str) -> str:
    return text.replace(" ", "T").replace("+00:00", "Z")


def tree(rows: list) -> list:
    """(row, replies) pairs: comments under their parents."""
    children = defaultdict(list)
    for row in rows:
        children[row[2]].append(row)

    def build(parent: int | None) -> list:
        return [(row, build(row[0])) for row in children[parent]]

    return build(None)


def comment_lines(node: tuple, depth: int) -> list[str]:
    (_, _, _, author, body, created), replies = node
    indent = "  " * depth
    marker = json.dumps({"author": author, "created": stamp(created)}, ensure_ascii=False)
    lines = [
        f"{indent}<!-- filmjournal:comment {marker} -->",
        f"{indent}- **{author}** · {created[:16]} UTC",
        "",
    ]
    lines += [f"{indent}  {line}" if line else "" for line in body.split("\n")]
    for reply in replies:
        lines += ["", *comment_lines(reply, depth + 1)]
    return lines


def markdown_export(journal: str, folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True)
    films, reviews, quotes, comments, tags = read_journal(sqlite3.connect(journal))
    for film in films:
        film_id, title, year, original, directors, _, _, _, _, _ = film
        for review in reviews[film_id]:
            (
                review_id,
                _,
                headline,
                body,
                watched,
                where,
                rating,
                rewatch,
                liked,
                spoilers,
                uri,
                created,
                updated,
            ) = review
            front = {
                "title": headline,
                "film": title,
                "year": year,
                "original_title": original,
                "directors": directors.split("\n") if directors else [],
                "watched": watched,
                "where": where,
                "rating": rating,
                "rewatch": rewatch,
                "liked": liked,
                "spoilers": spoilers,
                "tags": tags[review_id],
                "letterboxd_uri": uri,
                "created": stamp(created),
                "updated": stamp(updated),
            }
            lines = ["---"]
            for key, value in front.items():
                if value in (None, "", [], 0):
                    continue
                if isinstance(value, list):
                    lines += [f"{key}:", *(f"- {item}" for item in value)]
                else:
                    lines.append(f"{key}: {value}")
            lines += ["---", "", f"# {headline}", "", body]
            film_quotes = [quote for quote in quotes[film_id] if quote[1] == review_id]
            if film_quotes:
                lines += ["", "<!-- filmjournal:quotes -->", "## Quotes"]
                for _, _, text, speaker, _, note, _, _, _ in film_quotes:
                    marker = json.dumps({"speaker": speaker}, ensure_ascii=False)
                    lines += [
                        "",
                        f"<!-- filmjournal:quote {marker} -->",
                        *(f"> {line}" for line in text.split("\n")),
                        "",
                        f"— {speaker}",
                    ]
                    if note:
                        lines += ["", "<!-- filmjournal:note -->", note]
            thread = tree(comments[review_id])
            if thread:
                lines += ["", "<!-- filmjournal:comments -->", "## Comments"]
                for node in thread:
                    lines += ["", *comment_lines(node, 0)]
            name = f"{watched or created[:10]}-{re.sub(r'[^a-z0-9]+', '-', title.lower())}-{year}"
            path = out / f"{name}.md"
            number = 2
            while path.exists():
                path = out / f"{name}-{number}.md"
                number += 1
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def json_export(journal: str, file: str) -> None:
    films, reviews, quotes, comments, tags = read_journal(sqlite3.connect(journal))

    def comment_json(node: tuple) -> dict:
        (_, _, _, author, body, created), replies = node
        return {
            "author": author,
            "body": body,
            "created_at": stamp(created),
            "replies": [comment_json(reply) for reply in replies],
        }

    data = {
        "format": "filmjournal",
        "version": 2,
        "films": [
            {
                "title": title,
                "year": year,
                "original_title": original,
                "directors": directors.split("\n") if directors else [],
                "letterboxd_uri": uri,
                "watchlist_added_on": watchlist,
                "liked": bool(liked),
                "created_at": stamp(created),
                "updated_at": stamp(updated),
                "reviews": [
                    {
                        "headline": r[2],
                        "body": r[3],
                        "watched_on": r[4],
                        "where_watched": r[5],
                        "rating": r[6],
                        "rewatch": bool(r[7]),
                        "liked": bool(r[8]),
                        "spoilers": bool(r[9]),
                        "tags": tags[r[0]],
                        "letterboxd_uri": r[10],
                        "created_at": stamp(r[11]),
                        "updated_at": stamp(r[12]),
                        "comments": [comment_json(node) for node in tree(comments[r[0]])],
                    }
                    for r in reviews[film_id]
                ],
                "quotes": [
                    {
                        "text": q[2],
                        "speaker": q[3],
                        "favourite": bool(q[4]),
                        "note": q[5],
                        "position": q[6],
                        "review": q[1],
                        "created_at": stamp(q[7]),
                        "updated_at": stamp(q[8]),
                    }
                    for q in quotes[film_id]
                ],
            }
            for (
                film_id,
                title,
                year,
                original,
                directors,
                uri,
                watchlist,
                liked,
                created,
                updated,
            ) in films
        ],
        "lists": [],
        "remote_comments": [],
    }
    with open(file, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)


def reindex(connection: sqlite3.Connection, since: dict[str, int]) -> None:
    """Index for search what was inserted (the journal's own index, one statement a kind)."""
    for kind, select in SEARCH.items():
        connection.execute(
            f"INSERT INTO search_index (rowid, title, body) {select}", (since[kind],)
        )


def last_ids(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        kind: connection.execute(f"SELECT IFNULL(max(id), 0) FROM {kind}").fetchone()[0]
        for kind in SEARCH
    }


NOW = "2026-11-26 00:00:00+00:00"


def markdown_import(folder: str, journal: str) -> None:
    connection = sqlite3.connect(journal)
    since = last_ids(connection)
    films: dict[tuple[str, int | None], int] = {}
    quotes, comments = [], []
    for path in sorted(Path(folder).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, rest = text.split("---\n", 2)
        meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        body, _, tail = rest.partition("\n<!-- filmjournal:quotes -->")
        key = (meta["film"], meta.get("year"))
        if key not in films:
            cursor = connection.execute(
                "INSERT INTO film (title, title_key, year, original_title, directors, is_liked,"
                " review_count, created_at, updated_at) VALUES (?, ?, ?, '', ?, 0, 0, ?, ?)",
                (
                    meta["film"],
                    meta["film"].lower(),
                    meta.get("year"),
                    "\n".join(meta.get("directors", [])),
                    NOW,
                    NOW,
                ),
            )
            films[key] = cursor.lastrowid
        cursor = connection.execute(
            "INSERT INTO review (film_id, headline, body, watched_on, where_watched, rating,"
            " is_rewatch, is_liked, has_spoilers, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?)",
            (
                films[key],
                meta.get("title", ""),
                body.strip().removeprefix(f"# {meta.get('title')}").strip(),
                str(meta.get("watched") or "") or None,
                meta.get("where", ""),
                meta.get("rating"),
                bool(meta.get("liked")),
                str(meta["created"]),
                str(meta["updated"]),
            ),
        )
        review_id = cursor.lastrowid
        section, _, thread = tail.partition("<!-- filmjournal:comments -->")
        for block in section.split("<!-- filmjournal:quote ")[1:]:
            marker, _, rest = block.partition(" -->\n")
            text_lines = [line[2:] for line in rest.split("\n") if line.startswith("> ")]
            note = rest.partition("<!-- filmjournal:note -->\n")[2].strip()
            quotes.append(
                (
                    films[key],
                    review_id,
                    "\n".join(text_lines),
                    json.loads(marker).get("speaker", ""),
                    note,
                    NOW,
                    NOW,
                )
            )
        for block in thread.split("<!-- filmjournal:comment ")[1:]:
            marker, _, rest = block.partition(" -->\n")
            data = json.loads(marker)
            lines = rest.split("\n")[2:]
            comments.append(
                (
                    review_id,
                    data["author"],
                    "\n".join(line.strip() for line in lines).strip(),
                    data["created"],
                )
            )
    connection.executemany(
        "INSERT INTO quote (film_id, review_id, text, speaker, is_favourite, note, sort_order,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, 0, ?, ?)",
        quotes,
    )
    connection.executemany(
        "INSERT INTO comment (review_id, author, body, created_at) VALUES (?, ?, ?, ?)", comments
    )
    reindex(connection, since)
    connection.commit()


def letterboxd_import(folder: str, journal: str) -> None:
    connection = sqlite3.connect(journal)
    since = last_ids(connection)
    root = Path(folder)
    films: dict[str, int] = {}

    def film(name: str, year: str, uri: str | None = None) -> int:
        key = f"{name}\t{year}"
        if key not in films:
            films[key] = connection.execute(
                "INSERT INTO film (title, title_key, year, original_title, directors,"
                " letterboxd_uri, is_liked, review_count, created_at, updated_at)"
                " VALUES (?, ?, ?, '', '', ?, 0, 0, ?, ?)",
                (name, name.lower(), int(year) if year else None, uri, NOW, NOW),
            ).lastrowid
        return films[key]

    def rows(name: str) -> list[dict[str, str]]:
        with (root / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    for row in rows("watched.csv"):
        film(row["Name"], row["Year"], row["Letterboxd URI"])
    texts = {row["Letterboxd URI"]: row["Review"] for row in rows("reviews.csv")}
    entries = [
        (
            film(row["Name"], row["Year"]),
            texts.get(row["Letterboxd URI"], ""),
            row["Watched Date"] or None,
            row["Tags"],
            float(row["Rating"]) if row["Rating"] else None,
            row["Rewatch"] == "Yes",
            row["Letterboxd URI"],
            NOW,
            NOW,
        )
        for row in rows("diary.csv")
    ]
    connection.executemany(
        "INSERT INTO review (film_id, headline, body, watched_on, where_watched, rating,"
        " is_rewatch, is_liked, has_spoilers, letterboxd_uri, created_at, updated_at)"
        " VALUES (?, '', ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)",
        entries,
    )
    for row in rows("watchlist.csv"):
        connection.execute(
            "UPDATE film SET watchlist_added_on = ? WHERE id = ?",
            (row["Date"], film(row["Name"], row["Year"], row["Letterboxd URI"])),
        )
    reindex(connection, since)
    connection.commit()


COMMANDS = {
    "markdown-export": markdown_export,
    "json-export": json_export,
    "markdown-import": markdown_import,
    "letterboxd-import": letterboxd_import,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](sys.argv[2], sys.argv[3])
