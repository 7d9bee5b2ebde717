"""Key runs as planned (E-KEY-RUN-EVE) and the leg-strength floor (E-LEG-FLOOR), at their limits on
hand-made plans: the off-season's capped easy long run and short hills are no key runs, a real long run
and intervals are; a strength phase of upper-body lifts only, and three weeks without leg strength, are
reported unless the plan's S2-HEAVY-HONEST warning says why; and the planner's words never call a
cable squat to row leg work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx, check_plan, hard_violations
from stridelift.domain.key_runs import KeyRuns
from stridelift.domain.leg_floor import is_leg_strength
from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, RunEntry, Session, Warning
from stridelift.services import plan_profile

ROOT = Path(__file__).resolve().parents[2]
RULES = load_rules()
LIB = load_library()
TEMPLATES = load_templates()
D0 = dt.date(2027, 1, 4)  # a Monday
DAY = dt.timedelta(days=1)
KEYS = KeyRuns.of(RULES)
LEG = RULES.param("E-LEG-FLOOR", "leg")


def rx(ex_id: str, block: str = "strength", reps: int = 5, rpe: float = 8.0) -> Prescription:
    ex = LIB.get(ex_id)
    return Prescription(
        id=ex.id,
        name=ex.name,
        block=block,  # type: ignore[arg-type]
        order=0,
        region=ex.region,
        core_target=ex.core_target,
        muscles=ex.muscles,
        equipment=ex.equipment,
        balance=ex.balance,
        unilateral=ex.unilateral,
        planes=ex.planes,
        sets=3,
        reps=reps,
        duration_s=None,
        rest_s=150,
        intensity=Intensity(rpe=rpe),
    )


def session(k: int, *exercises: Prescription, phase: str = "offseason_strength") -> Session:
    return Session(D0 + k * DAY, "pm", phase, "straight_sets", 45, (), exercises, explanation="Because.")  # type: ignore[arg-type]


def plan(
    runs: list[RunEntry],
    sessions: list[Session],
    phases: list[tuple[str, int, int]],
    warnings: list[Warning] | None = None,
) -> Plan:
    end = max(b for _, _, b in phases)
    ph = [Phase(n, D0 + a * DAY, D0 + b * DAY, "focus") for n, a, b in phases]  # type: ignore[arg-type]
    return Plan("T", "intermediate", "north", D0, D0 + end * DAY, ph, runs, sessions, warnings or [])


def findings(rule_id: str, p: Plan) -> list[tuple[str, dt.date | None]]:
    rule = RULES[rule_id]
    return list(CHECKS[rule.check](rule, Ctx(p, RULES, LIB, TEMPLATES, None)))


# ----- which planned runs are key (E-KEY-RUN-EVE) -------------------------------------------------------
def test_the_off_seasons_capped_easy_long_run_is_no_key_run_a_longer_one_is() -> None:
    cap = int(RULES.param("R-RUNS-BY-PHASE", "offseason_long_max"))
    assert not KEYS.kinds([("long", cap)], "offseason_strength", None)  # the block's cap: base running
    assert KEYS.kinds([("long", cap + 1)], "offseason_strength", None) == {"long"}  # just past it: a real long run
    assert KEYS.kinds([("long", 60)], "build", None) == {"long"}  # in the build any long run is key


def test_short_hills_or_strides_are_no_key_run_intervals_and_tempo_are() -> None:
    short = int(RULES.param("R-RUNS-BY-PHASE", "offseason_quality_max"))
    assert not KEYS.kinds([("hills", short)], "offseason_strength", None)
    assert KEYS.kinds([("hills", short + 1)], "offseason_strength", None) == {"hills"}
    assert KEYS.kinds([("interval", 20)], "offseason_strength", None) == {"interval"}
    assert KEYS.kinds([("tempo", 30)], "base", None) == {"tempo"}
    assert KEYS.kinds([("race", 20)], "offseason_strength", None) == {"race"}


def test_base_running_only_far_from_the_next_race() -> None:
    far = int(RULES.param("R-RUNS-BY-PHASE", "base_far_days"))
    assert not KEYS.kinds([("hills", 40)], "base", far + 1)  # base running, as the planner plans it
    assert KEYS.kinds([("hills", 40)], "base", far) == {"hills"}  # the race-season week is back: key


def test_the_eased_limits_are_the_run_rules_own() -> None:
    """The planner caps the off-season long run and hills at R-RUNS-BY-PHASE's figures: the key-run rule
    eases exactly those, no more."""
    eased = RULES.param("E-KEY-RUN-EVE", "eased_minutes")
    assert eased["long"] == RULES.param("R-RUNS-BY-PHASE", "offseason_long_max")
    assert eased["hills"] == RULES.param("R-RUNS-BY-PHASE", "offseason_quality_max")
    assert RULES.param("E-KEY-RUN-EVE", "eased_phases")["base"] == RULES.param("R-RUNS-BY-PHASE", "base_far_days")


def test_heavy_legs_before_an_easy_capped_long_run_pass_before_a_real_one_they_are_caught() -> None:
    legs = session(4, rx("db_romanian_deadlift"), rx("goblet_squat_db"))
    block = [("offseason_strength", 0, 27)]
    assert not findings("E-KEY-RUN-EVE", plan([RunEntry(D0 + 5 * DAY, "long", 90, "am")], [legs], block))
    assert not findings("E-EVE-LIGHT", plan([RunEntry(D0 + 5 * DAY, "long", 90, "am")], [legs], block))
    assert findings("E-KEY-RUN-EVE", plan([RunEntry(D0 + 5 * DAY, "long", 91, "am")], [legs], block))
    assert findings("E-EVE-LIGHT", plan([RunEntry(D0 + 5 * DAY, "interval", 30, "am")], [legs], block))


# ----- what counts as leg strength -----------------------------------------------------------------------
def test_leg_strength_is_squats_hinges_bridges_steps_not_a_squat_to_row_or_calf_raise() -> None:
    for ex_id in ("db_romanian_deadlift", "single_leg_glute_bridge", "db_step_up", "goblet_squat_db"):
        assert is_leg_strength(rx(ex_id), LIB.get(ex_id), LEG), ex_id
    for ex_id in ("squat_to_row", "standing_calf_raise", "single_leg_stance"):
        assert not is_leg_strength(rx(ex_id), LIB.get(ex_id), LEG), ex_id
    assert not is_leg_strength(rx("goblet_squat_db", block="warmup"), LIB.get("goblet_squat_db"), LEG)


# ----- E-LEG-FLOOR ----------------------------------------------------------------------------------------
UPPER = (rx("dumbbell_row"), rx("db_bench_press"))


def test_an_upper_body_only_strength_block_with_a_free_day_is_caught_one_leg_lift_passes() -> None:
    # Mondays and Thursdays, no key run the next day: the days could take leg work
    upper = [session(k, *UPPER) for k in (0, 3, 7, 10)]
    block = [("offseason_strength", 0, 13)]
    assert [m for m, _ in findings("E-LEG-FLOOR", plan([], upper, block)) if "upper-body only" in m]
    legs = [*upper[:3], session(10, *UPPER, rx("db_romanian_deadlift"))]
    assert not findings("E-LEG-FLOOR", plan([], legs, block))


def test_an_upper_body_block_whose_every_day_is_a_key_run_eve_is_not_judged_as_a_phase() -> None:
    upper = [session(k, *UPPER, phase="build") for k in (0, 3, 7, 10)]
    runs = [RunEntry(D0 + (k + 1) * DAY, "tempo", 50, "am") for k in (0, 3, 7, 10)]
    assert not [m for m, _ in findings("E-LEG-FLOOR", plan(runs, upper, [("build", 0, 13)])) if "upper-body" in m]


def test_three_weeks_without_leg_strength_are_caught_twenty_days_pass() -> None:
    legs = rx("db_romanian_deadlift")
    phases = [("base", 0, 41)]
    # leg sessions on day 0 and day 21: 20 days between them
    assert not findings("E-LEG-FLOOR", plan([], [session(0, legs), session(21, legs), session(41, legs)], phases))
    # day 0 and day 22: 21 days between them
    got = findings("E-LEG-FLOOR", plan([], [session(0, legs), session(22, legs), session(41, legs)], phases))
    assert [m for m, _ in got if m.startswith("21 days")]


def test_race_week_and_recovery_do_not_count_and_an_honest_warning_explains() -> None:
    legs = rx("db_romanian_deadlift")
    ss = [session(0, legs), session(30, legs)]
    quiet = [("base", 0, 19), ("race_week", 20, 26), ("recovery", 27, 29), ("base", 30, 35)]
    assert not findings("E-LEG-FLOOR", plan([], ss, quiet))  # 19 counted days
    loud = [("base", 0, 29), ("base", 30, 35)]
    got = findings("E-LEG-FLOOR", plan([], ss, loud))
    assert got and got[0][1] == D0 + DAY  # dated at the stretch's start
    why = Warning(
        "PHASE_WITHOUT_HEAVY", "no leg work: Monday (tempo the next day). To get ...", D0 + 15 * DAY, "S2-HEAVY-HONEST"
    )
    p = plan([], ss, loud, [why])
    got = findings("E-LEG-FLOOR", p)
    assert got and got[0][1] == why.date  # dated at the warning that names why, which explains it
    found, _ = check_plan(p, rules=RULES, library=LIB, templates=TEMPLATES)
    assert [f for f in found if f.rule == "E-LEG-FLOOR" and f.explained]
    assert not [f for f in hard_violations(found) if f.rule == "E-LEG-FLOOR"]


# ----- the planner --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "profile",
    [
        ROOT / "tests" / "stress_profiles" / "only_eve_of_long_run.toml",
        ROOT / "tests" / "stress_profiles" / "tenk_two_days.toml",
    ],
    ids=lambda p: p.stem,
)
def test_the_off_season_block_holds_leg_strength_when_its_runs_are_base_running(profile: Path) -> None:
    result = plan_profile(profile)
    block = [ph for ph in result.plan.phases if ph.name == "offseason_strength"]
    assert block
    inside = [s for s in result.plan.sessions if any(ph.contains(s.date) for ph in block)]
    legs = [s for s in inside if any(is_leg_strength(p, LIB.find(p.id), LEG) for p in s.exercises)]
    assert len(legs) >= len(inside) // 2, [s.date for s in legs]
    assert not [f for f in result.findings if f.hard and not f.explained]


def test_hip_flexor_words_never_call_a_squat_to_row_leg_work_nor_blame_the_hip_for_the_days() -> None:
    result = plan_profile(ROOT / "examples" / "hip_flexor_flaring.toml")
    honest = [w for w in result.plan.warnings if w.rule == "S2-HEAVY-HONEST"]
    assert honest
    assert not [w.message for w in honest if "squat to row" in w.message.lower()]
    build = [w.message for w in honest if w.message.startswith("The build phase")]
    assert build and "hip flexor" not in build[0] and "the next day" in build[0]  # the days are the reason
    # the hip-flexor flare keeps hinges, bridges, step-ups and calf raises (injuries.toml excludes only its loads)
    kept = {p.id for s in result.plan.sessions for p in s.exercises}
    assert {"db_romanian_deadlift", "db_step_up"} <= kept


def test_a_runner_with_one_session_a_week_is_not_judged() -> None:
    from stridelift.profile import parse_profile

    raw = {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 15, "days": ["mon"]},
        "running": {"week": [{"day": "tue", "type": "easy", "minutes": 30}]},
        "races": [],
        "injuries": [],
        "plan": {"start": "2027-01-04", "end": "2027-02-28"},
    }
    legs = rx("db_romanian_deadlift")
    p = plan([], [session(0, legs), session(22, legs), session(41, legs)], [("base", 0, 41)])
    rule = RULES["E-LEG-FLOOR"]
    one = parse_profile(raw)
    assert not list(CHECKS[rule.check](rule, Ctx(p, RULES, LIB, TEMPLATES, one)))
    raw["availability"] = {"sessions_per_week_max": 2, "minutes_per_session": 15, "days": ["mon", "thu"]}
    assert list(CHECKS[rule.check](rule, Ctx(p, RULES, LIB, TEMPLATES, parse_profile(raw))))
