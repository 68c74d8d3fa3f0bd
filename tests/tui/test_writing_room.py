"""The writing room: room for the pane being worked in, focus mode, reread as a blog post,
the user's own editor, a review template, and the walkthrough's defects, each pinned."""

from __future__ import annotations

import shlex
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Input, Markdown, TextArea

from filmjournal.journal import api
from filmjournal.tui.screens.dialogs import ConfirmScreen
from filmjournal.tui.screens.forms import CommentForm, QuoteForm
from filmjournal.tui.screens.trash import TrashScreen
from filmjournal.tui.widgets.footer import KeyFooter
from filmjournal.tui.widgets.rating import RatingInput
from filmjournal.tui.widgets.reread import RereadView
from filmjournal.tui.widgets.tick import Tick
from tests.tui.conftest import drive, notifications, press, settle, type_text, wait_until
from tests.tui.conftest import main_screen as main

SIZES = [(80, 24), (100, 30), (120, 40), (200, 50)]
FOLLOW_BOUND = 1.0
"""Seconds within which a change made by another program shows in every pane."""
FORM_FIELDS = ["#headline", "#watched", "#where", "#rating", "#rewatch", "#liked", "#spoilers"]
FORM_FIELDS += ["#tags", "#body"]


async def open_film(pilot, title: str = "her") -> None:  # type: ignore[no-untyped-def]
    """Type a title in the filter and open the film for writing."""
    await type_text(pilot, title)
    await press(pilot, "enter")
    await wait_until(pilot, lambda: main(pilot.app).review.form.mounted)


