"""The body of "today's session" (GET /sessions/{key}), the app's hottest read, cached as JSON bytes.

The key holds everything the body depends on that can change: the runner, their units, the
current plan's id and profile version (plans are never changed once stored), a fingerprint of
their logged sets (highest id and count: sets are only added) and today's date. All of it but the
date comes from one indexed query per request, so a set logged or a re-plan made by any worker
process is seen by every other on its next request: an entry is never served stale, it is only
never asked for again (and ages out of the bounded cache).
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref

from sqlalchemy import Engine

from stridelift.services import training
from stridelift.services.accounts import Account
from stridelift.services.gym import suggest_load
from stridelift.web.convert import set_out
from stridelift.web.schemas import LastTime, SessionDetail, Suggested

MAX_ENTRIES = 2048
_Key = tuple[int, str, str, tuple[int, int, int, int], dt.date]
_CACHE: weakref.WeakKeyDictionary[Engine, dict[_Key, bytes]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def session_json(
    engine: Engine, account: Account, key: str, version: tuple[int, int, int, int] | None = None
) -> bytes:
    """The session with, per exercise, what was done last time, the sets already logged and
    today's suggested loads, as the JSON of `SessionDetail`. `version` is `training.view_version`
    when the caller has it already (it is read otherwise). Raises NotFound."""
    cache_key = _key(account, key, version or training.view_version(engine, account))
    body = _cached(engine, cache_key)
    if body is not None:
        return body
    body = build(engine, account, key).model_dump_json().encode()
    with _LOCK:
        cache = _CACHE.setdefault(engine, {})
        if len(cache) >= MAX_ENTRIES:
            cache.pop(next(iter(cache)))
        cache[cache_key] = body
    return body


def cached_json(engine: Engine, account: Account, key: str, version: tuple[int, int, int, int]) -> bytes | None:
    """The cached body for `version`, or None (then `session_json` builds it): no database work."""
    return _cached(engine, _key(account, key, version))


def _key(account: Account, key: str, version: tuple[int, int, int, int]) -> _Key:
    return (account.id, account.units, key, version, dt.date.today())


def _cached(engine: Engine, cache_key: _Key) -> bytes | None:
    with _LOCK:
        cache = _CACHE.get(engine)
        return None if cache is None else cache.get(cache_key)


def build(engine: Engine, account: Account, key: str) -> SessionDetail:
    """The body built from the database (read after the version it is cached under, so it is never
    older than its key says)."""
    sess = training.plan_session(engine, account, key)
    day = dt.date.fromisoformat(sess["date"])
    sets = training.session_sets(engine, account, sess)
    last = []
    for ex in sess["exercises"]:
        prior = training.last_time(sets, ex["id"], day)
        if prior:
            summary = training.describe_sets(prior, account.units)
            last.append(LastTime(exercise_id=ex["id"], summary=summary, sets=[set_out(x) for x in prior]))
    logged = [set_out(x) for x in sets if x.session_key == key]
    suggested = [
        Suggested(exercise_id=ex["id"], load_kg=s.load_kg, reps=s.reps, why=s.why)
        for ex in sess["exercises"]
        if (s := suggest_load(ex, sets, day)).load_kg is not None
    ]
    return SessionDetail(key=key, session=sess, last_time=last, logged=logged, suggestions=suggested)
