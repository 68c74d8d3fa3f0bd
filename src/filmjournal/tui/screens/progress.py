"""A modal progress bar for long jobs (exports, imports), run in a thread worker."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from filmjournal.display import printable
from filmjournal.tui.failures import attempt_in_thread

Job = Callable[[Callable[[int, int], None]], Any]


class ProgressScreen(ModalScreen[Any]):
    """Runs a job off the event loop, shows how far it got, and closes with its result.

    The job gets a ``progress(done, total)`` callback. If it fails, the failure is reported
    (``failure`` says what failed) and the screen closes with None.
    """

    def __init__(self, title: str, job: Job, *, failure: str) -> None:
        super().__init__()
        self.title_text = title
        self.job = job
        self.failure = failure
        self._last_report = 0.0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(printable(self.title_text), style="bold"))
            yield ProgressBar(id="progress-bar", show_eta=False)

    def on_mount(self) -> None:
        """Start the job."""
        self._run()

    @work(thread=True, exclusive=True, group="progress")
    def _run(self) -> None:
        """Run the job with its own journal connection, then close."""
        result = attempt_in_thread(self, self.failure, self.job, self._report)
        self.app.call_from_thread(self.dismiss, result)

    def _report(self, done: int, total: int) -> None:
        """Called from the worker: move the bar (at most twenty times a second)."""
        now = time.monotonic()
        if done == total or now - self._last_report >= 0.05:
            self._last_report = now
            self.app.call_from_thread(self._update, done, total)

    def _update(self, done: int, total: int) -> None:
        self.query_one("#progress-bar", ProgressBar).update(total=total, progress=done)
