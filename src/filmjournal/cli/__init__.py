"""The ``filmjournal`` command: the interface by default, and scriptable subcommands.

Commands that do not open the interface never import Textual (it alone costs 0.3 s to import),
and import Rich only when writing to a terminal. Every problem is one line and exit status 2
(:mod:`.journal_file`); :mod:`.output` prints tables, tab-separated lines or JSON.
"""

from __future__ import annotations

import signal
import sys
from datetime import datetime
from pathlib import Path

import click

from filmjournal import __version__
from filmjournal.cli.exchange import export_command, import_command, recap_command
from filmjournal.cli.journal_file import JournalCommandError, opened_journal
from filmjournal.cli.listings import list_command, lists_command, search_command, stats_command
from filmjournal.display import one_line, printable
from filmjournal.journal.errors import JournalError


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.UNPROCESSED,
    envvar="FILMJOURNAL_DB",
    help="Journal file, or a shared journal's postgresql://user@host:5432/name (default: db in "
    "config.toml, else journal.db in the user data directory; or set FILMJOURNAL_DB).",
)
@click.version_option(__version__, "--version", prog_name="filmjournal")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None) -> None:
    """A terminal film journal: reviews, quotes and comments about the films you watch.

    Without a command, opens the journal in the terminal interface.
    """
    from filmjournal.paths import default_location, journal_location

    location = journal_location(db_path) if db_path else default_location()
    ctx.obj = location
    if ctx.invoked_subcommand is None:
        start_interface(location)


def start_interface(path: Path | str) -> None:
    """Open the journal in the full-screen interface."""
    with opened_journal(path) as journal:
        from filmjournal.tui.app import FilmJournalApp

        FilmJournalApp(journal.name, upgrade_notice=journal.upgrade_notice()).run()


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


@cli.command("backup")
@click.argument("destination", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite DESTINATION if it exists.")
@click.pass_obj
def backup_command(path: Path | str, destination: Path, force: bool) -> None:
    """Write a consistent copy of the journal to DESTINATION (a file, or a folder to put it in)."""
    from filmjournal.journal import api

    if destination.is_dir():
        destination = destination / f"journal-{datetime.now():%Y%m%d-%H%M%S}.db"
    if destination.exists() and not force:
        raise JournalCommandError(f"{destination}: already exists (use --force to overwrite it)")
    if not destination.parent.is_dir():
        raise JournalCommandError(f"{destination}: the folder {destination.parent} does not exist")
    if isinstance(path, str):  # a server journal: copied into a new journal file
        _copy_or_fail(path, destination, merge=False, replace=True)
        click.echo(printable(f"Backed up {path_shown(path)} to {destination}"))
        return
    with opened_journal(path) as journal:
        if destination.resolve() == journal.path:
            raise JournalCommandError(f"{destination}: is the journal itself")
        written = api.backup_journal(destination)
    click.echo(printable(f"Backed up {journal.path} to {written}"))


@cli.command("copy")
@click.argument("source")
@click.argument("destination")
@click.option("--merge", is_flag=True, help="Copy into a journal that has things already.")
def copy_command(source: str, destination: str, merge: bool) -> None:
    """Copy the whole journal SOURCE into DESTINATION: each a journal file or a server journal
    (postgresql://user@host:5432/name), either way.

    DESTINATION must be empty (a new file, or a new database) unless --merge: then what it has
    already is skipped, as an import skips it. Nothing is written unless all of it is.
    """
    from filmjournal.paths import journal_location

    detail = _copy_or_fail(journal_location(source), journal_location(destination), merge=merge)
    click.echo(printable(f"Copied {path_shown(source)} to {path_shown(destination)}: {detail}"))


@cli.command("sharing")
@click.option(
    "--anyone-edits/--authors-edit",
    default=None,
    help="Let every member change anything, or each only what they wrote (the default).",
)
@click.pass_obj
def sharing_command(path: Path | str, anyone_edits: bool | None) -> None:
    """Show (or change) who may change what in a shared journal on a server."""
    from filmjournal.journal import api

    with opened_journal(path) as journal:
        if anyone_edits is not None:
            api.set_anyone_edits(anyone_edits)
        rule = (
            "anyone may change anything"
            if api.anyone_edits()
            else "members change only what they wrote"
        )
        click.echo(printable(f"{journal.name}: {rule}; you sign as {api.signature() or '—'}"))


def path_shown(location: Path | str) -> str:
    """A journal's name for messages: a file, or a server address without its password."""
    from filmjournal.journal.server import parse_address
    from filmjournal.paths import is_server_address

    if is_server_address(location):
        try:
            return parse_address(str(location)).shown
        except JournalError:
            return "the server journal"
    return str(location)


def _copy_or_fail(
    source: Path | str, destination: Path | str, *, merge: bool, replace: bool = False
) -> str:
    """Copy a journal with a progress bar; any problem is one line. With ``replace`` the
    destination is a journal file written whole beside it, then put in its place."""
    from filmjournal.cli.output import progress_bar
    from filmjournal.exchange.journal_copy import copy_journal
    from filmjournal.journal import api

    target = destination
    if replace and isinstance(destination, Path):
        target = destination.with_name(f".{destination.name}.copying")
        target.unlink(missing_ok=True)
    try:
        with progress_bar("Copying", path_shown(source)) as advance:
            detail = copy_journal(
                source, target, merge=merge, progress=lambda _, done, total: advance(done, total)
            )
        if target is not destination and isinstance(target, Path):
            target.replace(destination)  # type: ignore[arg-type]
    except Exception as error:
        known = api.as_journal_error(error)
        if known is None:
            raise
        raise JournalCommandError(str(known)) from error
    finally:
        if target is not destination and isinstance(target, Path):
            target.unlink(missing_ok=True)
    return detail


for _command in (
    list_command,
    stats_command,
    search_command,
    lists_command,
    export_command,
    import_command,
    recap_command,
):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``filmjournal`` console script.

    The net under every command: whatever escapes it (a bug, or an input no check foresaw)
    is one line on stderr and exit status 2, never a traceback. A SIGTERM ends the command the
    way ctrl+c does, so nothing half-written is left behind.
    """
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli(prog_name="filmjournal")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as error:  # the net: reported in one line, never swallowed
        from filmjournal.journal.database import as_journal_error

        known = as_journal_error(error)
        said = str(known) if known else f"unexpected {type(error).__name__}: {error}"
        click.echo(f"Error: {printable(one_line(said))}", err=True)
        sys.exit(2)


def _terminate(signum: int, _frame: object) -> None:
    """Stop like an interrupted command: clean-up code runs."""
    raise SystemExit(128 + signum)
