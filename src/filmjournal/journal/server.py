"""Journals on a PostgreSQL server: the address, the connection, and its failures in words.

A shared journal is a database on a server, named by a URL
(``postgresql://user@host:5432/club``). The password comes from the URL, ``PGPASSWORD`` or
``~/.pgpass`` (libpq reads the last two itself) and is never shown: every message names the
server as :attr:`ServerAddress.shown`. psycopg 3 is an optional dependency
(``filmjournal[postgres]``), imported only when a server journal is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from peewee import PostgresqlDatabase

from filmjournal.journal.errors import JournalError

CONNECT_TIMEOUT = 10
"""Seconds to wait for a server that does not answer."""
FIELD_TYPES = {"BOOL": "INTEGER", "DATE": "TEXT"}
"""Flags are stored as 0 and 1 and days as ``YYYY-MM-DD`` text, as in a journal file: the same
queries read both."""


class JournalServerError(JournalError):
    """A server journal that cannot be reached, entered or used; names the server, never the
    password."""

    def __init__(self, shown: str, problem: str) -> None:
        super().__init__(f"{shown}: {problem}")
        self.shown = shown
        self.problem = problem


class ServerUnreachableError(JournalServerError):
    """The server did not answer, or the connection to it was lost: worth trying again."""


@dataclass(frozen=True)
class ServerAddress:
    """A PostgreSQL journal's URL, read."""

    host: str
    port: int
    database: str
    user: str | None
    password: str | None
    options: tuple[tuple[str, str], ...] = ()

    @property
    def shown(self) -> str:
        """The address without its password (for every message)."""
        user = f"{self.user}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{user}{host}:{self.port}/{self.database}"

    def connect_params(self) -> dict[str, Any]:
        """What psycopg is given (the password only when the URL has one)."""
        params: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "connect_timeout": CONNECT_TIMEOUT,
            "application_name": "filmjournal",
        }
        if self.user:
            params["user"] = self.user
        if self.password is not None:
            params["password"] = self.password
        params.update(dict(self.options))
        return params


def parse_address(text: str) -> ServerAddress:
    """Read a ``postgresql://`` URL; one clear line for what cannot be read."""
    text = text.strip()
    try:
        parts = urlsplit(text)
        port = parts.port or 5432
    except ValueError as error:
        shown = _without_password(text)
        raise JournalServerError(shown, f"is not a server address ({error})") from None
    database = unquote(parts.path.lstrip("/"))
    host = parts.hostname or "localhost"
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    address = ServerAddress(host, port, database, user, password, tuple(parse_qsl(parts.query)))
    if not database or "/" in database:
        raise JournalServerError(address.shown, "names no database (…:5432/club)")
    return address


def _without_password(text: str) -> str:
    """A URL that could not be read, its password (after ``user:``, before ``@``) left out."""
    head, at, tail = text.rpartition("@")
    if not at:
        return text
    scheme, _, credentials = head.partition("://")
    return f"{scheme}://{credentials.split(':', 1)[0]}@{tail}"


def _hand_psycopg_to_peewee() -> None:
    """Give Peewee the driver it did not import (see ``filmjournal.journal``): what its
    module and its psycopg 3 adapter take from psycopg when it is there at import."""
    import peewee
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if peewee.psycopg is not None:  # type: ignore[attr-defined]
        return
    peewee.psycopg = psycopg  # type: ignore[attr-defined]
    peewee.TransactionStatus = TransactionStatus  # type: ignore[attr-defined]
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb  # type: ignore[attr-defined]
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


def server_database(address: ServerAddress) -> PostgresqlDatabase:
    """A Peewee database for the journal on the server (connected when first used)."""
    try:
        _hand_psycopg_to_peewee()
    except ImportError:
        raise JournalServerError(
            address.shown,
            "PostgreSQL journals need the psycopg package: pip install 'filmjournal[postgres]'",
        ) from None
    database = ServerDatabase(
        address.database,
        field_types=FIELD_TYPES,
        **address.connect_params(),
    )
    database.journal_name = address.shown  # type: ignore[attr-defined]
    return database


class ServerDatabase(PostgresqlDatabase):
    """PostgreSQL for a journal: a connection the server dropped is let go, so the next call
    connects afresh (the server restarted, the network came back) instead of failing on."""

    def is_closed(self) -> bool:
        """Whether this thread has no usable connection (a broken one is forgotten, outside
        a transaction: the transaction's own end reports its failure first)."""
        state = self._state  # type: ignore[attr-defined]
        connection = state.conn
        broken = connection is not None and (connection.closed or connection.broken)
        if broken and not state.closed and not state.transactions:
            state.reset()
        return bool(super().is_closed())


_UNREACHABLE = (
    "connection refused",
    "could not connect",
    "timeout expired",
    "no route to host",
    "server closed the connection",
    "connection is lost",
    "connection is closed",
    "terminating connection",
    "the connection is",
    "consuming input failed",
    "server conn crashed",
)
"""What psycopg and the server say when the server cannot be reached or the connection went."""


def server_error(shown: str, error: BaseException) -> JournalServerError:
    """A psycopg or Peewee error as one line naming the server (never the password)."""
    text = str(error).strip()
    lowered = " ".join(text.split()).lower()  # read whole, shown without what it quotes after
    message = " ".join(text.splitlines()[0].split()) if text else type(error).__name__
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return JournalServerError(shown, "the server refused the password (check it, or ~/.pgpass)")
    if "does not exist" in lowered and "database" in lowered:
        return JournalServerError(shown, "the database does not exist on the server (createdb it)")
    if "no schema has been selected" in lowered:  # no right to use the schema at all
        return JournalServerError(shown, "permission denied (this user may not use the database)")
    if "permission denied" in lowered:
        return JournalServerError(shown, f"permission denied ({_shortened(message)})")
    if "role" in lowered and "does not exist" in lowered:
        return JournalServerError(shown, "the server has no such user")
    if "failed to resolve host" in lowered or "could not translate host name" in lowered:
        return ServerUnreachableError(shown, "no server of that name can be found")
    if any(sign in lowered for sign in _UNREACHABLE):
        return ServerUnreachableError(shown, "the server cannot be reached (is it running?)")
    return JournalServerError(shown, f"PostgreSQL error: {_shortened(message)}")


def _shortened(message: str) -> str:
    """The server's message, cut to 160 characters."""
    return message if len(message) <= 160 else message[:159] + "…"
