"""The spoiler syntax and the reread rendering built on it."""

from __future__ import annotations

from filmjournal.spoilers import has_spoiler_passages, replace_spoilers
from filmjournal.tui.widgets.reread import escape_markdown, reread_markdown

BODY = "Before ||the twist|| after.\n\n```spoiler\nThe whole ending.\n```\n\nA || b || c"


def hide(body: str) -> str:
    return replace_spoilers(body, lambda _: "[inline]", lambda _: "[block]")


def test_inline_and_block_spoilers_are_found():
    assert hide(BODY) == "Before [inline] after.\n\n[block]\n\nA || b || c"
    assert has_spoiler_passages(BODY)
    assert not has_spoiler_passages("no || spoiler here || is not one? a||b")


def test_tilde_fences_and_crlf_work():
    assert hide("~~~spoiler\r\nsecret\r\n~~~\r\nafter") == "[block]\nafter"


def test_reread_hides_until_revealed():
    values = {"headline": "Broke me", "body": BODY, "rating": 4.5, "tags": ["love"]}
    hidden = reread_markdown("Her (2013)", values, [], revealed=False)
    shown = reread_markdown("Her (2013)", values, [], revealed=True)
    assert "the twist" not in hidden and "The whole ending" not in hidden
    assert "the twist" in shown and "The whole ending" in shown
    assert "★★★★½" in hidden and "tags: love" in hidden


def test_user_text_is_escaped_in_generated_markdown():
    assert escape_markdown("# [x](y) *z*") == r"\# \[x\]\(y\) \*z\*"
    values = {"headline": "*not emphasis* [bold]x[/]", "body": ""}
    assert r"# \*not emphasis\* \[bold\]x\[/\]" in reread_markdown("F", values, [], revealed=False)


def test_search_snippets_hide_whole_spoiler_passages():
    from filmjournal.tui.screens.search import SPOILER_MARK, hide_spoilers

    pieces = [("In and out of ", False), ("tears", True), (". The ||ending|| broke me.", False)]
    assert hide_spoilers(pieces) == [
        ("In and out of ", False),
        ("tears", True),
        (". The ", False),
        (SPOILER_MARK, False),
        (" broke me.", False),
    ]
    assert hide_spoilers([("a ||", False), ("roof", True), ("|| b", False)]) == [
        ("a ", False),
        (SPOILER_MARK, False),
        (" b", False),
    ]
    assert hide_spoilers([("nothing hidden", False)]) == [("nothing hidden", False)]
