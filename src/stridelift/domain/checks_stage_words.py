"""An injury's stage changes are told in the words of the stage they enter (rule I-STAGE-WORDS): each
warning line the runner reads (warnings grouped as the Markdown and the terminal show them) names, for
every date it lists, the stage the injury's data puts that date in, with that stage's own words, and
every stage the plan's sessions enter is told. Coach review: frequent_racer_knee's one line for 27 Apr
and 7 Jun said "recovering stage ... still no jumps", but 7 Jun is the full plan and box jumps follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule
from stridelift.domain.templates import InjuryPolicy, stages, status_on
from stridelift.domain.warning_groups import group_warnings


def stage_told(area: str, status: str, policy: InjuryPolicy) -> str:
    """The words a warning uses for the injury entering `status` (injuries.toml `stage`)."""
    words = policy.by_status[status].stage
    return f"the {area.replace('_', ' ')} plan moves on to its {status} stage" + (f" ({words})" if words else "")


@check("stage_words")
def _stage_words(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    assert ctx.athlete is not None
    code = str(rule.params["code"])
    groups = [g for g in group_warnings(ctx.plan.warnings) if g.code == code]
    start = ctx.athlete.start
    for inj in ctx.athlete.injuries:
        policy = ctx.templates.injuries[inj.area]
        area = inj.area.replace("_", " ")
        named = f"the {area} plan moves on to its "
        # every date a line lists is in the stage its words name
        for g in groups:
            if named not in g.message:
                continue
            said = g.message.split(named, 1)[1].split(" ", 1)[0]
            for d in g.dates:
                now = status_on(policy, inj.status, start, d)
                if stage_told(inj.area, now, policy) not in g.message:
                    yield f"{d}: the warning tells the {area}'s {said} stage, but {d} is in its {now} stage", d
        # every stage the sessions enter is told, dated inside it
        for status, begin, end in stages(policy, inj.status, start)[1:]:
            inside = [s.date for s in ctx.plan.sessions if s.date >= begin and (end is None or s.date < end)]
            if not inside:
                continue
            told = stage_told(inj.area, status, policy)
            if not any(told in g.message and any(begin <= d <= inside[-1] for d in g.dates) for g in groups):
                yield f"{begin}: the {area}'s {status} stage begins and no warning tells it in its words", begin
