"""Phases from the race calendar and the hemisphere.

Each day of the plan gets a label; labels with higher precedence win (a race week beats a taper,
a taper beats a build, a build beats the off-season block, which beats base). The off-season heavy
block yields to race build-ups: it is moved earlier when there is room, shortened otherwise, and
dropped (with a warning) when fewer than `min_weeks` remain.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from dataclasses import dataclass

from stridelift.domain.athlete import Athlete, Race
from stridelift.domain.plan import Phase, Warning
from stridelift.domain.rules import RuleBook
from stridelift.domain.vocab import PhaseName

PRECEDENCE: dict[str, int] = {
    "base": 1,
    "in_season": 2,
    "offseason_strength": 3,
    "build": 4,
    "peak": 5,
    "recovery": 6,
    "taper": 7,
    "race_week": 8,
}

FOCUS: dict[str, str] = {
    "offseason_strength": "Heavy weights to rebuild the muscle that mileage costs; eat a little more.",
    "base": "Strength-endurance circuits (5 lower + 3 upper, 3x20, 30 s rest), core and balance, and one short "
    "heavy session a week to keep the strength.",
    "build": "Heavy strength for running economy, plus one circuit and short plyometrics.",
    "peak": "Maintain strength with short heavy sessions; keep legs fresh for quality running.",
    "taper": "Strength volume cut by about half, intensity kept; nothing heavy in the last 10 days.",
    "race_week": "Light core, balance and mobility only.",
    "recovery": "Recover from the race: mobility, light core and balance, no heavy work.",
    "in_season": "Racing often: one short heavy maintenance session a week plus core and balance.",
}

PHASE_RULES: dict[str, tuple[str, ...]] = {
    "offseason_strength": ("S2-OFFSEASON-HEAVY", "E-HEAVY", "S6-STAGE"),
    "base": ("S1-CIRCUIT-FREQ", "S4-HIGH-REPS", "E-HEAVY-KEEP", "S6-STAGE"),
    "build": ("E-HEAVY", "E-PLYO", "S6-STAGE"),
    "peak": ("E-IN-SEASON", "S6-STAGE"),
    "taper": ("E-TAPER", "E-RACE-BUFFER", "S6-STAGE"),
    "race_week": ("E-TAPER", "E-RACE-BUFFER", "S6-STAGE"),
    "recovery": ("E-RECOVERY", "S6-STAGE"),
    "in_season": ("E-IN-SEASON", "S6-STAGE"),
}


@dataclass(frozen=True, slots=True)
class RaceShape:
    race_week: int
    taper: int
    peak: int
    build: int
    recovery: int


def race_shape(race: Race) -> RaceShape:
    """Lengths in days; A races get a full build-up, B races a mini-taper, C races almost nothing."""
    km = race.distance_km
    if race.priority == "A":
        if km >= 30:
            return RaceShape(7, 14, 21, 42, 14)
        if km >= 15:
            return RaceShape(7, 10, 21, 35, 10)
        return RaceShape(7, 7, 14, 28, 7)
    if race.priority == "B":
        return RaceShape(5, 0, 0, 0, 10 if km >= 30 else 4)
    return RaceShape(3, 0, 0, 0, 7 if km >= 30 else 2)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def offseason_windows(hemisphere: str, start: dt.date, end: dt.date, start_month: int) -> list[tuple[dt.date, dt.date]]:
    """Default three-month windows (Dec-Feb north, Jun-Aug south) that touch [start, end]."""
    out = []
    for year in range(start.year - 1, end.year + 1):
        w_start = dt.date(year, start_month, 1)
        last_month = (start_month + 1) % 12 + 1
        last_year = year + (1 if last_month < start_month else 0)
        w_end = _month_end(last_year, last_month)
        if w_end >= start and w_start <= end:
            out.append((w_start, w_end))
    del hemisphere
    return out


class _Labels:
    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start = start
        self.n = (end - start).days + 1
        self.label: list[str] = ["base"] * self.n

    def idx(self, day: dt.date) -> int:
        return (day - self.start).days

    def paint(self, first: dt.date, last: dt.date, name: str) -> None:
        lo, hi = max(0, self.idx(first)), min(self.n - 1, self.idx(last))
        p = PRECEDENCE[name]
        for i in range(lo, hi + 1):
            if PRECEDENCE[self.label[i]] < p:
                self.label[i] = name

    def day(self, i: int) -> dt.date:
        return self.start + dt.timedelta(days=i)


def _place_offseason(lab: _Labels, athlete: Athlete, rules: RuleBook, warnings: list[Warning]) -> None:
    params = rules["S2-OFFSEASON-HEAVY"].params
    month = params["north_start_month"] if athlete.hemisphere == "north" else params["south_start_month"]
    want = int(params["weeks"]) * 7
    min_days = int(params["min_weeks"]) * 7
    into_build_days = int(params["into_build_min_weeks"]) * 7
    end = lab.day(lab.n - 1)
    for w_start, w_end in offseason_windows(athlete.hemisphere, athlete.start, end, int(month)):
        lo, hi = max(0, lab.idx(w_start)), min(lab.n - 1, lab.idx(w_end))
        free = [i for i in range(lo, hi + 1) if lab.label[i] == "base"]
        if not free:
            continue
        # the longest contiguous free run inside the default window
        runs: list[tuple[int, int]] = []
        run_start = free[0]
        for a, b in itertools.pairwise(free):
            if b != a + 1:
                runs.append((run_start, a))
                run_start = b
        runs.append((run_start, free[-1]))
        first, last = max(runs, key=lambda r: (r[1] - r[0], -r[0]))
        cut_by_races = (last - first + 1) < (hi - lo + 1)
        moved = False
        if cut_by_races and (last - first + 1) < want:
            # move earlier over free base days, at most eight weeks before the default start
            earliest = max(0, lab.idx(w_start) - 56)
            while first - 1 >= earliest and lab.label[first - 1] == "base" and (last - first + 1) < want:
                first -= 1
                moved = True
        length = last - first + 1
        w_label = f"{w_start:%b %Y}-{w_end:%b %Y}"
        # a short stretch that runs straight into an A race's build is still the heavy block's start: the
        # build carries the heavy work on, so the season runs heavy block, build, peak, taper (never base
        # circuits keeping a strength not yet built, coach review of issue 6)
        into_build = last + 1 < lab.n and lab.label[last + 1] == "build" and length >= into_build_days
        if length < min_days and not into_build:
            warnings.append(
                Warning(
                    "OFFSEASON_DROPPED",
                    f"No room for the off-season heavy block ({w_label}): "
                    f"{'race preparation leaves' if cut_by_races else 'the plan covers'} only "
                    f"{length // 7} weeks of it, fewer than {min_days // 7}; base circuits instead.",
                    rule="S2-OFFSEASON-HEAVY",
                )
            )
            continue
        for i in range(first, last + 1):
            lab.label[i] = "offseason_strength"
        if cut_by_races:
            how = (
                "moved earlier and shortened"
                if moved and length < want
                else ("moved earlier" if moved else "shortened")
            )
            warnings.append(
                Warning(
                    "OFFSEASON_ADJUSTED",
                    f"Off-season heavy block {how} to {lab.day(first):%d %b %Y}-{lab.day(last):%d %b %Y} "
                    f"({length // 7} weeks) so it does not collide with race preparation"
                    + (
                        "; it runs straight into your A race's build, which carries its heavy work on."
                        if length < min_days
                        else "."
                    ),
                    date=lab.day(first),
                    rule="S2-OFFSEASON-HEAVY",
                )
            )


def _recovery_wins(lab: _Labels, athlete: Athlete, rules: RuleBook, warnings: list[Warning]) -> None:
    """The recovery counted from each race's date (E-RACE-RECOVERY) is labelled recovery even where the
    next race's taper or race week would begin (R-RECOVERY-LABELS): the phase never says "taper" while
    the runs say "recovery". An A race inside an earlier race's recovery is told to the runner."""
    from stridelift.domain.running import recovery_days

    rec = rules["E-RACE-RECOVERY"].params
    race_days = {r.date for r in athlete.races}
    ordered = sorted(athlete.races, key=lambda r: r.date)
    for r in ordered:
        n = recovery_days(r.distance_km, rec, r.priority)
        for k in range(1, n + 1):
            d = r.date + dt.timedelta(days=k)
            i = lab.idx(d)
            if 0 <= i < lab.n and d not in race_days:
                lab.label[i] = "recovery"
        for nxt in ordered:
            gap = (nxt.date - r.date).days
            if nxt.priority == "A" and 0 < gap <= n:
                warnings.append(
                    Warning(
                        "A_RACE_IN_RECOVERY",
                        f"Your A race on {nxt.date:%d %b %Y} is {gap} days after the race on {r.date:%d %b %Y}, "
                        f"inside its {n} days of recovery: there is no taper or race week before it, only "
                        "recovery. Race one of them as a B race or expect less from the second.",
                        nxt.date,
                        "R-RECOVERY-LABELS",
                    )
                )


