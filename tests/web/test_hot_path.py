"""The hot requests' own statements (`services.hot_path`) on SQLite: a set written by the one-INSERT
path is stored exactly as the ORM path stores it, and reads back the same."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import sqlite3
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from stridelift.services import accounts, training
from stridelift.services.hot_path import HotPath
from stridelift.store import sqlite_hot
from stridelift.store.db import BUSY_TIMEOUT_MS


def _heavy(client: TestClient, headers: dict[str, str]) -> tuple[str, str]:
    sessions = client.get("/api/v1/sessions", headers=headers).json()
    key = next(x for x in sessions if x["format"] == "straight_sets")["key"]
    detail = client.get(f"/api/v1/sessions/{key}", headers=headers).json()
    return key, next(e for e in detail["session"]["exercises"] if e["block"] == "strength")["id"]


def test_the_one_insert_path_stores_what_the_orm_path_stores(
    app_client: TestClient, engine: Engine, runner: dict[str, str]
) -> None:
    assert HotPath(engine).mode == "inline"
    key, ex = _heavy(app_client, runner)
    when = dt.datetime(2026, 3, 1, 9, 30, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))  # not UTC, no microseconds
    sent = []
    for i, warmup in enumerate((True, False)):  # the first creates the session's log, the second is one INSERT
        body = {"client_uuid": str(uuid.uuid4()), "session_key": key, "exercise_id": ex, "set_index": i,
                "reps": 5, "load_kg": 62.5, "rpe": 7.5, "warmup": warmup, "performed_at": when.isoformat()}  # fmt: skip
        assert app_client.post("/api/v1/sets", json=body, headers=runner).status_code == 201
        sent.append(body)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT performed_at, received_at, warmup, load_kg, rpe, session_log_id FROM set_logs ORDER BY id")
        ).all()
        assert conn.execute(text("SELECT count(*) FROM session_logs")).scalar_one() == 1
    stamp = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")  # SQLAlchemy's SQLite DATETIME text
    assert all(stamp.match(r[0]) and stamp.match(r[1]) for r in rows)
    assert rows[0][0] == rows[1][0] == "2026-03-01 07:30:00.000000"  # stored in UTC
    assert [r[2:] for r in rows] == [(1, 62.5, 7.5, rows[0][5]), (0, 62.5, 7.5, rows[0][5])]
    stored = {s["client_uuid"]: s for s in app_client.get("/api/v1/sets", headers=runner).json()}
    for body in sent:
        got = stored[body["client_uuid"]]
        assert dt.datetime.fromisoformat(got["performed_at"]) == when and got["warmup"] == body["warmup"]
    # a retry of the second set answers the stored set, from the database
    again = app_client.post("/api/v1/sets", json=sent[1] | {"load_kg": 99.0}, headers=runner)
    assert again.status_code == 200 and again.json()["load_kg"] == 62.5


def test_a_known_uuid_of_another_runner_is_refused(
    app_client: TestClient, engine: Engine, runner: dict[str, str]
) -> None:
    key, ex = _heavy(app_client, runner)
    body = {"client_uuid": str(uuid.uuid4()), "session_key": key, "exercise_id": ex, "set_index": 0, "reps": 5}
    for _ in range(2):  # the second takes the one-INSERT path: the session's log exists
        assert app_client.post("/api/v1/sets", json=body | {"client_uuid": str(uuid.uuid4())},
                               headers=runner).status_code == 201  # fmt: skip
    assert app_client.post("/api/v1/sets", json=body, headers=runner).status_code == 201
    from stridelift.services import accounts
    from tests.web.conftest import example_profile

    bo = accounts.sign_up(engine, "bo@example.com", "a long enough secret")
    training.save_profile(engine, bo, example_profile())
    token = accounts.create_token(engine, "bo@example.com")
    r = app_client.post("/api/v1/sets", json=body, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 422 and "already used" in r.text
    assert len(app_client.get("/api/v1/sets", headers=runner).json()) == 3


def test_the_logged_sets_fingerprint_reads_an_index_not_every_set(engine: Engine) -> None:
    """Every "today's session" reads the runner's highest set id and set count: with the
    (user_id, id) index (migration w0004) SQLite answers the highest id with one index seek
    and counts from the index alone, never from the table."""
    from stridelift.store.hot_queries import caller_statement

    stmt = caller_statement("session", "view")
    sql = str(stmt.compile(dialect=engine.dialect))
    with engine.connect() as conn:
        names = {p.key for p in stmt.compile(dialect=engine.dialect).binds.values()}
        params = dict.fromkeys(names)
        plan = " | ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, tuple(params.values())))
    assert plan.count("ix_set_logs_user_id") == 2, plan
    assert "SCAN set_logs" not in plan, plan


def _lock_holder(engine: Engine) -> sqlite3.Connection:
    """Another connection (as another worker process would be) holding the database's write lock."""
    db = engine.url.database
    assert db
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_set_write_waits_for_the_lock_on_the_event_loop(
    app_client: TestClient, engine: Engine, runner: dict[str, str]
) -> None:
    """While another process holds the write lock, the loop keeps serving (SQLite's own busy wait
    would sleep the loop's thread), and the set is stored once the lock is free."""
    key, ex = _heavy(app_client, runner)
    first = {"client_uuid": str(uuid.uuid4()), "session_key": key, "exercise_id": ex, "set_index": 0, "reps": 5}
    assert app_client.post("/api/v1/sets", json=first, headers=runner).status_code == 201  # the session's log
    account = next(a for a in accounts.list_accounts(engine) if a.email == "ana@example.com")
    hot_path = HotPath(engine)
    plan = training.view_version(engine, account)[:2]
    data = training.SetIn(client_uuid=str(uuid.uuid4()), session_key=key, exercise_id=ex, set_index=1, reps=5)

    async def scenario() -> tuple[int, int]:
        other = _lock_holder(engine)
        task = asyncio.create_task(hot_path.log_set(account, (plan[0], plan[1]), data))
        ticks = 0
        for _ in range(20):  # 20 x 5 ms with the lock held
            await asyncio.sleep(0.005)
            ticks += 1
        assert not task.done()  # still waiting for the lock
        with engine.connect() as conn:  # a read is not blocked by the writer
            held = conn.execute(text("SELECT count(*) FROM set_logs")).scalar_one()
        other.execute("COMMIT")
        other.close()
        _, created = await asyncio.wait_for(task, 10)
        assert created
        return ticks, held

    ticks, held = asyncio.run(scenario())
    assert ticks == 20 and held == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM set_logs WHERE client_uuid = :c"),
                            {"c": data.client_uuid}).scalar_one() == 1  # fmt: skip


def test_a_set_write_gives_up_after_the_busy_timeout(engine: Engine) -> None:
    """A lock held longer than the timeout ends in SQLite's own error, nothing written, and the
    pooled connection keeps its busy timeout for everything else."""
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    stmt = text("INSERT INTO t (x) VALUES (1)")

    async def scenario() -> None:
        await sqlite_hot.write(engine, stmt, {}, timeout_s=0.05)

    other = _lock_holder(engine)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            asyncio.run(scenario())
    finally:
        other.execute("ROLLBACK")
        other.close()
    asyncio.run(scenario())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == BUSY_TIMEOUT_MS
