"""I-RACE-TENDON: an injury's own loading repetitions rest around races, judged on the plan's races."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule
from stridelift.domain.tendon import is_loading, quiet_days


@check("race_tendon")
def _race_tendon(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    # every injury's own loading (injuries.toml `add`), whatever the runner's injuries: near a race these
    # exercises come only from an injury, as heavy legs are kept away from races by their own rules
    ids = frozenset(a for policy in ctx.templates.injuries.values() for sp in policy.by_status.values() for a in sp.add)
    races = [(r.date, r.distance_km) for r in ctx.plan.runs if r.type == "race"]
    quiet = quiet_days(races, rule.params)
    for s in ctx.plan.sessions:
        race = quiet.get(s.date)
        if race is None:
            continue
        for p in s.exercises:
            if is_loading(p, ids):
                gap = (s.date - race).days
                side = "before" if gap < 0 else "after"
                when = "on the day of" if gap == 0 else f"{abs(gap)} day{'s' if abs(gap) != 1 else ''} {side}"
                yield f"{p.id} {p.sets}x{p.reps} {when} the race on {race}", s.date
