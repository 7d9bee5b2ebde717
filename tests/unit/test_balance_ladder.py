"""The balance ladder (S4-STABILITY-PROGRESSION) steps only on what the runner did: a week whose sessions
held no balance exercise (or a lower rung) does not count as a step, so the next week cannot jump two rungs.
The property test found a plan going from level 2 to 4 (novice, one strength day, flaring hamstring and
Achilles) after a week whose session showed no balance rung."""

from __future__ import annotations

from stridelift.domain.progression import BalanceLadder


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
