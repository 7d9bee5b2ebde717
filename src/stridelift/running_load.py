"""The `stridelift load` use case (CLI and web): read the window, measure it, and say plainly what
was found when the answer is empty or the plan cannot be drawn on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stridelift.domain.load import local_date
from stridelift.exporters.load_chart import Session
from stridelift.history import HistoryError, Measured, measure, read_window

MIN_DAYS = 90  # the chart shows at least this many days, whatever --weeks says
CHRONIC_LEAD = 28  # days before the first table week that its chronic load looks back on


@dataclass(frozen=True, slots=True)
class LoadView:
    measured: Measured
    sessions: list[Session] | None
    skipped: list[tuple[str, str]]
    said: list[str] = field(default_factory=list)  # what the runner should read before the table


def report_days(weeks: int) -> int:
    return max(weeks * 7 + CHRONIC_LEAD, MIN_DAYS)


def load_view(
    sources: Sequence[str] | None, *, weeks: int, end: dt.date | None, profile: Path | None
) -> LoadView:
    """Raises HistoryError when there is nothing to measure (no activity at all, or none by `end`)."""
    from stridelift.profile import load_profile

    athlete = load_profile(profile) if profile else None
    days = report_days(weeks)
    hist = read_window(sources, days=days, end=end)
    view = hist.overview or hist.activities or hist.stored
    if not view:
        raise HistoryError(f"no activities in {hist.source}; import some first: stridelift import PATH")
    tz = athlete.timezone if athlete else None
    dates = sorted(local_date(o.start, tz) for o in view)
    last = end or dates[-1]
    if dates[0] > last:
        raise HistoryError(
            f"no activities on or before {last.isoformat()} in {hist.source}: its {len(dates)} activities run from "
            f"{dates[0].isoformat()} to {dates[-1].isoformat()}"
        )
    m = measure(
        hist.activities,
        end=last,
        tz=tz,
        max_hr=athlete.max_hr if athlete else None,
        resting_hr=athlete.resting_hr if athlete else None,
        days=days,
        overview=hist.overview,
        stored=hist.stored,
        summaries=False,
    )
    said: list[str] = []
    sessions: list[Session] | None = None
    if profile is not None and athlete is not None:
        from stridelift.services import plan_profile

        res = plan_profile(profile, sources)
        sessions = [(s.date, s.format, s.heavy_lower) for s in res.plan.sessions]
        said += [w.message for w in res.plan.warnings if w.code == "HISTORY_NO_EFFECT"]
        r = m.report
        if athlete.end < r.start or athlete.start > r.end:
            said.append(
                f"the plan ({athlete.start.isoformat()} to {athlete.end.isoformat()}) does not overlap the load "
                f"report ({r.start.isoformat()} to {r.end.isoformat()}): no strength sessions are drawn on the chart"
            )
    return LoadView(m, sessions, hist.skipped, said)
