"""A week's session cards to print and carry to the gym: the sessions of the week, and the same
cards as a PDF with a box per set to write the load in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine

from stridelift.exporters.cards_pdf import Card, CardRow, cards_pdf
from stridelift.services.accounts import Account
from stridelift.services.gym import prescription_text
from stridelift.services.training import current_plan


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_sessions(plan: dict[str, Any], day: dt.date) -> list[dict[str, Any]]:
    """The plan's sessions from the Monday of `day`'s week to the Sunday, in order."""
    start = week_start(day)
    lo, hi = start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    return [s for s in plan["sessions"] if lo <= s["date"] <= hi]


def _card(session: dict[str, Any]) -> Card:
    day = dt.date.fromisoformat(session["date"])
    heading = f"{day:%a %d %b} · {session.get('title') or session['format']} · {session['minutes']} min"
    rows = tuple(CardRow(e["name"], prescription_text(e), int(e["sets"])) for e in session["exercises"])
    return Card(heading, session.get("explanation") or "", rows)


def week_cards_pdf(engine: Engine, account: Account, day: dt.date) -> bytes:
    """The week's cards as a PDF (NotFound when the runner has no plan yet)."""
    plan = current_plan(engine, account).plan
    start = week_start(day)
    return cards_pdf(
        [_card(s) for s in week_sessions(plan, start)],
        title=f"Week of {start:%d %b %Y}",
        units=account.units,
        empty="No strength sessions this week.",
    )
