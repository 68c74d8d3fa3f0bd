"""The ``filmjournal`` command: the TUI by default, and scriptable subcommands.

Commands that do not open the TUI never import Textual (it alone costs 0.3 s to import), and
import Rich only when writing to a terminal. Journal errors become one line and exit status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from filmjournal import __version__

if TYPE_CHECKING:
    from filmjournal.journal.database import Journal
    from filmjournal.journal.records import SearchHit

JSON_INDENT = 2


class JournalCommandError(click.ClickException):
    """A journal problem reported as one line with exit status 2."""

    exit_code = 2


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path),
    envvar="FILMJOURNAL_DB",
    help="Journal file to use (default: journal.db in the user data directory; "
    "or set FILMJOURNAL_DB).",
)
@click.version_option(__version__, "--version", prog_name="filmjournal")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """A terminal film journal: reviews, quotes and comments about the films you watch.

    Without a command, opens the journal in the terminal interface.
    """
    if db_path is None:
        from filmjournal.paths import default_journal_path

        db_path = default_journal_path()
    ctx.obj = db_path
    if ctx.invoked_subcommand is None:
        start_interface(db_path)


def start_interface(path: Path) -> None:
    """Open the journal in the full-screen interface."""
    with opened_journal(path) as journal:
        from filmjournal.tui.app import FilmJournalApp

        FilmJournalApp(journal.path).run()


@cli.command("demo")
def demo_command() -> None:
    """Open a throwaway journal filled with sample films, reviews, quotes and comments."""
    import tempfile

    from filmjournal.demo import fill_demo_journal

    with tempfile.TemporaryDirectory(prefix="filmjournal-demo-") as folder:
        path = Path(folder) / "demo.db"
        with opened_journal(path):
            fill_demo_journal()
        start_interface(path)


@contextmanager
def opened_journal(path: Path) -> Iterator[Journal]:
    """Open the journal for one command, turning any journal error into one line and exit 2."""
    from peewee import DatabaseError

    from filmjournal.journal import api
    from filmjournal.journal.database import busy_timeout_from_env, sqlite_error

    try:
        with api.open_journal(path) as journal:
            yield journal
    except api.JournalFileError as error:
        raise JournalCommandError(str(error)) from error
    except api.JournalError as error:
        raise JournalCommandError(f"{path}: {error}") from error
    except DatabaseError as error:
        message = str(sqlite_error(path, error, busy_timeout_from_env()))
        raise JournalCommandError(message) from error


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_obj
def list_command(path: Path, as_json: bool) -> None:
    """Films with their review count, last watched date and latest rating.

    Piped, prints one film per line: title, year, reviews, last watched, rating (tab-separated).
    """
    from filmjournal.journal import api

    with opened_journal(path):
        films = api.list_films()
    if as_json:
        rows = [
            {
                "id": film.id,
                "title": film.title,
                "year": film.year,
                "reviews": film.reviews,
                "last_watched": film.last_watched,
                "rating": film.rating,
                "watchlist": film.watchlist_added_on is not None,
                "watchlist_added_on": film.watchlist_added_on,
            }
            for film in films
        ]
        _print_json(rows)
    elif _to_terminal():
        from filmjournal import terminal

        terminal.print_films(films)
    else:
        from filmjournal.display import one_line, rating_number

        for film in films:
            fields = [one_line(film.title), str(film.year or ""), str(film.reviews)]
            _echo_line([*fields, film.last_watched or "", rating_number(film.rating)])


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.pass_obj
def stats_command(path: Path, as_json: bool) -> None:
    """How many films, reviews, quotes, comments, tags and watchlist films the journal holds."""
    from filmjournal.journal import api

    with opened_journal(path):
        counts = api.counts()._asdict()
    if as_json:
        _print_json(counts)
    elif _to_terminal():
        from filmjournal import terminal

        terminal.print_counts(path, counts)
    else:
        for name, value in counts.items():
            _echo_line([name, str(value)])


@cli.command("search")
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_obj
def search_command(path: Path, words: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Search films, reviews, quotes and comments for WORDS (every word must match).

    Piped, prints one hit per line: kind, id, film, title, snippet (tab-separated).
    """
    from filmjournal.journal import api
    from filmjournal.journal.records import film_label

    with opened_journal(path):
        hits = api.search(" ".join(words), limit=limit)
    if as_json:
        _print_json([_hit_json(hit) for hit in hits])
    elif _to_terminal():
        from filmjournal import terminal

        terminal.print_hits(hits)
    else:
        from filmjournal.display import one_line

        for hit in hits:
            film = one_line(film_label(hit.film_title, hit.film_year))
            fields = [hit.kind, str(hit.id), film, one_line(hit.title)]
            _echo_line([*fields, one_line(hit.snippet_text)])


