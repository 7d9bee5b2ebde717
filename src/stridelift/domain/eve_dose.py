"""The reduced lower-body dose on a key run's eve (E-EVE-LIGHT's `eve_dose` exception): when every
strength day of a week is the eve of a key run, one of them, the eve of the least demanding key run,
may hold two short heavy-but-low-volume leg lifts rather than the legs going without strength for
months. The planner and the checker read the same limits and the same week condition from here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import Exercise
from stridelift.domain.plan import Prescription
from stridelift.domain.rules import RuleBook

DAY = dt.timedelta(days=1)
Runs = Mapping[dt.date, Sequence[tuple[str, int]]]  # each day's runs: (type, minutes)


@dataclass(frozen=True, slots=True)
class EveDose:
    """The dose limits and the days it may fall on, from rules.toml (E-EVE-LIGHT's `eve_dose`)."""

    max_lifts: int
    min_sets: int
    max_sets: int
    min_reps: int
    max_reps: int
    max_rpe: float
    new_sets: int
    new_rpe: float
    min_rest_s: int
    blocks: frozenset[str]
    before: tuple[str, ...]  # the key runs whose eve may hold it, least demanding first
    long_max_min: int
    skip_phases: frozenset[str]
    race_days: int
    experience: frozenset[str]  # the lifters it is for (a novice's loaded sets stay at 6 reps or more)
    keys: frozenset[str]  # E-KEY-RUN-EVE's key run types
    eccentric: frozenset[str]  # eccentric-emphasis exercise ids (E-NORDIC-DOSE)

    @classmethod
    def from_params(cls, p: Mapping[str, Any], keys: Iterable[str], eccentric: Iterable[str]) -> EveDose:
        return cls(
            int(p["max_lifts"]),
            int(p["min_sets"]),
            int(p["max_sets"]),
            int(p["min_reps"]),
            int(p["max_reps"]),
            float(p["max_rpe"]),
            int(p["new_sets"]),
            float(p["new_rpe"]),
            int(p["min_rest_s"]),
            frozenset(p["blocks"]),
            tuple(p["before"]),
            int(p["long_max_min"]),
            frozenset(p["skip_phases"]),
            int(p["race_days"]),
            frozenset(p["experience"]),
            frozenset(keys),
            frozenset(eccentric),
        )

    def is_eve(self, day: dt.date, runs: Runs) -> bool:
        return any(t in self.keys for t, _ in runs.get(day + DAY, ()))

    def rank(self, day: dt.date, runs: Runs) -> int | None:
        """How demanding tomorrow's key runs are (0: the least), None when the eve may take no dose
        (a race, a run type not listed, a long run longer than `long_max_min`)."""
        tomorrow = [(t, m) for t, m in runs.get(day + DAY, ()) if t in self.keys]
        if not tomorrow:
            return None
        if any(t not in self.before or (t == "long" and m > self.long_max_min) for t, m in tomorrow):
            return None
        return max(self.before.index(t) for t, _ in tomorrow)

    def week_fault(
        self,
        day: dt.date,
        strength_days: Iterable[dt.date],
        runs: Runs,
        phase_of: Callable[[dt.date], str | None],
        races: Iterable[dt.date],
    ) -> str | None:
        """Why `day` may not hold the dose (None: it may), from the week's available strength days (a day
        in a taper, race week or recovery is no day for leg strength either way)."""
        phase = phase_of(day)
        if phase in self.skip_phases:
            return f"the {phase.replace('_', ' ')} takes no leg strength"
        near = [r for r in races if dt.timedelta(0) < r - day <= dt.timedelta(days=self.race_days)]
        if near:
            return f"a race {(min(near) - day).days} days later"
        if any(t in self.keys for t, _ in runs.get(day, ())):
            return "a key run the same day"
        here = self.rank(day, runs)
        if here is None:
            return "the key run next day is no eve for the reduced dose (a race, or a long run over the limit)"
        monday = day - dt.timedelta(days=day.weekday())
        week = [d for d in strength_days if monday <= d < monday + 7 * DAY]
        free = [d for d in week if not self.is_eve(d, runs) and phase_of(d) not in self.skip_phases]
        if free:
            return f"{free[0]:%A} is free of a key run the next day"
        better = [d for d in week if (r := self.rank(d, runs)) is not None and r < here]
        if better:
            return f"{better[0]:%A} is the eve of a less demanding key run"
        return None

    def lift_faults(self, p: Prescription, ex: Exercise, known: bool) -> list[str]:
        """What makes one leg-fatiguing exercise more than the reduced dose allows."""
        out: list[str] = []
        if p.block not in self.blocks:
            out.append(f"in the {p.block} block")
        if ex.plyometric or p.block == "power":
            out.append("a jump")
        if ex.id in self.eccentric:
            out.append("eccentric-emphasis work")
        if p.reps is None or not self.min_reps <= p.reps <= self.max_reps:
            out.append(
                f"{p.reps or p.duration_s} {'reps' if p.reps else 's'} (allowed {self.min_reps}-{self.max_reps})"
            )
        most_sets = self.max_sets if known else self.new_sets
        if not self.min_sets <= p.sets <= most_sets:
            out.append(f"{p.sets} sets (allowed {self.min_sets}-{most_sets}{'' if known else ' for a new lift'})")
        most_rpe = self.max_rpe if known else self.new_rpe
        rpe = p.intensity.rpe
        if rpe is None or rpe > most_rpe:
            out.append(f"RPE {rpe} (at most {most_rpe:g}{'' if known else ' for a new lift'})")
        if p.rest_s < self.min_rest_s:
            out.append(f"{p.rest_s} s rest (at least {self.min_rest_s})")
        return out


def eve_dose_limits(rules: RuleBook) -> EveDose:
    """The exception's limits from E-EVE-LIGHT's data (its key runs are E-KEY-RUN-EVE's)."""
    rule = rules["E-EVE-LIGHT"]
    p = rule.params["eve_dose"]
    keys = rules[str(rule.params["key_rule"])].params["key_types"]
    return EveDose.from_params(p, keys, rules[str(p["eccentric_rule"])].params["ids"])


def eve_dose_day(
    dose: EveDose,
    placed: Sequence[dt.date],
    in_plan: Sequence[dt.date],
    athlete: Athlete,
    runs: Runs,
    phase_of: Mapping[dt.date, str],
    *,
    wanted_legs: bool,
    placed_legs: bool,
    blocked: frozenset[dt.date],
) -> dt.date | None:
    """The day of the week's placed sessions that takes the reduced dose, or None: only when the week
    asked for leg work and none could be placed, on the eve of its least demanding key run."""
    if not wanted_legs or placed_legs or athlete.experience not in dose.experience:
        return None
    days = [x for x in in_plan if x.weekday() in athlete.strength_days]
    races = [r.date for r in athlete.races]
    ok = [d for d in placed if d not in blocked and dose.week_fault(d, days, runs, phase_of.get, races) is None]
    return min(ok, key=lambda d: (dose.rank(d, runs) or 0, d), default=None)
