"""The onboarding form <-> the contract's profile. Input names are the profile's paths
(`races[0].date`), so a profile error lands next to the field it names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stridelift.domain.vocab import EQUIPMENT, INJURY_AREAS, INJURY_STATUSES, RUN_TYPES, WEEKDAYS

RACE_ROWS = 3
INJURY_ROWS = 2


def _int(v: str) -> int | str:
    try:
        return int(v)
    except ValueError:
        return v  # the profile check names the field and says what it needs


def profile_from_form(form: Mapping[str, str], lists: Mapping[str, list[str]]) -> dict[str, Any]:
    """`form` holds single values, `lists` the checkbox groups (equipment, days)."""
    g = form.get
    athlete: dict[str, Any] = {
        "name": g("athlete.name", "").strip(),
        "experience": g("athlete.experience", ""),
        "hemisphere": g("athlete.hemisphere", ""),
    }
    if g("athlete.timezone", "").strip():
        athlete["timezone"] = g("athlete.timezone", "").strip()
    if g("athlete.age", "").strip():  # optional: a masters runner's heavy days are spaced further apart
        athlete["age"] = _int(g("athlete.age", "").strip())
    week = []
    for i, day in enumerate(WEEKDAYS):
        kind = g(f"running.week[{i}].type", "rest")
        run: dict[str, Any] = {"day": day, "type": kind}
        if kind != "rest":
            run["minutes"] = _int(g(f"running.week[{i}].minutes", "").strip() or "0")
        week.append(run)
    races = []
    for i in range(RACE_ROWS):
        if g(f"races[{i}].date", "").strip():
            dist = g(f"races[{i}].distance", "").strip()
            races.append(
                {
                    "date": g(f"races[{i}].date", "").strip(),
                    "distance": dist if not dist.replace(".", "", 1).isdigit() else float(dist),
                    "priority": g(f"races[{i}].priority", "A"),
                }
            )
    injuries = [
        {"area": g(f"injuries[{i}].area", ""), "status": g(f"injuries[{i}].status", "")}
        for i in range(INJURY_ROWS)
        if g(f"injuries[{i}].area", "")
    ]
    plan: dict[str, Any] = {"start": g("plan.start", "").strip()}
    if g("plan.end", "").strip():
        plan["end"] = g("plan.end", "").strip()
    return {
        "athlete": athlete,
        "equipment": {"available": [e for e in lists.get("equipment.available", []) if e in EQUIPMENT]},
        "availability": {
            "sessions_per_week_max": _int(g("availability.sessions_per_week_max", "").strip()),
            "minutes_per_session": _int(g("availability.minutes_per_session", "").strip()),
            "days": [d for d in lists.get("availability.days", []) if d in WEEKDAYS],
        },
        "running": {"week": week},
        "races": races,
        "injuries": injuries,
        "plan": plan,
    }


def form_from_profile(profile: Mapping[str, Any]) -> dict[str, Any]:
    """Flat values to pre-fill the form from a stored profile."""
    out: dict[str, Any] = {}
    for k, v in profile.get("athlete", {}).items():
        out[f"athlete.{k}"] = v
    out["equipment.available"] = list(profile.get("equipment", {}).get("available", []))
    av = profile.get("availability", {})
    out["availability.sessions_per_week_max"] = av.get("sessions_per_week_max", "")
    out["availability.minutes_per_session"] = av.get("minutes_per_session", "")
    out["availability.days"] = list(av.get("days", []))
    by_day = {r.get("day"): r for r in profile.get("running", {}).get("week", [])}
    for i, day in enumerate(WEEKDAYS):
        r = by_day.get(day, {})
        out[f"running.week[{i}].type"] = r.get("type", "rest")
        out[f"running.week[{i}].minutes"] = r.get("minutes", "")
    for i, race in enumerate(profile.get("races", [])[:RACE_ROWS]):
        for k, v in race.items():
            out[f"races[{i}].{k}"] = v
    for i, inj in enumerate(profile.get("injuries", [])[:INJURY_ROWS]):
        for k, v in inj.items():
            out[f"injuries[{i}].{k}"] = v
    for k, v in profile.get("plan", {}).items():
        out[f"plan.{k}"] = v
    return out


CHOICES = {
    "equipment": EQUIPMENT,
    "weekdays": WEEKDAYS,
    "run_types": RUN_TYPES,
    "injury_areas": INJURY_AREAS,
    "injury_statuses": INJURY_STATUSES,
    "race_rows": range(RACE_ROWS),
    "injury_rows": range(INJURY_ROWS),
}
