"""The parsed data files are kept in a cache keyed by their text: the same data as parsing, a changed
or damaged cache never changes what is read, and the cache can be switched off."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from stridelift.catalog import read_data


def _parsed(name: str) -> dict[str, object]:
    return tomllib.loads(resources.files("stridelift.data").joinpath(name).read_text(encoding="utf-8"))


def test_the_cache_holds_what_parsing_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIDELIFT_CACHE_DIR", str(tmp_path))
    first = read_data("exercises.toml")
    files = list(tmp_path.glob("exercises.toml.*.marshal"))
    assert len(files) == 1
    assert read_data("exercises.toml") == first == _parsed("exercises.toml")


def test_a_damaged_cache_is_parsed_around(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIDELIFT_CACHE_DIR", str(tmp_path))
    read_data("rules.toml")
    (cached,) = tmp_path.glob("rules.toml.*.marshal")
    cached.write_bytes(b"\x00garbage")
    assert read_data("rules.toml") == _parsed("rules.toml")


def test_the_cache_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIDELIFT_CACHE_DIR", "")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert read_data("templates.toml") == _parsed("templates.toml")
    assert not list(tmp_path.rglob("*.marshal"))


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STRIDELIFT_CACHE_DIR", str(blocker / "sub"))
    assert read_data("sources.toml") == _parsed("sources.toml")
