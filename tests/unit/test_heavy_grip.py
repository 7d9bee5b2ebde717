"""Heavy leg sets are not held by the arms (rule E-HEAVY-GRIP, soft): a coach's review found a goblet
squat 2x5 at RPE 8 (race_in_10_days, 17 Dec), where the grip and upper back give out before the legs. The
library flags such lifts (`grip_limited`); in a strength block they take `min_reps` or more. The checker at
its limit, and the planner on the profile that showed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from stridelift.catalog import load_library
from stridelift.services import plan_profile
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

ROOT = Path(__file__).resolve().parents[2]
NEED = int(RULES["E-HEAVY-GRIP"].params["min_reps"])


def test_the_library_flags_the_goblet_squats_only_among_the_squats() -> None:
    lib = load_library()
    assert lib.get("goblet_squat_db").grip_limited and lib.get("goblet_squat_kb").grip_limited
    for i in ("barbell_back_squat", "db_bulgarian_split_squat", "split_squat", "db_single_leg_rdl"):
        assert not lib.get(i).grip_limited, i


@pytest.mark.parametrize(("reps", "reported"), [(NEED, False), (NEED - 1, True)])
def test_a_goblet_squat_takes_its_higher_reps(reps: int, reported: bool) -> None:
    p = plan([session(MON, [rx(LIB, "goblet_squat_db", sets=2, reps=reps, rpe=8.0)])])
    msgs = findings("E-HEAVY-GRIP", p)
    if reported:
        assert msgs == [f"goblet_squat_db at {reps} reps: the arms give out before the legs (at least {NEED} reps)"]
    else:
        assert msgs == []
    # a lift the legs limit may be heavy; a goblet squat in a circuit is not a heavy slot
    legs = plan([session(MON, [rx(LIB, "db_bulgarian_split_squat", sets=2, reps=5, rpe=8.0)])])
    assert findings("E-HEAVY-GRIP", legs) == []
    circuit = plan([session(MON, [rx(LIB, "goblet_squat_db", "circuit", sets=2, reps=5)], fmt="circuit")])
    assert findings("E-HEAVY-GRIP", circuit) == []


def test_the_planner_gives_the_goblet_squat_its_reps() -> None:
    result = plan_profile(ROOT / "examples/race_in_10_days.toml")
    assert not [f for f in result.findings if f.rule == "E-HEAVY-GRIP"]
    gob = [p for s in result.plan.sessions for p in s.exercises if p.block == "strength" and LIB.get(p.id).grip_limited]
    assert gob and all((p.reps or 0) >= NEED for p in gob)
