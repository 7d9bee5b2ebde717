"""Importing the shared corpus (../shared/data) as a user would: one activity once, damaged files
kept with a warning, files that are not activities skipped saying what they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from stridelift.importing import import_paths
from stridelift.store import ActivityRepository, open_database
from tests.conftest import shared_path

pytestmark = pytest.mark.shared_data

PAIR = ("from_garmin_forums_triathlon_summary_first.fit", "from_garmin_forums_triathlon_summary_last.fit")


def test_the_corpus_duplicate_pair_is_stored_once(tmp_path: Path) -> None:
    folder = shared_path("data", "fit", "muktihari-fit")
    repo = ActivityRepository(open_database(f"sqlite:///{tmp_path / 'db.sqlite'}"))
    report = import_paths([folder / name for name in PAIR], repo=repo, workers=1)
    assert (report.imported, report.duplicates) == (1, 1)
    [(dropped, note)] = report.merged
    assert Path(dropped).name in PAIR and "same running activity" in note and "67 min" in note
    [run] = repo.list()
    assert run.sport == "running" and run.duration_s == pytest.approx(4042.745, abs=0.01)
    again = import_paths([folder / name for name in PAIR], repo=repo, workers=1)
    assert (again.imported, again.duplicates, again.merged) == (0, 2, [])


def test_whole_fit_corpus(tmp_path: Path) -> None:
    folder = shared_path("data", "fit")
    repo = ActivityRepository(open_database(f"sqlite:///{tmp_path / 'db.sqlite'}"))
    report = import_paths([folder], repo=repo, workers=2)
    skipped = dict(report.skipped)
    kinds = {Path(name).name: reason for name, reason in skipped.items()}
    for name in ("Settings.fit", "WeightScaleSingleUser.fit", "WorkoutRepeatSteps.fit", "MonitoringFile.fit"):
        assert kinds[name].startswith("not an activity: a FIT "), (name, kinds[name])
    warned = {Path(name).name for name, _ in report.notes}
    # damaged activities give what they hold (garmin-fit-sdk and fitdecode recover these too)
    assert {"nick.fit", "strava-android-app-201.10-b1218918.fit", "fitdecode_activity-filecrc.fit"} <= warned
    assert not any("internal" in r for r in kinds.values())
    assert all(a.start.year >= 1990 for a in repo.summaries())
    # the same run in two files (and the same activities shared between projects) are stored once
    starts = [(a.sport, a.start) for a in repo.summaries()]
    assert len(starts) == len(set(starts))
    assert report.merged
