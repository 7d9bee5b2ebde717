"""iCalendar export: puts each session in the runner's own calendar app next to their runs.

Stable UIDs and a DTSTAMP taken from the plan (not the clock) let a re-imported plan update
events in place instead of duplicating them, and make identical plans give identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from stridelift.domain.plan import Plan, Session
from stridelift.exporters.markdown import (
    block_label,
    blocks_in_order,
    format_dose,
    format_intensity,
    phase_label,
    session_label,
)

PRODID = "-//stridelift//plan//EN"

# Sessions carry a slot, not a time; these are sensible defaults a runner can drag in their app.
SLOT_START: dict[str, dt.time] = {"am": dt.time(7, 0), "pm": dt.time(18, 0), "any": dt.time(12, 0)}

_STRENGTH_FORMATS = frozenset({"circuit", "straight_sets", "maintenance"})


def session_uid(athlete: str, session: Session) -> str:
    """Derived from what identifies a session, so re-exports update rather than duplicate events."""
    key = f"{athlete}|{session.date.isoformat()}|{session.slot}|{session.format}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest() + "@stridelift"


def summary(session: Session) -> str:
    """'Strength: circuit (variation A) — 45 min'; core and mobility days say so instead."""
    if session.format in _STRENGTH_FORMATS:
        kind = f"Strength: {session_label(session)}"
    else:
        label = session_label(session)
        kind = label[:1].upper() + label[1:]
    return f"{kind} — {session.minutes} min"


def description(session: Session, disclaimer: str) -> str:
    """Everything needed in the gym without opening another file; the disclaimer always last."""
    lines: list[str] = []
    if session.title:
        lines.extend([session.title, ""])
    for block, items in blocks_in_order(session.exercises):
        lines.append(f"{block_label(block)}:")
        for p in items:
            line = f"{p.order}. {p.name} — {format_dose(p)}, rest {p.rest_s} s, {format_intensity(p.intensity)}"
            if p.note:
                line += f" ({p.note})"
            lines.append(line)
        lines.append("")
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


def to_ics(plan: Plan, *, tz: str | None = None) -> bytes:
    """Render the plan's sessions as one VCALENDAR.

    Without `tz` the times are floating (the runner's local time wherever they are); with an IANA
    `tz` they carry a TZID and the matching VTIMEZONE. Raises ValueError for an unknown zone.
    """
    zone = _zone(tz)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"stridelift — {plan.athlete_name}")
    if tz is not None:
        cal.add("x-wr-timezone", tz)
    stamp = dt.datetime.combine(plan.start, dt.time(0, 0), tzinfo=dt.UTC)
    seen: dict[str, int] = {}
    for session in sorted(plan.sessions, key=lambda s: (s.date, SLOT_START.get(s.slot, dt.time(12)))):
        uid = session_uid(plan.athlete_name, session)
        # Two sessions with the same date, slot and format would collide; suffix deterministically.
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            uid = uid.replace("@", f"-{seen[uid]}@", 1)
        start = dt.datetime.combine(session.date, SLOT_START.get(session.slot, dt.time(12)), tzinfo=zone)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=session.minutes))
        event.add("summary", summary(session))
        event.add("description", description(session, plan.disclaimer))
        event.add("categories", [phase_label(session.phase)])
        cal.add_component(event)
    if zone is not None:
        # A TZID must be defined in the file; bound the VTIMEZONE to the plan so it stays small.
        cal.add_missing_timezones(
            first_date=plan.start - dt.timedelta(days=366), last_date=plan.end + dt.timedelta(days=366)
        )
    data: bytes = cal.to_ical()
    return data