def _mark_in_season(lab: _Labels, races: list[Race], gap_days: int = 42) -> None:
    dates = sorted({r.date for r in races})
    for a, b in itertools.pairwise(dates):
        if (b - a).days > gap_days:
            continue
        for i in range(max(0, lab.idx(a) + 1), min(lab.n, lab.idx(b))):
            if lab.label[i] == "base":
                lab.label[i] = "in_season"


DEVELOPMENT = frozenset({"base", "build", "peak", "in_season"})
SEASON_GAP_DAYS = 42  # races this close make a season (as `_mark_in_season`)


def _runs(lab: _Labels) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < lab.n:
        j = i
        while j + 1 < lab.n and lab.label[j + 1] == lab.label[i]:
            j += 1
        out.append((i, j))
        i = j + 1
    return out


def _absorb_slivers(lab: _Labels, min_days: int, start_into: frozenset[str] = frozenset()) -> None:
    """A development phase squeezed to less than `min_days` between races (three days of 'in season'
    after a recovery, a four-day peak before a B race's race week) is no stage of its own (S6-STABLE-
    BLOCKS): it joins the development phase before it, else the one after it, else the phase after it
    when that is the coming race's taper or the off-season block
    (which then starts a few days early, straight after a race's recovery); one at the plan's start
    joins the stage after it when that is one of `start_into` (a one-day base before the off-season
    block); one before a race week (after a recovery) is in season: a short in-season stage between
    races that come every two weeks; one at the plan's end stays, as the plan cuts it."""
    changed = True
    while changed:
        changed = False
        runs = _runs(lab)
        for i, j in runs:
            if lab.label[i] not in DEVELOPMENT or j - i + 1 >= min_days or j == lab.n - 1:
                continue
            before, after = (lab.label[i - 1] if i else ""), lab.label[j + 1]
            if i == 0 and after not in start_into:
                continue
            into = before if before in DEVELOPMENT else after if after in DEVELOPMENT or i == 0 else None
            if into is None and after in ("taper", "offseason_strength"):
                into = after
            elif into is None and after == "race_week":
                # before the next race's week (after a race's recovery) the runner trains as usual, with a
                # short maintenance session (E-LEGS-GAP): that is in season, not a taper (the runs are not
                # cut: a label that said taper would lie, R-PHASE-LABEL)
                into = "in_season"
            if into is None or into == lab.label[i]:
                continue
            for d in range(i, j + 1):
                lab.label[d] = into
            changed = True
            break


