"""R-RUNS-BY-PHASE `base_tempo_after_days`: a base longer than 8 weeks brings one tempo run a week back
(coach review: b2b_ultra_hamstring and doubles_three_a_day ran 18-19 weeks of base, 1 Mar to July, with
every interval day hills and every tempo easy)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.base_tempo import far_base_starts, tempo_back
from stridelift.domain.checker import check_plan
from stridelift.domain.plan import Plan
from stridelift.services import PlanResult, plan_profile

ROOT = Path(__file__).resolve().parents[2]
D = dt.date
DAY = dt.timedelta(days=1)


def test_the_stretch_of_far_base_and_its_57th_day() -> None:
    starts = far_base_starts(D(2027, 3, 1), D(2027, 7, 31), lambda d: "base", [D(2027, 9, 1)], 42)
    assert starts[D(2027, 3, 1)] == D(2027, 3, 1) and D(2027, 7, 25) not in starts  # 38 days before the race
    assert not tempo_back(D(2027, 4, 25), starts, 56) and tempo_back(D(2027, 4, 26), starts, 56)


def _runs_by_phase(result: PlanResult, plan: Plan) -> list[str]:
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=result.athlete
    )
    return [f.message for f in findings if f.rule == "R-RUNS-BY-PHASE"]


def test_the_ultra_runner_gets_a_tempo_a_week_after_eight_weeks_of_base() -> None:
    result = plan_profile(ROOT / "tests" / "stress_profiles" / "b2b_ultra_hamstring.toml")
    plan = result.plan
    tempos = sorted(r.date for r in plan.runs if r.type == "tempo" and r.date < D(2027, 7, 1))
    assert tempos and tempos[0] == D(2027, 4, 27)  # the first Tuesday from day 57 of the base begun 1 Mar
    assert not [f for f in result.findings if f.hard and not f.explained]
    assert not _runs_by_phase(result, plan)
    # just past: a tempo on day 56 of the base (25 Apr; 26 Apr is day 57)
    [i] = [i for i, r in enumerate(plan.runs) if r.date == D(2027, 4, 27) and r.type == "tempo"]
    early = list(plan.runs)
    early[i] = dataclasses.replace(early[i], date=D(2027, 4, 25))
    assert any(
        "tempo run in base far from any race" in m
        for m in _runs_by_phase(result, dataclasses.replace(plan, runs=early))
    )
    # just within: day 57 (26 Apr)
    ok = list(plan.runs)
    ok[i] = dataclasses.replace(ok[i], date=D(2027, 4, 26))
    assert not _runs_by_phase(result, dataclasses.replace(plan, runs=ok))
    # two tempo runs in one week of the long base
    two = [*plan.runs, dataclasses.replace(plan.runs[i], date=D(2027, 4, 29))]
    assert any("two tempo runs" in m for m in _runs_by_phase(result, dataclasses.replace(plan, runs=two)))
