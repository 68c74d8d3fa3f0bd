"""The one way the interface meets a failed journal call: one line for the user, never a crash.

Every call from the interface into the journal goes through here. :func:`attempt` and
:func:`succeeds` run one on the event loop, :func:`attempt_in_thread` in a worker thread with its
own connection, and
:func:`journal_work` makes a method such a worker. Either way a
failure becomes a notification in one line (:func:`failure_text`), and the app goes on with
everything the user wrote still in its fields. A journal error (a refused value, a locked file, a
file system error) reads as it is; anything else is a bug, named as unexpected.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from textual import work
from textual.dom import DOMNode

from filmjournal.display import one_line, printable
from filmjournal.journal import api

Params = ParamSpec("Params")
Result = TypeVar("Result")


def failure_text(error: BaseException) -> str:
    """A failure as one line a person can read."""
    known = api.as_journal_error(error)
    if known is not None:
        return printable(one_line(str(known)))
    return printable(one_line(f"unexpected {type(error).__name__}: {error}"))


def report_failure(node: DOMNode, what: str, error: BaseException) -> None:
    """Tell the user that ``what`` (``Could not delete the quote``) failed, and why."""
    if api.as_journal_error(error) is None:
        node.log.error("".join(traceback.format_exception(error)))
    node.notify(f"{what}: {failure_text(error)}", severity="error", markup=False, timeout=10)


def _outcome(
    node: DOMNode,
    what: str,
    call: Callable[Params, Result],
    *args: Params.args,
    **kwargs: Params.kwargs,
) -> tuple[bool, Result | None]:
    """Run a journal call on the event loop: whether it worked, and what it gave."""
    try:
        return True, call(*args, **kwargs)
    except Exception as error:  # reported to the user, never swallowed
        report_failure(node, what, error)
        return False, None


def attempt(
    node: DOMNode,
    what: str,
    call: Callable[Params, Result],
    *args: Params.args,
    **kwargs: Params.kwargs,
) -> Result | None:
    """Run a journal call on the event loop and give its result; on failure report it (None)."""
    return _outcome(node, what, call, *args, **kwargs)[1]


def succeeds(
    node: DOMNode,
    what: str,
    call: Callable[Params, object],
    *args: Params.args,
    **kwargs: Params.kwargs,
) -> bool:
    """Run a journal call on the event loop; whether it worked (a failure is reported)."""
    return _outcome(node, what, call, *args, **kwargs)[0]


def attempt_in_thread(
    node: DOMNode,
    what: str,
    call: Callable[Params, Result],
    *args: Params.args,
    **kwargs: Params.kwargs,
) -> Result | None:
    """Run a journal call in a worker thread, on its own connection; on failure report it."""
    with api.thread_connection():
        try:
            return call(*args, **kwargs)
        except Exception as error:  # reported to the user, never swallowed
            node.app.call_from_thread(report_failure, node, what, error)
            return None


def journal_work(
    what: str, *, group: str, exclusive: bool = True
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A thread worker with its own journal connection whose failure is reported, not raised.

    ``what`` says what failed (``Could not load the reviews``).
    """

    def decorate(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def run(node: Any, *args: Any, **kwargs: Any) -> Any:
            return attempt_in_thread(node, what, method, node, *args, **kwargs)

        return work(thread=True, group=group, exclusive=exclusive)(run)

    return decorate
