"""Planning and checking: the one place that wires data files, the solver and the domain together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from stridelift.catalog import DataError, load_library, load_rules, load_templates
from stridelift.domain.athlete import Athlete
from stridelift.domain.plan import Plan
from stridelift.domain.planner import EmptyRunningWeek, make_plan
from stridelift.domain.vocab import QUALITY_RUNS
from stridelift.exporters.plan_json import PlanFormatError
from stridelift.history_error import HistoryError
from stridelift.profile import ProfileError, load_profile
from stridelift.services.errors import ServiceError
from stridelift.solvers import ExactWeekSolver

if TYPE_CHECKING:
    from stridelift.domain.adaptation import HistorySignal
    from stridelift.domain.checker import Finding

INPUT_ERRORS: tuple[type[Exception], ...] = (ProfileError, DataError, HistoryError, PlanFormatError, ServiceError)
"""What planning and checking raise for bad input: each says the problem in one line."""


@lru_cache(maxsize=1)
def week_solver() -> ExactWeekSolver:
    """One solver per process, so its memo of week shapes serves every plan made here."""
    return ExactWeekSolver(quality_types=frozenset(QUALITY_RUNS - {"race"}))


def prepare_batch_worker() -> None:
    """For a process that plans many athletes: load the data files once, move them out of the
    garbage collector's sight, and collect less often. Planning allocates many short-lived,
    acyclic objects; with the default thresholds a fifth of the time went to collections that
    found nothing (measured with bench/plan.py)."""
    import gc

    load_library(), load_rules(), load_templates()
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)


def plan_athlete(athlete: Athlete, history: HistorySignal | None = None) -> Plan:
    return make_plan(
        athlete,
        library=load_library(),
        rules=load_rules(),
        templates=load_templates(),
        solver=week_solver(),
        history=history,
    )


@dataclass(frozen=True, slots=True)
class PlanResult:
    """A plan with the profile it came from. Its rule check runs when `findings` is first read (checking,
    with the checker's import, was a tenth of `stridelift plan --format json`'s time): `stridelift plan`
    reads it for its self-check unless told `--no-self-check`."""

    athlete: Athlete
    plan: Plan
    history_skipped: list[tuple[str, str]] = field(default_factory=list)
    _findings: list[Finding] | None = field(default=None, repr=False, compare=False)
    self_check_failed: list[str] = field(default_factory=list)  # hard rules the plan fails (`self_check`)

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            from stridelift.domain.checker import check_plan

            found, _ = check_plan(
                self.plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=self.athlete
            )
            object.__setattr__(self, "_findings", found)
            return found
        return self._findings


SELF_CHECK_CODE = "SELF_CHECK_FAILED"


def self_check(result: PlanResult) -> list[str]:
    """The hard rules the plan just made fails (the checker run over it, as `stridelift check` would), each
    named once; a dated-less warning naming them is added to the plan, so a plan that breaks its own rules
    never goes out silently (coach review r0: a plan failed R-PEAK-LONG-RUN and `plan` said nothing).
    The check's findings are kept, so the summary printed after a written plan does not check twice."""
    from stridelift.domain.checker import hard_violations
    from stridelift.domain.plan import Warning

    failed = list(dict.fromkeys(f.rule for f in hard_violations(result.findings)))
    if failed:
        result.plan.warnings.append(
            Warning(
                SELF_CHECK_CODE,
                f"This plan breaks {len(failed)} of its own hard rules ({', '.join(failed)}): "
                "run `stridelift check` on it for the dates, and talk to a coach before following those weeks.",
            )
        )
    return failed


def plan_profile(path: Path, history_sources: Sequence[str] | None = None, *, check: bool = False) -> PlanResult:
    athlete = load_profile(path)
    signal = None
    skipped: list[tuple[str, str]] = []
    if history_sources:
        from stridelift.history import read_history, signal_for

        since = dt.datetime.combine(athlete.start, dt.time(), dt.UTC) - dt.timedelta(days=180)
        history = read_history(history_sources, since=since)
        skipped = history.skipped
        signal = signal_for(athlete, history)
    try:
        plan = plan_athlete(athlete, signal)
    except EmptyRunningWeek as exc:
        raise ProfileError(f"{path}: {exc}") from None
    result = PlanResult(athlete, plan, skipped)
    if check:
        object.__setattr__(result, "self_check_failed", self_check(result))
    return result


def read_plan(path: Path) -> Plan:
    from stridelift.plan_input import read_plan_file

    return read_plan_file(path)


def check_plan_file(plan_path: Path, profile_path: Path | None) -> tuple[list[Finding], list[str]]:
    from stridelift.domain.checker import check_plan

    plan = read_plan(plan_path)
    athlete = load_profile(profile_path) if profile_path else None
    return check_plan(plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete)


def has_hard_violations(findings: Sequence[Finding]) -> bool:
    from stridelift.domain.checker import hard_violations

    return bool(hard_violations(list(findings)))


def plan_from_json(raw: dict[str, object]) -> Plan:
    """A stored plan (its stridelift.plan/1 JSON) back to the domain object, to export it again."""
    from stridelift.exporters.plan_json import plan_from_dict

    return plan_from_dict(raw)
