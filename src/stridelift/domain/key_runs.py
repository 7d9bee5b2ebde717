"""Which planned runs are key runs (rule E-KEY-RUN-EVE), judged on the run as planned for its date.

The usual week's types alone overstate it: in the off-season heavy block and a base far from any race
the planner itself turns the week's quality into one short hill or strides session and the long run into
an easy (capped) one (R-RUNS-BY-PHASE). Neither is a key session then, so its eve may hold leg strength.
One definition serves the planner (DayCalendar) and the checker, so they cannot disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stridelift.domain.plan import Plan
from stridelift.domain.rules import RuleBook

RULE = "E-KEY-RUN-EVE"


@dataclass(frozen=True, slots=True)
class KeyRuns:
    """The key run types and, per phase, the planned runs that are base running there, not key."""

    types: frozenset[str]
    eased_phases: Mapping[str, int]  # phase -> the next race must be more than this many days away (0: any)
    eased_minutes: Mapping[str, int]  # run type -> at most this many minutes is base running in those phases

    @classmethod
    def of(cls, rules: RuleBook) -> KeyRuns:
        p = rules[RULE].params
        return cls(
            frozenset(str(t) for t in p["key_types"]),
            {str(k): int(v) for k, v in dict(p.get("eased_phases", {})).items()},
            {str(k): int(v) for k, v in dict(p.get("eased_minutes", {})).items()},
        )

    def eased(self, phase: str | None, next_race_in: int | None) -> bool:
        """True where the phase runs base running: its short hills and easy long run are no key runs."""
        if phase is None or phase not in self.eased_phases:
            return False
        far = self.eased_phases[phase]
        return far == 0 or next_race_in is None or next_race_in > far

    def kinds(self, runs: Iterable[tuple[str, int]], phase: str | None, next_race_in: int | None) -> frozenset[str]:
        """The key run types among a day's planned (type, minutes) runs."""
        eased = self.eased(phase, next_race_in)
        out = set()
        for t, minutes in runs:
            if t not in self.types:
                continue
            if eased and t in self.eased_minutes and minutes <= self.eased_minutes[t]:
                continue
            out.add(t)
        return frozenset(out)


def next_race_in(day: dt.date, race_dates: Iterable[dt.date]) -> int | None:
    """Days from `day` to the next race after it (None: no race ahead)."""
    ahead = [(r - day).days for r in race_dates if r > day]
    return min(ahead) if ahead else None


def planned_keys(plan: Plan, rules: RuleBook, race_dates: Iterable[dt.date]) -> dict[dt.date, frozenset[str]]:
    """Each date of the plan that holds a key run -> its key run types, from the plan's runs and phases."""
    keys = KeyRuns.of(rules)
    races = sorted(set(race_dates))
    by_day: dict[dt.date, list[tuple[str, int]]] = {}
    for r in plan.runs:
        by_day.setdefault(r.date, []).append((r.type, r.minutes))
    out: dict[dt.date, frozenset[str]] = {}
    for day, runs in by_day.items():
        phase = next((ph.name for ph in plan.phases if ph.contains(day)), None)
        got = keys.kinds(runs, phase, next_race_in(day, races))
        if got:
            out[day] = got
    return out
