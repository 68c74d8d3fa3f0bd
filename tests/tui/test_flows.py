"""The interface, driven by keys: every flow checked on the widgets and in the journal."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from filmjournal.journal import api
from filmjournal.journal.models import CommentModel, FilmModel, ReviewModel
from filmjournal.tui.screens.dialogs import FilmForm
from filmjournal.tui.screens.help import HelpScreen
from filmjournal.tui.screens.main import MainScreen
from filmjournal.tui.widgets.footer import KeyFooter
from filmjournal.tui.widgets.review_editor import AUTOSAVE_DELAY
from tests.tui.conftest import drive, settle, type_text


def main(app) -> MainScreen:  # type: ignore[no-untyped-def]
    """The main screen of a running app."""
    screen = app.screen_stack[1]
    assert isinstance(screen, MainScreen)
    return screen


def test_add_a_film_typed_in_the_filter(empty_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "Her")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FilmForm)
        assert app.screen.query_one("#film-title", Input).value == "Her"
        await pilot.press("tab")
        app.screen.query_one("#film-year", Input).focus()
        await type_text(pilot, "2013")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [row.title for row in main(app).films.rows.rows] == ["Her"]

    drive(empty_journal, scenario)
    assert [(film.title, film.year) for film in FilmModel.select()] == [("Her", 2013)]


def test_film_form_shows_validation_inline(empty_journal):
    async def scenario(app, pilot):
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = app.screen
        form.query_one("#film-title", Input).value = "Metropolis"
        form.query_one("#film-year", Input).value = "1700"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "year must be between 1870 and" in str(form.query_one("#form-error").render())

    drive(empty_journal, scenario)
    assert FilmModel.select().count() == 0


def test_filter_is_case_and_accent_insensitive(demo_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "AME")
        await settle(pilot)
        assert [row.title for row in main(app).films.rows.rows] == ["Amélie"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(main(app).films.rows.rows) == 5

    drive(demo_journal, scenario)


def test_write_a_review_is_saved_within_a_second(empty_journal):
    film = api.create_film("Paterson", 2016)

    async def scenario(app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "A week of poems")
        await pilot.press("enter")
        await type_text(pilot, "today")
        main(app).review.query_one("#body", TextArea).focus()
        await type_text(pilot, "Nothing happens beautifully")
        await pilot.pause(AUTOSAVE_DELAY + 0.3)
        await settle(pilot)
        review = ReviewModel.get(ReviewModel.film == film.id)
        assert review.headline == "A week of poems"
        assert review.body == "Nothing happens beautifully"
        assert "saved" in str(main(app).review.query_one("#review-status").render())

    drive(empty_journal, scenario)


def test_what_was_typed_is_there_after_a_restart(empty_journal):
    film = api.create_film("Her", 2013)

    async def first_session(app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        main(app).review.query_one("#body", TextArea).focus()
        await type_text(pilot, "In and out of tears")
        await pilot.press("ctrl+q")

    async def second_session(app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).review.query_one("#body", TextArea).text == "In and out of tears"

    drive(empty_journal, first_session)
    assert api.list_reviews(film.id)[0].body == "In and out of tears"
    drive(empty_journal, second_session)


def test_rating_keys_set_and_clear_half_stars(empty_journal):
    film = api.create_film("Her", 2013)
    api.create_review(film.id, headline="x")

    async def scenario(app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+up", "ctrl+up", "ctrl+up")
        await pilot.pause(AUTOSAVE_DELAY + 0.3)
        await settle(pilot)
        assert api.list_reviews(film.id)[0].rating == 1.5
        await pilot.press("ctrl+down", "ctrl+down", "ctrl+down")
        await pilot.pause(AUTOSAVE_DELAY + 0.3)
        await settle(pilot)
        assert api.list_reviews(film.id)[0].rating is None

    drive(empty_journal, scenario)


def test_bad_watched_date_is_reported_and_the_rest_saved(empty_journal):
    film = api.create_film("Her", 2013)

    async def scenario(app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "Headline kept")
        await pilot.press("enter")
        await type_text(pilot, "someday")
        await pilot.pause(AUTOSAVE_DELAY + 0.3)
        await settle(pilot)
        assert "watched date must be a date" in str(
            main(app).review.query_one("#review-error").render()
        )

    drive(empty_journal, scenario)
    assert api.list_reviews(film.id)[0].headline == "Headline kept"


def test_add_and_favourite_a_quote(demo_journal):
    paterson = api.find_film("Paterson", 2016)

    async def scenario(app, pilot):
        await type_text(pilot, "paterson")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f4")
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Water falls")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)

    drive(demo_journal, scenario)
    [quote] = api.list_quotes(paterson.id)
    assert (quote.text, quote.is_favourite) == ("Water falls", True)
    assert quote.review_id == api.latest_review(paterson.id).id


def test_reply_to_a_comment(demo_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "her")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await type_text(pilot, "Agreed")
        await pilot.press("ctrl+s")
        await settle(pilot)

    drive(demo_journal, scenario)
    reply = CommentModel.get(CommentModel.body == "Agreed")
    parent = CommentModel.get_by_id(reply.parent_id)
    assert parent.body == "Loneliness is so universal. Lovely write-up."


def test_delete_a_film_and_restore_it_from_the_trash(demo_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "paterson")
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert api.find_film("Paterson", 2016) is None
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

    drive(demo_journal, scenario)
    assert api.find_film("Paterson", 2016) is not None


def test_delete_a_viewing_after_confirming(demo_journal):
    paterson = api.find_film("Paterson", 2016)

    async def scenario(app, pilot):
        await type_text(pilot, "paterson")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+delete")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert len(api.list_reviews(paterson.id)) == 1
        await pilot.press("ctrl+delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)

    drive(demo_journal, scenario)
    assert api.list_reviews(paterson.id) == []
    assert [item.kind for item in api.list_trash()] == ["review"]


def test_search_and_jump_to_a_review(demo_journal):
    async def scenario(app, pilot):
        await pilot.press("ctrl+f")
        await settle(pilot)
        await type_text(pilot, "roof")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        review = main(app).review
        assert review.film_label == "Her (2013)"
        assert "roof" in review.query_one("#body", TextArea).text

    drive(demo_journal, scenario)


def test_reread_hides_spoilers_until_asked(demo_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "her")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        reread = main(app).review.query_one("#reread")
        markdown = reread.query_one("#reread-text")
        assert "the two of them on the roof" not in markdown.source
        assert "spoiler" in markdown.source
        await pilot.press("x")
        await settle(pilot)
        assert "the two of them on the roof" in markdown.source

    drive(demo_journal, scenario)


def test_markup_like_titles_are_shown_literally(empty_journal):
    api.create_film("[bold red]x[/]", 2000)
    api.create_film("[link=http://x]y[/link]", 2001)
    api.create_film("\x1b[31mred", 2002)

    async def scenario(app, pilot):
        rows = main(app).films.rows
        lines = ["".join(segment.text for segment in rows.render_line(y)) for y in range(3)]
        assert any("[bold red]x[/]" in line for line in lines)
        assert any("[link=http://x]y[/link]" in line for line in lines)
        assert any("␛[31mred" in line for line in lines)
        assert not any("\x1b" in line for line in lines)
        await pilot.press("enter")
        await settle(pilot)
        assert str(main(app).review.query_one("#review-film").render()) == "␛[31mred (2002)"

    drive(empty_journal, scenario, size=(200, 40))


def test_quit_saves_and_exits_cleanly(empty_journal):
    api.create_film("Her", 2013)

    async def scenario(app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "Unsaved headline")
        await pilot.press("ctrl+q")

    app = drive(empty_journal, scenario)
    assert app.return_code in (0, None)
    assert ReviewModel.get().headline == "Unsaved headline"


def test_all_panes_reachable_at_80_by_24(demo_journal):
    async def scenario(app, pilot):
        screen = main(app)
        for key, pane in (("f3", "review"), ("f4", "quotes"), ("f5", "comments"), ("f2", "films")):
            await pilot.press(key)
            await settle(pilot)
            shown = screen.query_one(f"#{pane}")
            assert shown.display and shown.region.width >= 70
            assert shown.region.height >= 18

    drive(demo_journal, scenario, size=(80, 24))


def test_footer_follows_the_focus_and_keeps_help_in_view(demo_journal):
    async def scenario(app, pilot):
        footer = main(app).query_one(KeyFooter)
        hints = str(footer.render())
        assert "New film" in hints and "New viewing" not in hints
        await pilot.press("f3")
        await settle(pilot)
        hints = str(footer.render())
        assert "New viewing" in hints and "New film" not in hints
        assert hints.rstrip().endswith("f1 Help  ^p palette")
        assert len(hints) == 80
        await pilot.click(KeyFooter, offset=(hints.index("f1 Help") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)

    drive(demo_journal, scenario, size=(80, 24))


def test_export_the_review_and_everything(demo_journal, tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    monkeypatch.setattr("filmjournal.settings.export_folder", lambda path=None: folder)

    async def scenario(app, pilot):
        await type_text(pilot, "her")
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, " Still.")
        await pilot.press("ctrl+o")
        await settle(pilot)
        exported = folder / "2024-02-14-her-2013.md"
        assert exported.exists()
        assert "\n Still.I had put this off" in exported.read_text(encoding="utf-8")
        messages = [notification.message for notification in app._notifications]
        assert f"Exported to {exported}" in messages
        await app.run_action("screen.export_all('md')")
        await settle(pilot, 0.5)
        assert sorted(path.name for path in folder.iterdir()) == [
            "2023-12-30-amelie-2001.md",
            "2024-01-07-paterson-2016.md",
            "2024-02-14-her-2013-2.md",
            "2024-02-14-her-2013.md",
        ]
        messages = [notification.message for notification in app._notifications]
        assert f"Exported 3 reviews to {folder}" in messages

    drive(demo_journal, scenario)


def test_import_a_letterboxd_export_from_the_palette(empty_journal):
    from tests.exchange.test_letterboxd import E2E

    if not E2E.exists():
        pytest.skip("shared/data is not beside the repo")

    async def scenario(app, pilot):
        await app.run_action("screen.import_letterboxd")
        await settle(pilot)
        await pilot.press("enter")  # nothing typed: the form says what it needs and stays
        await settle(pilot)
        assert "give the export's .zip file or its folder" in str(
            app.screen.query_one("#form-error").render()
        )
        app.screen.query_one("#path", Input).value = str(E2E)
        await pilot.press("enter")
        await settle(pilot, 0.5)
        titles = [row.title for row in main(app).films.rows.rows]
        assert titles == ["Die Hard", "One Battle After Another"]
        messages = [notification.message for notification in app._notifications]
        assert (
            "Imported from Letterboxd: 2 films, 2 reviews, 0 watchlist, 0 lists, 0 comments"
            in (messages[-1])
        )

    drive(empty_journal, scenario)


def test_browse_lists_and_open_a_film(empty_journal, tmp_path):
    from filmjournal.exchange.letterboxd import import_letterboxd
    from tests.exchange.test_letterboxd import LIST_BODY

    export = tmp_path / "export"
    (export / "lists").mkdir(parents=True)
    (export / "watched.csv").write_text("Date,Name,Year,Letterboxd URI\n")
    (export / "lists" / "night.csv").write_text("\r\n" + LIST_BODY, newline="")
    with api.open_journal(empty_journal):
        import_letterboxd(export)

    async def scenario(app, pilot):
        await pilot.press("f7")
        await settle(pilot)
        rows = app.screen.query_one("#lists-rows")
        assert [row.name for row in rows.rows] == ["Night films"]
        await pilot.press("enter")
        await settle(pilot)
        assert [row.title for row in rows.rows] == ["Collateral", "Night on Earth"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert main(app).current_film.title == "Night on Earth"

    drive(empty_journal, scenario)


def test_titles_starting_with_the_filter_come_first(empty_journal):
    with api.open_journal(empty_journal):
        for title, year in (("A Moment of Romance", 1990), ("Roma", 2018), ("Road to Roma", 2020)):
            api.create_film(title, year)

    async def scenario(app, pilot):
        await type_text(pilot, "roma")
        await settle(pilot)
        films = main(app).films
        assert [row.title for row in films.rows.rows] == [
            "Roma",
            "A Moment of Romance",
            "Road to Roma",
        ]
        assert films.rows.current.title == "Roma"
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).review.film_label == "Roma (2018)"

    drive(empty_journal, scenario)
