"""The interface, driven by keys: every flow checked on the widgets and in the journal."""

from __future__ import annotations

import asyncio

import pytest
from textual.color import Color
from textual.widgets import Input

from filmjournal.journal import api, schema
from filmjournal.journal.models import CommentModel, FilmModel, ReviewModel
from filmjournal.tui.app import FilmJournalApp
from filmjournal.tui.screens.forms import FilmForm
from filmjournal.tui.screens.help import HelpScreen
from filmjournal.tui.screens.main import MainScreen
from filmjournal.tui.widgets.footer import KeyFooter
from filmjournal.tui.widgets.title_bar import TitleBar
from tests.helpers import film_written_elsewhere
from tests.tui.conftest import drive, notifications, press, settle, type_text, wait_until
from tests.tui.conftest import main_screen as main

E2E_TITLES = ["Die Hard", "One Battle After Another"]


def test_add_a_film_typed_in_the_filter(empty_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "Her")
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmForm)
        assert app.screen.query_one("#film-title", Input).value == "Her"
        app.screen.query_one("#film-year", Input).focus()
        await type_text(pilot, "2013")
        await press(pilot, "ctrl+s")
        assert [row.title for row in main(app).films.rows.rows] == ["Her"]
        assert "Added Her (2013): write about it here." in notifications(app)

    drive(empty_journal, scenario)
    assert [(film.title, film.year) for film in FilmModel.select()] == [("Her", 2013)]


def test_a_title_typed_with_its_year_proposes_both_and_the_caret_goes_to_the_review(
    empty_journal,
):
    async def scenario(app, pilot):
        await type_text(pilot, "Her (2013)")
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmForm)
        assert app.screen.query_one("#film-title", Input).value == "Her"
        assert app.screen.query_one("#film-year", Input).value == "2013"
        await press(pilot, "enter")
        await wait_until(pilot, lambda: main(app).review.form.mounted)
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "headline")
        assert str(main(app).review.query_one("#review-film").render()) == "Her (2013)"
        await type_text(pilot, "Moved")
        await wait_until(pilot, lambda: ReviewModel.select().count() == 1)

    drive(empty_journal, scenario)
    assert [(film.title, film.year) for film in FilmModel.select()] == [("Her", 2013)]
    assert ReviewModel.get().headline == "Moved"


def test_film_form_shows_validation_inline(empty_journal):
    async def scenario(app, pilot):
        await press(pilot, "ctrl+n")
        form = app.screen
        form.query_one("#film-title", Input).value = "Metropolis"
        form.query_one("#film-year", Input).value = "1700"
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "year must be between 1870 and" in str(form.query_one("#form-error").render())

    drive(empty_journal, scenario)
    assert FilmModel.select().count() == 0


def test_filter_is_case_and_accent_insensitive(demo_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "AME")
        assert [row.title for row in main(app).films.rows.rows] == ["Amélie"]
        await press(pilot, "escape")
        assert len(main(app).films.rows.rows) == 5

    drive(demo_journal, scenario)


def test_the_film_filter_takes_the_filter_language(demo_journal):
    async def scenario(app, pilot):
        films = main(app).films
        problem = films.query_one("#filter-problem")

        def titles() -> list[str]:
            return [row.title for row in films.rows.rows]

        await type_text(pilot, "tag:comfort")
        await settle(pilot)
        assert titles() == ["Amélie", "Paterson"]
        await type_text(pilot, " pat")  # title words as typed, with the terms
        await settle(pilot)
        assert titles() == ["Paterson"]
        await press(pilot, "escape")
        films.query_one("#film-filter", Input).value = "rating:>=9"
        await settle(pilot)
        assert problem.display and "rating:>=9" in str(problem.render())
        assert len(titles()) == 5  # the list is left as it was
        await press(pilot, "escape")
        await type_text(pilot, "watchlist -year:2003")
        await settle(pilot)
        assert titles() == ["Past Lives"] and not problem.display
        api.create_review(api.films_titled("Past Lives")[0].id, rating=3)  # written elsewhere
        await wait_until(pilot, lambda: titles() == ["Past Lives"], "the film list")
        await press(pilot, "escape")
        await type_text(pilot, "rating:3")
        await settle(pilot)
        assert titles() == ["Past Lives"]
        await press(pilot, "escape")
        await type_text(pilot, "rating:1")
        await settle(pilot)
        assert titles() == [] and "No film matches the filter" in films.rows.empty_text
        await press(pilot, "enter")  # a filter is not a title to add
        await settle(pilot)
        assert api.counts().films == 5 and isinstance(app.screen, MainScreen)

    drive(demo_journal, scenario)


