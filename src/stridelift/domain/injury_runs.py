"""Injuries shape the runs (rule R-INJURY-RUNS): a status whose data in injuries.toml carries `runs`
changes the running while it lasts. Shin splints flaring: hill sessions become easy flat runs of the
same minutes (downhill running loads the shin) and the long run is capped at a share of the usual long
run; a flaring knee likewise. In the recovering stage after it the cap grows back week by week (a graded
return to running, `long_growth`). A flaring Achilles or hamstring also takes the strides out of every
run's note (`no_strides`). Each changed run says why. The planner and the checker share
`changes_on` and `long_cap`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from stridelift.domain.athlete import Athlete
from stridelift.domain.scheduling import RunSlot
from stridelift.domain.templates import InjuryPolicy, RunChanges, stage_at

if TYPE_CHECKING:
    from stridelift.domain.running import DayRuns


def changes_on(athlete: Athlete, injuries: Mapping[str, InjuryPolicy], day: dt.date) -> list[RunChanges]:
    """The running changes of every injury on `day`, each by its status that day (a status may move on);
    a graded return's long-run share is the one of `day`'s week in its stage (`long_growth`)."""
    out = []
    for inj in athlete.injuries:
        policy = injuries.get(inj.area)
        if policy is None:
            continue
        status, begin = stage_at(policy, inj.status, athlete.start, day)
        rc = policy.by_status[status].runs
        if rc is not None and rc.long_growth:
            rc = dataclasses.replace(rc, long_share=rc.share_after((day - begin).days // 7), long_growth=None)
        if rc is not None:
            out.append(rc)
    return out


def long_cap(usual_long: int, share: float) -> int:
    """The capped long run's minutes: the share of the usual long run, rounded down to 5 (10 at least)."""
    return max(10, 5 * int(usual_long * share // 5))


def reshape(day: DayRuns, changes: list[RunChanges], usual_long: int | None) -> DayRuns:
    """`day`'s runs under the injuries' running changes, each changed run noting why."""
    if not changes:
        return day
    from stridelift.domain.running import DayRuns

    easy = {t for c in changes for t in c.easy_instead}
    runs: list[RunSlot] = []
    notes: list[str] = []
    for i, r in enumerate(day.runs):
        new, why, before = r, [], day.note_of(i)
        if r.type in easy:  # the note that promised the hills goes with them
            before = "; ".join(n for n in before.split("; ") if r.type not in n)
            new = RunSlot("easy", r.slot, r.minutes)
            why = [c.note for c in changes if r.type in c.easy_instead]
        elif r.type == "long" and usual_long:
            for c in changes:
                if c.long_share is not None and new.minutes > (cap := long_cap(usual_long, c.long_share)):
                    new, why = RunSlot("long", r.slot, cap), [*why, c.note]
        if "strides" in before and (calm := [c.note for c in changes if c.no_strides]):
            before, why = _strideless(before), [*why, *calm]
        runs.append(new)
        notes.append("; ".join(dict.fromkeys(n for n in (before, *why) if n)))
    if tuple(runs) == day.runs and tuple(notes) == tuple(day.note_of(i) for i in range(len(day.runs))):
        return day
    return DayRuns(tuple(runs), "; ".join(dict.fromkeys(n for n in notes if n)), tuple(notes))


def strides_offered(note: str, changes: list[RunChanges]) -> bool:
    """A run note that offers strides: a part naming them that is not an injury's own note saying why
    there are none (rule R-INJURY-RUNS, `no_strides`)."""
    own = {c.note for c in changes}
    return any("strides" in part and part not in own for part in note.split("; "))


def _strideless(note: str) -> str:
    """`note` without the strides it offers: the race eve's "a few strides" goes, a part built on them
    (the base's "short hills or strides") goes whole."""
    parts = (part.replace(", a few strides", "") for part in note.split("; "))
    return "; ".join(part for part in parts if "strides" not in part)
