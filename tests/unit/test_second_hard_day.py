"""Back-to-back quality days (rule E-SECOND-HARD-DAY, coach review of issue 6): heavy legs and jumps do not
go on the second of two quality days; the week solver puts them elsewhere when it can."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from stridelift.catalog import load_rules
from stridelift.domain.plan import Plan, Prescription, RunEntry
from stridelift.domain.scheduling import DayInfo, RunSlot, WeekProblem
from stridelift.domain.vocab import QUALITY_RUNS
from stridelift.services import plan_profile
from stridelift.solvers import ExactWeekSolver
from tests.unit.test_checks_prescription import LIB, MON, findings, plan, rx, session

ROOT = Path(__file__).parents[2]
DAY = dt.timedelta(days=1)
QUALITY = frozenset(QUALITY_RUNS - {"race"})
TUE, WED, THU = MON + DAY, MON + 2 * DAY, MON + 3 * DAY


def squat() -> Prescription:
    return rx(LIB, "front_squat", sets=3, reps=5, rpe=8.0, warmup_sets=2)


def week_plan(heavy_on: dt.date, runs: list[tuple[dt.date, str]]) -> Plan:
    p = plan([session(heavy_on, [squat()])])
    p.runs = [RunEntry(d, t, 50, "am") for d, t in runs]
    return p


def test_heavy_legs_on_the_second_of_two_quality_days_is_reported() -> None:
    back_to_back = [(TUE, "interval"), (WED, "tempo"), (THU, "easy")]
    assert findings("E-SECOND-HARD-DAY", week_plan(WED, back_to_back)) == [
        "leg-fatiguing straight_sets on the second of two quality days (interval, then tempo)"
    ]
    # just within: a quality day after an easy day, or an easy day after two quality days
    assert findings("E-SECOND-HARD-DAY", week_plan(THU, [(WED, "easy"), (THU, "tempo")])) == []
    assert findings("E-SECOND-HARD-DAY", week_plan(THU, back_to_back)) == []
    # core and balance on that day is not leg-fatiguing
    light = plan([session(WED, [], "core_balance")])
    light.runs = [RunEntry(d, t, 50, "am") for d, t in back_to_back]
    assert findings("E-SECOND-HARD-DAY", light) == []


def test_the_week_solver_moves_heavy_legs_off_the_second_quality_day() -> None:
    everything = frozenset({"heavy", "core_balance"})
    tue = DayInfo(1, everything, (RunSlot("interval", "am", 50),), True, "", legs_ok=False)
    wed = DayInfo(2, everything, (RunSlot("tempo", "am", 50),), True, "")
    thu = DayInfo(3, everything, (RunSlot("easy", "am", 40),), True, "")
    penalty = int(load_rules()["E-SECOND-HARD-DAY"].params["penalty"])

    def heavy_day(second: bool) -> int:
        days = (tue, dataclasses.replace(wed, second_hard=second), thu)
        problem = WeekProblem(days, ("heavy",), 1, 1, 48, second_hard_penalty=penalty)
        placed = ExactWeekSolver(quality_types=QUALITY).solve(problem).placements
        return next(p.offset for p in placed if p.kind == "heavy")

    assert heavy_day(second=False) == 2  # a quality day's evening is the usual heavy day
    assert heavy_day(second=True) == 3  # but not the second of two quality days


def test_the_novice_with_intervals_then_tempo_lifts_off_the_tempo_day() -> None:
    result = plan_profile(ROOT / "tests/stress_profiles/novice_machines_plantar_south.toml")
    found = [f for f in result.findings if f.rule == "E-SECOND-HARD-DAY"]
    assert len(found) <= 2  # was 8 (2027-06-23 ... 2027-09-01): only weeks with no other strength day keep it
