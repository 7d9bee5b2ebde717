"""Running history for the planner and `stridelift load`: activities from the database or from
files, turned into a LoadReport and a HistorySignal.

`--history` accepts a database URL (`sqlite:///...`, `postgresql+psycopg://...`), a SQLite file
(`.db`, `.sqlite`), or activity files, folders and export archives read on the fly (nothing stored).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from stridelift.domain.activity import Activity
from stridelift.domain.adaptation import SPIKE_BLOCK_DAYS, HistorySignal, history_signal
from stridelift.domain.athlete import Athlete
from stridelift.domain.load import (
    ActivitySummary,
    LoadReport,
    estimate_thresholds,
    load_report,
    local_date,
    typical_easy_speed,
)
from stridelift.history_error import HistoryError as HistoryError

if TYPE_CHECKING:
    from stridelift.analysis.trimp import StreamsRow

REPORT_DAYS = 120
# Days of history read before the report's first day so that its acute/chronic/CTL/ATL start
# from the runner's real load, not from zero: six CTL time constants (42 days), after which a
# carried-in CTL is within e^-6 = 0.25% of one computed from the very first activity.
LEAD_DAYS = 6 * 42
PEEK_MARGIN = dt.timedelta(days=2)
T = TypeVar("T")


class Recorded(Protocol):
    """What the whole-history overview needs of an activity (a stored summary or a summarized file)."""

    @property
    def sport(self) -> str: ...
    @property
    def start(self) -> dt.datetime: ...
    @property
    def duration_s(self) -> float: ...
    @property
    def moving_time_s(self) -> float | None: ...
    @property
    def distance_m(self) -> float | None: ...
    @property
    def max_hr(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class History:
    """Activities with streams (a window of them), and ``overview``: every activity of the source,
    without streams, from which heart-rate thresholds and easy pace are estimated once."""

    activities: list[Activity]
    skipped: list[tuple[str, str]]
    source: str
    overview: Sequence[Recorded] = ()
    stored: Sequence[StreamsRow] = ()  # a window read from a database with its streams as arrays


def _is_database(source: str) -> bool:
    return "://" in source or Path(source).suffix.lower() in (".db", ".sqlite", ".sqlite3")


def read_history(sources: Sequence[str], since: dt.datetime | None = None) -> History:
    if len(sources) == 1 and _is_database(sources[0]):
        return _from_database(sources[0], since)
    for s in sources:
        if _is_database(s):
            raise HistoryError(f"{_shown(s)}: give a database alone, not mixed with files")
        if not Path(s).exists():
            raise HistoryError(f"{s}: no such file or folder")
    from stridelift.analysis.summary import summarize_np
    from stridelift.importers.archive import Skipped, iter_sources
    from stridelift.importers.dispatch import read_activity_file
    from stridelift.importers.errors import ImportFileError
    from stridelift.importers.peek import peek_start

    acts: list[Activity] = []
    overview: list[Recorded] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    # a file whose first bytes say it began well before the window is not decoded at all (a
    # peeked time is never earlier than the real start; the margin covers clock oddities)
    too_old = since - PEEK_MARGIN if since is not None else None
    for item in iter_sources([Path(s) for s in sources]):
        if isinstance(item, Skipped):
            skipped.append((item.name, item.reason))
            continue
        if too_old is not None:
            started = peek_start(item.name, item.data)
            if started is not None and started < too_old:
                continue
        try:
            a = read_activity_file(item.name, item.data)
        except ImportFileError as exc:
            skipped.append((item.name, str(exc)))
            continue
        if a.content_sha256 in seen:
            continue
        seen.add(a.content_sha256)
        overview.append(summarize_np(a))
        if since is None or a.start >= since:
            acts.append(a)
    overview.sort(key=lambda o: o.start)
    acts.sort(key=lambda a: (a.start, a.content_sha256))  # ties: one order whatever the folder's
    return History(acts, skipped, ", ".join(sources), overview)


def _query(source: str | None, ask: Callable[[Any], T]) -> T:
    """Run `ask(repository)` on a database URL or SQLite file (default: the configured database),
    opened read-only; every way it can fail becomes one HistoryError naming the source, its
    password masked."""
    from sqlalchemy.exc import SQLAlchemyError

    from stridelift.store.readonly import (
        DatabaseUrlError,
        display_url,
        open_readonly,
        open_sqlite_readonly,
        schema_problem,
    )
    from stridelift.store.repository import ActivityRepository

    if source is None:
        from stridelift.config import get_settings

        source = get_settings().database_url
        if source.startswith("sqlite:///") and not Path(source.removeprefix("sqlite:///")).exists():
            where = source.removeprefix("sqlite:///")
            raise HistoryError(f"no activities: no database at {where} yet; import some first: stridelift import PATH")
    shown = display_url(source)
    try:
        engine = open_readonly(source) if "://" in source else open_sqlite_readonly(Path(source))
    except DatabaseUrlError as exc:
        raise HistoryError(str(exc)) from None
    try:
        problem = schema_problem(engine)
        if problem:
            raise HistoryError(f"{shown}: {problem}")
        return ask(ActivityRepository(engine))
    except (SQLAlchemyError, ImportError) as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        reason = _hide(detail[0][:200] if detail else "", source)
        raise HistoryError(f"{shown}: cannot read the database ({type(exc).__name__}: {reason})") from None
    finally:
        engine.dispose()


def _hide(message: str, url: str) -> str:
    """A driver's message with the URL's password (if any) masked, should a driver ever echo it."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):  # an unparsable URL was refused before any driver saw it
        return message
    return message.replace(str(password), "***") if password else message


