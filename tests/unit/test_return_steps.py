"""Lifting comes back in steps after a break (rule E-RETURN-STEPS): the checker at its limits on hand-made
plans, and the planner on the ultra runner whose heavy legs return after a 50 k race and its recovery."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from stridelift.domain.checker import hard_violations
from stridelift.domain.plan import Plan, Prescription
from stridelift.domain.returning import ReturnTracker, return_cap
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete, plan_profile
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session
from tests.unit.test_taper_eccentric import COLLEGE_5K

RET = RULES["E-RETURN-STEPS"].params
GAP = int(RET["gap_days"])
START_RPE = float(RULES.param("E-HEAVY", "rpe_start"))
SETS = int(RULES.param("E-HEAVY", "sets"))
ROOT = Path(__file__).resolve().parents[2]


def squat(sets: int, rpe: float) -> Prescription:
    return rx(LIB, "goblet_squat_db", sets=sets, reps=5, rpe=rpe)


def two_days(gap: int, second: list[Prescription], fmt: str = "straight_sets") -> Plan:
    first = session(MON, [squat(SETS, START_RPE)])
    later = session(MON + dt.timedelta(days=gap), second, fmt=fmt)  # type: ignore[arg-type]
    return plan([first, later], weeks=12)


def test_the_first_week_back_after_a_break_at_the_limit() -> None:
    drop1 = float(RET["rpe_drop"][0])
    within = [squat(SETS - int(RET["sets_drop"][0]), START_RPE - drop1)]
    assert findings("E-RETURN-STEPS", two_days(GAP, within)) == []
    too_many = [squat(SETS, START_RPE - drop1)]
    assert findings("E-RETURN-STEPS", two_days(GAP, too_many)) == [
        f"goblet_squat_db: {SETS} sets in week 1 back after {GAP} days without leg strength work (at most {SETS - 1})"
    ]
    too_hard = [squat(SETS - 1, START_RPE - drop1 + 0.5)]
    assert len(findings("E-RETURN-STEPS", two_days(GAP, too_hard))) == 1
    # one day less than the break is no break: the usual dose is fine
    assert findings("E-RETURN-STEPS", two_days(GAP - 1, [squat(SETS, START_RPE)])) == []
    # the upper-body lift of the session comes back lighter too (review: RDL at RPE 5 beside a military
    # press at RPE 8 in the same session)
    row = rx(LIB, "dumbbell_row", sets=SETS - 1, reps=6, rpe=START_RPE - drop1)
    assert findings("E-RETURN-STEPS", two_days(GAP, [*within, row])) == []
    hard_row = dataclasses.replace(row, intensity=dataclasses.replace(row.intensity, rpe=START_RPE - drop1 + 0.5))
    assert findings("E-RETURN-STEPS", two_days(GAP, [*within, hard_row])) == [
        f"dumbbell_row: RPE {START_RPE - drop1 + 0.5:g} in week 1 back after {GAP} days without leg strength work"
        f" (at most {START_RPE - drop1:g})"
    ]


def test_the_second_week_back_and_then_the_usual_dose() -> None:
    back = MON + dt.timedelta(days=GAP)
    drop2 = float(RET["rpe_drop"][1])
    first = session(MON, [squat(SETS, START_RPE)])
    day1 = session(back, [squat(SETS - 1, START_RPE - 2)])
    week2_ok = session(back + dt.timedelta(days=7), [squat(SETS, START_RPE - drop2)])
    week2_bad = session(back + dt.timedelta(days=7), [squat(SETS, START_RPE - drop2 + 0.5)])
    week3 = session(back + dt.timedelta(days=14), [squat(SETS, START_RPE + 1)])
    assert findings("E-RETURN-STEPS", plan([first, day1, week2_ok, week3], weeks=12)) == []
    msgs = findings("E-RETURN-STEPS", plan([first, day1, week2_bad, week3], weeks=12))
    assert len(msgs) == 1 and "week 2 back" in msgs[0]


def test_maintenance_days_step_back_from_their_own_dose() -> None:
    m = RULES["E-IN-SEASON"].params
    cap = return_cap(RULES, "maintenance", 0, GAP)
    assert cap is not None and cap.max_sets == int(m["sets"]) - 1 and cap.max_rpe == float(m["rpe"]) - 2
    ok = [squat(cap.max_sets, cap.max_rpe)]
    assert findings("E-RETURN-STEPS", two_days(GAP, ok, fmt="maintenance")) == []
    bad = [squat(int(m["sets"]), float(m["rpe"]))]
    assert len(findings("E-RETURN-STEPS", two_days(GAP, bad, fmt="maintenance"))) == 2


def test_the_tracker_counts_from_the_first_day_back() -> None:
    t = ReturnTracker.from_rules(RULES)
    assert t.peek(MON) is None  # the plan's first strength day: nothing known before it
    t.record(MON)
    day = MON + dt.timedelta(days=30)
    assert t.peek(day) == (0, 30)
    t.record(day)
    assert t.peek(day + dt.timedelta(days=6)) == (0, 30)
    assert t.peek(day + dt.timedelta(days=7)) == (1, 30)
    t.record(day + dt.timedelta(days=7))
    assert t.peek(day + dt.timedelta(days=7 * len(RET["rpe_drop"]))) is None


def test_the_ultra_runner_lifts_back_in_steps_after_the_50k() -> None:
    result = plan_profile(ROOT / "examples" / "ultra_doubles.toml")
    assert not [f for f in hard_violations(result.findings) if f.rule == "E-RETURN-STEPS"]
    race = dt.date(2027, 4, 24)
    after = [s for s in result.plan.sessions if s.date > race and s.format in ("straight_sets", "maintenance")]
    first = after[0]
    assert first.format == "straight_sets" and first.date > race + dt.timedelta(days=11)  # a B 50 km: 11 days
    assert "E-RETURN-STEPS" in first.why and "First week back" in first.explanation
    legs = [p for p in first.exercises if p.block == "strength" and p.region == "lower"]
    assert legs and all(p.sets <= SETS - 1 and (p.intensity.rpe or 0) <= START_RPE - 2 for p in legs)
    assert not [p for p in first.exercises if p.block == "power"]
    # three weeks on, the steps are over, and the peak's maintenance has its usual sets (E-IN-SEASON)
    later = [s for s in after if "E-RETURN-STEPS" not in s.why]
    assert later and later[0].date <= first.date + dt.timedelta(days=21)
    assert all("E-RETURN-STEPS" not in s.why for s in after if s.date >= later[0].date)
    kept = next(s for s in later if s.format == "maintenance")
    usual = int(RULES.param("E-IN-SEASON", "sets"))
    assert max(p.sets for p in kept.exercises if p.block == "strength" and p.region == "lower") == usual


def test_the_college_runner_comes_back_lighter_on_the_press_too() -> None:
    """College 5k runner, first week back after the first A 5k (Tue 19 Oct): the RDL at RPE 5 and the
    military press at 79%, RPE 8 in the same session (coach's review, issue 6)."""
    athlete = parse_profile(COLLEGE_5K)
    result = plan_athlete(athlete)
    first = next(s for s in result.sessions if s.date > dt.date(2027, 10, 9) and "E-RETURN-STEPS" in s.why)
    lifts = [p for p in first.exercises if p.block == "strength"]
    assert any(p.region == "upper" for p in lifts)
    assert all((p.intensity.rpe or 0) <= START_RPE - float(RET["rpe_drop"][0]) for p in lifts)
    assert "on every lift" in first.explanation


def test_a_plan_without_the_steps_is_caught() -> None:
    """The planner's output with the first week back put back to the usual dose fails the check."""
    result = plan_profile(ROOT / "examples" / "ultra_doubles.toml")
    sessions = list(result.plan.sessions)
    i = next(i for i, s in enumerate(sessions) if "E-RETURN-STEPS" in s.why)
    s = sessions[i]
    full = tuple(
        dataclasses.replace(p, sets=SETS) if p.block == "strength" and p.region == "lower" else p for p in s.exercises
    )
    sessions[i] = dataclasses.replace(s, exercises=full)
    broken = dataclasses.replace(result.plan, sessions=sessions)
    assert findings("E-RETURN-STEPS", broken)



def test_an_injurys_own_loading_comes_back_with_the_sets_of_a_week_back() -> None:
    """A hamstring's Nordic curls (its data's own loading) in a maintenance day's first week back are held
    to the week's sets (one) like every lift, not left at their usual two sets."""
    import tomllib

    from stridelift.catalog import load_templates
    from stridelift.domain.sessions import SessionBuilder, SessionRequest

    raw = tomllib.loads((ROOT / "examples" / "ultra_doubles.toml").read_text())
    raw["injuries"] = [{"area": "hamstring", "status": "history"}]
    athlete = parse_profile(raw)
    cap = return_cap(RULES, "maintenance", 0, 21)
    assert cap is not None and cap.max_sets < 2
    day = dt.date(2027, 6, 1)
    req = SessionRequest("maintenance", day, "pm", "peak", 26, 2, False, 5, False, comeback=cap)
    s = SessionBuilder(athlete, LIB, RULES, load_templates()).build(req)
    assert s is not None
    nordic = [p for p in s.exercises if p.id == "nordic_hamstring_curl"]
    assert nordic and all(p.sets <= cap.max_sets for p in nordic)
    assert all(p.sets <= cap.max_sets for p in s.exercises if p.block == "strength" and (p.reps or 0) <= 8)
