"""E-SUBSTITUTE-WHY: a circuit station that stands in for its template's exercise says what for and why.

Read from the plan: each circuit's variation names its template; a station holding none of that
template's exercises (nor a harder version of one) must carry a note saying what it stands in for
("calf raise instead of box step-up: ..."), and a circuit of a template that lists its source's
exercises (the seed's eight) must name the ones it leaves out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule
from stridelift.domain.substitution import LEFT_OUT, MARK, template_ids, template_of


@check("substitute_why")
def _substitute_why(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    for s in ctx.plan.sessions:
        if s.format != "circuit":
            continue
        tpl = template_of(ctx.templates, s.variation)
        if tpl is None:
            continue
        own = template_ids(tpl, ctx.library)
        stations = [p for p in s.exercises if p.block == "circuit"]
        for p in stations:
            if p.id not in own and MARK not in p.note:
                yield (
                    f"circuit {s.variation} station {p.id} stands in for its template's exercise without saying why",
                    s.date,
                )
        held = {p.id for p in stations}
        missing = [i for i in tpl.seed if i not in held]
        if missing and not any(LEFT_OUT in n for n in s.notes):
            yield f"circuit {s.variation} leaves out the source's {', '.join(missing)} without saying why", s.date