def _shown(source: str | None) -> str:
    from stridelift.store.readonly import display_url

    return display_url(source) if source else "the database"


def _from_database(source: str | None, since: dt.datetime | None) -> History:
    def ask(repo: Any) -> tuple[list[Activity], list[Recorded]]:
        return repo.list(since=since), repo.summaries()

    acts, overview = _query(source, ask)
    return History(acts, [], _shown(source), overview)


def default_history(since: dt.datetime | None = None) -> History:
    return _from_database(None, since)


def read_window(
    sources: Sequence[str] | None, *, days: int, end: dt.date | None, lead_days: int = LEAD_DAYS
) -> History:
    """The activities of the `days` days up to `end` (default: the last recorded activity) and of
    the `lead_days` before them, with the whole history's overview.

    From a database only that window's streams are read (the overview comes from the stream-less
    summaries), so ten years of history cost no more than a season.
    """
    reach = dt.timedelta(days=days + lead_days + 1)
    if sources and not (len(sources) == 1 and _is_database(sources[0])):
        history = read_history(sources)
        acts = history.activities
        last = end or (max(a.start for a in acts).date() if acts else None)
        if last is not None:
            lo = dt.datetime.combine(last - reach, dt.time(), dt.UTC)
            acts = [a for a in acts if a.start >= lo]
        return History(acts, history.skipped, history.source, history.overview)
    source = sources[0] if sources else None

    def ask(repo: Any) -> tuple[list[Recorded], list[StreamsRow]]:
        from stridelift.store.arrays import stream_arrays

        overview: list[Recorded] = repo.summaries()
        if not overview:
            return overview, []
        last_day = end or max(o.start for o in overview).date()
        since = dt.datetime.combine(last_day - reach, dt.time(), dt.UTC)
        until = dt.datetime.combine(last_day + dt.timedelta(days=2), dt.time(), dt.UTC)
        return overview, [r for r in stream_arrays(repo.engine, since) if r.start < until]

    overview, stored = _query(source, ask)
    return History([], [], _shown(source), overview, stored)


@dataclass(frozen=True, slots=True)
class Measured:
    report: LoadReport
    summaries: list[ActivitySummary]  # the activities of the report's days (not the lead-in)
    in_report: int = 0  # activities (any sport) dated within the report's days
    recorded: int = 0  # activities in the whole history


