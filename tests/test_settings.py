"""The settings file: read once into a typed object; any problem is one line and the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmjournal.settings import Settings, SettingsError, load_settings, read_settings


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
            ": unknown setting 'export_folder' (known: author, export_dir)",
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
