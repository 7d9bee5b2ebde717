"""Balance variety at the level reached (rule E-BALANCE-VARIETY) and the rotation near the top of the
balance ladder (rule S4-STABILITY-PROGRESSION's `rotate_within`). Coach review: a runner with a balance
disc did the disc single-leg squat 10-14 times a month for six months, the only exercise on the highest
rung they could reach; the library now has three disc variants there and the planner rotates them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

from stridelift.domain.checker import hard_violations
from stridelift.domain.plan import Session
from stridelift.domain.rules import RuleBook
from stridelift.services import plan_profile
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

WEEK = dt.timedelta(days=7)
MOST = int(RULES["E-BALANCE-VARIETY"].params["max_in_a_row"])  # five: a plateau is the sixth in a row


def balance_days(*ids: str, gap: int = 2) -> list[Session]:  # one session per id, every `gap` days
    return [session(MON + dt.timedelta(days=gap * i), [rx(LIB, x, "balance", reps=10)]) for i, x in enumerate(ids)]


def test_one_past_the_limit_in_a_row_is_a_plateau_when_the_level_has_another_variant() -> None:
    squat = "balance_disc_single_leg_squat"
    # just within: MOST in a row, then another variant, then the squat again
    ok = balance_days(*[squat] * MOST, "balance_disc_single_leg_clock_reach", squat)
    assert findings("E-BALANCE-VARIETY", plan(ok)) == []
    # just past: one more in a row (a session without a balance block in between does not break the run)
    past = balance_days(*[squat] * (MOST + 1))
    past.insert(2, session(MON + dt.timedelta(days=3), [rx(LIB, "bodyweight_squat", sets=3, reps=15)]))
    msgs = findings("E-BALANCE-VARIETY", plan(past))
    assert len(msgs) == 1 and msgs[0].startswith(f"{squat} in {MOST + 1} balance blocks in a row from {MON}")
    assert "balance_disc_single_leg_stance_eyes_closed" in msgs[0]


def test_no_plateau_without_another_exercise_at_the_level() -> None:
    """A ball's seated march is its only exercise on rung 4 (the ladder has not reached the top, 5):
    holding it while the ladder stands there is the progression, not a plateau."""
    march = "stability_ball_seated_march"
    assert findings("E-BALANCE-VARIETY", plan(balance_days(*[march] * (MOST + 3)))) == []


def test_at_the_top_rung_the_rung_below_counts_as_a_variant() -> None:
    """A half foam roller's single-leg stance is alone on the top rung this runner reaches (4): the
    rung below (tandem stance on the roller, clock reach) rotates in, so one past the limit is a plateau."""
    stance = "foam_roller_single_leg_stance"
    msgs = findings("E-BALANCE-VARIETY", plan(balance_days(*[stance] * (MOST + 1))))
    assert len(msgs) == 1 and "foam_roller_tandem_stance" in msgs[0]
    assert findings("E-BALANCE-VARIETY", plan(balance_days(*[stance] * MOST))) == []


def weekly(*ids: str) -> list[Session]:  # one balance session a week
    return [session(MON + i * WEEK, [rx(LIB, x, "balance", reps=10)]) for i, x in enumerate(ids)]


def test_at_the_top_the_ladder_may_rotate_one_rung_down() -> None:
    """Disc runner (top rung 4): 3, 4, then 3 again is a rotation at the top; a step to 2 is a drop, and
    so is a step down before the top was ever reached. The window is the rule's data."""
    top, below, two = "balance_disc_single_leg_squat", "single_leg_clock_reach", "single_leg_stance_eyes_closed"
    start = "balance_disc_single_leg_stance"
    assert findings("S4-STABILITY-PROGRESSION", plan(weekly(start, top, below, top))) == []
    past = findings("S4-STABILITY-PROGRESSION", plan(weekly(start, top, below, two)))
    assert past == ["balance level drops from 3 to 2 outside a light week"]
    early = findings("S4-STABILITY-PROGRESSION", plan(weekly(start, two)))  # top not reached yet
    assert early == ["balance level drops from 3 to 2 outside a light week"]
    rule = RULES["S4-STABILITY-PROGRESSION"]
    strict = dataclasses.replace(rule, params={**rule.params, "rotate_within": 0})
    book = RuleBook([strict if r.id == rule.id else r for r in RULES])
    no_window = findings("S4-STABILITY-PROGRESSION", plan(weekly(start, top, below, top)), book)
    assert no_window == ["balance level drops from 4 to 3 outside a light week"]


def test_the_disc_runner_rotates_the_top_rung() -> None:
    """The long southern plan (balance disc): no exercise holds more than two balance blocks in a row,
    all three disc variants on rung 4 appear, and the checker finds no plateau."""
    result = plan_profile(Path(__file__).parents[1] / "stress_profiles" / "southern_long_plan.toml")
    sessions = sorted(result.plan.sessions, key=lambda s: s.date)
    ids = [x.id for s in sessions for x in s.exercises if x.block == "balance" and x.region != "upper"]
    assert max(len(list(g)) for _, g in itertools.groupby(ids)) <= 2  # was 63
    rung4 = {x for x in ids if LIB.get(x).balance_level == 4}
    assert rung4 >= {
        "balance_disc_single_leg_squat",
        "balance_disc_single_leg_stance_eyes_closed",
        "balance_disc_single_leg_clock_reach",
    }
    assert hard_violations(result.findings) == []


def test_a_balance_exercise_off_the_ladder_between_breaks_the_run() -> None:
    # found by the CI property test: a BOSU squat every other week with BOSU single-leg stances (off the
    # ladder) between them was counted as six in a row
    import dataclasses as _dc

    from stridelift.catalog import load_library, load_rules, load_templates
    from stridelift.domain.checker import check_plan
    from stridelift.profile import parse_profile
    from stridelift.services import plan_athlete

    week = [{"day": d, "type": "rest"} for d in ("mon", "tue", "wed", "thu", "fri", "sat")]
    week += [{"day": "sun", "type": "easy", "minutes": 20}, {"day": "sun", "type": "easy", "minutes": 30, "slot": "pm"}]
    raw = {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": ["dumbbells", "kettlebell", "band", "bosu"]},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 21, "days": ["mon"]},
        "running": {"week": week},
        "injuries": [{"area": "ankle", "status": "flaring"}],
        "plan": {"start": "2026-01-05", "end": "2026-05-18"},
    }
    athlete = parse_profile(raw)
    plan = plan_athlete(athlete)
    args = {"rules": load_rules(), "library": load_library(), "templates": load_templates(), "athlete": athlete}
    found, _ = check_plan(plan, **args)
    assert not [f for f in found if f.rule == "E-BALANCE-VARIETY"]
    # without the stances between them the same BOSU squats are a run again
    squats = [s for s in plan.sessions if any(p.id == "bosu_squat" for p in s.exercises)]
    only = _dc.replace(plan, sessions=squats)
    found, _ = check_plan(only, **args)
    assert [f for f in found if f.rule == "E-BALANCE-VARIETY"]
