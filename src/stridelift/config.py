"""Settings from the environment (``STRIDELIFT_*``), in one object so every entry point agrees.

Without ``STRIDELIFT_DATABASE_URL`` the database is a SQLite file in the user's data directory
(so a runner needs no server); a server sets a ``postgresql+psycopg://`` URL instead.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "stridelift"


def data_dir(create: bool = True) -> Path:
    """The user's data directory for stridelift (created on first use unless `create` is False)."""
    path = Path(platformdirs.user_data_dir(APP_NAME))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """Naming the database creates nothing: commands that only read must leave no folder behind
    (writers create the folder when they open the database, see store.db.create_engine_for)."""
    return f"sqlite:///{data_dir(create=False) / 'stridelift.db'}"


class Settings(BaseSettings):
    """What the environment can change; read once per command."""

    model_config = SettingsConfigDict(env_prefix="STRIDELIFT_", env_ignore_empty=True, extra="ignore")

    database_url: str = Field(
        default_factory=default_database_url,
        description="SQLAlchemy URL: sqlite:///path.db or postgresql+psycopg://user@host/db",
    )


def get_settings() -> Settings:
    """Fresh settings each call: cheap, and tests that change the environment see the change."""
    return Settings()
