"""Exporting a plan: JSON, Markdown, iCalendar and Garmin FIT workouts, as bytes to store or send,
and the one way stridelift writes a file (atomic, normal permissions).

Calendars are versioned against the previous plan (a plan JSON written earlier, or a plan the web
app kept): see `stridelift.exporters.ics`. Watch workout folders are replaced cleanly: only the
workout files stridelift wrote there before are removed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stridelift.domain.plan import Plan
from stridelift.exporters.ics import (
    CalendarEvent,
    CalendarStateError,
    PreviousEvent,
    calendar_events,
    calendar_record,
    previous_events,
    render_ics,
)
from stridelift.exporters.plan_json import PlanFormatError, dump, plan_from_dict, plan_to_dict
from stridelift.services.errors import ServiceError

DOCUMENT_FORMATS = ("json", "md", "ics")
WORKOUT_MANIFEST = ".stridelift-workouts.json"
MANIFEST_SCHEMA = "stridelift.workouts/1"


def _umask() -> int:
    # Reading the umask means setting it; put it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder so a failure never leaves half a file.

    mkstemp creates the file 0600; the result gets what `open()` would give (0666 less the
    umask, so 0644 usually): a plan is meant to be shared, imported and copied to a watch.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.fchmod(fh.fileno(), 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ------------------------------------------------------------------------------------ documents


@dataclass(frozen=True, slots=True)
class PreviousPlan:
    plan: Plan
    events: dict[str, PreviousEvent]


def previous_from_dict(raw: Any) -> PreviousPlan:
    """A stored plan document (a file, or a plan the web app kept); PlanFormatError or
    CalendarStateError when it is not one."""
    plan = plan_from_dict(raw)
    athlete = raw.get("athlete") or {}
    athlete_id = athlete.get("id") if isinstance(athlete, dict) else None
    events = previous_events(plan, athlete_id if isinstance(athlete_id, str) else None, raw.get("calendar"))
    return PreviousPlan(plan, events)


def read_previous(path: Path) -> PreviousPlan:
    """A plan JSON written earlier: its sessions and the calendar its .ics file held."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ServiceError(f"--previous: cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ServiceError(f"--previous: {path} is not a JSON plan ({exc})") from None
    try:
        return previous_from_dict(raw)
    except (PlanFormatError, CalendarStateError) as exc:
        raise ServiceError(f"--previous: {path}: {exc}") from None


def plan_calendar(
    plan: Plan, athlete_id: str | None, previous: PreviousPlan | None = None, now: dt.datetime | None = None
) -> list[CalendarEvent]:
    return calendar_events(plan, athlete_id=athlete_id, previous=previous.events if previous else None, now=now)


def plan_json(plan: Plan, athlete_id: str | None, events: Iterable[CalendarEvent]) -> bytes:
    """The contract's plan JSON plus two additive fields: `athlete.id` (when the profile has one)
    and `calendar`, the versions the .ics file got, for the next `--previous`."""
    doc: dict[str, Any] = plan_to_dict(plan)
    if athlete_id:
        doc["athlete"] = {"id": athlete_id, **doc["athlete"]}
    doc["calendar"] = calendar_record(list(events))
    return dump(doc)


def plan_ics(plan: Plan, events: Iterable[CalendarEvent], tz: str | None) -> bytes:
    return render_ics(plan, list(events), tz=tz)


def plan_document(
    plan: Plan,
    fmt: str,
    *,
    tz: str | None = None,
    athlete_id: str | None = None,
    previous: PreviousPlan | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """One document of the plan in `fmt` (json, md or ics), versioned against `previous`."""
    if fmt not in DOCUMENT_FORMATS:
        raise ValueError(f"unknown plan format {fmt!r}; expected one of {', '.join(DOCUMENT_FORMATS)}")
    if fmt == "md":
        from stridelift.exporters.markdown import to_markdown_with_guide

        return to_markdown_with_guide(plan)
    events = plan_calendar(plan, athlete_id, previous, now)
    return plan_json(plan, athlete_id, events) if fmt == "json" else plan_ics(plan, events, tz)


def plan_documents(
    plan: Plan,
    *,
    tz: str | None = None,
    athlete_id: str | None = None,
    previous: PreviousPlan | None = None,
    now: dt.datetime | None = None,
) -> dict[str, bytes]:
    """Every document format, keyed by file name (plan.json, plan.md, plan.ics); all are rendered
    before any is written, so a failing export writes nothing. The JSON records the calendar
    versions the .ics got (one clock reading for both)."""
    from stridelift.exporters.markdown import to_markdown_with_guide

    events = plan_calendar(plan, athlete_id, previous, now)
    return {
        "plan.json": plan_json(plan, athlete_id, events),
        "plan.md": to_markdown_with_guide(plan),
        "plan.ics": plan_ics(plan, events, tz),
    }


# ------------------------------------------------------------------------------ workout folders


def plan_fit_files(plan: Plan, identity: str | None = None) -> list[tuple[str, bytes]]:
    """One Garmin FIT workout file per session: (file name, bytes)."""
    from stridelift.catalog import load_library
    from stridelift.exporters.garmin_fit import plan_to_fit_files

    return plan_to_fit_files(plan, load_library(), identity=identity)


def _read_manifest(folder: Path) -> list[str]:
    path = folder / WORKOUT_MANIFEST
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return []  # unreadable: remove nothing rather than guess
    files = raw.get("files") if isinstance(raw, dict) and raw.get("schema") == MANIFEST_SCHEMA else None
    if not isinstance(files, list):
        return []
    # Only plain names in this folder: a manifest must never reach outside it.
    return [f for f in files if isinstance(f, str) and f == Path(f).name and f.endswith(".fit")]


def _write_manifest(folder: Path, names: Iterable[str]) -> None:
    doc = {"schema": MANIFEST_SCHEMA, "files": sorted(set(names))}
    write_atomic(folder / WORKOUT_MANIFEST, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))


def _is_our_workout(path: Path) -> bool:
    """Still a workout file stridelift wrote (the runner may have replaced it with their own)."""
    from stridelift.exporters.garmin_fit import is_stridelift_workout

    try:
        return path.is_file() and is_stridelift_workout(path.read_bytes())
    except OSError:
        return False


def write_workout_folder(folder: Path, plan: Plan, identity: str | None = None) -> list[Path]:
    """One FIT workout per session in `folder`, replacing the workouts an earlier export put there.

    The folder's manifest names the files stridelift wrote; on re-export, those the new plan no
    longer has are removed, and nothing else: the runner's own files stay. Crash order: the
    manifest first lists old and new names, then the files are written, then the stale ones go,
    then the manifest lists the new ones; an interrupted export is finished by the next one.
    """
    if folder.exists() and not folder.is_dir():
        raise ServiceError(f"{folder} exists and is not a folder")
    files = plan_fit_files(plan, identity)
    before = _read_manifest(folder)
    new = [name for name, _ in files]
    _write_manifest(folder, [*before, *new])
    written: list[Path] = []
    for name, blob in files:
        write_atomic(folder / name, blob)
        written.append(folder / name)
    keep = {n.lower() for n in new}
    for name in before:
        stale = folder / name
        if name.lower() not in keep and _is_our_workout(stale):
            stale.unlink(missing_ok=True)
    _write_manifest(folder, new)
    return written
