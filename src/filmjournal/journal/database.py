"""Opening, checking, migrating and backing up a journal file.

A journal is opened with WAL, foreign keys, a busy timeout and full sync. Before anything is
written the file is checked: a directory, a file that is not SQLite, a SQLite file that is not a
journal, or a journal from a newer filmjournal is refused and left byte for byte as it was.
"""

from __future__ import annotations

import errno
import math
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

import peewee

from filmjournal.journal import schema
from filmjournal.journal.engine import execute, on_postgres
from filmjournal.journal.errors import (
    JournalDamagedError,
    JournalError,
    JournalFileError,
    JournalLockedError,
)
from filmjournal.journal.models import db, journal_name, sqlite_db
from filmjournal.journal.server import (
    JournalServerError,
    ServerUnreachableError,
    parse_address,
    server_database,
    server_error,
)
from filmjournal.journal.server_schema import (
    SERVER_MIGRATIONS,
    create_server_schema,
    migrate_server_journal,
    server_changes,
    server_schema_version,
)
from filmjournal.paths import is_server_address

Upgrading = Callable[[Path | str, int], object]
"""Told the journal (a file, or a server address) and its version before it is upgraded."""
DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds to wait for another program's lock before giving up."""
MAX_BUSY_TIMEOUT = 3600.0
"""The longest wait that may be asked for."""
RESTORE = "restore it from a backup (filmjournal backup writes one)"

SQLITE_HEADER = b"SQLite format 3\x00"
CONNECTION_PRAGMAS = [
    ("foreign_keys", 1),
    ("synchronous", "FULL"),
    ("cache_size", -32_000),
    ("temp_store", "MEMORY"),  # sorts for big exports stay in memory, not in temporary files
]
"""Set on every connection; none of them writes to the file (WAL is set once it is a journal)."""


@dataclass
class Journal:
    """An open journal: the models are bound to it until :meth:`close`."""

    path: Path
    """The journal file (for a server journal: its address without the password, as text)."""
    busy_timeout: float
    migrated_from: int | None = None
    backup_path: Path | None = None
    server: str | None = None
    """A server journal's address without its password; None for a file."""

    @property
    def name(self) -> str:
        """The file, or the server address, as messages name it."""
        return self.server or str(self.path)

    def close(self) -> None:
        """Close this thread's connection to the journal (after a server journal, the models
        point at the file engine again)."""
        close_journal()
        if self.server is not None:
            db.initialize(sqlite_db)

    def upgrade_notice(self) -> str | None:
        """If opening upgraded the journal: one line saying so, and where the old copy is."""
        if self.migrated_from is None:
            return None
        upgraded = (
            f"{self.name}: upgraded from schema {self.migrated_from} to {schema.SCHEMA_VERSION}"
        )
        if self.backup_path:
            return f"{upgraded}; a copy of the old journal was saved as {self.backup_path}"
        return f"{upgraded} in one transaction"  # a server's: its own backups keep the old one

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def busy_timeout_from_env() -> float:
    """The busy timeout: ``FILMJOURNAL_BUSY_TIMEOUT`` seconds if set, else the default.

    A value that is not a number is ignored; one outside 0 to an hour is brought within it.
    """
    value = os.environ.get("FILMJOURNAL_BUSY_TIMEOUT", "")
    try:
        seconds = float(value) if value else DEFAULT_BUSY_TIMEOUT
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT
    return DEFAULT_BUSY_TIMEOUT if math.isnan(seconds) else min(max(0.0, seconds), MAX_BUSY_TIMEOUT)


def open_journal(
    path: Path | str,
    *,
    busy_timeout: float | None = None,
    upgrading: Upgrading | None = None,
    create: bool = True,
) -> Journal:
    """Open (creating or migrating if needed) the journal at ``path`` and bind the models to it.

    ``upgrading(path, version)`` is called before an older journal is backed up and upgraded
    (seconds for a large one): a person is told why nothing shows yet. Without ``create``, a
    journal that is not there yet is refused, not made (what is read from must exist).
    """
    if is_server_address(path):
        return open_server_journal(str(path), upgrading=upgrading, create=create)
    path = Path(path).expanduser()
    timeout = busy_timeout_from_env() if busy_timeout is None else busy_timeout
    if not create and not path.exists() and not path.is_symlink():
        raise JournalFileError(path, "does not exist: there is no journal to read")
    _check_path(path)
    close_journal()
    sqlite_db.init(str(path), pragmas=CONNECTION_PRAGMAS, timeout=timeout)  # type: ignore[arg-type]
    db.initialize(sqlite_db)
    journal = Journal(path=_resolved(path), busy_timeout=timeout)
    try:
        _prepare(journal, upgrading)
    except peewee.DatabaseError as error:
        close_journal()
        raise sqlite_error(path, error, timeout) from error
    except BaseException:
        close_journal()
        raise
    return journal


