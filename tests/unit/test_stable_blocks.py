"""Stages are blocks a runner can follow (rule S6-STABLE-BLOCKS): a development stage of a few days
squeezed between races joins the one beside it. Golden calendar of a summer of races (B 5k 6 Jun, C 10k
27 Jun, C 5k 18 Jul, A 10k 8 Aug), which showed 'in season' for three days, then 'build' for eleven, and
two four-day 'peak's; and the checker at its limit (six days inside the plan found, seven not; a stage
cut by the plan's first or last day is not)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from stridelift.catalog import load_rules
from stridelift.domain.periodization import build_phases
from stridelift.domain.plan import Phase, Plan
from stridelift.profile import parse_profile
from tests.unit.test_checks_prescription import MON, findings
from tests.unit.test_periodization_golden import profile

D = dt.date
DAY = dt.timedelta(days=1)

SUMMER = [
    {"date": "2027-06-06", "distance": "5k", "priority": "B"},
    {"date": "2027-06-27", "distance": "10k", "priority": "C"},
    {"date": "2027-07-18", "distance": "5k", "priority": "C"},
    {"date": "2027-08-08", "distance": "10k", "priority": "A"},
]


def test_a_summer_of_races_shows_stable_blocks() -> None:
    phases, _ = build_phases(parse_profile(profile("2027-04-05", "2027-08-29", SUMMER)), load_rules())
    got = [(p.name, p.start, p.end) for p in phases]
    assert got == [
        ("base", D(2027, 4, 5), D(2027, 5, 4)),
        # the A 10k's build would fall among the season's races: it comes before the first (preseason)
        ("build", D(2027, 5, 5), D(2027, 6, 1)),
        ("race_week", D(2027, 6, 2), D(2027, 6, 6)),  # B under 30 km: five days
        ("recovery", D(2027, 6, 7), D(2027, 6, 10)),  # four days
        # 11-13 Jun were 'in season' for three days: they join the build for the C 10k
        ("build", D(2027, 6, 11), D(2027, 6, 24)),
        ("race_week", D(2027, 6, 25), D(2027, 6, 27)),  # C: three days
        ("recovery", D(2027, 6, 28), D(2027, 6, 30)),
        # 12-15 Jul were a four-day peak: they join the build before them
        ("build", D(2027, 7, 1), D(2027, 7, 15)),
        ("race_week", D(2027, 7, 16), D(2027, 7, 18)),
        ("recovery", D(2027, 7, 19), D(2027, 7, 21)),
        # 22-25 Jul were a four-day peak between a recovery and the A race's taper: they stay light
        ("taper", D(2027, 7, 22), D(2027, 8, 1)),
        ("race_week", D(2027, 8, 2), D(2027, 8, 8)),
        ("recovery", D(2027, 8, 9), D(2027, 8, 15)),
        ("base", D(2027, 8, 16), D(2027, 8, 29)),
    ]


def stages(days: int) -> Plan:
    spans = [("build", 0, 13), ("in_season", 14, 13 + days), ("build", 14 + days, 41)]
    ph = [Phase(n, MON + a * DAY, MON + b * DAY, "") for n, a, b in spans]  # type: ignore[arg-type]
    return Plan("T", "intermediate", "north", MON, MON + 41 * DAY, ph, [], [], [])


def test_six_days_of_a_stage_are_found_seven_are_not() -> None:
    assert len(findings("S6-STABLE-BLOCKS", stages(6))) == 1
    assert findings("S6-STABLE-BLOCKS", stages(7)) == []
    # light phases (a three-day race week) are not development stages
    light = stages(6)
    light.phases[1] = dataclasses.replace(light.phases[1], name="race_week")
    assert findings("S6-STABLE-BLOCKS", light) == []
    # the plan's first or last days may cut a stage short
    cut = stages(6)
    cut.phases[:] = [
        dataclasses.replace(cut.phases[0], end=MON + 2 * DAY),
        dataclasses.replace(cut.phases[1], start=MON + 3 * DAY, end=cut.end),
    ]
    cut.phases[0] = dataclasses.replace(cut.phases[0], name="peak")
    # ... but a short stage at the plan's start joins the stage after it when it can (coach review:
    # ultra_doubles showed 'Base' on its first day only, then the off-season block)
    msgs = findings("S6-STABLE-BLOCKS", cut)
    assert len(msgs) == 1 and "peak for 3 days" in msgs[0]
    start_into = set(load_rules()["S6-STABLE-BLOCKS"].params["start_into"])
    assert "offseason_strength" in start_into and "race_week" not in start_into
    cut.phases[1] = dataclasses.replace(cut.phases[1], name="race_week")  # the race's light days: it stays
    assert findings("S6-STABLE-BLOCKS", cut) == []
    six = dataclasses.replace(cut.phases[0], end=MON + 5 * DAY)  # six days before the off-season block
    seven = dataclasses.replace(cut.phases[0], end=MON + 6 * DAY)
    for first, found in ((six, 1), (seven, 0)):
        cut.phases[:] = [first, Phase("offseason_strength", first.end + DAY, cut.end, "")]
        assert len(findings("S6-STABLE-BLOCKS", cut)) == found


def test_a_one_day_base_at_the_start_joins_the_off_season_block() -> None:
    from pathlib import Path

    from stridelift.profile import load_profile

    athlete = load_profile(Path(__file__).resolve().parents[2] / "examples" / "ultra_doubles.toml")
    phases, _ = build_phases(athlete, load_rules())
    assert phases[0].start == athlete.start and phases[0].days >= 7
    assert phases[0].name == "offseason_strength"


def test_a_sliver_between_a_recovery_and_the_off_season_joins_the_off_season_block() -> None:
    """Property test: a southern 5k on 18 May left six days of 'base' (26-31 May) between the race's
    recovery and the off-season block that opens on 1 June; the block opens early instead."""
    raw = profile("2026-01-05", "2026-08-02", [{"date": "2026-05-18", "distance": "5k", "priority": "A"}], "south")
    got = [(p.name, p.start, p.end) for p in build_phases(parse_profile(raw), load_rules())[0]]
    assert got[-3:] == [
        ("race_week", D(2026, 5, 12), D(2026, 5, 18)),
        ("recovery", D(2026, 5, 19), D(2026, 5, 25)),  # seven days after a 5k
        ("offseason_strength", D(2026, 5, 26), D(2026, 8, 2)),  # was base 26-31 May, then the block
    ]
