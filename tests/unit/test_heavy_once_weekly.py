"""No lift in two heavy sessions of a week (rule E-HEAVY-ONCE-WEEKLY): the Romanian deadlift as Heavy B's
main lift and Heavy A's second is found, the week boundary, the same template and an exercise whose data
allows it are not; the planner gives each template of a stretch its own lifts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.plan import Plan, Prescription, Session
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_prescription import MON, plan, rx, session
from tests.unit.test_injury_progression import RUNNER

LIB = load_library()
RULES = load_rules()
TEMPLATES = load_templates()
ROOT = Path(__file__).resolve().parents[2]
RULE = RULES["E-HEAVY-ONCE-WEEKLY"]


def findings(p: Plan, raw: dict[str, object], lib: ExerciseLibrary = LIB) -> list[str]:
    return [m for m, _ in CHECKS[RULE.check](RULE, Ctx(p, RULES, lib, TEMPLATES, parse_profile(raw)))]


def runner(injuries: list[dict[str, str]] | None = None) -> dict[str, object]:
    raw = dict(RUNNER, injuries=injuries or [])
    return dict(raw, plan={"start": MON.isoformat(), "end": "2027-05-16"})


def heavy(day: dt.date, variation: str, lifts: list[Prescription]) -> Session:
    return session(day, lifts, variation=variation)


RDL = rx(LIB, "romanian_deadlift", reps=6, rpe=7)
SQUAT = rx(LIB, "barbell_back_squat", reps=6, rpe=7)
SPLIT = rx(LIB, "db_bulgarian_split_squat", reps=7, rpe=7)


def test_the_rdl_as_b_main_and_a_second_in_one_week() -> None:
    a = heavy(MON, "A", [SQUAT, RDL])
    b = heavy(MON + dt.timedelta(days=3), "B", [RDL, SPLIT])
    msgs = findings(plan([a, b]), runner())
    assert len(msgs) == 1 and "romanian_deadlift" in msgs[0]
    # Sunday and the next Monday are two weeks (the limit), and different lifts are fine
    sunday = heavy(MON + dt.timedelta(days=6), "B", [RDL, SPLIT])
    assert findings(plan([heavy(MON, "A", [SQUAT, RDL]), sunday]), runner()) != []
    monday = heavy(MON + dt.timedelta(days=7), "B", [RDL, SPLIT])
    assert findings(plan([heavy(MON, "A", [SQUAT, RDL]), monday]), runner()) == []
    assert findings(plan([heavy(MON, "A", [SQUAT]), b]), runner()) == []
    # the same template twice in a week is the same session, not a second lift for it
    assert findings(plan([a, dataclasses.replace(b, variation="A")]), runner()) == []


def test_an_exception_lives_in_the_exercise_data() -> None:
    allowed = ExerciseLibrary(
        [dataclasses.replace(e, heavy_twice_weekly=e.id == "romanian_deadlift") for e in LIB], LIB.sources
    )
    a = heavy(MON, "A", [SQUAT, RDL])
    b = heavy(MON + dt.timedelta(days=3), "B", [RDL, SPLIT])
    assert findings(plan([a, b]), runner(), allowed) == []
    # the library's exceptions are light work, never a heavy lift (the tibialis raise, a shallow wall sit)
    assert {e.id for e in LIB if e.heavy_twice_weekly} == {"tibialis_raise", "wall_sit"}
    assert not any(e.heavy for e in LIB if e.heavy_twice_weekly)


def test_an_injurys_own_loading_is_in_every_session_on_purpose() -> None:
    own = rx(LIB, "side_lying_hip_abduction", sets=2, reps=12, rpe=6)
    a = heavy(MON, "A", [SQUAT, own])
    b = heavy(MON + dt.timedelta(days=3), "B", [RDL, own])
    assert findings(plan([a, b]), runner([{"area": "it_band", "status": "flaring"}])) == []
    assert findings(plan([a, b]), runner()) != []


def test_a_calf_injury_shares_only_the_tibialis_raise() -> None:
    """While the Achilles keeps the calf raises out of the heavy days, both calf stations take the tibialis
    raise (its data allows it), never a second split squat or lunge in place of a calf exercise."""
    raw = runner([{"area": "achilles", "status": "flaring"}])
    p = plan_athlete(parse_profile(raw))
    assert findings(p, raw) == []
    assert not [w for w in p.warnings if w.code == "HEAVY_LIFT_SHARED"]
    for s in p.sessions:
        if s.format == "straight_sets":
            lifts = [LIB.get(x.id) for x in s.exercises if x.block == "strength"]
            lower = [e.pattern for e in lifts if e.region == "lower"]
            assert lower.count("lunge") <= 1 and lower.count("squat") <= 1, (s.date, lower)


def test_planned_heavy_templates_share_no_lift() -> None:
    """The dumbbell runners whose two heavy templates took the same split squat and calf raise each
    week (13 weeks of southern_long_plan), and the bodyweight novice (7 weeks)."""
    for name in (
        "tests/stress_profiles/southern_long_plan.toml",
        "examples/ultra_doubles.toml",
        "examples/novice_bodyweight.toml",
    ):
        raw = tomllib.loads((ROOT / name).read_text())
        p = plan_athlete(parse_profile(raw))
        assert findings(p, raw) == [], name
        assert not [w for w in p.warnings if w.code == "HEAVY_LIFT_SHARED"], name
        weeks: dict[dt.date, list[Session]] = {}
        for s in p.sessions:
            if s.format == "straight_sets":
                weeks.setdefault(s.date - dt.timedelta(days=s.date.weekday()), []).append(s)
        assert sum(len({x.variation for x in ss}) > 1 for ss in weeks.values()) >= 4, name  # A and B weeks


def test_a_shared_lift_after_a_novice_step_down_is_said() -> None:
    """Bodyweight-only novice (property test): Heavy A's push turns from a kneeling push-up to a push-up
    once the learning weeks end, the same push-up Heavy B has; the plan must say so (HEAVY_LIFT_SHARED),
    which it missed when the warning looked at the week's picks rather than the lifts given."""
    from stridelift.catalog import load_library, load_rules, load_templates
    from stridelift.domain.checker import check_plan, hard_violations
    from stridelift.profile import parse_profile
    from stridelift.services.planning import plan_athlete

    raw = {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": 2, "minutes_per_session": 36, "days": ["mon", "tue", "wed"]},
        "running": {
            "week": [
                {"day": "mon", "type": "easy", "minutes": 20, "slot": "am"},
                {"day": "mon", "type": "easy", "minutes": 30, "slot": "pm"},
            ]
        },
        "races": [],
        "injuries": [],
        "plan": {"start": "2026-01-06", "end": "2026-02-23"},
    }
    athlete = parse_profile(raw)
    plan = plan_athlete(athlete)
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert hard_violations(findings) == []
    # since a week keeps one stretch's lifts (the turn no longer changes mid-week) this plan shares none;
    # whenever one is shared the plan says so
    shared = [f for f in findings if f.rule == "E-HEAVY-ONCE-WEEKLY"]
    assert bool(shared) == any(w.code == "HEAVY_LIFT_SHARED" for w in plan.warnings)


def test_a_stretch_turning_mid_week_keeps_the_week_s_lifts() -> None:
    """two_a_5wk_doubles_sat: the off-season's strength stretch began on a Friday, so Sunday's Heavy B took
    the new stretch's main lift (the Romanian deadlift) that Tuesday's Heavy A held as its second, and the
    plan said the equipment left no other lift (it has a barbell: the deadlift). A new stretch starts with
    a new week."""
    name = "tests/stress_profiles/two_a_5wk_doubles_sat.toml"
    raw = tomllib.loads((ROOT / name).read_text())
    p = plan_athlete(parse_profile(raw))
    assert findings(p, raw) == []
    assert not [w for w in p.warnings if w.code == "HEAVY_LIFT_SHARED"]
