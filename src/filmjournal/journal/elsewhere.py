"""Comments the user wrote elsewhere: on other people's Letterboxd entries, with their address."""

from __future__ import annotations

from filmjournal.journal.models import date_from_text, parse_utc
from filmjournal.journal.reading import query_records
from filmjournal.journal.records import RemoteComment


def list_remote_comments() -> list[RemoteComment]:
    """The comments written elsewhere (on other people's Letterboxd entries), newest first."""
    query = """SELECT id, url, body, written_on, created_at FROM remote_comment
        ORDER BY written_on DESC, id DESC"""
    return query_records(
        RemoteComment, query, convert={"written_on": date_from_text, "created_at": parse_utc}
    )
