"""The year in review as a Markdown post: front matter, the numbers, a month-by-month table,
the top ten with the start of each review, favourite quotes, most watched, the watchlist.

Written for CommonMark with GFM tables (GitHub, Hugo, Jekyll). Every piece of user text is
shown literally: titles, names and notes are escaped where Markdown would read syntax, and
review openings are given as plain text (the first lines of what a reader sees, spoilers
hidden), never cut Markdown.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from filmjournal.display import counted, markdown_text, stars
from filmjournal.exchange.files import ExportError, ensure_folder, free_path, write_atomically
from filmjournal.exchange.markdown.writer import front_matter_yaml
from filmjournal.journal.records import film_label
from filmjournal.journal.stats import Highlight, KeptQuote, YearPost
from filmjournal.spoilers import replace_spoilers

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
OPENING = 280
"""Characters of a review's opening at most (cut at a word)."""
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#!$])")
_LINE_START = re.compile(r"^([-+=>]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """User text as Markdown that shows it literally, on one line (inline, in tables too)."""
    one_line = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    start = _LINE_START.match(one_line)
    if start is None:
        return one_line
    if start.group(1)[0].isdigit():  # "1." or "1)": the mark after the number is escaped
        end = start.end()
        return f"{one_line[:end]}\\{one_line[end:]}"
    return f"\\{one_line}"


def recap_markdown(post: YearPost, *, written_on: date | None = None) -> str:
    """The post for ``post.numbers.year``."""
    numbers = post.numbers
    year = numbers.year
    title = f"My {year} in film"
    front = {
        "title": title,
        "date": (written_on or min(date.today(), date(year or 1, 12, 31))).isoformat(),
        "tags": ["year in review", "films"],
        "films": numbers.films_watched,
        "viewings": numbers.viewings,
    }
    lines = ["---", front_matter_yaml(front).rstrip("\n"), "---", "", f"# {title}", ""]
    lines += _opening(post)
    lines += _numbers(post)
    lines += _months(post)
    lines += _top(post.top)
    lines += _quotes(post.quotes)
    if post.rewatched:
        lines += ["## Most watched", ""]
        lines += [f"- {_film(t, y)}: {count} times" for t, y, count in post.rewatched] + [""]
    if post.watchlist_total:
        lines += ["## Still on the watchlist", ""]
        lines += [f"- {_film(t, y)}" for t, y in post.watchlist]
        more = post.watchlist_total - len(post.watchlist)
        lines += [f"- …and {counted(more, 'more film')}", ""] if more > 0 else [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _film(title: str, year: int | None) -> str:
    return f"*{escape(film_label(title, year))}*"


def _opening(post: YearPost) -> list[str]:
    numbers = post.numbers
    if not numbers.viewings:
        return [f"No films watched in {numbers.year}.", ""]
    sentence = (
        f"This year I watched **{counted(numbers.films_watched, 'film')}** in "
        f"{counted(numbers.viewings, 'viewing')} ({numbers.rewatches:,} of them again) and wrote "
        f"{counted(numbers.reviews_written, 'review')}, {counted(numbers.words_written, 'word')}."
    )
    if numbers.average_rating is not None:
        average = numbers.average_rating
        sentence += f" My average rating was {average:.2f} ({stars(average)})."
    return [sentence, ""]


def _numbers(post: YearPost) -> list[str]:
    numbers = post.numbers
    lines = ["## The year in numbers", ""]
    streak = numbers.watching_streak
    if streak.days:
        days = counted(streak.days, "day")
        span = f" ({streak.start} to {streak.end})" if streak.days > 1 else f" ({streak.start})"
        lines.append(f"- Longest watching streak: {days}{span}")
    if numbers.writing_streak.days:
        lines.append(f"- Longest writing streak: {counted(numbers.writing_streak.days, 'day')}")
    if numbers.busiest_day:
        day, count = numbers.busiest_day
        lines.append(f"- Busiest day: {day}, {counted(count, 'film')}")
    if numbers.first_film and numbers.last_film:
        first, last = numbers.first_film, numbers.last_film
        lines.append(f"- First film: {_film(first.title, first.year)} on {first.day}")
        lines.append(f"- Last film: {_film(last.title, last.year)} on {last.day}")
    for label, top in (
        ("Where", numbers.places),
        ("Tags", numbers.top_tags),
        ("Directors", numbers.directors),
    ):
        if top:
            lines.append(
                f"- {label}: " + ", ".join(f"{escape(name)} ({count})" for name, count in top[:5])
            )
    lines.append(
        f"- Liked: {counted(numbers.liked, 'film')}; watchlist: {numbers.watchlist_added:,} added, "
        f"{numbers.watched_from_watchlist:,} watched from it"
    )
    favourites = counted(numbers.favourite_quotes, "favourite")
    lines.append(f"- Quotes kept: {numbers.quotes_kept:,} ({favourites})")
    return [*lines, ""]


def _months(post: YearPost) -> list[str]:
    lines = ["## Month by month", "", "| Month | Films | Average rating |", "|---|---:|---:|"]
    for month, count, average in post.months:
        name = MONTH_NAMES[int(month[5:7]) - 1]
        rating = f"{average:.2f}" if average is not None else "none"
        lines.append(f"| {name} | {count} | {rating} |")
    return [*lines, ""]


def _top(top: list[Highlight]) -> list[str]:
    if not top:
        return []
    lines = ["## My top ten", ""]
    for rank, viewing in enumerate(top, 1):
        entry = f"{rank}. {_film(viewing.title, viewing.year)} {stars(viewing.rating)}"
        if viewing.headline.strip():
            entry += f": **{escape(viewing.headline)}**"
        lines.append(entry)
        opening = review_opening(viewing.body)
        if opening:
            lines += ["", f"   > {escape(opening)}", ""]
    return lines if lines[-1] == "" else [*lines, ""]


def review_opening(body: str) -> str:
    """The first lines a reader sees of a review (spoilers hidden), cut at a word."""
    hidden = replace_spoilers(body, lambda _: "(spoiler)", lambda _: "(spoiler)\n")
    text = " ".join(markdown_text(hidden).split())
    if len(text) <= OPENING:
        return text
    cut = text[:OPENING].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _quotes(quotes: list[KeptQuote]) -> list[str]:
    if not quotes:
        return []
    lines = ["## Lines that stayed with me", ""]
    for quote in quotes:
        said = f"> “{escape(quote.text)}”"
        who = ", ".join(
            part for part in (escape(quote.speaker), _film(quote.title, quote.year)) if part
        )
        lines += [said, f"> — {who}"]
        if quote.note.strip():
            lines.append(f"\n{escape(quote.note)}")
        lines.append("")
    return lines


def write_recap(post: YearPost, output: str | None, *, force: bool = False) -> Path | None:
    """Write the post to ``output`` (a file, or a folder for ``YEAR-in-film.md``); ``-`` or
    nothing: return None (the caller prints it). An existing file gets a number, unless
    ``force``; the file is written whole or not at all."""
    if not output or output == "-":
        return None
    name = f"{post.numbers.year}-in-film.md"
    target = Path(output).expanduser()
    try:
        if target.is_dir() or output.endswith(("/", "\\")):
            ensure_folder(target)
            path = free_path(target, name, force=force)
        elif not target.parent.is_dir():
            raise ExportError(f"{target.parent}: no such folder")
        else:
            path = free_path(target.parent, target.name, force=force)
    except OSError as error:
        raise ExportError(f"{output}: cannot be written ({error.strerror or error})") from None
    write_atomically(path, recap_markdown(post))
    return path
