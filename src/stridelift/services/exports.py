"""Exporting a plan: JSON, Markdown, iCalendar and Garmin FIT workouts, as bytes to store or send."""

from __future__ import annotations

from collections.abc import Callable

from stridelift.domain.plan import Plan

DOCUMENT_FORMATS = ("json", "md", "ics")


def plan_document(plan: Plan, fmt: str, *, tz: str | None = None) -> bytes:
    """One document of the plan in `fmt` (json, md or ics)."""
    from stridelift.exporters.ics import to_ics
    from stridelift.exporters.markdown import to_markdown
    from stridelift.exporters.plan_json import to_json

    renders: dict[str, Callable[[], bytes]] = {
        "json": lambda: to_json(plan),
        "md": lambda: to_markdown(plan),
        "ics": lambda: to_ics(plan, tz=tz),
    }
    if fmt not in renders:
        raise ValueError(f"unknown plan format {fmt!r}; expected one of {', '.join(DOCUMENT_FORMATS)}")
    return renders[fmt]()


def plan_documents(plan: Plan, *, tz: str | None = None) -> dict[str, bytes]:
    """Every document format, keyed by file name (plan.json, plan.md, plan.ics); all are rendered
    before any is written, so a failing export writes nothing."""
    return {f"plan.{fmt}": plan_document(plan, fmt, tz=tz) for fmt in DOCUMENT_FORMATS}


def plan_fit_files(plan: Plan) -> list[tuple[str, bytes]]:
    """One Garmin FIT workout file per session: (file name, bytes)."""
    from stridelift.catalog import load_library
    from stridelift.exporters.garmin_fit import plan_to_fit_files

    return plan_to_fit_files(plan, load_library())
