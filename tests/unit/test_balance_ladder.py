"""The balance ladder (S4-STABILITY-PROGRESSION) steps only on what the runner did: a week whose sessions
held no balance exercise (or a lower rung) does not count as a step, so the next week cannot jump two rungs.
The property test found a plan going from level 2 to 4 (novice, one strength day, flaring hamstring and
Achilles) after a week whose session showed no balance rung."""

from __future__ import annotations

import datetime as dt

import pytest

from stridelift.domain.progression import BalanceLadder
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session


def test_a_week_without_balance_does_not_climb_the_ladder() -> None:
    ladder = BalanceLadder([1, 2, 3, 4], weeks_per_level=1)
    assert [ladder.step(w, light=False) for w in range(2)] == [1, 2]
    before = ladder.idx
    assert ladder.step(2, light=False) == 3
    ladder.settle(before, None)  # that week's session held no balance exercise
    assert ladder.current == 2
    assert ladder.step(3, light=False) == 3  # one rung up from what was shown, not two


def test_a_lower_rung_shown_is_where_the_ladder_stands() -> None:
    ladder = BalanceLadder([1, 2, 3, 4], weeks_per_level=1)
    for w in range(3):
        before = ladder.idx
        ladder.step(w, light=False)
    ladder.settle(before, 2)  # the rung-3 exercise was already in the main block
    assert ladder.current == 2
    assert ladder.step(3, light=False) == 3
    before = ladder.idx
    assert ladder.step(4, light=False) == 4
    ladder.settle(before, 4)  # shown as planned: the step stands
    assert ladder.current == 4


def test_a_run_of_light_weeks_drops_one_rung_at_most() -> None:
    """E-BALANCE-KEEP: northern_marathoner's balance went from level 5 to level 1 over taper, race week and
    recovery, one rung a light week; balance is skill work, so the run of light weeks drops one rung."""
    ladder = BalanceLadder([1, 2, 3, 4, 5], weeks_per_level=1)
    assert [ladder.step(w, light=False) for w in range(5)] == [1, 2, 3, 4, 5]
    assert [ladder.step(5 + w, light=True) for w in range(4)] == [4, 4, 4, 4]
    assert ladder.step(9, light=False) == 5  # and back up a rung after them
    # a rotation at the top showed one rung lower just before: the drop counts from the rung reached
    before = ladder.idx
    ladder.step(10, light=False)
    ladder.settle(before, 4)
    assert [ladder.step(11 + w, light=True) for w in range(3)] == [4, 4, 4]


@pytest.mark.parametrize(("level", "reported"), [(3, False), (2, True)])
def test_the_checker_sees_a_balance_level_lost_in_the_light_weeks(level: int, reported: bool) -> None:
    drills = {4: "foam_roller_single_leg_stance", 3: "single_leg_clock_reach", 2: "single_leg_stance_eyes_closed"}
    back = int(RULES["E-BALANCE-KEEP"].params["lookback_weeks"])
    weeks = [(0, 4), (7, 4), (7 * back, level)]  # six weeks after the level-4 week: still within reach
    p = plan([session(MON + dt.timedelta(days=d), [rx(LIB, drills[lv], "balance", reps=None)]) for d, lv in weeks])
    msgs = findings("E-BALANCE-KEEP", p)
    assert bool(msgs) is reported
    if reported:
        assert msgs == [f"balance level 2 after level 4 within {back} weeks (at most 1 lower)"]
    # seven weeks on, the level before is out of the window (a season's restart is not this rule's business)
    later = [(0, 4), (7 * (back + 1), 2)]
    p2 = plan([session(MON + dt.timedelta(days=d), [rx(LIB, drills[lv], "balance", reps=None)]) for d, lv in later])
    assert findings("E-BALANCE-KEEP", p2) == []
