"""Safe file names and writes that never leave half a file behind."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from filmjournal.journal.errors import JournalError

MAX_SLUG_LENGTH = 80
WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}
_NOT_WORD = re.compile(r"[^\w]+")


class ExportError(JournalError):
    """An export that could not be written: the message names the path and the problem."""


def slugify(text: str, fallback: str = "review") -> str:
    """Lower-case words joined by dashes: accents dropped, any script kept, bounded length.

    Never empty, never a path separator or ``..``, never a name Windows reserves.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = _NOT_WORD.sub("-", unicodedata.normalize("NFC", plain).casefold()).strip("-_")
    slug = slug[:MAX_SLUG_LENGTH].rstrip("-_")
    if not slug or slug in WINDOWS_RESERVED:
        return fallback if slug != fallback else f"{fallback}-1"
    return slug


def review_file_name(day: date, title: str, year: int | None, extension: str = "md") -> str:
    """``YYYY-MM-DD-film-title-year.md``."""
    slug = slugify(title, fallback="film")
    return f"{day.isoformat()}-{slug}{f'-{year}' if year else ''}.{extension}"


def free_path(folder: Path, name: str, *, force: bool = False) -> Path:
    """``folder/name``, or with ``-2``, ``-3``… before the extension if taken (unless forced).

    Only a regular file is ever replaced, even when forced: a device, a FIFO or a folder of that
    name is left alone and a number added.
    """
    path = folder / name
    if not _taken(path) or (force and _is_regular_file(path)):
        return path
    stem, dot, extension = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    number = 2
    while True:
        candidate = folder / f"{stem}-{number}{dot}{extension}"
        if not _taken(candidate):
            return candidate
        number += 1


def _taken(path: Path) -> bool:
    """Whether something (a file, a link, anything) already has this name."""
    try:
        path.lstat()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise ExportError(f"{path}: cannot be written ({_reason(error)})") from None
    return True


def _is_regular_file(path: Path) -> bool:
    """Whether the path is a regular file (a link is followed)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def write_atomically(path: Path, text: str | Iterable[str], *, durable: bool = True) -> None:
    """Write the whole text (or its pieces, as they come) to a temporary file beside ``path``,
    then rename it into place.

    Newlines are written exactly as they are in the text; the file gets the usual permissions
    (umask applies). With ``durable`` the bytes reach the disk before the rename.
    """
    pieces = [text] if isinstance(text, str) else text
    temporary, descriptor = _create_temporary(path)
    try:
        try:
            for piece in pieces:
                view = memoryview(piece.encode("utf-8"))
                while view:
                    view = view[os.write(descriptor, view) :]
            if durable:
                os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if _taken(path) and not _is_regular_file(path):
            raise ExportError(f"{path}: is not a regular file; it is left as it is")
        os.replace(temporary, path)
    except BaseException as error:  # interrupted or failed: never leave the temporary file
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise ExportError(f"{path}: cannot write ({_reason(error)})") from None
        raise


def write_new(folder: Path, name: str, text: str) -> Path:
    """Write text to a new file in ``folder`` under ``name`` (numbered if taken); its path.

    The file is created exclusively, so nothing existing is ever replaced; if writing fails
    or is interrupted, the part written is removed. One create and one write per file: an
    export of 20,000 reviews spends most of its time creating files.
    """
    data = text.encode("utf-8")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        path = free_path(folder, name)
        try:
            descriptor = os.open(path, flags, 0o666)
        except FileExistsError:  # made by someone else meanwhile: take the next free name
            continue
        except OSError as error:
            raise ExportError(f"{path}: cannot write ({_reason(error)})") from None
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(descriptor, view) :]
            finally:
                os.close(descriptor)
        except BaseException as error:  # never leave half a file
            with contextlib.suppress(OSError):
                path.unlink()
            if isinstance(error, OSError):
                raise ExportError(f"{path}: cannot write ({_reason(error)})") from None
            raise
        return path
    raise ExportError(f"{folder}: cannot find a free name for {name}")


def _create_temporary(path: Path) -> tuple[Path, int]:
    """A new, empty hidden file beside ``path`` (never an existing one), opened for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise ExportError(f"{path.parent}: cannot write here ({_reason(error)})") from None
    raise ExportError(f"{path.parent}: cannot create a temporary file")


def ensure_folder(folder: Path) -> None:
    """Create the export folder if needed; refuse a path that is a file."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{folder}: cannot create the folder ({_reason(error)})") from None


def _reason(error: OSError) -> str:
    """The operating system's words for an error, in lower case."""
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]
