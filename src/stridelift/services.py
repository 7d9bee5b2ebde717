"""Use cases: the one place that wires data files, the solver and the domain together."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.athlete import Athlete
from stridelift.domain.checker import Finding, check_plan
from stridelift.domain.plan import Plan
from stridelift.domain.planner import make_plan
from stridelift.domain.vocab import QUALITY_RUNS
from stridelift.exporters.plan_json import PlanFormatError, plan_from_dict
from stridelift.profile import load_profile
from stridelift.solvers import CpSatWeekSolver


@lru_cache(maxsize=1)
def week_solver() -> CpSatWeekSolver:
    """One solver per process, so its memo of week shapes serves every plan made here."""
    return CpSatWeekSolver(quality_types=frozenset(QUALITY_RUNS - {"race"}))


def plan_athlete(athlete: Athlete) -> Plan:
    return make_plan(
        athlete, library=load_library(), rules=load_rules(), templates=load_templates(), solver=week_solver()
    )


@dataclass(frozen=True, slots=True)
class PlanResult:
    athlete: Athlete
    plan: Plan
    findings: list[Finding]


def plan_profile(path: Path) -> PlanResult:
    athlete = load_profile(path)
    plan = plan_athlete(athlete)
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    return PlanResult(athlete, plan, findings)


def read_plan(path: Path) -> Plan:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PlanFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanFormatError(f"{path}: not a JSON plan ({exc})") from None
    return plan_from_dict(raw)


def check_plan_file(plan_path: Path, profile_path: Path | None) -> tuple[list[Finding], list[str]]:
    plan = read_plan(plan_path)
    athlete = load_profile(profile_path) if profile_path else None
    return check_plan(plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete)
