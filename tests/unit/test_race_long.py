"""The long run around races (R-OFFSEASON-LONG, R-LONG-BUILD `race_step`, R-RECOVERY-LONG, A-LOAD-SPIKE on
the planned runs) and the peak long run moved clear of a B race (R-PEAK-LONG-RUN, domain/peak_move.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import Finding, check_plan
from stridelift.domain.plan import Plan
from stridelift.domain.race_long import after_race_over, block_caps
from stridelift.services import plan_profile
from stridelift.services.planning import PlanResult, self_check

D = dt.date
TRAIL = """
[athlete]
name = "Kiri"
experience = "novice"
hemisphere = "south"
[equipment]
available = ["bodyweight"]
[availability]
sessions_per_week_max = 3
minutes_per_session = 20
days = ["mon", "tue", "thu", "sat"]
[running]
week = [
  { day = "mon", type = "rest" }, { day = "tue", type = "easy", minutes = 45 },
  { day = "wed", type = "hills", minutes = 60 }, { day = "thu", type = "easy", minutes = 45 },
  { day = "fri", type = "easy", minutes = 40 }, { day = "sat", type = "easy", minutes = 50 },
  { day = "sun", type = "long", minutes = 150 },
]
[[races]]
date = "2027-07-18"
distance = "half"
priority = "C"
[[races]]
date = "2027-11-14"
distance = "ultra"
priority = "A"
[plan]
start = "2027-04-05"
"""
B_HALF = """
[athlete]
name = "Rui"
experience = "intermediate"
hemisphere = "north"
[equipment]
available = ["dumbbells", "machine", "bench", "band"]
[availability]
sessions_per_week_max = 4
minutes_per_session = 40
days = ["mon", "wed", "thu", "fri", "sun"]
[running]
week = [
  { day = "mon", type = "easy", minutes = 40 }, { day = "tue", type = "interval", minutes = 60 },
  { day = "wed", type = "easy", minutes = 45 }, { day = "thu", type = "easy", minutes = 40 },
  { day = "fri", type = "tempo", minutes = 50 }, { day = "sat", type = "long", minutes = 130 },
  { day = "sun", type = "rest" },
]
[[races]]
date = "2027-03-28"
distance = "half"
priority = "B"
[[races]]
date = "2027-04-18"
distance = "marathon"
priority = "A"
[plan]
start = "2027-01-11"
"""
PARAMS = {"min_share": 0.8, "after_days": 56}


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory) -> PlanResult:
    path: Path = tmp_path_factory.mktemp("p") / "trail.toml"
    path.write_text(TRAIL)
    return plan_profile(path)


def _found(result: PlanResult, plan: Plan, rule: str) -> list[Finding]:
    found, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=result.athlete
    )
    return [f for f in found if f.rule == rule]


def _long(plan: Plan, day: D, minutes: int) -> Plan:
    runs = [dataclasses.replace(r, minutes=minutes) if r.date == day and r.type == "long" else r for r in plan.runs]
    return dataclasses.replace(plan, runs=runs)


def test_the_off_season_cap_keeps_eighty_percent_and_climbs_toward_a_race_after_the_block() -> None:
    caps = block_caps([(D(2027, 4, 16), D(2027, 7, 15))], [(D(2027, 7, 18), 143)], 150, 90, PARAMS, 0.15)
    assert caps[D(2027, 5, 2)] == 120  # 80% of 150, not the 90-minute cap
    assert caps[D(2027, 7, 11)] == 125  # a week before the 143-minute race: within 15% of it
    far = block_caps([(D(2027, 4, 16), D(2027, 7, 15))], [(D(2027, 9, 10), 143)], 150, 90, PARAMS, 0.15)
    assert far == {}  # a race 57 days after the block: the cap stays


def test_a_long_run_after_a_race_above_the_level_before_it_is_caught_one_at_it_is_not() -> None:
    params = {"days": 7, "lookback_days": 35}
    race = D(2027, 7, 18)
    before = [(race - dt.timedelta(days=7 * k), 125) for k in range(1, 5)]
    assert after_race_over([*before, (D(2027, 7, 25), 130)], [race], D(2027, 4, 5), params) == [
        (D(2027, 7, 25), race, 130, 125)
    ]
    assert after_race_over([*before, (D(2027, 7, 25), 125)], [race], D(2027, 4, 5), params) == []
    assert after_race_over([*before, (D(2027, 8, 1), 150)], [race], D(2027, 4, 5), params) == []  # the week after


def test_the_trail_runners_plan_keeps_the_long_run_for_the_c_half_and_holds_every_new_rule(trail: PlanResult) -> None:
    longs = {r.date: r.minutes for r in trail.plan.runs if r.type == "long"}
    assert longs[D(2027, 5, 2)] == 120 and longs[D(2027, 7, 11)] == 125
    assert longs[D(2027, 7, 25)] <= 125  # the week after the race
    rules = ("R-OFFSEASON-LONG", "R-LONG-BUILD", "R-RECOVERY-LONG", "R-RUNS-BY-PHASE", "A-LOAD-SPIKE")
    assert not [f for f in trail.findings if f.rule in rules and not f.explained]


def test_checker_catches_a_cap_just_under_eighty_percent(trail: PlanResult) -> None:
    assert _found(trail, _long(trail.plan, D(2027, 5, 2), 115), "R-OFFSEASON-LONG")
    assert not _found(trail, _long(trail.plan, D(2027, 5, 2), 120), "R-OFFSEASON-LONG")


def test_checker_catches_a_race_run_more_than_fifteen_percent_beyond_the_weeks_before(trail: PlanResult) -> None:
    plan = trail.plan
    for d in (D(2027, 6, 20), D(2027, 6, 27), D(2027, 7, 4), D(2027, 7, 11)):
        plan = _long(plan, d, 120)
    assert [f.date for f in _found(trail, plan, "R-LONG-BUILD")] == [D(2027, 7, 18)]  # 143 > 120 x 1.15
    assert not _found(trail, _long(plan, D(2027, 7, 11), 125), "R-LONG-BUILD")


def test_checker_catches_a_longer_long_run_in_the_week_after_the_race(trail: PlanResult) -> None:
    assert _found(trail, _long(trail.plan, D(2027, 7, 25), 130), "R-RECOVERY-LONG")
    assert not _found(trail, _long(trail.plan, D(2027, 7, 25), 125), "R-RECOVERY-LONG")


def test_checker_sees_a_long_run_spike_in_the_planned_runs(trail: PlanResult) -> None:
    # 120 minutes at most in the four weeks before 11 Jul (the race of 143 comes after it)
    plan = _long(trail.plan, D(2027, 7, 11), 157)  # more than 30% above 120: caught
    assert _found(trail, plan, "A-LOAD-SPIKE")
    assert not _found(trail, _long(trail.plan, D(2027, 7, 11), 155), "A-LOAD-SPIKE")


def test_the_peak_long_run_moves_clear_of_a_b_half_three_weeks_before_the_marathon(tmp_path: Path) -> None:
    path = tmp_path / "bhalf.toml"
    path.write_text(B_HALF)
    result = plan_profile(path, check=True)
    longs = {r.date: r for r in result.plan.runs if r.type == "long"}
    marathon = D(2027, 4, 18)
    window = [r.minutes for d, r in longs.items() if 17 <= (marathon - d).days <= 28]
    assert window == [150]  # Sunday 21 Mar, 28 days out (was 121, the B half alone)
    assert "moved from Sat to Sun" in longs[D(2027, 3, 21)].note
    assert D(2027, 3, 20) not in longs
    assert result.self_check_failed == []
    assert not [w for w in result.plan.warnings if w.code == "SELF_CHECK_FAILED"]


def test_the_self_check_names_a_broken_hard_rule_in_the_warnings(trail: PlanResult) -> None:
    plan = dataclasses.replace(trail.plan, warnings=list(trail.plan.warnings))
    broken = PlanResult(
        trail.athlete, plan, _findings=[Finding("R-PEAK-LONG-RUN", True, "x"), Finding("S1", False, "y")]
    )
    assert self_check(broken) == ["R-PEAK-LONG-RUN"]
    [w] = [w for w in plan.warnings if w.code == "SELF_CHECK_FAILED"]
    assert "R-PEAK-LONG-RUN" in w.message and w.rule is None and w.date is None  # excuses no finding
    clean = PlanResult(
        trail.athlete, dataclasses.replace(trail.plan, warnings=[]), _findings=[Finding("S1", False, "y")]
    )
    assert self_check(clean) == [] and clean.plan.warnings == []


def test_no_self_check_goes_the_fast_way_and_turns_the_check_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from stridelift import entry

    seen: list[tuple[object, ...]] = []
    monkeypatch.setattr(entry, "_plain_plan", lambda *a, self_check=True: seen.append((*a, self_check)) or 0)
    monkeypatch.setattr(entry, "few_collections", lambda: None)
    for argv, check in ((["plan", "p.toml", "--no-self-check"], False), (["plan", "p.toml"], True)):
        monkeypatch.setattr("sys.argv", ["stridelift", *argv])
        with pytest.raises(SystemExit):
            entry.main()
        assert seen.pop() == (Path("p.toml"), "json", None, check)


def test_a_c_race_far_beyond_the_long_runs_before_it_is_a_spike_too(trail: PlanResult) -> None:
    plan = trail.plan
    for d in (D(2027, 6, 20), D(2027, 6, 27), D(2027, 7, 4), D(2027, 7, 11)):
        plan = _long(plan, d, 110)  # the 143-minute C half: 30% above 110 is 143, not more
    assert not _found(trail, plan, "A-LOAD-SPIKE")
    plan = _long(plan, D(2027, 6, 20), 105)
    plan = _long(_long(_long(plan, D(2027, 6, 27), 105), D(2027, 7, 4), 105), D(2027, 7, 11), 105)
    assert [f.date for f in _found(trail, plan, "A-LOAD-SPIKE")] == [D(2027, 7, 12)]  # 143 > 1.3 x 105
