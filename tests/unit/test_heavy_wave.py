"""The heavy block progresses (rule E-HEAVY-WAVE) and its low-rep sets follow experience (E-HEAVY-FLOOR):
the coach's reading found the advanced lifter of two_a_5wk_doubles_sat at half squat 4x5 @81% RPE 8 on
every squat day for seven weeks, the same dose as an intermediate's. The rows of weeks at their limit,
the rep steps by experience, and the planner on that profile."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan, hard_violations
from stridelift.domain.checks_wave import Dose, same_dose_runs
from stridelift.domain.progression import offseason_reps, wave_reps
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete

RULES = load_rules()
WAVE = RULES["E-HEAVY-WAVE"].params
MOST = int(WAVE["max_same_weeks"])
HOLD = int(WAVE["hold_weeks"])
MON = dt.date(2027, 1, 4)
HEAVY: Dose = (4, 5, 0.81, 8.0)
DELOAD: Dose = (3, 5, 0.77, 6.5)
HEAVIER: Dose = (4, 4, 0.84, 8.0)

# an advanced lifter-runner, doubles and a Saturday long run, A half then A marathon five weeks later
LIFTER: dict[str, Any] = {
    "athlete": {"name": "Lift", "experience": "advanced", "hemisphere": "north"},
    "equipment": {"available": ["dumbbells", "barbell", "bench", "pullup_bar", "box", "band", "kettlebell"]},
    "availability": {
        "sessions_per_week_max": 3,
        "minutes_per_session": 60,
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    },
    "running": {
        "week": [
            {"day": "mon", "type": "easy", "minutes": 45},
            {"day": "tue", "type": "interval", "minutes": 60},
            {"day": "tue", "type": "easy", "minutes": 25, "slot": "pm"},
            {"day": "wed", "type": "easy", "minutes": 50},
            {"day": "thu", "type": "tempo", "minutes": 55},
            {"day": "fri", "type": "rest"},
            {"day": "sat", "type": "long", "minutes": 150},
            {"day": "sun", "type": "easy", "minutes": 45},
        ]
    },
    "races": [
        {"date": "2027-03-21", "distance": "half", "priority": "A"},
        {"date": "2027-04-25", "distance": "marathon", "priority": "A"},
    ],
    "plan": {"start": "2026-09-28"},
}


def weeks(*doses: Dose | None) -> list[tuple[dt.date, Dose]]:
    """Consecutive weeks from MON; None is a week without a heavy session."""
    return [(MON + dt.timedelta(weeks=i), d) for i, d in enumerate(doses) if d is not None]


def longest(*doses: Dose | None) -> int:
    return max(n for _, _, n in same_dose_runs(weeks(*doses)))


def test_a_row_at_its_limit_and_one_week_past() -> None:
    assert longest(*[HEAVY] * MOST) == MOST
    assert longest(*[HEAVY] * (MOST + 1)) == MOST + 1


def test_one_deload_week_does_not_break_the_row_but_a_new_dose_or_two_light_weeks_do() -> None:
    assert longest(HEAVY, HEAVY, DELOAD, HEAVY, HEAVY) == 4
    assert longest(HEAVY, HEAVY, DELOAD, DELOAD, HEAVY, HEAVY) == 2
    assert longest(HEAVY, HEAVY, HEAVIER, HEAVY, HEAVY) == 2
    assert longest(HEAVY, HEAVY, None, None, HEAVY, HEAVY) == 2  # two weeks without lifting: a new row
    assert longest(HEAVY, HEAVY, None, HEAVY) == 3
    # fewer reps at a higher load is not a lighter week
    assert longest(HEAVY, (4, 3, 0.86, 8.0), HEAVY, HEAVY) == 2


def test_reps_step_down_to_each_experience_and_then_wave() -> None:
    floors = WAVE["min_reps"]
    off = RULES["E-OFFSEASON-REPS"].params
    by = {who: [offseason_reps(off, w, int(floors[who]), HOLD) for w in range(18)] for who in floors}
    assert min(by["novice"]) == 6 and by["novice"][:3] == [8, 8, 8]
    assert min(by["intermediate"]) == 4 and 3 not in by["intermediate"]
    assert min(by["advanced"]) == 3
    for seq in by.values():  # never the same reps for more than the hold once past the first steps
        assert max(len(list(g)) for g in _runs(seq[3:])) <= HOLD
        assert seq[:3] == [8, 8, 8]
    build = WAVE["build_reps_from_week"]
    assert [wave_reps(build, w, 3, HOLD) for w in range(6)] == [5, 5, 4, 4, 3, 3]
    assert [wave_reps(build, w, 6, HOLD) for w in range(4)] == [6, 6, 6, 7]


def _runs(seq: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for x in seq:
        if out and out[-1][-1] == x:
            out[-1].append(x)
        else:
            out.append([x])
    return out


def test_the_advanced_lifter_gets_heavier_and_the_checker_holds_the_floors() -> None:
    athlete = parse_profile(LIFTER)
    plan = plan_athlete(athlete)
    lib, tpl = load_library(), load_templates()
    found, _ = check_plan(plan, rules=RULES, library=lib, templates=tpl, athlete=athlete)
    assert hard_violations(found) == [], [str(f) for f in hard_violations(found)]
    block = [s for s in plan.sessions if s.phase == "offseason_strength" and s.format == "straight_sets"]
    mains = [min((p for p in s.exercises if p.block == "strength"), key=lambda p: p.order) for s in block]
    reps = [p.reps for p in mains if p.intensity.pct_1rm is not None]
    assert reps[0] == 8 and min(r for r in reps if r is not None) == 3
    top = max(p.intensity.pct_1rm or 0 for p in mains)
    assert 0.85 <= top <= 0.88  # 3 reps at RPE 8 by the chart, never past the runner's RPE cap
    assert all((p.intensity.rpe or 0) <= 8.0 for p in mains)
    # the same plan is past the floor for an intermediate (4) and a novice (6)
    for who in ("intermediate", "novice"):
        other = dataclasses.replace(plan, experience=who)
        found, _ = check_plan(other, rules=RULES, library=lib, templates=tpl, athlete=None)
        assert "E-HEAVY-FLOOR" in {f.rule for f in hard_violations(found)}


def test_a_deload_right_after_a_new_dose_waits_for_it() -> None:
    # the first week of a dose, a lighter week, the dose again: one row of two (mutation survivor)
    assert longest(HEAVY, DELOAD, HEAVY) == 2


def test_the_heavy_week_reads_main_lifts_up_to_max_reps_in_the_rules_formats() -> None:
    from tests.unit.test_checks_prescription import LIB, findings, plan, rx, session

    most_reps = int(WAVE["max_reps"])

    def row(reps: int, fmt: str = "straight_sets") -> list[str]:
        lift = rx(LIB, "barbell_back_squat", sets=3, reps=reps, pct=0.7, rpe=7.0, warmup_sets=2)
        sessions = [session(MON + dt.timedelta(weeks=i), [lift], fmt) for i in range(MOST + 1)]  # type: ignore[arg-type]
        return findings("E-HEAVY-WAVE", plan(sessions, weeks=MOST + 1))

    assert len(row(most_reps)) == 1  # sets of max_reps are heavy sets: a row one week too long
    assert row(most_reps + 1) == []  # one rep more is not the heavy work this rule reads
    assert row(most_reps, "maintenance") == []  # a format the rule does not read
