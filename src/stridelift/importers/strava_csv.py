"""Every activity of a Strava export, from its ``activities.csv``, including those without a track.

A Strava export holds one file per recorded activity, but indoor sessions often come as GPX files
without a single point, and manual entries have no file at all. Their figures (sport, start,
elapsed and moving time, distance, heart rate) are still in ``activities.csv``, so such an
activity is imported from its row as a *summary-only* activity: no streams, the figures the
row gives. A row whose file was read keeps the file's record; one whose file could not be read
(no points, damaged beyond use, missing from the export) is stored from the row, with a warning
naming what happened to the file.

The columns are Strava's: ``Activity Date`` is UTC in the form ``May 1, 2024, 6:30:00 AM``;
``Elapsed Time`` and ``Distance`` appear twice in today's exports, first in the row's display
units (distance in km, or m for swims), later in plain seconds and metres, so the last one that
has a value is used; a lone ``Distance`` column is in km.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Final

from stridelift.domain.activity import Activity

from .archive import _ENCRYPTED, MAX_CSV_BYTES, _is_zip, _unsafe, activities_csv_texts
from .gpx import sport_from_label

_DATE_FORMATS: Final = (
    "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y %I:%M:%S %p",
    "%d %b %Y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S",
)


@dataclass(frozen=True, slots=True)
class CsvActivity:
    """One row of ``activities.csv``."""

    key: str | None  # the SourceFile name of its file (prefix + Filename); None for a manual entry
    where: str  # the CSV and row, for messages and as the source of a summary-only activity
    activity_id: str
    kind: str
    name: str
    start: datetime | None
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    elevation_gain_m: float | None
    avg_hr: float | None
    max_hr: float | None


def _number(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def _date(text: str) -> datetime | None:
    text = " ".join(text.split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


class _Row:
    """Values of one row by lower-cased column name; repeated columns give the last value set."""

    def __init__(self, header: list[str], row: list[str]) -> None:
        self.header = header
        self.row = row

    def all(self, name: str) -> list[str]:
        return [self.row[i].strip() for i, h in enumerate(self.header) if h == name and i < len(self.row)]

    def last(self, name: str) -> str:
        return next((v for v in reversed(self.all(name)) if v), "")

    def number(self, name: str) -> float | None:
        return _number(self.last(name))


def parse_rows(text: str, prefix: str = "", where: str = "activities.csv") -> list[CsvActivity]:
    """Every row of a Strava ``activities.csv`` with a type; odd or missing columns give Nones."""
    out: list[CsvActivity] = []
    try:
        rows = csv.reader(io.StringIO(text))
        header = [h.strip().lower() for h in next(rows, [])]
        type_col = "activity type" if "activity type" in header else "type"
        if type_col not in header:
            return out
        for line, raw in enumerate(rows, start=2):
            r = _Row(header, raw)
            kind = r.last(type_col)
            if not kind:
                continue
            filename = (r.last("filename") or r.last("file name")).replace("\\", "/").lstrip("/").removeprefix("./")
            distances = r.all("distance")
            distance = _number(distances[-1]) if len(distances) > 1 and distances[-1] else None
            if distance is None and distances and _number(distances[0]) is not None:
                km = _number(distances[0])
                distance = None if km is None else km * 1000.0
            activity_id = r.last("activity id") or r.last("id")
            out.append(
                CsvActivity(
                    key=prefix + filename if filename else None,
                    where=f"{where} row {line}" + (f" (activity {activity_id})" if activity_id else ""),
                    activity_id=activity_id,
                    kind=kind,
                    name=r.last("activity name") or r.last("name"),
                    start=_date(r.last("activity date") or r.last("date")),
                    elapsed_s=r.number("elapsed time") or r.number("elapsed_time"),
                    moving_s=r.number("moving time"),
                    distance_m=distance,
                    elevation_gain_m=r.number("elevation gain"),
                    avg_hr=r.number("average heart rate") or None,
                    max_hr=r.number("max heart rate") or None,
                )
            )
    except csv.Error:
        pass  # a malformed tail: keep the rows read so far
    return out


def summary_activity(row: CsvActivity) -> Activity:
    """The row as a summary-only activity (no streams); ValueError when it has no start or duration."""
    if row.start is None:
        raise ValueError(f"{row.where}: no readable Activity Date")
    if row.elapsed_s is None:
        raise ValueError(f"{row.where}: no Elapsed Time")
    ident = f"strava activities.csv\n{row.activity_id}\n{row.start.isoformat()}\n{row.kind}\n{row.elapsed_s}"
    return Activity(
        sport=sport_from_label(row.kind),
        sub_sport=None,
        start=row.start,
        duration_s=row.elapsed_s,
        moving_time_s=row.moving_s,
        distance_m=row.distance_m,
        elevation_gain_m=row.elevation_gain_m,
        avg_hr=row.avg_hr,
        max_hr=row.max_hr,
        time_s=(),
        heart_rate=(),
        speed_m_s=(),
        altitude_m=(),
        source=row.key or row.where,
        content_sha256=hashlib.sha256(ident.encode()).hexdigest(),
        warnings=(),
    )


def read_export_rows(paths: Sequence[Path]) -> list[CsvActivity]:
    """The rows of every ``activities.csv`` under ``paths`` (folders, the file itself, zips),
    keyed like the walker names files, so a row finds its file's import outcome."""
    found: list[CsvActivity] = []
    for path in paths:
        path = Path(path)
        if path.is_file() and _is_zip(path.name):
            found.extend(_zip_rows(path))
            continue
        for file, text in activities_csv_texts(path):
            found.extend(parse_rows(text, str(file.parent) + "/", str(file)))
    return found


