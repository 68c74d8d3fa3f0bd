"""The CSV files of a Letterboxd export, read from the zip, its unpacked folder, or one CSV file."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path, PurePosixPath

from filmjournal.exchange.letterboxd.rows import LetterboxdError

IMPORT_FORMAT = "import-format.csv"
"""A CSV in Letterboxd's import format (what ``export --to letterboxd`` writes) is read as this."""

_BROKEN_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError)
"""What reading a damaged, truncated or encrypted zip raises (RuntimeError: a password)."""


class ExportFiles:
    """The CSV files of an export, by their names inside it (``diary.csv``, ``lists/x.csv``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.texts: dict[str, str] = {}
        try:
            self._read(path)
        except OSError as error:
            raise LetterboxdError(f"{path}: cannot be read ({error.strerror or error})") from None
        self._strip_top_folder()
        known = (IMPORT_FORMAT, "diary.csv", "watched.csv", "ratings.csv")
        if not any(name in self.texts for name in known):
            raise LetterboxdError(
                f"{path}: not a Letterboxd export (no diary.csv, watched.csv or ratings.csv)"
            )

    def _read(self, path: Path) -> None:
        """Read every CSV file of the export into :attr:`texts`."""
        if path.is_file() and path.suffix.lower() == ".csv":
            self.texts[IMPORT_FORMAT] = _decode(path, path.read_bytes())
        elif path.is_dir():
            for file in sorted(path.rglob("*.csv")):
                self.texts[file.relative_to(path).as_posix()] = _decode(file, file.read_bytes())
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
                        self.texts[name] = _decode(path / name, archive.read(name))
        except _BROKEN_ZIP as error:
            raise LetterboxdError(f"{path}: the zip is damaged or incomplete ({error})") from None

    def _strip_top_folder(self) -> None:
        """Exports unpacked into one more folder read the same."""
        tops = {PurePosixPath(name).parts[0] for name in self.texts}
        if len(tops) == 1 and not any(name.count("/") == 0 for name in self.texts):
            top = tops.pop()
            self.texts = {name[len(top) + 1 :]: text for name, text in self.texts.items()}

    def get(self, name: str) -> str | None:
        """A file's text, if the export has it."""
        return self.texts.get(name)

    def under(self, folder: str) -> list[str]:
        """The CSV files in a folder of the export, by name."""
        return sorted(name for name in self.texts if name.startswith(f"{folder}/"))


def _starts_like_a_zip(path: Path) -> bool:
    """Whether the file starts as a zip does (whatever its name)."""
    with path.open("rb") as file:
        return file.read(4) == b"PK\x03\x04"


def _decode(path: Path, data: bytes) -> str:
    """A file's bytes as text (UTF-8, with or without a byte-order mark)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LetterboxdError(f"{path}: not UTF-8 text") from None
