"""The running-load report (CLI and web): read the window, measure it, build the weekly rows and
the chart, and say plainly what was found when the answer is empty or the plan cannot be drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from stridelift.services.errors import ServiceError

if TYPE_CHECKING:
    from stridelift.domain.load import LoadReport
    from stridelift.exporters.load_chart import Session, WeekRow
    from stridelift.history import Measured

MIN_DAYS = 90  # the chart shows at least this many days, whatever --weeks says
CHRONIC_LEAD = 28  # days before the first table week that its chronic load looks back on


@dataclass(frozen=True, slots=True)
class LoadResult:
    report: LoadReport
    rows: list[WeekRow]
    chart_html: bytes
    activities: int  # activities (any sport) within the report's days
    skipped: list[tuple[str, str]]
    said: list[str] = field(default_factory=list)  # what the runner should read before the table
    recorded: int = 0  # activities in the whole history


@dataclass(frozen=True, slots=True)
class LoadView:
    measured: Measured
    sessions: list[Session] | None
    skipped: list[tuple[str, str]]
    said: list[str] = field(default_factory=list)


def parse_day(text: str, option: str) -> dt.date:
    from stridelift.input_limits import date_in_window

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ServiceError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None
    try:
        return date_in_window(day)  # the window arithmetic would overflow near year 1 or 9999
    except ValueError as exc:
        raise ServiceError(f"{option}: {exc}") from None


def report_days(weeks: int) -> int:
    return max(weeks * 7 + CHRONIC_LEAD, MIN_DAYS)


def load_view(
    sources: Sequence[str] | None, *, weeks: int, end: dt.date | None, profile: Path | None
) -> LoadView:
    """The measured window. Raises HistoryError when there is nothing to measure (no activity at
    all, or none by `end`), ProfileError for a bad profile."""
    from stridelift.domain.load import local_date
    from stridelift.history import HistoryError, measure, read_window

    athlete = None
    if profile is not None:
        from stridelift.profile import load_profile  # pydantic models: only when a profile is given

        athlete = load_profile(profile)
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
        from stridelift.services.planning import plan_profile

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


def load_report(
    *,
    weeks: int,
    history: Sequence[str] | None = None,
    profile: Path | None = None,
    end: dt.date | None = None,
) -> LoadResult:
    """Measure the `weeks` weeks up to `end` (default: the last recorded activity)."""
    from stridelift.exporters.load_chart import load_chart_html, load_table_rows
    try:
        view = load_view(history, weeks=weeks, end=end, profile=profile)
    except Exception as exc:
        # profile, history and data errors; the planner's module is imported only to tell (a
        # third of a second that `load` without a profile has no other use for)
        from stridelift.services.planning import INPUT_ERRORS

        if isinstance(exc, INPUT_ERRORS):
            raise ServiceError(str(exc)) from None
        raise
    m = view.measured
    rows = load_table_rows(m.report, weeks)
    html = load_chart_html(m.report, view.sessions, weeks=weeks)
    return LoadResult(m.report, rows, html, m.in_report, view.skipped, view.said, m.recorded)
