"""The runs the runner is told to run: the usual week reshaped by the phase and the race dates.

The profile's running week is the race-season week. Copied unchanged into every week it would put
a long run on the eve of a marathon and intervals two days after it, and the strength sessions
would then be placed around runs that will not happen. So each day's runs follow, in this order
of precedence: race day; the eve of a race (easy and short, or rest); the recovery after a race,
counted from the race date and scaled by its distance (no quality runs); race week (long run
shortened to an easy run, at most one light quality session, none in the last two days); the
taper (long run and quality cut in steps as the A race nears); the off-season heavy block (base
running: easy volume, one hill or strides session at most), and base far from any race likewise.
After a race's recovery the long run and quality come back in weekly steps. Figures: the rules
`R-RUNS-BY-PHASE`, `E-RACE-RECOVERY` and `R-RETURN-AFTER-RACE` in data/rules.toml.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from stridelift.domain.athlete import Athlete, Race
from stridelift.domain.rules import RuleBook
from stridelift.domain.scheduling import RunSlot
from stridelift.domain.templates import InjuryPolicy

ONE_DAY = dt.timedelta(days=1)
QUALITY = frozenset({"interval", "tempo", "hills"})


def recovery_days(distance_km: float, params: Mapping[str, Any], priority: str = "A") -> int:
    """Days after a race without quality runs or leg-fatiguing strength, by distance and priority: a B race,
    run as a hard training effort, gets `b_share` of an A race's (never under the short races' days), a C
    race at most `c_max_days` (E-RACE-RECOVERY)."""
    days = _a_recovery_days(distance_km, params)
    if priority == "C":
        return min(days, int(params.get("c_max_days", days)))
    if priority == "B":
        short = min(days, int(params["short_days"]))
        return max(short, math.ceil(days * float(params.get("b_share", 1.0)) - 1e-9))
    return days


def _a_recovery_days(distance_km: float, params: Mapping[str, Any]) -> int:
    for km, days in sorted(((float(a), int(b)) for a, b in params.get("ultra", ())), reverse=True):
        if distance_km >= km:
            return days
    if distance_km >= float(params["long_km"]):
        return int(params["long_days"])
    if distance_km >= float(params["half_km"]):
        return int(params["half_days"])
    return int(params["short_days"])


def rest_days(distance_km: float, params: Mapping[str, Any]) -> int:
    """The first days after a race that are rest or walking, no run (E-RACE-RECOVERY `rest_by_km`)."""
    days = 0
    for km, n in sorted((float(a), int(b)) for a, b in params.get("rest_by_km", ())):
        if distance_km >= km:
            days = n
    return days


def race_week_days(race: Race, params: Mapping[str, Any]) -> int:
    """Days before a race (the race day excluded) that are its race week for the runs."""
    return int(params[f"race_week_{race.priority}"])


def _round5(m: float) -> int:
    return max(10, int(5 * round(m / 5)))


def floor5(m: float) -> int:
    """Minutes rounded down to 5 (never below 10), so a cap is never exceeded by rounding."""
    return max(10, 5 * int(m // 5))


class Dated(Protocol):
    @property
    def date(self) -> dt.date: ...
    @property
    def distance_km(self) -> float | None: ...
    @property
    def priority(self) -> str: ...


def taper_share(days_to_race: int, steps: Sequence[Sequence[float]]) -> float:
    """Share of the usual long-run and quality minutes `days_to_race` days before an A race: the
    taper steps down (Bosquet 2007: 41-60% less volume over about two weeks, intensity kept)."""
    for within, share in sorted((int(a), float(b)) for a, b in steps):
        if days_to_race <= within:
            return share
    return 1.0


class RaceLike(Dated, Protocol):
    @property
    def priority(self) -> str: ...


def b_taper_share(d: dt.date, races: Iterable[RaceLike], params: Mapping[str, Any]) -> tuple[float, dt.date | None]:
    """Share of the usual long-run and quality minutes allowed on `d` by the mini-taper before a B race
    (R-B-TAPER): from `days` days out until the race week, by the race's distance; 1.0 outside it."""
    from stridelift.domain.b_long_run import served_a_race

    share, which = 1.0, None
    week = int(params["race_week_days"])
    known = list(races)
    steps = None  # sorted once a B race needs them
    for r in known:
        if r.priority != "B" or r.distance_km is None or served_a_race(r, known, params.get("long_run_race")):
            continue  # a B race run as the A race's last long run: its race week's easy days only
        left = (r.date - d).days
        if steps is None:
            steps = sorted(((float(a), int(b), float(c)) for a, b, c in params["steps"]), reverse=True)
        for km, days, cut in steps:
            if r.distance_km >= km:
                if week < left <= days and cut < share:
                    share, which = cut, r.date
                break
    return share, which


