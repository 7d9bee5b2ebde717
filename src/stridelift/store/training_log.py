"""Queries on what a runner keeps: profile versions, plans, and logged sessions, sets and symptoms.
Every query is scoped by `user_id`: another runner's row is simply not found."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.orm import Session

from stridelift.store.web_tables import (
    PlanRow,
    ProfileRow,
    RunnerActivityRow,
    SessionLogRow,
    SetLogRow,
    SymptomReportRow,
)


def add_profile_version(s: Session, user_id: int, data: dict[str, Any], now: datetime) -> ProfileRow:
    last = s.scalar(select(func.max(ProfileRow.version)).where(ProfileRow.user_id == user_id)) or 0
    row = ProfileRow(user_id=user_id, version=last + 1, data=data, created_at=now)
    s.add(row)
    s.flush()
    return row


def current_profile(s: Session, user_id: int) -> ProfileRow | None:
    return s.scalars(
        select(ProfileRow).where(ProfileRow.user_id == user_id).order_by(ProfileRow.version.desc()).limit(1)
    ).one_or_none()


def add_current_plan(s: Session, user_id: int, profile_id: int, plan_json: str, now: datetime) -> PlanRow:
    """Keep the new plan and make it the current one (the older ones stay, no longer current)."""
    s.execute(update(PlanRow).where(PlanRow.user_id == user_id, PlanRow.is_current).values(is_current=False))
    row = PlanRow(user_id=user_id, profile_id=profile_id, plan_json=plan_json, is_current=True, created_at=now)
    s.add(row)
    s.flush()
    return row


def current_plan(s: Session, user_id: int) -> PlanRow | None:
    return s.scalars(select(PlanRow).where(PlanRow.user_id == user_id, PlanRow.is_current)).one_or_none()


def current_plan_id(s: Session, user_id: int) -> int | None:
    """The current plan's id alone: the (large) plan text is read only when not cached."""
    return s.scalar(select(PlanRow.id).where(PlanRow.user_id == user_id, PlanRow.is_current))


_CURRENT_PLAN = (
    select(PlanRow.id, ProfileRow.version)
    .join(ProfileRow, PlanRow.profile_id == ProfileRow.id)
    .where(PlanRow.user_id == bindparam("u"), PlanRow.is_current)
)


def current_plan_ref(conn: Connection, user_id: int) -> tuple[int, int] | None:
    """(current plan id, the version of the profile it was made from), in one query."""
    row = conn.execute(_CURRENT_PLAN, {"u": user_id}).first()
    return None if row is None else (row[0], row[1])


def plan_text(s: Session | Connection, plan_id: int) -> str:
    return s.scalar(select(PlanRow.plan_json).where(PlanRow.id == plan_id)) or ""


def sets_of(
    s: Session,
    user_id: int,
    *,
    exercise_id: str | None = None,
    since: date | None = None,
    exercise_ids: Collection[str] | None = None,
) -> list[tuple[SetLogRow, date, str]]:
    """(set, session day, session key), oldest first."""
    q = (
        select(SetLogRow, SessionLogRow.day, SessionLogRow.session_key)
        .join(SessionLogRow, SetLogRow.session_log_id == SessionLogRow.id)
        .where(SetLogRow.user_id == user_id)
    )
    if exercise_id is not None:
        q = q.where(SetLogRow.exercise_id == exercise_id)
    if exercise_ids is not None:
        q = q.where(SetLogRow.exercise_id.in_(sorted(exercise_ids)))
    if since is not None:
        q = q.where(SessionLogRow.day >= since)
    q = q.order_by(SessionLogRow.day, SetLogRow.performed_at, SetLogRow.id)
    return [(r, d, k) for r, d, k in s.execute(q)]


def add_symptom(s: Session, row: SymptomReportRow) -> SymptomReportRow:
    s.add(row)
    s.flush()
    return row


def symptoms_of(s: Session, user_id: int, since: date | None = None) -> list[SymptomReportRow]:
    q = select(SymptomReportRow).where(SymptomReportRow.user_id == user_id)
    if since is not None:
        q = q.where(SymptomReportRow.day >= since)
    return list(s.scalars(q.order_by(SymptomReportRow.day, SymptomReportRow.id)))


def runner_activities(s: Session, user_id: int) -> list[RunnerActivityRow]:
    q = select(RunnerActivityRow).where(RunnerActivityRow.user_id == user_id)
    return list(s.scalars(q.order_by(RunnerActivityRow.started_at, RunnerActivityRow.id)))


def add_runner_activities(s: Session, user_id: int, rows: Sequence[RunnerActivityRow]) -> int:
    """Store the rows the runner does not have yet (same start and sport); returns how many."""
    known = {(r.started_at, r.sport) for r in runner_activities(s, user_id)}
    added = 0
    for row in rows:
        if (row.started_at, row.sport) in known:
            continue
        known.add((row.started_at, row.sport))
        s.add(row)
        added += 1
    s.flush()
    return added
