"""How measured running load changes the strength plan.

The planner takes a `HistorySignal` (built from a `LoadReport`) and:
- after a load spike (ACWR above 1.5, Gabbett 2016) or a running week far above the planned one,
  keeps heavy lower-body work off the next days: the week's solver moves the heavy session later or
  lightens it, and says so;
- after a layoff of two weeks or more, restarts strength gently (moderate loads, first balance rung);
- when the profile gives no running week, uses the week inferred from the last weeks of history.
Every change is named in the session's `why` (A-LOAD-SPIKE, A-LAYOFF, A-INFERRED-WEEK) and in warnings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stridelift.domain.athlete import RunDay

if TYPE_CHECKING:  # the load model is needed only when there is history: plans without it skip its import
    from stridelift.domain.load import ActivitySummary, LoadReport

SPIKE_BLOCK_DAYS = 4  # heavy legs kept off this many days after a spike day
OVERLOAD_FACTOR = 1.3  # a running week this much above the planned minutes counts as a spike
LAYOFF_RESTART_DAYS = 21


@dataclass(frozen=True, slots=True)
class LoadEvent:
    day: dt.date
    kind: str  # "spike" | "overload"
    detail: str


@dataclass(frozen=True, slots=True)
class HistorySignal:
    as_of: dt.date | None
    events: tuple[LoadEvent, ...]
    returning_from_layoff: bool
    layoff_days: int
    last_run: dt.date | None
    inferred_week: tuple[RunDay, ...]
    notes: tuple[str, ...]
    unused: str = ""  # when history was given but changes nothing: what was found and why

    def heavy_blocked(self, day: dt.date) -> LoadEvent | None:
        for ev in self.events:
            if 0 < (day - ev.day).days <= SPIKE_BLOCK_DAYS:
                return ev
        return None

    def restart_until(self, plan_start: dt.date) -> dt.date | None:
        if not self.returning_from_layoff:
            return None
        return plan_start + dt.timedelta(days=LAYOFF_RESTART_DAYS)


EMPTY = HistorySignal(None, (), False, 0, None, (), ())


def history_signal(
    report: LoadReport,
    summaries: Iterable[ActivitySummary],
    *,
    planned_weekly_minutes: float | None,
    tz: str | None = None,
    infer_weeks: int = 8,
) -> HistorySignal:
    from stridelift.domain.load import infer_running_week, local_date

    summaries = list(summaries)
    events: list[LoadEvent] = []
    for d in report.spikes:
        day = report.day(d)
        ratio = f"{day.acwr:.2f}" if day and day.acwr is not None else "above 1.5"
        events.append(LoadEvent(d, "spike", f"acute:chronic load ratio {ratio} on {d:%d %b %Y}"))
    if planned_weekly_minutes:
        minutes: dict[dt.date, float] = defaultdict(float)
        for s in summaries:
            if s.sport == "running":
                local = local_date(s.start, tz)
                minutes[local - dt.timedelta(days=local.weekday())] += s.minutes
        for monday, total in sorted(minutes.items()):
            if total > OVERLOAD_FACTOR * planned_weekly_minutes:
                sunday = monday + dt.timedelta(days=6)
                events.append(
                    LoadEvent(
                        sunday,
                        "overload",
                        f"week of {monday:%d %b %Y}: {total:.0f} running minutes against "
                        f"{planned_weekly_minutes:.0f} planned",
                    )
                )
    runs = sorted(local_date(s.start, tz) for s in summaries if s.sport == "running")
    inferred = (
        tuple(RunDay(*t) for t in infer_running_week(summaries, infer_weeks, tz=tz, end=report.end)) if runs else ()
    )
    return HistorySignal(
        as_of=report.end,
        events=tuple(sorted(events, key=lambda e: e.day)),
        returning_from_layoff=report.returning_from_layoff,
        layoff_days=report.layoff_days,
        last_run=runs[-1] if runs else None,
        inferred_week=inferred,
        notes=report.notes,
    )