def test_stats_count_the_year_follow_the_filter_and_open_on_this_day(
    demo_journal, monkeypatch, own_settings, tmp_path
):
    from datetime import date

    from filmjournal.tui.screens.stats import StatsScreen

    monkeypatch.setattr("filmjournal.tui.screens.stats.todays_date", lambda: date(2025, 2, 14))
    own_settings.write_text(f'export_dir = "{tmp_path / "posts"}"\n', encoding="utf-8")

    async def scenario(app, pilot):
        await type_text(pilot, "tag:comfort")
        await press(pilot, "f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)

        def shown(selector: str) -> str:
            return str(screen.query_one(selector).render())

        # 2025 has no viewing yet: the screen opens on the latest year that has
        assert "2024" in shown("#stats-title") and "filter: tag:comfort" in shown("#stats-title")
        assert shown("#stats-summary").startswith("1 film in 1 viewing")  # Paterson, January
        await press(pilot, "right")  # this year, still empty
        await settle(pilot)
        assert "2025" in shown("#stats-title")
        assert shown("#stats-summary").startswith("0 films in 0 viewings")
        await press(pilot, "left")
        await settle(pilot)
        assert "2024" in shown("#stats-title")
        await press(pilot, "f")  # without the filter
        await settle(pilot)
        assert shown("#stats-summary").startswith("2 films in 2 viewings")
        await press(pilot, "r")  # the year's post, into the export folder
        await settle(pilot)
        post = tmp_path / "posts" / "2024-in-film.md"
        assert post.read_text(encoding="utf-8").count("# My 2024 in film") == 1
        await press(pilot, "a")
        await settle(pilot)
        assert "all time" in shown("#stats-title")
        assert shown("#stats-summary").startswith("3 films in 3 viewings")
        assert "Films per month" in shown("#stats-time") and "Ratings" in shown("#stats-time")
        await press(pilot, "tab")  # On this day: Her, 2024-02-14
        await press(pilot, "enter")
        await settle(pilot)
        assert not isinstance(app.screen, StatsScreen)
        await wait_until(pilot, lambda: main(app).review.film_label == "Her (2013)", "Her")
        await settle(pilot)
        assert main(app).review.film_label == "Her (2013)"

    drive(demo_journal, scenario)


@pytest.mark.real_autosave
def test_a_review_is_saved_after_the_last_key_without_anything_else(empty_journal):
    film = api.create_film("Paterson", 2016)

    def saved() -> ReviewModel | None:
        return ReviewModel.get_or_none(ReviewModel.film == film.id)

    async def scenario(app, pilot):
        await press(pilot, "enter")
        await type_text(pilot, "A week of poems")
        await press(pilot, "enter")
        await type_text(pilot, "today")
        main(app).review.form.body.focus()
        await type_text(pilot, "Nothing happens beautifully")
        status = main(app).review.query_one("#review-status")
        assert "saving…" in str(status.render())
        await wait_until(pilot, lambda: saved() and saved().body.endswith("beautifully"))
        review = saved()
        assert (review.headline, review.watched_on is not None) == ("A week of poems", True)
        assert "saved" in str(status.render())

    drive(empty_journal, scenario)


def test_what_was_typed_is_there_after_a_restart(empty_journal):
    film = api.create_film("Her", 2013)

    async def first_session(app, pilot):
        await press(pilot, "enter")
        main(app).review.form.body.focus()
        await type_text(pilot, "In and out of tears")
        await pilot.press("ctrl+q")

    async def second_session(app, pilot):
        await press(pilot, "enter")
        assert main(app).review.form.body.text == "In and out of tears"

    drive(empty_journal, first_session)
    assert api.list_reviews(film.id)[0].body == "In and out of tears"
    drive(empty_journal, second_session)


def test_rating_keys_set_and_clear_half_stars(empty_journal):
    film = api.create_film("Her", 2013)
    api.create_review(film.id, headline="x")

    def rating() -> float | None:
        return api.list_reviews(film.id)[0].rating

    async def scenario(app, pilot):
        await press(pilot, "enter")
        await press(pilot, "ctrl+up", "ctrl+up", "ctrl+up")
        await wait_until(pilot, lambda: rating() == 1.5, "a rating of 1.5")
        await press(pilot, "ctrl+down", "ctrl+down", "ctrl+down")
        await wait_until(pilot, lambda: rating() is None, "no rating")

    drive(empty_journal, scenario)


def test_bad_watched_date_is_reported_and_the_rest_saved(empty_journal):
    film = api.create_film("Her", 2013)

    async def scenario(app, pilot):
        await press(pilot, "enter")
        await type_text(pilot, "Headline kept")
        await press(pilot, "enter")
        await type_text(pilot, "someday")
        error = main(app).review.query_one("#review-error")
        await wait_until(pilot, lambda: "watched date must be a date" in str(error.render()))

    drive(empty_journal, scenario)
    [review] = api.list_reviews(film.id)
    assert (review.headline, review.watched_on) == ("Headline kept", None)


def test_a_new_viewing_is_not_created_until_something_is_written(demo_journal):
    paterson = api.find_film("Paterson", 2016)

    async def scenario(app, pilot):
        await type_text(pilot, "paterson")
        await press(pilot, "enter")
        await press(pilot, "ctrl+n")
        form = main(app).review.form
        assert form.query_one("#watched", Input).value == "today"
        assert len(api.list_reviews(paterson.id)) == 1
        await type_text(pilot, "Again")
        await wait_until(pilot, lambda: len(api.list_reviews(paterson.id)) == 2)

    drive(demo_journal, scenario)
    newest = api.list_reviews(paterson.id)[0]
    assert newest.headline == "Again" and newest.watched_on is not None


def test_add_and_favourite_a_quote(demo_journal):
    paterson = api.find_film("Paterson", 2016)

    async def scenario(app, pilot):
        await type_text(pilot, "paterson")
        await press(pilot, "enter")
        await press(pilot, "f4")
        await press(pilot, "n")
        await type_text(pilot, "Water falls")
        await press(pilot, "ctrl+s")
        await press(pilot, "f")
        rows = main(app).quotes.rows.rows
        assert [(quote.text, quote.is_favourite) for quote in rows] == [("Water falls", True)]

    drive(demo_journal, scenario)
    [quote] = api.list_quotes(paterson.id)
    assert (quote.text, quote.is_favourite) == ("Water falls", True)
    assert quote.review_id == api.latest_review(paterson.id).id


def test_reply_to_a_comment(demo_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "her")
        await press(pilot, "enter")
        await press(pilot, "f5")
        await press(pilot, "r")
        assert app.screen.query_one("#comment-author", Input).value  # the login name
        await type_text(pilot, "Agreed")
        await press(pilot, "ctrl+s")

    drive(demo_journal, scenario)
    reply = CommentModel.get(CommentModel.body == "Agreed")
    parent = CommentModel.get_by_id(reply.parent_id)
    assert parent.body == "Loneliness is so universal. Lovely write-up."


def test_comments_are_signed_with_the_author_from_the_settings(demo_journal, own_settings):
    own_settings.write_text('author = "Mara Wilson"\n', encoding="utf-8")

    async def scenario(app, pilot):
        await type_text(pilot, "her")
        await press(pilot, "enter")
        await press(pilot, "f5")
        await press(pilot, "c")
        assert app.screen.query_one("#comment-author", Input).value == "Mara Wilson"

    drive(demo_journal, scenario)


def test_a_broken_settings_file_is_reported_once_and_the_defaults_used(demo_journal, own_settings):
    own_settings.write_text('author = "Mara"\nexport_dir = \n', encoding="utf-8")

    async def scenario(app, pilot):
        problems = [text for text in notifications(app) if "config.toml" in text]
        assert problems == [
            f"{own_settings} line 2: not valid TOML (Invalid value); using the defaults"
        ]
        await type_text(pilot, "her")
        await press(pilot, "enter")
        await press(pilot, "f5")
        await press(pilot, "c")
        assert app.screen.query_one("#comment-author", Input).value != "Mara"
        assert len([text for text in notifications(app) if "config.toml" in text]) == 1

    drive(demo_journal, scenario)


def test_delete_a_film_and_restore_it_from_the_trash(demo_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "paterson")
        await press(pilot, "ctrl+d")
        await press(pilot, "y")
        assert api.find_film("Paterson", 2016) is None
        await press(pilot, "f8")
        await press(pilot, "r")
        await press(pilot, "escape")

    drive(demo_journal, scenario)
    assert api.find_film("Paterson", 2016) is not None


def test_delete_a_viewing_after_confirming(demo_journal):
    paterson = api.find_film("Paterson", 2016)

    async def scenario(app, pilot):
        await type_text(pilot, "paterson")
        await press(pilot, "enter")
        await press(pilot, "ctrl+delete")
        await press(pilot, "n")
        assert len(api.list_reviews(paterson.id)) == 1
        await press(pilot, "ctrl+delete")
        await press(pilot, "y")

    drive(demo_journal, scenario)
    assert api.list_reviews(paterson.id) == []
    assert [item.kind for item in api.list_trash()] == ["review"]


def test_search_and_jump_to_a_review(demo_journal):
    async def scenario(app, pilot):
        await press(pilot, "ctrl+f")
        await type_text(pilot, "roof")
        await press(pilot, "enter")
        review = main(app).review
        assert review.film_label == "Her (2013)"
        assert "roof" in review.form.body.text
        assert app.screen.focused is review.form.body

    drive(demo_journal, scenario)


def test_reread_hides_spoilers_until_asked(demo_journal):
    async def scenario(app, pilot):
        await type_text(pilot, "her")
        await press(pilot, "enter")
        await press(pilot, "ctrl+r")
        markdown = main(app).review.query_one("#reread").query_one("#reread-text")
        assert "the two of them on the roof" not in markdown.source
        assert "spoiler" in markdown.source
        await press(pilot, "x")
        assert "the two of them on the roof" in markdown.source

    drive(demo_journal, scenario)


def test_markup_like_titles_are_shown_literally(empty_journal):
    api.create_film("[bold red]x[/]", 2000)
    api.create_film("[link=http://x]y[/link]", 2001)
    film_written_elsewhere("\x1b[31mred", 2002)

    async def scenario(app, pilot):
        rows = main(app).films.rows
        lines = ["".join(segment.text for segment in rows.render_line(y)) for y in range(3)]
        assert any("[bold red]x[/]" in line for line in lines)
        assert any("[link=http://x]y[/link]" in line for line in lines)
        assert any("␛[31mred" in line for line in lines)
        assert not any("\x1b" in line for line in lines)
        await press(pilot, "enter")
        assert str(main(app).review.query_one("#review-film").render()) == "␛[31mred (2002)"

    drive(empty_journal, scenario, size=(200, 40))


def test_the_title_line_names_the_journal_literally(tmp_path):
    path = tmp_path / "[bold]club\x1b[31m" / "journal.db"
    path.parent.mkdir()
    with api.open_journal(path):

        async def scenario(app, pilot):
            title = main(app).query_one(TitleBar)
            line = "".join(segment.text for segment in title.render_line(0))
            assert "filmjournal — " in line
            assert "[bold]club␛[31m" in line
            assert "\x1b" not in line

        drive(path, scenario, size=(200, 40))


def test_the_pane_worked_in_is_highlighted_and_widened(demo_journal):
    async def scenario(app, pilot):
        screen = main(app)
        side = screen.query_one("#side")

        def highlighted() -> list[str | None]:
            accent = Color.parse(app.theme_variables["accent"])
            return [pane.id for pane in screen.panes() if pane.styles.border_top[1] == accent]

        assert highlighted() == ["films"]
        films_width, side_width = screen.films.size.width, side.size.width
        await press(pilot, "f4")
        await settle(pilot)
        assert highlighted() == ["quotes"]
        assert screen.films.size.width < films_width and side.size.width > side_width
        await press(pilot, "f3")
        await settle(pilot)
        assert highlighted() == ["review"]
        assert side.size.width == side_width
        app.theme = "nord"
        await settle(pilot)
        assert highlighted() == ["review"]

    drive(demo_journal, scenario)


def test_quit_saves_and_exits_cleanly(empty_journal):
    api.create_film("Her", 2013)

    async def scenario(app, pilot):
        await press(pilot, "enter")
        await type_text(pilot, "Unsaved headline")
        await pilot.press("ctrl+q")

    app = drive(empty_journal, scenario)
    assert app.return_code == 0
    assert ReviewModel.get().headline == "Unsaved headline"


def test_all_panes_reachable_at_80_by_24(demo_journal):
    async def scenario(app, pilot):
        screen = main(app)
        for key, pane in (("f3", "review"), ("f4", "quotes"), ("f5", "comments"), ("f2", "films")):
            await press(pilot, key)
            shown = screen.query_one(f"#{pane}")
            assert shown.display and shown.region.width >= 70
            assert shown.region.height >= 18

    drive(demo_journal, scenario, size=(80, 24))


def test_footer_follows_the_focus_and_keeps_help_in_view(demo_journal):
    async def scenario(app, pilot):
        footer = main(app).query_one(KeyFooter)
        hints = str(footer.render())
        assert "New film" in hints and "New viewing" not in hints
        await press(pilot, "f3")
        hints = str(footer.render())
        assert "New viewing" in hints and "New film" not in hints
        assert hints.rstrip().endswith("f1 Help  ^p palette")
        assert len(hints) == 80
        await pilot.click(KeyFooter, offset=(hints.index("f1 Help") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)

    drive(demo_journal, scenario, size=(80, 24))


def test_export_the_review_and_everything(demo_journal, tmp_path, own_settings):
    folder = tmp_path / "exports"
    own_settings.write_text(f'export_dir = "{folder}"\n', encoding="utf-8")

    async def scenario(app, pilot):
        await type_text(pilot, "her")
        await press(pilot, "enter")
        await type_text(pilot, " Still.")
        await press(pilot, "ctrl+o")
        exported = folder / "2024-02-14-her-2013.md"
        assert "\n Still.I had put this off" in exported.read_text(encoding="utf-8")
        assert f"Exported to {exported}" in notifications(app)
        await app.run_action("screen.export_all('md')")
        await settle(pilot)
        assert sorted(path.name for path in folder.iterdir()) == [
            "2023-12-30-amelie-2001.md",
            "2024-01-07-paterson-2016.md",
            "2024-02-14-her-2013-2.md",
            "2024-02-14-her-2013.md",
        ]
        assert isinstance(app.screen, MainScreen)
        assert f"Exported 3 reviews to {folder}" in notifications(app)

    drive(demo_journal, scenario)


def test_import_a_letterboxd_export_from_the_palette(empty_journal):
    from tests.exchange.test_letterboxd import E2E

    async def scenario(app, pilot):
        await app.run_action("screen.import_letterboxd")
        await press(pilot, "enter")  # nothing typed: the form says what it needs and stays
        assert "give the export's .zip file or its folder" in str(
            app.screen.query_one("#form-error").render()
        )
        app.screen.query_one("#path", Input).value = str(E2E)
        await press(pilot, "enter")
        assert [row.title for row in main(app).films.rows.rows] == E2E_TITLES
        assert (
            "Imported from Letterboxd: 2 films, 2 reviews, 0 watchlist, 0 lists, 0 comments;"
            " 0 reviews updated." in notifications(app)
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
        await press(pilot, "f7")
        rows = app.screen.query_one("#lists-rows")
        assert [row.name for row in rows.rows] == ["Night films"]
        await press(pilot, "enter")
        assert [row.title for row in rows.rows] == ["Collateral", "Night on Earth"]
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, MainScreen)
        assert main(app).current_film.title == "Night on Earth"

    drive(empty_journal, scenario)


@pytest.mark.parametrize(
    ("films", "typed", "listed"),
    [
        (
            (("A Moment of Romance", 1990), ("Roma", 2018), ("Road to Roma", 2020)),
            "roma",
            ["Roma", "A Moment of Romance", "Road to Roma"],
        ),
        # As a film is written, brackets and all: the film first, before those that hold it.
        (
            (("Coherence", 2013), ("Her", 2013), ("Her Smell", 2018)),
            "Her (2013)",
            ["Her", "Coherence"],
        ),
    ],
    ids=["a word", "title and year"],
)
def test_titles_starting_with_the_filter_come_first(empty_journal, films, typed, listed):
    with api.open_journal(empty_journal):
        for title, year in films:
            api.create_film(title, year)

    async def scenario(app, pilot):
        await type_text(pilot, typed)
        shown = main(app).films
        assert [row.title for row in shown.rows.rows] == listed
        assert shown.rows.current.title == listed[0]
        await press(pilot, "enter")
        year = dict(films)[listed[0]]
        assert main(app).review.film_label == f"{listed[0]} ({year})"

    drive(empty_journal, scenario)


def test_an_upgraded_journal_names_its_backup_on_screen(tmp_path):
    from tests.journal.test_database import build_v1_journal

    path = build_v1_journal(tmp_path / "journal.db")
    with api.open_journal(path) as journal:
        notice = journal.upgrade_notice()
        app = FilmJournalApp(journal.path, upgrade_notice=notice)

        async def run() -> list[str]:
            async with app.run_test() as pilot:
                await settle(pilot)
                return notifications(app)

        shown = asyncio.run(run())
    assert notice is not None and str(journal.backup_path) in notice
    assert f"upgraded from schema 1 to {schema.SCHEMA_VERSION}" in notice
    assert notice in shown


def test_an_import_that_left_files_out_shows_a_report(empty_journal, tmp_path):
    import shutil

    from filmjournal.tui.screens.report import ReportScreen
    from tests.exchange.test_letterboxd import E2E

    export = tmp_path / "export"
    shutil.copytree(E2E, export)
    (export / "lists").mkdir()
    (export / "lists" / "broken.csv").write_bytes(b"\x00" * 64)

    async def scenario(app, pilot):
        await app.run_action("screen.import_letterboxd")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(export)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen), "the report")
        problems = str(app.screen.query_one("#report-problems").render())
        assert problems == "lists/broken.csv: not a CSV file (only NUL bytes)"
        assert "reviews: 2 imported" in str(app.screen.query_one("#report-lines").render())
        await press(pilot, "escape")
        films = main(app).films.rows
        await wait_until(pilot, lambda: [row.title for row in films.rows] == E2E_TITLES, "films")

    drive(empty_journal, scenario)


