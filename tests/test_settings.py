"""The settings file: read once into a typed object; any problem is one line and the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmjournal.settings import (
    ReviewTemplate,
    Settings,
    SettingsError,
    load_settings,
    parse_template,
    read_settings,
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


def test_a_missing_file_gives_the_defaults(config):
    settings, problem = load_settings(config)
    assert problem is None
    assert settings.export_dir.name == "filmjournal"
    assert isinstance(settings.author, str)


def test_both_settings_are_read_and_the_folder_expanded(config):
    config.write_text('author = "  Mara  "\nexport_dir = "~/blog/posts"\n', encoding="utf-8")
    assert read_settings(config) == Settings(
        author="Mara", export_dir=Path("~/blog/posts").expanduser()
    )


def test_settings_cannot_be_changed_once_read(config):
    settings = read_settings(config)
    with pytest.raises(AttributeError):
        settings.author = "someone else"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('author = "Mara"\nexport_dir = \n', "line 2: not valid TOML (Invalid value)"),
        ("author Mara\n", "line 1: not valid TOML (Expected '=' after a key in a key/value pair)"),
        ("author = 5\n", ": author must be text in quotes, got 5"),
        (
            'export_folder = "~/x"\n',
            ": unknown setting 'export_folder' (known: author, db, export_dir, template)",
        ),
    ],
)
def test_a_bad_file_is_one_line_naming_it_and_the_defaults_are_used(config, text, problem):
    config.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        read_settings(config)
    assert str(raised.value) == f"{config}{'' if problem.startswith(':') else ' '}{problem}"
    settings, said = load_settings(config)
    assert said == f"{raised.value}; using the defaults"
    assert "\n" not in said
    assert settings == load_settings(config.with_name("missing.toml"))[0]


def test_a_file_that_is_not_text_is_reported(config):
    config.write_bytes(b'author = "\xff"\n')
    settings, problem = load_settings(config)
    assert problem == f"{config}: cannot be read (not UTF-8 text); using the defaults"
    assert settings == load_settings(config.with_name("missing.toml"))[0]


def test_the_environment_names_another_file(config, monkeypatch):
    config.write_text('author = "From the environment"\n', encoding="utf-8")
    monkeypatch.setenv("FILMJOURNAL_CONFIG", str(config))
    assert read_settings().author == "From the environment"


def test_a_template_is_read_relative_to_the_settings_file(config):
    (config.parent / "review.md").write_text(
        "# What stayed with me\n\n## Quotes\n\n## Would I recommend it\n", encoding="utf-8"
    )
    config.write_text('template = "review.md"\n', encoding="utf-8")
    assert read_settings(config).template == ReviewTemplate(
        headline="What stayed with me", body="## Quotes\n\n## Would I recommend it\n"
    )


@pytest.mark.parametrize(
    ("text", "template"),
    [
        ("# Headline\nBody", ReviewTemplate("Headline", "Body")),
        ("\ufeff# Headline\r\n\r\nBody\r\n", ReviewTemplate("Headline", "Body\n")),
        ("## Not a headline\nBody", ReviewTemplate("", "## Not a headline\nBody")),
        ("#NoSpace\n", ReviewTemplate("", "#NoSpace\n")),
        ("", ReviewTemplate("", "")),
    ],
)
def test_only_a_first_level_heading_on_the_first_line_is_the_headline(text, template):
    assert parse_template(text) == template


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda folder: None, "no such file"),
        (lambda folder: (folder / "review.md").mkdir(), "not a file"),
        (lambda folder: (folder / "review.md").write_bytes(b"\xff\xfe\x00"), "not UTF-8 text"),
        (lambda folder: (folder / "review.md").write_bytes(b"#" * 70_000), "larger than 64 KB"),
    ],
)
def test_a_template_that_cannot_be_used_is_one_line_and_the_defaults_are_used(
    config, make, problem
):
    make(config.parent)
    config.write_text('template = "review.md"\n', encoding="utf-8")
    settings, said = load_settings(config)
    assert said == (
        f"{config}: template {config.parent / 'review.md'}: cannot be used ({problem}); "
        "using the defaults"
    )
    assert settings.template is None