def _zip_rows(path: Path) -> list[CsvActivity]:
    found: list[CsvActivity] = []
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = info.filename.replace("\\", "/")
                if PurePosixPath(name).name.lower() != "activities.csv" or _unsafe(name):
                    continue
                if info.file_size > MAX_CSV_BYTES or info.flag_bits & _ENCRYPTED:
                    continue
                with zf.open(info) as fh:
                    text = fh.read(MAX_CSV_BYTES).decode("utf-8-sig", "replace")
                folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
                found.extend(parse_rows(text, f"{path}/{folder}", f"{path}/{name}"))
    except Exception:  # the walk reports a bad zip; the rows are a bonus on top of its files
        return found
    return found


SUMMARY_ONLY: Final = "imported from activities.csv as a summary-only activity"


def summaries_for_unread(
    rows: Sequence[CsvActivity], read: set[str], skipped: Sequence[tuple[str, str]]
) -> tuple[list[Activity], list[tuple[str, str]]]:
    """Summary-only activities for the rows whose file gave no activity, and the skipped list
    left once those files are accounted for.

    ``read`` holds the names of files that were read (or were known already); ``skipped`` the
    ``(name, reason)`` of files that were not. A row whose file was skipped moves from the
    skipped list to a warning on its summary; a manual entry (no file) is imported quietly; a
    row without a date or a duration is skipped under its own name only when no file stands
    for it (a file's own reason says more).
    """
    reasons = dict(skipped)
    activities: list[Activity] = []
    replaced: set[str] = set()
    unusable: list[tuple[str, str]] = []
    for row in rows:
        if row.key is not None and row.key in read:
            continue
        try:
            activity = summary_activity(row)
        except ValueError as exc:
            if row.key is None:
                unusable.append((row.where, str(exc).removeprefix(f"{row.where}: ")))
            continue
        if row.key is None:
            note = ""
        elif row.key in reasons:
            note = f"{reasons[row.key]}; {SUMMARY_ONLY}"
            replaced.add(row.key)
        else:
            note = f"the file was not among the files read; {SUMMARY_ONLY}"
        if note:
            activity = dataclasses.replace(activity, warnings=(note,))
        activities.append(activity)
    return activities, [s for s in skipped if s[0] not in replaced] + unusable

