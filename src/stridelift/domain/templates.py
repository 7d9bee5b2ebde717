"""Session templates and injury policies as value objects (loaded from data/templates.toml and
data/injuries.toml)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Station:
    region: str
    pattern: str
    prefer: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CircuitTemplate:
    id: str
    name: str
    source: tuple[str, ...]
    stations: tuple[Station, ...]
    # the exercises its source lists (the seed's eight), named when a session leaves one out (E-SUBSTITUTE-WHY)
    seed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HeavyTemplate:
    id: str
    name: str
    source: tuple[str, ...]
    main: Station
    second: Station
    calf: Station
    upper: Station


@dataclass(frozen=True, slots=True)
class PhaseMenu:
    sessions: tuple[str, ...]
    required: int
    single: str | None = None  # the phase's one session for a runner with one a week (else the first)

    def wanted(self, per_week: int) -> list[str]:
        """The sessions to place in a week of at most `per_week`, most important first."""
        if per_week == 1 and self.single:
            return [self.single]
        return list(self.sessions[:per_week])


@dataclass(frozen=True, slots=True)
class Timing:
    rep_seconds: float
    circuit_rep_seconds: float
    transition_s: int
    per_side_factor: int


@dataclass(frozen=True, slots=True)
class RunChanges:
    """What an injury status changes in the running (rule R-INJURY-RUNS): run types that become easy flat
    runs, the long run's cap as a share of the usual long run, and the reason the changed runs carry."""

    easy_instead: tuple[str, ...] = ()
    long_share: float | None = None
    note: str = ""
    # a graded return: the long run's cap grows by this share a week from the stage's first day
    long_growth: float | None = None
    # no strides on any run (a flaring Achilles or hamstring: sprinting loads it most); a run note that
    # offers strides is not written while it holds
    no_strides: bool = False

    def share_after(self, weeks: int) -> float | None:
        """The long run's cap as a share of the usual one in the stage's week `weeks` (0 = its first)."""
        if self.long_share is None:
            return None
        if not self.long_growth:
            return self.long_share
        return min(1.0, self.long_share * (1 + self.long_growth) ** weeks)


@dataclass(frozen=True, slots=True)
class Rehab:
    """A stage's own tendon loading as a fixed micro-block (rule I-REHAB-DOSE): the same dose whatever
    session it lands in. Holds (`hold_s`) or slow reps (`reps`, one entry per week of the stage, the last
    one kept: the load rises as the reps fall), with its `tempo`, at least `per_week` times a week;
    `reduced_sets` in the taper, race week and recovery (it costs little fatigue, so it stays)."""

    sets: int
    rest_s: int
    per_week: int
    reduced_sets: int
    rpe: float
    hold_s: int | None = None
    reps: tuple[int, ...] = ()
    tempo: str = ""


@dataclass(frozen=True, slots=True)
class StatusPolicy:
    exclude_loads: tuple[str, ...] = ()
    no_plyometrics: bool = False
    # the areas not yet loaded by heavy lifting (an Achilles in its slow-raise stage): their work is the
    # stage's own slow raises, never a heavy station (rule I-STAGE-HEAVY)
    no_heavy_loads: tuple[str, ...] = ()
    rpe_cap: float | None = None
    add: tuple[str, ...] = ()
    cap_patterns: tuple[str, ...] = ()  # the movements the cap holds in heavy work (empty: all of them)
    progress_weeks: int | None = None  # the status moves on by itself after this many weeks in it
    progress_to: str | None = None
    runs: RunChanges | None = None
    # what its note promises to leave out in every block (exercises.toml `tags`)
    exclude_tags: tuple[str, ...] = ()
    stage: str = ""  # the stage in words, for the dated note when it begins
    rehab: Rehab | None = None  # the stage's own loading as a fixed micro-block (rule I-REHAB-DOSE)


@dataclass(frozen=True, slots=True)
class InjuryPolicy:
    area: str
    rule: str
    advice: str
    source: tuple[str, ...]
    by_status: Mapping[str, StatusPolicy]
    runs_source: tuple[str, ...] = ()
    # a status held to the plan's end (no `progress`): the warning that says so and what to do when it
    # settles (rule I-STAGED)
    held: str = ""


def status_on(policy: InjuryPolicy, status: str, start: dt.date, day: dt.date) -> str:
    """The injury's status on `day` of a plan from `start`: a flaring tendon is loaded back on schedule
    (injuries.toml `progress`: each stage lasts its `after_weeks`, then the next one begins), not
    excluded for the whole plan."""
    for name, _, end in stages(policy, status, start):
        if end is None or day < end:
            return name
    return status


def stage_at(policy: InjuryPolicy, status: str, start: dt.date, day: dt.date) -> tuple[str, dt.date]:
    """The injury's stage on `day` and the stage's first day."""
    chain = stages(policy, status, start)
    for name, begin, end in chain:
        if end is None or day < end:
            return name, begin
    return chain[-1][0], chain[-1][1]


def stages(policy: InjuryPolicy, status: str, start: dt.date) -> list[tuple[str, dt.date, dt.date | None]]:
    """The injury's stages from `start`: (status, its first day, the next stage's first day or None)."""
    out: list[tuple[str, dt.date, dt.date | None]] = []
    begin, seen = start, {status}
    while True:
        sp = policy.by_status[status]
        if sp.progress_weeks is None or not sp.progress_to or sp.progress_to in seen:
            out.append((status, begin, None))
            return out
        end = begin + dt.timedelta(weeks=sp.progress_weeks)
        out.append((status, begin, end))
        status, begin = sp.progress_to, end
        seen.add(status)


def stage_dates(policy: InjuryPolicy, status: str, start: dt.date, end: dt.date) -> str:
    """The stages a plan from `start` to `end` goes through, with their dates and words (empty when it
    holds one status all plan): the runner sees when each one begins."""
    chain = [(st, b, e) for st, b, e in stages(policy, status, start) if b <= end]
    if len(chain) < 2:
        return ""
    parts = []
    for st, begin, nxt in chain:
        words = policy.by_status[st].stage
        last = None if nxt is None or nxt > end else nxt - dt.timedelta(days=1)
        when = f"{begin:%a %d %b}-{last:%a %d %b}" if last else f"from {begin:%a %d %b}"
        parts.append(f"{st} {when}" + (f": {words}" if words else ""))
    # the dates are the earliest a stage may begin: symptoms decide (I-STAGE-WORDS)
    return (
        " Stages: "
        + "; ".join(parts)
        + ". Each stage begins on its date only if the stage before no longer provokes symptoms (pain at most "
        "2-3 out of 10 during and after the exercises, settled by the next morning); if not, stay on the "
        "stage before."
    )


@dataclass(frozen=True, slots=True)
class Templates:
    phases: Mapping[str, PhaseMenu]
    timing: Timing
    circuits: tuple[CircuitTemplate, ...]
    heavy: tuple[HeavyTemplate, ...]
    injuries: Mapping[str, InjuryPolicy]
