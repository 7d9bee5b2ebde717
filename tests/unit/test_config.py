"""The settings are read with the standard library: the same results as the pydantic-settings model
they replace (kept here as the reference), and no pydantic on the way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict  # a dev dependency: the reference

from stridelift.config import Settings, default_database_url, get_settings


class _Reference(BaseSettings):
    """The model stridelift.config held before (its configuration, verbatim)."""

    model_config = SettingsConfigDict(env_prefix="STRIDELIFT_", env_ignore_empty=True, extra="ignore")

    database_url: str = Field(default_factory=default_database_url)


URL = "postgresql+psycopg://u@h/db"
CASES: dict[str, list[tuple[str, str]]] = {
    "unset": [],
    "set": [("STRIDELIFT_DATABASE_URL", URL)],
    "empty means unset": [("STRIDELIFT_DATABASE_URL", "")],
    "lower case name": [("stridelift_database_url", URL)],
    "mixed case name": [("Stridelift_Database_Url", URL)],
    "later of two cases wins": [("STRIDELIFT_DATABASE_URL", "sqlite:///a.db"), ("stridelift_database_url", URL)],
    "earlier of two cases, later empty": [("STRIDELIFT_DATABASE_URL", URL), ("stridelift_database_url", "")],
    "spaces kept": [("STRIDELIFT_DATABASE_URL", " sqlite:///a b.db ")],
    "other names ignored": [("STRIDELIFT_DATABASE_URLX", URL), ("DATABASE_URL", URL), ("STRIDELIFT_OTHER", "x")],
}


@pytest.mark.parametrize("case", CASES)
def test_settings_match_the_pydantic_settings_model(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    environ = {"XDG_DATA_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path)}
    environ.update(CASES[case])  # a plain dict keeps the order the case gives
    monkeypatch.setattr(os, "environ", environ)
    ours, reference = get_settings(), _Reference()
    assert ours.database_url == reference.database_url
    assert ours.model_fields_set == reference.model_fields_set
    assert Settings(environ).database_url == reference.database_url
    if case == "unset":
        assert ours.database_url == f"sqlite:///{tmp_path / 'xdg' / 'stridelift' / 'stridelift.db'}"
        assert not (tmp_path / "xdg").exists()  # naming the database creates nothing


def test_no_env_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text(f"STRIDELIFT_DATABASE_URL={URL}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STRIDELIFT_DATABASE_URL", raising=False)
    assert get_settings().database_url != URL and _Reference().database_url != URL
    assert get_settings().model_fields_set == _Reference().model_fields_set == set()


def test_reading_the_settings_imports_no_pydantic() -> None:
    code = (
        "import sys; from stridelift.config import get_settings; get_settings();"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'platformdirs'))))"
    )
    env = {**os.environ, "STRIDELIFT_DATABASE_URL": URL}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_postgresql_pool_size_is_a_setting() -> None:
    assert Settings({}).pg_pool_size == 20 and "pg_pool_size" not in Settings({}).model_fields_set
    given = Settings({"STRIDELIFT_PG_POOL_SIZE": "6"})
    assert given.pg_pool_size == 6 and given.model_fields_set == {"pg_pool_size"}
    for bad in ("0", "-3", "many", "2.5"):
        with pytest.raises(ValueError, match="STRIDELIFT_PG_POOL_SIZE"):
            Settings({"STRIDELIFT_PG_POOL_SIZE": bad})
