"""Symptom reports feed the planner's injury rules: the latest report per site in the last two
weeks makes that area flaring (4-10 out of 10) or recovering (1-3) for the coming sessions, unless
the profile already says worse. A report of 0 clears what reports had added."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from stridelift.domain.vocab import INJURY_AREAS

WINDOW_DAYS = 14
FLARING_FROM = 4
_SEVERITY = {"history": 0, "recovering": 1, "flaring": 2}


class Report(Protocol):
    @property
    def day(self) -> dt.date: ...
    @property
    def site(self) -> str: ...
    @property
    def score(self) -> int: ...


def injuries_from_reports(reports: Sequence[Report], today: dt.date) -> dict[str, tuple[str, str]]:
    """area -> (status, the reason in words), from the latest recent report of each site."""
    latest: dict[str, Report] = {}
    for r in sorted(reports, key=lambda r: r.day):
        if r.site in INJURY_AREAS and 0 <= (today - r.day).days <= WINDOW_DAYS:
            latest[r.site] = r
    out = {}
    for area, r in latest.items():
        if r.score <= 0:
            continue
        status = "flaring" if r.score >= FLARING_FROM else "recovering"
        out[area] = (status, f"{area.replace('_', ' ')} reported {r.score}/10 on {r.day:%d %b}: treated as {status}")
    return out


def merge_injuries(raw: dict[str, Any], derived: dict[str, tuple[str, str]]) -> tuple[dict[str, Any], list[str]]:
    """The profile with the reported injuries added (never made milder), and what changed, in words."""
    injuries = {i["area"]: dict(i) for i in raw.get("injuries", []) if isinstance(i, dict) and "area" in i}
    notes = []
    for area, (status, why) in derived.items():
        have = injuries.get(area)
        if have is not None and _SEVERITY.get(have.get("status", ""), 0) >= _SEVERITY[status]:
            continue
        injuries[area] = {"area": area, "status": status}
        notes.append(why)
    if not notes:
        return raw, []
    return raw | {"injuries": list(injuries.values())}, notes
