"""Your year in film: the numbers of a year (or all time), as charts, and "On this day".

The numbers come from ``api.journal_stats`` in a worker; the charts are lines of block
characters (:mod:`filmjournal.charts`) in Statics, readable without colour.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from filmjournal.charts import bar_lines, heatmap, month_labels
from filmjournal.display import counted, printable, stars
from filmjournal.journal import api
from filmjournal.journal.records import film_label
from filmjournal.tui.failures import journal_work
from filmjournal.tui.widgets.row_list import RowList

CHART_WIDTH = 34
"""Columns a chart needs beside another; with less room, charts stand one above the other."""
GAP = 2
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Charts(Static):
    """Titled bar charts side by side when they fit, else one above the other: one widget for
    a row of charts (a widget each made the screen slower to open)."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, classes="stats-charts")
        self.charts: list[tuple[str, dict[str, int]]] = []

    def show(self, charts: list[tuple[str, dict[str, int]]]) -> None:
        """Chart these counts, each under its title."""
        self.charts = charts
        self.refresh(layout=True)

    def _columns(self, width: int) -> int:
        count = max(1, len(self.charts))
        return count if width >= count * CHART_WIDTH + (count - 1) * GAP else 1

    def render(self) -> Text:
        width = self.size.width or 60
        columns = self._columns(width)
        if columns == 1:
            return Text("\n\n").join(chart_text(t, c, width) for t, c in self.charts)
        column_width = (width - GAP * (columns - 1)) // columns
        drawn = [chart_text(t, c, column_width).split("\n") for t, c in self.charts]
        rows = []
        for index in range(max(map(len, drawn))):
            row = Text(no_wrap=True)
            for number, lines in enumerate(drawn):
                cell = lines[index].copy() if index < len(lines) else Text()
                cell.set_length(column_width)
                row.append_text(cell)
                if number < len(drawn) - 1:
                    row.append(" " * GAP)
            rows.append(row)
        return Text("\n").join(rows)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        heights = [
            1 + max(1, len(counts) if any(counts.values()) else 1) for _, counts in self.charts
        ]
        if not heights:
            return 1
        if self._columns(width) > 1:
            return max(heights)
        return sum(heights) + 2 * (len(heights) - 1)


Numbers = tuple[api.Stats, list[api.Moment], list[int]]
"""A year's (or all time's) numbers, On this day, and the years with viewings."""


def read_numbers(
    filter_text: str, year: int | None, today: date, years: list[int] | None = None
) -> Numbers:
    """What the screen shows (read in a worker: it queries the journal); ``years``, the years
    with viewings, when they were read already."""
    chosen = api.parse_filter(filter_text)
    if years is None:
        years = api.years_watched(chosen)
    return api.journal_stats(chosen, year), api.on_this_day(today, chosen), years


def todays_date() -> date:
    """Today, for "On this day" and the year shown first."""
    return date.today()