def in_pane(app, pane_id: str, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether a widget is drawn whole inside its pane (nothing cut at the right edge)."""
    pane = main(app).query_one(f"#{pane_id}")
    widget = main(app).query_one(selector)
    inside, region = pane.content_region, widget.region
    return region.width > 0 and inside.x <= region.x and region.right <= inside.right


# Layout ----------------------------------------------------------------------------------------


def test_every_review_field_is_whole_at_every_size(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await press(pilot, "f3")
            clipped = [field for field in FORM_FIELDS if not in_pane(app, "review", field)]
            assert clipped == [], (width, height)
            for tick in main(app).query(Tick):
                assert tick.region.width >= tick.get_content_width(tick.size, tick.size)
            if width >= 110:  # the films pane widens when worked in: the form still fits
                await press(pilot, "f2")
                clipped = [field for field in FORM_FIELDS if not in_pane(app, "review", field)]
                assert clipped == [], (width, height, "films")

    drive(demo_journal, scenario)


def test_the_pane_being_worked_in_gets_the_room(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        screen = main(app)
        assert screen.review.region.width >= 60
        assert screen.films.region.width < 40 and screen.quotes.region.width < 40
        await press(pilot, "f4")
        assert screen.quotes.region.width > 35
        await press(pilot, "f2")
        assert screen.films.region.width > 35

    drive(demo_journal, scenario)


def test_focus_mode_shows_one_pane_full_screen_and_back(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        screen = main(app)
        await press(pilot, "f9")
        assert screen.has_class("-focus")
        assert screen.review.region.width == 120
        assert not screen.films.display and not screen.query_one("#side").display
        await press(pilot, "f4")
        assert screen.quotes.region.width == 120 and not screen.review.display
        await press(pilot, "f9")
        assert not screen.has_class("-focus")
        assert screen.films.display and screen.review.display and screen.quotes.display

    drive(demo_journal, scenario)


def test_focus_mode_is_in_the_palette(demo_journal):
    from filmjournal.tui.commands import COMMANDS

    [focus] = [command for command in COMMANDS if command[0].startswith("Focus")]
    assert focus[1:] == ("screen", "toggle_focus")


def test_reread_at_full_width_keeps_a_comfortable_centred_measure(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "f9")
        await press(pilot, "ctrl+r")
        await wait_until(pilot, lambda: "## Comments" in reread_text(app))
        view = main(app).query_one(RereadView)
        text = main(app).query_one("#reread-text", Markdown)
        assert 70 <= text.region.width <= 84
        left = text.region.x - view.content_region.x
        right = view.content_region.right - text.region.right
        assert abs(left - right) <= 2 and left > 20

    drive(demo_journal, scenario, size=(200, 50))


def reread_text(app) -> str:  # type: ignore[no-untyped-def]
    """The Markdown the reread view shows."""
    views = main(app).query(RereadView)
    return views.first()._drawn if views else ""


def test_reread_reads_like_the_blog_post_headline_meta_body_quotes_comments(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "ctrl+r")
        await wait_until(pilot, lambda: "## Comments" in reread_text(app))
        markdown = reread_text(app)
        order = [
            "# A love story told through a voice",
            "*Her \\(2013\\)*",
            "★★★★½ · watched 2024\\-02\\-14 on Netflix",
            "I had put this off for years.",
            "## Quotes",
            "Feelings do not get smaller",
            "The line I wrote on a sticky note",
            "## Comments",
            "**Mara**",
            "Loneliness is so universal.",
            "Thank you! It hit harder",
            "**Sam**",
        ]
        places = [markdown.index(part) for part in order]
        assert places == sorted(places)
        assert "  - **me**" in markdown  # a reply is nested under its comment

    drive(demo_journal, scenario)


# The user's own editor -------------------------------------------------------------------------

EDITOR = """\
import os, sqlite3, sys
path = sys.argv[1]
with open(os.environ["EDITOR_LOG"], "a", encoding="utf-8") as log:
    row = sqlite3.connect(os.environ["EDITOR_DB"]).execute(
        "SELECT headline FROM review WHERE film_id = "
        "(SELECT id FROM film WHERE title = 'Her') ORDER BY id DESC").fetchone()
    log.write(f"{os.path.basename(path)}|{row[0] if row else ''}\\n")
mode = os.environ["EDITOR_MODE"]
if mode == "append":
    with open(path, encoding="utf-8") as file:
        text = file.read()
    with open(path, "w", encoding="utf-8") as file:
        file.write(text + "\\n\\nWritten in my editor: « ça va » ✓\\n")
elif mode == "fail":
    with open(path, "w", encoding="utf-8") as file:
        file.write("half-written")
    sys.exit(3)
"""


@pytest.fixture
def editor(tmp_path: Path, journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scripted $EDITOR: appends a line (or fails, or changes nothing); logs what it saw."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    log = tmp_path / "editor.log"
    monkeypatch.setenv("VISUAL", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    monkeypatch.setenv("EDITOR_LOG", str(log))
    monkeypatch.setenv("EDITOR_DB", str(journal_path))
    monkeypatch.setenv("EDITOR_MODE", "append")
    return log


def test_the_body_is_written_in_the_users_editor_and_saved(demo_journal, editor):
    her = api.find_film("Her", 2013)
    before = api.latest_review(her.id)

    async def scenario(app, pilot):
        await open_film(pilot)
        main(app).review.form.focus_headline()
        await press(pilot, "end")
        await type_text(pilot, " (again)")
        await press(pilot, "ctrl+e")  # at once: the headline must be saved before the editor
        await wait_until(pilot, lambda: main(app).review.draft.is_saved)
        assert main(app).review.form.body.text.endswith("« ça va » ✓\n")

    drive(demo_journal, scenario)
    after = api.latest_review(her.id)
    assert after.body == before.body + "\n\nWritten in my editor: « ça va » ✓\n"
    name, headline = editor.read_text(encoding="utf-8").strip().split("|")
    assert name.endswith(".md") and name.startswith("her-2013")
    assert headline == "A love story told through a voice (again)"


@pytest.mark.parametrize("mode", ["fail", "same"])
def test_a_failed_or_untouched_edit_changes_nothing(demo_journal, editor, monkeypatch, mode):
    monkeypatch.setenv("EDITOR_MODE", mode)
    her = api.find_film("Her", 2013)
    before = api.latest_review(her.id)

    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "ctrl+e")
        assert main(app).review.form.body.text == before.body
        said = notifications(app)[-1]
        if mode == "fail":
            assert said.startswith("The editor (") and "exited with status 3" in said
        else:
            assert said == "Unchanged in the editor: nothing to save."

    drive(demo_journal, scenario)
    assert api.latest_review(her.id) == before


def test_an_editor_that_cannot_start_is_one_line(demo_journal, monkeypatch):
    monkeypatch.setenv("VISUAL", "/nonexistent/editor --wait")

    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "ctrl+e")
        said = notifications(app)[-1]
        assert said.startswith("Could not start the editor '/nonexistent/editor'")
        assert "\n" not in said

    drive(demo_journal, scenario)


def test_a_quote_note_and_a_comment_are_written_in_the_editor(demo_journal, editor):
    her = api.find_film("Her", 2013)

    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "f4")
        await wait_until(pilot, lambda: main(app).quotes.rows.current is not None)
        await press(pilot, "ctrl+e")
        await press(pilot, "f5")
        await wait_until(pilot, lambda: main(app).comments._current() is not None)
        await press(pilot, "ctrl+e")

    drive(demo_journal, scenario)
    favourite = api.list_quotes(her.id)[0]
    assert favourite.note.endswith(
        "sticky note the next morning.\n\nWritten in my editor: « ça va » ✓"
    )
    [first, *_] = api.comment_tree(api.latest_review(her.id).id)
    assert first.body.endswith("Lovely write-up.\n\nWritten in my editor: « ça va » ✓")


def test_a_dialogs_text_box_is_written_in_the_editor(demo_journal, editor):
    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "f4")
        await press(pilot, "n")
        assert isinstance(app.screen, QuoteForm)
        await type_text(pilot, "I've never loved anyone the way I loved you.")
        await press(pilot, "ctrl+e")  # the focused box: the quote itself
        box = app.screen.query_one("#quote-text", TextArea)
        assert box.text.endswith("loved you.\n\nWritten in my editor: « ça va » ✓")
        await press(pilot, "ctrl+s")

    drive(demo_journal, scenario)
    texts = [quote.text for quote in api.list_quotes(api.find_film("Her", 2013).id)]
    assert any(text.startswith("I've never loved anyone") for text in texts)


# A template for new reviews --------------------------------------------------------------------

TEMPLATE = "# What stayed with me\n\n## Quotes\n\n## Would I recommend it\n"


def test_a_new_review_starts_from_the_template_and_is_saved_once_edited(
    demo_journal, own_settings, tmp_path
):
    (tmp_path / "template.md").write_text(TEMPLATE, encoding="utf-8")
    own_settings.write_text('template = "template.md"\n', encoding="utf-8")
    paterson = api.find_film("Paterson", 2016)

    async def scenario(app, pilot):
        await open_film(pilot, "paterson")
        await press(pilot, "ctrl+n")
        form = main(app).review.form
        assert form.query_one("#headline", Input).value == "What stayed with me"
        assert form.body.text == "## Quotes\n\n## Would I recommend it\n"
        await settle(pilot)
        assert len(api.list_reviews(paterson.id)) == 1  # nothing written until edited
        form.body.focus()
        form.body.move_cursor(form.body.document.end)
        await type_text(pilot, "Yes.")
        await wait_until(pilot, lambda: len(api.list_reviews(paterson.id)) == 2)

    drive(demo_journal, scenario)
    newest = api.list_reviews(paterson.id)[0]
    assert newest.headline == "What stayed with me"
    assert newest.body == "## Quotes\n\n## Would I recommend it\nYes."


# Defects from the walkthrough ------------------------------------------------------------------


def test_placeholders_are_hints_and_look_unlike_values(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        for field in main(app).review.form.query(Input):
            hint = field.placeholder
            assert hint and (hint.startswith("e.g.") or ":" in hint or hint.isupper()), hint
            style = field.get_component_rich_style("input--placeholder")
            assert style.italic

    drive(demo_journal, scenario)


def test_tick_boxes_show_their_state_by_shape(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        form = main(app).review.form
        liked, rewatch = form.query_one("#liked", Tick), form.query_one("#rewatch", Tick)
        assert str(liked.render()).startswith("[x]")
        assert str(rewatch.render()).startswith("[ ]")
        rewatch.focus()
        await press(pilot, "space")
        assert rewatch.value and str(rewatch.render()).startswith("[x]")
        await press(pilot, "enter")  # Enter moves on, it does not untick
        assert rewatch.value and app.focused is form.query_one("#liked")

    drive(demo_journal, scenario)


def test_enter_on_the_rating_moves_to_the_next_field(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        form = main(app).review.form
        form.query_one(RatingInput).focus()
        await press(pilot, "3", "enter")
        assert form.query_one(RatingInput).rating == 3.0
        assert app.focused is form.query_one("#rewatch")

    drive(demo_journal, scenario)


def test_a_tall_dialog_scrolls_to_the_focused_box_at_80x24(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "f4")
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, QuoteForm)
        for _ in range(4):  # quote, speaker, position, favourite, then the note
            await press(pilot, "tab")
        note = form.query_one("#quote-note", TextArea)
        assert app.focused is note
        await type_text(pilot, "seen")
        assert note.region.height > 0 and note.region.bottom <= 24
        container = form.query_one(".dialog")
        assert container.region.contains_region(note.region)

    drive(demo_journal, scenario, size=(80, 24))


def test_the_reply_dialog_shows_the_comment_being_answered(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "f5")
        await wait_until(pilot, lambda: main(app).comments._current() is not None)
        await press(pilot, "r")
        assert isinstance(app.screen, CommentForm)
        answered = str(app.screen.query_one("#comment-answered").render())
        assert "Replying to Mara" in answered
        assert "Loneliness is so universal. Lovely write-up." in answered

    drive(demo_journal, scenario)


def test_escape_asks_before_throwing_away_what_was_typed(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "f5")
        await press(pilot, "c")
        form = app.screen
        await press(pilot, "escape")  # nothing typed: closes at once
        assert app.screen is not form and not isinstance(app.screen, ConfirmScreen)
        await press(pilot, "c")
        form = app.screen
        await type_text(pilot, "A thought I want to keep")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert app.screen is form
        assert form.query_one("#comment-text", TextArea).text == "A thought I want to keep"
        await press(pilot, "escape")
        await press(pilot, "y")
        assert app.screen is main(app)

    drive(demo_journal, scenario)
    assert all("A thought" not in comment.body for comment in comments_of_her())


def comments_of_her() -> list:  # type: ignore[type-arg]
    """Every comment under the latest review of Her, flattened."""
    found, waiting = [], api.comment_tree(api.latest_review(api.find_film("Her", 2013).id).id)
    while waiting:
        comment = waiting.pop()
        found.append(comment)
        waiting.extend(comment.replies)
    return found


def test_long_comment_rows_end_with_an_ellipsis_and_never_scroll_sideways(demo_journal):
    review = api.latest_review(api.find_film("Her", 2013).id)
    long = "word " * 60
    parent = api.add_comment(review.id, author="Mara", body=long)
    api.add_comment(review.id, author="Sam", body=long, parent_id=parent.id)

    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "f5")
        tree = main(app).comments.tree
        await wait_until(pilot, lambda: len(tree.root.children) == 3)
        width = tree.size.width
        assert tree.virtual_size.width <= width
        for line in range(tree.last_line + 1):
            strip = tree.render_line(line)
            text = "".join(segment.text for segment in strip).rstrip()
            assert len(text) <= width
            if "word word" in text:
                assert text.endswith("word…")  # cut between words, not inside one

    drive(demo_journal, scenario)


def test_an_empty_thread_says_so_at_the_top_with_nothing_below(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot, "paterson")
        comments = main(app).comments
        await wait_until(pilot, lambda: comments.query_one("#comment-hint").display)
        assert "No comments yet" in str(comments.query_one("#comment-hint").render())
        assert not comments.query_one("#comment-body").display
        assert not comments.tree.show_horizontal_scrollbar

    drive(demo_journal, scenario)


def test_the_empty_list_hint_is_whole_at_80_columns(empty_journal):
    async def scenario(app, pilot):
        rows = main(app).films.rows
        lines = ["".join(segment.text for segment in rows.render_line(y)).strip() for y in range(4)]
        assert " ".join(line for line in lines if line) == rows.empty_text
        assert all(not line.endswith("…") for line in lines)

    drive(empty_journal, scenario, size=(80, 24))


def test_the_footer_shows_whole_hints_pane_keys_first_and_always_help(demo_journal):
    async def scenario(app, pilot):
        await open_film(pilot)
        for pane in ["f2", "f3", "f4", "f5"]:
            await press(pilot, pane)
            footer = main(app).query_one(KeyFooter)
            line = footer.render()
            assert isinstance(line, Text) and line.cell_len <= 80
            assert "f1 Help" in line.plain and "…" not in line.plain
            local, _ = footer.shown_bindings()
            shown = [binding for binding in local if f" {binding.description} " in line.plain]
            assert shown == local[: len(shown)] and shown  # the first keys, whole, in order
            assert binding_owner(app, shown[0]) is main(app).active_pane()

    drive(demo_journal, scenario, size=(80, 24))


def binding_owner(app, binding):  # type: ignore[no-untyped-def]
    """The widget whose key a shown binding is."""
    for node, bound, _enabled, _tooltip in main(app).active_bindings.values():
        if bound is binding:
            return node
    return None


def test_a_long_quote_is_readable_whole_under_the_list(demo_journal):
    her = api.find_film("Her", 2013)
    long = "All the things I never said to you, " * 8 + "and then the morning came."
    api.create_quote(her.id, text=long, speaker="Theodore", note="Too long for one row.")

    async def scenario(app, pilot):
        await open_film(pilot)
        await press(pilot, "f4")
        quotes = main(app).quotes
        await wait_until(pilot, lambda: len(quotes.rows.rows) == 3)
        await press(pilot, "end")
        detail = str(quotes.query_one("#quote-detail").render())
        assert long in detail.replace("\n", "") or long in detail
        assert "Theodore" in detail and "Too long for one row." in detail
        assert quotes.query_one("#quote-detail").region.height >= 4

    drive(demo_journal, scenario)


# Following the journal -------------------------------------------------------------------------


@pytest.fixture
def her_alone(demo_journal: Path) -> Path:
    """The demo journal with every film but Her in the trash."""
    for film in api.list_films():
        if film.title != "Her":
            api.delete_film(film.id)
    return demo_journal


async def delete_her_while_rereading(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """Reread Her's review, then delete the film from the film list (the only one)."""
    await open_film(pilot)
    await press(pilot, "ctrl+r")
    await press(pilot, "f2")
    await wait_until(pilot, lambda: main(app).films.has_focus_within, "the film list")
    await press(pilot, "ctrl+d")
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
    await press(pilot, "y")
    await wait_until(pilot, lambda: len(main(app).films.rows.rows) == 0, "no film left")


def test_deleting_the_film_being_reread_leaves_no_stray_markup(her_alone):
    async def scenario(app, pilot):
        await delete_her_while_rereading(app, pilot)
        await wait_until(pilot, lambda: "Pick a film" in reread_text(app))
        assert "**" not in reread_text(app)

    drive(her_alone, scenario)


def test_a_film_restored_from_the_trash_is_shown_without_a_key(her_alone):
    async def scenario(app, pilot):
        await delete_her_while_rereading(app, pilot)
        await press(pilot, "f8")
        assert isinstance(app.screen, TrashScreen)
        await press(pilot, "r")
        await press(pilot, "escape")
        screen = main(app)
        await wait_until(pilot, lambda: screen.review.film_label == "Her (2013)")
        await wait_until(pilot, lambda: "# A love story told through a voice" in reread_text(app))
        await wait_until(pilot, lambda: len(screen.quotes.rows.rows) == 2)
        await wait_until(pilot, lambda: len(screen.comments.tree.root.children) == 2)

    drive(her_alone, scenario)


def write_elsewhere(path: Path, sql: str, *parameters: object) -> None:
    """Change the journal the way another program would: its own connection, its own thread."""

    def run() -> None:
        connection = sqlite3.connect(path)
        with connection:
            connection.execute(sql, parameters)
        connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


def every_title(screen) -> list[str]:
    """Every film title the film list holds, whatever the filter shows."""
    catalogue = screen.films.catalogue
    return [] if catalogue is None else [row.title for row in catalogue.rows_in_order()]


def test_changes_made_by_another_program_appear_within_a_second(demo_journal):
    her = api.find_film("Her", 2013)
    review = api.latest_review(her.id)
    quote = api.list_quotes(her.id)[0]

    async def scenario(app, pilot):
        await open_film(pilot)
        screen = main(app)
        other = api.create_film("Aftersun", 2022)  # from this process, but as another writer:
        write_elsewhere(
            demo_journal, "UPDATE film SET title = ? WHERE id = ?", "Aftersun!", other.id
        )
        write_elsewhere(
            demo_journal, "UPDATE quote SET note = ? WHERE id = ?", "New note", quote.id
        )
        write_elsewhere(
            demo_journal,
            "UPDATE review SET body = ?, updated_at = ? WHERE id = ?",
            "Rewritten on my other machine.",
            "2030-01-01 00:00:00.000000+00:00",
            review.id,
        )

        def shown() -> bool:
            return (
                "Aftersun!" in every_title(screen)
                and screen.quotes.rows.current.note == "New note"
                and screen.review.form.body.text == "Rewritten on my other machine."
            )

        started = time.monotonic()
        while not shown() and time.monotonic() - started < 20:  # timed until it is on screen
            await pilot.pause(0.01)
        assert shown() and time.monotonic() - started < FOLLOW_BOUND
        await settle(pilot)

    drive(demo_journal, scenario)


def test_a_change_made_just_after_start_is_followed_too(demo_journal):
    her = api.find_film("Her", 2013)

    async def scenario(app, pilot):
        screen = main(app)
        screen._watch.pause()  # the change lands before the watcher has looked even once
        write_elsewhere(demo_journal, "UPDATE film SET title = ? WHERE id = ?", "Her!", her.id)
        screen._watch.resume()
        await wait_until(pilot, lambda: "Her!" in every_title(screen))

    drive(demo_journal, scenario)


def test_unsaved_edits_win_over_a_change_made_elsewhere(demo_journal, monkeypatch):
    monkeypatch.setattr("filmjournal.tui.widgets.review_editor.AUTOSAVE_DELAY", 30)
    her = api.find_film("Her", 2013)
    review = api.latest_review(her.id)

    async def scenario(app, pilot):
        await open_film(pilot)
        screen = main(app)
        screen.review.form.body.focus()
        await type_text(pilot, "Mine: ")
        write_elsewhere(
            demo_journal,
            "UPDATE review SET headline = ?, updated_at = ? WHERE id = ?",
            "Theirs",
            "2030-01-01 00:00:00.000000+00:00",
            review.id,
        )
        await wait_until(pilot, lambda: screen.review.viewings.reviews[0].headline == "Theirs")
        assert screen.review.form.body.text.startswith("Mine: ")
        assert screen.review.form.query_one("#headline", Input).value != "Theirs"
        await press(pilot, "ctrl+q")  # quitting saves what was typed

    drive(demo_journal, scenario)
    saved = api.get_review(review.id)
    assert saved.body.startswith("Mine: ") and saved.headline != "Theirs"
    # Their version was not lost either: it is kept beside it, marked.
    [copy] = [r for r in api.list_reviews(her.id) if r.headline == "Theirs (conflict copy)"]
    assert copy.body == review.body


def watcher_has_seen_everything(screen) -> bool:  # type: ignore[no-untyped-def]
    """Whether the screen has looked at the journal since its last change (and followed it)."""
    return screen._journal_version == api.data_version()


def test_a_review_being_typed_is_never_rewritten_by_its_own_saves(demo_journal):
    her = api.find_film("Her", 2013)

    async def scenario(app, pilot):
        await open_film(pilot)
        screen = main(app)
        headline = screen.review.form.query_one("#headline", Input)
        headline.focus()
        await press(pilot, "end")
        for word in [" and", " then", " again "]:  # a trailing space the journal trims
            await type_text(pilot, word)
            await wait_until(pilot, lambda: screen.review.draft.is_saved)
            await wait_until(pilot, lambda: watcher_has_seen_everything(screen))
        assert headline.value == "A love story told through a voice and then again "

    drive(demo_journal, scenario)
    assert api.latest_review(her.id).headline == "A love story told through a voice and then again"


def test_reread_shows_the_date_a_typed_today_means():
    from datetime import date, timedelta

    from filmjournal.tui.widgets.reread import watched_day

    assert watched_day("today") == date.today().isoformat()
    assert watched_day("yesterday") == (date.today() - timedelta(days=1)).isoformat()
    assert watched_day("2014-05-02") == "2014-05-02"
    assert watched_day("next tuesday") == "next tuesday"  # refused: shown as typed
    assert watched_day(None) == ""


def test_a_narrow_film_list_keeps_the_title_and_year():
    from filmjournal.journal.records import FilmRow
    from filmjournal.tui.widgets.film_list import render_film

    film = FilmRow(1, "Lost in Translation", 2003, 2, "2024-02-10", 4.5, None)
    [narrow] = render_film(film, 22)
    assert narrow.plain == "Lost in Translat… 2003" and narrow.cell_len == 22
    [wide] = render_film(film, 60)
    assert "★★★★½" in wide.plain and "2024-02-10" in wide.plain


def test_a_review_written_elsewhere_replaces_an_untouched_new_viewing(demo_journal):
    with api.open_journal(demo_journal):
        film = api.create_film("Arrival", 2016)

    async def scenario(app, pilot):
        await open_film(pilot, "arrival")
        screen = main(app)
        await wait_until(pilot, lambda: screen.review.draft is not None)
        assert screen.review.draft.review_id is None  # a new viewing, nothing typed
        script = "import sys; from filmjournal.journal import api; api.open_journal(sys.argv[1]); "
        script += "api.create_review(int(sys.argv[2]), headline='Written by a member')"
        command = [sys.executable, "-c", script, str(demo_journal), str(film.id)]
        subprocess.run(command, check=True, timeout=60)
        headline = screen.review.form.query_one("#headline", Input)
        await wait_until(pilot, lambda: headline.value == "Written by a member", "their review")

    drive(demo_journal, scenario)
