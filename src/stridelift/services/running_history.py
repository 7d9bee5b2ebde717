"""Running history in the web app: activity files a runner uploads (FIT, GPX, TCX, gzipped or
not) reduced to their load, so the progress page can set running load against strength load.

Each activity becomes one row (start, sport, duration, distance, TRIMP and the method that gave
it, see `stridelift.domain.load`); the same activity uploaded twice is stored once. A bad file is
reported by name and never stops the others; nothing is stored when the database fails.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine

from stridelift.domain.activity import Activity
from stridelift.domain.load import activity_load, cross_weight, estimate_thresholds
from stridelift.importers.dispatch import read_activity_file
from stridelift.importers.errors import ImportFileError
from stridelift.services.accounts import Account
from stridelift.store import session_scope
from stridelift.store import training_log as q
from stridelift.store.web_tables import RunnerActivityRow

MAX_FILES = 200


@dataclass(frozen=True, slots=True)
class HistoryUpload:
    read: int  # activities read from the files
    added: int  # of them, new to this runner
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)


def _heart_rates(engine: Engine, account: Account) -> tuple[float | None, float | None]:
    from stridelift.services.training import NotFound, current_profile

    try:
        athlete = current_profile(engine, account).get("athlete") or {}
    except NotFound:
        return None, None
    mx, rest = athlete.get("max_hr"), athlete.get("resting_hr")
    return (float(mx) if isinstance(mx, int | float) else None, float(rest) if isinstance(rest, int | float) else None)


def upload_history(engine: Engine, account: Account, files: Sequence[tuple[str, bytes]]) -> HistoryUpload:
    """Read every file, measure each activity's load (heart rates from the profile when it has
    them, else from the files), store what is new."""
    activities: list[tuple[str, Activity]] = []
    failed: list[tuple[str, str]] = []
    for name, data in files[:MAX_FILES]:
        try:
            activities.append((name, read_activity_file(name, data)))
        except ImportFileError as exc:
            failed.append((name, str(exc)))
    failed += [(name, f"more than {MAX_FILES} files in one upload: send it again") for name, _ in files[MAX_FILES:]]
    max_hr, resting_hr = _heart_rates(engine, account)
    thresholds = estimate_thresholds([a for _, a in activities], max_hr=max_hr, resting_hr=resting_hr)
    now = dt.datetime.now(dt.UTC)
    rows = []
    for name, act in activities:
        ld = activity_load(act, thresholds)
        rows.append(
            RunnerActivityRow(
                user_id=account.id, started_at=act.start, sport=act.sport, duration_s=act.duration_s,
                distance_m=act.distance_m, trimp=round(ld.trimp, 2), method=ld.method, file_name=name[:255],
                created_at=now,
            )
        )  # fmt: skip
    with session_scope(engine, write=True) as s:
        added = q.add_runner_activities(s, account.id, rows)
    return HistoryUpload(len(rows), added, failed)


def weekly_running_load(engine: Engine, account: Account) -> dict[dt.date, float]:
    """TRIMP per week (Monday), cross-training weighted as the load report weighs it; empty when
    the runner uploaded no history."""
    with session_scope(engine) as s:
        rows = [(r.started_at, r.sport, r.trimp) for r in q.runner_activities(s, account.id)]
    weeks: dict[dt.date, float] = defaultdict(float)
    for start, sport, trimp in rows:
        day = start.date()
        weeks[day - dt.timedelta(days=day.weekday())] += trimp * cross_weight(sport)
    return {w: round(v, 1) for w, v in sorted(weeks.items())}
