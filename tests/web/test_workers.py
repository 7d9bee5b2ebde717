"""`stridelift serve --workers N`: several processes on one database. Two apps on the same
database stand for two workers: whatever one changes (a logged set, a re-plan, a log-out, failed
log-ins), the other sees on its very next request; nothing is served from a stale in-process copy."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stridelift.services.ratelimit import LoginLimiter
from stridelift.web import create_app
from stridelift.web import session_view as view
from tests.web.conftest import PASSWORD, csrf_of, example_profile, sign_up


@pytest.fixture
def worker_b(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine), base_url="http://testserver") as c:
        yield c


def _heavy(client: TestClient, headers: dict[str, str]) -> tuple[str, str]:
    sessions = client.get("/api/v1/sessions", headers=headers).json()
    key = next(x for x in sessions if x["format"] == "straight_sets")["key"]
    detail = client.get(f"/api/v1/sessions/{key}", headers=headers).json()
    return key, next(e for e in detail["session"]["exercises"] if e["block"] == "strength")["id"]


def test_todays_session_is_never_stale_across_workers(
    app_client: TestClient, worker_b: TestClient, runner: dict[str, str]
) -> None:
    key, ex = _heavy(app_client, runner)
    url = f"/api/v1/sessions/{key}"
    first = app_client.get(url, headers=runner)
    assert first.json()["logged"] == [] and app_client.get(url, headers=runner).content == first.content  # cached
    sid = str(uuid.uuid4())
    body = {"client_uuid": sid, "session_key": key, "exercise_id": ex, "set_index": 0, "reps": 5, "load_kg": 70.0}
    assert worker_b.post("/api/v1/sets", json=body, headers=runner).status_code == 201
    assert [s["client_uuid"] for s in app_client.get(url, headers=runner).json()["logged"]] == [sid]
    # a retried upload changes nothing, and the body stays the same
    assert worker_b.post("/api/v1/sets", json=body, headers=runner).status_code == 200
    assert len(app_client.get(url, headers=runner).json()["logged"]) == 1
    # a re-plan made by the other worker: shorter sessions show at once
    before = app_client.get(url, headers=runner).json()["session"]["minutes"]
    profile = example_profile()
    profile["availability"]["minutes_per_session"] = 30
    assert worker_b.put("/api/v1/profile", json=profile, headers=runner).status_code == 200
    after = app_client.get(url, headers=runner).json()["session"]["minutes"]
    assert before > 30 >= after


def test_the_cache_is_bounded_and_keyed_by_runner(
    app_client: TestClient, engine: Engine, runner: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(view, "MAX_ENTRIES", 3)
    sessions = app_client.get("/api/v1/sessions", headers=runner).json()
    for s in sessions[:6]:
        assert app_client.get(f"/api/v1/sessions/{s['key']}", headers=runner).json()["key"] == s["key"]
    assert len(view._CACHE[engine]) == 3
    # another runner asking for the same key gets a 404 (no plan), not the cached body
    sign_up(TestClient(app_client.app), "bo@example.com")
    from tests.web.conftest import bearer

    other = bearer(engine, "bo@example.com")
    assert app_client.get(f"/api/v1/sessions/{sessions[5]['key']}", headers=other).status_code == 404


def test_log_out_in_one_worker_signs_out_everywhere(app_client: TestClient, worker_b: TestClient) -> None:
    csrf = sign_up(app_client, "w@example.com")
    sid = app_client.cookies.get("stridelift_session")
    assert sid
    worker_b.cookies.set("stridelift_session", sid)
    assert worker_b.get("/api/v1/me").status_code == 200
    assert app_client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert worker_b.get("/api/v1/me").status_code == 401
    assert worker_b.get("/today", follow_redirects=False).status_code == 303


def test_failed_log_ins_count_in_every_worker(engine: Engine) -> None:
    now = [1_000_000.0]
    apps = [create_app(engine), create_app(engine)]
    for app in apps:
        app.state.stridelift.limiter = LoginLimiter(per_ip=50, per_account=3, window_s=60, clock=lambda: now[0],
                                                    engine=engine)  # fmt: skip
    a, b = (TestClient(app) for app in apps)
    sign_up(a, "r@example.com")

    def attempt(c: TestClient, password: str) -> int:
        c.cookies.clear()
        token = csrf_of(c.get("/login").text)
        return c.post("/login", data={"email": "r@example.com", "password": password, "csrf_token": token},
                      follow_redirects=False).status_code  # fmt: skip

    assert [attempt(a, "wrong one"), attempt(b, "wrong two"), attempt(a, "wrong three")] == [401, 401, 401]
    assert attempt(b, PASSWORD) == 429  # locked in the other worker too
    now[0] += 61
    assert attempt(b, PASSWORD) == 303
    assert attempt(a, "wrong four") == 401  # a success cleared the account's count everywhere
