"""Choosing the user's editor from the environment, and reading its result back."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmjournal.tui.external_editor import EditorFailed, _read_back, editor_command


def test_visual_wins_over_editor_and_keeps_its_arguments():
    environ = {"VISUAL": "code --wait", "EDITOR": "vi"}
    assert editor_command(environ) == ["code", "--wait"]
    assert editor_command({"EDITOR": "'/opt/my editor/bin/ed' -n"}) == [
        "/opt/my editor/bin/ed",
        "-n",
    ]


def test_an_editor_variable_that_is_not_a_command_is_one_line():
    with pytest.raises(EditorFailed, match=r"\$VISUAL/\$EDITOR is not a command"):
        editor_command({"VISUAL": "vim 'unclosed"})


def test_without_a_choice_the_system_editor_is_used(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    assert editor_command({"VISUAL": "  "}) == ["/usr/bin/editor"]
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(EditorFailed, match="set \\$VISUAL or \\$EDITOR"):
        editor_command({})


@pytest.mark.parametrize(
    ("original", "written", "read"),
    [
        ("no newline", "no newline\n", "no newline"),
        ("no newline", "no newline\r\n", "no newline"),
        ("ends in one\n", "ends in one\n", "ends in one\n"),
        ("", "typed\n\n", "typed\n"),
        ("keeps\r\nCRLF inside", "keeps\r\nCRLF inside\n", "keeps\r\nCRLF inside"),
    ],
)
def test_only_the_final_newline_editors_add_is_dropped(tmp_path: Path, original, written, read):
    path = tmp_path / "text.md"
    path.write_bytes(written.encode("utf-8"))
    assert _read_back(path, original) == read


def test_a_result_that_is_not_text_or_is_gone_changes_nothing(tmp_path: Path):
    path = tmp_path / "text.md"
    path.write_bytes(b"\xff\xfe caf\xe9")
    with pytest.raises(EditorFailed, match="not UTF-8 text: nothing was changed"):
        _read_back(path, "")
    path.unlink()
    with pytest.raises(EditorFailed, match="left no file behind"):
        _read_back(path, "")
