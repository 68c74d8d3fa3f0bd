"""Opening the journal for one command: any problem is one line on stderr and exit status 2."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from filmjournal.display import one_line, printable

if TYPE_CHECKING:
    from filmjournal.journal.database import Journal


class JournalCommandError(click.ClickException):
    """A journal problem reported as one line (control characters shown, never obeyed)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(printable(one_line(message)))


def _say_upgrading(path: Path | str, version: int) -> None:
    from filmjournal.journal import api

    click.echo(printable(api.upgrade_starting(path, version)), err=True)


def _sign_from_settings() -> None:
    """Sign what the command writes with the ``author`` setting (else the login name)."""
    from filmjournal.journal import api
    from filmjournal.settings import load_settings

    settings, _ = load_settings()  # a bad file is the interface's to report
    api.sign_as(settings.author)


@contextmanager
def opened_journal(path: Path | str) -> Iterator[Journal]:
    """Open the journal for one command; say so if it was upgraded; any failure is one line.

    What fails inside the block becomes one line too: a journal error as it is (it names what it
    is about), a SQLite error naming the journal, a file system error naming its file.
    """
    from filmjournal.journal import api

    try:
        with api.open_journal(path, upgrading=_say_upgrading) as journal:
            _sign_from_settings()
            notice = journal.upgrade_notice()
            if notice:
                click.echo(printable(notice), err=True)
            yield journal
    except click.ClickException:
        raise
    except Exception as error:  # anything a journal call raises; a bug is re-raised below
        known = api.as_journal_error(error)
        if known is None:
            raise
        raise JournalCommandError(str(known)) from error