def b_legs_days(distance_km: float, params: Mapping[str, Any]) -> int:
    """Days before a B race that hold no leg-fatiguing session (R-B-TAPER `legs_days`), by distance."""
    for km, days in sorted(((float(a), int(b)) for a, b in params["legs_days"]), reverse=True):
        if distance_km >= km:
            return days
    return 0


def return_share(
    d: dt.date,
    races: Iterable[Dated],
    rec: Mapping[str, Any],
    ret: Mapping[str, Any],
    long_run: Mapping[str, Any] | None = None,
) -> float:
    """Share of the usual long-run and quality minutes allowed on `d` after the recovery of every
    earlier race (R-RETURN-AFTER-RACE): week k after the recovery gets the k-th of the last steps."""
    from stridelift.domain.b_long_run import served_a_race

    steps = [float(x) for x in ret["steps"]]
    share = 1.0
    known = list(races)
    for r in known:
        if r.distance_km is None or r.date >= d or tune_up(r, known, ret):
            continue
        if served_a_race(r, known, long_run):
            continue  # run as the A race's last long run: no return steps (R-B-TAPER `long_run_race`)
        km = r.distance_km
        size = "long" if km >= float(rec["long_km"]) else "half" if km >= float(rec["half_km"]) else "short"
        weeks = int(ret[f"weeks_{size}"])
        if r.priority != "A":  # a B race's return is shorter, as its recovery is (C races: none)
            weeks = math.ceil(weeks * float(ret.get("b_weeks_share", 1.0)) - 1e-9) if r.priority == "B" else 0
        after = (d - r.date).days - recovery_days(km, rec, r.priority)
        if after < 1 or weeks < 1:
            continue
        week = (after - 1) // 7
        if week < weeks:
            share = min(share, steps[len(steps) - weeks + week])
    return share


def tune_up(r: Dated, races: Iterable[Dated], ret: Mapping[str, Any]) -> bool:
    """A shorter race some weeks before an A race (a half 3-6 weeks before a marathon): the race was its
    long run, so no return steps follow its recovery (R-RETURN-AFTER-RACE `tuneup_share`, `tuneup_days`)."""
    if r.distance_km is None or "tuneup_share" not in ret:
        return False
    lo, hi = (int(x) for x in ret["tuneup_days"])
    if r.distance_km >= float(ret["tuneup_max_km"]):
        return False  # a marathon's two weeks without long runs cost fitness: its return keeps its steps
    return any(
        a.priority == "A"
        and a.distance_km is not None
        and r.distance_km < float(ret["tuneup_share"]) * a.distance_km
        and lo <= (a.date - r.date).days <= hi
        for a in races
    )