def render_moment(moment: api.Moment, width: int) -> list[Text]:
    """A film watched on this day in an earlier year."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{moment.day[:4]}  ", style="dim")
    line.append(printable(film_label(moment.title, moment.year)), style="bold")
    return [line]


class StatsScreen(Screen[api.Moment | None]):
    """The numbers of a year (←/→) or of all time (a), for the film filter's terms if any."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("left", "year(-1)", "Year before", priority=True),
        Binding("right", "year(1)", "Year after", priority=True),
        Binding("a", "all_time", "All time"),
        Binding("f", "toggle_filter", "Filter on/off", show=False),
        Binding("r", "recap", "Write the year's post"),
    ]

    def __init__(self, filter_text: str = "", today: date | None = None) -> None:
        """Opens on this year, or on the latest year with viewings if this one has none."""
        super().__init__()
        self.today = today or todays_date()
        self.year: int | None = self.today.year
        self._pick_year = True
        self.filter_text = filter_text.strip()
        self.filtered = bool(self.filter_text)
        self._years: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Your year in film · counting…", style="bold"), id="stats-title")
        with VerticalScroll(id="stats-body"):
            yield Static(id="stats-summary")
            yield Charts(id="stats-time")
            yield Static(id="stats-calendar")
            yield Charts(id="stats-tops")
            yield Static(Text("On this day", style="bold"), id="stats-today-title")
            yield RowList(
                render_moment, empty_text="Nothing watched on this day before.", id="stats-today"
            )
        yield Static(
            Text(
                "←/→ year · a all · f filter · r post · ↑↓ scroll · Tab On this day · Esc",
                style="dim",
            ),
            id="stats-keys",
        )

    def on_mount(self) -> None:
        """Read the numbers (the screen is drawn meanwhile); the page scrolls with the arrows
        (Tab: On this day)."""
        self.query_one("#stats-body").focus()
        self._load()

    # Keys --------------------------------------------------------------------------------------

    def action_year(self, step: int) -> None:
        """The year before or after (among the years with viewings, and this one)."""
        self._pick_year = False
        years = sorted({*self._years, self.today.year})
        if self.year is None:
            self.year = years[-1] if step < 0 else years[0]
        else:
            later = [y for y in years if (y > self.year if step > 0 else y < self.year)]
            if not later:
                return
            self.year = later[0] if step > 0 else later[-1]
        self._load()

    def action_all_time(self) -> None:
        """Every year at once."""
        self.year, self._pick_year = None, False
        self._load()

    def action_toggle_filter(self) -> None:
        """Count with the film filter's terms, or without them."""
        if self.filter_text:
            self.filtered = not self.filtered
            self._load()

    def action_recap(self) -> None:
        """Write the year in review as a Markdown post into the export folder."""
        if self.year is None:
            self.notify("Choose a year first (←/→): the post tells one year.", severity="warning")
            return
        self._write_recap(self.year, self.app.settings.export_dir)  # type: ignore[attr-defined]

    @journal_work("Could not write the year's post", group="recap")
    def _write_recap(self, year: int, folder: Path) -> None:
        from filmjournal.exchange.recap import write_recap

        written = write_recap(api.year_post(year), f"{folder}/")
        self.app.call_from_thread(
            self.notify, f"Wrote {printable(str(written))}", markup=False, timeout=10
        )

    @on(RowList.Chosen, "#stats-today")
    def _open(self, event: RowList.Chosen) -> None:
        event.stop()
        self.dismiss(event.row)

    # Loading -------------------------------------------------------------------------------------

    @journal_work("Could not count the journal", group="stats")
    def _load(self) -> None:
        filter_text = self.filter_text if self.filtered else ""
        chosen = api.parse_filter(filter_text)
        years = api.years_watched(chosen)
        year = self.year
        if self._pick_year and year not in years and years:
            year = years[-1]
        numbers = read_numbers(filter_text, year, self.today, years)
        self.app.call_from_thread(self._show, year, *numbers)

    def _show(
        self, year: int | None, numbers: api.Stats, earlier: list[api.Moment], years: list[int]
    ) -> None:
        self.year, self._pick_year = year, False
        with self.app.batch_update():  # one layout and one frame for every chart
            self._show_numbers(numbers, earlier, years)

    def _show_numbers(
        self, numbers: api.Stats, earlier: list[api.Moment], years: list[int]
    ) -> None:
        self._years = years
        scope = str(numbers.year) if numbers.year else "all time"
        title = Text.assemble(("Your year in film · ", "bold"), (scope, "bold reverse"))
        if self.filtered:
            title.append(f"  filter: {printable(self.filter_text)}", style="italic")
        self.query_one("#stats-title", Static).update(title)
        self.query_one("#stats-summary", Static).update(summary_text(numbers))
        months = {
            MONTHS[int(key[5:7]) - 1] + ("" if numbers.year else key[2:4]): count
            for key, count in numbers.per_month.items()
        }
        ratings = {half_stars(float(key)): count for key, count in numbers.ratings.items()}
        self.query_one("#stats-time", Charts).show(
            [("Films per month", months), ("Ratings", ratings)]
        )
        self.query_one("#stats-tops", Charts).show(
            [
                ("Top tags", dict(numbers.top_tags)),
                ("Where", dict(numbers.places)),
                ("Directors", dict(numbers.directors)),
            ]
        )
        calendar = self.query_one("#stats-calendar", Static)
        calendar.display = numbers.year is not None
        if numbers.year is not None:
            calendar.update(calendar_text(numbers.days, numbers.year))
        self.query_one("#stats-today", RowList).set_rows(earlier)


