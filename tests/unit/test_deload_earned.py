"""A lighter week comes after weeks of loading in its own block (rule E-DELOAD-EARNED): the checker at its
limit (a deload in a block's third week is fine, in its second not; a week of the block is one it holds
most days of), and the planner on the college 5k runner whose lighter week came in the off-season heavy
block's second week, after a single heavy week, because the base's weeks counted toward it."""

from __future__ import annotations

import datetime as dt

from stridelift.domain.plan import Phase, Plan, Session
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, rx, session
from tests.unit.test_taper_eccentric import COLLEGE_5K

WEEK = dt.timedelta(days=7)
NEED = int(RULES.param("E-DELOAD-EARNED", "min_weeks"))


def day(week: int, deload: bool = False) -> Session:
    why = ("E-HEAVY", "E-DELOAD") if deload else ("E-HEAVY",)
    return session(MON + week * WEEK + dt.timedelta(days=1), [rx(LIB, "goblet_squat_db")], why=why)


def two_blocks(heavy_from: dt.date, sessions: list[Session]) -> Plan:
    """Three weeks of base, then the heavy block from `heavy_from`."""
    end = MON + 12 * WEEK - dt.timedelta(days=1)
    phases = [
        Phase("base", MON, heavy_from - dt.timedelta(days=1), ""),
        Phase("offseason_strength", heavy_from, end, ""),
    ]
    return Plan("T", "intermediate", "north", MON, end, phases, [], sessions, [])


def test_a_lighter_week_in_the_blocks_third_week_is_fine_in_its_second_not() -> None:
    start = MON + 3 * WEEK
    ok = [day(w) for w in range(3 + NEED)] + [day(3 + NEED, deload=True)]
    assert NEED == 2 and findings("E-DELOAD-EARNED", two_blocks(start, ok)) == []
    early = [day(w) for w in range(3 + NEED - 1)] + [day(3 + NEED - 1, deload=True)]
    assert findings("E-DELOAD-EARNED", two_blocks(start, early)) == [
        f"a lighter week after {NEED - 1} week(s) of the offseason strength block (at least {NEED})"
    ]


def test_a_block_starting_on_a_sunday_counts_from_the_next_week() -> None:
    # the heavy block starts on the base's last Sunday: that week is still the base's
    start = MON + 3 * WEEK - dt.timedelta(days=1)
    early = [day(w) for w in range(3 + NEED - 1)] + [day(3 + NEED - 1, deload=True)]
    assert len(findings("E-DELOAD-EARNED", two_blocks(start, early))) == 1


def test_the_college_runner_loads_two_heavy_weeks_before_the_first_lighter_one() -> None:
    plan = plan_athlete(parse_profile(COLLEGE_5K))
    heavy = next(ph for ph in plan.phases if ph.name == "offseason_strength")
    first_week = heavy.start + dt.timedelta(days=(7 - heavy.start.weekday()) % 7)  # its first Monday
    deloads = sorted(s.date for s in plan.sessions if "E-DELOAD" in s.why and heavy.contains(s.date))
    assert deloads and deloads[0] >= first_week + NEED * WEEK
    build = next(ph for ph in plan.phases if ph.name == "build")
    build_monday = build.start + dt.timedelta(days=(7 - build.start.weekday()) % 7)
    in_build = [d for d in (s.date for s in plan.sessions if "E-DELOAD" in s.why) if build.contains(d)]
    assert all(d >= build_monday + NEED * WEEK for d in in_build)
    assert findings("E-DELOAD-EARNED", plan) == []
