"""R-LONG-AFTER-SEASON: after the last A race with no A or B race ahead, the long run is held at about 70%
of the peak before it (coach review: novice_four_weeks_out's long run climbed 95 -> 160 minutes by 5 Jun,
seven weeks after a first marathon, with no goal ahead)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan
from stridelift.domain.season_end import season_cap, season_end
from stridelift.services import plan_profile

ROOT = Path(__file__).resolve().parents[2]
D = dt.date
P = load_rules()["R-LONG-AFTER-SEASON"].params
START, END = D(2027, 3, 1), D(2027, 8, 29)


def test_the_season_ends_with_the_last_a_race_with_no_a_or_b_race_after_it() -> None:
    a = D(2027, 4, 18)
    assert season_end([(a, "A")], START, END, P) == a
    assert season_end([(a, "A"), (D(2027, 5, 30), "C")], START, END, P) == a  # a C race is a workout
    assert season_end([(a, "A"), (D(2027, 5, 30), "B")], START, END, P) is None
    assert season_end([(D(2027, 2, 1), "A")], START, END, P) is None  # before the plan: nothing to judge
    assert season_cap([(a - dt.timedelta(days=21), 160)], a, 160, P) == 110  # 70% of 160, down to 5
    assert season_cap([(a - dt.timedelta(days=21), 160)], a, 100, P) == 100  # never above the usual one
    assert season_cap([], a, 120, P) == 80  # no long run before the race in the plan: the usual one's 70%


def test_no_long_run_build_after_the_novice_marathon() -> None:
    result = plan_profile(ROOT / "tests" / "stress_profiles" / "novice_four_weeks_out.toml")
    plan = result.plan
    race = D(2027, 4, 18)
    after = [r for r in plan.runs if r.type == "long" and r.date > race]
    assert after and max(r.minutes for r in after) == 110  # was 160 from 12 Jun
    assert not [f for f in result.findings if f.rule == "R-LONG-AFTER-SEASON"]
    assert not [f for f in result.findings if f.hard and not f.explained]
    [i] = [i for i, r in enumerate(plan.runs) if r.type == "long" and r.date == D(2027, 6, 12)]
    for minutes, found in ((110, False), (111, True)):
        runs = list(plan.runs)
        runs[i] = dataclasses.replace(runs[i], minutes=minutes)
        findings, _ = check_plan(
            dataclasses.replace(plan, runs=runs),
            rules=load_rules(),
            library=load_library(),
            templates=load_templates(),
            athlete=result.athlete,
        )
        assert bool([f for f in findings if f.rule == "R-LONG-AFTER-SEASON"]) is found, minutes


def test_a_plan_starting_in_the_taper_counts_the_usual_long_run_as_the_peak() -> None:
    """Drawn by the random property test: a plan starting 12 days before an A marathon held only the taper's
    70-minute long run (cut further by a shin), so the weeks after the race held the long run at 45 minutes
    for three months, under the shin's cap long after its stages ended (I-STAGED). The plan does not hold
    the build: the usual 117-minute long run counts among the 12 weeks."""
    a = D(2027, 1, 31)
    back = int(P["lookback_days"])
    taper = [(a - dt.timedelta(days=11), 70)]
    assert season_cap(taper, a, 117, P, a - dt.timedelta(days=12)) == 80  # 70% of the usual 117, down to 5
    # a plan holding all 12 weeks reads its own runs
    assert season_cap(taper, a, 117, P, a - dt.timedelta(days=back)) == 45
    assert season_cap(taper, a, 117, P) == 45