def half_stars(rating: float) -> str:
    """A rating as stars for a chart's label (``★★★½``)."""
    return stars(rating) or "½"


def chart_text(title: str, counts: dict[str, int], width: int) -> Text:
    """A titled bar chart in ``width`` columns: a line per label (shown literally, cut to fit)
    with its bar and its count."""
    text = Text(title, style="bold", no_wrap=True, overflow="ellipsis")
    if not any(counts.values()):
        text.append("\nnothing yet", style="dim")
        return text
    labels = [printable(label) for label in counts]
    numbers = [f"{count:,}" for count in counts.values()]
    label_width = min(max(map(len, labels)), max(4, width // 3))
    number_width = max(map(len, numbers))
    bar_width = max(1, width - label_width - number_width - 2)
    lines = bar_lines(counts, bar_width)
    for label, (_, drawn, _), number in zip(labels, lines, numbers, strict=True):
        shown = label if len(label) <= label_width else label[: label_width - 1] + "…"
        text.append(f"\n{shown:<{label_width}} ")
        text.append(f"{drawn:<{bar_width}}", style="cyan")
        text.append(f" {number:>{number_width}}", style="dim")
    return text


def calendar_text(days: dict[str, int], year: int) -> Text:
    """The year's calendar: a square a day, darker for more viewings."""
    text = Text(f"Viewings in {year}\n", style="bold")
    text.append(f"    {month_labels(year)}\n", style="dim")
    for name, line in zip(
        ("Mon", "", "Wed", "", "Fri", "", "Sun"), heatmap(days, year), strict=True
    ):
        text.append(f"{name:<4}", style="dim")
        text.append(f"{line}\n", style="green")
    return text


def summary_text(numbers: api.Stats) -> Text:
    """The year's numbers in a few lines."""

    text = Text()
    text.append(counted(numbers.films_watched, "film"), style="bold")
    text.append(f" in {counted(numbers.viewings, 'viewing')} ")
    text.append(f"({numbers.first_time:,} first time, {numbers.rewatches:,} again) · ")
    text.append(
        f"{counted(numbers.reviews_written, 'review')}, {counted(numbers.words_written, 'word')}"
    )
    if numbers.average_rating is not None:
        text.append(f" · average {numbers.average_rating:.2f} ")
        text.append(stars(numbers.average_rating), style="yellow")
    text.append("\n")
    streak = numbers.watching_streak
    text.append(f"Longest watching streak {counted(streak.days, 'day')}")
    if streak.days > 1:
        text.append(f" ({streak.start} to {streak.end})", style="dim")
    text.append(f" · writing streak {counted(numbers.writing_streak.days, 'day')}")
    if numbers.busiest_day:
        text.append(f" · busiest day {numbers.busiest_day[0]} ({numbers.busiest_day[1]})")
    text.append("\n")
    text.append(f"{counted(numbers.liked, 'film')} liked · ")
    text.append(f"watchlist {numbers.watchlist_added:,} added, ")
    text.append(f"{numbers.watched_from_watchlist:,} watched from it · ")
    favourites = counted(numbers.favourite_quotes, "favourite")
    text.append(f"{counted(numbers.quotes_kept, 'quote')} kept ({favourites})")
    for label, moment in (("First", numbers.first_film), ("Last", numbers.last_film)):
        if moment is not None:
            text.append(f"\n{label} film: ", style="dim")
            text.append(printable(film_label(moment.title, moment.year)), style="bold")
            text.append(f", {moment.day}", style="dim")
    return text
