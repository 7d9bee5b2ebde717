"""A web app on a fresh SQLite database per test, cheap Argon2 parameters, and signed-in clients."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import Engine

from stridelift.services import accounts
from stridelift.services.app_db import open_app_database
from stridelift.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes() -> Iterator[None]:
    accounts.set_password_hasher(PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))
    yield
    accounts.set_password_hasher(PasswordHash.recommended())


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_app_database(f"sqlite:///{tmp_path / 'web.db'}")
    yield eng
    eng.dispose()


@pytest.fixture
def app_client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine), base_url="http://testserver") as c:
        yield c


def example_profile(name: str = "northern_marathoner") -> dict[str, Any]:
    return tomllib.loads((EXAMPLES / f"{name}.toml").read_text())


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html) or re.search(
        r'<meta name="csrf-token" content="([^"]+)"', html
    )
    assert m, "no CSRF token in the page"
    return m.group(1)


def sign_up(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Sign up through the page; returns the session's CSRF token."""
    token = csrf_of(client.get("/signup").text)
    r = client.post("/signup", data={"email": email, "password": password, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return csrf_of(client.get("/account").text)


def bearer(engine: Engine, email: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {accounts.create_token(engine, email)}"}


@pytest.fixture
def runner(app_client: TestClient, engine: Engine) -> dict[str, str]:
    """A signed-up runner with the northern marathoner's season planned; API headers."""
    sign_up(app_client, "ana@example.com")
    headers = bearer(engine, "ana@example.com")
    r = app_client.put("/api/v1/profile", json=example_profile(), headers=headers)
    assert r.status_code == 200, r.text
    return headers
