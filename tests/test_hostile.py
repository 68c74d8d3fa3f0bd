"""Hostile input: every command on every class of bad input gives one line, never a traceback.

Each case runs ``filmjournal`` as its own process with a time limit, and checks the exit status,
that standard error holds no traceback and standard output and error no raw control character,
that memory stayed bounded, and (where it applies) that the journal's bytes did not change.
"""

from __future__ import annotations

import json
import os
import re
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filmjournal.journal import api
from filmjournal.journal.errors import ValidationError
from filmjournal.journal.fields import COMMENT_FIELDS, FILM_FIELDS, QUOTE_FIELDS, REVIEW_FIELDS
from tests.exchange.test_letterboxd import E2E

MAX_MEMORY_KB = 300 * 1024
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ROOT = os.geteuid() == 0


@dataclass
class Ran:
    """What one command did."""

    code: int
    out: str
    err: str
    memory_kb: int
    seconds: float


MEASURED = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
    "open(sys.argv[1], 'w').write(str(peak)); sys.exit(code)"
)
"""A fresh interpreter that runs the command and writes its peak memory (kilobytes on Linux):
that child's own, not the largest of everything this test process ever started."""


def run(*arguments: str, timeout: float = 30, env: dict[str, str] | None = None) -> Ran:
    """``filmjournal`` as its own process, timed and measured; it must end within ``timeout``."""
    started = time.monotonic()
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        command = [sys.executable, "-m", "filmjournal", *arguments]
        process = subprocess.Popen(
            [sys.executable, "-c", MEASURED, peak.name, *command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
            start_new_session=True,  # a hang is ended with everything it started
        )
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise AssertionError(
                f"filmjournal {' '.join(arguments)} did not end in {timeout} s"
            ) from None
        memory = int(peak.read() or 0)
    return Ran(
        process.returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        memory,
        time.monotonic() - started,
    )


def one_line_refusal(ran: Ran, code: int = 2) -> str:
    """Check a refusal: the exit status, one line on stderr, nothing raw; return the line."""
    assert ran.code == code, (ran.code, ran.err)
    assert "Traceback" not in ran.err
    lines = ran.err.splitlines()
    assert len(lines) == 1, ran.err
    assert not RAW_CONTROL.search(ran.err + ran.out)
    assert 0 < ran.memory_kb < MAX_MEMORY_KB
    return lines[0]


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A journal with a little of everything."""
    path = tmp_path / "journal.db"
    with api.open_journal(path):
        her = api.create_film("Her", 2013)
        review = api.create_review(her.id, headline="Broke me", body="Tears.", rating=4.5)
        api.create_quote(her.id, "The past is a story", review_id=review.id)
        api.add_comment(review.id, "So true", author="Mara")
    return path


# The journal file ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "device", "loop", "under a file"])
def test_a_journal_that_is_no_regular_file_is_refused_at_once(tmp_path, kind):
    path = tmp_path / "journal.db"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/null")
    elif kind == "loop":
        path.symlink_to(tmp_path / "other.db")
        (tmp_path / "other.db").symlink_to(path)
    else:
        (tmp_path / "file").write_text("x")
        path = tmp_path / "file" / "journal.db"
    for command in (["stats"], ["list"], []):
        line = one_line_refusal(run("--db", str(path), *command, timeout=15))
        assert line.startswith(f"Error: {path}: ")
        problem = line.split(": ", 2)[2]
        expected = {
            "fifo": "is a FIFO (a named pipe), not a journal file",
            "device": "is a device, not a journal file",
            "loop": "is a loop of symbolic links",
            "under a file": f"cannot be created: {tmp_path / 'file'} is a file, not a folder",
        }[kind]
        assert problem == expected


@pytest.mark.skipif(ROOT, reason="root reads and writes anything")
def test_a_journal_without_permission_is_one_line(tmp_path, filled):
    os.chmod(filled, 0o444)
    line = one_line_refusal(run("--db", str(filled), "import", "--from", "letterboxd", str(E2E)))
    assert "is read-only" in line
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0)
    try:
        assert "cannot be" in one_line_refusal(run("--db", str(locked / "j.db"), "stats"))
    finally:
        os.chmod(locked, 0o755)


def test_a_damaged_journal_is_named_never_a_traceback(tmp_path, filled):
    data = filled.read_bytes()
    page = 4096
    for number, offset in enumerate(range(page, len(data), len(data) // 12 or 1)):
        damaged = tmp_path / f"damaged-{number}.db"
        flipped = bytearray(data)
        flipped[offset + 100] ^= 0xFF
        damaged.write_bytes(bytes(flipped))
        for command in (["stats"], ["export", "--all", "-o", str(tmp_path / f"out-{number}")]):
            ran = run("--db", str(damaged), *command, timeout=20)
            assert "Traceback" not in ran.err
            assert not RAW_CONTROL.search(ran.err + ran.out)
            if ran.code != 0:
                one_line_refusal(ran)


def test_the_busy_timeout_is_bounded(monkeypatch):
    from filmjournal.journal.database import busy_timeout_from_env

    for value, seconds in (("1e309", 3600.0), ("nan", 5.0), ("-3", 0.0), ("2.5", 2.5), ("x", 5.0)):
        monkeypatch.setenv("FILMJOURNAL_BUSY_TIMEOUT", value)
        assert busy_timeout_from_env() == seconds


# Markdown and JSON import -------------------------------------------------------------------

GOOD = "---\nfilm: Film {n}\nyear: 2001\n---\n\nA good review.\n"
BAD_MARKDOWN = {
    "date.md": "---\nfilm: X\nwatched: 9999-99-99\n---\n",
    "offset.md": "---\nfilm: X\ncreated: 9999-12-31T23:59:59-23:59\n---\n",
    "year.md": "---\nfilm: X\nyear: " + "9" * 5000 + "\n---\n",
    "rating.md": "---\nfilm: X\nrating: " + "9" * 1000 + "\n---\n",
    "position.md": '---\nfilm: X\n---\n\n<!-- filmjournal:quotes -->\n## Quotes\n\n'
    '<!-- filmjournal:quote {"position": "' + "9" * 5000 + '"} -->\n> q\n',
    "deep.md": "---\nfilm: X\n---\n\n<!-- filmjournal:comments -->\n## Comments\n\n"
    + "".join(
        "  " * depth + '<!-- filmjournal:comment {"author": "a"} -->\n' + "  " * depth + "- a\n\n"
        for depth in range(2000)
    ),
    "bomb.md": "---\nfilm: X\na: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    + "---\n",
    "list.md": "---\nfilm: [a, b]\n---\n",
    "yes.md": "---\nfilm: yes\n---\n",
    "nul.md": "---\nfilm: \"\\0\"\n---\n",
    "marker.md": "---\nfilm: X\n---\n\n<!-- filmjournal:quote {\"a\": [[[[[[[[[[" + "[" * 5000 + "} -->\n",
    "binary.md": "---\nfilm: X\n---\n\xff",
}  # fmt: skip
BAD_JSON = {
    "nested.json": "[" * 100_000 + "]" * 100_000,
    "number.json": '{"format": "filmjournal", "version": ' + "1" * 5000 + "}",
    "thread.json": json.dumps(
        {
            "format": "filmjournal",
            "version": 2,
            "films": [{"title": "T", "reviews": [{"comments": []}]}],
        }
    ).replace('"comments": []', '"comments": ' + '[{"body": "x", "replies": ' * 500 + "[]" + "}]" * 500),
}  # fmt: skip


def test_each_bad_file_fails_alone_and_the_rest_come_in(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(20):
        (folder / f"good-{number:02}.md").write_text(GOOD.format(n=number), encoding="utf-8")
    (folder / "fence.md").write_text(
        '---\nfilm: Fence\n---\n\n<details class="spoiler-block" data-fence="&quot;x">'
        "<summary>Spoiler</summary>\n\nx</details><!--/spoiler-block-->\n",
        encoding="utf-8",
    )
    for name, text in {**BAD_MARKDOWN, **BAD_JSON}.items():
        data = text.encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff")
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "fifo.md")
    journal = tmp_path / "j.db"
    ran = run("--db", str(journal), "import", str(folder), timeout=60)
    assert ran.code == 1, ran.err
    assert "Traceback" not in ran.err and not RAW_CONTROL.search(ran.err + ran.out)
    assert 0 < ran.memory_kb < MAX_MEMORY_KB
    assert ran.seconds < 30
    failed = [line for line in ran.err.splitlines() if line.startswith("failed: ")]
    named = {Path(line.split(": ", 2)[1]).name for line in failed}
    assert named == set(BAD_MARKDOWN) | set(BAD_JSON), ran.err
    assert ran.out.strip().endswith("21 imported, 0 skipped, 15 failed")
    assert all(len(line) < 300 for line in failed)
    with api.open_journal(journal):
        assert api.counts().films == 21
        fence = api.latest_review(api.find_film("Fence", None).id)
        assert 'data-fence="&quot;x"' in fence.body  # not ours: kept as it was written


def test_a_strict_import_of_files_writes_nothing_when_one_is_bad(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD.format(n=1), encoding="utf-8")
    (folder / "list.md").write_text(BAD_MARKDOWN["list.md"], encoding="utf-8")
    journal = tmp_path / "j.db"
    ran = run("--db", str(journal), "import", str(folder), "--strict")
    assert ran.code == 1
    assert ran.err.splitlines()[-1] == "Error: a file cannot be imported: nothing was imported"
    with api.open_journal(journal):
        assert api.counts().films == 0


# Letterboxd files ---------------------------------------------------------------------------


def test_letterboxd_files_that_are_not_files_or_too_big_are_left_out(tmp_path):
    export = tmp_path / "export"
    import shutil

    shutil.copytree(E2E, export)
    (export / "zero.csv").symlink_to("/dev/zero")
    os.mkfifo(export / "x.csv")
    (export / "evil.csv").mkdir()
    with (export / "junk.csv").open("wb") as junk:
        junk.truncate(200 * 2**20)  # a sparse file: never read
    with (export / "watchlist.csv").open("wb") as big:
        big.write(b"Date,Name,Year,Letterboxd URI\n")
        big.truncate(1024 * 2**20)
    (export / "lists").mkdir()
    (export / "lists" / "zero.csv").symlink_to("/dev/zero")
    long_review = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
    long_review += '2024-01-01,Long,2020,https://boxd.it/l,,,"' + "word " * 40_000 + '",,\n'
    (export / "orphaned" / "reviews.csv").write_text(long_review, encoding="utf-8")
    (export / "lists" / "far.csv").write_text(
        "Date,Name,Tags,URL,Description\n2024-01-01,Far,,https://boxd.it/far,\n\n"
        "Position,Name,Year,URL,Description\n" + "9" * 30 + ",Her,2013,https://boxd.it/her,\n",
        encoding="utf-8",
    )
    journal = tmp_path / "j.db"
    ran = run("--db", str(journal), "import", "letterboxd", str(export), timeout=30)
    assert ran.code == 1, ran.err
    assert "Traceback" not in ran.err and not RAW_CONTROL.search(ran.err + ran.out)
    assert 0 < ran.memory_kb < MAX_MEMORY_KB, ran.memory_kb
    assert ran.err.splitlines() == [
        "left out: watchlist.csv: larger than 64 MB, more than any Letterboxd file",
        "left out: lists/far.csv line 5: Position must be a number from 1 to 1,000,000, got '"
        + "9" * 20
        + "'",
    ]
    with api.open_journal(journal):
        [long] = api.list_reviews(api.find_film("Long", 2020).id)
        assert len(long.body) > 128 * 1024


def zip_of_e2e(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for file in sorted(E2E.rglob("*.csv")):
            archive.write(file, file.relative_to(E2E).as_posix())
    return path


def patch_member(data: bytes, name: bytes, flags: int | None, method: int | None) -> bytes:
    """The zip with one member's flags or compression method changed, in both its headers."""
    patched = bytearray(data)
    for signature, flag_at, method_at, name_at in (
        (b"PK\x03\x04", 6, 8, 30),
        (b"PK\x01\x02", 8, 10, 46),
    ):
        start = 0
        while (start := patched.find(signature, start)) >= 0:
            if patched[start + name_at : start + name_at + len(name)] == name:
                if flags is not None:
                    patched[start + flag_at : start + flag_at + 2] = struct.pack("<H", flags)
                if method is not None:
                    patched[start + method_at : start + method_at + 2] = struct.pack("<H", method)
            start += 4
    return bytes(patched)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"flags": 1, "method": None}, "left out: ratings.csv: encrypted in the zip (it needs a password)"),
        ({"flags": None, "method": 9}, "left out: ratings.csv: compressed in a way that cannot be read"),
    ],
)  # fmt: skip
def test_a_member_the_zip_cannot_give_is_left_out(tmp_path, change, said):
    archive = zip_of_e2e(tmp_path / "export.zip")
    archive.write_bytes(patch_member(archive.read_bytes(), b"ratings.csv", **change))
    ran = run("--db", str(tmp_path / "j.db"), "import", "letterboxd", str(archive))
    assert ran.code == 1 and "Traceback" not in ran.err
    assert ran.err.splitlines()[0].startswith(said)


