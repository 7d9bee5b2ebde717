"""Accounts and security: cookies, CSRF on every form and HTMX/API request made with the cookie,
log-in rate limits, password rules, session revocation, and another runner's ids."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stridelift.services import accounts
from stridelift.services.ratelimit import LoginLimiter
from stridelift.web import create_app
from tests.web.conftest import PASSWORD, bearer, csrf_of, example_profile, sign_up


def test_session_cookie_flags_and_no_plain_secrets_in_the_database(app_client: TestClient, engine: Engine) -> None:
    token = csrf_of(app_client.get("/signup").text)
    r = app_client.post("/signup", data={"email": "a@example.com", "password": PASSWORD, "csrf_token": token},
                        follow_redirects=False)  # fmt: skip
    cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith("stridelift_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    sid = cookie.split(";")[0].split("=", 1)[1]
    with engine.connect() as conn:
        rows = [row for t in ("users", "web_sessions") for row in conn.exec_driver_sql(f"SELECT * FROM {t}")]
        dump = "\n".join(map(str, rows))
    assert sid not in dump and PASSWORD not in dump and "$argon2id$" in dump


def test_secure_cookie_behind_https(engine: Engine) -> None:
    with TestClient(create_app(engine), base_url="https://testserver") as c:
        token = csrf_of(c.get("/signup").text)
        r = c.post("/signup", data={"email": "s@example.com", "password": PASSWORD, "csrf_token": token},
                   follow_redirects=False)  # fmt: skip
        cookie = next(v for k, v in r.headers.multi_items() if v.startswith("stridelift_session="))
        assert "Secure" in cookie


@pytest.mark.parametrize(
    ("password", "field"), [("short1", "password"), ("password123", "password"), ("Sunshine1", "password")]
)
def test_weak_passwords_are_refused_next_to_the_field(app_client: TestClient, password: str, field: str) -> None:
    token = csrf_of(app_client.get("/signup").text)
    r = app_client.post("/signup", data={"email": "w@example.com", "password": password, "csrf_token": token})
    assert r.status_code == 422 and f'id="{field}-error"' in r.text


def test_forms_without_csrf_are_refused(app_client: TestClient) -> None:
    app_client.get("/signup")
    r = app_client.post("/signup", data={"email": "c@example.com", "password": PASSWORD})
    assert r.status_code == 403
    csrf = sign_up(app_client, "c@example.com")
    for path, data in [
        ("/logout", {}),
        ("/symptoms", {"site": "knee", "score": "3"}),
        ("/account/password", {"old_password": PASSWORD, "new_password": "another long one"}),
        ("/onboarding", {"athlete.name": "x"}),
    ]:
        assert app_client.post(path, data=data).status_code == 403, path
        assert app_client.post(path, data=data | {"csrf_token": "wrong"}).status_code == 403, path
    # the API with the cookie needs the header too (HTMX sends it); a bearer token does not
    assert app_client.put("/api/v1/profile", json=example_profile()).status_code == 403
    ok = app_client.put("/api/v1/profile", json=example_profile(), headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200
    assert app_client.get("/api/v1/me").status_code == 200  # safe methods need no token


def test_login_rate_limited_per_account_and_per_ip(engine: Engine) -> None:
    now = [0.0]
    app = create_app(engine)
    app.state.stridelift.limiter = LoginLimiter(per_ip=8, per_account=3, window_s=60, clock=lambda: now[0])
    with TestClient(app) as c:
        sign_up(c, "r@example.com")
        c.cookies.clear()

        def attempt(email: str, password: str) -> int:
            token = csrf_of(c.get("/login").text)
            return c.post("/login", data={"email": email, "password": password, "csrf_token": token},
                          follow_redirects=False).status_code  # fmt: skip

        assert [attempt("r@example.com", "wrong password") for _ in range(3)] == [401, 401, 401]
        assert attempt("r@example.com", PASSWORD) == 429  # the account is locked, even with the right password
        assert [attempt(f"x{i}@example.com", "nope nope") for i in range(6)] == [401] * 5 + [429]  # 8 per IP
        now[0] = 61.0
        assert attempt("r@example.com", PASSWORD) == 303


def test_logout_and_password_change_revoke_sessions(app_client: TestClient, engine: Engine) -> None:
    csrf = sign_up(app_client, "p@example.com")
    other = TestClient(app_client.app)
    token = csrf_of(other.get("/login").text)
    other.post("/login", data={"email": "p@example.com", "password": PASSWORD, "csrf_token": token})
    assert other.get("/api/v1/me").status_code == 200
    r = app_client.post("/account/password", data={"old_password": PASSWORD, "new_password": "a new long secret",
                                                    "csrf_token": csrf})  # fmt: skip
    assert r.status_code == 200 and "Password changed" in r.text
    assert other.get("/api/v1/me").status_code == 401  # the other device is signed out
    assert app_client.get("/api/v1/me").status_code == 200  # this one got a fresh session
    csrf = csrf_of(app_client.get("/account").text)
    old_cookie = app_client.cookies.get("stridelift_session")
    assert app_client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    app_client.cookies.set("stridelift_session", old_cookie or "")
    assert app_client.get("/api/v1/me").status_code == 401  # a replayed cookie is dead
    assert app_client.get("/today", follow_redirects=False).headers["location"] == "/login"


def test_another_runners_ids_are_not_found(app_client: TestClient, engine: Engine) -> None:
    """Ana's set, symptom and session ids, asked for by Ben (API and pages): 404 each, nothing leaks."""
    sign_up(app_client, "ana@example.com")
    ana = bearer(engine, "ana@example.com")
    app_client.put("/api/v1/profile", json=example_profile(), headers=ana)
    key = app_client.get("/api/v1/sessions", headers=ana).json()[0]["key"]
    ex = app_client.get(f"/api/v1/sessions/{key}", headers=ana).json()["session"]["exercises"][0]["id"]
    set_id = str(uuid.uuid4())
    app_client.post("/api/v1/sets", json={"client_uuid": set_id, "session_key": key, "exercise_id": ex,
                                          "set_index": 0, "reps": 5}, headers=ana)  # fmt: skip
    sym = app_client.post("/api/v1/symptoms", json={"day": "2027-01-01", "site": "knee", "score": 2}, headers=ana)
    ben_client = TestClient(app_client.app)
    sign_up(ben_client, "ben@example.com")
    ben = bearer(engine, "ben@example.com")
    assert ben_client.get(f"/api/v1/sets/{set_id}", headers=ben).status_code == 404
    assert ben_client.get(f"/api/v1/symptoms/{sym.json()['id']}", headers=ben).status_code == 404
    assert ben_client.get(f"/api/v1/sessions/{key}", headers=ben).status_code == 404  # Ben has no plan yet
    assert ben_client.get("/api/v1/plan", headers=ben).status_code == 404
    assert ben_client.get("/api/v1/profile", headers=ben).status_code == 404
    assert ben_client.get(f"/sessions/{key}").status_code == 404
    assert ben_client.get("/api/v1/sets", headers=ben).json() == []
    assert ben_client.get("/api/v1/symptoms", headers=ben).json() == []
    # re-using Ana's set UUID neither overwrites nor reveals her set
    ben_client.put("/api/v1/profile", json=example_profile(), headers=ben)
    r = ben_client.post("/api/v1/sets", json={"client_uuid": set_id, "session_key": key, "exercise_id": ex,
                                              "set_index": 0, "reps": 9}, headers=ben)  # fmt: skip
    assert r.status_code == 422 and "5" not in r.text.replace(set_id, "")
    assert app_client.get(f"/api/v1/sets/{set_id}", headers=ana).json()["reps"] == 5


def test_tokens_are_hashed_and_unknown_users_refused(engine: Engine) -> None:
    accounts.sign_up(engine, "t@example.com", PASSWORD)
    token = accounts.create_token(engine, "t@example.com")
    assert accounts.token_account(engine, token) is not None
    assert accounts.token_account(engine, token + "x") is None
    with engine.connect() as conn:
        assert token not in str(list(conn.exec_driver_sql("SELECT * FROM api_tokens")))
    with pytest.raises(accounts.ServiceError, match="no user"):
        accounts.create_token(engine, "nobody@example.com")
