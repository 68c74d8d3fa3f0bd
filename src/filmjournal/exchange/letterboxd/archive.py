"""The CSV files of a Letterboxd export, read from the zip, its unpacked folder, or one CSV file.

An export that cannot be read at all (no such path, not a zip, a damaged zip, a folder without
an export in it) is one :class:`LetterboxdError`. A single file that is damaged (only NUL bytes,
not UTF-8 text, unreadable) is judged when it is asked for, so the rest of the export still
imports.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path, PurePosixPath

from filmjournal.exchange.letterboxd.rows import LetterboxdError

IMPORT_FORMAT = "import-format.csv"
"""A CSV in Letterboxd's import format (what ``export --to letterboxd`` writes) is read as this."""
KNOWN = (IMPORT_FORMAT, "diary.csv", "watched.csv", "ratings.csv")
"""Files one of which every export has."""

_BROKEN_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError)
"""What reading a damaged, truncated or encrypted zip raises (RuntimeError: a password)."""


class ExportFiles:
    """The CSV files of an export, by their names inside it (``diary.csv``, ``lists/x.csv``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.contents: dict[str, bytes | OSError] = {}
        try:
            self._read(path)
        except OSError as error:
            raise LetterboxdError(f"{path}: cannot be read ({error.strerror or error})") from None
        self._strip_top_folder()
        if not any(name in self.contents for name in KNOWN):
            raise LetterboxdError(
                f"{path}: not a Letterboxd export (no diary.csv, watched.csv or ratings.csv)"
            )

    def _read(self, path: Path) -> None:
        """Read every CSV file of the export (a file that cannot be read is noted)."""
        if path.is_file() and path.suffix.lower() == ".csv":
            self.contents[IMPORT_FORMAT] = path.read_bytes()
        elif path.is_dir():
            for file in sorted(path.rglob("*.csv")):
                self.contents[file.relative_to(path).as_posix()] = _bytes_of(file)
        elif path.is_file() and (path.suffix.lower() == ".zip" or _starts_like_a_zip(path)):
            self._read_zip(path)
        elif path.exists():
            raise LetterboxdError(f"{path}: not a Letterboxd export (a .zip or its folder)")
        else:
            raise LetterboxdError(f"{path}: no such file or folder")

    def _read_zip(self, path: Path) -> None:
        """Read the CSV files of the zip; a damaged zip is named as such."""
        try:
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".csv") and not name.startswith("__MACOSX/"):
                        self.contents[name] = archive.read(name)
        except _BROKEN_ZIP as error:
            raise LetterboxdError(f"{path}: the zip is damaged or incomplete ({error})") from None

    def _strip_top_folder(self) -> None:
        """Exports unpacked into one more folder read the same."""
        tops = {PurePosixPath(name).parts[0] for name in self.contents}
        if len(tops) == 1 and not any(name.count("/") == 0 for name in self.contents):
            top = tops.pop()
            self.contents = {name[len(top) + 1 :]: data for name, data in self.contents.items()}

    def __contains__(self, name: str) -> bool:
        return name in self.contents

    def text(self, name: str) -> str:
        """A file's text; LetterboxdError naming the file if it is damaged."""
        data = self.contents[name]
        if isinstance(data, OSError):
            raise LetterboxdError(f"{name}: cannot be read ({data.strerror or data})")
        return decode(name, data)

    def under(self, folder: str) -> list[str]:
        """The CSV files in a folder of the export, by name."""
        return sorted(name for name in self.contents if name.startswith(f"{folder}/"))


def _bytes_of(file: Path) -> bytes | OSError:
    """A file's bytes, or why they cannot be read."""
    try:
        return file.read_bytes()
    except OSError as error:
        return error


def _starts_like_a_zip(path: Path) -> bool:
    """Whether the file starts as a zip does (whatever its name)."""
    with path.open("rb") as file:
        return file.read(4) == b"PK\x03\x04"


def decode(name: str, data: bytes) -> str:
    """A CSV file's bytes as text, or LetterboxdError saying in a person's words what is wrong."""
    if not data.strip(b"\x00 \t\r\n"):
        reason = "only NUL bytes" if b"\x00" in data else "an empty file"
        raise LetterboxdError(f"{name}: not a CSV file ({reason})")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise LetterboxdError(f"{name} line {line}: not a CSV file (it holds NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LetterboxdError(f"{name} line {line}: not UTF-8 text") from None