@cli.command("lists")
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def lists_command(path: Path, name: str | None, as_json: bool) -> None:
    """Lists of films (from Letterboxd): every list, or the films of the list NAME (or id).

    Prints one tab-separated line per list (id, name, films) or per film (position, title,
    year, note).
    """
    from filmjournal.display import one_line
    from filmjournal.journal import api

    with opened_journal(path):
        try:
            chosen = api.find_list(name) if name else None
        except api.JournalError as error:
            raise JournalCommandError(str(error)) from error
        lists = api.list_lists() if chosen is None else []
        entries = api.list_films_of(chosen.id) if chosen is not None else []
    if as_json:
        if chosen is None:
            _print_json([summary._asdict() for summary in lists])
        else:
            _print_json({**chosen._asdict(), "films": [entry._asdict() for entry in entries]})
    elif chosen is None:
        for summary in lists:
            _echo_line([str(summary.id), one_line(summary.name), str(summary.film_count)])
    else:
        for entry in entries:
            fields = [str(entry.position), one_line(entry.title), str(entry.year or "")]
            _echo_line([*fields, one_line(entry.note)])


@cli.command("backup")
@click.argument("destination", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite DESTINATION if it exists.")
@click.pass_obj
def backup_command(path: Path, destination: Path, force: bool) -> None:
    """Write a consistent copy of the journal to DESTINATION (a file, or a folder to put it in)."""
    from filmjournal.journal import api

    if destination.is_dir():
        destination = destination / f"journal-{datetime.now():%Y%m%d-%H%M%S}.db"
    if destination.exists() and not force:
        raise JournalCommandError(f"{destination}: already exists (use --force to overwrite it)")
    if not destination.parent.is_dir():
        raise JournalCommandError(f"{destination}: the folder {destination.parent} does not exist")
    with opened_journal(path) as journal:
        if destination.resolve() == journal.path:
            raise JournalCommandError(f"{destination}: is the journal itself")
        try:
            written = api.backup_journal(destination)
        except OSError as error:
            raise JournalCommandError(f"{destination}: {error.strerror or error}") from error
    click.echo(f"Backed up {journal.path} to {written}")


@cli.command("export")
@click.argument("review", required=False)
@click.option("--all", "everything", is_flag=True, help="Export every review (needs -o DIR).")
@click.option(
    "-o",
    "--output",
    help="File or folder to write (default: the current folder); - for standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "json"]),
    default="md",
    show_default=True,
    help="Markdown (a blog post) or JSON (lossless).",
)
@click.option("--force", is_flag=True, help="Overwrite existing files instead of numbering.")
@click.option(
    "--to",
    "destination",
    type=click.Choice(["letterboxd"]),
    help="Write every review in Letterboxd's import format (CSV) to -o FILE.csv.",
)
@click.option(
    "--chunk",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="With --to letterboxd: rows per file (FILE-1.csv, FILE-2.csv…).",
)
@click.pass_obj
def export_command(
    path: Path,
    review: str | None,
    everything: bool,
    output: str | None,
    fmt: str,
    force: bool,
    destination: str | None,
    chunk: int,
) -> None:
    """Export REVIEW (an id, or a film as "Her (2013)" for its latest review), or --all.

    Markdown files are named YYYY-MM-DD-film-title-year.md; an existing file is never
    overwritten unless --force: a number is added instead. Prints the path written.
    `--to letterboxd -o FILE.csv` writes every review in Letterboxd's import format.
    """
    if destination == "letterboxd":
        _export_letterboxd(path, output, chunk, force)
        return
    if everything == (review is not None):
        raise click.UsageError("give either REVIEW or --all")
    if everything and not output:
        raise click.UsageError("--all needs -o DIR: the folder to write into")
    from filmjournal.exchange import exporter
    from filmjournal.journal.errors import JournalError

    with opened_journal(path):
        try:
            if everything:
                with _progress("Exporting", output or "") as advance:
                    result = exporter.export_all(
                        Path(output or ""), fmt, force=force, progress=advance
                    )
            else:
                review_id = exporter.resolve_review(review or "")
                result = exporter.export_review(review_id, output, fmt, force=force)
        except JournalError as error:
            raise JournalCommandError(str(error)) from error
    if result.path is None:
        sys.stdout.write(result.text)
    elif everything and fmt == "md":
        click.echo(f"Exported {result.count:,} reviews to {result.path}")
    else:
        click.echo(str(result.path))


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def import_command(path: Path, paths: tuple[Path, ...]) -> None:
    """Import Markdown reviews (files or folders of .md files) or a filmjournal JSON export.

    `filmjournal import letterboxd PATH` imports a Letterboxd export (the zip or its folder).

    Everything is imported in one transaction; a file that cannot be read fails alone, with its
    reason. A review already in the journal (same film, watched date and headline) is skipped.
    Exit status 1 when some file failed.
    """
    if len(paths) == 2 and paths[0] == Path("letterboxd") and not paths[0].exists():
        _import_letterboxd(path, paths[1])
        return
    from filmjournal.exchange import importer

    try:
        files = importer.collect_files(paths)
    except importer.ImportPathError as error:
        raise JournalCommandError(str(error)) from error
    with opened_journal(path), _progress("Importing", "") as advance:
        summary = importer.import_files(files, progress=lambda done, total, _: advance(done, total))
    for outcome in summary.outcomes:
        if outcome.status != "imported":
            click.echo(f"{outcome.status}: {outcome.path}: {outcome.detail}", err=True)
    click.echo(f"{len(files)} files: {summary.line()}")
    if summary.count("failed"):
        sys.exit(1)


def _export_letterboxd(path: Path, output: str | None, chunk: int, force: bool) -> None:
    """Every review in Letterboxd's import format; print the files written."""
    if not output or output == "-":
        raise click.UsageError("--to letterboxd needs -o FILE.csv")
    from filmjournal.exchange.letterboxd import export_letterboxd
    from filmjournal.journal.errors import JournalError

    with opened_journal(path), _progress("Exporting", output) as advance:
        try:
            written = export_letterboxd(Path(output), chunk=chunk, force=force, progress=advance)
        except JournalError as error:
            raise JournalCommandError(str(error)) from error
    for file in written:
        click.echo(str(file))


def _import_letterboxd(path: Path, export: Path) -> None:
    """Import a whole Letterboxd export, or nothing of it; print what was done."""
    from filmjournal.exchange.letterboxd import LetterboxdError, import_letterboxd

    with opened_journal(path), _progress("Importing", str(export)) as advance:
        try:
            summary = import_letterboxd(export, progress=advance)
        except LetterboxdError as error:
            raise JournalCommandError(f"{error} (nothing was imported)") from error
    for line in summary.lines():
        click.echo(line)


@contextmanager
def _progress(verb: str, target: str) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on standard error when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(escape(f"{verb} {target}".strip()), total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance


def _hit_json(hit: SearchHit) -> dict[str, object]:
    """A search hit as JSON: the snippet as text plus the character ranges that matched."""
    highlights, offset = [], 0
    for text, is_match in hit.snippet:
        if is_match:
            highlights.append([offset, offset + len(text)])
        offset += len(text)
    return {
        "kind": hit.kind,
        "id": hit.id,
        "film": {"id": hit.film_id, "title": hit.film_title, "year": hit.film_year},
        "review_id": hit.review_id,
        "title": hit.title,
        "snippet": hit.snippet_text,
        "highlights": highlights,
        "score": round(hit.score, 4),
    }


def _print_json(value: object) -> None:
    """Print a JSON document."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=JSON_INDENT))


def _echo_line(fields: list[str]) -> None:
    """Print one tab-separated line."""
    click.echo("\t".join(fields))


def _to_terminal() -> bool:
    """Whether standard output is a terminal (Rich table) rather than a pipe (plain lines)."""
    return sys.stdout.isatty()


def main() -> None:
    """Entry point of the ``filmjournal`` console script."""
    try:
        cli(prog_name="filmjournal")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