def season_start(race: Race, races: list[Race], gap_days: int = SEASON_GAP_DAYS) -> Race | None:
    """The first race of the racing season that leads to `race` (races each within `gap_days` of the next,
    as in season), or None when no race comes before it that closely."""
    first: Race | None = None
    at = race.date
    for r in sorted((r for r in races if r.date < race.date), key=lambda r: r.date, reverse=True):
        if (at - r.date).days > gap_days:
            break
        first, at = r, r.date
    return first


def _preseason_builds(lab: _Labels, athlete: Athlete) -> None:
    """An A race whose build falls in a season of earlier races (the build's weeks are race weeks and
    recoveries) gets its build in the weeks before the season's first race instead, over base days (an
    off-season heavy block there stays): the preseason is where a runner develops strength, not between
    races (coach review of issue 6)."""
    races = list(athlete.races)
    for race in races:
        shape = race_shape(race)
        if not shape.build:
            continue
        build_end = race.date - dt.timedelta(days=shape.race_week + shape.taper + shape.peak)
        first = season_start(race, races)
        if first is None or first.date > build_end:
            continue  # the build's weeks are free of races
        end = first.date - dt.timedelta(days=race_shape(first).race_week)
        start = end - dt.timedelta(days=shape.build - 1)
        lo, hi = max(0, lab.idx(start)), min(lab.n - 1, lab.idx(end))
        for i in range(lo, hi + 1):
            if lab.label[i] in ("base", "in_season"):
                lab.label[i] = "build"