def open_server_journal(
    address_text: str, *, upgrading: Upgrading | None = None, create: bool = True
) -> Journal:
    """Open (creating, unless not ``create``, or migrating if needed) the journal in a
    PostgreSQL database."""
    address = parse_address(address_text)
    close_journal()
    db.initialize(server_database(address))
    journal = Journal(path=Path(address.database), busy_timeout=0.0, server=address.shown)
    try:
        _prepare_server(journal, upgrading, create=create)
    except BaseException as error:
        close_journal()
        if isinstance(error, peewee.PeeweeException):
            raise server_error(address.shown, error) from error
        raise
    return journal


def _prepare_server(journal: Journal, upgrading: Upgrading | None, *, create: bool) -> None:
    """Create or migrate a server journal's schema, in one transaction; refuse other data."""
    shown = journal.server or ""
    with db.atomic():
        # Two clients opening a new database at once: the second waits, then finds the schema.
        execute("SELECT pg_advisory_xact_lock(hashtext('filmjournal schema'))")
        version = server_schema_version()
        if version is None and not create:
            raise JournalServerError(shown, "holds no journal: there is nothing to read")
        if version is None:
            create_server_schema()
            return
        if version < 0:
            raise JournalServerError(shown, "the database holds other tables: not a journal")
        if version > schema.SCHEMA_VERSION:
            raise JournalServerError(
                shown,
                f"was written by a newer filmjournal (schema {version}; this version reads up "
                f"to {schema.SCHEMA_VERSION}): upgrade filmjournal to open it",
            )
        if version < min(SERVER_MIGRATIONS):
            raise JournalServerError(shown, f"has schema {version}, which no version wrote")
        if version < schema.SCHEMA_VERSION:  # one transaction: all of it, or none
            if upgrading is not None:
                upgrading(shown, version)
            try:
                migrate_server_journal(version)
            except peewee.ProgrammingError as error:
                if "permission denied" not in str(error):
                    raise
                raise JournalServerError(
                    shown,
                    f"needs upgrading from schema {version} to {schema.SCHEMA_VERSION}, which "
                    "only the journal's owner may do: the owner opens it once, then members can",
                ) from error
            journal.migrated_from = version


def data_version() -> int:
    """A number that changes when another connection (a worker, another program) commits.

    SQLite's ``PRAGMA data_version``: cheap enough to ask twice a second, so the interface can
    follow a journal changed on disk.
    """
    if on_postgres():
        return server_changes()
    row = db.execute_sql("PRAGMA data_version").fetchone()
    return int(row[0])


def close_journal() -> None:
    """Close the current thread's connection, if one is open."""
    if db.obj is not None and db.obj.database is not None and not db.is_closed():
        db.close()


@contextmanager
def thread_connection() -> Iterator[None]:
    """Run journal work in a worker thread, closing that thread's connection afterwards."""
    try:
        yield
    finally:
        close_journal()


def sqlite_error(path: Path | str, error: Exception, timeout: float) -> JournalFileError:
    """Turn a SQLite error into a one-line journal error naming the file."""
    message = str(error)
    if "locked" in message or "busy" in message:
        return JournalLockedError(
            path, f"the journal is locked by another program (waited {timeout:g} s)"
        )
    if "not a database" in message:
        return JournalFileError(path, "is not a SQLite database")
    if "malformed" in message or "decode" in message or "corrupt" in message:
        return JournalDamagedError(path, f"is damaged ({message}); {RESTORE}")
    if "disk is full" in message or "disk full" in message:
        return JournalFileError(path, "cannot be written: the disk is full (nothing was changed)")
    if "unable to open" in message:
        return JournalFileError(path, "cannot be opened")
    if "readonly" in message:
        return JournalFileError(path, "is read-only: nothing can be written to it")
    if "I/O error" in message:
        return JournalFileError(path, "cannot be read or written (a disk input/output error)")
    return JournalFileError(path, f"SQLite error: {message}")


