"""How commands print: one helper for tables, tab-separated lines and JSON, and progress bars.

A listing command builds a :class:`Listing` (its JSON, its plain lines, and how to draw its
table) and hands it to :func:`show`, which picks the form: ``--json`` (given by
:func:`output_options`), a Rich table on a terminal, plain tab-separated lines in a pipe. Rich is
imported only for a terminal, so scripts stay quick.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

import click

from filmjournal.display import BIDI_CONTROLS, one_line, printable

JSON_INDENT = 2
Command = TypeVar("Command", bound=Callable[..., Any])
Progress = Callable[[int, int], None]
LINES_PER_WRITE = 1000
"""Plain lines are written a thousand at a time (a write each made long listings slow)."""


def output_options(command: Command) -> Command:
    """The options every listing command shares: ``--json``."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(command)


@dataclass
class Listing:
    """What a command prints, in each form."""

    json: object
    """The value ``--json`` prints."""
    lines: Iterable[Sequence[str]]
    """The fields of each tab-separated line, printed to a pipe."""
    table: Callable[[], None] | None = None
    """Prints the Rich table for a terminal (without one, the lines are printed there too)."""


def show(listing: Listing, as_json: bool) -> None:
    """Print a listing in the form asked for, or that suits where it goes.

    Every field of a plain line is put on one line and shown literally (control characters as
    pictures or escapes), whether it goes to a terminal or a pipe.
    """
    if as_json:
        print_json(listing.json)
    elif listing.table is not None and to_terminal():
        listing.table()
    else:
        lines = iter(listing.lines)
        while chunk := list(islice(lines, LINES_PER_WRITE)):
            click.echo("\n".join("\t".join(map(plain_field, fields)) for fields in chunk))


def plain_field(field: str) -> str:
    """A field of a plain line: on one line, shown literally."""
    return printable(one_line(field))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029" + "".join(map(chr, BIDI_CONTROLS)) + "]")


def json_text(value: object) -> str:
    """A JSON document that is safe to print: every control character escaped (``\\u009b``)."""
    text = json.dumps(value, ensure_ascii=False, indent=JSON_INDENT)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)


def print_json(value: object) -> None:
    """Print a JSON document."""
    click.echo(json_text(value))


def to_terminal() -> bool:
    """Whether standard output is a terminal (Rich table) rather than a pipe (plain lines)."""
    return sys.stdout.isatty()


@contextmanager
def progress_bar(verb: str, target: str) -> Iterator[Progress]:
    """A Rich progress bar on standard error when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress as Bar

    with Bar(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(escape(printable(f"{verb} {target}".strip())), total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
