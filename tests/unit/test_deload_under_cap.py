"""A lighter week under an injury's cap (E-DELOAD, E-HEAVY-WAVE): the deload's effort drop is taken from the
capped effort, so a flaring Achilles' RPE 6 cap does not make the deload week the same heavy dose as the
weeks around it (the property test found four weeks in a row at 2x8 @ 68% RPE 6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.deload_cap import deload_under_cap
from stridelift.domain.plan import Session
from stridelift.domain.sessions import SessionBuilder, SessionRequest
from stridelift.profile import parse_profile

RULES = load_rules()
DROP = float(RULES.param("E-HEAVY", "deload_rpe_drop"))
DAY = dt.date(2027, 7, 26)


def _raw(injuries: list[dict[str, str]]) -> dict[str, Any]:
    week = [{"day": d, "type": "easy", "minutes": 40, "slot": "am"} for d in ("mon", "wed", "fri", "sun")]
    return {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "north"},
        "equipment": {"available": ["barbell", "bench", "dumbbells"]},
        "availability": {"sessions_per_week_max": 3, "minutes_per_session": 60, "days": ["mon", "thu"]},
        "running": {"week": week},
        "races": [],
        "injuries": injuries,
        "plan": {"start": "2027-07-05", "end": "2027-10-31"},
    }


def _main_rpe(injuries: list[dict[str, str]], deload: bool) -> float:
    b = SessionBuilder(parse_profile(_raw(injuries)), load_library(), RULES, load_templates())
    req = SessionRequest("heavy", DAY, "pm", "offseason_strength", 4, 4, deload, 1, False, phase_start=DAY)
    s = b.build(req)
    assert isinstance(s, Session)
    main = next(p for p in s.exercises if p.block == "strength" and p.intensity.pct_1rm is not None)
    assert main.intensity.rpe is not None
    return main.intensity.rpe


def test_the_deload_drop_is_taken_under_the_injurys_cap() -> None:
    assert deload_under_cap(6.5, 6.0, DROP) == 6.0 - DROP  # the cap at or below the deload: dropped under it
    assert deload_under_cap(6.5, 8.0, DROP) == 6.5  # no cap in the way: the deload as it was
    flaring = [{"area": "achilles", "status": "flaring"}]
    ordinary, lighter = _main_rpe(flaring, False), _main_rpe(flaring, True)
    assert lighter <= ordinary - DROP
    # no injury: the deload's drop as before
    assert _main_rpe([], True) == _main_rpe([], False) - DROP
