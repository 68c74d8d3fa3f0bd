"""Charts drawn with block characters, for the terminal report and the Stats screen.

No plotting package: a bar is a run of full blocks and one eighth-block, which every terminal
font has, and reads the same without colour (``NO_COLOR``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
SHADES = " ░▒▓█"
"""A day's square in the calendar: none, then more viewings darker."""


def bar(value: float, largest: float, width: int) -> str:
    """A horizontal bar for ``value`` out of ``largest``, at most ``width`` cells."""
    if largest <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    whole, part = divmod(eighths, 8)
    return (FULL * whole + (EIGHTHS[part] if part else ""))[:width]


def bar_lines(counts: Mapping[str, int], width: int) -> list[tuple[str, str, int]]:
    """Each label with its bar and count, bars scaled to the largest."""
    largest = max(counts.values(), default=0)
    return [(label, bar(count, largest, width), count) for label, count in counts.items()]


def heatmap(days: Mapping[str, int], year: int) -> list[str]:
    """A year's calendar, GitHub style: seven lines (Monday to Sunday), a column per week."""
    first = date(year, 1, 1)
    start = first - timedelta(days=first.weekday())
    last = date(year, 12, 31)
    weeks = (last - start).days // 7 + 1
    in_year = (count for day, count in days.items() if day.startswith(f"{year:04d}"))
    busiest = max(in_year, default=0)
    lines = []
    for weekday in range(7):
        cells = []
        for week in range(weeks):
            day = start + timedelta(days=week * 7 + weekday)
            if day.year != year:
                cells.append(" ")
                continue
            count = days.get(day.isoformat(), 0)
            cells.append(shade(count, busiest) if count else "·")
        lines.append("".join(cells))
    return lines


def shade(count: int, busiest: int) -> str:
    """A day's square: darker for more viewings (four steps up to the busiest day)."""
    if count <= 0 or busiest <= 0:
        return SHADES[0]
    step = min(4, max(1, -(-count * 4 // busiest)))  # quarters of the busiest day, rounded up
    return SHADES[step]


def month_labels(year: int) -> str:
    """The month names above a year's calendar columns (first letters where they fit)."""
    first = date(year, 1, 1)
    start = first - timedelta(days=first.weekday())
    weeks = (date(year, 12, 31) - start).days // 7 + 1
    line = [" "] * weeks
    for month in range(1, 13):
        column = (date(year, month, 1) - start).days // 7
        name = date(year, month, 1).strftime("%b")
        for offset, letter in enumerate(name):
            if column + offset < weeks and line[column + offset] == " ":
                line[column + offset] = letter
    return "".join(line)


def spark(values: Sequence[int]) -> str:
    """A one-line sparkline of values (▁ to █)."""
    ticks = "▁▂▃▄▅▆▇█"
    largest = max(values, default=0)
    if largest <= 0:
        return ticks[0] * len(values)
    return "".join(ticks[min(7, value * 7 // largest)] if value else " " for value in values)