@dataclass(frozen=True, slots=True)
class RunPolicy:
    eve_minutes: int
    recovery_minutes: int
    race_week_long_factor: float
    race_week_quality_factor: float
    quiet_days: int
    taper_steps: tuple[tuple[int, float], ...]
    offseason_long_max: int
    offseason_quality: str
    offseason_quality_max: int
    base_far_days: int
    base_tempo_after_days: int
    # an off-season block shorter than this (one that runs straight into an A race's build) keeps the usual
    # long run: the build does not start with a jump from the capped one
    offseason_cap_min_days: int = 28

    @classmethod
    def from_rules(cls, rules: RuleBook) -> RunPolicy:
        p = rules["R-RUNS-BY-PHASE"].params
        return cls(
            int(p["eve_minutes"]),
            int(p["recovery_minutes"]),
            float(p["race_week_long_factor"]),
            float(p["race_week_quality_factor"]),
            int(p["quiet_days"]),
            tuple((int(a), float(b)) for a, b in p["taper_steps"]),
            int(p["offseason_long_max"]),
            str(p["offseason_quality"]),
            int(p["offseason_quality_max"]),
            int(p["base_far_days"]),
            int(p["base_tempo_after_days"]),
            int(p["offseason_cap_min_days"]),
        )


@dataclass(frozen=True, slots=True)
class DayRuns:
    runs: tuple[RunSlot, ...]
    note: str = ""  # the day's note (all of its runs' notes)
    run_notes: tuple[str, ...] = ()  # each run's own note, where the runs were changed one by one

    def note_of(self, i: int) -> str:
        """Run `i`'s own note: a changed run's, never a note copied from another run of a double."""
        if self.run_notes:
            return self.run_notes[i] if i < len(self.run_notes) else ""
        return self.note

    def long_capped(self, cap: int, why: str = "") -> DayRuns:
        """The day with its long runs cut to `cap` minutes, `why` added to the note of each run it cut (the
        one rewrite the taper, the cutback week, the season's end and a race's recovery week share)."""
        runs = tuple(type(r)(r.type, r.slot, min(r.minutes, cap)) if r.type == "long" else r for r in self.runs)
        notes = [
            "; ".join(x for x in (self.note_of(i), why if n != o else "") if x)
            for i, (n, o) in enumerate(zip(runs, self.runs, strict=True))
        ]
        return DayRuns(runs, "; ".join(dict.fromkeys(n for n in notes if n)), tuple(notes))


def _per_run(runs: Sequence[RunSlot], notes: Sequence[str]) -> DayRuns:
    return DayRuns(tuple(runs), "; ".join(dict.fromkeys(n for n in notes if n)), tuple(notes))


