"""The plan's days: the runs on each date (reshaped by phase and races), what each day allows, and
the honest naming of a heavy block that got no heavy legs. Split from the planner, which walks the
weeks; this module knows the days."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from stridelift.domain.adaptation import HistorySignal
from stridelift.domain.athlete import Athlete, Race
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.key_runs import KeyRuns, next_race_in
from stridelift.domain.leg_floor import RULE as LEG_RULE
from stridelift.domain.leg_floor import is_leg_strength
from stridelift.domain.plan import Phase, Session, Warning
from stridelift.domain.progression import HEAVY_RPE, is_heavy_set
from stridelift.domain.rules import RuleBook
from stridelift.domain.running import b_legs_days, plan_runs, recovery_days
from stridelift.domain.scheduling import DayInfo, RunSlot, heavy_allowed_on
from stridelift.domain.templates import InjuryPolicy, status_on
from stridelift.domain.vocab import PhaseName

ONE_DAY = dt.timedelta(days=1)


class DayCalendar:
    """Runs and per-day constraints laid onto real dates."""

    def __init__(
        self,
        athlete: Athlete,
        rules: RuleBook,
        phases: list[Phase],
        history: HistorySignal,
        injuries: Mapping[str, InjuryPolicy] | None = None,
    ) -> None:
        self.a = athlete
        self.history = history
        self.races = {r.date: r for r in athlete.races}
        self.phase_of: dict[dt.date, PhaseName] = {}
        for ph in phases:
            d = ph.start
            while d <= ph.end:
                self.phase_of[d] = ph.name
                d += ONE_DAY
        self.day_runs = plan_runs(athlete, self.phase_of, rules, injuries=injuries)
        self.key_types = frozenset(rules.param("E-KEY-RUN-EVE", "key_types"))
        self.keys = KeyRuns.of(rules)
        self.quality = frozenset(rules.param("E-QUALITY-SAME-DAY", "quality_types"))
        self.long_day_minutes = int(rules.param("E-LONG-RUN-SAME-DAY", "min_minutes"))
        buffers = rules["E-RACE-BUFFER"].params
        rec = rules["E-RACE-RECOVERY"].params
        self.buffer: set[dt.date] = set()
        self.recovering: dict[dt.date, Race] = {}
        for r in sorted(athlete.races, key=lambda r: r.date):
            for k in range(1, int(buffers[r.priority]) + 1):
                self.buffer.add(r.date - dt.timedelta(days=k))
            for k in range(1, recovery_days(r.distance_km, rec, r.priority) + 1):
                self.recovering[r.date + dt.timedelta(days=k)] = r
        # the day after a half or longer is a rest day: no run and no session (E-RACE-RECOVERY)
        self.rest_days = {r.date + ONE_DAY for r in athlete.races if r.distance_km >= float(rec["half_km"])}
        # the last days before a B race hold nothing leg-fatiguing (R-B-TAPER's mini-taper)
        mini = rules["R-B-TAPER"].params
        self.b_taper: dict[dt.date, Race] = {}
        for r in sorted(athlete.races, key=lambda r: r.date, reverse=True):
            if r.priority == "B":
                for k in range(1, b_legs_days(r.distance_km, mini) + 1):
                    self.b_taper[r.date - dt.timedelta(days=k)] = r
        self._legs: dict[dt.date, str] = {}  # legs_block by day: the planner asks up to four times a day

    def key_runs(self, day: dt.date) -> frozenset[str]:
        """The key run types of `day` as planned there (E-KEY-RUN-EVE: the phase's base running is none)."""
        runs = ((r.type, r.minutes) for r in self.runs(day))
        return self.keys.kinds(runs, self.phase_of.get(day), next_race_in(day, self.races))

    def runs(self, day: dt.date) -> tuple[RunSlot, ...]:
        got = self.day_runs.get(day)
        return got.runs if got is not None else ()

    def heavy_block(self, day: dt.date) -> str:
        if day in self.races:
            return "race day"
        if day in self.buffer:
            return "inside the pre-race buffer"
        legs = self.legs_block(day)
        if legs:
            return legs
        ev = self.history.heavy_blocked(day)
        if ev is not None:
            return f"recent running load ({ev.detail})"
        return ""

    def legs_block(self, day: dt.date) -> str:
        """Why no leg-fatiguing session (heavy, circuit, plyometrics) fits on `day`, or ''."""
        got = self._legs.get(day)
        if got is None:
            got = self._legs[day] = self._legs_block(day)
        return got

    def _legs_block(self, day: dt.date) -> str:
        if day in self.races:
            return "race day"
        race = self.recovering.get(day)
        if race is not None:
            return f"recovering from the race on {race.date:%d %b}"
        b_race = self.b_taper.get(day)
        if b_race is not None:
            return f"the mini-taper before the B race on {b_race.date:%d %b}"
        nxt = self.key_runs(day + ONE_DAY)
        if nxt:
            return f"{'/'.join(sorted(nxt))} the next day"
        long_today = max((r.minutes for r in self.runs(day) if r.type == "long"), default=0)
        if long_today >= self.long_day_minutes:
            return f"a {long_today}-minute long run the same day"
        return ""


def reason_for_drop(
    kind: str,
    days: list[DayInfo],
    dates: list[dt.date],
    quality: frozenset[str],
    legs: Callable[[dt.date], str] | None = None,
) -> str:
    """Why no day of the week took a session of `kind`; `legs` names why a day cannot take leg fatigue."""
    if not days:
        return "no available strength day this week"
    if kind in ("heavy", "maintenance", "circuit"):
        bits = []
        for d, date in zip(days, dates, strict=True):
            if not d.allowed_kinds:
                continue
            why = d.heavy_block_reason
            if kind == "circuit":
                why = "" if d.legs_ok else (legs(date) if legs is not None else "") or "key run the next day"
            if not why and kind != "circuit" and not heavy_allowed_on(d, quality):
                why = "quality run not before it that day"
            other = "taken by another session, or next to a leg-fatiguing one or within 48 h of heavy legs"
            bits.append(f"{date:%a} ({why or other})")
        what = "heavy legs" if kind != "circuit" else "a circuit"
        return f"{what} not allowed on " + ", ".join(bits) if bits else "no available day"
    return "not enough available days"


NO_HEAVY_FOCUS = (
    "Off-season block WITHOUT heavy leg work: none of your strength days can take heavy legs "
    "(see the warning for what to change); core, balance, mobility and what strength fits instead."
)
UPPER_INSTEAD = "heavy upper-body strength (pulls and presses), core, balance and mobility instead."


LATE_FOCUS = (
    "Familiarisation WITHOUT heavy leg work: you start lifting close to your A race, so light core, "
    "balance and mobility sessions to learn the movements; heavy lifting starts after the race (E-NOVICE-LATE)."
)


WITHOUT_FOCUS = {
    "heavy": (
        "WITHOUT heavy leg work: none of your strength days in this phase can take heavy legs "
        "(see the warning for what to change); core, balance, mobility and what strength fits instead."
    ),
    "circuit": (
        "WITHOUT circuits: none of your strength days in this phase can take a leg circuit "
        "(see the warning for what to change); core, balance, mobility and what strength fits instead."
    ),
}


def honest_heavy_blocks(
    phases: list[Phase],
    sessions: list[Session],
    athlete: Athlete,
    cal: DayCalendar,
    warnings: list[Warning],
    rules: RuleBook,
    late_until: dt.date | None = None,
    injuries: Mapping[str, InjuryPolicy] | None = None,
    library: ExerciseLibrary | None = None,
) -> list[Phase]:
    """A phase whose name promises leg work (S2-HEAVY-HONEST's `promises`: heavy legs, or circuits in
    base) that got none says so in its focus and tells the runner what to change or why: a phase never
    promises what it does not contain."""
    from stridelift.domain.progression import delivers

    rule = rules["S2-HEAVY-HONEST"]
    promises = rule.params["promises"]
    min_days = int(rule.params["min_days"])
    out = []
    for ph in phases:
        kind = promises.get(ph.name)
        inside = [s for s in sessions if ph.contains(s.date)]
        if kind is None or ph.days < min_days or delivers(str(kind), inside):
            out.append(ph)
            continue
        late = late_until is not None and ph.start <= late_until
        focus = NO_HEAVY_FOCUS if ph.name == "offseason_strength" else WITHOUT_FOCUS[str(kind)]
        # the injury's cap is the reason only where a strength day could take leg work at all; where every
        # day is blocked (the eve of a key run, a race), the days are the reason and the warning says so
        open_day = any(
            not cal.legs_block(d)
            for d in (ph.start + dt.timedelta(days=i) for i in range(ph.days))
            if d.weekday() in athlete.strength_days
        )
        capped = _injury_cap(ph, athlete, injuries or {}) if kind == "heavy" and open_day else ""
        moderate = _moderate_legs(inside, library, rules.param(LEG_RULE, "leg")) if kind == "heavy" else ""
        if capped:  # the days could take heavy legs: the injury holds the effort down, and the focus says so
            focus = focus.replace(
                "none of your strength days can take heavy legs (see the warning for what to change)", capped
            ).replace(
                "none of your strength days in this phase can take heavy legs (see the warning for what to change)",
                capped,
            )
        if moderate:
            focus = focus.replace("what strength fits instead.", f"moderate leg strength instead ({moderate}).")
        if kind == "heavy" and any(is_heavy_set(p) and p.region == "upper" for s in inside for p in s.exercises):
            focus = focus.replace("core, balance, mobility and what strength fits instead.", UPPER_INSTEAD)
        if late:  # the reason is the race, not the days: the focus says so
            out.append(dataclasses.replace(ph, focus=LATE_FOCUS))
        elif ph.name == "offseason_strength":
            out.append(dataclasses.replace(ph, focus=focus))
        else:  # its usual focus promises what it lacks ("Heavy strength ...", "Strength-endurance circuits ..."):
            # it is not repeated before the WITHOUT (R-PHASE-LABEL: the focus promises nothing the phase lacks)
            name = ph.name.replace("_", " ").capitalize()
            out.append(dataclasses.replace(ph, focus=f"{name} phase {focus}"))
        what = "heavy leg work" if kind == "heavy" else "leg circuits"
        where = "off-season block" if ph.name == "offseason_strength" else f"{ph.name.replace('_', '-')} phase"
        head = f"The {where} {ph.start:%d %b}-{ph.end:%d %b %Y} holds no {what}"
        if late and late_until is not None:
            message = (
                f"{head}: you start lifting close to your A race, so it is light familiarisation until "
                f"{late_until:%d %b %Y}; leg work starts after that."
            )
        elif capped:
            message = (
                f"{head}: {capped}" + (f"; the legs get moderate strength sets ({moderate})" if moderate else "") + "."
            )
        elif kind == "heavy" and _no_load(athlete, rules):  # freeing days would not make heavy legs
            message = f"{head}: {_blocked(ph, athlete, cal)}. {NO_LOAD_ADVICE}"
        else:
            message = f"{head}: {_blocked(ph, athlete, cal)}. To get {what}, {_advice(ph, athlete, cal, what)}."
        code = "HEAVY_BLOCK_NOT_HEAVY" if ph.name == "offseason_strength" else f"PHASE_WITHOUT_{str(kind).upper()}"
        warnings.append(Warning(code, message, ph.start, "S2-HEAVY-HONEST"))
    return out


def _injury_cap(ph: Phase, athlete: Athlete, injuries: Mapping[str, InjuryPolicy]) -> str:
    """The injury whose effort cap (injuries.toml `rpe_cap` below a heavy set's RPE 8, holding the squat
    and hinge) keeps the phase's leg work moderate on its first day, in words; empty when none does."""
    for inj in athlete.injuries:
        policy = injuries.get(inj.area)
        if policy is None:
            continue
        status = status_on(policy, inj.status, athlete.start, ph.start)
        sp = policy.by_status.get(status)
        if sp is None or sp.rpe_cap is None or sp.rpe_cap >= HEAVY_RPE:
            continue
        if sp.cap_patterns and not {"squat", "hinge"} & set(sp.cap_patterns):
            continue
        area = inj.area.replace("_", " ")
        return f"your {status} {area} caps leg effort at RPE {sp.rpe_cap:g} until it settles"
    return ""


def _moderate_legs(sessions: list[Session], library: ExerciseLibrary | None, leg: Mapping[str, Any]) -> str:
    """The phase's main lower-body strength sets that are not heavy (a leg lift before a full-body one,
    the most sets first), as the runner reads them: only what E-LEG-FLOOR counts as leg strength (a
    cable squat to row or a calf raise is not), so the words never call core work leg work."""
    if library is None:
        return ""
    sets = [
        p
        for s in sessions
        for p in s.exercises
        if p.block == "strength" and p.reps and not is_heavy_set(p) and is_leg_strength(p, library.find(p.id), leg)
    ]
    if not sets:
        return ""
    p = max(sets, key=lambda x: (x.region == "lower", x.sets))
    effort = f" at RPE {p.intensity.rpe:g}" if p.intensity.rpe is not None else ""
    return f"e.g. {p.name.lower()} {p.sets}x{p.reps}{effort}"


def _blocked(ph: Phase, athlete: Athlete, cal: DayCalendar) -> str:
    days = sorted(
        {f"{d:%A} ({cal.legs_block(d) or 'no room'})" for d in _days(ph) if d.weekday() in athlete.strength_days}
    )
    return ", ".join(days[:3]) or "no strength day"


NO_LOAD_ADVICE = (
    "Heavy leg work needs a load to lift (dumbbells, a kettlebell or a barbell) and a novice learns the "
    "one-leg squats first, so with your equipment the legs get strength-endurance work in the circuits "
    "and the strength days instead; with a pair of dumbbells or a kettlebell the plan can add heavy legs."
)


def _no_load(athlete: Athlete, rules: RuleBook) -> bool:
    """A novice without a load to lift (E-HEAVY-LOAD's load equipment): no freed day makes heavy legs."""
    loads = set(rules.param("E-HEAVY-LOAD", "load_equipment"))
    return athlete.experience == "novice" and not (loads & athlete.equipment)


def _advice(ph: Phase, athlete: Athlete, cal: DayCalendar, what: str) -> str:
    """A day to free for leg work: not the eve of a key run, and not the long run's own day."""
    free = [
        calendar.day_name[w]
        for w in range(7)
        if w not in athlete.strength_days
        and not cal.key_runs(_next_weekday(ph.start, w) + ONE_DAY)
        and not any(r.type in ("long", "race") for r in cal.runs(_next_weekday(ph.start, w)))
        and not any(r.type in ("long", "race") for r in athlete.runs_on(w))
    ]
    move = _move_advice(athlete, cal.key_types, what)
    eve = "(a day that is not the eve of a long run, intervals, tempo, hills or a race)"
    if free:
        return f"free one more day such as {' or '.join(free[:2])} {eve}" + (f", or {move}" if move else "")
    return move or "move the long run or a quality run by a day, keeping a day between key runs"


def _move_advice(athlete: Athlete, key_types: frozenset[str], what: str) -> str:
    """Moving the key run that follows a strength day to a day whose eve is no strength day (the usual
    week's own days: "move the long run from Saturday to Sunday"), never next to another key run nor
    onto one's day (no back-to-back hard days: a tempo the day after the long run is no fix)."""
    strength = athlete.strength_days
    keyed = {w for w in range(7) if {r.type for r in athlete.runs_on(w)} & key_types}
    for w in sorted(strength):
        after = (w + 1) % 7
        kinds = sorted({r.type for r in athlete.runs_on(after)} & key_types)
        if not kinds:
            continue
        others = keyed - {after}
        for step in (1, -1, 2, -2):  # the nearest day first, later before earlier
            d = (after + step) % 7
            if d in keyed or d in strength or (d - 1) % 7 in strength:
                continue
            if (d - 1) % 7 in others or (d + 1) % 7 in others:
                continue
            run = "long run" if "long" in kinds else f"{kinds[0]} run"
            return (
                f"move the {run} from {calendar.day_name[after]} to {calendar.day_name[d]} "
                f"so {calendar.day_name[w]} can take {what}"
            )
    return ""


def _days(ph: Phase) -> list[dt.date]:
    return [ph.start + dt.timedelta(days=i) for i in range(min(ph.days, 7))]


def _next_weekday(d: dt.date, w: int) -> dt.date:
    return d + dt.timedelta(days=(w - d.weekday()) % 7)
