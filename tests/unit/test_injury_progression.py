"""A flaring Achilles is loaded back on schedule (rule I-PROGRESSION and injuries.toml `progress`): the
isometric holds while it flares, the next stage's calf raises from the switch day on, and the exclusion
check judges each day by its stage."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import Any

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.plan import Plan
from stridelift.domain.templates import stages, status_on
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_prescription import MON, plan, rx, session

LIB = load_library()
RULES = load_rules()
TEMPLATES = load_templates()
POLICY = TEMPLATES.injuries["achilles"]
WEEKS = POLICY.by_status["flaring"].progress_weeks

RUNNER: dict[str, Any] = {
    "athlete": {"name": "Tendon", "experience": "intermediate", "hemisphere": "north"},
    "equipment": {"available": ["dumbbells", "bench", "band", "box", "machine"]},
    "availability": {"sessions_per_week_max": 3, "minutes_per_session": 60, "days": ["mon", "wed", "fri"]},
    "running": {
        "week": [{"day": "tue", "type": "interval", "minutes": 50}, {"day": "sat", "type": "long", "minutes": 100}]
    },
    "races": [{"date": "2027-05-02", "distance": "half", "priority": "A"}],
    "plan": {"start": "2026-11-30", "end": "2027-05-16"},
    "injuries": [{"area": "achilles", "status": "flaring"}],
}


def findings(rule_id: str, p: Plan, raw: dict[str, Any]) -> list[str]:
    rule = RULES[rule_id]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, TEMPLATES, parse_profile(raw)))]


def test_the_status_moves_on_exactly_on_the_switch_day() -> None:
    assert WEEKS is not None
    start = dt.date(2026, 11, 30)
    switch = start + dt.timedelta(weeks=WEEKS)
    assert status_on(POLICY, "flaring", start, switch - dt.timedelta(days=1)) == "flaring"
    assert status_on(POLICY, "flaring", start, switch) == "recovering"
    # the stages chain along the tendon loading progression: holds, slow raises, then heavy raises
    then = POLICY.by_status["recovering"].progress_weeks
    assert then is not None and POLICY.by_status["recovering"].progress_to == "history"
    heavy = switch + dt.timedelta(weeks=then)
    assert status_on(POLICY, "flaring", start, heavy - dt.timedelta(days=1)) == "recovering"
    assert status_on(POLICY, "flaring", start, heavy) == "history"
    assert status_on(POLICY, "flaring", start, heavy + dt.timedelta(days=400)) == "history"
    assert status_on(POLICY, "recovering", start, start + dt.timedelta(weeks=then)) == "history"
    assert [st for st, _, _ in stages(POLICY, "flaring", start)] == ["flaring", "recovering", "history"]


def test_holds_while_it_flares_and_calf_raises_after() -> None:
    raw = copy.deepcopy(RUNNER)
    raw["plan"]["start"] = MON.isoformat()
    assert WEEKS is not None
    switch = MON + dt.timedelta(weeks=WEEKS)
    hold = dataclasses.replace(rx(LIB, "isometric_calf_hold", reps=None), duration_s=45)
    raise_ = rx(LIB, "bent_knee_calf_raise", reps=15, rpe=6)
    base = [session(MON, [hold]), session(switch, [raise_])]
    assert findings("I-PROGRESSION", plan(base), raw) == []
    # the calf raise a day too early belongs to the flaring stage, which then has no raise of its own stage
    squat = rx(LIB, "goblet_squat_db", reps=8, rpe=7)
    early = [session(MON, [hold]), session(switch - dt.timedelta(days=1), [raise_]), session(switch, [squat])]
    msgs = findings("I-PROGRESSION", plan(early), raw)
    assert len(msgs) == 1 and "recovering" in msgs[0]
    # and the exclusion check judges the stretch by its day's stage: no calf stretching into the tendon
    # while it flares nor through the slow raises (its note, by the library's tags), back in the heavy stage
    then = POLICY.by_status["recovering"].progress_weeks
    assert then is not None
    heavy = switch + dt.timedelta(weeks=then)
    stretch = rx(LIB, "calf_stretch_straight_knee", reps=None)
    flaring = plan([*base, session(switch - dt.timedelta(days=1), [stretch])])
    slow = plan([*base, session(heavy - dt.timedelta(days=1), [stretch])])
    after = plan([*base, session(heavy, [stretch])])
    assert [m for m in findings("I-OTHER", flaring, raw) if "calf_stretch" in m]
    msgs = [m for m in findings("I-OTHER", slow, raw) if "calf_stretch" in m]
    assert len(msgs) == 1 and "calf stretch" in msgs[0] and "recovering" in msgs[0]
    assert not [m for m in findings("I-OTHER", after, raw) if "calf_stretch" in m]


def test_a_planned_flaring_achilles_gets_holds_then_raises() -> None:
    p = plan_athlete(parse_profile(RUNNER))
    assert WEEKS is not None
    switch = dt.date.fromisoformat(RUNNER["plan"]["start"]) + dt.timedelta(weeks=WEEKS)
    early = {x.id for s in p.sessions if s.date < switch for x in s.exercises}
    late = {x.id for s in p.sessions if s.date >= switch for x in s.exercises}
    assert "isometric_calf_hold" in early
    assert not {"calf_stretch_straight_knee", "calf_stretch_bent_knee"} & early
    assert {"bent_knee_calf_raise", "standing_calf_raise"} & late
    assert [w for w in p.warnings if w.code == "INJURY_PROGRESSED" and w.date == switch]


def test_holds_do_not_come_back_after_the_raises_began() -> None:
    """The loading moves along the progression: an isometric hold on the last flaring day is in its stage,
    on the first day of the calf raises it is a step back (and every stage keeps its own loading)."""
    raw = copy.deepcopy(RUNNER)
    raw["plan"]["start"] = MON.isoformat()
    assert WEEKS is not None
    switch = MON + dt.timedelta(weeks=WEEKS)
    hold = dataclasses.replace(rx(LIB, "isometric_calf_hold", reps=None), duration_s=45)
    raise_ = rx(LIB, "bent_knee_calf_raise", reps=15, rpe=6)
    within = [session(MON, [hold]), session(switch - dt.timedelta(days=1), [hold]), session(switch, [raise_])]
    assert findings("I-PROGRESSION", plan(within, weeks=8), raw) == []
    back = [*within, session(switch + dt.timedelta(days=2), [raise_, dataclasses.replace(hold, order=2)])]
    msgs = findings("I-PROGRESSION", plan(back, weeks=8), raw)
    assert len(msgs) == 1 and "isometric_calf_hold is back" in msgs[0] and "recovering" in msgs[0]


def test_a_planned_achilles_holds_in_seconds_then_raises_straight_and_bent() -> None:
    """The plan itself: holds (seconds, not reps) only while it flares, then straight- and bent-knee
    calf raises, and its checker finds nothing to say about the progression or the holds."""
    p = plan_athlete(parse_profile(RUNNER))
    assert WEEKS is not None
    switch = dt.date.fromisoformat(RUNNER["plan"]["start"]) + dt.timedelta(weeks=WEEKS)
    holds = [x for s in p.sessions for x in s.exercises if x.id == "isometric_calf_hold"]
    assert holds and all(x.reps is None and x.duration_s for x in holds)
    assert max(s.date for s in p.sessions if any(x.id == "isometric_calf_hold" for x in s.exercises)) < switch
    late = {x.id for s in p.sessions if s.date >= switch for x in s.exercises}
    assert {"single_leg_calf_raise", "standing_calf_raise"} & late  # a straight knee
    assert {"bent_knee_calf_raise", "seated_calf_raise", "single_leg_bent_knee_calf_raise"} & late  # a bent knee
    for rule_id in ("I-PROGRESSION", "E-HOLDS"):
        assert findings(rule_id, p, RUNNER) == []