def plan_runs(
    athlete: Athlete,
    phase_of: Mapping[dt.date, str],
    rules: RuleBook,
    *,
    extra_days: int = 7,
    injuries: Mapping[str, InjuryPolicy] | None = None,
) -> dict[dt.date, DayRuns]:
    """Each day's runs from the plan's start to `extra_days` past its end (the scheduler looks at
    tomorrow's run), with a short note where the usual week was changed; an injury whose status changes
    the running (`injuries`, R-INJURY-RUNS) reshapes them too."""
    from stridelift.domain.injury_runs import changes_on, reshape

    policy = RunPolicy.from_rules(rules)
    rec = rules["E-RACE-RECOVERY"].params
    rw = rules["R-RUNS-BY-PHASE"].params
    ret = rules["R-RETURN-AFTER-RACE"].params
    mini = {**rules["R-B-TAPER"].params, "race_week_days": rw["race_week_B"]}
    tempo_until = float(rules.param("R-QUALITY-STEPS", "tempo_until_share"))
    hard_types = frozenset(rules.param("R-QUALITY-STEPS", "hard_types"))
    usual: list[tuple[RunSlot, ...]] = [
        tuple(RunSlot(r.type, r.slot, r.minutes) for r in athlete.running_week if r.weekday == w and r.type != "rest")
        for w in range(7)
    ]
    races = sorted(athlete.races, key=lambda r: r.date)
    ref = usual_minutes(athlete.running_week)
    from stridelift.domain.long_build import build_days, peak_target, usual_long  # the long run built toward an A race
    from stridelift.domain.peak_move import moved_note, peak_moves, swaps

    long_min, long_day = usual_long(athlete.running_week)
    lb_params = rules["R-LONG-BUILD"].params
    moves = (
        peak_moves(
            (
                (
                    r.date,
                    peak_target(r.distance_km, lb_params)
                    if r.priority == "A" and peak_target(r.distance_km, lb_params) > long_min
                    else 0,
                )
                for r in races
            ),
            long_day,
            frozenset(w for w in range(7) if any(r.type in QUALITY for r in usual[w])),
            lambda day, a: race_cut(day, a, races, rec, rw, ret, mini),
            lb_params,
            rules["R-PEAK-LONG-RUN"].params,
        )
        if long_day is not None
        else {}
    )
    swapped = swaps(moves)
    moved = {run: (grid, race) for race, (grid, run) in moves.items() if grid != run}
    build = build_days(
        ((r.date, r.distance_km, r.priority) for r in races),
        long_min,
        long_day,
        lb_params,
        {race: grid for race, (grid, _) in moves.items()},
    )
    by_date = {r.date: r for r in races}
    from stridelift.domain.race_time import race_minutes  # by distance and experience (R-RACE-MINUTES)

    timing = rules["R-RACE-MINUTES"].params
    from stridelift.domain.b_long_run import served_a_race

    effort = str(rules.param("R-B-RACE-PEAK", "effort_words"))
    race_mins = {r.date: race_minutes(r.distance_km, athlete.experience, timing) for r in races}
    from stridelift.domain.base_tempo import far_base_starts, tempo_back  # a long base's tempo (R-RUNS-BY-PHASE)

    far_starts = far_base_starts(
        athlete.start,
        athlete.end + dt.timedelta(days=extra_days),
        lambda x: phase_of.get(x, "base"),
        (r.date for r in races),
        policy.base_far_days,
    )
    from stridelift.domain.race_long import block_caps, blocks, cap_after_races  # R-OFFSEASON-LONG

    long_caps = block_caps(
        blocks(athlete.start, athlete.end + dt.timedelta(days=extra_days), lambda x: phase_of.get(x, "base")),
        [(r.date, race_mins[r.date]) for r in races],
        ref.get("long", 0),
        policy.offseason_long_max,
        rules["R-OFFSEASON-LONG"].params,
        float(lb_params["race_step"]),
    )
    out: dict[dt.date, DayRuns] = {}
    quality_used: set[tuple[dt.date, str]] = set()  # (race date or week monday, what) already given
    d = athlete.start
    last = athlete.end + dt.timedelta(days=extra_days)
    uncapped = short_offseason_days(lambda x: phase_of.get(x, "base"), d, last, policy.offseason_cap_min_days)
    while d <= last:
        src = swapped.get(d, d)  # the peak long run moved clear of another race (domain/peak_move.py)
        today = _built(usual[src.weekday()], build.get(src))
        tempo = tempo_back(d, far_starts, policy.base_tempo_after_days)
        day = _day(
            d,
            today,
            races,
            by_date,
            phase_of.get(d, "base"),
            policy,
            rec,
            rw,
            quality_used,
            race_mins,
            tempo,
            easy_max=ref.get("easy", 0),
            cap_long=d not in uncapped,
            long_cap=long_caps.get(d, policy.offseason_long_max),
        )
        day = _build_note(day, usual[src.weekday()], build.get(src))
        if d in moved and any(r.type == "long" for r in day.runs):
            why = moved_note(moved[d][0], d, moved[d][1], [r.date for r in races if r.date != moved[d][1]])
            day = _per_run(
                day.runs,
                [
                    "; ".join(x for x in (why if r.type == "long" else "", day.note_of(i)) if x)
                    for i, r in enumerate(day.runs)
                ],
            )
        share = return_share(d, races, rec, ret, mini.get("long_run_race"))
        out[d] = _capped(day, share, ref, usual[src.weekday()], tempo_until, hard_types)
        served = served_a_race(by_date[d], races, mini.get("long_run_race")) if d in by_date else None
        if served is not None:  # the race note says how to run it (R-B-RACE-PEAK `effort_words`)
            note = f"{out[d].note}: run it as your last long run for the A race on {served:%d %b}"
            note += f", at controlled {effort}, not all out"
            out[d] = DayRuns(out[d].runs, note)
        cut, b_race = b_taper_share(d, races, mini)
        if b_race is not None:
            why = f"mini-taper for the B race on {b_race:%d %b}: long run and quality at {cut:.0%} of the usual"
            out[d] = _capped(out[d], cut, ref, usual[src.weekday()], note=why)
        if injuries:
            out[d] = reshape(out[d], changes_on(athlete, injuries, d), ref.get("long"))
        d += ONE_DAY
    from stridelift.domain.long_build import enforce_cutbacks, retaper
    from stridelift.domain.ramp import ramp_back, usual_load  # the usual week reached in steps (R-RAMP-BACK)

    load, ramp, lb = usual_load(athlete.running_week), rules["R-RAMP-BACK"].params, rules["R-LONG-BUILD"].params
    dated = [(r.date, r.distance_km, r.priority) for r in races]
    out = ramp_back(out, athlete.start, athlete.end, load, ramp)
    for _ in range(8):  # all only shorten runs: a shorter taper week lowers the limits of the weeks after it
        tapered = retaper(out, dated, ref.get("long", 0), policy.taper_steps, lb)
        tapered = enforce_cutbacks(tapered, ref.get("long", 0), athlete.start, athlete.end, lb)
        tapered = cap_after_races(tapered, (r.date for r in races), athlete.start, rules["R-RECOVERY-LONG"].params)
        if tapered == out:
            break
        out = ramp_back(tapered, athlete.start, athlete.end, load, ramp)
    from stridelift.domain.season_end import cap_after_season  # no build with no race ahead (R-LONG-AFTER-SEASON)

    season = rules["R-LONG-AFTER-SEASON"].params
    return cap_after_season(
        out, ((r.date, r.priority) for r in races), ref.get("long", 0), athlete.start, athlete.end, season
    )


