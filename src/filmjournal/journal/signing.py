"""Who is writing: what new reviews, quotes and comments are signed with, and who may change
what on a shared journal.

The interface and the command line sign with the ``author`` setting (else the login name). On
a server journal a member changes only what they wrote (or what nobody signed: written before
journals were shared), unless the journal lets anyone edit anything; in a journal file,
which one person keeps, anything may be changed.
"""

from __future__ import annotations

from filmjournal.journal.engine import execute, on_postgres
from filmjournal.journal.errors import JournalError
from filmjournal.journal.models import journal_name

_signature: str | None = None


def sign_as(author: str) -> None:
    """Sign what is written from now on with this name."""
    global _signature
    _signature = " ".join(author.split())


def signature() -> str:
    """The name new writing is signed with: the one given to :func:`sign_as`, else the
    login name."""
    global _signature
    if _signature is None:
        _signature = login_name()
    return _signature


def by_another(author: str) -> bool:
    """Whether writing signed ``author`` is someone else's (what nobody signed is not)."""
    return bool(author) and author != signature()


def login_name() -> str:
    """The user's login name (empty if the system has none to give)."""
    import getpass

    try:
        return " ".join(getpass.getuser().split())
    except (KeyError, OSError, ImportError):
        return ""


def check_may_change(kind: str, item_id: int, author: str) -> None:
    """Refuse a change to someone else's writing on a shared journal that says so."""
    if not by_another(author) or not on_postgres() or anyone_edits():
        return
    raise NotYoursError(
        f"{kind} {item_id} was written by {author}: only {author} can change it in this "
        "shared journal"
    )


class NotYoursError(JournalError):
    """A member tried to change what another member wrote."""


def anyone_edits() -> bool:
    """Whether the shared journal lets every member change anything (off by default)."""
    if not on_postgres():
        return True
    row = execute("SELECT anyone_edits FROM filmjournal WHERE id = 1").fetchone()
    return bool(row and row[0])


def set_anyone_edits(allowed: bool) -> None:
    """Let every member change anything in the shared journal, or only what they wrote."""
    if not on_postgres():
        raise JournalError(
            f"{journal_name()}: is a journal file, kept by one person: who may change what is "
            "set for journals shared on a server"
        )
    execute("UPDATE filmjournal SET anyone_edits = ? WHERE id = 1", (int(allowed),))
