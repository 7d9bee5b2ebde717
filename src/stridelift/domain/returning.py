"""Coming back to lifting after a break (rule E-RETURN-STEPS): the first weeks of lower-body strength
after two weeks or more without it are lighter, in steps, like the runs after a race. One tracker
serves the planner (which dose to prescribe) and the checker (was it prescribed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from stridelift.domain.plan import Prescription, Session
from stridelift.domain.rules import RuleBook


def lower_strength(fmt: str, exercises: Iterable[Prescription], formats: Iterable[str]) -> bool:
    """A strength day that works the legs (the kind a break is counted between)."""
    return fmt in formats and any(p.block == "strength" and p.region in ("lower", "full") for p in exercises)


def is_lower_strength(s: Session, formats: Iterable[str]) -> bool:
    return lower_strength(s.format, s.exercises, formats)


@dataclass(frozen=True, slots=True)
class ReturnCap:
    """The most a lower-body strength lift may hold in one week back: sets and RPE."""

    step: int  # 0: the first week back, 1: the second, ...
    max_sets: int
    max_rpe: float
    gap_days: int  # how long the break before it was
    held_for: dt.date | None = None  # the A race the first week's dose is held to (E-TAPER-NO-RISE)
    intro: bool = False  # the plan's first lifts, no return (E-FIRST-LIFT)
    heavy_reps: int = 0  # sets of this many reps or fewer are held to heavy_rpe (E-FIRST-LIFT)
    heavy_rpe: float | None = None

    def rpe_for(self, reps: int | None) -> float:
        """The most RPE a lift of `reps` reps may hold under the cap."""
        if self.heavy_rpe is not None and (reps is None or reps <= self.heavy_reps):
            return min(self.max_rpe, self.heavy_rpe)
        return self.max_rpe


def return_cap(rules: RuleBook, fmt: str, step: int, gap_days: int) -> ReturnCap | None:
    params = rules["E-RETURN-STEPS"].params
    drops = params["rpe_drop"]
    if not 0 <= step < len(drops) or fmt not in params["reference"]:
        return None
    ref = rules[str(params["reference"][fmt])].params
    rpe = float(ref["rpe_start"] if "rpe_start" in ref else ref["rpe"])
    floor = int(params.get("min_sets", {}).get(fmt, 1))
    sets = max(floor, int(ref["sets"]) - int(params["sets_drop"][step]))
    return ReturnCap(step, sets, rpe - float(drops[step]), gap_days)


@dataclass(slots=True)
class ReturnTracker:
    """Feed it the dates of lower-body strength days in order; it says which week back a day is in."""

    gap_days: int
    weeks: int
    last: dt.date | None = None
    start: dt.date | None = None
    gap: int = 0

    @classmethod
    def from_rules(cls, rules: RuleBook) -> ReturnTracker:
        params = rules["E-RETURN-STEPS"].params
        return cls(int(params["gap_days"]), len(params["rpe_drop"]))

    def peek(self, day: dt.date) -> tuple[int, int] | None:
        """(week back, days of the break) for a lower-body strength day on `day`, or None at full dose.
        The plan's first strength day is no return: what came before it is not known here."""
        start, gap = self.start, self.gap
        if self.last is not None and (day - self.last).days >= self.gap_days:
            start, gap = day, (day - self.last).days
        if start is None:
            return None
        k = (day - start).days // 7
        return (k, gap) if k < self.weeks else None

    def record(self, day: dt.date) -> None:
        if self.last is not None and (day - self.last).days >= self.gap_days:
            self.start, self.gap = day, (day - self.last).days
        self.last = day


def comeback_note(cap: ReturnCap) -> str:
    """The session's words for a week back (E-RETURN-STEPS)."""
    weeks = cap.gap_days // 7
    if cap.intro and cap.held_for is not None:
        return (
            f"Held at the introduction's dose (at most {cap.max_sets} sets, RPE {cap.rpe_for(None):g} on heavy sets) "
            f"until the A race on {cap.held_for:%a %d %b}: the strength dose never rises as the race nears."
        )
    if cap.held_for is not None:
        return (
            f"Held at the first week back's dose (at most {cap.max_sets} set{'s' if cap.max_sets > 1 else ''} and "
            f"RPE {cap.max_rpe:g} on every lift) until the A race on {cap.held_for:%a %d %b}: the strength dose "
            f"never rises as the race nears."
        )
    if cap.step == 0:
        return (
            f"First week back after {weeks} weeks without heavy leg work: fewer sets (at most {cap.max_sets}) and "
            f"at most RPE {cap.max_rpe:g} on every lift (a few percent less weight than usual), no jumps; "
            f"lifting comes back in steps like the runs."
        )
    return f"Week {cap.step + 1} back after the break: at most RPE {cap.max_rpe:g} on every lift; then the usual dose."