def build_phases(athlete: Athlete, rules: RuleBook) -> tuple[list[Phase], list[Warning]]:
    lab = _Labels(athlete.start, athlete.end)
    warnings: list[Warning] = []
    rank = {"A": 0, "B": 1, "C": 2}
    races = sorted(athlete.races, key=lambda r: (rank[r.priority], r.date))
    # lowest priority painted first so that A-race labels of equal precedence are not overwritten
    for race in reversed(races):
        s = race_shape(race)
        d = race.date
        day = dt.timedelta(days=1)
        rw_start = d - dt.timedelta(days=s.race_week - 1)
        lab.paint(rw_start, d, "race_week")
        t_start = rw_start - dt.timedelta(days=s.taper)
        if s.taper:
            lab.paint(t_start, rw_start - day, "taper")
        p_start = t_start - dt.timedelta(days=s.peak)
        if s.peak:
            lab.paint(p_start, t_start - day, "peak")
        if s.build:
            lab.paint(p_start - dt.timedelta(days=s.build), p_start - day, "build")
        lab.paint(d + day, d + dt.timedelta(days=s.recovery), "recovery")
    _recovery_wins(lab, athlete, rules, warnings)
    _place_offseason(lab, athlete, rules, warnings)
    _preseason_builds(lab, athlete)
    _mark_in_season(lab, list(athlete.races))
    stable = rules["S6-STABLE-BLOCKS"].params
    _absorb_slivers(lab, int(stable["min_days"]), frozenset(stable.get("start_into", ())))
    phases: list[Phase] = []
    i = 0
    while i < lab.n:
        j = i
        while j + 1 < lab.n and lab.label[j + 1] == lab.label[i]:
            j += 1
        name: PhaseName = lab.label[i]  # type: ignore[assignment]
        phases.append(Phase(name, lab.day(i), lab.day(j), FOCUS[name], PHASE_RULES[name]))
        i = j + 1
    return phases, warnings


def novice_late_until(athlete: Athlete, rules: RuleBook) -> dt.date | None:
    """For a novice whose plan starts less than `E-NOVICE-LATE.weeks` before an A race: the last day
    of light familiarisation (that race's recovery end); otherwise None."""
    if athlete.experience != "novice":
        return None
    from stridelift.domain.running import recovery_days

    weeks = int(rules.param("E-NOVICE-LATE", "weeks"))
    rec = rules["E-RACE-RECOVERY"].params
    close = [r for r in athlete.races if r.priority == "A" and 0 <= (r.date - athlete.start).days < weeks * 7]
    if not close:
        return None
    last = max(close, key=lambda r: r.date)
    return last.date + dt.timedelta(days=recovery_days(last.distance_km, rec, last.priority))
