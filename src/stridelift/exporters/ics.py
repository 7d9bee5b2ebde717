"""iCalendar export: puts each session in the runner's own calendar app next to their runs.

A calendar app keeps an event by its UID and takes a newer copy when SEQUENCE (then DTSTAMP)
grows. So a UID comes from what stays when a plan is re-made: the athlete's stable `id` (never
the display name) and the session's place in the plan (its date and its rank that day). Given the
previous plan, an event whose content changed gets SEQUENCE + 1 and a new DTSTAMP, an unchanged
one keeps both, and a session that is gone is sent once more with STATUS:CANCELLED so it leaves
the runner's calendar. Without a previous plan the stamps come from the plan (not the clock):
identical plans give identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from stridelift.domain.plan import Plan, Prescription, Session
from stridelift.exporters.markdown import (
    block_label,
    blocks_in_order,
    format_dose,
    format_intensity,
    phase_label,
    session_label,
)

PRODID = "-//stridelift//plan//EN"
CALENDAR_SCHEMA = "stridelift.calendar/1"
DEFAULT_IDENTITY = "runner"  # without athlete.id; give each runner an id when one calendar holds several

# Sessions carry a slot, not a time; these are sensible defaults a runner can drag in their app.
SLOT_START: dict[str, dt.time] = {"am": dt.time(7, 0), "pm": dt.time(18, 0), "any": dt.time(12, 0)}
_SLOT_RANK: dict[str, int] = {"am": 0, "any": 1, "pm": 2}

_STRENGTH_FORMATS = frozenset({"circuit", "straight_sets", "maintenance"})


class CalendarStateError(ValueError):
    """A previous plan's `calendar` record that cannot be read."""


def identity_key(athlete_id: str | None) -> str:
    """A short, file-safe key for the athlete: a hash, so the id itself is not published."""
    ident = athlete_id if athlete_id else DEFAULT_IDENTITY
    return hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16]


def ordered_sessions(plan: Plan) -> list[Session]:
    return sorted(plan.sessions, key=lambda s: (s.date, _SLOT_RANK.get(s.slot, 3)))


def session_uids(plan: Plan, athlete_id: str | None) -> list[tuple[str, Session]]:
    """(UID, session) in date order: '<athlete key>-<YYYYMMDD>-<rank that day>@stridelift'."""
    key = identity_key(athlete_id)
    out: list[tuple[str, Session]] = []
    rank: dict[dt.date, int] = {}
    for session in ordered_sessions(plan):
        rank[session.date] = rank.get(session.date, 0) + 1
        out.append((f"{key}-{session.date:%Y%m%d}-{rank[session.date]}@stridelift", session))
    return out


def summary(session: Session) -> str:
    """'Strength: circuit (variation A) — 45 min'; core and mobility days say so instead."""
    if session.format in _STRENGTH_FORMATS:
        kind = f"Strength: {session_label(session)}"
    else:
        label = session_label(session)
        kind = label[:1].upper() + label[1:]
    return f"{kind} — {session.minutes} min"


def _exercise_lines(exercises: Sequence[Prescription]) -> list[str]:
    lines: list[str] = []
    for block, items in blocks_in_order(exercises):
        lines.append(f"{block_label(block)}:")
        for p in items:
            line = f"{p.order}. {p.name} — {format_dose(p)}, rest {p.rest_s} s, {format_intensity(p.intensity)}"
            if p.note:
                line += f" ({p.note})"
            lines.append(line)
        lines.append("")
    return lines


