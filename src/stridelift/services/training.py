"""The runner's season in the web app: profile versions, the current plan, a day's sessions with
what was done last time, logged sets (stored once per client UUID) and symptom reports."""

from __future__ import annotations

import datetime as dt
import json
import re
import weakref
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from stridelift.services.accounts import Account, FieldError
from stridelift.services.errors import ServiceError
from stridelift.store import hot_queries as hot
from stridelift.store import session_scope
from stridelift.store import training_log as q
from stridelift.store.db import WRITE
from stridelift.store.web_tables import SetLogRow, SymptomReportRow

_SECTIONS = ("athlete", "equipment", "availability", "running", "races", "injuries", "plan")
_FIELD = re.compile(rf"^(?:missing required key )?((?:{'|'.join(_SECTIONS)})(?:\.\w+|\[\d+\])*)(?::|\s|$)")
_UNKNOWN = re.compile(r"^unknown key '([^']+)' in (\S+)")


class NotFound(ServiceError):
    """The thing does not exist for this runner (another runner's ids included)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found", code=1)


def profile_field(message: str) -> str:
    """The profile field a one-line profile error is about ('races[0].date'), or '' when none."""
    m = _UNKNOWN.match(message)
    if m:
        return m.group(1) if m.group(2) == "the" else f"{m.group(2)}.{m.group(1)}"
    m = _FIELD.match(message)
    return m.group(1) if m else ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def session_key(session: dict[str, Any]) -> str:
    """Stable across re-plans: a runner has at most one session per date and slot."""
    return f"{session['date']}-{session['slot']}"


@dataclass(frozen=True, slots=True)
class CurrentPlan:
    plan_id: int
    profile_version: int
    plan: dict[str, Any]


def save_profile(engine: Engine, account: Account, raw: dict[str, Any]) -> CurrentPlan:
    """Validate the profile, plan the season, keep both (a new profile version, the new plan current).
    Logged sessions are keyed by date and slot, so they stay attached after a re-plan."""
    from stridelift.profile import ProfileError, parse_profile

    try:
        parse_profile(raw)
    except ProfileError as exc:
        raise FieldError(profile_field(str(exc)), str(exc)) from None
    with session_scope(engine, write=True) as s:
        prof = q.add_profile_version(s, account.id, raw, _now())
        return _replan(engine, s, account, prof.id, prof.version, raw)


def calendar_identity(account: Account) -> str:
    """The athlete identity calendar UIDs are built from: the account, never the runner's name."""
    return f"stridelift-account-{account.id}"


def _replan(
    engine: Engine, s: Any, account: Account, profile_id: int, version: int, raw: dict[str, Any]
) -> CurrentPlan:
    """Plan from the profile plus what recent symptom reports say, and make that plan current."""
    from stridelift.profile import parse_profile
    from stridelift.services.exports import plan_calendar, plan_json, previous_from_dict
    from stridelift.services.planning import plan_athlete
    from stridelift.services.symptom_rules import injuries_from_reports, merge_injuries

    reports = q.symptoms_of(s, account.id, since=dt.date.today() - dt.timedelta(days=30))
    merged, notes = merge_injuries(raw, injuries_from_reports(reports, dt.date.today()))
    plan_obj = plan_athlete(parse_profile(merged))
    # the calendar feed keeps its events' UIDs across re-plans: versioned against the last plan
    before = q.current_plan_id(s, account.id)
    previous = previous_from_dict(_parsed(engine, before, q.plan_text(s, before))) if before else None
    identity = calendar_identity(account)
    plan = json.loads(plan_json(plan_obj, identity, plan_calendar(plan_obj, identity, previous)))
    plan["warnings"] = [*notes, *plan.get("warnings", [])]
    text = json.dumps(plan, ensure_ascii=False)
    row = q.add_current_plan(s, account.id, profile_id, text, _now())
    s.flush()
    parsed = _parsed(engine, row.id, text)
    assert parsed is not None
    return CurrentPlan(row.id, version, parsed)


