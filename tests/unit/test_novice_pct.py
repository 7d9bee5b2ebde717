"""A novice earns %1RM work lift by lift (rule E-NOVICE-PCT): hand-made plans just past and just within
its limits, and the plans of the profile that showed the defect (barbell back squat 2 x 5 at 81% after
two sessions of 3 x 10, with no word on finding a 1RM)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

from stridelift.domain.plan import Plan, Prescription, Session
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

P = RULES["E-NOVICE-PCT"].params
WEEK = dt.timedelta(days=7)
NOTE = "Estimate your 1RM first, never test it: the weight of your last 10-rep sets divided by 0.65."
ROOT = Path(__file__).parents[2]
PROFILE = ROOT / "tests/stress_profiles/novice_four_weeks_out.toml"


def _moderate(day: dt.date, lift: str = "barbell_back_squat") -> Session:
    return session(day, [rx(LIB, lift, sets=3, reps=10, rpe=7.0, rest_s=90)])


def _heavy(day: dt.date, pct: float = 0.81, note: str = NOTE, lift: str = "barbell_back_squat") -> Session:
    p = dataclasses.replace(rx(LIB, lift, sets=2, reps=5, pct=pct, rpe=8.0, warmup_sets=3), note=note)
    return session(day, [p])


def _novice(sessions: list[Session]) -> Plan:
    return dataclasses.replace(plan(sessions, weeks=20), experience="novice")


def _learnt(n: int, gap: dt.timedelta = 2 * WEEK) -> list[Session]:
    return [_moderate(MON + i * gap) for i in range(n)]


def test_a_heavy_pct_after_enough_sessions_and_weeks_is_within() -> None:
    n, weeks = int(P["min_exposures"]), int(P["min_weeks"])
    learnt = _learnt(n)
    day = max(MON + weeks * WEEK, learnt[-1].date + WEEK)
    assert findings("E-NOVICE-PCT", _novice([*learnt, _heavy(day)])) == []


def test_one_session_too_few_is_reported() -> None:
    n, weeks = int(P["min_exposures"]), int(P["min_weeks"])
    msgs = findings("E-NOVICE-PCT", _novice([*_learnt(n - 1), _heavy(MON + (weeks + 2) * WEEK)]))
    assert len(msgs) == 1 and f"after {n - 1} moderate sessions" in msgs[0]
    # sessions of another lift do not teach this one
    other = [_moderate(MON + i * WEEK, "conventional_deadlift") for i in range(n)]
    assert findings("E-NOVICE-PCT", _novice([*_learnt(n - 1), *other, _heavy(MON + (weeks + 2) * WEEK)]))


def test_a_day_short_of_the_weeks_is_reported() -> None:
    n, weeks = int(P["min_exposures"]), int(P["min_weeks"])
    learnt = _learnt(n, dt.timedelta(days=2))  # enough sessions, packed in the first days
    assert findings("E-NOVICE-PCT", _novice([*learnt, _heavy(MON + weeks * WEEK - dt.timedelta(days=1))]))
    assert findings("E-NOVICE-PCT", _novice([*learnt, _heavy(MON + weeks * WEEK)])) == []


def test_the_threshold_is_the_rules() -> None:
    low = float(P["min_pct"]) - 0.01
    # under the heavy share a %1RM needs no learning, only the word on finding the max
    assert findings("E-NOVICE-PCT", _novice([_heavy(MON, pct=low)])) == []
    assert findings("E-NOVICE-PCT", _novice([_heavy(MON, pct=float(P["min_pct"]))]))
    # heavier sets are not learning sets: 8 reps at 80% does not count as one
    heavy8 = session(MON, [rx(LIB, "barbell_back_squat", reps=8, pct=float(P["min_pct"]) + 0.05, rpe=7)])
    assert heavy8.exercises[0].reps == int(P["moderate_reps"][0])
    plan_ = _novice([*_learnt(int(P["min_exposures"]) - 1), heavy8, _heavy(MON + 12 * WEEK)])
    assert any("after 3 moderate" in m for m in findings("E-NOVICE-PCT", plan_))


def test_the_first_pct_says_how_to_estimate_the_max() -> None:
    n, weeks = int(P["min_exposures"]), int(P["min_weeks"])
    learnt, day = _learnt(n), MON + (2 * n + weeks) * WEEK
    msgs = findings("E-NOVICE-PCT", _novice([*learnt, _heavy(day, note="")]))
    assert len(msgs) == 1 and "estimate" in msgs[0]
    # once told, the later sessions need not repeat it
    assert findings("E-NOVICE-PCT", _novice([*learnt, _heavy(day), _heavy(day + WEEK, note="")])) == []


def test_only_novices() -> None:
    assert findings("E-NOVICE-PCT", plan([_heavy(MON, note="")])) == []


def _profile(end: str | None = None) -> Plan:
    raw = tomllib.loads(PROFILE.read_text())
    if end is not None:
        raw["plan"]["end"] = end
    return plan_athlete(parse_profile(raw))


def _squats(p: Plan) -> list[tuple[dt.date, Prescription]]:
    return [(s.date, x) for s in p.sessions for x in s.exercises if x.id == "barbell_back_squat"]


def test_the_late_novice_learns_the_squat_before_any_pct() -> None:
    """The profile that showed the defect: its season ends before the squat is learnt, so no %1RM at all."""
    p = _profile()
    squats = _squats(p)
    assert squats and all(x.intensity.pct_1rm is None and x.reps == 10 for _, x in squats)
    assert findings("E-NOVICE-PCT", p) == []


def test_a_longer_season_reaches_the_pct_with_the_estimate_and_a_ramp() -> None:
    p = _profile("2027-10-31")
    squats = _squats(p)
    first = next(i for i, (_, x) in enumerate(squats) if x.intensity.pct_1rm is not None)
    learning = [x for _, x in squats[:first] if x.reps is not None and 8 <= x.reps <= 12]
    assert len(learning) >= int(P["min_exposures"])
    day, x = squats[first]
    assert "estimate your 1rm" in x.note.lower() and x.warmup_sets == len(RULES["E-WARMUP-SETS"].params["ramp"])
    lifting = min(s.date for s in p.sessions if any(e.block == "strength" for e in s.exercises))
    assert (day - lifting).days >= 7 * int(P["min_weeks"])
    # the first %1RM steps up from the learning sets' load, at most the rule's 10%
    assert x.intensity.pct_1rm is not None and x.intensity.pct_1rm <= 0.65 * 1.10 + 0.01
    assert findings("E-NOVICE-PCT", p) == []
