"""Issue 7.1: a FIT file's clock cannot cost gigabytes (each case read under a memory limit)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from stridelift.importers.fit import read_activity
from stridelift.importers.fit.activity import FIT_EPOCH
from tests.hostile.fitfiles import fit_with_clock
from tests.hostile.limits import run_limited
from tests.unit.test_fit_decoder import START_FIT

TEN = [START_FIT + i for i in range(10)]
YEAR = 365 * 86_400

CASES = {
    "one record 20,000,000 s later": (fit_with_clock([*TEN, START_FIT + 20_000_000]), 10),
    "a session start a year early": (fit_with_clock(TEN, session_start=START_FIT - YEAR), 10),
    "a record timestamped 1": (fit_with_clock([1, *TEN]), 10),
    "the largest FIT timestamp": (fit_with_clock([*TEN, 0xFFFFFFFE]), 10),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_far_timestamps_are_dropped_with_a_warning(tmp_path: Path, case: str) -> None:
    data, kept = CASES[case]
    path = tmp_path / "run.fit"
    path.write_bytes(data)
    out = run_limited({"read": str(path)})
    assert "error" not in out, out
    assert out["start"] == (FIT_EPOCH + timedelta(seconds=START_FIT)).isoformat()
    assert out["samples"] == kept and out["time_s_last"] == kept - 1
    assert out["warnings"] and ("records" in out["warnings"][0] or "session start" in out["warnings"][0])


def test_a_pause_is_a_gap_not_an_array_of_nothing() -> None:
    # two bursts of 10 records six hours apart: both belong to the activity, nothing in between
    times = [*TEN, *(t + 6 * 3600 for t in TEN)]
    act = read_activity(fit_with_clock(times))
    assert act.warnings == ()
    assert len(act.time_s) <= 2 * (10 + 10)
    assert act.time_s[0] == 0.0 and act.time_s[-1] == 6 * 3600 + 9
    assert act.heart_rate[-1] == pytest.approx(130 + 19)
    assert list(act.time_s) == sorted(set(act.time_s))


def test_sparse_records_cost_what_they_hold() -> None:
    # 2,000 records an hour apart (within the outlier gap, so all kept): 83 days of clock
    times = [START_FIT + 3600 * i for i in range(2000)]
    act = read_activity(fit_with_clock(times))
    assert act.warnings == ()
    assert len(act.time_s) <= 2000 * 21  # each record brings at most the 21 seconds around it
    assert act.duration_s == pytest.approx(3600 * 1999)


def test_a_normal_run_is_unchanged() -> None:
    act = read_activity(fit_with_clock(TEN, session_start=START_FIT - 30))
    assert act.warnings == ()
    # a session start 30 s before the first record: the seconds with no record near are left out
    assert act.time_s[0] == 20.0 and act.time_s[-1] == 39.0 and len(act.time_s) == 20


def test_the_import_report_names_what_was_dropped(tmp_path: Path) -> None:
    from stridelift.importing import import_paths
    from stridelift.store import ActivityRepository, open_database

    (tmp_path / "clock.fit").write_bytes(CASES["a record timestamped 1"][0])
    repo = ActivityRepository(open_database(f"sqlite:///{tmp_path / 'a.db'}"))
    report = import_paths([tmp_path / "clock.fit"], repo=repo, workers=1)
    assert report.imported == 1 and not report.skipped
    [(name, note)] = report.notes
    assert name.endswith("clock.fit") and "dropped 1 of 11" in note


@pytest.mark.parametrize("fmt", ["gpx", "tcx"])
def test_gpx_and_tcx_drop_a_far_point_too(fmt: str) -> None:
    from stridelift.importers.dispatch import read_activity_file
    from tests.unit.test_importers_text import gpx, tcx

    text = gpx(n=60) if fmt == "gpx" else tcx(n=60)
    # the 31st point's clock says 2031: without the rule it cuts off the 29 points after it
    tag = "<time>" if fmt == "gpx" else "<Time>"
    text = text.replace(f"{tag}2024-05-01T06:30:30", f"{tag}2031-05-01T06:30:30", 1)
    act = read_activity_file(f"run.{fmt}", text.encode())
    assert act.duration_s == pytest.approx(59) and len(act.time_s) == 60
    assert len(act.warnings) == 1 and "dropped 1 of 60 points" in act.warnings[0]
