"""File names that are safe everywhere, numbering instead of overwriting, no half-written files."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filmjournal.exchange.files import (
    MAX_SLUG_LENGTH,
    WINDOWS_RESERVED,
    ExportError,
    free_path,
    review_file_name,
    slugify,
    write_atomically,
)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Her", "her"),
        ("Amélie", "amelie"),
        ("Paris, Texas", "paris-texas"),
        ("2001: A Space Odyssey", "2001-a-space-odyssey"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c:d*e?f", "a-b-c-d-e-f"),
        ("千と千尋の神隠し", "千と千尋の神隠し"),
        ("CON", "film"),
        ("nul", "film"),
        ("...", "film"),
        ("", "film"),
        ("[bold red]x[/]", "bold-red-x"),
    ],
)
def test_slugs(title, slug):
    assert slugify(title, fallback="film") == slug


@given(st.text())
def test_any_title_gives_a_safe_bounded_name(title):
    name = review_file_name(date(2014, 5, 2), title, 2013)
    assert name.startswith("2014-05-02-") and name.endswith("-2013.md")
    stem = name.removesuffix(".md")
    assert "/" not in name and "\\" not in name and ".." not in name and "\x00" not in name
    assert len(stem) <= len("2014-05-02-") + MAX_SLUG_LENGTH + len("-2013")
    assert slugify(title).casefold() not in WINDOWS_RESERVED
    assert slugify(title)


def test_file_name_without_a_year():
    assert review_file_name(date(2024, 1, 7), "Paterson", None) == "2024-01-07-paterson.md"


def test_taken_names_are_numbered_unless_forced(tmp_path: Path):
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "a-2.md").write_text("x")
    assert free_path(tmp_path, "a.md") == tmp_path / "a-3.md"
    assert free_path(tmp_path, "a.md", force=True) == tmp_path / "a.md"
    assert free_path(tmp_path, "b.md") == tmp_path / "b.md"


def test_writes_keep_newlines_exactly(tmp_path: Path):
    path = tmp_path / "x.md"
    write_atomically(path, "a\r\nb\rc\n")
    assert path.read_bytes() == b"a\r\nb\rc\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_one_line_and_leaves_nothing(tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="cannot write here"):
            write_atomically(folder / "x.md", "text")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_failed_rename_leaves_no_temporary_file(tmp_path: Path):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "inside").write_text("x")
    with pytest.raises(ExportError, match="is not a regular file; it is left as it is"):
        write_atomically(target, "text")  # a folder is never replaced by a file
    assert sorted(path.name for path in tmp_path.iterdir()) == ["taken"]


def test_a_new_file_never_replaces_one_and_an_interrupted_one_is_removed(tmp_path, monkeypatch):
    from filmjournal.exchange.files import write_new

    (tmp_path / "a.md").write_text("mine", encoding="utf-8")
    written = write_new(tmp_path, "a.md", "new")
    assert written.name == "a-2.md" and written.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "mine"

    def interrupted(descriptor: int, data: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_new(tmp_path, "b.md", "text")
    monkeypatch.undo()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-2.md", "a.md"]
