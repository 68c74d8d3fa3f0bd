"""Panes whose widgets are mounted just after the first frame, to start up quicker."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import ComposeResult
from textual.widget import Widget


class LateContents(Widget):
    """Mounts :meth:`contents` right after the first frame; :meth:`when_ready` waits for it.

    The Quotes and Comments panes show nothing before a film is picked anyway; building their
    widgets after the first frame takes them off the start-up time.
    """

    contents_ready = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._waiting: list[Callable[[], object]] = []

    def compose(self) -> ComposeResult:
        yield from ()

    def contents(self) -> Iterable[Widget]:
        """The pane's widgets (subclasses)."""
        return ()

    def on_mount(self) -> None:
        """Mount the contents once the first frame is drawn (and its callbacks have run)."""
        self.call_after_refresh(self.call_later, self._mount_contents)

    async def _mount_contents(self) -> None:
        if self.contents_ready or not self.is_attached:
            return
        await self.mount_all(list(self.contents()))
        self.contents_ready = True
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()

    def when_ready(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` now if the contents are mounted, else as soon as they are."""
        if self.contents_ready:
            callback()
        else:
            self._waiting.append(callback)
