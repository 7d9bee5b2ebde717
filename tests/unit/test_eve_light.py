"""E-EVE-LIGHT: the eve of a key run holds no leg-fatiguing exercise, judged from the library's
`leg_fatigue` tag whatever the session is called. Hand-made plans at the limit (the day before the key
run: reported; two days before: not), the tag's honesty over the library, and plans the planner makes
for the profiles that showed swings and single-leg RDLs on core-and-balance days before long runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.key_runs import planned_keys
from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, RunEntry, Session
from stridelift.services import plan_profile

ROOT = Path(__file__).resolve().parents[2]
RULES = load_rules()
LIB = load_library()
D0 = dt.date(2027, 3, 1)  # a Monday
DAY = dt.timedelta(days=1)
KEYS = tuple(RULES.param("E-KEY-RUN-EVE", "key_types"))


def rx(ex_id: str, block: str) -> Prescription:
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
        sets=2,
        reps=12,
        duration_s=None,
        rest_s=45,
        intensity=Intensity(rpe=6.0),
    )


def light(k: int, *exercises: Prescription) -> Session:
    return Session(D0 + k * DAY, "pm", "base", "core_balance", 30, (), exercises, title="Core and balance")


def plan(runs: list[RunEntry], sessions: list[Session]) -> Plan:
    ph = [Phase("build", D0, D0 + 27 * DAY, "focus")]  # a build: every key type is key (E-KEY-RUN-EVE)
    return Plan("T", "intermediate", "north", D0, D0 + 27 * DAY, ph, runs, sessions, [])


def findings(p: Plan) -> list[str]:
    rule = RULES["E-EVE-LIGHT"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, load_templates(), None))]


@pytest.mark.parametrize("key", KEYS)
def test_a_swing_on_a_light_day_before_a_key_run_is_reported_two_days_before_it_is_not(key: str) -> None:
    run = RunEntry(D0 + 5 * DAY, key, 90, "am")  # type: ignore[arg-type]
    swing = rx("kettlebell_swing", "strength")
    assert findings(plan([run], [light(4, swing)]))  # the eve: past the limit
    assert not findings(plan([run], [light(3, swing)]))  # two days before: within it
    easy = RunEntry(D0 + 5 * DAY, "easy", 40, "am")
    assert not findings(plan([easy], [light(4, swing)]))  # an easy run is no key run


def test_a_single_leg_rdl_in_the_balance_block_counts_balance_work_does_not() -> None:
    run = RunEntry(D0 + 5 * DAY, "long", 120, "am")
    assert findings(plan([run], [light(4, rx("single_leg_rdl", "balance"))]))
    assert not findings(plan([run], [light(4, rx("single_leg_stance", "balance"), rx("plank", "core"))]))


def test_a_warm_up_lunge_is_the_rules_own_exception() -> None:
    run = RunEntry(D0 + 5 * DAY, "tempo", 50, "am")
    assert "warmup" in RULES["E-EVE-LIGHT"].params["except_blocks"]
    assert not findings(plan([run], [light(4, rx("lateral_lunge", "warmup"))]))
    assert findings(plan([run], [light(4, rx("lateral_lunge", "strength"))]))


def test_the_check_reads_the_library_tag_not_the_id() -> None:
    """Untag the swing in a copy of the library: the same plan passes, so the tag decides."""
    run = RunEntry(D0 + 5 * DAY, "long", 120, "am")
    p = plan([run], [light(4, rx("kettlebell_swing", "strength"))])
    untagged = type(LIB)(
        [dataclasses.replace(e, leg_fatigue=False) if e.id == "kettlebell_swing" else e for e in LIB], LIB.sources
    )
    rule = RULES["E-EVE-LIGHT"]
    assert not list(CHECKS[rule.check](rule, Ctx(p, RULES, untagged, load_templates(), None)))
    assert findings(p)


def test_the_library_tags_leg_fatigue_honestly() -> None:
    for ex in LIB:
        legs = ex.region in ("lower", "full")
        if legs and ex.plyometric and ex.pattern != "throw":
            assert ex.leg_fatigue, f"{ex.id}: a jump tires the legs"
        if ex.lower_heavy and ex.pattern in ("squat", "lunge", "step", "hinge", "bridge"):
            assert ex.leg_fatigue, f"{ex.id}: a heavy leg lift tires the legs"
        if set(ex.roles) <= {"core", "balance", "mobility", "warmup"} and ex.id != "single_leg_rdl":
            assert not ex.leg_fatigue, f"{ex.id}: core, balance and mobility work is fine on an eve"
    tagged = {e.id for e in LIB if e.leg_fatigue}
    assert {"kettlebell_swing", "single_leg_rdl", "touch_down", "nordic_hamstring_curl", "goblet_squat_kb"} <= tagged
    # body-weight squats (the squat to row's cable loads the arms) and calf work are not leg-fatiguing
    assert not {"single_leg_stance", "plank", "bodyweight_squat", "squat_to_row", "single_leg_calf_raise"} & tagged


@pytest.mark.parametrize(
    "profile",
    [ROOT / "examples" / "ultra_doubles.toml", ROOT / "examples" / "northern_marathoner.toml"],
    ids=lambda p: p.stem,
)
def test_generated_light_sessions_before_key_runs_hold_no_leg_fatiguing_exercise(profile: Path) -> None:
    result = plan_profile(profile)
    assert not [f for f in result.findings if f.rule == "E-EVE-LIGHT"]
    races = [r.date for r in result.plan.runs if r.type == "race"]
    keyed = planned_keys(result.plan, RULES, races)  # key runs as planned (E-KEY-RUN-EVE)
    eves = [s for s in result.plan.sessions if s.date + DAY in keyed]
    assert any(s.format == "core_balance" for s in eves)  # the case the coach saw is there
    for s in eves:
        tired = [p.id for p in s.exercises if p.block != "warmup" and LIB.get(p.id).leg_fatigue]
        assert not tired, (s.date, s.title, tired)
        assert "E-EVE-LIGHT" in s.why


def test_a_light_session_away_from_key_runs_keeps_its_whole_body_move() -> None:
    """The planner drops the swing only where the legs must stay fresh: elsewhere the seed's whole-body
    moves (squat to row, swing) stay in core-and-balance days, so the flag is what removes them."""
    result = plan_profile(ROOT / "tests" / "stress_profiles" / "doubles_three_a_day.toml")
    kept = [
        p.id
        for s in result.plan.sessions
        if s.format == "core_balance" and "E-EVE-LIGHT" not in s.why
        for p in s.exercises
        if p.block == "strength" and LIB.get(p.id).region == "full"
    ]
    assert kept
