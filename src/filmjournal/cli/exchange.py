"""``export`` and ``import``: Markdown, JSON and Letterboxd, with progress bars on a terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from filmjournal.cli.journal_file import JournalCommandError, opened_journal
from filmjournal.cli.output import progress_bar
from filmjournal.display import printable

FORMATS = ("letterboxd",)
"""Foreign formats ``export --to`` writes and ``import --from`` reads."""


@click.command("export")
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
    "--filter",
    "filter_text",
    default="",
    metavar="FILTER",
    help='With --all: only what a filter chooses, e.g. "tag:love watched:2024" (see README).',
)
@click.option(
    "--to",
    "destination",
    type=click.Choice(FORMATS),
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
    filter_text: str,
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
    if filter_text and not everything:
        raise click.UsageError("--filter goes with --all")
    from filmjournal.exchange import exporter

    with opened_journal(path):
        if everything:
            from filmjournal.journal import api

            chosen = api.parse_filter(filter_text)
            with progress_bar("Exporting", output or "") as advance:
                result = exporter.export_all(
                    Path(output or ""), fmt, force=force, progress=advance, chosen=chosen
                )
        else:
            review_id = exporter.resolve_review(review or "")
            result = exporter.export_review(review_id, output, fmt, force=force)
    if result.path is None:
        sys.stdout.write(result.text)
    elif everything and fmt == "md":
        click.echo(f"Exported {result.count:,} reviews to {printable(str(result.path))}")
    else:
        click.echo(printable(str(result.path)))


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source",
    type=click.Choice(FORMATS),
    help="Read a Letterboxd export (the zip, its folder, or a CSV in its import format).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Import nothing at all if any file or row cannot be read (for scripts).",
)
@click.pass_obj
def import_command(
    path: Path | str, paths: tuple[Path, ...], source: str | None, strict: bool
) -> None:
    """Import Markdown reviews (files or folders of .md files) or a filmjournal JSON export.

    `filmjournal import --from letterboxd PATH` imports a Letterboxd export (the zip or its
    folder); `filmjournal import letterboxd PATH` does the same.

    Everything sound is imported in one transaction; each file (or Letterboxd row) that cannot
    be read is left out and named, with its reason, and the exit status is 1. With --strict,
    anything bad means nothing is imported. A review already in the journal is skipped.
    """
    old_spelling = len(paths) == 2 and paths[0] == Path("letterboxd") and not paths[0].exists()
    if source is None and old_spelling:
        source, paths = "letterboxd", paths[1:]
    if source == "letterboxd":
        if len(paths) != 1:
            raise click.UsageError("--from letterboxd takes one export (a .zip or its folder)")
        _import_letterboxd(path, paths[0], strict)
        return
    from filmjournal.exchange import importer

    try:
        files = importer.collect_files(paths)
    except importer.ImportPathError as error:
        raise JournalCommandError(str(error)) from error
    with opened_journal(path), progress_bar("Importing", "") as advance:
        summary = importer.import_files(
            files, progress=lambda done, total, _: advance(done, total), strict=strict
        )
    for outcome in summary.outcomes:
        if outcome.status != "imported":
            line = f"{outcome.status}: {outcome.path}: {outcome.detail}"
            click.echo(printable(line), err=True)
    if strict and summary.count("failed"):
        raise ImportRefused("a file cannot be imported: nothing was imported")
    click.echo(f"{len(files)} files: {summary.line()}")
    if summary.count("failed"):
        sys.exit(1)


def _export_letterboxd(path: Path | str, output: str | None, chunk: int, force: bool) -> None:
    """Every review in Letterboxd's import format; print the files written."""
    if not output or output == "-":
        raise click.UsageError("--to letterboxd needs -o FILE.csv")
    from filmjournal.exchange.letterboxd import export_letterboxd

    with opened_journal(path), progress_bar("Exporting", output) as advance:
        written = export_letterboxd(Path(output), chunk=chunk, force=force, progress=advance)
    for file in written:
        click.echo(printable(str(file)))


class ImportRefused(click.ClickException):
    """A strict import that found something bad and wrote nothing (exit status 1)."""

    exit_code = 1


def _import_letterboxd(path: Path | str, export: Path, strict: bool) -> None:
    """Import a Letterboxd export; print what was done, and every file or row left out."""
    from filmjournal.exchange.letterboxd import ExportProblems, LetterboxdError, import_letterboxd

    with opened_journal(path), progress_bar("Importing", str(export)) as advance:
        try:
            summary = import_letterboxd(export, progress=advance, strict=strict)
        except ExportProblems as error:
            for problem in error.problems:
                click.echo(printable(f"problem: {problem}"), err=True)
            raise ImportRefused(str(error)) from error
        except LetterboxdError as error:
            raise JournalCommandError(f"{error} (nothing was imported)") from error
    for line in summary.lines():
        click.echo(printable(line))
    for problem in summary.problems:
        click.echo(printable(f"left out: {problem}"), err=True)
    if summary.problems:
        sys.exit(1)


@click.command("recap")
@click.argument("year", type=click.IntRange(1000, 9999))
@click.option("-o", "--output", help="File or folder to write (default: standard output).")
@click.option("--force", is_flag=True, help="Overwrite an existing file instead of numbering.")
@click.pass_obj
def recap_command(path: Path | str, year: int, output: str | None, force: bool) -> None:
    """Write YEAR in review as a Markdown post: the numbers, month by month, the top ten with
    the start of each review, favourite quotes, most watched films and the watchlist."""
    from filmjournal.exchange.recap import recap_markdown, write_recap
    from filmjournal.journal import api

    with opened_journal(path):
        post = api.year_post(year)
        written = write_recap(post, output, force=force)
    if written is None:
        sys.stdout.write(recap_markdown(post))
    else:
        click.echo(printable(str(written)))
