"""The plain sentence each session carries: why this day and this format, and on a day with two runs
and a session, the order to do them in. The rule ids stay in `why`; this is for the runner."""

from __future__ import annotations

from dataclasses import dataclass

from stridelift.domain.plan import Session
from stridelift.domain.progression import leg_reps
from stridelift.domain.scheduling import RunSlot

RUN_NAMES = {
    "easy": "easy run",
    "long": "long run",
    "tempo": "tempo run",
    "interval": "interval session",
    "hills": "hill session",
    "race": "race",
}
HARD_RUNS = frozenset({"long", "tempo", "interval", "hills", "race"})
PART = {"am": "morning", "pm": "evening", "any": ""}


@dataclass(frozen=True, slots=True)
class DayContext:
    """What the sentence needs to know about the session's day and the next one."""

    today: tuple[RunSlot, ...]
    tomorrow: tuple[RunSlot, ...]
    requested: str  # the kind the week asked for; a lighter format means it was lightened
    legs_reason: str  # why nothing leg-fatiguing fits today, or ''
    phase_reason: str  # what the phase asks for, in a few words
    development: bool = False  # a phase that would otherwise tire the legs (so a light day needs a reason)


def _run_list(runs: tuple[RunSlot, ...]) -> str:
    names = [RUN_NAMES.get(r.type, r.type) for r in runs]
    if len(names) == 2 and names[0] == names[1]:
        return f"two {names[0]}s"
    return " and ".join(names)


def day_order(s: Session, today: tuple[RunSlot, ...]) -> str:
    """The order of the day's runs and the session, for days holding two runs and a session."""
    am = [r for r in today if r.slot == "am"]
    rest = [r for r in today if r.slot != "am"]
    steps = [f"the {RUN_NAMES.get(r.type, r.type)} in the morning" for r in am]
    if s.slot == "am" and not am:
        steps.insert(0, "this session in the morning")
        steps += [f"the {RUN_NAMES.get(r.type, r.type)} later" for r in rest]
    else:
        easy_later = [r for r in rest if r.type not in HARD_RUNS]
        hard_later = [r for r in rest if r.type in HARD_RUNS]
        steps += [f"the {RUN_NAMES.get(r.type, r.type)} in the evening" for r in hard_later]
        if easy_later:
            steps.append(
                f"the {_run_list(tuple(easy_later))} in the evening, then this session straight after it "
                "(warm from the run, before dinner)"
            )
        else:
            steps.append("this session, hours after the last run")
    return "Order today: " + "; ".join(steps) + "."


def explain(s: Session, ctx: DayContext) -> str:
    when = f"{s.date:%A}" + (f" {PART[s.slot]}" if PART.get(s.slot) else "")
    hard_today = [r for r in ctx.today if r.type in HARD_RUNS]
    tomorrow_hard = [r for r in ctx.tomorrow if r.type in HARD_RUNS]
    if not ctx.today:
        day_bit = "a day without running, so the session takes nothing from a run"
    elif hard_today and s.slot == "pm" and hard_today[0].slot == "am":
        after = RUN_NAMES.get(hard_today[0].type, hard_today[0].type)
        if not ctx.tomorrow:
            day_bit = (
                f"after the morning {after}, hours later, so the hard work stays on one day before tomorrow's rest"
            )
        elif not tomorrow_hard:
            day_bit = (
                f"after the morning {after}, hours later, so the hard work stays on one day "
                f"and tomorrow's {_run_list(ctx.tomorrow)} stays easy"
            )
        else:
            day_bit = f"after the morning {after}, hours later, so the hard work stays on one day"
    else:
        article = "an " if len(ctx.today) == 1 else ""
        easy = all(r.type == "easy" for r in ctx.today)
        day_bit = f"next to {article}{_run_list(ctx.today)}" if easy else f"with the {_run_list(ctx.today)}"
    if s.format in ("straight_sets", "maintenance"):
        what = "heavy lifting" if s.heavy_lower else "strength work"
        fmt_bit = f"{what} fits because tomorrow holds no key run" if not tomorrow_hard else f"{what}"
        if s.format == "maintenance" and s.phase == "base" and s.heavy_lower:
            fmt_bit = (
                "one short heavy session a week keeps the strength heavy lifting builds "
                "(circuits and light work alone do not)"
            )
        elif s.format == "maintenance" and not s.heavy_lower:  # learning or building back: no heavy sets yet
            fmt_bit = "one short strength session a week, at moderate loads this time"
        elif s.format == "maintenance":
            fmt_bit = "a short maintenance session keeps the strength you built without tiring the legs for racing"
        if ctx.requested == "upper":
            fmt_bit = "heavy upper-body lifting with core and balance, nothing that tires the legs" + (
                f": {ctx.legs_reason}" if ctx.legs_reason else ""
            )
    elif s.format == "circuit":
        legs = leg_reps(s)  # per-leg stations counted on each leg (rule E-CIRCUIT-DOSE)
        fmt_bit = (
            f"a circuit ({legs} leg repetitions) fits because tomorrow holds no long run, intervals, tempo or hills"
        )
    elif ctx.legs_reason and (ctx.requested in ("heavy", "maintenance", "circuit") or ctx.development):
        fmt_bit = f"core, balance and mobility only, nothing that tires the legs: {ctx.legs_reason}"
    else:
        fmt_bit = ctx.phase_reason or "core, balance and mobility keep trunk and ankles strong without tiring the legs"
    text = f"{when}: {day_bit}; {fmt_bit}."
    text = text[0].upper() + text[1:]
    if len(ctx.today) >= 2:
        text += " " + day_order(s, ctx.today)
    return text