def race_cut(
    d: dt.date,
    a_race: dt.date,
    races: Sequence[Race],
    rec: Mapping[str, Any],
    rw: Mapping[str, Any],
    ret: Mapping[str, Any],
    mini: Mapping[str, Any],
) -> bool:
    """Whether a race other than `a_race` cuts a long run on `d`: its day, race week (with its eve), rest and
    recovery, a B race's mini-taper (R-B-TAPER) or the return steps after it (R-RETURN-AFTER-RACE)."""
    from stridelift.domain.b_long_run import served_a_race

    others = [
        r
        for r in races
        if r.date != a_race
        and r.distance_km is not None
        and served_a_race(r, races, mini.get("long_run_race")) != a_race  # that race is its last long run
    ]
    for r in others:
        gap = (r.date - d).days
        if 0 <= gap <= race_week_days(r, rw) or 0 < -gap <= recovery_days(r.distance_km or 0.0, rec, r.priority):
            return True
    if b_taper_share(d, others, mini)[0] < 1.0:
        return True
    return return_share(d, others, rec, ret, mini.get("long_run_race")) < 1.0


def _built(usual: tuple[RunSlot, ...], build: tuple[int, dt.date] | None) -> tuple[RunSlot, ...]:
    """The usual day with its longest long run at the build's minutes (R-LONG-BUILD), where longer."""
    longs = [r.minutes for r in usual if r.type == "long"]
    if build is None or not longs or build[0] <= max(longs):
        return usual
    i = next(i for i, r in enumerate(usual) if r.type == "long" and r.minutes == max(longs))
    return tuple(RunSlot(r.type, r.slot, build[0]) if k == i else r for k, r in enumerate(usual))


