"""Progression from logs and symptoms: e1RM, warm-ups, plates, small steps, holds, drops after
missed weeks, and a reported knee changing the coming sessions (and saying so)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import Engine

from stridelift.domain import gym
from stridelift.services import accounts, training
from stridelift.services.gym import suggest_load
from stridelift.services.symptom_rules import injuries_from_reports, merge_injuries
from stridelift.services.training import SetOut
from tests.web.conftest import PASSWORD, example_profile

DAY = dt.date(2027, 2, 1)


def _set(
    day: dt.date, load: float, reps: int, rpe: float | None, ex: str = "back_squat", rir: int | None = None
) -> SetOut:
    return SetOut("u", "k", day, ex, 0, reps, None, load, rpe, rir, False, dt.datetime(2027, 1, 1, tzinfo=dt.UTC))


def test_gym_arithmetic() -> None:
    assert gym.e1rm(100, 5) == pytest.approx(116.67, abs=0.01)
    assert gym.e1rm(100, 5, rpe=8) > gym.e1rm(100, 5)  # reps in reserve count
    assert gym.plates_per_side(100) == [25.0, 15.0]
    ramp = gym.warmup_ramp(100)
    assert ramp[0] == (20.0, 8) and all(a[0] < b[0] for a, b in itertools.pairwise(ramp))
    assert all(load < 100 for load, _ in ramp) and gym.warmup_ramp(20) == []


def test_plates_make_the_load_when_they_can() -> None:
    for total in (20.0, 22.5, 60.0, 102.5, 142.5):
        assert gym.BAR_KG + 2 * sum(gym.plates_per_side(total)) == pytest.approx(total)


EX = {"id": "back_squat", "sets": 3, "reps": 5, "intensity": {"pct_1rm": None, "rpe": 8.0}}


def test_load_rises_in_a_small_step_when_every_rep_was_easy_enough() -> None:
    last = [_set(DAY - dt.timedelta(days=3), 60, 5, 7.5) for _ in range(3)]
    s = suggest_load(EX, last, DAY)
    assert s.load_kg == 62.5 and "up from 60" in s.why
    assert s.load_kg <= 60 * 1.10


def test_load_holds_when_reps_were_missed_or_too_hard() -> None:
    missed = [_set(DAY - dt.timedelta(days=3), 60, r, 8) for r in (5, 5, 4)]
    assert suggest_load(EX, missed, DAY).load_kg == 60
    hard = [_set(DAY - dt.timedelta(days=3), 60, 5, 9.5) for _ in range(3)]
    assert suggest_load(EX, hard, DAY).load_kg == 60


def test_reps_in_reserve_counts_like_the_rpe_it_stands_for() -> None:
    assert gym.e1rm(100, 5, rir=2) == gym.e1rm(100, 5, rpe=8) > gym.e1rm(100, 5, rir=0)
    assert gym.e1rm(100, 5, rpe=6, rir=1) == gym.e1rm(100, 5, rir=1)  # counted reps win over a feeling
    before = DAY - dt.timedelta(days=3)
    easy = [_set(before, 60, 5, None, rir=3) for _ in range(3)]  # target RPE 8 = 2 in reserve
    assert suggest_load(EX, easy, DAY).load_kg == 62.5
    hard = [_set(before, 60, 5, None, rir=r) for r in (2, 1, 0)]
    assert suggest_load(EX, hard, DAY).load_kg == 60


def test_last_time_reads_rpe_or_rir() -> None:
    before = DAY - dt.timedelta(days=3)
    assert training.describe_sets([_set(before, 40, 8, 7) for _ in range(3)]) == "3x8 @ 40 kg, RPE 7"
    assert training.describe_sets([_set(before, 40, 8, None, rir=r) for r in (3, 2, 2)]) == "3x8 @ 40 kg, RIR 2"


def test_load_drops_after_missed_weeks() -> None:
    old = [_set(DAY - dt.timedelta(days=30), 80, 5, 7) for _ in range(3)]
    s = suggest_load(EX, old, DAY)
    assert s.load_kg == 72.5 and "30 days" in s.why


def test_percent_of_1rm_uses_the_logged_estimate() -> None:
    ex = EX | {"intensity": {"pct_1rm": 0.8, "rpe": 8.0}}
    s = suggest_load(ex, [_set(DAY - dt.timedelta(days=5), 100, 5, 10)], DAY)
    assert s.load_kg == gym.round_load(0.8 * gym.e1rm(100, 5, 10)) and "estimated 1RM 117" in s.why


def test_reports_become_injuries_never_milder() -> None:
    class R:
        def __init__(self, day: dt.date, site: str, score: int) -> None:
            self.day, self.site, self.score = day, site, score

    reports = [R(DAY - dt.timedelta(days=3), "knee", 2), R(DAY - dt.timedelta(days=1), "knee", 7),
               R(DAY - dt.timedelta(days=20), "shin", 9), R(DAY, "other", 9)]  # fmt: skip
    derived = injuries_from_reports(reports, DAY)
    assert set(derived) == {"knee"} and derived["knee"][0] == "flaring"
    raw = {"injuries": [{"area": "knee", "status": "recovering"}, {"area": "shin", "status": "flaring"}]}
    merged, notes = merge_injuries(raw, derived)
    assert {i["area"]: i["status"] for i in merged["injuries"]} == {"knee": "flaring", "shin": "flaring"}
    assert notes and "knee" in notes[0]
    calm = injuries_from_reports([R(DAY, "knee", 2)], DAY)
    assert merge_injuries({"injuries": [{"area": "knee", "status": "flaring"}]}, calm)[1] == []


def test_a_flaring_knee_report_replans_the_coming_sessions(engine: Engine) -> None:
    account = accounts.sign_up(engine, "k@example.com", PASSWORD)
    profile = example_profile()
    today = dt.date.today()
    profile["plan"] = {"start": today.isoformat()}
    profile["races"] = [{"date": (today + dt.timedelta(weeks=20)).isoformat(), "distance": "marathon", "priority": "A"}]
    first = training.save_profile(engine, account, profile)
    calm = training.report_symptom_and_replan(engine, account, training.SymptomIn(today, "other", 5, "elbow"))
    assert calm.replanned == [] and training.current_plan(engine, account).plan_id == first.plan_id
    result = training.report_symptom_and_replan(engine, account, training.SymptomIn(today, "knee", 7, "sore"))
    after = training.current_plan(engine, account)
    assert result.replanned and after.plan_id != first.plan_id and after.profile_version == first.profile_version
    assert any("knee reported 7/10" in w for w in after.plan["warnings"])
    assert after.plan["sessions"] != first.plan["sessions"]
    assert training.current_profile(engine, account) == profile  # the runner's own profile is unchanged


ACCESSORY = {
    "id": "lat_pulldown", "block": "strength", "sets": 3, "reps": 8, "intensity": {"pct_1rm": None, "rpe": 8.0},
}  # fmt: skip


def test_accessory_lifts_add_reps_then_load() -> None:
    """Double progression over 8-12 reps: one more rep a set at the same load, then one step heavier
    and back to 8 once every set reached 12 at the target effort."""
    before = DAY - dt.timedelta(days=4)
    mid = [_set(before, 40, r, 7.5, ex="lat_pulldown") for r in (10, 10, 9)]
    s = suggest_load(ACCESSORY, mid, DAY)
    assert (s.load_kg, s.reps) == (40, 10) and "8-12 reps" in s.why and "aim for 10" in s.why
    top = [_set(before, 40, 12, None, ex="lat_pulldown", rir=2) for _ in range(3)]
    s = suggest_load(ACCESSORY, top, DAY)
    assert (s.load_kg, s.reps) == (42.5, 8) and "back to 8" in s.why
    grinding = [_set(before, 40, 12, 9.5, ex="lat_pulldown") for _ in range(3)]
    assert (suggest_load(ACCESSORY, grinding, DAY).load_kg, suggest_load(ACCESSORY, grinding, DAY).reps) == (40, 12)
    short = [_set(before, 40, r, 8, ex="lat_pulldown") for r in (8, 7, 6)]
    s = suggest_load(ACCESSORY, short, DAY)
    assert (s.load_kg, s.reps) == (40, 8) and "hold 40 kg" in s.why
    main = ACCESSORY | {"intensity": {"pct_1rm": 0.75, "rpe": 8.0}}  # a %1RM lift is not an accessory
    assert "double progression" not in suggest_load(main, top, DAY).why
