"""Writing a long text in the user's own editor ($VISUAL, else $EDITOR) on a temporary ``.md``.

The app hands the terminal over (``App.suspend``), the editor runs on a file in a private
temporary folder, and the text comes back only if the editor exited cleanly and changed it.
Textual offers the suspension but not the round trip, hence this module.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from filmjournal.display import printable
from filmjournal.exchange.files import slugify
from filmjournal.journal.validation import MAX_TEXT_LENGTH

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

MAX_EDITED_BYTES = 4 * MAX_TEXT_LENGTH
"""Larger than any text the journal accepts: such a file is refused unread."""


class EditorFailed(Exception):
    """The editor could not be used, or its result cannot be taken: one line for the user."""


def editor_command(environ: dict[str, str] | None = None) -> list[str]:
    """The command from $VISUAL or $EDITOR, else the system's ``editor`` or ``vi``."""
    environ = dict(os.environ) if environ is None else environ
    chosen = (environ.get("VISUAL") or environ.get("EDITOR") or "").strip()
    if chosen:
        try:
            words = shlex.split(chosen)
        except ValueError as error:
            raise EditorFailed(f"$VISUAL/$EDITOR is not a command ({error}): {chosen}") from None
        if words:
            return words
    fallback = shutil.which("editor") or shutil.which("vi")
    if fallback is None:
        raise EditorFailed("No editor found: set $VISUAL or $EDITOR to the editor you write in.")
    return [fallback]


def edit_in_editor(app: App[object], text: str, name: str) -> str | None:
    """Let the user edit ``text`` in their editor: the new text, or None if it is unchanged."""
    command = editor_command()
    folder = Path(tempfile.mkdtemp(prefix="filmjournal-"))
    path = folder / f"{slugify(name)}.md"
    try:
        path.write_text(text, encoding="utf-8", newline="")
        status, problem = _run_suspended(app, [*command, str(path)])
        if problem:
            raise EditorFailed(problem)
        if status != 0:
            raise EditorFailed(
                f"The editor ({command[0]}) exited with status {status}: nothing was changed."
            )
        edited = _read_back(path, text)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return None if edited == text else edited


def _run_suspended(app: App[object], command: list[str]) -> tuple[int, str]:
    """Run the editor with the terminal handed over: (exit status, problem starting it)."""
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            return _run(command)  # never raises: an exception here would skip the resumption
    except SuspendNotSupported:
        if not app.is_headless:
            return -1, "This terminal cannot be handed over to an editor."
        return _run(command)  # headless (tests): nothing to hand over


def _run(command: list[str]) -> tuple[int, str]:
    try:
        return subprocess.run(command, check=False).returncode, ""
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return -1, f"Could not start the editor {command[0]!r}: {reason}"


def _read_back(path: Path, original: str) -> str:
    """The edited text; the final newline editors add is dropped if the original had none."""
    try:
        if path.stat().st_size > MAX_EDITED_BYTES:
            raise EditorFailed("The edited text is too long for the journal: nothing was changed.")
        with path.open(encoding="utf-8", newline="") as file:
            edited = file.read()
    except FileNotFoundError:
        raise EditorFailed("The editor left no file behind: nothing was changed.") from None
    except UnicodeDecodeError:
        raise EditorFailed("The edited file is not UTF-8 text: nothing was changed.") from None
    except OSError as error:
        raise EditorFailed(f"Could not read the edited file back: {error.strerror}") from None
    if not original.endswith("\n") and edited.endswith("\n"):
        edited = edited.removesuffix("\r\n") if edited.endswith("\r\n") else edited[:-1]
    return edited


def rewrite_in_editor(widget: Widget, text: str, name: str) -> str | None:
    """``text`` as the user left it in their editor; None (and a notice) if nothing changed."""
    try:
        edited = edit_in_editor(widget.app, text, name)
    except EditorFailed as problem:
        widget.notify(printable(str(problem)), severity="error", markup=False, timeout=10)
        return None
    if edited is None:
        widget.notify("Unchanged in the editor: nothing to save.", markup=False)
    return edited