def measure(
    activities: Sequence[Activity],
    *,
    end: dt.date,
    tz: str | None = None,
    max_hr: float | None = None,
    resting_hr: float | None = None,
    days: int = REPORT_DAYS,
    overview: Sequence[Recorded] = (),
    lead_days: int = LEAD_DAYS,
    stored: Sequence[StreamsRow] = (),
    summaries: bool = True,
) -> Measured:
    """The load report of the `days` days up to `end`, carried in from the `lead_days` before.

    Heart-rate thresholds and easy pace come from `overview`, the whole history (default: the
    activities given), never from the window shown, so an activity's load does not depend on it.
    """
    from stridelift.analysis.summary import summarize_np
    from stridelift.analysis.trimp import activity_loads, array_loads

    start = end - dt.timedelta(days=days - 1)
    seed_from = start - dt.timedelta(days=lead_days)
    dated = [(local_date(a.start, tz), a) for a in activities]
    window = [a for d, a in dated if seed_from <= d <= end]
    stored_window = [r for r in stored if seed_from <= local_date(r.start, tz) <= end]
    view: Sequence[Recorded] = overview or [*(summarize_np(a) for a in activities), *stored]
    thresholds = estimate_thresholds(view, max_hr=max_hr, resting_hr=resting_hr)
    easy = typical_easy_speed(view)
    loads = activity_loads(window, thresholds, easy_speed_m_s=easy)
    loads += array_loads(stored_window, thresholds, easy_speed_m_s=easy)
    view_dates = sorted((local_date(o.start, tz), o.sport) for o in view)
    runs_before = [d for d, sport in view_dates if sport == "running" and d < seed_from]
    report = load_report(
        loads,
        start=start,
        end=end,
        tz=tz,
        thresholds=thresholds,
        seed_from=seed_from,
        first_activity=view_dates[0][0] if view_dates else None,
        last_run_before=runs_before[-1] if runs_before else None,
    )
    in_days = [summarize_np(a) for d, a in dated if start <= d <= end] if summaries else []
    in_report = sum(1 for d, _ in view_dates if start <= d <= end)
    if view_dates and not in_report:
        first, last = view_dates[0][0], view_dates[-1][0]
        n = len(view_dates)
        if first > end:
            said = f"no activities on or before {end.isoformat()}: the first of {n} is on {first.isoformat()}"
        else:
            before = max(d for d, _ in view_dates if d <= end)
            said = (
                f"no activities from {start.isoformat()} to {end.isoformat()}: the last of {n} before then is on "
                f"{before.isoformat()}, {(end - before).days} days before {end.isoformat()}"
                + (f" (the last of all on {last.isoformat()})" if last > end else "")
            )
        report = replace(report, notes=(said, *report.notes))
    return Measured(report, in_days, in_report, len(view_dates))


def signal_for(athlete: Athlete, history: History) -> HistorySignal:
    """What the planner needs to know, measured up to the plan's start (or later, when history
    already reaches into the plan's weeks). When the history changes nothing, the signal says what
    was found and why (``unused``), so the runner is not left guessing."""
    acts = history.activities
    tz = athlete.timezone
    view = history.overview
    if not acts:
        m = measure([], end=athlete.start - dt.timedelta(days=1), tz=tz, overview=view)
        signal = history_signal(m.report, [], planned_weekly_minutes=None)
        return replace(signal, unused=_found(history, athlete) + "; none of them is in the plan's reach")
    last = max(local_date(a.start, tz) for a in acts)
    end = min(athlete.end, max(last, athlete.start - dt.timedelta(days=1)))
    m = measure(acts, end=end, tz=tz, max_hr=athlete.max_hr, resting_hr=athlete.resting_hr, overview=view)
    planned = sum(r.minutes for r in athlete.running_week if r.type != "rest") or None
    signal = history_signal(m.report, m.summaries, planned_weekly_minutes=planned, tz=tz)
    if _changes_plan(signal, athlete):
        return signal
    if not m.in_report:
        why = f"none of them in the {REPORT_DAYS} days up to {end:%d %b %Y}"
    else:
        runs = sum(1 for s in m.summaries if s.sport == "running")
        why = (
            f"{m.in_report} of them ({runs} runs) in the {REPORT_DAYS} days up to {end:%d %b %Y}: no load spike, "
            "no week above the planned running minutes, no layoff"
            + (", and the profile gives the running week" if planned else "")
        )
    return replace(signal, unused=f"{_found(history, athlete)}; {why}")


def _found(history: History, athlete: Athlete) -> str:
    view = history.overview or list(history.activities)
    if not view:
        return f"history {history.source}: no activities found"
    first = min(local_date(o.start, athlete.timezone) for o in view)
    last = max(local_date(o.start, athlete.timezone) for o in view)
    where = (
        f", all after the plan ends ({athlete.end:%d %b %Y})"
        if first > athlete.end
        else f", all more than {REPORT_DAYS} days before the plan starts ({athlete.start:%d %b %Y})"
        if last < athlete.start - dt.timedelta(days=REPORT_DAYS)
        else ""
    )
    return f"history {history.source}: {len(view)} activities from {first:%d %b %Y} to {last:%d %b %Y}{where}"


def _changes_plan(signal: HistorySignal, athlete: Athlete) -> bool:
    reach = dt.timedelta(days=SPIKE_BLOCK_DAYS)
    events = any(ev.day + reach >= athlete.start and ev.day < athlete.end for ev in signal.events)
    inferred = bool(signal.inferred_week) and not any(r.type != "rest" for r in athlete.running_week)
    return events or signal.returning_from_layoff or inferred