def _build_note(day: DayRuns, usual: tuple[RunSlot, ...], build: tuple[int, dt.date] | None) -> DayRuns:
    """A note on a long run the build made longer than the usual one."""
    if build is None:
        return day
    longest = max((r.minutes for r in usual if r.type == "long"), default=0)
    why = f"long-run build toward the A race on {build[1]:%d %b}: longer than your usual {longest} min"
    notes = [
        day.note_of(i) or (why if r.type == "long" and r.minutes > longest else "") for i, r in enumerate(day.runs)
    ]
    if notes == [day.note_of(i) for i in range(len(day.runs))]:
        return day
    return _per_run(day.runs, notes)


def usual_minutes(running_week: Iterable[Any]) -> dict[str, int]:
    """The longest usual run of each type: what the return and taper shares are taken of."""
    ref: dict[str, int] = {}
    for r in running_week:
        ref[r.type] = max(ref.get(r.type, 0), int(r.minutes))
    return ref


def _capped(
    day: DayRuns,
    share: float,
    ref: Mapping[str, int],
    usual: tuple[RunSlot, ...],
    tempo_until: float = 0.0,
    hard_types: frozenset[str] = frozenset(),
    note: str = "",
) -> DayRuns:
    """Long runs and quality at `share` of their usual minutes (a second, shorter long run of the
    weekend too), never above `share` of the longest usual run of the type."""
    if share >= 1.0:
        return day
    own = {(r.slot, r.type): r.minutes for r in usual}
    runs = tuple(
        RunSlot(r.type, r.slot, min(r.minutes, floor5(own.get((r.slot, r.type), ref.get(r.type, r.minutes)) * share)))
        if r.type in QUALITY | {"long"}
        else r
        for r in day.runs
    )
    if share <= tempo_until + 1e-9:  # tempo before intervals (R-QUALITY-STEPS)
        # the tempo run takes the interval session's share (taper or return) of the usual tempo run
        runs = tuple(RunSlot("tempo", r.slot, _as_tempo(r, ref)) if r.type in hard_types else r for r in runs)
    if runs == day.runs:
        return day
    note = note or f"back after the race: long run and quality at {share:.0%} of the usual"
    if any(r.type in hard_types for r in day.runs) and share <= tempo_until + 1e-9:
        note += ", a steady tempo run before intervals come back"
    notes = [
        "; ".join(n for n in (day.note_of(i), note if new != old else "") if n)
        for i, (new, old) in enumerate(zip(runs, day.runs, strict=True))
    ]
    return _per_run(runs, notes)


def _as_tempo(r: RunSlot, ref: Mapping[str, int]) -> int:
    if "tempo" not in ref or not ref.get(r.type):
        return r.minutes
    return max(5, min(r.minutes, floor5(r.minutes * ref["tempo"] / ref[r.type])))