_PARSED: weakref.WeakKeyDictionary[Engine, dict[int, dict[str, Any]]] = weakref.WeakKeyDictionary()
_PARSED_MAX = 256


def _parsed(engine: Engine, plan_id: int, text: str | None = None) -> dict[str, Any] | None:
    """Plans are never changed once stored, so the parsed form is cached per database and plan id;
    without `text`, only a cached plan is returned."""
    cache = _PARSED.setdefault(engine, {})
    if plan_id not in cache:
        if text is None:
            return None
        if len(cache) >= _PARSED_MAX:
            cache.pop(next(iter(cache)))
        cache[plan_id] = json.loads(text)
    return cache[plan_id]


def cached_plan(engine: Engine, plan_id: int, text: str | None = None) -> dict[str, Any] | None:
    """Plan `plan_id` parsed, from the per-database cache (parsed from `text` when not there)."""
    return _parsed(engine, plan_id, text)


def plan_by_ref(engine: Engine, ref: tuple[int, int]) -> CurrentPlan:
    """The plan of (plan id, profile version), parsed once per database."""
    plan = _parsed(engine, ref[0])
    if plan is None:
        with engine.connect() as conn:
            plan = _parsed(engine, ref[0], q.plan_text(conn, ref[0]))
    assert plan is not None
    return CurrentPlan(ref[0], ref[1], plan)


def current_plan(engine: Engine, account: Account) -> CurrentPlan:
    with engine.connect() as conn:
        ref = q.current_plan_ref(conn, account.id)
        if ref is None:
            raise NotFound("plan")
        plan_id, version = ref
        plan = _parsed(engine, plan_id) or _parsed(engine, plan_id, q.plan_text(conn, plan_id))
    assert plan is not None
    return CurrentPlan(plan_id, version, plan)


_BY_KEY: weakref.WeakKeyDictionary[Engine, dict[int, dict[str, dict[str, Any]]]] = weakref.WeakKeyDictionary()


def _plan_session(cur: CurrentPlan, key: str, engine: Engine | None = None) -> dict[str, Any]:
    """A copy of the plan's session `key`; with `engine`, found through an index kept per plan id
    (plans never change once stored) instead of a scan of the season."""
    if engine is None:
        found = next((sess for sess in cur.plan["sessions"] if session_key(sess) == key), None)
    else:
        per_plan = _BY_KEY.setdefault(engine, {})
        index = per_plan.get(cur.plan_id)
        if index is None:
            if len(per_plan) >= _PARSED_MAX:
                per_plan.pop(next(iter(per_plan)))
            index = per_plan[cur.plan_id] = {session_key(sess): sess for sess in cur.plan["sessions"]}
        found = index.get(key)
    if found is None:
        raise NotFound("session")
    return dict(found)


def current_profile(engine: Engine, account: Account) -> dict[str, Any]:
    with session_scope(engine) as s:
        row = q.current_profile(s, account.id)
        if row is None:
            raise NotFound("profile")
        return dict(row.data)


def plan_session(engine: Engine, account: Account, key: str) -> dict[str, Any]:
    return _plan_session(current_plan(engine, account), key, engine)


def view_version(engine: Engine, account: Account) -> tuple[int, int, int, int]:
    """What a session's view depends on in the database, in one query: (current plan id, profile
    version, highest logged set id, number of logged sets). Plans are never changed once stored and
    sets are only added, so an unchanged version means an unchanged view."""
    with engine.connect() as conn:
        found = hot.view_version(conn, account.id)
    if found is None:
        raise NotFound("plan")
    return found


@dataclass(frozen=True, slots=True)
class SetIn:
    client_uuid: str
    session_key: str
    exercise_id: str
    set_index: int
    reps: int | None = None
    seconds: int | None = None
    load_kg: float | None = None
    rpe: float | None = None
    rir: int | None = None
    warmup: bool = False
    performed_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SetOut:
    client_uuid: str
    session_key: str
    day: dt.date
    exercise_id: str
    set_index: int
    reps: int | None
    seconds: int | None
    load_kg: float | None
    rpe: float | None
    rir: int | None
    warmup: bool
    performed_at: dt.datetime


