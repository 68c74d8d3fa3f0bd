"""The CSV files of a Letterboxd export, read from the zip, its unpacked folder, or one CSV file.

An export that cannot be read at all (no such path, not a zip, a damaged zip, a folder without
an export in it) is one :class:`ExportUnreadable`. A single file that is damaged (only NUL bytes,
not UTF-8 text, encrypted, larger than any Letterboxd file) is judged when it is asked for, so
the rest of the export still imports. Files are streamed, only regular files are read, and only
the files the importer uses are opened at all.
"""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

from filmjournal.exchange.letterboxd.rows import LetterboxdError

IMPORT_FORMAT = "import-format.csv"
"""A CSV in Letterboxd's import format (what ``export --to letterboxd`` writes) is read as this."""
KNOWN = (IMPORT_FORMAT, "diary.csv", "watched.csv", "ratings.csv")
"""Files one of which every export has."""
MAX_FILE = 64 * 2**20
"""Bytes in one file of an export at most (a heavy account's reviews.csv is a few megabytes)."""
MAX_MEMBERS = 10_000
"""Files in an export's zip at most (one per list, and a few more)."""

_BROKEN_ZIP = (zipfile.BadZipFile, zlib.error, EOFError)
"""What reading a damaged or truncated zip raises."""


class ExportUnreadable(LetterboxdError):
    """The export as a whole cannot be read: nothing of it is imported."""


class ExportFiles:
    """The CSV files of an export, by their names inside it (``diary.csv``, ``lists/x.csv``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sizes: dict[str, int] = {}
        self._places: dict[str, Path | zipfile.ZipInfo] = {}
        self._zip: Path | None = None
        try:
            self._find(path)
        except OSError as error:
            raise ExportUnreadable(f"{path}: cannot be read ({error.strerror or error})") from None
        self._strip_top_folder()
        if not any(name in self._places for name in KNOWN):
            raise ExportUnreadable(
                f"{path}: not a Letterboxd export (no diary.csv, watched.csv or ratings.csv)"
            )

    def _find(self, path: Path) -> None:
        """Note every CSV file of the export, without reading any."""
        mode = path.stat().st_mode if path.exists() else 0
        if stat.S_ISREG(mode) and path.suffix.lower() == ".csv":
            self._note(IMPORT_FORMAT, path)
        elif stat.S_ISDIR(mode):
            for file in sorted(path.rglob("*.csv")):
                self._note(file.relative_to(path).as_posix(), file)
        elif stat.S_ISREG(mode) and (path.suffix.lower() == ".zip" or _starts_like_a_zip(path)):
            self._find_in_zip(path)
        elif path.exists():
            raise ExportUnreadable(f"{path}: not a Letterboxd export (a .zip or its folder)")
        else:
            raise ExportUnreadable(f"{path}: no such file or folder")

    def _note(self, name: str, file: Path) -> None:
        """Keep a file of a folder if it is a regular file (not a FIFO, a device, a folder)."""
        try:
            info = file.stat()
        except OSError:
            return
        if stat.S_ISREG(info.st_mode):
            self._places[name] = file
            self.sizes[name] = info.st_size

    def _find_in_zip(self, path: Path) -> None:
        """Note the CSV members of the zip; a damaged zip is named as such."""
        _refuse_huge_directory(path)
        try:
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    name = info.filename
                    if name.endswith(".csv") and not name.startswith("__MACOSX/"):
                        self._places[name] = info
                        self.sizes[name] = info.file_size
        except _BROKEN_ZIP as error:
            raise ExportUnreadable(f"{path}: the zip is damaged or incomplete ({error})") from None
        self._zip = path

    def _strip_top_folder(self) -> None:
        """Exports unpacked into one more folder read the same."""
        tops = {PurePosixPath(name).parts[0] for name in self._places}
        if len(tops) == 1 and not any(name.count("/") == 0 for name in self._places):
            top = tops.pop()
            self._places = {name[len(top) + 1 :]: place for name, place in self._places.items()}
            self.sizes = {name[len(top) + 1 :]: size for name, size in self.sizes.items()}

    def __contains__(self, name: str) -> bool:
        return name in self._places

    def under(self, folder: str) -> list[str]:
        """The CSV files in a folder of the export, by name."""
        return sorted(name for name in self._places if name.startswith(f"{folder}/"))

    @contextmanager
    def text(self, name: str) -> Iterator[IO[str]]:
        """A file of the export as a stream of text; LetterboxdError if it cannot be one."""
        if self.sizes[name] > MAX_FILE:
            raise LetterboxdError(
                f"{name}: larger than {MAX_FILE // 2**20} MB, more than any Letterboxd file"
            )
        with self._bytes(name) as raw:
            buffered = io.BufferedReader(raw)
            _check_start(name, buffered)
            # Undecodable bytes come through as lone surrogates, so the CSV reader can name the
            # line they are on.
            yield io.TextIOWrapper(
                buffered, encoding="utf-8-sig", errors="surrogateescape", newline=""
            )

    @contextmanager
    def _bytes(self, name: str) -> Iterator[_Bounded]:
        """A file's bytes as a stream (at most :data:`MAX_FILE` of them, whatever it claims)."""
        place = self._places[name]
        try:
            if isinstance(place, Path):
                with place.open("rb") as file:
                    yield _Bounded(file, name)
                return
            assert self._zip is not None
            _check_readable(name, place)
            with zipfile.ZipFile(self._zip) as archive, archive.open(place) as member:
                yield _Bounded(member, name)
        except OSError as error:
            raise LetterboxdError(f"{name}: cannot be read ({error.strerror or error})") from None
        except RuntimeError as error:  # zipfile: a decompressor this Python was built without
            raise LetterboxdError(f"{name}: cannot be read ({error})") from None
        except _BROKEN_ZIP as error:
            raise ExportUnreadable(
                f"{self.path}: the zip is damaged or incomplete ({error})"
            ) from None


READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
"""The compression methods zipfile reads (Deflate64, method 9, is not one of them)."""
ENCRYPTED = 0x1
"""The general-purpose flag bit of a member that needs a password."""


def _check_readable(name: str, member: zipfile.ZipInfo) -> None:
    """Refuse, by its header, a member zipfile cannot read: encrypted, or compressed otherwise."""
    if member.flag_bits & ENCRYPTED:
        raise LetterboxdError(f"{name}: encrypted in the zip (it needs a password)")
    if member.compress_type not in READABLE_METHODS:
        problem = f"compressed in a way that cannot be read (method {member.compress_type})"
        raise LetterboxdError(f"{name}: {problem}")


class _Bounded(io.RawIOBase):
    """A byte stream that stops with an error past :data:`MAX_FILE` bytes."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        super().__init__()
        self.stream = stream
        self.name = name
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.stream.read(len(buffer))
        self.read_so_far += len(data)
        if self.read_so_far > MAX_FILE:
            raise LetterboxdError(
                f"{self.name}: larger than {MAX_FILE // 2**20} MB, more than any Letterboxd file"
            )
        buffer[: len(data)] = data
        return len(data)


def _check_start(name: str, raw: Any) -> None:
    """Refuse at once a file that is empty or nothing but NUL bytes (damaged exports hold such)."""
    peek = raw.peek(4096)[:4096]
    if peek.strip(b"\x00 \t\r\n"):
        return
    if b"\x00" in peek:
        raise LetterboxdError(f"{name}: not a CSV file (only NUL bytes)")
    if not peek:
        raise LetterboxdError(f"{name}: not a CSV file (an empty file)")


def _starts_like_a_zip(path: Path) -> bool:
    """Whether the file starts as a zip does (whatever its name)."""
    with path.open("rb") as file:
        return file.read(4) == b"PK\x03\x04"


def _refuse_huge_directory(path: Path) -> None:
    """Refuse a zip that claims more files than an export has, before Python reads its list
    (millions of entries would take gigabytes of memory)."""
    with path.open("rb") as file:
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(max(0, size - 65_557))
        tail = file.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        return  # zipfile will say what is wrong
    (entries,) = struct.unpack("<H", tail[end + 10 : end + 12])
    if entries == 0xFFFF or entries > MAX_MEMBERS:
        raise ExportUnreadable(f"{path}: holds more files than a Letterboxd export has")
