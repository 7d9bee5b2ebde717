"""An injury's effort cap holds only the movements it names (rule E-CAP-SCOPE): with a flaring knee the
circuits hold no knee-dominant station, so they climb past the knee's cap like anyone's; held at the
cap all phase they are reported, one step above it they are not. The knee is held flaring all plan here
(its data's stages taken out), so every circuit is one of a flaring knee."""

from __future__ import annotations

import dataclasses
import tomllib

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.athlete import Athlete
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.plan import Intensity, Plan, Session
from stridelift.domain.planner import make_plan
from stridelift.profile import parse_profile
from stridelift.services.planning import week_solver
from tests.conftest import ROOT

RULES = load_rules()
LIB = load_library()
_DATA = load_templates()
_KNEE = _DATA.injuries["knee"]
# the knee held flaring to the plan's end (no `progress`), as a flare the data did not stage would be
TEMPLATES = dataclasses.replace(
    _DATA,
    injuries={
        **_DATA.injuries,
        "knee": dataclasses.replace(
            _KNEE,
            by_status={
                **_KNEE.by_status,
                "flaring": dataclasses.replace(_KNEE.by_status["flaring"], progress_weeks=None, progress_to=None),
            },
            held="The plan assumes the knee flares to its end.",
        ),
    },
)


def plan_athlete(athlete: Athlete) -> Plan:
    return make_plan(athlete, library=LIB, rules=RULES, templates=TEMPLATES, solver=week_solver())


def knee() -> Athlete:
    with (ROOT / "examples" / "frequent_racer_knee.toml").open("rb") as fh:
        return parse_profile(tomllib.load(fh))


def findings(plan: Plan, athlete: Athlete) -> list[str]:
    rule = RULES["E-CAP-SCOPE"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(plan, RULES, LIB, TEMPLATES, athlete))]


def at_rpe(plan: Plan, rpe: float, above: frozenset[object] = frozenset()) -> Plan:
    """The plan with every circuit's stations at `rpe`, a half step more on the days in `above` (lighter
    weeks left alone)."""

    def dose(s: Session) -> Session:
        if s.format != "circuit" or "E-DELOAD" in s.why:
            return s
        now = Intensity(rpe=rpe + 0.5 if s.date in above else rpe)
        ex = tuple(dataclasses.replace(p, intensity=now) if p.block == "circuit" else p for p in s.exercises)
        return dataclasses.replace(s, exercises=ex)

    return dataclasses.replace(plan, sessions=[dose(s) for s in plan.sessions])


def test_a_knee_runners_circuits_climb_past_the_knee_cap() -> None:
    athlete = knee()
    plan = plan_athlete(athlete)
    cap = TEMPLATES.injuries["knee"].by_status["flaring"].rpe_cap
    assert cap is not None
    circuits = [s for s in plan.sessions if s.format == "circuit" and "E-DELOAD" not in s.why]
    assert max(p.intensity.rpe or 0 for s in circuits for p in s.exercises if p.block == "circuit") > cap
    assert not [w for w in plan.warnings if w.code == "CIRCUIT_EFFORT_HELD"]
    assert findings(plan, athlete) == []
    held = at_rpe(plan, cap)
    msgs = findings(held, athlete)
    assert msgs and all("never rise above RPE 6" in m for m in msgs)
    # the last circuit of each phase a half step above the cap: the phase progresses
    lasts = frozenset(
        max(s.date for s in circuits if ph.contains(s.date))
        for ph in plan.phases
        if any(ph.contains(s.date) for s in circuits)
    )
    assert findings(at_rpe(plan, cap, lasts), athlete) == []
    # a runner whose knee is fine: no cap to be free of
    assert findings(held, dataclasses.replace(athlete, injuries=())) == []


def test_a_circuit_with_a_knee_movement_is_rightly_held() -> None:
    athlete = knee()
    plan = at_rpe(plan_athlete(athlete), 6.0)
    squat = LIB.get("goblet_squat_db")

    def with_squat(s: Session) -> Session:
        if s.format != "circuit":
            return s
        first = next(i for i, p in enumerate(s.exercises) if p.block == "circuit" and p.region == "lower")
        p = s.exercises[first]
        swapped = dataclasses.replace(p, id=squat.id, name=squat.name, equipment=squat.equipment)
        return dataclasses.replace(s, exercises=(*s.exercises[:first], swapped, *s.exercises[first + 1 :]))

    assert findings(dataclasses.replace(plan, sessions=[with_squat(s) for s in plan.sessions]), athlete) == []