def description(
    session: Session, disclaimer: str, seen: dict[int, tuple[Sequence[Prescription], list[str]]] | None = None
) -> str:
    """Everything needed in the gym without opening another file; the disclaimer always last.
    `seen` keeps the exercise lines of exercise lists already written (a plan's sessions that recur
    share theirs: half the sessions of a season, and most of an export's time)."""
    lines: list[str] = []
    if session.title:
        lines.extend([session.title, ""])
    hit = seen.get(id(session.exercises)) if seen is not None else None
    if hit is None or hit[0] is not session.exercises:
        hit = (session.exercises, _exercise_lines(session.exercises))
        if seen is not None:
            seen[id(session.exercises)] = hit
    lines.extend(hit[1])
    lines.append(f"Phase: {phase_label(session.phase)}")
    lines.append("Why: " + (", ".join(session.why) if session.why else "—"))
    if session.notes:
        lines.append("")
        lines.extend(f"- {n}" for n in session.notes)
    lines.extend(["", disclaimer])
    return "\n".join(lines)



def _zone(tz: str | None) -> ZoneInfo | None:
    if tz is None:
        return None
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}: use an IANA name such as 'Europe/Madrid'") from exc


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One VEVENT as written: content, and the version a calendar app compares (sequence, stamp)."""

    uid: str
    start: dt.datetime  # local wall time (naive); the zone is applied when rendering
    minutes: int
    summary: str
    description: str
    category: str
    sequence: int
    dtstamp: dt.datetime  # UTC
    cancelled: bool = False

    @property
    def digest(self) -> str:
        """What a runner sees of the event; a change here is a change worth a new SEQUENCE."""
        text = "\x1f".join(
            [self.start.isoformat(), str(self.minutes), self.summary, self.description, self.category]
        )
        return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PreviousEvent:
    uid: str
    start: dt.datetime
    minutes: int
    summary: str
    sequence: int
    dtstamp: dt.datetime
    cancelled: bool
    digest: str


def plan_stamp(plan: Plan) -> dt.datetime:
    """The DTSTAMP of a plan with no previous one: its start, so the same plan gives the same file."""
    return dt.datetime.combine(plan.start, dt.time(0, 0), tzinfo=dt.UTC)


def _fresh_events(plan: Plan, athlete_id: str | None, stamp: dt.datetime) -> list[CalendarEvent]:
    seen: dict[int, tuple[Sequence[Prescription], list[str]]] = {}
    return [
        CalendarEvent(
            uid=uid,
            start=dt.datetime.combine(s.date, SLOT_START.get(s.slot, dt.time(12))),
            minutes=s.minutes,
            summary=summary(s),
            description=description(s, plan.disclaimer, seen),
            category=phase_label(s.phase),
            sequence=0,
            dtstamp=stamp,
        )
        for uid, s in session_uids(plan, athlete_id)
    ]


def previous_events(plan: Plan, athlete_id: str | None, record: Any = None) -> dict[str, PreviousEvent]:
    """What the previous plan's calendar held, by UID.

    `record` is the previous plan JSON's `calendar` object (sequences, stamps and cancelled events
    carried over several re-plans); without it, the previous plan's own sessions at sequence 0.
    """
    if record is None:
        return {
            e.uid: PreviousEvent(e.uid, e.start, e.minutes, e.summary, 0, e.dtstamp, False, e.digest)
            for e in _fresh_events(plan, athlete_id, plan_stamp(plan))
        }
    try:
        if record.get("schema") != CALENDAR_SCHEMA:
            raise CalendarStateError(f"calendar.schema is {record.get('schema')!r}, expected {CALENDAR_SCHEMA!r}")
        out: dict[str, PreviousEvent] = {}
        for e in record["events"]:
            out[str(e["uid"])] = PreviousEvent(
                uid=str(e["uid"]),
                start=dt.datetime.fromisoformat(e["start"]).replace(tzinfo=None),
                minutes=int(e["minutes"]),
                summary=str(e["summary"]),
                sequence=int(e["sequence"]),
                dtstamp=dt.datetime.fromisoformat(e["dtstamp"]).astimezone(dt.UTC),
                cancelled=e["status"] == "cancelled",
                digest=str(e["digest"]),
            )
        return out
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, CalendarStateError):
            raise
        raise CalendarStateError(f"calendar: not a stridelift calendar record ({exc})") from None


def calendar_events(
    plan: Plan,
    *,
    athlete_id: str | None = None,
    previous: Mapping[str, PreviousEvent] | None = None,
    now: dt.datetime | None = None,
) -> list[CalendarEvent]:
    """The plan's events, versioned against `previous` (then `now` stamps what changed).

    New and changed events get `now`; a changed one SEQUENCE + 1. An unchanged event keeps its
    sequence and stamp. A previous event that the plan no longer has comes back cancelled (once
    with a new sequence and stamp, then unchanged in later re-plans), so every calendar that ever
    imported it can drop it.
    """
    fresh = _fresh_events(plan, athlete_id, plan_stamp(plan))
    if previous is None:
        return fresh
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    out: list[CalendarEvent] = []
    for event in fresh:
        before = previous.get(event.uid)
        if before is None:
            out.append(replace(event, dtstamp=stamp))
        elif before.cancelled or before.digest != event.digest:
            out.append(replace(event, sequence=before.sequence + 1, dtstamp=stamp))
        else:
            out.append(replace(event, sequence=before.sequence, dtstamp=before.dtstamp))
    kept = {e.uid for e in fresh}
    for before in previous.values():
        if before.uid in kept:
            continue
        gone = CalendarEvent(
            uid=before.uid,
            start=before.start,
            minutes=before.minutes,
            summary=before.summary,
            description="",
            category="",
            sequence=before.sequence,
            dtstamp=before.dtstamp,
            cancelled=True,
        )
        if not before.cancelled:
            gone = replace(gone, sequence=before.sequence + 1, dtstamp=stamp)
        out.append(gone)
    return sorted(out, key=lambda e: (e.start, e.uid))


def calendar_record(events: Sequence[CalendarEvent]) -> dict[str, Any]:
    """The `calendar` object a plan JSON keeps, so the next re-plan can version against it."""
    return {
        "schema": CALENDAR_SCHEMA,
        "events": [
            {
                "uid": e.uid,
                "start": e.start.isoformat(),
                "minutes": e.minutes,
                "summary": e.summary,
                "status": "cancelled" if e.cancelled else "confirmed",
                "sequence": e.sequence,
                "dtstamp": e.dtstamp.isoformat(),
                "digest": e.digest,
            }
            for e in events
        ],
    }


def render_ics(plan: Plan, events: Sequence[CalendarEvent], *, tz: str | None = None) -> bytes:
    """The events as one VCALENDAR.

    Without `tz` the times are floating (the runner's local time wherever they are); with an IANA
    `tz` they carry a TZID and the matching VTIMEZONE. Raises ValueError for an unknown zone.
    """
    zone = _zone(tz)
    from icalendar import Calendar, Event  # only when a calendar is written: 50-70 ms to import

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"stridelift — {plan.athlete_name}")
    if tz is not None:
        cal.add("x-wr-timezone", tz)
    for e in events:
        start = e.start.replace(tzinfo=zone)
        event = Event()
        event.add("uid", e.uid)
        event.add("sequence", e.sequence)
        event.add("dtstamp", e.dtstamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=e.minutes))
        event.add("summary", e.summary)
        event.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
        if e.description:
            event.add("description", e.description)
        if e.category:
            event.add("categories", [e.category])
        cal.add_component(event)
    if zone is not None and events:
        # A TZID must be defined in the file; bound the VTIMEZONE to the events so it stays small.
        first = min(e.start for e in events).date()
        last = max(e.start for e in events).date()
        cal.add_missing_timezones(
            first_date=first - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366)
        )
    data: bytes = cal.to_ical()
    return data


def to_ics(
    plan: Plan,
    *,
    tz: str | None = None,
    athlete_id: str | None = None,
    previous: Mapping[str, PreviousEvent] | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The plan as a calendar file; see `calendar_events` for what `previous` and `now` change."""
    return render_ics(plan, calendar_events(plan, athlete_id=athlete_id, previous=previous, now=now), tz=tz)
