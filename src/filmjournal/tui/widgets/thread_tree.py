"""The comment thread as a tree whose rows end in "…" instead of being cut mid-word.

Textual's Tree crops each row at the edge (and scrolls sideways to show the rest); a thread is
read down, not across, so each label is shortened to the width left beside its guides.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from filmjournal.journal.records import Comment


def depth_of(node: TreeNode[Comment]) -> int:
    """How many comments a node is nested under (0 for a comment on the review)."""
    depth = 0
    parent = node.parent
    while parent is not None and not parent.is_root:
        depth += 1
        parent = parent.parent
    return depth


class ThreadTree(Tree[Comment]):
    """Comments with their replies nested below; each row fits the width."""

    DEFAULT_CSS = "ThreadTree { overflow-x: hidden; }"

    def render_label(self, node: TreeNode[Comment], base_style: Style, style: Style) -> Text:
        """The label, shortened with "…" to the room beside the guides."""
        label = super().render_label(node, base_style, style)
        room = self.size.width - depth_of(node) * self.guide_depth
        if room > 1 and label.cell_len > room:
            shorten_text(label, room)
        return label


def shorten_text(text: Text, room: int) -> None:
    """Cut styled text to ``room`` cells ending in "…", at a space when one is near the end."""
    text.truncate(room - 1)
    space = text.plain.rfind(" ", room // 2)
    if space > 0:
        text.right_crop(len(text.plain) - space)
    text.rstrip()
    text.append("…")