def _out(row: SetLogRow, day: dt.date, key: str) -> SetOut:
    return SetOut(
        row.client_uuid, key, day, row.exercise_id, row.set_index, row.reps, row.seconds, row.load_kg,
        row.rpe, row.rir, row.warmup, row.performed_at,
    )  # fmt: skip


def _allowed_exercises(session: dict[str, Any]) -> set[str]:
    """The session's exercises and their listed substitutes (a swap keeps the slot)."""
    from stridelift.services.library import exercise

    ids = {e["id"] for e in session["exercises"]}
    for i in list(ids):
        ex = exercise(i)
        if ex is not None:
            ids.update(ex.substitutions)
    return ids


def log_set(
    engine: Engine, account: Account, data: SetIn, plan: tuple[int, int] | None = None
) -> tuple[SetOut, bool]:
    """Store the set once whatever the number of retries: (set, True) when new, (the stored set,
    False) when its UUID was seen. A UUID already used by another runner is refused, not revealed.
    `plan` is the current plan's (id, profile version) when the caller has read it already."""
    cur = current_plan(engine, account) if plan is None else plan_by_ref(engine, plan)
    new = set_row(engine, account, cur, data)
    with engine.execution_options(**WRITE).begin() as conn:
        values = new.values
        log_id = hot.session_log_id(conn, account.id, data.session_key, new.day, new.plan_id)
        if hot.add_set(conn, {**values, "session_log_id": log_id}):
            return new.out, True
        known = hot.set_by_uuid(conn, data.client_uuid)
    return known_set(account, data, known), False


@dataclass(frozen=True, slots=True)
class NewSet:
    """A set checked against the current plan: the row to insert (without its session log's id),
    the session's day and plan, and the answer when it is stored now."""

    values: dict[str, Any]
    day: dt.date
    plan_id: int
    out: SetOut


def set_row(engine: Engine, account: Account, cur: CurrentPlan, data: SetIn) -> NewSet:
    """Check the set against session `data.session_key` of the current plan (NotFound, FieldError)."""
    sess = _plan_session(cur, data.session_key, engine)
    if data.exercise_id not in _allowed_exercises(sess):
        raise FieldError("exercise_id", f"{data.exercise_id!r} is not in session {data.session_key}")
    day = dt.date.fromisoformat(sess["date"])
    now = _now()
    performed = data.performed_at or now
    values = {
        "client_uuid": data.client_uuid, "user_id": account.id, "exercise_id": data.exercise_id,
        "set_index": data.set_index, "reps": data.reps, "seconds": data.seconds, "load_kg": data.load_kg,
        "rpe": data.rpe, "rir": data.rir, "warmup": data.warmup, "performed_at": performed, "received_at": now,
    }  # fmt: skip
    out = SetOut(data.client_uuid, data.session_key, day, data.exercise_id, data.set_index, data.reps,
                 data.seconds, data.load_kg, data.rpe, data.rir, data.warmup, performed)  # fmt: skip
    return NewSet(values, day, cur.plan_id, out)


def known_set(account: Account, data: SetIn, known: tuple[int, str, dt.date, dict[str, Any]] | None) -> SetOut:
    """The stored set a retried upload gets back; another runner's UUID is refused, not revealed."""
    if known is None or known[0] != account.id:
        raise FieldError("client_uuid", "this UUID is already used")
    _, key, known_day, cols = known
    return SetOut(client_uuid=data.client_uuid, session_key=key, day=known_day, **cols)


def logged_sets(
    engine: Engine,
    account: Account,
    *,
    exercise_id: str | None = None,
    since: dt.date | None = None,
    exercise_ids: Collection[str] | None = None,
) -> list[SetOut]:
    with session_scope(engine) as s:
        rows = q.sets_of(s, account.id, exercise_id=exercise_id, since=since, exercise_ids=exercise_ids)
        return [_out(r, d, k) for r, d, k in rows]


