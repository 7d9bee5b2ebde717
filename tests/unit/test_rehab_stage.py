"""An Achilles in its slow-raise stage gets no heavy calf raise (rule I-STAGE-HEAVY, injuries.toml
`no_heavy_loads`), and an injury's own loading is the last thing a short session cuts (rule I-REHAB-LAST):
broken plans just past each limit, clean ones just within, and the planner's own plans."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import Any

from stridelift.domain.plan import Prescription
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_prescription import MON, plan, rx, session
from tests.unit.test_injury_progression import LIB, RULES, RUNNER, WEEKS, findings

STAGE = RULES["I-STAGE-HEAVY"].params
LAST = RULES["I-REHAB-LAST"].params


def _runner(minutes: int = 60, status: str = "flaring") -> dict[str, Any]:
    raw = copy.deepcopy(RUNNER)
    raw["plan"]["start"] = MON.isoformat()
    raw["availability"]["minutes_per_session"] = minutes
    raw["injuries"] = [{"area": "achilles", "status": status}]
    return raw


def _hold(sets: int, seconds: int) -> Prescription:
    return dataclasses.replace(rx(LIB, "isometric_calf_hold", sets=sets, reps=None, rest_s=60), duration_s=seconds)


# ----- I-STAGE-HEAVY -------------------------------------------------------------------------------
def test_a_calf_raise_just_below_the_slow_raise_dose_is_heavy_in_the_raise_stage() -> None:
    assert WEEKS is not None
    raises = MON + dt.timedelta(weeks=WEEKS)  # the slow-raise stage begins
    reps, rpe = int(STAGE["min_reps"]), float(STAGE["max_rpe"])
    slow = rx(LIB, "seated_calf_raise", sets=2, reps=reps, rpe=rpe)
    assert findings("I-STAGE-HEAVY", plan([session(raises, [slow])], weeks=12), _runner()) == []
    for broken in (
        dataclasses.replace(slow, reps=reps - 1),
        rx(LIB, "seated_calf_raise", sets=2, reps=reps, rpe=rpe + 0.5),
        rx(LIB, "standing_calf_raise", sets=2, reps=reps, pct=60),
    ):
        msgs = findings("I-STAGE-HEAVY", plan([session(raises, [broken])], weeks=12), _runner())
        assert len(msgs) == 1 and "recovering" in msgs[0] and broken.id in msgs[0]
    # the same heavy raise the day before (holds: calf work excluded by I-OTHER, not this rule) and in the
    # heavy slow-raise stage is no business of this rule
    heavy = rx(LIB, "seated_calf_raise", sets=3, reps=8, rpe=7)
    assert findings("I-STAGE-HEAVY", plan([session(raises - dt.timedelta(days=1), [heavy])], weeks=12), _runner()) == []
    assert findings("I-STAGE-HEAVY", plan([session(raises, [heavy])], weeks=12), _runner(status="history")) == []
    # a circuit's calf raises are no heavy lifting
    circuit = rx(LIB, "single_leg_calf_raise", "circuit", sets=3, reps=10, rpe=7)
    assert findings("I-STAGE-HEAVY", plan([session(raises, [circuit], fmt="circuit")], weeks=12), _runner()) == []


def test_the_planned_raise_stage_has_slow_raises_and_no_heavy_calf_station() -> None:
    raw = _runner()
    p = plan_athlete(parse_profile(raw))
    assert WEEKS is not None
    begin = MON + dt.timedelta(weeks=WEEKS)
    end = begin + dt.timedelta(weeks=6)
    stage = [s for s in p.sessions if begin <= s.date < end]
    calf = [
        (s.date, x) for s in stage for x in s.exercises if x.block == "strength" and "achilles" in LIB.get(x.id).loads
    ]
    assert calf and all(x.reps is not None and x.reps >= STAGE["min_reps"] for _, x in calf)
    assert [s for s in stage if s.format == "straight_sets"]  # heavy days are there, with slow raises only
    assert findings("I-STAGE-HEAVY", p, raw) == []
    # once the heavy slow-raise stage begins, the heavy day's calf station loads the calf again
    after = [x for s in p.sessions if s.date >= end for x in s.exercises if x.block == "strength"]
    assert any("achilles" in LIB.get(x.id).loads and x.reps is not None and x.reps < STAGE["min_reps"] for x in after)


# ----- I-REHAB-LAST --------------------------------------------------------------------------------
def test_a_shortened_hold_next_to_anything_that_could_still_give() -> None:
    rest, hold = int(LAST["compact_rest_s"]), int(LAST["compact_hold_s"])
    short = _hold(1, hold)
    lift = rx(LIB, "goblet_squat_db", sets=2, reps=8, rpe=7)
    core = dataclasses.replace(rx(LIB, "side_plank", "core", sets=1, reps=None, rest_s=rest), duration_s=hold)
    within = [lift, core, short]
    assert findings("I-REHAB-LAST", plan([session(MON, within)]), _runner()) == []
    for broken in (
        [lift, rx(LIB, "dumbbell_row", sets=2, reps=8, rpe=7), core, short],  # a second heavy lift
        [lift, dataclasses.replace(core, rest_s=rest + 1), short],
        [lift, dataclasses.replace(core, duration_s=hold + 1), short],
        [lift, dataclasses.replace(core, sets=2), short],
    ):
        msgs = findings("I-REHAB-LAST", plan([session(MON, broken)]), _runner())
        assert len(msgs) == 1 and "isometric_calf_hold" in msgs[0]
    # the full hold beside all of it is fine, and so is a heavy station's own sets of the stage's raise
    full = _hold(int(RULES["E-HOLDS"].params["hold_sets"]), int(LIB.get("isometric_calf_hold").default_duration_s or 0))
    roomy = [lift, rx(LIB, "dumbbell_row", sets=2, reps=8, rpe=7), dataclasses.replace(core, sets=2), full]
    assert findings("I-REHAB-LAST", plan([session(MON, roomy)]), _runner()) == []
    taper = [lift, rx(LIB, "seated_calf_raise", sets=1, reps=8, rpe=7), dataclasses.replace(core, sets=2)]
    assert findings("I-REHAB-LAST", plan([session(MON, taper)]), _runner(status="history")) == []
    # a novice's heavy calf station of the same raise (12 reps) at one set in a light week is no cut either
    light = rx(LIB, "seated_calf_raise", sets=1, reps=12, rest_s=90, rpe=6)
    assert findings("I-REHAB-LAST", plan([session(MON, [lift, light, *taper[1:]])]), _runner(status="history")) == []
    cut = dataclasses.replace(light, rest_s=rest)
    assert findings("I-REHAB-LAST", plan([session(MON, [lift, cut, *taper[1:]])]), _runner(status="history")) != []


def test_a_short_session_keeps_the_full_holds_and_drops_a_lift_first() -> None:
    raw = _runner(minutes=40)
    p = plan_athlete(parse_profile(raw))
    full = int(RULES["E-HOLDS"].params["hold_sets"])
    # the plan's first lifts are an introduction of at most `max_sets` sets throughout (E-FIRST-LIFT), the holds too
    intro = int(RULES["E-FIRST-LIFT"].params["max_sets"])
    holds = [
        (x, "E-FIRST-LIFT" in s.why) for s in p.sessions for x in s.exercises if x.id == "isometric_calf_hold"
    ]
    assert holds and all(
        x.sets == (min(full, intro) if first else full)
        and x.duration_s == LIB.get("isometric_calf_hold").default_duration_s
        for x, first in holds
    )
    assert any(not first for _, first in holds)
    heavy = [
        s for s in p.sessions if s.format == "straight_sets" and any(x.id == "isometric_calf_hold" for x in s.exercises)
    ]
    assert heavy and all(s.minutes <= 40 for s in heavy)
    for rule_id in ("I-REHAB-LAST", "I-STAGE-HEAVY", "I-PROGRESSION", "E-HOLDS"):
        assert findings(rule_id, p, raw) == [], rule_id
