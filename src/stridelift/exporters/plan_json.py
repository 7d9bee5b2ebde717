"""The plan as JSON (schema stridelift.plan/1 of ../shared/contract.md) and back.

Fields beyond the contract (title, notes, cues, variation, balance_snacks, ...) are additions the
contract allows; readers of the contract ignore them. `plan_from_dict` is what `stridelift check`
uses, so it accepts plans from other tools: missing optional fields get defaults.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from stridelift import __version__
from stridelift.domain.plan import (
    SCHEMA,
    BalanceSnack,
    Intensity,
    Phase,
    Plan,
    Prescription,
    RunEntry,
    Session,
    Warning,
)


def _d(x: dt.date | None) -> str | None:
    return x.isoformat() if x is not None else None


def _rx(p: Prescription) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "block": p.block,
        "order": p.order,
        "region": p.region,
        "core_target": p.core_target,
        "muscles": list(p.muscles),
        "equipment": list(p.equipment),
        "balance": p.balance,
        "unilateral": p.unilateral,
        "planes": list(p.planes),
        "sets": p.sets,
        "reps": p.reps,
        "duration_s": p.duration_s,
        "rest_s": p.rest_s,
        "intensity": {"pct_1rm": p.intensity.pct_1rm, "rpe": p.intensity.rpe},
        "cues": list(p.cues),
        "note": p.note,
        "warmup_sets": p.warmup_sets,
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generated_by": f"stridelift {__version__}",
        "athlete": {"name": plan.athlete_name, "experience": plan.experience, "hemisphere": plan.hemisphere},
        "start": _d(plan.start),
        "end": _d(plan.end),
        "phases": [
            {"name": p.name, "start": _d(p.start), "end": _d(p.end), "focus": p.focus, "why": list(p.why)}
            for p in plan.phases
        ],
        "runs": [
            {
                "date": _d(r.date),
                "type": r.type,
                "minutes": r.minutes,
                "slot": r.slot,
                **({"race_priority": r.race_priority} if r.race_priority else {}),
                **({"distance_km": r.distance_km} if r.distance_km is not None else {}),
                **({"note": r.note} if r.note else {}),
            }
            for r in plan.runs
        ],
        "sessions": [
            {
                "date": _d(s.date),
                "slot": s.slot,
                "phase": s.phase,
                "format": s.format,
                "minutes": s.minutes,
                "why": list(s.why),
                "title": s.title,
                "variation": s.variation,
                "heavy_lower": s.heavy_lower,
                "notes": list(s.notes),
                "explanation": s.explanation,
                "exercises": [_rx(p) for p in s.exercises],
            }
            for s in plan.sessions
        ],
        "warnings": [
            {
                "code": w.code,
                "message": w.message,
                **({"date": _d(w.date)} if w.date else {}),
                **({"rule": w.rule} if w.rule else {}),
            }
            for w in plan.warnings
        ],
        "balance_snacks": [
            {"id": b.exercise_id, "name": b.name, "duration_s": b.duration_s, "when": b.when}
            for b in plan.balance_snacks
        ],
        "notes": list(plan.notes),
        "disclaimer": plan.disclaimer,
    }


def to_json(plan: Plan) -> bytes:
    """The plan as UTF-8 JSON, two-space indented, with a final newline."""
    return dump(plan_to_dict(plan))


def dump(data: dict[str, Any]) -> bytes:
    """A JSON document as the plan files are written. orjson writes the same bytes as
    `json.dumps(..., indent=2, ensure_ascii=False)` 10-30 times faster (a test holds them equal)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; the standard library still works
        return to_json_stdlib(data)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def to_json_stdlib(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


class PlanFormatError(ValueError):
    """A plan file that is not a stridelift.plan/1 document."""


def _date(v: Any, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise PlanFormatError(f"{where}: {v!r} is not a date (YYYY-MM-DD)") from None


def plan_from_dict(raw: Any) -> Plan:
    if not isinstance(raw, dict):
        raise PlanFormatError("the plan must be a JSON object")
    if raw.get("schema") != SCHEMA:
        raise PlanFormatError(f"schema is {raw.get('schema')!r}, expected {SCHEMA!r}")
    try:
        sessions = []
        for i, s in enumerate(raw.get("sessions", [])):
            rx = []
            for e in s.get("exercises", []):
                inten = e.get("intensity") or {}
                rx.append(
                    Prescription(
                        id=e["id"],
                        name=e.get("name", e["id"]),
                        block=e["block"],
                        order=int(e.get("order", 0)),
                        region=e.get("region", "full"),
                        core_target=e.get("core_target"),
                        muscles=tuple(e.get("muscles", [])),
                        equipment=tuple(e.get("equipment", [])),
                        balance=bool(e.get("balance", False)),
                        unilateral=bool(e.get("unilateral", False)),
                        planes=tuple(e.get("planes", [])),
                        sets=int(e.get("sets", 1)),
                        reps=e.get("reps"),
                        duration_s=e.get("duration_s"),
                        rest_s=int(e.get("rest_s", 0)),
                        intensity=Intensity(inten.get("pct_1rm"), inten.get("rpe")),
                        cues=tuple(e.get("cues", [])),
                        note=e.get("note", ""),
                        warmup_sets=int(e.get("warmup_sets", 0)),
                    )
                )
            sessions.append(
                Session(
                    date=_date(s["date"], f"sessions[{i}].date"),
                    slot=s.get("slot", "any"),
                    phase=s["phase"],
                    format=s["format"],
                    minutes=int(s.get("minutes", 0)),
                    why=tuple(s.get("why", [])),
                    exercises=tuple(rx),
                    title=s.get("title", ""),
                    heavy_lower=bool(s.get("heavy_lower", False)),
                    variation=s.get("variation"),
                    notes=tuple(s.get("notes", [])),
                    explanation=str(s.get("explanation", "")),
                )
            )
        phases = [
            Phase(
                p["name"],
                _date(p["start"], f"phases[{i}].start"),
                _date(p["end"], f"phases[{i}].end"),
                p.get("focus", ""),
                tuple(p.get("why", [])),
            )
            for i, p in enumerate(raw.get("phases", []))
        ]
        runs = [
            RunEntry(
                _date(r["date"], f"runs[{i}].date"),
                r["type"],
                int(r.get("minutes", 0)),
                r.get("slot", "am"),
                r.get("race_priority"),
                str(r.get("note", "")),
                float(r["distance_km"]) if r.get("distance_km") is not None else None,
            )
            for i, r in enumerate(raw.get("runs", []))
        ]
        warnings = [
            Warning(
                w.get("code", ""),
                w.get("message", ""),
                _date(w["date"], "warning date") if w.get("date") else None,
                w.get("rule"),
            )
            for w in raw.get("warnings", [])
        ]
        athlete = raw.get("athlete", {})
        return Plan(
            athlete_name=athlete.get("name", ""),
            experience=athlete.get("experience", "intermediate"),
            hemisphere=athlete.get("hemisphere", "north"),
            start=_date(raw["start"], "start"),
            end=_date(raw["end"], "end"),
            phases=phases,
            runs=runs,
            sessions=sessions,
            warnings=warnings,
            disclaimer=raw.get("disclaimer", ""),
            balance_snacks=[
                BalanceSnack(b["id"], b.get("name", b["id"]), int(b.get("duration_s", 60)), b.get("when", ""))
                for b in raw.get("balance_snacks", [])
            ],
            notes=list(raw.get("notes", [])),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        if isinstance(exc, PlanFormatError):
            raise
        what = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise PlanFormatError(f"malformed plan: {what}") from None