def check_integrity() -> None:
    """Refuse to go on with a journal whose pages are damaged (before reading all of it out);
    a server checks its own pages."""
    if on_postgres():
        return
    problems = [row[0] for row in db.execute_sql("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise JournalDamagedError(journal_name(), f"is damaged ({'; '.join(problems)}); {RESTORE}")


def is_unreachable(error: BaseException) -> bool:
    """Whether a failed journal call failed because the server could not be reached (so it
    may work when tried again)."""
    return isinstance(as_journal_error(error), ServerUnreachableError)


def as_journal_error(error: BaseException) -> JournalError | None:
    """The one-line error to show for a failed journal call, or None if it is a bug.

    Journal errors stay as they are; SQLite errors name the journal file, file system errors the
    file they are about.
    """
    if isinstance(error, JournalError):
        return error
    from_driver = type(error).__module__.startswith("psycopg")  # the listener's own connection
    if (isinstance(error, peewee.PeeweeException) or from_driver) and on_postgres():
        return server_error(journal_name(), error)
    if isinstance(error, peewee.PeeweeException | sqlite3.Error):
        timeout = float(db.obj.connect_params.get("timeout", DEFAULT_BUSY_TIMEOUT))
        return sqlite_error(journal_name(), error, timeout)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return JournalError(f"{where}{error.strerror or error}")
    return None


def _check_path(path: Path) -> None:
    """Refuse paths that cannot hold a journal, creating missing parent folders.

    Only a regular file is opened: a folder, a FIFO (which would hang) or a device is refused.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        _create_folder(path)
        return
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise JournalFileError(path, "is a loop of symbolic links") from None
        raise JournalFileError(path, f"cannot be reached ({_reason(error)})") from None
    if stat.S_ISDIR(mode):
        raise JournalFileError(path, "is a directory, not a journal file")
    if not stat.S_ISREG(mode):
        raise JournalFileError(path, f"is {_kind_of(mode)}, not a journal file")
    _check_header(path)


def _create_folder(path: Path) -> None:
    """Create the folders a new journal goes in; refuse if it cannot be written there."""
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise JournalFileError(path, f"cannot be created: {blocking} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise JournalFileError(path, f"cannot be created: {_reason(error)}") from None
    if not os.access(path.parent, os.W_OK):
        raise JournalFileError(path, "cannot be created: permission denied")


def _kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (a named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _reason(error: OSError) -> str:
    """The operating system's words for an error, in lower case."""
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


def _resolved(path: Path) -> Path:
    """The absolute path, links followed (as far as they go)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _check_header(path: Path) -> None:
    """Refuse an existing file that is neither empty nor a SQLite database."""
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise JournalFileError(path, f"cannot be read: {_reason(error)}") from None
    if header and header != SQLITE_HEADER:
        raise JournalFileError(path, "is not a SQLite database")


def upgrade_starting(path: Path | str, version: int) -> str:
    """What to tell a person while an older journal is backed up and upgraded."""
    if is_server_address(path):
        return (
            f"{path}: upgrading from schema {version} to {schema.SCHEMA_VERSION} in one "
            "transaction…"
        )
    return (
        f"{path}: upgrading from schema {version} to {schema.SCHEMA_VERSION} (a copy is saved "
        "first); a large journal takes a minute…"
    )


def _prepare(journal: Journal, upgrading: Upgrading | None) -> None:
    """Check what the file holds, then create or migrate its schema as needed."""
    version = _inspect(journal.path)
    if version == schema.SCHEMA_VERSION:
        return
    db.execute_sql("PRAGMA journal_mode = WAL")
    with db.atomic():
        version = _inspect(journal.path)
        if version is None:
            schema.create_schema()
            return
        if version == schema.SCHEMA_VERSION:
            return
        if upgrading is not None:
            upgrading(journal.path, version)
        backup_path = _migration_backup_path(journal.path, version)
        journal.backup_path = backup_journal(backup_path, source=journal.path)
        _migrate(journal, version)


def _migrate(journal: Journal, version: int) -> None:
    """Upgrade the schema inside the open transaction; any failure rolls it all back."""
    try:
        with db.atomic():
            schema.migrate(version)
    except Exception as error:
        raise JournalFileError(
            journal.path,
            f"could not be upgraded from schema {version} to {schema.SCHEMA_VERSION} ({error}); "
            f"it is unchanged, and a copy was saved as {journal.backup_path}",
        ) from error
    journal.migrated_from = version


def _inspect(path: Path) -> int | None:
    """The schema version of the journal, or None for a new empty file; refuse anything else."""
    application_id = db.pragma("application_id")
    version = db.pragma("user_version")
    if application_id == schema.APPLICATION_ID:
        if version > schema.SCHEMA_VERSION:
            raise JournalFileError(
                path,
                f"was written by a newer filmjournal (schema {version}; this version reads up to "
                f"{schema.SCHEMA_VERSION}): upgrade filmjournal to open it",
            )
        return int(version)
    table_count = db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if application_id == 0 and table_count == 0:
        return None
    raise JournalFileError(path, "is a SQLite database but not a filmjournal journal")


def _migration_backup_path(path: Path, version: int) -> Path:
    """Where the copy made before migrating a version ``version`` journal goes."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.schema{version}-backup-{stamp}{path.suffix or '.db'}")


def backup_journal(destination: Path | str, *, source: Path | None = None) -> Path:
    """Write a consistent copy of the journal (SQLite backup API) and return its path.

    The copy comes from the open journal, or from a fresh connection to ``source`` (needed while
    the open connection holds the write lock, as it does before a migration). It is written to a
    temporary file beside ``destination`` and renamed into place, so a failed backup never
    leaves half a file.
    """
    destination = Path(destination).expanduser()
    try:
        if destination.exists() and not stat.S_ISREG(destination.stat().st_mode):
            raise JournalError(f"{destination}: is not a regular file; it is left as it is")
        if source is None:
            check_integrity()
        return _backup(destination, source)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise JournalError(f"{destination}: the backup could not be written ({reason})") from error


def _backup(destination: Path, source: Path | None) -> Path:
    """Copy the journal to a temporary file beside ``destination``, then rename it there."""
    handle, temporary = tempfile.mkstemp(prefix=".filmjournal-backup-", dir=destination.parent)
    os.close(handle)
    try:
        reader = sqlite3.connect(source) if source else db.connection()
        target = sqlite3.connect(temporary)
        try:
            reader.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
            if source:
                reader.close()
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return destination