def _day(
    d: dt.date,
    usual: tuple[RunSlot, ...],
    races: list[Race],
    by_date: Mapping[dt.date, Race],
    phase: str,
    policy: RunPolicy,
    rec: Mapping[str, Any],
    rw: Mapping[str, Any],
    quality_used: set[tuple[dt.date, str]],
    race_mins: Mapping[dt.date, int],
    base_tempo: bool = False,
    easy_max: int = 0,
    cap_long: bool = True,
    long_cap: int = 0,
) -> DayRuns:
    race = by_date.get(d)
    if race is not None:
        return DayRuns((RunSlot("race", "am", race_mins[d]),), f"{race.priority} race, {race.distance_km:g} km")
    # every race whose recovery covers today counts, not only the latest one
    active = [
        (days, since)
        for r in races
        if 0 < (since := (d - r.date).days) <= (days := recovery_days(r.distance_km, rec, r.priority))
    ]
    resting = [s for r in races if 0 < (s := (d - r.date).days) <= rest_days(r.distance_km, rec)]
    if resting:  # also when it is the eve of another race
        k = min(resting)
        return DayRuns((), "day after the race: rest or walk" if k == 1 else f"day {k} after the race: rest or walk")
    nxt = next((r for r in races if r.date > d), None)
    if nxt is not None and (nxt.date - d).days == 1:
        if not usual:
            return DayRuns((), "day before the race: rest")
        return DayRuns(
            (RunSlot("easy", usual[0].slot, min(policy.eve_minutes, max(r.minutes for r in usual))),),
            "day before the race: short and easy, a few strides",
        )
    if active:
        days, since = max(active, key=lambda a: (a[0] - a[1], a[0]))
        if not usual:
            return DayRuns((), "")
        cap = policy.recovery_minutes if since * 2 > days else round(policy.recovery_minutes * 0.75)
        r0 = usual[0]
        return DayRuns(
            (RunSlot("easy", r0.slot, min(r0.minutes, _round5(cap))),),
            f"recovery after the race ({since} of {days} days): easy only",
        )
    if phase == "recovery":  # the strength recovery outlasts the run recovery (an A race): the runs say recovery too
        return _recovery_label(usual, max(easy_max, policy.recovery_minutes))
    next_a = next((r for r in races if r.date > d and r.priority == "A"), None)
    share = 1.0
    if phase in ("taper", "race_week") and next_a is not None and (next_a.date - d).days > race_week_days(next_a, rw):
        share = taper_share((next_a.date - d).days, policy.taper_steps)
    upcoming = [(r, (r.date - d).days) for r in races if 0 < (r.date - d).days <= race_week_days(r, rw)]
    if upcoming:
        return _race_week(usual, upcoming, policy, quality_used, share)
    if share < 1:
        changed = tuple(
            RunSlot(r.type, r.slot, floor5(r.minutes * share)) if r.type in QUALITY | {"long"} else r for r in usual
        )
        note = f"taper: long run and quality cut to {share:.0%}"
        return _per_run(changed, [note if new != old else "" for new, old in zip(changed, usual, strict=True)])
    if phase == "offseason_strength":
        return _offseason(
            d, usual, policy, quality_used, cap_long=cap_long, long_cap=long_cap or policy.offseason_long_max
        )
    if phase == "base" and (nxt is None or (nxt.date - d).days > policy.base_far_days):
        return _offseason(d, usual, policy, quality_used, season="base", cap_long=False, tempo=base_tempo)
    return DayRuns(usual)


def short_offseason_days(
    phase_on: Callable[[dt.date], str], first: dt.date, last: dt.date, min_days: int
) -> frozenset[dt.date]:
    """The days of each off-season block shorter than `min_days` (one that runs straight into an A race's
    build, S2-OFFSEASON-HEAVY): its long run is not capped (R-RUNS-BY-PHASE `offseason_cap_min_days`)."""
    out: set[dt.date] = set()
    run: list[dt.date] = []
    d = first
    while d <= last + dt.timedelta(days=1):
        if d <= last and phase_on(d) == "offseason_strength":
            run.append(d)
        else:
            if run and len(run) < min_days:
                out.update(run)
            run = []
        d += dt.timedelta(days=1)
    return frozenset(out)


def _recovery_label(usual: tuple[RunSlot, ...], easy_max: int) -> DayRuns:
    """A day labelled recovery after the race's own run recovery (E-RACE-RECOVERY) has ended, as after an
    A race whose strength recovery is a week or more (E-RECOVERY): easy runs only, no long run or quality,
    so the label does not say recovery while the runs hold a tempo (R-PHASE-LABEL). The run recovery is
    over, so the volume comes back: a long run or quality session becomes an easy run of at most the usual
    week's longest easy run."""
    out = tuple(
        RunSlot("easy", r.slot, _round5(min(r.minutes, easy_max))) if r.type in QUALITY | {"long", "race"} else r
        for r in usual
    )
    note = "recovery after the race: easy only, the long run and quality come back after it"
    return _per_run(out, [note if new != old else "" for new, old in zip(out, usual, strict=True)])


