"""Settings from the environment (``STRIDELIFT_*``), in one object so every entry point agrees.

Without ``STRIDELIFT_DATABASE_URL`` the database is a SQLite file in the user's data directory
(so a runner needs no server); a server sets a ``postgresql+psycopg://`` URL instead.

Read with the standard library: every command starts here, and pydantic-settings cost more
start-up than the rest of what it read (one variable). The rules are the ones the former
``BaseSettings`` model applied (``env_prefix="STRIDELIFT_"``, ``env_ignore_empty=True``, names not
case-sensitive, no ``.env`` file), which tests/unit/test_config.py checks against pydantic-settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

APP_NAME = "stridelift"
ENV_PREFIX: Final = "STRIDELIFT_"


def data_dir(create: bool = True) -> Path:
    """The user's data directory for stridelift (created on first use unless `create` is False)."""
    import platformdirs  # only when no URL is configured

    path = Path(platformdirs.user_data_dir(APP_NAME))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """Naming the database creates nothing: commands that only read must leave no folder behind
    (writers create the folder when they open the database, see store.db.create_engine_for)."""
    return f"sqlite:///{data_dir(create=False) / 'stridelift.db'}"


def _environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The variables by lower-case name, empty ones left out (an empty value means unset); when two
    names differ only in case, the later one in the environment wins."""
    return {key.lower(): value for key, value in environ.items() if value != ""}


class Settings:
    """What the environment can change; read once per command.

    `model_fields_set` names the settings the environment gave (not defaulted), as on the
    pydantic model this replaces: ``"database_url" in Settings().model_fields_set``.
    """

    __slots__ = ("database_url", "model_fields_set", "pg_pool_size")

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = _environment(os.environ if environ is None else environ)
        url = env.get(ENV_PREFIX.lower() + "database_url")
        pool = env.get(ENV_PREFIX.lower() + "pg_pool_size")
        given = {name for name, value in (("database_url", url), ("pg_pool_size", pool)) if value is not None}
        self.model_fields_set: frozenset[str] = frozenset(given)
        # SQLAlchemy URL: sqlite:///path.db or postgresql+psycopg://user@host/db
        self.database_url: str = default_database_url() if url is None else url
        # PostgreSQL connections each `serve` worker keeps open for the hot requests (see store.pg_async)
        self.pg_pool_size: int = DEFAULT_PG_POOL_SIZE if pool is None else _positive(pool, "PG_POOL_SIZE")

    def __repr__(self) -> str:
        return f"Settings(database_url={self.database_url!r}, pg_pool_size={self.pg_pool_size})"


DEFAULT_PG_POOL_SIZE: Final = 20


def _positive(value: str, name: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise ValueError(f"{ENV_PREFIX}{name} must be a whole number of at least 1, not {value!r}")
    return n


def get_settings() -> Settings:
    """Fresh settings each call: cheap, and tests that change the environment see the change."""
    return Settings()
