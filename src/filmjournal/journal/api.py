"""What the CLI and the TUI call: the whole journal domain in one namespace.

Every function returns plain records (:mod:`filmjournal.journal.records`), raises
:class:`~filmjournal.journal.errors.JournalError` subclasses with one-line messages, and does its
writes in one transaction. Open a journal first with :func:`open_journal`.
"""

import importlib
from typing import TYPE_CHECKING

from filmjournal.journal.catalogue import (
    Catalogue,
    FilmRows,
    film_key,
    film_list_version,
    read_catalogue,
)
from filmjournal.journal.comments import (
    add_comment,
    comment_tree,
    delete_comment,
    get_comment,
    update_comment,
)
from filmjournal.journal.counts import counts
from filmjournal.journal.database import (
    Journal,
    as_journal_error,
    backup_journal,
    close_journal,
    data_version,
    is_unreachable,
    open_journal,
    thread_connection,
    upgrade_starting,
)
from filmjournal.journal.elsewhere import list_remote_comments
from filmjournal.journal.engine import on_postgres as on_server
from filmjournal.journal.errors import (
    JournalError,
    JournalFileError,
    JournalLockedError,
    NotFoundError,
    ValidationError,
)
from filmjournal.journal.films import (
    create_film,
    delete_film,
    films_titled,
    find_film,
    get_film,
    list_films,
    set_watchlist,
    update_film,
)
from filmjournal.journal.lists import find_list, list_films_of, list_lists
from filmjournal.journal.quotes import (
    create_quote,
    delete_quote,
    get_quote,
    list_all_quotes,
    list_quotes,
    move_quote,
    update_quote,
)
from filmjournal.journal.review_detail import load_review
from filmjournal.journal.reviews import (
    SavedEdit,
    create_review,
    delete_review,
    get_review,
    latest_review,
    list_reviews,
    list_tags,
    save_edit,
    update_review,
)
from filmjournal.journal.search import SearchCancelled, search
from filmjournal.journal.signing import (
    anyone_edits,
    by_another,
    set_anyone_edits,
    sign_as,
    signature,
)
from filmjournal.journal.trash import empty_trash, list_trash, restore

if TYPE_CHECKING:
    from filmjournal.journal.filters import (
        Filter,
        FilterError,
        matching_film_ids,
        matching_review_ids,
        parse_filter,
        parse_search,
        search_filtered,
    )
    from filmjournal.journal.stats import (
        Moment,
        Stats,
        YearPost,
        journal_stats,
        on_this_day,
        year_post,
        years_watched,
    )

_LATER = {
    "filmjournal.journal.filters": (
        "Filter",
        "FilterError",
        "matching_film_ids",
        "matching_review_ids",
        "parse_filter",
        "parse_search",
        "search_filtered",
    ),
    "filmjournal.journal.stats": (
        "Moment",
        "Stats",
        "YearPost",
        "journal_stats",
        "on_server",
        "on_this_day",
        "year_post",
        "years_watched",
    ),
}
"""Modules imported when first used, not at start-up (their classes take milliseconds to make,
and the interface's first frame needs neither)."""


def __getattr__(name: str) -> object:
    """The filter and stats names, imported when first asked for."""
    for module_name, names in _LATER.items():
        if name in names:
            module = importlib.import_module(module_name)
            value = getattr(module, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Catalogue",
    "FilmRows",
    "Filter",
    "FilterError",
    "Journal",
    "JournalError",
    "JournalFileError",
    "JournalLockedError",
    "Moment",
    "NotFoundError",
    "SavedEdit",
    "SearchCancelled",
    "Stats",
    "ValidationError",
    "YearPost",
    "add_comment",
    "anyone_edits",
    "as_journal_error",
    "backup_journal",
    "by_another",
    "close_journal",
    "comment_tree",
    "counts",
    "create_film",
    "create_quote",
    "create_review",
    "data_version",
    "delete_comment",
    "delete_film",
    "delete_quote",
    "delete_review",
    "empty_trash",
    "film_key",
    "film_list_version",
    "films_titled",
    "find_film",
    "find_list",
    "get_comment",
    "get_film",
    "get_quote",
    "get_review",
    "is_unreachable",
    "journal_stats",
    "latest_review",
    "list_all_quotes",
    "list_films",
    "list_films_of",
    "list_lists",
    "list_quotes",
    "list_remote_comments",
    "list_reviews",
    "list_tags",
    "list_trash",
    "load_review",
    "matching_film_ids",
    "matching_review_ids",
    "move_quote",
    "on_server",
    "on_this_day",
    "open_journal",
    "parse_filter",
    "parse_search",
    "read_catalogue",
    "restore",
    "save_edit",
    "search",
    "search_filtered",
    "set_anyone_edits",
    "set_watchlist",
    "sign_as",
    "signature",
    "thread_connection",
    "update_comment",
    "update_film",
    "update_quote",
    "update_review",
    "upgrade_starting",
    "year_post",
    "years_watched",
]
