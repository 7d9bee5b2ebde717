"""S2-OFFSEASON-HEAVY: off-season weeks that run straight into an A race's build are the heavy block's start,
from `into_build_min_weeks` (coach review of issue 6: two_races_close, a January start 15 weeks before an A
marathon, dropped the block for base circuits and maintenance sessions, then built: the season upside down)."""

from __future__ import annotations

import datetime as dt

from stridelift.catalog import load_rules
from stridelift.domain.plan import Phase, Plan
from stridelift.domain.season_start import dropped_before_build
from tests.unit.test_periodization_golden import calendar, profile

RULE = load_rules()["S2-OFFSEASON-HEAVY"]
NEED = int(RULE.params["into_build_min_weeks"]) * 7
MIN = int(RULE.params["min_weeks"]) * 7
RACE = dt.date(2027, 4, 18)  # an A marathon: its build starts 12 weeks before, on 25 Jan
BUILD = dt.date(2027, 1, 25)


def _first(days_before_build: int) -> list[tuple[str, dt.date, dt.date]]:
    start = BUILD - dt.timedelta(days=days_before_build)
    raw = profile(
        start.isoformat(), "2027-05-16", [{"date": RACE.isoformat(), "distance": "marathon", "priority": "A"}]
    )
    return calendar(raw)[:2]


def test_a_short_offseason_stretch_before_the_build_is_the_heavy_blocks_start() -> None:
    assert NEED < MIN
    start = BUILD - dt.timedelta(days=NEED)
    assert _first(NEED) == [
        ("offseason_strength", start, BUILD - dt.timedelta(days=1)),
        ("build", BUILD, _first(NEED)[1][2]),
    ]
    # one day short of the limit: base circuits as before (too short to be a block)
    assert _first(NEED - 1)[0][0] == "base"


def test_the_stress_profile_opens_heavy_then_builds() -> None:
    from stridelift.services import plan_profile
    from tests.conftest import ROOT

    plan = plan_profile(ROOT / "tests/stress_profiles/two_races_close.toml").plan
    assert [p.name for p in plan.phases[:4]] == ["offseason_strength", "build", "peak", "taper"]
    assert list(dropped_before_build(RULE, plan)) == []


def _plan(base_days: int) -> Plan:
    start = BUILD - dt.timedelta(days=base_days)
    end = dt.date(2027, 3, 7)
    phases = [Phase("base", start, BUILD - dt.timedelta(days=1), ""), Phase("build", BUILD, end, "")]
    return Plan("T", "advanced", "north", start, end, phases, [], [], [])


def test_the_checker_sees_base_circuits_straight_before_the_build() -> None:
    assert [m for m, _ in dropped_before_build(RULE, _plan(NEED))] == [
        f"{NEED // 7} weeks of base circuits in the off-season (Dec-Feb) run straight into the build from "
        f"{BUILD}: the heavy block was dropped, the season starts upside down"
    ]
    assert list(dropped_before_build(RULE, _plan(NEED - 1))) == []
    # the same base in the south's off-season (June-August) is no off-season stretch
    south = _plan(NEED)
    south.hemisphere = "south"
    assert list(dropped_before_build(RULE, south)) == []


CAP_DAYS = int(load_rules().param("R-RUNS-BY-PHASE", "offseason_cap_min_days"))


def test_a_short_block_into_the_build_keeps_the_usual_long_run() -> None:
    from stridelift.domain.running import short_offseason_days

    start = dt.date(2027, 1, 4)

    def days(n: int) -> frozenset[dt.date]:
        end = start + dt.timedelta(days=n - 1)
        return short_offseason_days(lambda x: "offseason_strength" if x <= end else "build", start, end, CAP_DAYS)

    assert len(days(CAP_DAYS - 1)) == CAP_DAYS - 1  # a short block: its long run not capped
    assert days(CAP_DAYS) == frozenset()  # a block of the full length: capped as before


def test_the_runs_check_caps_the_long_run_only_in_a_full_block() -> None:
    import dataclasses

    from stridelift.catalog import load_library, load_templates
    from stridelift.domain.checker import CHECKS, Ctx
    from stridelift.services import plan_profile
    from tests.conftest import ROOT

    result = plan_profile(ROOT / "tests/stress_profiles/two_races_close.toml")
    plan, rule = result.plan, load_rules()["R-RUNS-BY-PHASE"]
    block, build = plan.phases[0], plan.phases[1]
    longs = [r.minutes for r in plan.runs if r.type == "long" and block.contains(r.date)]
    assert longs and all(m > int(rule.params["offseason_long_max"]) for m in longs)  # the usual 150 minutes

    def found(block_days: int) -> list[str]:
        end = block.start + dt.timedelta(days=block_days - 1)
        phases = [
            dataclasses.replace(block, end=end),
            dataclasses.replace(build, start=end + dt.timedelta(days=1)),
            *plan.phases[2:],
        ]
        p = dataclasses.replace(plan, phases=phases)
        ctx = Ctx(p, load_rules(), load_library(), load_templates(), result.athlete)
        return [m for m, _ in CHECKS[rule.check](rule, ctx) if "long run in the off-season heavy block" in m]

    assert found(CAP_DAYS - 1) == []
    assert found(CAP_DAYS) == ["a 150-minute long run in the off-season heavy block"] * 4
