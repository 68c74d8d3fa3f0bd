"""Benchmark a journal on a PostgreSQL server beside the same journal in a file.

    python benchmarks/bench_server.py SERVER_URL [--journal PATH] [--runs 15] [--comments 15]

``SERVER_URL`` names an empty database (or one holding the copy made by an earlier run): the
journal file (default ``benchmarks/out/core-20000.db``, copied first) is copied into it with
``filmjournal copy``. Each call is timed in-process, on the server and on the file in turn
(medians of ``--runs`` after a warm-up). Then a client of the server journal runs in a 120x40
pseudo-terminal, another client (this process) adds comments under the review it shows, and
each is timed from the call until its words have been written to that terminal.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_pty import FILMJOURNAL, spread
from generate_journal import PLACED_WORDS
from pty_session import KEYS, Session

from filmjournal.journal import api
from filmjournal.journal.engine import execute

HERE = Path(__file__).parent
LIVE_FILM = "!Live Comments Bench"
TOKEN_LETTERS = "QWXZKJVBYP"
"""First in the film list (``!`` sorts before letters and digits): shown when a client starts."""
DEFAULT_JOURNAL = HERE / "out" / "core-20000.db"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


Action = Callable[[], object] | tuple[Callable[[], object], Callable[[], object]]
"""A call to time, or (what to do before it, untimed; the call)."""


def compare(
    locations: dict[str, Path | str], actions: dict[str, Action], runs: int
) -> dict[str, dict[str, float]]:
    """Median ms of each action on each journal, the journals taking turns run by run."""
    times: dict[str, dict[str, list[float]]] = {
        name: {where: [] for where in locations} for name in actions
    }
    for run in range(runs + 1):
        for where, location in locations.items():
            with api.open_journal(location):
                for name, action in actions.items():
                    if isinstance(action, tuple):
                        prepare, action = action
                        prepare()
                    elapsed = timed(action)
                    if run:  # the first run warms each journal up
                        times[name][where].append(elapsed)
    return {
        name: {where: statistics.median(values) for where, values in by_where.items()}
        for name, by_where in times.items()
    }


def forget_ranked_list(word: str) -> None:
    """On a server, forget the list a search for ``word`` keeps (ranked_lists.py)."""
    if api.on_server():
        execute("DELETE FROM search_ranked WHERE key = to_tsquery('filmjournal', ?)::text", (word,))


def api_actions() -> dict[str, Action]:
    """The calls the issue names, on whichever journal is open."""
    review_ids = itertools.cycle(range(7, 20_000, 577))
    actions: dict[str, Action] = {
        "list all films with counts": api.list_films,
        "load one review with quotes and comment tree": lambda: api.load_review(next(review_ids)),
    }
    for word in PLACED_WORDS.values():  # the first search ranks every match, the next don't
        actions[f"search top 50 with snippets, the first: '{word}'"] = (
            lambda word=word: forget_ranked_list(word),
            lambda word=word: api.search(word),
        )
    for word in PLACED_WORDS.values():
        actions[f"search top 50 with snippets: '{word}'"] = lambda word=word: api.search(word)
    actions["stats 2024"] = lambda: api.journal_stats(year=2024)
    actions["filter `where:netflix`"] = lambda: api.matching_film_ids(
        api.parse_filter("where:netflix")
    )
    return actions


TARGETS = {
    "list all films with counts": "60",
    "load one review with quotes and comment tree": "10",
    **{f"search top 50 with snippets: '{word}'": "30" for word in PLACED_WORDS.values()},
}


def live_comment_latencies(server: str, comments: int) -> list[float]:
    """ms from another client adding a comment to its words on the terminal of a client
    showing that review."""
    with api.open_journal(server):  # a film first in the list, its review without comments
        film = api.find_film(LIVE_FILM, 2020) or api.create_film(LIVE_FILM, 2020)
        review = api.latest_review(film.id) or api.create_review(film.id, headline="Live")
        sharing = api.anyone_edits()
        api.set_anyone_edits(True)  # the comments of earlier runs' members go
        for comment in api.comment_tree(review.id):
            api.delete_comment(comment.id)
        api.set_anyone_edits(sharing)
        api.empty_trash()
        count = len(api.list_films())
    app = Session([FILMJOURNAL, "--db", server])
    try:
        app.wait_for(f"{count:,} films", timeout=120)
        app.drain(1.0)
        timings = []
        with api.open_journal(server):
            for number in range(comments):
                # A member whose name (shown first on the comment's line, however narrow the
                # pane) differs in every letter from the one before: the terminal gets it whole.
                words = "".join(TOKEN_LETTERS[(number + i) % 10] for i in range(10))
                api.sign_as(words)
                app.buffer = b""
                started = time.perf_counter()
                api.add_comment(review.id, f"comment {number}")
                app.mark = started
                timings.append(app.wait_for(words, timeout=10))
                app.drain(0.3)
    finally:
        app.close(quit_keys=KEYS["ctrl+q"])
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("server")
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--comments", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="filmjournal-bench-"))
    journal = folder / "journal.db"
    shutil.copy(args.journal, journal)
    api.open_journal(journal).close()  # upgraded before anything is timed
    with api.open_journal(args.server):
        empty = not api.list_films()
    if empty:
        from filmjournal.exchange.journal_copy import copy_journal

        seconds = timed(lambda: copy_journal(journal, args.server)) / 1000
        print(f"copied {args.journal.name} into the server in {seconds:.0f} s", file=sys.stderr)
    figures = compare({"server": args.server, "file": journal}, api_actions(), args.runs)
    print(f"Medians of {args.runs} runs, server and file in turn.\n")
    print("| measurement | PostgreSQL | SQLite | target (server) |")
    print("|---|---:|---:|---:|")
    for name, by_where in figures.items():
        target = TARGETS.get(name, "")
        print(f"| {name} | {by_where['server']:.1f} ms | {by_where['file']:.1f} ms | {target} |")
    latencies = live_comment_latencies(args.server, args.comments)
    shown = f"another client's comment on screen ({len(latencies)})"
    print(f"| {shown} | {spread(latencies)} ms | | 1,000 |")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