def _race_week(
    usual: tuple[RunSlot, ...],
    upcoming: list[tuple[Race, int]],
    policy: RunPolicy,
    quality_used: set[tuple[dt.date, str]],
    taper: float = 1.0,
) -> DayRuns:
    """Race week of every race ahead whose race week has begun (two races can overlap); a B race's
    race week inside an A race's taper keeps the taper's cut where it is the deeper one."""
    out: list[RunSlot] = []
    notes: list[str] = []
    for r in usual:
        if r.type == "long":
            out.append(RunSlot("easy", r.slot, _round5(r.minutes * policy.race_week_long_factor)))
            notes.append("race week: the long run becomes a short easy run")
        elif r.type in QUALITY:
            allowed = all(
                gap > policy.quiet_days and (race.date, "quality") not in quality_used and race.priority != "C"
                for race, gap in upcoming
            )
            if allowed:
                for race, _ in upcoming:
                    quality_used.add((race.date, "quality"))
                light = _round5(r.minutes * policy.race_week_quality_factor)
                out.append(RunSlot(r.type, r.slot, min(light, floor5(r.minutes * taper)) if taper < 1 else light))
                notes.append("race week: one short, light quality session")
            else:
                out.append(RunSlot("easy", r.slot, _round5(min(r.minutes, policy.recovery_minutes))))
                notes.append("race week: easy instead of quality")
        else:
            out.append(r)
            notes.append("")
    if len(out) > 1:  # no doubles in race week
        out, notes = out[:1], notes[:1]
    return _per_run(out, _own(out, usual, notes))


def _offseason(
    d: dt.date,
    usual: tuple[RunSlot, ...],
    policy: RunPolicy,
    quality_used: set[tuple[dt.date, str]],
    *,
    season: str = "off-season",
    cap_long: bool = True,
    tempo: bool = False,
    long_cap: int = 0,
) -> DayRuns:
    """Base running: one short hill or strides session a week, the rest easy (and, in the off-season
    heavy block, the long run capped)."""
    week = d - dt.timedelta(days=d.weekday())
    out: list[RunSlot] = []
    notes: list[str] = []
    for r in usual:
        if tempo and r.type in ("tempo", "interval") and (week, "base_tempo") not in quality_used:
            quality_used.add((week, "base_tempo"))  # a long base: one threshold session a week is back
            out.append(RunSlot("tempo", r.slot, r.minutes))
            notes.append(f"{season}: one steady tempo run a week after the base's first weeks")
        elif r.type in QUALITY:
            if (week, "offseason") not in quality_used:
                quality_used.add((week, "offseason"))
                out.append(RunSlot(policy.offseason_quality, r.slot, min(r.minutes, policy.offseason_quality_max)))
                notes.append(f"{season}: short hills or strides instead of race-pace work")
            else:
                out.append(RunSlot("easy", r.slot, r.minutes))
                notes.append(f"{season}: easy base running")
        elif cap_long and r.type == "long" and r.minutes > (cap := long_cap or policy.offseason_long_max):
            out.append(RunSlot("long", r.slot, cap))
            near = cap > policy.offseason_long_max  # a race inside or just after the block (R-OFFSEASON-LONG)
            notes.append(
                "off-season: easy long run, capped" + (", kept near your usual one for the race" if near else "")
            )
        else:
            out.append(r)
            notes.append("")
    return _per_run(out, _own(out, usual, notes))


def _own(out: Sequence[RunSlot], usual: Sequence[RunSlot], notes: Sequence[str]) -> list[str]:
    """A note only on a run that differs from the usual one in its place (a usual hill session kept as it
    is in the off-season needs no note, R-RUN-NOTES)."""
    return [n if i >= len(usual) or new != usual[i] else "" for i, (new, n) in enumerate(zip(out, notes, strict=True))]
