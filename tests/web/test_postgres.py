"""The web app on a real PostgreSQL (127.0.0.1:5432, database ``test``; see
tests/integration/test_store_postgres.py for the server and when it is skipped).

There the hot requests (who is asking, today's session, logging a set) run on psycopg's async
connections from the event loop instead of the SQLAlchemy engine: the API, worker, and security
tests that exercise them run here again on PostgreSQL, and the pool and the one-statement set
logging are tested on their own (concurrent first sets of a session, the same UUID sent at once,
a connection the server dropped)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from stridelift.services import accounts, training
from stridelift.services.app_db import open_app_database
from stridelift.services.hot_path import HotPath
from stridelift.store.pg_async import LoopPools
from tests.integration.test_store_postgres import pg_url  # noqa: F401  (the server's URL, a fixture)
from tests.web import test_api, test_security, test_workers
from tests.web.conftest import example_profile


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:  # noqa: F811  (this module's database is PostgreSQL)
    """A fresh schema per test, selected in the URL so the async connections use it too."""
    schema = f"w_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = open_app_database(f"{pg_url}?options=-csearch_path%3D{schema}")
    try:
        assert HotPath(eng).mode == "async"
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# the SQLite tests of the hot requests, again on PostgreSQL
test_plan_and_sessions = test_api.test_plan_and_sessions
test_a_set_is_stored_once_whatever_the_retries = test_api.test_a_set_is_stored_once_whatever_the_retries
test_last_time_shows_the_previous_session = test_api.test_last_time_shows_the_previous_session
test_reps_in_reserve_is_logged_beside_rpe = test_api.test_reps_in_reserve_is_logged_beside_rpe
test_bad_input_is_422_naming_the_field = test_api.test_bad_input_is_422_naming_the_field
test_anonymous_data_requests_get_401 = test_api.test_anonymous_data_requests_get_401
test_forms_without_csrf_are_refused = test_security.test_forms_without_csrf_are_refused
test_logout_and_password_change_revoke_sessions = test_security.test_logout_and_password_change_revoke_sessions
test_another_runners_ids_are_not_found = test_security.test_another_runners_ids_are_not_found
test_tokens_are_hashed_and_unknown_users_refused = test_security.test_tokens_are_hashed_and_unknown_users_refused
worker_b = test_workers.worker_b
test_todays_session_is_never_stale_across_workers = test_workers.test_todays_session_is_never_stale_across_workers
test_log_out_in_one_worker_signs_out_everywhere = test_workers.test_log_out_in_one_worker_signs_out_everywhere


def _runner(engine: Engine, email: str) -> tuple[str, str, str]:
    """(API token, the key of a session with sets, one of its exercises) of a new runner."""
    account = accounts.sign_up(engine, email, "a long enough secret")
    plan = training.save_profile(engine, account, example_profile()).plan
    sess = next(s for s in plan["sessions"] if any(e.get("reps") for e in s["exercises"]))
    ex = next(e["id"] for e in sess["exercises"] if e.get("reps"))
    return accounts.create_token(engine, email), training.session_key(sess), ex


def _count(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def test_concurrent_first_sets_make_one_session_log_and_store_each_set_once(engine: Engine) -> None:
    token, key, ex = _runner(engine, "ana@example.com")
    other_token, _, _ = _runner(engine, "bo@example.com")
    hot = HotPath(engine)
    same = str(uuid.uuid4())
    distinct = [str(uuid.uuid4()) for _ in range(12)]

    async def run() -> list[tuple[training.SetOut, bool]]:
        found = await hot.caller("token", token, "plan")
        assert found is not None and found.plan is not None
        sets = [training.SetIn(u, key, ex, i, reps=5, load_kg=60.0) for i, u in enumerate(distinct)]
        sets += [training.SetIn(same, key, ex, 0, reps=3, load_kg=70.0)] * 6
        try:
            return await asyncio.gather(*(hot.log_set(found.account, found.plan, s) for s in sets))
        finally:
            await hot.close()

    results = asyncio.run(run())
    assert [created for _, created in results[:12]] == [True] * 12
    assert sorted(created for _, created in results[12:]) == [False] * 5 + [True]  # the same UUID: stored once
    assert {out.load_kg for out, _ in results[12:]} == {70.0}
    assert _count(engine, "SELECT count(*) FROM session_logs") == 1
    assert _count(engine, "SELECT count(*) FROM set_logs") == 13

    async def steal() -> None:  # another runner sending a known UUID is refused, and told nothing
        found = await hot.caller("token", other_token, "plan")
        assert found is not None
        with pytest.raises(accounts.FieldError):
            await hot.log_set(found.account, found.plan, training.SetIn(same, key, ex, 0, reps=1))
        await hot.close()

    asyncio.run(steal())
    assert _count(engine, "SELECT count(*) FROM set_logs") == 13


def test_the_caller_query_sees_the_plan_and_every_new_set(engine: Engine) -> None:
    token, key, ex = _runner(engine, "ana@example.com")
    hot = HotPath(engine)

    async def run() -> None:
        try:
            before = await hot.caller("token", token, "view")
            assert before is not None and before.view is not None and before.csrf_token is None
            assert before.view[2:] == (0, 0) and before.plan == before.view[:2]
            await hot.log_set(before.account, before.plan, training.SetIn(str(uuid.uuid4()), key, ex, 0, reps=5))
            after = await hot.caller("token", token, "view")
            assert after is not None and after.view is not None
            assert after.view[:2] == before.view[:2] and after.view[3] == 1 and after.view[2] > 0
            assert await hot.caller("token", token + "x", "view") is None
            assert await hot.caller("session", "no such session", "caller") is None
        finally:
            await hot.close()

    asyncio.run(run())


def test_a_connection_the_server_dropped_is_replaced(engine: Engine) -> None:
    """A pooled connection whose backend was terminated (a restart, an idle cut): the next query
    is sent again on a new connection, so the request still succeeds."""
    pools = LoopPools(engine, size=1)
    pid_query = text("SELECT pg_backend_pid()")

    async def run() -> tuple[int, int]:
        try:
            first = (await pools.pool().fetch(pid_query, {}))[0][0]
            with engine.connect() as conn:  # only this pool's own backend
                conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": first})
            await asyncio.sleep(0.2)
            return first, (await pools.pool().fetch(pid_query, {}))[0][0]
        finally:
            await pools.close()

    first, second = asyncio.run(run())
    assert second != first


def test_serve_opens_the_pool_at_start_up_and_closes_it_at_shutdown(engine: Engine) -> None:
    """`serve` builds its app with the configured pool size, opened before the first request (a
    burst of first requests would otherwise wait for backends to start one by one)."""
    from fastapi.testclient import TestClient

    from stridelift.web import create_app

    name = f"pooltest_{uuid.uuid4().hex[:8]}"
    eng = create_engine(f"{engine.url.render_as_string(hide_password=False)}&application_name={name}")
    backends = f"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{name}'"
    try:
        with TestClient(create_app(eng, pool_size=3, open_pool=True)):
            assert _count(engine, backends) == 3
        deadline = time.monotonic() + 30
        while _count(engine, backends) and time.monotonic() < deadline:  # a closed backend ends a little later
            time.sleep(0.1)
        assert _count(engine, backends) == 0
        with TestClient(create_app(eng, pool_size=3)):  # the tests' apps open connections as they go
            assert _count(engine, backends) == 0
    finally:
        eng.dispose()


def test_a_pool_that_cannot_open_leaves_the_start_up_alone(engine: Engine) -> None:
    """No database at start-up: the app starts, and its first request reports the error."""
    from sqlalchemy.engine import make_url

    bad = make_url(engine.url.render_as_string(hide_password=False)).set(port=1)
    hot = HotPath(create_engine(bad), pool_size=2)
    assert asyncio.run(hot.open_pool()) == 0
