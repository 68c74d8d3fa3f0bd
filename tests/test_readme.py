"""README.md's commands are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent


def readme_commands() -> list[str]:
    """The shell commands in README.md's quick start, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = quick_start.split("```sh\n")[1:]
    return [block.split("```", 1)[0].strip() for block in blocks]


def test_readme_has_an_install_and_launch_command_and_a_test_command():
    install, test = readme_commands()
    assert install.endswith(".venv/bin/filmjournal")
    assert test.endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command():
    _, test = readme_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci_lines
