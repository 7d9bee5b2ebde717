"""The running-load report: weekly table rows and the HTML chart, with the plan's strength sessions
drawn on it when a profile is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stridelift.services.errors import ServiceError

if TYPE_CHECKING:
    from stridelift.domain.load import LoadReport
    from stridelift.exporters.load_chart import WeekRow


@dataclass(frozen=True, slots=True)
class LoadResult:
    report: LoadReport
    rows: list[WeekRow]
    chart_html: bytes
    activities: int
    skipped: list[tuple[str, str]]


def parse_day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ServiceError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def load_report(
    *,
    weeks: int,
    history: Sequence[str] | None = None,
    profile: Path | None = None,
    end: dt.date | None = None,
) -> LoadResult:
    """Measure the `weeks` weeks up to `end` (default: the last recorded activity)."""
    from stridelift.domain.load import local_date
    from stridelift.exporters.load_chart import load_chart_html, load_table_rows
    from stridelift.history import HistoryError, measure, read_window
    from stridelift.profile import ProfileError, load_profile

    days = max(weeks * 7 + 28, 90)
    try:
        athlete = load_profile(profile) if profile else None
        hist = read_window(history, days=days, end=end)
    except (ProfileError, HistoryError) as exc:
        raise ServiceError(str(exc)) from None
    if not hist.activities:
        raise ServiceError(f"no activities in {hist.source}; import some first: stridelift import PATH")
    tz = athlete.timezone if athlete else None
    last = end or max(local_date(a.start, tz) for a in hist.activities)
    m = measure(
        hist.activities,
        end=last,
        tz=tz,
        max_hr=athlete.max_hr if athlete else None,
        resting_hr=athlete.resting_hr if athlete else None,
        days=days,
    )
    sessions = None
    if profile is not None:
        from stridelift.services.planning import INPUT_ERRORS, plan_profile

        try:
            res = plan_profile(profile, history)
        except INPUT_ERRORS as exc:
            raise ServiceError(str(exc)) from None
        sessions = [(s.date, s.format, s.heavy_lower) for s in res.plan.sessions]
    rows = load_table_rows(m.report, weeks)
    return LoadResult(m.report, rows, load_chart_html(m.report, sessions), len(hist.activities), hist.skipped)
