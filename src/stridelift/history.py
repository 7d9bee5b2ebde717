"""Running history for the planner and `stridelift load`: activities from the database or from
files, turned into a LoadReport and a HistorySignal.

`--history` accepts a database URL (`sqlite:///...`, `postgresql+psycopg://...`), a SQLite file
(`.db`, `.sqlite`), or activity files, folders and export archives read on the fly (nothing stored).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from stridelift.domain.activity import Activity
from stridelift.domain.adaptation import HistorySignal, history_signal
from stridelift.domain.athlete import Athlete
from stridelift.domain.load import (
    ActivitySummary,
    LoadReport,
    estimate_thresholds,
    load_report,
    local_date,
    summarize,
    typical_easy_speed,
)

REPORT_DAYS = 120
T = TypeVar("T")


class HistoryError(ValueError):
    """History that cannot be read; the message names the source."""


@dataclass(frozen=True, slots=True)
class History:
    activities: list[Activity]
    skipped: list[tuple[str, str]]
    source: str


def _is_database(source: str) -> bool:
    return "://" in source or Path(source).suffix.lower() in (".db", ".sqlite", ".sqlite3")


def read_history(sources: Sequence[str], since: dt.datetime | None = None) -> History:
    if len(sources) == 1 and _is_database(sources[0]):
        return _from_database(sources[0], since)
    for s in sources:
        if _is_database(s):
            raise HistoryError(f"{s}: give a database alone, not mixed with files")
        if not Path(s).exists():
            raise HistoryError(f"{s}: no such file or folder")
    from stridelift.importers.archive import Skipped, iter_sources
    from stridelift.importers.dispatch import read_activity_file
    from stridelift.importers.errors import ImportFileError

    acts: list[Activity] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    for item in iter_sources([Path(s) for s in sources]):
        if isinstance(item, Skipped):
            skipped.append((item.name, item.reason))
            continue
        try:
            a = read_activity_file(item.name, item.data)
        except ImportFileError as exc:
            skipped.append((item.name, str(exc)))
            continue
        if a.content_sha256 not in seen and (since is None or a.start >= since):
            seen.add(a.content_sha256)
            acts.append(a)
    return History(sorted(acts, key=lambda a: a.start), skipped, ", ".join(sources))


def _query(source: str | None, ask: Callable[[Any], T]) -> T:
    """Run `ask(repository)` on a database URL or SQLite file (default: the configured database);
    every way it can fail becomes one HistoryError naming the source."""
    from sqlalchemy.exc import SQLAlchemyError

    from stridelift.store.db import MissingDriverError, open_database
    from stridelift.store.repository import ActivityRepository

    if source is None:
        from stridelift.config import get_settings

        source = get_settings().database_url
    if "://" not in source and not Path(source).exists():
        raise HistoryError(f"{source}: no such database file")
    url = source if "://" in source else f"sqlite:///{Path(source).resolve()}"
    try:
        return ask(ActivityRepository(open_database(url)))
    except MissingDriverError as exc:
        raise HistoryError(f"{source}: {exc}") from None
    except SQLAlchemyError as exc:
        raise HistoryError(f"{source}: cannot read the database ({type(exc).__name__})") from None


def _from_database(source: str | None, since: dt.datetime | None) -> History:
    return History(_query(source, lambda repo: repo.list(since=since)), [], source or "the database")


def default_history(since: dt.datetime | None = None) -> History:
    return _from_database(None, since)


def read_window(sources: Sequence[str] | None, *, days: int, end: dt.date | None) -> History:
    """The activities of the `days` days up to `end` (default: the last recorded activity).

    From a database only that window's streams are read (the last date comes from the stream-less
    summaries), so ten years of history cost no more than a season.
    """
    if sources and not (len(sources) == 1 and _is_database(sources[0])):
        history = read_history(sources)
        acts = history.activities
        last = end or (max(a.start for a in acts).date() if acts else None)
        if last is not None:
            lo = dt.datetime.combine(last - dt.timedelta(days=days + 1), dt.time(), dt.UTC)
            acts = [a for a in acts if a.start >= lo]
        return History(acts, history.skipped, history.source)
    source = sources[0] if sources else None
    if end is None:
        last_start = _last_start(source)
        if last_start is None:
            return History([], [], source or "the database")
        end = last_start.date()
    return _from_database(source, dt.datetime.combine(end - dt.timedelta(days=days + 1), dt.time(), dt.UTC))


def _last_start(source: str | None) -> dt.datetime | None:
    return _query(source, lambda repo: max((a.start for a in repo.summaries()), default=None))


@dataclass(frozen=True, slots=True)
class Measured:
    report: LoadReport
    summaries: list[ActivitySummary]


def measure(
    activities: Sequence[Activity],
    *,
    end: dt.date,
    tz: str | None = None,
    max_hr: float | None = None,
    resting_hr: float | None = None,
    days: int = REPORT_DAYS,
) -> Measured:
    from stridelift.analysis.trimp import activity_loads

    summaries = [summarize(a) for a in activities]
    thresholds = estimate_thresholds(summaries, max_hr=max_hr, resting_hr=resting_hr)
    easy = typical_easy_speed(summaries)
    loads = activity_loads(list(activities), thresholds, easy_speed_m_s=easy)
    start = end - dt.timedelta(days=days - 1)
    report = load_report(loads, start=start, end=end, tz=tz, thresholds=thresholds)
    return Measured(report, summaries)


def signal_for(athlete: Athlete, history: History) -> HistorySignal:
    """What the planner needs to know, measured up to the plan's start (or later, when history
    already reaches into the plan's weeks)."""
    acts = history.activities
    if not acts:
        return history_signal(
            measure([], end=athlete.start - dt.timedelta(days=1), tz=athlete.timezone).report,
            [],
            planned_weekly_minutes=None,
        )
    last = max(local_date(a.start, athlete.timezone) for a in acts)
    end = min(athlete.end, max(last, athlete.start - dt.timedelta(days=1)))
    m = measure(acts, end=end, tz=athlete.timezone, max_hr=athlete.max_hr, resting_hr=athlete.resting_hr)
    planned = sum(r.minutes for r in athlete.running_week if r.type != "rest") or None
    return history_signal(m.report, m.summaries, planned_weekly_minutes=planned, tz=athlete.timezone)
