"""Warnings grouped (N9): one line per kind, with its count and dates, in words, in the plan's Markdown
and in the terminal summary, so a flood of near-identical warnings reads as one line."""

from __future__ import annotations

import datetime as dt

from stridelift.domain.plan import Warning
from stridelift.domain.warning_groups import group_warnings

MON = dt.date(2027, 1, 4)


def flood() -> list[Warning]:
    days = [MON + dt.timedelta(weeks=i) for i in range(39)]
    lightened = [Warning("SESSION_LIGHTENED", f"{d:%a %d %b}: 40 minutes are too few.", d, "E-FREQUENCY") for d in days]
    return [*lightened, Warning("INJURY_ADVICE", "See a professional.", None, "I-KNEE")]


def test_a_flood_of_one_kind_is_one_group_with_its_count_and_dates() -> None:
    groups = group_warnings(flood())
    assert [(g.code, g.count, len(g.dates)) for g in groups] == [("SESSION_LIGHTENED", 39, 39), ("INJURY_ADVICE", 1, 0)]
    g = groups[0]
    assert g.label == "Session lightened" and g.message == "40 minutes are too few." and g.rule == "E-FREQUENCY"
    assert g.when("%d %b", shown=2) == "04 Jan, 11 Jan and 37 more"
    assert g.dates == tuple(sorted(g.dates))