def test_a_zip_claiming_more_files_than_an_export_has_is_refused(tmp_path):
    archive = zip_of_e2e(tmp_path / "export.zip")
    data = bytearray(archive.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = struct.pack("<HH", 0xFFFF, 0xFFFF)
    archive.write_bytes(bytes(data))
    line = one_line_refusal(
        run("--db", str(tmp_path / "j.db"), "import", "letterboxd", str(archive))
    )
    assert (
        line
        == f"Error: {archive}: holds more files than a Letterboxd export has (nothing was imported)"
    )


# Export and backup --------------------------------------------------------------------------


def test_exports_and_backups_replace_only_regular_files(tmp_path, filled):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    ran = run("--db", str(filled), "export", "Her (2013)", "-o", str(fifo), "--force")
    assert ran.code == 0 and ran.out.strip() == str(tmp_path / "pipe-2.md")
    assert fifo.is_fifo()
    csv_fifo = tmp_path / "full"
    os.mkfifo(csv_fifo)
    ran = run("--db", str(filled), "export", "--to", "letterboxd", "-o", str(csv_fifo), "--force")
    assert ran.code == 0 and ran.out.strip() == str(tmp_path / "full-2")
    line = one_line_refusal(run("--db", str(filled), "backup", str(fifo), "--force"))
    assert line == f"Error: {fifo}: is not a regular file; it is left as it is"
    assert fifo.is_fifo()
    long_name = tmp_path / ("x" * 300 + ".md")
    line = one_line_refusal(run("--db", str(filled), "export", "Her (2013)", "-o", str(long_name)))
    assert line.endswith("File name too long)")
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from filmjournal.exchange import files

    def interrupted(descriptor: int, data: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(tmp_path / "out.md", "text")
    assert list(tmp_path.iterdir()) == []


def test_letterboxd_csv_cells_never_start_a_formula(tmp_path):
    with api.open_journal(tmp_path / "j.db"):
        film = api.create_film('=HYPERLINK("http://x")', 2001)
        api.create_review(film.id, body="- said the man", tags=["@home", "+1"])
        from filmjournal.exchange.letterboxd import export_letterboxd, import_letterboxd

        [written] = export_letterboxd(tmp_path / "out.csv")
    text = written.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'- said the man" in text and "'+1, @home" in text
    with api.open_journal(tmp_path / "back.db"):
        import_letterboxd(written)
        [film] = api.list_films()
        assert film.title == '=HYPERLINK("http://x")'
        [review] = api.list_reviews(film.id)
        assert review.body == "\\- said the man" or review.body == "- said the man"
        assert set(review.tags) == {"@home", "+1"}


def test_javascript_links_are_not_kept():
    from filmjournal.exchange.letterboxd.from_html import html_to_markdown
    from filmjournal.exchange.letterboxd.to_html import markdown_to_html

    assert html_to_markdown('<a href="javascript:alert(1)">click</a>') == "click"
    assert html_to_markdown('<a href="JaVa\tScRiPt:x">click</a>') == "click"
    assert (
        markdown_to_html('<a href="javascript:x">y</a> [z](data:text/html,x)')
        == "y [z](data:text/html,x)"
    )


# The terminal and search --------------------------------------------------------------------

ESCAPES = "\x1b]0;PWN\x07 \x1b[31m \x08\x08 \x9b31m \u202ereversed"


def test_nothing_raw_reaches_the_terminal(tmp_path):
    payload = {
        "format": "filmjournal",
        "version": 2,
        "films": [{"title": "Safe", "year": 2001}],
        "lists": [
            {"name": f"List {ESCAPES}", "entries": [{"film": 0, "position": 1, "note": ESCAPES}]}
        ],
    }
    export = tmp_path / "in.json"
    export.write_text(json.dumps(payload), encoding="utf-8")
    journal = tmp_path / "j.db"
    run("--db", str(journal), "import", str(export))
    ran = run("--db", str(journal), "import", str(export))  # "skipped … already there" lines
    lists = run("--db", str(journal), "lists")
    films = run("--db", str(journal), "lists", "1")
    as_json = run("--db", str(journal), "lists", "1", "--json")
    for result in (ran, lists, films, as_json):
        assert "Traceback" not in result.err
        assert not RAW_CONTROL.search(result.out + result.err), result.out + result.err
    assert "List ␛]0;PWN␇" in lists.out and "\\u202ereversed" in lists.out
    assert json.loads(as_json.out)["films"][0]["note"] == ESCAPES


def test_a_search_of_thousands_of_words_is_refused_at_once(filled):
    started = time.monotonic()
    line = one_line_refusal(run("--db", str(filled), "search", *(["word"] * 4000)))
    assert line == "Error: search takes at most 32 words, got 4,000"
    assert time.monotonic() - started < 15


# Every value a field can be given ------------------------------------------------------------

ANY_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**20, max_value=10**400)
    | st.floats()
    | st.text()
    | st.datetimes(timezones=st.timezones())
    | st.dates(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
    max_leaves=8,
)  # fmt: skip
CLEANERS = [
    (kind, name, cleaner)
    for kind, table in (("film", FILM_FIELDS), ("review", REVIEW_FIELDS), ("quote", QUOTE_FIELDS), ("comment", COMMENT_FIELDS))
    for name, cleaner in table.items()
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "name", "cleaner"), CLEANERS, ids=[f"{k}.{n}" for k, n, _ in CLEANERS]
)
@given(value=ANY_VALUE)
def test_any_value_is_cleaned_or_refused_in_one_line(kind, name, cleaner, value):
    try:
        cleaned = cleaner(value)
    except ValidationError as error:
        assert "\n" not in str(error)
        return
    if isinstance(cleaned, int) and not isinstance(cleaned, bool):
        assert -(2**63) <= cleaned < 2**63  # SQLite can store it
    if isinstance(cleaned, str):
        assert "\x00" not in cleaned
