"""The activity store on a temporary SQLite file.

``RepositoryContract`` holds the tests every backend must pass; ``tests/integration/
test_store_postgres.py`` runs the same class against a real PostgreSQL.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, MetaData, inspect, select, text

from stridelift.config import Settings, get_settings
from stridelift.domain.activity import Activity, ActivitySport
from stridelift.domain.load import summarize
from stridelift.store import ActivityRepository, create_engine_for, head_revision, migrate, open_database, to_record
from stridelift.store.db import revisions
from stridelift.store.models import ActivityRow, ImportRun, complete_metadata
from stridelift.store.streams import VERSION, StreamsFormatError, decode_streams, encode_streams

NAN = float("nan")


def make_activity(
    i: int,
    *,
    n: int = 300,
    start: datetime | None = None,
    sport: ActivitySport = "running",
    seed: int | None = None,
) -> Activity:
    rng = np.random.default_rng(i if seed is None else seed)
    hr = 120 + 40 * rng.random(n)
    hr[::17] = np.nan  # drop-outs
    speed = 3 + rng.random(n)
    alt = 500 + np.cumsum(rng.normal(0, 0.3, n))
    alt[n // 2 :] = np.nan  # no barometer for the second half
    return Activity(
        sport=sport,
        sub_sport="road" if sport == "running" else None,
        start=start or datetime(2024, 3, 1, 7, 0, tzinfo=UTC) + timedelta(days=i),
        duration_s=float(n),
        moving_time_s=float(n - 3),
        distance_m=float(speed.sum()),
        elevation_gain_m=12.5,
        avg_hr=float(np.nanmean(hr)) if n else None,
        max_hr=float(np.nanmax(hr)) if n else None,
        time_s=tuple(float(t) for t in range(n)),
        heart_rate=tuple(hr.tolist()),
        speed_m_s=tuple(speed.tolist()),
        altitude_m=tuple(alt.tolist()),
        source=f"run_{i}.fit",
        content_sha256=f"{i:064x}",
    )


def assert_same_activity(got: Activity, want: Activity) -> None:
    assert got.start == want.start and got.start.tzinfo is not None
    for f in ("sport", "sub_sport", "duration_s", "moving_time_s", "distance_m", "elevation_gain_m", "source"):
        assert getattr(got, f) == getattr(want, f), f
    assert got.avg_hr == pytest.approx(want.avg_hr) and got.max_hr == pytest.approx(want.max_hr)
    assert got.content_sha256 == want.content_sha256
    for f in ("time_s", "heart_rate", "speed_m_s", "altitude_m"):
        a, b = np.array(getattr(got, f)), np.array(getattr(want, f))
        assert a.shape == b.shape, f
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b), err_msg=f)
        # float32: about 7 significant digits
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=0, equal_nan=True, err_msg=f)


class RepositoryContract:
    """Tests any backend must pass; a subclass provides the ``engine`` fixture (migrated)."""

    def test_round_trip_keeps_streams_and_nan(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        want = make_activity(1)
        assert repo.add_many([want]) == (1, 0)
        [got] = repo.list()
        assert_same_activity(got, want)

    def test_any_file_name_is_stored(self, engine: Engine) -> None:
        """Issue 7.5: names that are not UTF-8 (surrogate escapes) or hold NUL (PostgreSQL refuses it)."""
        import dataclasses
        import os

        repo = ActivityRepository(engine)
        names = [os.fsdecode(b"caf\xe9.fit"), "n\x00ul.fit", "\x1b[31mred.fit"]
        run = repo.start_import(names)
        acts = [dataclasses.replace(make_activity(i, n=3), source=n) for i, n in enumerate(names)]
        assert repo.add_many(acts, import_id=run) == (3, 0)
        assert sorted(a.source for a in repo.list()) == ["\x1b[31mred.fit", "caf\\xe9.fit", "n\\x00ul.fit"]

    def test_start_is_stored_as_utc(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        madrid = timezone(timedelta(hours=2))
        repo.add_many([make_activity(1, start=datetime(2024, 6, 1, 8, 0, tzinfo=madrid))])
        [got] = repo.list()
        assert got.start == datetime(2024, 6, 1, 6, 0, tzinfo=UTC)
        assert got.start.utcoffset() == timedelta(0)

    def test_empty_streams_and_none_figures(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        a = make_activity(2, n=0)
        bare = Activity(
            **{
                **{f: getattr(a, f) for f in a.__dataclass_fields__},
                "moving_time_s": None,
                "distance_m": None,
                "elevation_gain_m": None,
                "avg_hr": None,
                "max_hr": None,
                "sub_sport": None,
            }
        )
        repo.add_many([bare])
        [got] = repo.list()
        assert got.time_s == () and got.heart_rate == ()
        assert got.avg_hr is None and got.distance_m is None and got.sub_sport is None

    def test_add_many_is_idempotent_by_content_hash(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        batch = [make_activity(i) for i in range(5)]
        assert repo.add_many(batch) == (5, 0)
        assert repo.add_many(batch) == (0, 5)
        assert repo.add_many([make_activity(5), make_activity(5), make_activity(0)]) == (1, 2)
        assert repo.count() == 6
        assert repo.known_hashes([f"{i:064x}" for i in (0, 5, 9)]) == {f"{0:064x}", f"{5:064x}"}
        assert repo.add_many([]) == (0, 0)

    def test_a_failing_batch_stores_nothing(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        good = to_record(make_activity(1))
        bad = to_record(make_activity(2))
        object.__setattr__(bad, "start_utc", datetime(2024, 1, 1))  # naive: refused at bind time
        with pytest.raises(Exception, match="naive"):
            repo.add_many([good, bad])
        assert repo.count() == 0

    def test_summaries_are_oldest_first_and_filtered(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        acts = [
            make_activity(3, sport="cycling"),
            make_activity(1),
            make_activity(7),
            make_activity(5, sport="strength"),
            # same start as #1 (another sport: the same sport at the same time would be one activity)
            make_activity(20, start=datetime(2024, 3, 2, 7, 0, tzinfo=UTC), sport="walking"),
        ]
        repo.add_many(acts)
        rows = repo.summaries()
        assert [r.source for r in rows] == ["run_1.fit", "run_20.fit", "run_3.fit", "run_5.fit", "run_7.fit"]
        assert all(r.start.tzinfo is not None for r in rows)
        assert rows[0].n_samples == 300 and rows[0].imported_at.tzinfo is not None
        since = datetime(2024, 3, 4, 7, 0, tzinfo=UTC)  # inclusive: run_3 starts then
        assert [r.source for r in repo.summaries(since=since)] == ["run_3.fit", "run_5.fit", "run_7.fit"]
        assert [r.source for r in repo.summaries(sport="running")] == ["run_1.fit", "run_7.fit"]
        assert [a.source for a in repo.list(since=since, sport="running")] == ["run_7.fit"]
        with pytest.raises(ValueError, match="timezone-aware"):
            repo.summaries(since=datetime(2024, 1, 1))

    def test_import_runs_and_their_counters(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        run = repo.start_import(["/exports/a.zip"])
        assert repo.unfinished_imports() == [run]
        repo.add_many([make_activity(1), make_activity(2)], import_id=run)
        repo.add_many([make_activity(2)], import_id=run)
        with engine.connect() as conn:
            row = conn.execute(select(ImportRun.imported, ImportRun.duplicates).where(ImportRun.id == run)).one()
        assert tuple(row) == (2, 1)
        repo.finish_import(run, files=4, size_bytes=1000, imported=2, duplicates=1, skipped=1)
        assert repo.unfinished_imports() == []

    def test_migration_creates_the_tables_and_matches_the_models(self, engine: Engine) -> None:
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        names = set(inspect(engine).get_table_names())
        assert {"activities", "imports", "alembic_version"} <= names
        migrate(engine)  # at head already: nothing to do, no error
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
            diff = compare_metadata(MigrationContext.configure(conn), complete_metadata())
        assert diff == []


    def test_upgrade_from_every_earlier_revision_keeps_rows_and_fills_statistics(self, blank_engine: Engine) -> None:
        """A database left at any older revision, with activities in it, upgrades to the head."""
        for rev in revisions()[:-1]:
            everything = MetaData()  # start again from nothing
            everything.reflect(blank_engine)
            everything.drop_all(blank_engine)
            migrate(blank_engine, rev)
            want = make_activity(4)
            record = to_record(want)
            cols = {c["name"] for c in inspect(blank_engine).get_columns("activities")}
            values = {k: v for k, v in record.row_values().items() if k in cols}
            values["imported_at"] = datetime.now(UTC)
            with blank_engine.begin() as conn:
                conn.execute(ActivityRow.__table__.insert().values(**values))
            migrate(blank_engine)
            repo = ActivityRepository(blank_engine)
            [got] = repo.list()
            assert_same_activity(got, want)
            [summary] = repo.load_summaries()
            expected = summarize(want)
            for name in ("avg_speed_m_s", "work_speed_m_s", "work_hr", "speed_cv", "hr_cv", "surges"):
                assert getattr(summary, name) == pytest.approx(getattr(expected, name), rel=1e-5), (rev, name)
            assert repo.add_many([want]) == (0, 1)

    def test_stored_statistics_are_what_summarize_gives(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        acts = [make_activity(i, n=n) for i, n in ((1, 300), (2, 0), (3, 3600), (4, 45))]
        repo.add_many(acts)
        for got, act in zip(repo.load_summaries(), acts, strict=True):
            want = summarize(act)
            for name in ("avg_speed_m_s", "work_speed_m_s", "work_hr", "speed_cv", "hr_cv", "surges"):
                assert getattr(got, name) == pytest.approx(getattr(want, name), rel=1e-9), name
            assert (got.sport, got.start, got.duration_s) == (want.sport, want.start, want.duration_s)

    def test_same_activity_from_two_files_is_stored_once_keeping_the_richer(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        start = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
        rich = make_activity(1, n=600, start=start)
        poor = replace(make_activity(2, n=0, start=start + timedelta(seconds=20)), duration_s=590.0, avg_hr=None)
        poor = replace(poor, source="strava/123.gpx", max_hr=None)
        merged: list[tuple[str, str]] = []
        assert repo.add_many([poor], merged=merged) == (1, 0)
        assert repo.add_many([rich], merged=merged) == (0, 1)  # replaces the poorer stored record
        [kept] = repo.list()
        assert kept.source == "run_1.fit" and len(kept.time_s) == 600
        assert merged and merged[0][0] == "strava/123.gpx" and "kept run_1.fit" in merged[0][1]
        # both files are known: importing either again is a plain duplicate, nothing more merged
        both = {rich.content_sha256, poor.content_sha256}
        assert repo.known_hashes(both) == both
        assert repo.add_many([poor, rich], merged=merged) == (0, 2) and len(merged) == 1
        # a poorer copy arriving after the rich one is dropped, and said
        third = replace(make_activity(3, n=100, start=start), source="copy.fit")
        assert repo.add_many([third], merged=merged) == (0, 1)
        assert merged[-1][0] == "copy.fit" and "kept run_1.fit" in merged[-1][1]
        assert repo.count() == 1

    def test_overlap_rules(self, engine: Engine) -> None:
        repo = ActivityRepository(engine)
        start = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
        run = make_activity(1, n=3600, start=start)
        ride = make_activity(2, n=3600, start=start, sport="cycling")  # another sport: not the same
        later = make_activity(3, n=3600, start=start + timedelta(minutes=45))  # overlaps 15 of 60 min
        unknown = replace(make_activity(4, n=10, start=start + timedelta(minutes=5)), sport="other", duration_s=3000.0)
        # a recording of unknown sport holding the run is not its copy unless it covers the same time
        all_day = make_activity(5, n=10, start=start - timedelta(hours=1))
        all_day = replace(all_day, sport="other", duration_s=8 * 3600.0)
        merged: list[tuple[str, str]] = []
        # within one batch too
        assert repo.add_many([run, ride, later, unknown, all_day], merged=merged) == (4, 1)
        assert [m[0] for m in merged] == ["run_4.fit"]
        assert sorted(a.sport for a in repo.summaries()) == ["cycling", "other", "running", "running"]


class TestSqliteRepository(RepositoryContract):
    @pytest.fixture
    def engine(self, tmp_path: Path) -> Iterator[Engine]:
        engine = open_database(f"sqlite:///{tmp_path / 'store.db'}")
        yield engine
        engine.dispose()

    @pytest.fixture
    def blank_engine(self, tmp_path: Path) -> Iterator[Engine]:
        engine = create_engine_for(f"sqlite:///{tmp_path / 'blank.db'}")
        yield engine
        engine.dispose()


def test_sqlite_pragmas_and_folder_creation(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'deep' / 'er' / 'a.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    repo = ActivityRepository(engine)
    run = repo.start_import([])
    repo.add_many([make_activity(1)], import_id=run)
    with engine.connect() as conn, pytest.raises(Exception, match="FOREIGN KEY"):  # foreign keys are enforced
        conn.execute(ActivityRow.__table__.update().values(import_id=999))
    engine.dispose()


def test_migration_is_one_transaction_on_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that fails half-way leaves no table behind (SQLite DDL is transactional here)."""
    from alembic.operations import Operations

    url = f"sqlite:///{tmp_path / 'a.db'}"
    real = Operations.create_index

    def failing_create_index(self: Operations, *args: object, **kwargs: object) -> object:
        raise RuntimeError("killed mid-migration")

    monkeypatch.setattr(Operations, "create_index", failing_create_index)
    with pytest.raises(RuntimeError):
        migrate(url, "heads")  # "heads", not "head": the migrations run even on a new file (see store.fresh)
    engine = create_engine_for(url)
    assert inspect(engine).get_table_names() == []
    monkeypatch.setattr(Operations, "create_index", real)
    migrate(engine)
    assert {"activities", "imports"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_streams_codec() -> None:
    a = make_activity(3, n=1000)
    blob = encode_streams(a.time_s, a.heart_rate, a.speed_m_s, a.altitude_m)
    assert blob[0] == VERSION
    assert len(blob) < 4 * 4 * 1000  # compressed
    t, hr, _spd, _alt = decode_streams(blob, 1000)
    assert t == a.time_s  # integers are exact in float32
    assert sum(math.isnan(x) for x in hr) == sum(math.isnan(x) for x in a.heart_rate)
    with pytest.raises(StreamsFormatError, match="unknown streams format"):
        decode_streams(b"\x09" + blob[1:], 1000)
    with pytest.raises(StreamsFormatError, match="expected"):
        decode_streams(blob, 999)
    with pytest.raises(StreamsFormatError, match="damaged"):
        decode_streams(blob[:-5], 1000)


def test_settings_default_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("STRIDELIFT_DATABASE_URL", raising=False)
    url = Settings().database_url
    assert url.startswith("sqlite:///") and url.endswith("stridelift.db")
    folder = Path(url.removeprefix("sqlite:///")).parent
    assert not folder.exists()  # naming the database creates nothing (readers must leave no trace)
    open_database(url).dispose()  # a writer opening it creates the folder
    assert folder.is_dir()
    monkeypatch.setenv("STRIDELIFT_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert get_settings().database_url == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("STRIDELIFT_DATABASE_URL", "")  # empty means unset
    assert get_settings().database_url.endswith("stridelift.db")


def test_head_revisions_read_from_the_scripts_match_alembic() -> None:
    from stridelift.store.db import head_revisions

    assert head_revisions() == {revisions()[-1]}


def test_the_import_path_leaves_the_web_tables_out_and_the_complete_metadata_has_them() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import stridelift.store, stridelift.importing;"
        "from stridelift.store.models import Base, complete_metadata;"
        "print('stridelift.store.web_tables' in sys.modules, len(Base.metadata.tables));"
        "print('users' in complete_metadata().tables, len(Base.metadata.tables))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    left_out, activity_tables = out[0].split()
    complete, all_tables = out[1].split()
    assert left_out == "False" and complete == "True"
    assert int(activity_tables) >= 3 and int(all_tables) > int(activity_tables)
