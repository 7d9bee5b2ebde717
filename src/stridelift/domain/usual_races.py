"""A race in the usual week (R-RACES-DATED).

The contract lets the usual week hold a `race`, but a weekly race has no date and no distance: the
planner cannot taper for it, count its recovery, or tell an A race from a club race, and the checker
would read every copy as a race. So a usual-week race is run as the rule's race-effort run type
(a tempo by default), which the phase calendar then reshapes like any quality run, and the plan says
so; races the runner wants planned around go under [[races]] with their dates.
"""

from __future__ import annotations

import dataclasses

from stridelift.domain.athlete import Athlete
from stridelift.domain.plan import Warning
from stridelift.domain.rules import RuleBook

RULE = "R-RACES-DATED"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def dated_races_only(athlete: Athlete, rules: RuleBook) -> tuple[Athlete, Warning | None]:
    """The athlete with each usual-week race turned into the rule's run type, and the warning that says so."""
    weekly = [r for r in athlete.running_week if r.type == "race"]
    if not weekly:
        return athlete, None
    as_type = str(rules.param(RULE, "usual_race_as"))
    week = tuple(dataclasses.replace(r, type=as_type) if r.type == "race" else r for r in athlete.running_week)  # type: ignore[arg-type]
    days = ", ".join(DAY_NAMES[r.weekday] for r in weekly)
    warning = Warning(
        "USUAL_WEEK_RACE",
        f"The usual week has a race on {days}: a weekly race has no date or distance to taper for or recover "
        f"from, so it is planned as a race-effort {as_type} run that the phases shorten or drop like any "
        "quality run. List the races you want planned around under [[races]] with their dates (C for club races).",
        None,
        RULE,
    )
    return dataclasses.replace(athlete, running_week=week), warning
