"""The plan's first lifts (rule E-FIRST-LIFT): the first lower-body strength sessions of a plan are an
introduction (few sets, a moderate effort, warm-up sets before a barbell lift, how to do the movement),
and a session is called "Maintenance" only once the plan has built something to maintain. It reuses the
return-after-a-break machinery (E-RETURN-STEPS): the plan's start is a return from nothing known."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stridelift.domain.returning import ReturnCap
from stridelift.domain.rules import RuleBook

MAINTENANCE_PREFIX = "Maintenance: "
INTRO_PREFIX = "Introduction: "


@dataclass(frozen=True, slots=True)
class FirstLift:
    """The rule's numbers."""

    days: int  # the days from the first lower-body strength session that are its introduction
    sessions: int  # ... and at least this many sessions
    max_sets: int
    max_rpe: float  # a learning dose's higher-rep sets
    heavy_reps: int
    heavy_max_rpe: float  # sets of `heavy_reps` or fewer
    warmup_equipment: frozenset[str]
    built_days: int  # lifting before a session may be called maintenance
    novice_built_days: int

    @classmethod
    def from_rules(cls, rules: RuleBook) -> FirstLift:
        p = rules["E-FIRST-LIFT"].params
        return cls(
            int(p["days"]),
            int(p["sessions"]),
            int(p["max_sets"]),
            float(p["max_rpe"]),
            int(p["heavy_reps"]),
            float(p["heavy_max_rpe"]),
            frozenset(str(e) for e in p["warmup_equipment"]),
            int(p["built_days"]),
            int(p["novice_built_days"]),
        )

    def in_intro(self, first: dt.date | None, day: dt.date, done: int) -> bool:
        """A lower-body strength day on `day` is part of the introduction (`first`: the plan's first one,
        `done`: how many came before it): the first week's, and at least the first `sessions` of them."""
        return first is None or done < self.sessions or (day - first).days < self.days

    def built(self, first: dt.date | None, day: dt.date, novice: bool) -> bool:
        """Has the plan lifted long enough before `day` for a session to maintain something?"""
        need = self.novice_built_days if novice else self.built_days
        return first is not None and (day - first).days >= need

    def rpe_cap(self, reps: int | None) -> float:
        return self.heavy_max_rpe if reps is None or reps <= self.heavy_reps else self.max_rpe

    def cap(self, other: ReturnCap | None) -> ReturnCap:
        """The introduction's cap, within any other cap the day has."""
        mine = ReturnCap(
            0, self.max_sets, self.max_rpe, 0, intro=True, heavy_reps=self.heavy_reps, heavy_rpe=self.heavy_max_rpe
        )
        if other is None:
            return mine
        return ReturnCap(
            other.step,
            min(other.max_sets, mine.max_sets),
            min(other.max_rpe, mine.max_rpe),
            other.gap_days,
            other.held_for,
            intro=True,
            heavy_reps=self.heavy_reps,
            heavy_rpe=min(self.heavy_max_rpe, other.max_rpe),
        )


def intro_note(cap: ReturnCap) -> str:
    """The session's words for the plan's first lifts (E-FIRST-LIFT)."""
    return (
        f"Your first lifts of the plan: an introduction, at most {cap.max_sets} sets and an easy effort "
        f"(RPE {cap.heavy_rpe:g} on sets of {cap.heavy_reps} or fewer, {cap.max_rpe:g} on longer sets), no jumps yet. "
        "Learn each movement: "
        "slow and controlled, full range you can hold with good form (brace, knees track over the toes, "
        "back neutral); the load goes up over the coming weeks."
    )


def after_long_note(minutes: int, lighter: bool, very: bool = False, words: str = "lighter") -> str:
    """The words for a leg session the day after a long run (E-AFTER-LONG): it names the run, and after a very
    long one says how the session was made lighter (E-AFTER-VERY-LONG)."""
    if very:
        return (
            f"Yesterday's {minutes}-minute long run still tires the legs: no better day this week spares the key "
            f"runs, so the session stays here but {words}: no jumps and at most 2 sets (rounds) of each leg "
            "exercise; stop earlier if the legs feel heavy."
        )
    less = " a set lighter" if lighter else ""
    return (
        f"Yesterday's {minutes}-minute long run still tires the legs: no better day this week spares the key "
        f"runs, so the session stays here{less}; stop a set early if the legs feel heavy."
    )
