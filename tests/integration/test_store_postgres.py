"""The store's contract against a real PostgreSQL (127.0.0.1:5432, database ``test``).

Each test gets a schema of its own (dropped afterwards), selected with ``search_path``, so the
migrations run for real and tests never see each other's rows. ``STRIDELIFT_TEST_POSTGRES_URL``
overrides the server. Unreachable: a failure under CI (``CI`` set), a skip elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from stridelift.store import create_engine_for, migrate
from stridelift.store.models import complete_metadata
from tests.unit.test_store import RepositoryContract

CANDIDATES = (
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    f"postgresql+psycopg://{os.environ.get('USER') or 'root'}@127.0.0.1:5432/test",
    "postgresql+psycopg://root@127.0.0.1:5432/test",
)


@pytest.fixture(scope="module")
def pg_url() -> str:
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")
    urls = [os.environ["STRIDELIFT_TEST_POSTGRES_URL"]] if os.environ.get("STRIDELIFT_TEST_POSTGRES_URL") else []
    errors = []
    for url in dict.fromkeys(urls or CANDIDATES):
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return url
        except OperationalError as exc:
            errors.append(f"{url}: {str(exc.orig).strip().splitlines()[0]}")
        finally:
            engine.dispose()
    reason = "PostgreSQL unreachable: " + "; ".join(errors)
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


class TestPostgresRepository(RepositoryContract):
    @pytest.fixture
    def engine(self, blank_engine: Engine) -> Iterator[Engine]:
        migrate(blank_engine)
        yield blank_engine

    @pytest.fixture
    def blank_engine(self, pg_url: str) -> Iterator[Engine]:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(pg_url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = create_engine_for(pg_url, connect_args={"options": f"-c search_path={schema}", "connect_timeout": 3})
        try:
            yield engine
        finally:
            engine.dispose()
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()

    def test_start_is_timestamptz(self, engine: Engine) -> None:
        with engine.connect() as conn:
            kind = conn.execute(
                text(
                    "SELECT data_type FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND table_name = 'activities'"
                    " AND column_name = 'start_utc'"
                )
            ).scalar_one()
        assert kind == "timestamp with time zone"

    def test_concurrent_migrations_run_once(self, engine: Engine, pg_url: str) -> None:
        """The advisory lock serialises migrations that start together (three on one fresh schema)."""
        import threading

        schema = f"t_{uuid.uuid4().hex[:12]}"
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        errors: list[BaseException] = []

        def run() -> None:
            eng = create_engine_for(pg_url, connect_args={"options": f"-c search_path={schema}"})
            try:
                migrate(eng)
            except BaseException as exc:
                errors.append(exc)
            finally:
                eng.dispose()

        threads = [threading.Thread(target=run) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with engine.begin() as conn:
            tables = conn.execute(
                text("SELECT count(*) FROM information_schema.tables WHERE table_schema = :s"), {"s": schema}
            ).scalar_one()
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        assert errors == [] and tables == len(complete_metadata().tables) + 1  # and alembic_version

    def test_set_logging_is_idempotent_and_scoped(self, engine: Engine) -> None:
        """The web app's Core set logging (INSERT ... ON CONFLICT DO NOTHING) on PostgreSQL: stored
        once per UUID, another runner's UUID refused, and the session view's version moves."""
        import tomllib

        from stridelift.services import accounts, training
        from stridelift.services.accounts import FieldError
        from tests.conftest import ROOT

        raw = tomllib.loads((ROOT / "examples" / "northern_marathoner.toml").read_text())
        ana = accounts.sign_up(engine, "ana@example.com", "a long enough secret")
        bo = accounts.sign_up(engine, "bo@example.com", "a long enough secret")
        plan = training.save_profile(engine, ana, raw).plan
        training.save_profile(engine, bo, raw)
        sess = next(s for s in plan["sessions"] if any(e.get("reps") for e in s["exercises"]))
        ex = next(e["id"] for e in sess["exercises"] if e.get("reps"))
        before = training.view_version(engine, ana)
        sid = str(uuid.uuid4())
        data = training.SetIn(sid, training.session_key(sess), ex, 0, reps=5, load_kg=60.0)
        first, created = training.log_set(engine, ana, data)
        again, created_again = training.log_set(engine, ana, data)
        assert (created, created_again) == (True, False) and again.load_kg == first.load_kg == 60.0
        assert again.day == first.day and again.performed_at == first.performed_at
        with pytest.raises(FieldError):
            training.log_set(engine, bo, data)
        assert [s.client_uuid for s in training.logged_sets(engine, ana)] == [sid]
        assert training.logged_sets(engine, bo) == []
        after = training.view_version(engine, ana)
        assert after[:2] == before[:2] and after[3] == before[3] + 1

    def test_login_failures_are_shared(self, engine: Engine) -> None:
        from stridelift.services.ratelimit import LoginLimiter

        now = [1000.0]
        a, b = (LoginLimiter(per_ip=9, per_account=2, window_s=60, clock=lambda: now[0], engine=engine) for _ in "ab")
        a.failed("10.0.0.1", "x@example.com")
        b.failed("10.0.0.2", "x@example.com")
        assert a.retry_after("10.0.0.3", "x@example.com") == pytest.approx(60.0)
        now[0] += 30
        assert b.retry_after("10.0.0.3", "x@example.com") == pytest.approx(30.0)
        b.succeeded("x@example.com")
        assert a.retry_after("10.0.0.3", "x@example.com") == 0.0
