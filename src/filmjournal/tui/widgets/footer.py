"""A footer that redraws its keys once per refresh, however often the bindings change.

Textual's Footer recomposes (fifteen widgets here) for every bindings signal; at start-up and on
focus changes several arrive before the next refresh, and redrawing for each cost more than a
second on a 20,000-film journal.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class CalmFooter(Footer):
    """Footer whose recompositions are coalesced."""

    _recompose_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        """Schedule one recomposition for any number of binding changes."""
        if self._recompose_pending:
            return
        self._recompose_pending = True
        self.call_after_refresh(self._recompose_now, screen)

    def _recompose_now(self, screen: Screen) -> None:
        self._recompose_pending = False
        super().bindings_changed(screen)
