"""A strength phase whose days cannot take heavy legs still lifts heavy with the upper body (rule
S2-UPPER-INSTEAD), and says what to change (S2-HEAVY-HONEST): the checker at its limits on hand-made
plans, and the planner on the runner whose only strength day is the eve of the long run."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from stridelift.catalog import load_templates
from stridelift.domain.checker import CHECKS, Ctx, hard_violations
from stridelift.domain.plan import Plan, Prescription, Warning
from stridelift.profile import parse_profile
from stridelift.services import plan_profile
from tests.unit.test_checks_prescription import LIB, MON, RULES, plan, rx, session

ROOT = Path(__file__).resolve().parents[2]
EVE = ROOT / "tests" / "stress_profiles" / "only_eve_of_long_run.toml"
UP = RULES["S2-UPPER-INSTEAD"].params
RAW = tomllib.loads(EVE.read_text())
ATHLETE = parse_profile(RAW)


def found(p: Plan, athlete: object = ATHLETE) -> list[str]:
    rule = RULES["S2-UPPER-INSTEAD"]
    ctx = Ctx(p, RULES, LIB, load_templates(), athlete)  # type: ignore[arg-type]
    return [m for m, _ in CHECKS[rule.check](rule, ctx)]


def core_day() -> list[Prescription]:
    return [rx(LIB, "dead_bug", "core", sets=2, reps=10)]


def with_upper(reps: int, rpe: float) -> Plan:
    press = rx(LIB, "db_shoulder_press", sets=4, reps=reps, rpe=rpe)
    return plan([session(MON, [*core_day(), press])], weeks=3)


def test_a_strength_phase_without_heavy_legs_needs_heavy_upper_body_work() -> None:
    most, least = int(UP["max_reps"]), float(UP["min_rpe"])
    assert found(with_upper(most, least)) == []
    assert len(found(with_upper(most + 1, least))) == 1  # 9 reps: not heavy
    assert len(found(with_upper(most, least - 0.5))) == 1  # RPE 6.5: not heavy
    only_core = plan([session(MON, core_day(), fmt="core_balance")], weeks=3)
    assert found(only_core) == [
        "offseason_strength phase from 2027-01-04 without leg strength work holds no heavy upper-body work either"
    ]
    # heavy legs deliver the phase's promise: nothing more is asked
    squat = rx(LIB, "barbell_back_squat", sets=4, reps=5, pct=0.81, rpe=8)
    assert found(plan([session(MON, [squat])], weeks=3)) == []
    # a phase shorter than two weeks is not judged
    assert found(plan([session(MON, core_day(), fmt="core_balance")], weeks=1)) == []


def test_when_heavy_upper_body_work_is_not_asked_for() -> None:
    only_core = plan([session(MON, core_day(), fmt="core_balance")], weeks=3)
    short = dataclasses.replace(ATHLETE, minutes_per_session=int(UP["upper_min_minutes"]) - 1)
    assert found(only_core, short) == []
    assert found(only_core, dataclasses.replace(short, minutes_per_session=int(UP["upper_min_minutes"])))
    assert found(only_core, dataclasses.replace(ATHLETE, equipment=frozenset({"band"}))) == []
    assert found(only_core, None) == []  # the equipment and minutes are in the profile
    late = dataclasses.replace(
        only_core, experience="novice", warnings=[Warning("NOVICE_LATE_START", "...", None, "E-NOVICE-LATE")]
    )
    assert found(late) == []


def test_the_eve_of_the_long_run_runner_lifts_heavy_upper_body_and_is_told_what_to_change() -> None:
    result = plan_profile(EVE)
    assert hard_violations(result.findings) == []
    plan_ = result.plan
    # the off-season block's long run is its capped easy one (no key run, E-KEY-RUN-EVE): its Fridays lift
    # legs; the build's long run is a key run, so the build is where the upper-body days stand in
    block = next(p for p in plan_.phases if p.name == "build")
    inside = [s for s in plan_.sessions if block.contains(s.date)]
    upper = [s for s in inside if s.title.startswith("Upper-body strength")]
    assert len(upper) >= len(inside) // 2
    dose = RULES["E-EVE-LIGHT"].params["eve_dose"]
    for s in upper:
        legs = [p for p in s.exercises if p.block == "strength" and p.region != "upper"]
        if "short leg dose" in s.title:  # a week of key-run eves keeps E-EVE-LIGHT's reduced leg dose
            assert 0 < len(legs) <= dose["max_lifts"]
            assert all((p.reps or 99) <= dose["max_reps"] and (p.intensity.rpe or 10) <= dose["max_rpe"] for p in legs)
            assert "leaves them fresh" in s.explanation
        else:
            assert not s.heavy_lower and not legs
            assert "nothing that tires the legs" in s.explanation
    assert "heavy upper-body strength" in block.focus
    [w] = [w for w in plan_.warnings if w.code == "PHASE_WITHOUT_HEAVY" and w.message.startswith("The build")]
    assert "move the long run from Saturday to Sunday so Friday can take heavy leg work" in w.message
    assert "free one more day" in w.message


def test_a_pull_up_bar_gives_the_upper_body_day_its_pull() -> None:
    """Kettlebell, band and pull-up bar, one 43-minute day on the eve of the tempo run (property test):
    vertical pulls are their own pattern since E-CIRCUIT-SPREAD, and the upper-body day must still take
    them as its pull instead of falling back to core and balance under an 'upper-body' warning."""
    from stridelift.catalog import load_library, load_rules, load_templates
    from stridelift.domain.checker import check_plan, hard_violations
    from stridelift.profile import parse_profile
    from stridelift.services.planning import plan_athlete

    week = ["easy", "easy", "easy", "tempo", "rest", "easy", "long"]
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    raw = {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "north"},
        "equipment": {"available": ["kettlebell", "band", "pullup_bar"]},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 43, "days": ["wed"]},
        "running": {"week": [{"day": d, "type": t, "minutes": 40} for d, t in zip(days, week, strict=True)]},
        "races": [{"date": "2026-03-01", "distance": "half", "priority": "A"}],  # the tempo stays a key run
        "injuries": [],
        "plan": {"start": "2026-01-13", "end": "2026-03-01"},
    }
    athlete = parse_profile(raw)
    plan = plan_athlete(athlete)
    upper = [s for s in plan.sessions if s.title.startswith("Upper-body strength")]
    assert upper and all(any(p.block == "strength" and p.region == "upper" for p in s.exercises) for s in upper)
    assert "_" not in upper[0].title
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert hard_violations(findings) == []
