"""What the longest runs spare (coach review of issue 6). E-ECCENTRIC-LONG: b2b_ultra_hamstring had Nordic
curls at 2 x 5 with 45 s rest in every circuit, the Thursday before its 180 + 120-minute weekends among them.
E-AFTER-VERY-LONG: doubles_three_a_day's Sunday circuits came at full dose after 180-minute long runs. Each
check is fed a plan just past its limit (caught) and one just within (clean); the planner keeps both rules
on the two profiles."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from stridelift.domain.plan import Plan, RunEntry, Session
from stridelift.services import plan_profile
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

ROOT = Path(__file__).parents[2]
DAY = dt.timedelta(days=1)
ECC = RULES["E-ECCENTRIC-LONG"].params
VERY = RULES["E-AFTER-VERY-LONG"].params
LONG_MIN, PAIR_MIN, BEFORE, REST = (
    int(ECC["long_min"]),
    int(ECC["back_to_back_min"]),
    int(ECC["days_before"]),
    int(ECC["min_rest_s"]),
)
SAT = MON + 5 * DAY


def nordic_plan(
    day: dt.date, runs: list[RunEntry], fmt: str = "straight_sets", rest: int = REST, sets: int = 2
) -> Plan:
    s = session(day, [rx(LIB, "nordic_hamstring_curl", sets=sets, reps=5, rpe=6.0, rest_s=rest)], fmt=fmt)  # type: ignore[arg-type]
    p = plan([s])
    p.runs = runs
    return p


def test_nordics_in_the_days_before_a_very_long_run_are_caught_at_the_limit() -> None:
    runs = [RunEntry(SAT, "long", LONG_MIN, "am")]
    assert len(findings("E-ECCENTRIC-LONG", nordic_plan(SAT - BEFORE * DAY, runs))) == 1  # 3 days before
    assert findings("E-ECCENTRIC-LONG", nordic_plan(SAT - (BEFORE + 1) * DAY, runs)) == []  # 4 days before
    shorter = [RunEntry(SAT, "long", LONG_MIN - 1, "am")]
    assert findings("E-ECCENTRIC-LONG", nordic_plan(SAT - 2 * DAY, shorter)) == []  # not a very long run


def test_a_back_to_back_weekend_counts_by_its_total() -> None:
    half = PAIR_MIN // 2
    pair = [RunEntry(SAT, "long", half, "am"), RunEntry(SAT + DAY, "long", PAIR_MIN - half, "am")]
    msgs = findings("E-ECCENTRIC-LONG", nordic_plan(SAT - 2 * DAY, pair))
    assert len(msgs) == 1 and "back-to-back" in msgs[0]
    short_pair = [RunEntry(SAT, "long", half, "am"), RunEntry(SAT + DAY, "long", PAIR_MIN - half - 1, "am")]
    assert findings("E-ECCENTRIC-LONG", nordic_plan(SAT - 2 * DAY, short_pair)) == []


def test_nordics_are_no_circuit_filler_and_take_full_rest() -> None:
    assert len(findings("E-ECCENTRIC-LONG", nordic_plan(MON, [], fmt="circuit"))) == 1
    assert len(findings("E-ECCENTRIC-LONG", nordic_plan(MON, [], rest=REST - 1))) == 1
    assert findings("E-ECCENTRIC-LONG", nordic_plan(MON, [], fmt="maintenance", rest=REST)) == []
    # a single set has no rest between sets (a shortened session's one set of five)
    assert findings("E-ECCENTRIC-LONG", nordic_plan(MON, [], rest=10, sets=1)) == []


def sunday(fmt: str, sets: int, long_min: int, explanation: str, jumps: bool = False) -> Plan:
    block = "circuit" if fmt == "circuit" else "strength"
    ex = [rx(LIB, "goblet_squat_db", block, sets=sets, reps=20 if fmt == "circuit" else 5, rest_s=30)]  # type: ignore[arg-type]
    if jumps:
        ex.append(rx(LIB, "line_hop", "power", sets=2, reps=10, rest_s=90))
    s: Session = dataclasses.replace(session(SAT + DAY, ex, fmt=fmt), explanation=explanation)  # type: ignore[arg-type]
    p = plan([s])
    p.runs = [RunEntry(SAT, "long", long_min, "am"), RunEntry(MON + 12 * DAY, "long", 100, "am")]
    return p


def test_leg_work_after_a_very_long_run_is_capped_at_the_limit() -> None:
    cap, very, said = int(VERY["max_sets"]), int(VERY["very_long_min"]), f"{VERY['words']} today"
    assert len(findings("E-AFTER-VERY-LONG", sunday("circuit", cap + 1, very, said))) == 1  # 3 rounds
    assert findings("E-AFTER-VERY-LONG", sunday("circuit", cap, very, said)) == []  # 2 rounds
    assert findings("E-AFTER-VERY-LONG", sunday("circuit", cap + 1, very - 1, said)) == []  # 149 min: not very long
    assert len(findings("E-AFTER-VERY-LONG", sunday("circuit", cap, very, "next to an easy run"))) == 1  # unsaid
    assert len(findings("E-AFTER-VERY-LONG", sunday("maintenance", cap, very, said, jumps=True))) == 1


def test_one_and_a_half_times_the_usual_long_run_is_very_long_too() -> None:
    # the usual long run is the median of the plan's: 100 and 100 -> 150 is 1.5 x; 149 is not (under 150 too)
    cap, said = int(VERY["max_sets"]), f"{VERY['words']} today"
    p = sunday("circuit", cap + 1, 130, said)
    p.runs = [RunEntry(SAT, "long", 130, "am")] + [RunEntry(MON + k * 7 * DAY, "long", 80, "am") for k in (2, 3, 4)]
    assert len(findings("E-AFTER-VERY-LONG", p)) == 1  # 130 >= 1.5 x 80
    p.runs = [RunEntry(SAT, "long", 130, "am")] + [RunEntry(MON + k * 7 * DAY, "long", 87, "am") for k in (2, 3, 4)]
    assert findings("E-AFTER-VERY-LONG", p) == []  # 130 < 1.5 x 87


def test_the_two_profiles_keep_both_rules() -> None:
    b2b = plan_profile(ROOT / "tests/stress_profiles/b2b_ultra_hamstring.toml")
    assert not [f for f in b2b.findings if f.rule == "E-ECCENTRIC-LONG"]
    nordic = [s for s in b2b.plan.sessions for p in s.exercises if p.id == "nordic_hamstring_curl"]
    assert nordic and all(s.format != "circuit" and s.date.weekday() != 3 for s in nordic)  # no Thursday filler
    doubles = plan_profile(ROOT / "tests/stress_profiles/doubles_three_a_day.toml")
    assert not [f for f in doubles.findings if f.rule in ("E-AFTER-VERY-LONG", "S1-CIRCUIT")]
    longs = {r.date: r.minutes for r in doubles.plan.runs if r.type == "long"}
    after = [s for s in doubles.plan.sessions if s.format == "circuit" and longs.get(s.date - DAY, 0) >= 150]
    assert after and all(p.sets <= 2 for s in after for p in s.exercises if p.block == "circuit")
    assert all("lighter" in s.explanation and " 2 rounds" in " ".join(s.notes) for s in after)
