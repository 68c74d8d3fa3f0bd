"""The command palette (ctrl+p): every action of the interface by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Add a film", "films", "add_film"),
    ("Edit the film", "films", "edit_film"),
    ("Watchlist: put on / take off", "films", "toggle_watchlist"),
    ("Delete the film", "films", "delete_film"),
    ("Sort films (title, year, last watched, rating)", "films", "cycle_sort"),
    ("New viewing (review) of the film", "review", "new_review"),
    ("Read / write the review", "review", "toggle_reading"),
    ("Delete this viewing (review)", "review", "delete_review"),
    ("Export this review to Markdown", "review", "export_review"),
    ("Export all reviews to Markdown files", "screen", "export_all('md')"),
    ("Export the whole journal to JSON", "screen", "export_all('json')"),
    ("Import a Letterboxd export (zip or folder)", "screen", "import_letterboxd"),
    ("New quote", "quotes", "add"),
    ("Quotes: this film / all films", "quotes", "toggle_scope"),
    ("Favourite quote on / off", "quotes", "favourite"),
    ("New comment", "comments", "add"),
    ("Reply to the comment", "comments", "reply"),
    ("Search the journal", "screen", "search"),
    ("Trash: restore deleted items", "screen", "trash"),
    ("Lists of films", "screen", "lists"),
    ("Stats: your year in film", "screen", "stats"),
    ("Comments you wrote elsewhere (Letterboxd)", "screen", "elsewhere"),
    ("Focus: this pane alone, full screen / all panes", "screen", "toggle_focus"),
    ("Go to Films", "screen", "focus_pane('films')"),
    ("Go to Review", "screen", "focus_pane('review')"),
    ("Go to Quotes", "screen", "focus_pane('quotes')"),
    ("Go to Comments", "screen", "focus_pane('comments')"),
    ("Keys (help)", "app", "help"),
    ("Save and quit", "app", "save_and_quit"),
)
"""Palette entries: title, where the action lives, action."""


class JournalCommands(Provider):
    """Offers every filmjournal action."""

    def _runner(self, target: str, action: str) -> Callable[[], object]:
        """A callable running ``action`` on the app, the screen, or a pane."""
        screen = self.screen
        namespace = {"app": "app", "screen": "screen"}.get(target, f"screen.query_one('#{target}')")
        if target in ("app", "screen"):
            return partial(self.app.run_action, f"{namespace}.{action}")
        pane = screen.query_one(f"#{target}")
        return partial(pane.run_action, action)

    async def discover(self) -> Hits:
        """All commands, before anything is typed."""
        for title, target, action in COMMANDS:
            yield DiscoveryHit(title, self._runner(target, action))

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed."""
        matcher = self.matcher(query)
        for title, target, action in COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._runner(target, action), text=title)