def test_comments_written_elsewhere_are_reread_and_found(empty_journal, tmp_path):
    from filmjournal.exchange.letterboxd import import_letterboxd
    from filmjournal.tui.screens.elsewhere import ElsewhereScreen

    export = tmp_path / "export"
    export.mkdir()
    (export / "watched.csv").write_text("Date,Name,Year,Letterboxd URI\n")
    (export / "comments.csv").write_text(
        "Date,Content,Comment\n2024-01-01,https://boxd.it/c1,Lovely <i>write-up</i>.\n"
        "2024-02-01,https://boxd.it/c2,Agreed about the lighthouse.\n"
    )
    with api.open_journal(empty_journal):
        import_letterboxd(export)

    async def scenario(app, pilot):
        await press(pilot, "f12")
        assert isinstance(app.screen, ElsewhereScreen)
        rows = app.screen.query_one("#elsewhere-rows")
        assert [row.url for row in rows.rows] == ["https://boxd.it/c2", "https://boxd.it/c1"]
        await press(pilot, "escape", "ctrl+f")
        await type_text(pilot, "write")
        await press(pilot, "enter")
        assert isinstance(app.screen, ElsewhereScreen)
        assert app.screen.query_one("#elsewhere-rows").current.url == "https://boxd.it/c1"
        assert app.screen.query_one("#elsewhere-text").source == "Lovely *write-up*."

    drive(empty_journal, scenario)


def test_films_sharing_a_title_and_year_are_told_apart(empty_journal, tmp_path):
    from filmjournal.exchange.letterboxd import import_letterboxd

    export = tmp_path / "export"
    export.mkdir()
    (export / "watched.csv").write_text(
        "Date,Name,Year,Letterboxd URI\n2024-01-01,Lost Country,2023,https://boxd.it/AAAA\n"
        "2024-01-02,Lost Country,2023,https://boxd.it/BBBB\n"
    )
    with api.open_journal(empty_journal):
        import_letterboxd(export)

    async def scenario(app, pilot):
        rows = main(app).films.rows
        lines = ["".join(segment.text for segment in rows.render_line(y)) for y in range(2)]
        assert "Lost Country · boxd.it/AAAA" in lines[0]
        assert "Lost Country · boxd.it/BBBB" in lines[1]
        await press(pilot, "down", "enter")
        assert main(app).review.film_label == "Lost Country (2023) · boxd.it/BBBB"

    drive(empty_journal, scenario, size=(200, 40))
