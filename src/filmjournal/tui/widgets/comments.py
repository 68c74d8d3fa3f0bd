"""The Comments pane: the review's thread as a tree, replies under their parent."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from filmjournal.display import local_time, printable
from filmjournal.journal import api
from filmjournal.journal.records import Comment
from filmjournal.tui.failures import journal_work
from filmjournal.tui.messages import (
    AddComment,
    DeleteComment,
    EditComment,
    ReplyToComment,
    WriteComment,
)
from filmjournal.tui.widgets.late import LateContents

if TYPE_CHECKING:
    from textual.widgets import Tree
    from textual.widgets.tree import TreeNode


def comment_label(comment: Comment) -> Text:
    """Author, date and the first line of the comment, literally."""
    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(printable(comment.author or "anonymous"), style="bold")
    label.append(f" {local_time(comment.created_at)} ", style="dim")
    label.append(printable(" ".join(comment.body.split())))
    return label


COMMENT_ACTIONS = ("reply", "edit", "write", "delete")
"""What needs a selected comment."""


class CommentsPane(LateContents, Vertical, can_focus=True):
    """Read and answer the comments under the review being written."""

    BORDER_TITLE = "Comments"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "add", "Comment"),
        Binding("r", "reply", "Reply"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
        Binding("ctrl+e", "write", "$EDITOR"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.review_id: int | None = None

    def contents(self) -> list[Widget]:
        """The thread as a tree, and the selected comment in full (Tree is imported late)."""
        from filmjournal.tui.widgets.thread_tree import ThreadTree

        tree = ThreadTree("thread", id="comment-tree")
        tree.show_root = False
        tree.guide_depth = 2
        body = Static(id="comment-body")
        body.display = False
        return [Static(id="comment-hint"), tree, body]

    @property
    def tree(self) -> Tree[Comment]:
        """The thread on screen."""
        from textual.widgets import Tree

        return self.query_one("#comment-tree", Tree)

    def on_focus(self) -> None:
        """Focusing the pane focuses the thread."""
        self.when_ready(lambda: self.tree.focus())

    def focus_inside(self) -> None:
        """Focus the thread (the pane holds the focus until the thread is mounted)."""
        if self.contents_ready:
            self.tree.focus()
        else:
            self.focus()

    def show_review(self, review_id: int | None, select_id: int | None = None) -> None:
        """Show the thread under this review."""
        self.review_id = review_id
        self.when_ready(lambda: self._load(review_id, select_id))

    def reload(self, select_id: int | None = None) -> None:
        """Read the thread again; the cursor stays on its comment unless told where to go."""

        def load() -> None:
            current = self._current()
            chosen = select_id if select_id is not None or current is None else current.id
            self._load(self.review_id, chosen)

        self.when_ready(load)

    @journal_work("Could not load the comments", group="comments")
    def _load(self, review_id: int | None, select_id: int | None) -> None:
        comments: list[Comment] = []
        if review_id is not None:
            try:
                comments = api.comment_tree(review_id)
            except api.NotFoundError:
                comments = []
        self.app.call_from_thread(self._show, review_id, comments, select_id)

    def _show(self, review_id: int | None, comments: list[Comment], select_id: int | None) -> None:
        if review_id != self.review_id:
            return
        tree = self.tree
        tree.clear()
        selected: TreeNode[Comment] | None = None

        def add(parent: TreeNode[Comment], comment: Comment) -> None:
            nonlocal selected
            node = parent.add(
                comment_label(comment),
                data=comment,
                expand=True,
                allow_expand=bool(comment.replies),
            )
            if comment.id == select_id:
                selected = node
            for reply in comment.replies:
                add(node, reply)

        for comment in comments:
            add(tree.root, comment)
        if selected is None and tree.root.children:
            selected = tree.root.children[0]
        if selected is not None:
            tree.move_cursor(selected)
            if selected.data is not None:
                self.query_one("#comment-body", Static).update(Text(printable(selected.data.body)))
        empty = "No comments yet: press c to add one." if review_id else "Write a review first."
        hint = self.query_one("#comment-hint", Static)
        hint.update(Text(empty, style="dim italic"))
        hint.display = not comments
        self.refresh_bindings()
        self.query_one("#comment-body", Static).display = bool(comments)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys about the selected comment are hidden when there is none."""
        if action in COMMENT_ACTIONS:
            return self._current() is not None
        return True

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Comment]) -> None:
        """Show the highlighted comment in full (handled by name: Tree is imported late)."""
        event.stop()
        self.refresh_bindings()
        comment = event.node.data
        if comment is not None:
            self.query_one("#comment-body", Static).update(Text(printable(comment.body)))

    def _current(self) -> Comment | None:
        if not self.contents_ready:
            return None
        node = self.tree.cursor_node
        return node.data if node is not None else None

    def action_add(self) -> None:
        """Add a comment to the thread."""
        if self.review_id is None:
            self.notify(
                "Write the review first: comments belong to a saved review.", severity="warning"
            )
            return
        self.post_message(AddComment(self.review_id))

    def _ask(
        self, intent: type[ReplyToComment | EditComment | WriteComment | DeleteComment]
    ) -> None:
        """Ask for something to be done to the selected comment (say when there is none)."""
        comment = self._current()
        if comment is None:
            self.notify("No comment selected.", severity="warning")
        else:
            self.post_message(intent(comment))

    def action_reply(self) -> None:
        """Reply to the selected comment."""
        self._ask(ReplyToComment)

    def action_edit(self) -> None:
        """Edit the selected comment."""
        self._ask(EditComment)

    def action_write(self) -> None:
        """Rewrite the selected comment in $VISUAL / $EDITOR."""
        self._ask(WriteComment)

    def action_delete(self) -> None:
        """Delete the selected comment and its replies (after asking)."""
        self._ask(DeleteComment)
