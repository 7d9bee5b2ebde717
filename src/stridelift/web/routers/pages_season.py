"""Onboarding (the profile form), the season calendar, the exercise library, plan downloads."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse

from stridelift.services import training
from stridelift.services.accounts import FieldError
from stridelift.services.library import search_exercises
from stridelift.services.training import NotFound
from stridelift.web.deps import PageCaller, State
from stridelift.web.forms import CHOICES, form_from_profile, profile_from_form
from stridelift.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/onboarding")
def onboarding_page(request: Request, state: State, caller: PageCaller) -> Response:
    try:
        values = form_from_profile(training.current_profile(state.engine, caller.account))
    except NotFound:
        values = {"athlete.hemisphere": "north", "athlete.experience": "novice", "plan.start": dt.date.today()}
    return render(
        request, "onboarding.html", caller=caller, csrf_token=caller.csrf_token, values=values, errors={}, **CHOICES
    )


@router.post("/onboarding")
async def onboarding(request: Request, state: State, caller: PageCaller) -> Response:
    form = await request.form()
    single = {k: v for k, v in form.items() if isinstance(v, str)}
    groups = ("equipment.available", "availability.days")
    lists = {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in groups}
    raw = profile_from_form(single, lists)
    try:
        training.save_profile(state.engine, caller.account, raw)
    except FieldError as exc:
        values: dict[str, Any] = dict(single) | lists
        errors = {exc.field or "form": str(exc)}
        return render(
            request, "onboarding.html", 422, caller=caller, csrf_token=caller.csrf_token, values=values,
            errors=errors, **CHOICES,
        )  # fmt: skip
    return RedirectResponse("/season", status_code=303)


def _weeks(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Monday-to-Sunday rows of the season, each day with its runs and sessions."""
    start = dt.date.fromisoformat(plan["start"])
    end = dt.date.fromisoformat(plan["end"])
    runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    sessions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in plan["runs"]:
        runs[r["date"]].append(r)
    for s in plan["sessions"]:
        sessions[s["date"]].append(s | {"key": training.session_key(s)})
    phases = plan["phases"]
    weeks = []
    day = start - dt.timedelta(days=start.weekday())
    while day <= end:
        days = []
        for i in range(7):
            d = day + dt.timedelta(days=i)
            iso = d.isoformat()
            days.append({"date": d, "in_plan": start <= d <= end, "runs": runs[iso], "sessions": sessions[iso]})
        phase = next((p["name"] for p in phases if p["start"] <= day.isoformat() <= p["end"]), phases[0]["name"])
        weeks.append({"monday": day, "phase": phase, "days": days})
        day += dt.timedelta(days=7)
    return weeks


@router.get("/season")
def season(request: Request, state: State, caller: PageCaller) -> Response:
    try:
        cur = training.current_plan(state.engine, caller.account)
    except NotFound:
        return RedirectResponse("/onboarding", status_code=303)
    from stridelift.services.rule_text import rule_statements

    return render(
        request, "season.html", caller=caller, csrf_token=caller.csrf_token, plan=cur.plan, weeks=_weeks(cur.plan),
        rules=rule_statements(), today=dt.date.today(),
    )  # fmt: skip


@router.get("/exercises")
def exercises(
    request: Request, caller: PageCaller, q: Annotated[str, Query(max_length=200)] = ""
) -> Response:
    found = search_exercises(q)
    template = "exercise_list.html" if request.headers.get("HX-Request") else "exercises.html"
    return render(request, template, caller=caller, csrf_token=caller.csrf_token, exercises=found, q=q)


@router.get("/plan.{fmt}")
def download_plan(state: State, caller: PageCaller, fmt: str) -> Response:
    from stridelift.services.exports import plan_document
    from stridelift.services.planning import plan_from_json

    if fmt not in ("json", "md"):
        return Response("unknown format", status_code=404)
    try:
        cur = training.current_plan(state.engine, caller.account)
    except NotFound:
        return Response("no plan yet", status_code=404)
    media = "application/json" if fmt == "json" else "text/markdown; charset=utf-8"
    return Response(
        plan_document(plan_from_json(cur.plan), fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="plan.{fmt}"'},
    )


@router.get("/week/{monday}/cards")
def week_cards(request: Request, state: State, caller: PageCaller, monday: dt.date) -> Response:
    """A week's session cards to print (each card kept whole, two to a page, a box per set to write
    the load in); the PDF beside it is the same cards, laid out by the server."""
    from stridelift.services.cards import week_sessions, week_start
    from stridelift.services.gym import prescription_text

    try:
        cur = training.current_plan(state.engine, caller.account)
    except NotFound:
        return RedirectResponse("/onboarding", status_code=303)
    sessions = week_sessions(cur.plan, monday)
    return render(
        request, "cards.html", monday=week_start(monday), sessions=sessions, units=caller.account.units,
        rx=prescription_text, max_sets=lambda s: max((e["sets"] for e in s["exercises"]), default=1),
    )  # fmt: skip


@router.get("/week/{monday}/cards.pdf")
def week_cards_pdf(state: State, caller: PageCaller, monday: dt.date) -> Response:
    from stridelift.services.cards import week_cards_pdf, week_start

    try:
        pdf = week_cards_pdf(state.engine, caller.account, monday)
    except NotFound:
        return RedirectResponse("/onboarding", status_code=303)
    name = f"stridelift-week-{week_start(monday).isoformat()}.pdf"
    return Response(pdf, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{name}"'})