def session_sets(engine: Engine, account: Account, session: dict[str, Any]) -> list[SetOut]:
    """The logged sets a session's page needs: those of its exercises and their substitutes (what
    was done last time, today's load, the sets already logged), not the runner's whole log."""
    return logged_sets(engine, account, exercise_ids=_allowed_exercises(session))


def describe_sets(sets: Sequence[SetOut], units: str = "kg") -> str:
    """'3x8 @ 40 kg, RPE 7' (or 'RIR 2', whichever the runner logged) from the working sets of
    one session; the hardest set's effort is the one shown."""
    work = [x for x in sets if not x.warmup]
    if not work:
        return ""
    reps = [x.reps for x in work if x.reps is not None]
    text = f"{len(work)}x{max(set(reps), key=reps.count)}" if reps else f"{len(work)} sets"
    loads = [x.load_kg for x in work if x.load_kg is not None]
    if loads:
        top = max(loads)
        text += f" @ {top:g} kg" if units == "kg" else f" @ {top / 0.45359237:.0f} lb"
    rpes = [x.rpe for x in work if x.rpe is not None]
    if rpes:
        text += f", RPE {max(rpes):g}"
    rirs = [x.rir for x in work if x.rir is not None]
    if rirs:
        text += f", RIR {min(rirs)}"
    return text


def last_time(sets: Sequence[SetOut], exercise_id: str, before: dt.date) -> list[SetOut]:
    """The sets of `exercise_id` from the most recent session day before `before`."""
    prior = [x for x in sets if x.exercise_id == exercise_id and x.day < before]
    if not prior:
        return []
    last_day = max(x.day for x in prior)
    return [x for x in prior if x.day == last_day]


@dataclass(frozen=True, slots=True)
class SymptomIn:
    day: dt.date
    site: str
    score: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class SymptomOut:
    id: int
    day: dt.date
    site: str
    score: int
    note: str


SYMPTOM_SITES = (
    "hip_flexor", "knee", "shin", "achilles", "plantar_fascia", "it_band", "low_back", "ankle", "hamstring", "other",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SymptomResult:
    report: SymptomOut
    replanned: list[str]  # what the new plan now takes into account, in words (empty: no change)


def report_symptom(engine: Engine, account: Account, data: SymptomIn) -> SymptomOut:
    return report_symptom_and_replan(engine, account, data).report


def report_symptom_and_replan(engine: Engine, account: Account, data: SymptomIn) -> SymptomResult:
    """Store the report; when it changes what the injury rules see, plan the season again (in the
    same transaction), so the coming sessions change and their warnings say why."""
    from stridelift.services.symptom_rules import injuries_from_reports

    if data.site not in SYMPTOM_SITES:
        raise FieldError("site", f"one of {', '.join(SYMPTOM_SITES)}")
    if not 0 <= data.score <= 10:
        raise FieldError("score", "from 0 (nothing) to 10 (worst)")
    today = dt.date.today()
    with session_scope(engine, write=True) as s:
        before = injuries_from_reports(q.symptoms_of(s, account.id, since=today - dt.timedelta(days=30)), today)
        row = q.add_symptom(
            s,
            SymptomReportRow(
                user_id=account.id, day=data.day, site=data.site, score=data.score, note=data.note, created_at=_now()
            ),
        )
        out = SymptomOut(row.id, row.day, row.site, row.score, row.note)
        after = injuries_from_reports(q.symptoms_of(s, account.id, since=today - dt.timedelta(days=30)), today)
        prof = q.current_profile(s, account.id)
        if after == before or prof is None:
            return SymptomResult(out, [])
        _replan(engine, s, account, prof.id, prof.version, dict(prof.data))
        return SymptomResult(out, [why for _, why in after.values()])


def symptoms(engine: Engine, account: Account, since: dt.date | None = None) -> list[SymptomOut]:
    with session_scope(engine) as s:
        return [SymptomOut(r.id, r.day, r.site, r.score, r.note) for r in q.symptoms_of(s, account.id, since)]
