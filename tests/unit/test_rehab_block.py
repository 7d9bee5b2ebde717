"""A tendon's rehab as its own micro-block (coach review r0 #3 and #12): the Achilles' isometric holds
were 1 x 20 s as a 30-s-rest circuit station on circuit days and 4 x 45 s elsewhere, the slow raises 2 x 12
with no tempo and no progression, and nothing for three weeks before the A race. Now the dose is the
stage's data (injuries.toml `rehab`) whatever the session, and the checker judges dose (I-REHAB-DOSE)
and frequency (I-REHAB-WEEKLY) at the limit."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx, check_plan, hard_violations
from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, Session
from stridelift.domain.templates import stages, status_on
from stridelift.profile import load_profile
from stridelift.services import plan_athlete

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library()
RULES = load_rules()
TEMPLATES = load_templates()
PROFILE = ROOT / "tests" / "stress_profiles" / "achilles_ultra.toml"
ATHLETE = load_profile(PROFILE)
POLICY = TEMPLATES.injuries["achilles"]
CHAIN = stages(POLICY, "flaring", ATHLETE.start)  # flaring, recovering, history with their first days
TEMPO = "3 s up, 3 s down"


def _rx(
    ex_id: str, sets: int, reps: int | None, hold: int | None, rest: int, block: str = "strength", note: str = ""
) -> Prescription:
    ex = LIB.get(ex_id)
    return Prescription(
        ex.id, ex.name, block, 1, ex.region, None, ex.muscles, ex.equipment, ex.balance, ex.unilateral,
        ex.planes, sets, reps, hold, rest, Intensity(rpe=6.0), note=note,
    )  # fmt: skip


def _session(day: dt.date, rx: tuple[Prescription, ...], phase: str = "base", fmt: str = "core_balance") -> Session:
    return Session(day, "pm", phase, fmt, 30, ("S3-CORE-BALANCE-WEEKLY",), rx, title="Core")  # type: ignore[arg-type]


def _run(rule_id: str, sessions: list[Session]) -> list[str]:
    ph = [Phase("base", ATHLETE.start, ATHLETE.end, "focus")]
    plan = Plan("T", "intermediate", "north", ATHLETE.start, ATHLETE.end, ph, [], sessions, [])
    rule = RULES[rule_id]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(plan, RULES, LIB, TEMPLATES, ATHLETE))]


def _dose(rx: Prescription, day: dt.date, phase: str = "base") -> list[str]:
    return _run("I-REHAB-DOSE", [_session(day, (rx,), phase)])


def test_the_stages_carry_a_rehab_dose_from_the_evidence() -> None:
    holds = POLICY.by_status["flaring"].rehab
    slow = POLICY.by_status["recovering"].rehab
    assert holds is not None and holds.hold_s == 45 and 4 <= holds.sets <= 5 and holds.per_week >= 3
    assert slow is not None and slow.reps[0] == 15 and slow.reps == tuple(sorted(slow.reps, reverse=True))
    assert 3 <= slow.sets <= 4 and slow.tempo == TEMPO and slow.per_week >= 3
    assert TEMPLATES.injuries["knee"].by_status["flaring"].rehab is not None  # Rio 2015's patellar holds


def test_holds_at_the_dose_pass_and_a_set_or_seconds_short_are_caught() -> None:
    day = CHAIN[0][1] + dt.timedelta(days=2)
    assert not _dose(_rx("isometric_calf_hold", 4, None, 45, 60), day)  # just within
    assert _dose(_rx("isometric_calf_hold", 3, None, 45, 60), day)  # one hold short
    assert _dose(_rx("isometric_calf_hold", 4, None, 40, 60), day)  # five seconds short
    assert _dose(_rx("isometric_calf_hold", 4, None, 45, 50), day)  # rest cut
    station = _dose(_rx("isometric_calf_hold", 1, None, 20, 10, block="circuit"), day)
    assert station and "station" in station[0]


def test_slow_raises_need_their_tempo_and_the_week_s_reps() -> None:
    begin = CHAIN[1][1]
    week1, week2 = begin + dt.timedelta(days=6), begin + dt.timedelta(days=7)
    assert not _dose(_rx("bent_knee_calf_raise", 3, 15, None, 90, note=f"tempo {TEMPO}"), week1)
    assert _dose(_rx("bent_knee_calf_raise", 3, 15, None, 90, note="slowly"), week1)  # no tempo
    assert _dose(_rx("bent_knee_calf_raise", 3, 15, None, 90, note=f"tempo {TEMPO}"), week2)  # load not risen
    assert not _dose(_rx("bent_knee_calf_raise", 3, 12, None, 90, note=f"tempo {TEMPO}"), week2)
    assert _dose(_rx("bent_knee_calf_raise", 2, 12, None, 90, note=f"tempo {TEMPO}"), week2)  # a set short


def test_the_taper_keeps_the_block_with_its_reduced_sets() -> None:
    day = CHAIN[2][1] + dt.timedelta(days=30)
    reduced = POLICY.by_status["history"].rehab
    assert reduced is not None
    reps = reduced.reps[-1]
    ok = _rx("seated_calf_raise", reduced.reduced_sets, reps, None, 90, note=f"tempo {TEMPO}")
    full = _rx("seated_calf_raise", reduced.sets, reps, None, 90, note=f"tempo {TEMPO}")
    assert not _dose(ok, day, "taper") and _dose(full, day, "taper")
    assert not _dose(full, day, "build") and _dose(ok, day, "build")


def _holds(day: dt.date, with_block: bool) -> Session:
    rx = (_rx("isometric_calf_hold", 4, None, 45, 60),) if with_block else (_rx("plank", 2, None, 30, 30, "core"),)
    return _session(day, rx)


def test_three_sessions_a_week_or_every_session_of_a_shorter_week() -> None:
    monday = ATHLETE.start  # a Monday, the flaring stage
    assert monday.weekday() == 0
    days = [monday, monday + dt.timedelta(days=2), monday + dt.timedelta(days=4)]
    assert not _run("I-REHAB-WEEKLY", [_holds(d, True) for d in days])  # just within: 3 of 3
    short = _run("I-REHAB-WEEKLY", [_holds(days[0], True), _holds(days[1], True), _holds(days[2], False)])
    assert short and "2 of 3" in short[0]
    assert not _run("I-REHAB-WEEKLY", [_holds(d, True) for d in days[:2]])  # a two-session week: both


def test_no_long_gap_while_sessions_could_carry_it() -> None:
    d0 = ATHLETE.start + dt.timedelta(days=7)
    gap = RULES.param("I-REHAB-WEEKLY", "max_gap_days")
    within = [_holds(d0, True), _holds(d0 + dt.timedelta(days=3), False), _holds(d0 + dt.timedelta(days=gap), True)]
    past = [_holds(d0, True), _holds(d0 + dt.timedelta(days=3), False), _holds(d0 + dt.timedelta(days=gap + 1), True)]
    assert not [m for m in _run("I-REHAB-WEEKLY", within) if "days with sessions" in m]
    assert [m for m in _run("I-REHAB-WEEKLY", past) if "days with sessions" in m]


def test_an_introduction_s_set_cap_excepts_the_rehab_block_only() -> None:
    rule = RULES["E-FIRST-LIFT"]
    assert rule.params["except_rehab"] is True
    day = ATHLETE.start
    heavy = _rx("goblet_squat_db", 4, 8, None, 90)
    s = Session(
        day, "pm", "base", "straight_sets", 40, ("E-HEAVY",), (heavy, _rx("isometric_calf_hold", 4, None, 45, 60))
    )
    plan = Plan("T", "intermediate", "north", day, ATHLETE.end, [Phase("base", day, ATHLETE.end, "f")], [], [s], [])
    found = [m for m, _ in CHECKS[rule.check](rule, Ctx(plan, RULES, LIB, TEMPLATES, ATHLETE)) if "sets" in m]
    assert found and all("goblet_squat_db" in m for m in found)


def test_the_planner_gives_the_block_at_its_dose_through_every_stage_and_the_taper() -> None:
    plan = plan_athlete(ATHLETE)
    findings, _ = check_plan(plan, rules=RULES, library=LIB, templates=TEMPLATES, athlete=ATHLETE)
    assert not [f for f in hard_violations(findings) if f.rule == "I-REHAB-DOSE"]
    def own(day: dt.date) -> tuple[str, ...]:  # the day's stage's own loading
        return POLICY.by_status[status_on(POLICY, "flaring", ATHLETE.start, day)].add

    used = [(s.date, s.phase, p) for s in plan.sessions for p in s.exercises if p.id in own(s.date)]
    assert not [d for d, _, p in used if p.block == "circuit"]  # never a circuit station
    holds = [d for d, _, p in used if p.id == "isometric_calf_hold"]
    assert len(holds) >= 3 * 3 - 1  # three weeks of the holds, about three a week
    assert {p.duration_s for _, _, p in used if p.id == "isometric_calf_hold"} == {45}
    assert [p for _, ph, p in used if ph in ("taper", "race_week")]  # kept through the taper
    days = sorted({d for d, _, _ in used})
    assert max((b - a).days for a, b in itertools.pairwise(days)) <= 14
