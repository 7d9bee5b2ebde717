"""From an athlete to a Plan: phases, the calendar of runs, weekly placement, session contents.

This is the domain's one use case; it takes the library, rules, templates and a week solver as
arguments and does no I/O, so tests and the batch benchmark can call it directly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from stridelift.domain.adaptation import EMPTY, SPIKE_BLOCK_DAYS, HistorySignal
from stridelift.domain.athlete import Athlete
from stridelift.domain.days import DayCalendar, honest_heavy_blocks, reason_for_drop
from stridelift.domain.eve_dose import eve_dose_day, eve_dose_limits
from stridelift.domain.eve_dose_session import add_eve_dose, builder_memory, with_dose_note
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.explain import DayContext, explain
from stridelift.domain.first_lift import FirstLift, after_long_note, intro_note
from stridelift.domain.focus_honest import honest_focus
from stridelift.domain.hard_days import SecondHardDay
from stridelift.domain.keeping import heavy_due, keep_across, keep_by_swap, spare_next_monday
from stridelift.domain.long_spare import eccentric_free_before, lighter_days
from stridelift.domain.masters import masters_gap, masters_note
from stridelift.domain.periodization import build_phases, novice_late_until
from stridelift.domain.plan import BalanceSnack, Plan, RunEntry, Session, Warning
from stridelift.domain.progression import BalanceLadder, progression_level
from stridelift.domain.race_days import a_race_eves, dose_window, familiar_days, rest_after
from stridelift.domain.returning import ReturnCap, ReturnTracker, comeback_note, is_lower_strength, return_cap
from stridelift.domain.rules import RuleBook
from stridelift.domain.scheduling import (
    HEAVY_KINDS,
    SLOT_HOUR,
    DayInfo,
    WeekProblem,
    WeekSolver,
    heavy_allowed_on,
    late_heavy_from,
)
from stridelift.domain.sessions import SessionBuilder, SessionRequest
from stridelift.domain.templates import Templates, stage_dates, stages
from stridelift.domain.upper_session import UPPER_PHASES
from stridelift.domain.usual_races import dated_races_only
from stridelift.domain.vocab import WEEKDAYS, PhaseName

ONE_DAY = dt.timedelta(days=1)
ALWAYS_ALLOWED = frozenset({"core_balance", "mobility"})
HEAVY_BLOCK_PHASES = ("offseason_strength", "build")
LIGHT_PHASES = frozenset({"taper", "race_week", "recovery"})
PHASE_REASON = {
    "race_week": "race week: light core, balance and mobility keep you sharp with fresh legs",
    "taper": "taper: little volume, so the legs arrive fresh",
    "recovery": "recovering from the race: light core, balance and mobility only",
    "offseason_strength": "core and balance alongside the heavy block",
}
KIND_NAMES = {
    "heavy": "heavy strength session",
    "maintenance": "strength maintenance session",
    "circuit": "circuit",
    "core_balance": "core and balance session",
    "mobility": "mobility session",
    "upper": "upper-body strength session",
}


KIND_COST = {
    "heavy": "heavy",
    "maintenance": "heavy",
    "circuit": "circuit",
    "core_balance": "light",
    "mobility": "light",
    "upper": "light",  # heavy pulls and presses: nothing for the legs (S2-HEAVY-HONEST)
}


def fatiguing_kinds(rules: RuleBook) -> frozenset[str]:
    """The session kinds whose leg-fatigue cost (E-LEG-FATIGUE, in data) makes them leg-fatiguing."""
    costs = rules["E-LEG-FATIGUE"].params
    return frozenset(k for k, c in KIND_COST.items() if int(costs[c]) >= int(costs["fatiguing_at"]))


class EmptyRunningWeek(ValueError):
    """No runs in the profile and none inferred from history: strength cannot be placed around runs
    nobody knows (R-RUNS-KNOWN)."""


def make_plan(
    athlete: Athlete,
    *,
    library: ExerciseLibrary,
    rules: RuleBook,
    templates: Templates,
    solver: WeekSolver,
    history: HistorySignal | None = None,
) -> Plan:
    history = history or EMPTY
    adapt_why: tuple[str, ...] = ()
    early_warnings: list[Warning] = []
    if history.inferred_week and not any(r.type != "rest" for r in athlete.running_week):
        athlete = dataclasses.replace(athlete, running_week=history.inferred_week)
        adapt_why = ("A-INFERRED-WEEK",)
        week_text = ", ".join(
            f"{WEEKDAYS[r.weekday]} {r.type}" + (f" {r.minutes} min {r.slot}" if r.type != "rest" else "")
            for r in history.inferred_week
        )
        early_warnings.append(
            Warning(
                "HISTORY_WEEK_INFERRED",
                f"No running week in the profile: inferred from history as {week_text}.",
                None,
                "A-INFERRED-WEEK",
            )
        )
    athlete, usual_race = dated_races_only(athlete, rules)
    if usual_race is not None:
        early_warnings.append(usual_race)
    if history.unused:
        early_warnings.append(Warning("HISTORY_NO_EFFECT", f"{history.unused}: the plan is as without history."))
    if not any(r.type != "rest" for r in athlete.running_week):
        raise EmptyRunningWeek(
            "the running week has no runs: list your usual runs under [running] week "
            "(or give --history so the week is inferred from recorded runs)"
        )
    phases, warnings = build_phases(athlete, rules)
    warnings = early_warnings + warnings
    cal = DayCalendar(athlete, rules, phases, history, templates.injuries)
    restart_until = history.restart_until(athlete.start)
    if restart_until is not None:
        warnings.append(
            Warning(
                "LAYOFF_RESTART",
                f"{history.layoff_days} days without running before the plan: strength restarts with moderate "
                f"loads until {restart_until:%d %b %Y}.",
                athlete.start,
                "A-LAYOFF",
            )
        )
    for ev in history.events:
        first = ev.day + ONE_DAY
        if first > athlete.end or ev.day + dt.timedelta(days=SPIKE_BLOCK_DAYS) < athlete.start:
            continue
        warnings.append(
            Warning(
                "LOAD_SPIKE" if ev.kind == "spike" else "LOAD_OVERLOAD",
                f"Running load: {ev.detail}; no heavy lower-body work for {SPIKE_BLOCK_DAYS} days after it.",
                max(first, athlete.start),
                "A-LOAD-SPIKE",
            )
        )
    builder = SessionBuilder(athlete, library, rules, templates)
    sessions: list[Session] = []
    runs: list[RunEntry] = []
    rd = rules["S6-REST-DAYS"].params
    gap = masters_gap(athlete, rules)  # 48 h, or more for a masters runner (E-MASTERS-RECOVERY)
    weeks_per_level = int(rules.param("S4-STABILITY-PROGRESSION", "weeks_per_level"))
    deload_every = int(rules.param("E-DELOAD", "every"))
    deload_earned = int(rules.param("E-DELOAD-EARNED", "min_weeks"))
    intro_weeks = int(rules.param("E-NOVICE", "intro_weeks"))
    ladder = BalanceLadder(
        sorted(
            {lv for e in builder.pool.with_role("balance") if (lv := progression_level(e.balance_level, e.region)) > 0}
        ),
        weeks_per_level,
    )

    d = athlete.start
    while d <= athlete.end:
        for i, r in enumerate(cal.runs(d)):
            race = cal.races.get(d)
            runs.append(
                RunEntry(
                    d,
                    r.type,
                    r.minutes,
                    r.slot,  # type: ignore[arg-type]
                    race.priority if race else None,
                    cal.day_runs[d].note_of(i),  # each run its own note (not the morning's on the evening run)
                    race.distance_km if race else None,
                )
            )
        d += ONE_DAY
    # the longest runs: no Nordics in the days before them (E-ECCENTRIC-LONG), lighter legs after (E-AFTER-VERY-LONG)
    plain_runs = [(r.date, r.type, r.minutes) for r in runs]
    builder.eccentric_spared = eccentric_free_before(plain_runs, rules["E-ECCENTRIC-LONG"].params)
    very_long_params = rules["E-AFTER-VERY-LONG"].params
    held_races = [r.date for r in athlete.races if r.priority in rules["E-TAPER-NO-RISE"].params["priorities"]]
    lighter_map = lighter_days(plain_runs, held_races, athlete.experience == "novice", rules)
    from stridelift.domain.long_build import missing_long_run, shortfall_warnings, usual_long

    lb_races = [(r.date, r.distance_km, r.priority) for r in athlete.races]
    if no_long := missing_long_run(lb_races, usual_long(athlete.running_week)[0], rules["R-LONG-BUILD"].params):
        warnings.append(Warning("LONG_RUN_MISSING", no_long, None, "R-LONG-BUILD"))  # undated: excuses nothing

    for when, message in shortfall_warnings(  # the long-run build cut short says why (R-LONG-BUILD)
        [(r.date, r.type, r.minutes, r.note) for r in runs],
        lb_races,
        athlete.start,
        usual_long(athlete.running_week),
        rules["R-LONG-BUILD"].params,
    ):
        warnings.append(Warning("LONG_BUILD_SHORT", message, when, "R-LONG-BUILD"))

    monday = athlete.start - dt.timedelta(days=athlete.start.weekday())
    epoch = monday
    last_heavy_hour: int | None = None
    last_tired: dt.date | None = None
    loading = 0
    block_weeks = 0  # weeks in a row of the same phase (E-DELOAD-EARNED)
    tiring_phases = frozenset(rules["E-LEG-FATIGUE"].phases)  # no two leg-fatiguing days in a row here
    fatiguing = fatiguing_kinds(rules)
    hard_days = SecondHardDay.from_params(rules["E-SECOND-HARD-DAY"].params)
    late_until = novice_late_until(athlete, rules)
    late_weeks = int(rules.param("E-NOVICE-LATE", "weeks"))
    if late_until is not None:
        warnings.append(
            Warning(
                "NOVICE_LATE_START",
                f"Starting to lift less than {int(rules.param('E-NOVICE-LATE', 'weeks'))} weeks before an A race: "
                f"until {late_until:%d %b %Y} only light familiarisation (core, balance, mobility) - new lifting "
                f"soreness would cost more than it gives so close to the race; heavy work starts after its recovery.",
                None,  # undated: it explains the plan, it never excuses a finding
                "E-NOVICE-LATE",
            )
        )
    week_index = 0
    phase_week: Counter[str] = Counter()
    first_heavy: dt.date | None = None
    prev_phase: str | None = None
    snacks: list[BalanceSnack] = []
    allowed_in: dict[str, frozenset[str]] = {}  # the session kinds a phase's strength days allow
    comeback = ReturnTracker.from_rules(rules)
    after_long = rules["E-AFTER-LONG"].params
    after_long_min = int(after_long["novice_long_min" if athlete.experience == "novice" else "long_min"])
    first_lift = FirstLift.from_rules(rules)
    first_lower: dt.date | None = None  # the plan's first lower-body strength day (E-FIRST-LIFT)
    lower_done = 0  # lower-body strength days so far
    strength_formats = tuple(rules.param("E-RETURN-STEPS", "formats"))
    keep_gap = int(rules.param("E-HEAVY-KEEP", "max_gap_days"))
    last_kept: dt.date | None = None  # the last lower-body strength day (E-HEAVY-KEEP)
    # the days around races: no session the eve of an A or B race (E-RACE-EVE), mobility only on the days after a
    # long race kept free of running (E-POST-RACE-REST), no rising strength dose before an A race (E-TAPER-NO-RISE)
    rec_params = rules["E-RACE-RECOVERY"].params
    race_km = [(r.date, r.distance_km) for r in athlete.races]
    race_kmp = [(r.date, r.distance_km, r.priority) for r in athlete.races]
    eves = a_race_eves(((r.date, r.priority) for r in athlete.races), rules["E-RACE-EVE"].params)
    walk_days = rest_after(race_km, rec_params)
    no_rise = rules["E-TAPER-NO-RISE"].params
    no_rise_races = [r.date for r in athlete.races if r.priority in no_rise["priorities"]]
    held: dict[dt.date, ReturnCap] = {}  # the first return cap inside an A race's last weeks, kept to the race
    new_from_km = float(rules.param("E-POST-RACE-REST", "new_from_km"))
    familiar_memo: dict[dt.date | None, dict[dt.date, dt.date]] = {}  # familiar_days by the first session's date
    phase_spans = [(ph.start, ph.end) for ph in phases]  # the first phase holding a day gives its start

    dose = eve_dose_limits(rules)  # the reduced leg dose a week of key-run eves may hold (E-EVE-LIGHT)
    run_days: dict[dt.date, list[tuple[str, int]]] = {}
    for entry in runs:
        run_days.setdefault(entry.date, []).append((entry.type, entry.minutes))
    infos: dict[dt.date, DayInfo] = {}  # a day is asked for by its week and by the week before (look-ahead)

    def day_info(x: dt.date) -> DayInfo:
        got = infos.get(x)
        if got is None:
            got = infos[x] = _day_info(x)
        return got

    def _day_info(x: dt.date) -> DayInfo:
        allowed: frozenset[str] = frozenset()
        if x in eves:
            pass  # nothing the day before an A or B race
        elif x in cal.races:
            pass  # a race two days after a long one is a race day, not a walking day (E-NO-RACE-DAY)
        elif x in walk_days and x.weekday() in athlete.strength_days and x not in cal.rest_days:
            allowed = frozenset({"mobility"})
        elif x.weekday() in athlete.strength_days and x not in cal.races and x not in cal.rest_days:
            ph_x = cal.phase_of[x]
            allowed = allowed_in.get(ph_x) or allowed_in.setdefault(
                ph_x,
                frozenset(templates.phases[ph_x].sessions)
                | ALWAYS_ALLOWED
                | (frozenset({"upper"}) if ph_x in UPPER_PHASES else frozenset()),
            )
        block = cal.heavy_block(x)
        legs = cal.legs_block(x)
        second = hard_days.second_hard(cal.runs(x), cal.runs(x - ONE_DAY))
        return DayInfo(
            x.weekday(),
            allowed,
            cal.runs(x),
            not block,
            block,
            not legs,
            cal.phase_of[x] in tiring_phases,
            second,
            long_before(x) > 0,
        )

    def long_before(x: dt.date) -> int:
        """The minutes of yesterday's long run when it is long enough to spare today's legs (E-AFTER-LONG)."""
        most = max((r.minutes for r in cal.runs(x - ONE_DAY) if r.type == "long"), default=0)
        return most if most >= after_long_min else 0

    def first_heavy_day(next_monday: dt.date, tired: bool = False) -> int | None:
        """The first day of the week from `next_monday` that could take heavy legs (E-HEAVY-KEEP's look-ahead);
        `tired`: after a leg-fatiguing Sunday, whose next day takes none in a development phase (E-LEG-FATIGUE)."""
        for i in range(7):
            x = next_monday + dt.timedelta(days=i)
            if x > athlete.end:
                return None
            if x < athlete.start or (tired and i == 0 and cal.phase_of[x] in tiring_phases):
                continue
            info = day_info(x)
            if info.allowed_kinds & HEAVY_KINDS and info.legs_ok and heavy_allowed_on(info, cal.quality):
                return i
        return None

    while monday <= athlete.end:
        dates = [monday + dt.timedelta(days=i) for i in range(7)]
        in_plan = [x for x in dates if athlete.start <= x <= athlete.end]
        counts = Counter(cal.phase_of[x] for x in in_plan)
        dominant: PhaseName = max(
            counts, key=lambda p: (counts[p], -in_plan.index(next(x for x in in_plan if cal.phase_of[x] == p)))
        )
        if dominant != prev_phase:
            phase_week[dominant] = phase_week[dominant]  # keep counting per phase name
        pw = phase_week[dominant]
        phase_week[dominant] += 1
        # deload every fourth loading week in a row, counted across the loading phases (an off-season
        # block running into a build is one stretch of loading, E-DELOAD)
        loading = loading + 1 if dominant in ("offseason_strength", "base", "build") else 0
        block_weeks = block_weeks + 1 if dominant == prev_phase else 1
        # ... but not before the block has loaded for its own first weeks (E-DELOAD-EARNED): a deload due
        # earlier waits, and the next one is counted from it
        deload = loading >= deload_every and block_weeks > deload_earned
        if deload:
            loading = 0
        menu = templates.phases[dominant]
        days = [day_info(x) for x in in_plan]
        day_dates = list(in_plan)
        wanted = menu.wanted(athlete.sessions_per_week_max)
        if late_until is not None and monday <= late_until:
            wanted = [k if k not in ("heavy", "maintenance", "circuit") else "core_balance" for k in wanted]
        late = (
            late_heavy_from(first_heavy_day(monday + dt.timedelta(days=7)), keep_gap)
            if HEAVY_KINDS & set(wanted)
            else None
        )
        wanted = keep_across(wanted, late, last_kept, monday, days, cal.quality, keep_gap)
        required = min(menu.required, athlete.sessions_per_week_max)
        week_start_hour = (monday - epoch).days * 24
        since = gap if last_heavy_hour is None else min(gap, week_start_hour - last_heavy_hour)
        problem = WeekProblem(
            days=tuple(days),
            demands=tuple(wanted),
            required=required,
            max_sessions=athlete.sessions_per_week_max,
            hours_since_heavy=since,
            rest_day_weight=int(rd["rest_day_weight"]),
            quality_pm_weight=int(rd["quality_pm_weight"]),
            easy_heavy_penalty=int(rd["easy_heavy_penalty"]),
            second_hard_penalty=hard_days.penalty,
            after_long_penalty=int(after_long["penalty"]),
            min_gap_hours=gap,
            fatiguing=fatiguing,
            tired_before=last_tired == monday - ONE_DAY and cal.phase_of.get(monday - ONE_DAY) in tiring_phases,
            heavy_late_from=late,
            heavy_by=heavy_due(last_kept, monday, keep_gap) if HEAVY_KINDS & set(wanted) else None,
        )
        sol = solver.solve(problem)
        swapped = keep_by_swap(solver, problem, sol)  # the other heavy kind where it keeps the legs in time
        if swapped is not None:
            problem, wanted = swapped, list(swapped.demands)
            sol = solver.solve(problem)
        next_monday = monday + dt.timedelta(days=7)
        if days and days[-1].offset == 6 and cal.phase_of[monday + dt.timedelta(days=6)] in tiring_phases:
            # a leg-fatiguing Sunday must not push next week's heavy legs past the keep (E-HEAVY-KEEP)
            spared = spare_next_monday(
                solver, problem, sol, first_heavy_day(next_monday), first_heavy_day(next_monday, True), keep_gap
            )
            if spared is not None:
                problem, wanted = spared, list(spared.demands)
                sol = solver.solve(problem)
        lightened: list[str] = []
        demanded = wanted
        upper_now = False
        if any(k in problem.fatiguing for k in sol.dropped):
            # lighten rather than lose the session: heavy upper body in place of heavy legs where the
            # phase is a strength phase (S2-HEAVY-HONEST), else core & balance; replace only as many
            # leg-fatiguing demands as were dropped, the last ones first
            light = list(wanted)
            todo = Counter(k for k in sol.dropped if k in problem.fatiguing)
            upper_ok = dominant in UPPER_PHASES and (late_until is None or monday > late_until)
            for i in range(len(light) - 1, -1, -1):
                if todo[light[i]] > 0:
                    todo[light[i]] -= 1
                    light[i] = "upper" if upper_ok and light[i] in ("heavy", "maintenance") else "core_balance"
            sol2 = solver.solve(dataclasses.replace(problem, demands=tuple(light)))
            upper_in = any(pl.kind == "upper" for pl in sol2.placements)
            if len(sol2.placements) > len(sol.placements) or (upper_in and len(sol2.placements) == len(sol.placements)):
                lightened = [k for k in sol.dropped if k in problem.fatiguing]
                sol, demanded = sol2, light
                upper_now = "upper" in {pl.kind for pl in sol.placements}
        by_offset = {dd.weekday(): dd for dd in day_dates}
        # the balance ladder moves only in weeks that train balance, so no rung is skipped
        rung_before, week_start = ladder.idx, len(sessions)
        level = ladder.step(week_index, light=dominant in LIGHT_PHASES) if sol.placements else ladder.current
        for k in lightened:
            warnings.append(
                Warning(
                    "SESSION_LIGHTENED",
                    f"Week of {monday:%d %b %Y}: the {KIND_NAMES[k]} became "
                    f"{'an upper-body strength' if upper_now and k != 'circuit' else 'a core and balance'} session: "
                    f"{reason_for_drop(k, days, day_dates, cal.quality, cal.legs_block)}.",
                    monday,
                    "S1-CIRCUIT-FREQ" if k == "circuit" else "E-HEAVY",
                )
            )
        for k in sol.dropped:
            if (k in problem.fatiguing and lightened) or k == "upper":  # a stand-in, said under lightened
                continue
            if demanded.index(k) < required:
                warnings.append(
                    Warning(
                        "SESSION_DROPPED",
                        f"Week of {monday:%d %b %Y}: one {KIND_NAMES[k]} dropped: "
                        f"{reason_for_drop(k, days, day_dates, cal.quality, cal.legs_block)}.",
                        monday,
                        "E-FREQUENCY",
                    )
                )
        if not sol.placements and in_plan:
            warnings.append(
                Warning(
                    "WEEK_WITHOUT_SESSION",
                    f"Week of {monday:%d %b %Y}: no strength session fits (no available day in the plan); "
                    f"core and balance lapse this week - use the balance snacks.",
                    monday,
                    "S3-CORE-BALANCE-WEEKLY",
                )
            )
        novice = athlete.experience == "novice"
        dose_done: dt.date | None = None
        dose_day = eve_dose_day(
            dose,
            [by_offset[pl.offset] for pl in sol.placements],
            in_plan,
            athlete,
            run_days,
            cal.phase_of,
            wanted_legs=any(k in problem.fatiguing for k in wanted),
            placed_legs=any(pl.kind in problem.fatiguing for pl in sol.placements),
            blocked=frozenset(
                x
                for x in in_plan
                if (late_until is not None and x <= late_until)
                or history.heavy_blocked(x) is not None
                or (restart_until is not None and x < restart_until)
                or x in walk_days
                or (novice and (first_heavy is None or (x - first_heavy).days < intro_weeks * 7))
            ),
        )
        for pl in sol.placements:
            date = by_offset[pl.offset]
            phase = cal.phase_of[date]
            why: list[str] = list(adapt_why)
            if history.heavy_blocked(date) is not None:
                why.append("A-LOAD-SPIKE")
            if restart_until is not None and date < restart_until:
                why.append("A-LAYOFF")
            day = days[day_dates.index(date)]
            if not day.runs:
                why.append("S6-REST-DAYS")
            elif any(r.type in cal.quality for r in day.runs) and pl.slot == "pm":
                why.append("E-QUALITY-SAME-DAY")
            kind = pl.kind
            if kind == "circuit" and phase not in ("base", "build", "in_season"):
                kind = "core_balance"
            block_week = max(0, pw - pw // deload_every) if dominant in HEAVY_BLOCK_PHASES else pw
            first_day = sessions[0].date if sessions else None
            familiar = familiar_memo.get(first_day)
            if familiar is None:  # the same for every session after the first (it reads only that one's date)
                familiar = familiar_memo[first_day] = familiar_days(race_kmp, rec_params, new_from_km, first_day)
            req = SessionRequest(
                kind=kind,
                date=date,
                slot=pl.slot,  # type: ignore[arg-type]
                phase=phase,
                week_index=week_index,
                block_week=block_week,
                deload=deload,
                balance_level=level,
                novice_intro=(restart_until is not None and date < restart_until)
                or (
                    athlete.experience == "novice"
                    and (first_heavy is None or (date - first_heavy).days < intro_weeks * 7)
                ),
                placement_why=tuple(why),
                phase_start=next((start for start, end in phase_spans if start <= date <= end), None),
                legs_fresh=bool(cal.legs_block(date)),
                post_race_rest=date in walk_days,
                familiar_only=date in familiar,
            )
            fmt = {"heavy": "straight_sets", "maintenance": "maintenance"}.get(kind)
            back = comeback.peek(date) if fmt is not None else None
            cap = return_cap(rules, fmt, *back) if fmt is not None and back is not None else None
            # the plan's first lifts are an introduction (E-FIRST-LIFT)
            if fmt is not None and first_lift.in_intro(first_lower, date, lower_done):
                cap = first_lift.cap(cap)
            if fmt is not None:
                req = dataclasses.replace(
                    req, maintains=first_lift.built(first_lower, date, athlete.experience == "novice")
                )
            taper_race = dose_window(date, no_rise_races, int(no_rise["days_before"])) if fmt is not None else None
            if taper_race is not None and taper_race in held:  # held to the race, never ramped up (E-TAPER-NO-RISE)
                h = held[taper_race]
                if cap is not None:
                    h = dataclasses.replace(
                        h, max_sets=min(h.max_sets, cap.max_sets), max_rpe=min(h.max_rpe, cap.max_rpe)
                    )
                cap = h
            elif taper_race is not None and cap is not None:
                held[taper_race] = dataclasses.replace(cap, held_for=taper_race)
            if cap is not None:
                req = dataclasses.replace(req, comeback=cap)
            tired = long_before(date) if kind in fatiguing else 0
            if tired:  # no other day this week: a set lighter, outside an A race's last weeks (E-AFTER-LONG)
                req = dataclasses.replace(
                    req,
                    after_long=tired,
                    after_long_lighter=taper_race is None,
                    after_very_long=date in lighter_map,
                )
            memory = builder_memory(builder) if date == dose_day else None
            s = builder.build(req)
            if s is None:
                continue
            dosed = None
            if date == dose_day:  # the week's only strength days are key-run eves (E-EVE-LIGHT's eve_dose)
                back = comeback.peek(date)
                dose_cap = return_cap(rules, "straight_sets", *back) if back is not None else None
                if first_lift.in_intro(first_lower, date, lower_done):
                    dose_cap = first_lift.cap(dose_cap)
                tomorrow = max((r.type for r in cal.runs(date + ONE_DAY) if r.type in dose.keys), key=dose.before.index)
                dosed = add_eve_dose(builder, s, dose, tomorrow, dose_cap, week_index, memory)
                s = dosed or s
                dose_done = date if dosed is not None else None
            if is_lower_strength(s, strength_formats):  # a dose in a core day counts as the checker counts it
                comeback.record(date)
                first_lower = first_lower or date
                lower_done += 1
                last_kept = date
            ctx = DayContext(
                cal.runs(date),
                cal.runs(date + ONE_DAY),
                pl.kind,
                cal.legs_block(date)
                or (
                    "you start lifting close to your A race: familiarisation first"
                    if late_until and date <= late_until
                    else ""
                ),
                f"familiarisation only: you start lifting less than {late_weeks} weeks before your A race"
                if late_until and date <= late_until
                else PHASE_REASON.get(phase, ""),
                phase in tiring_phases,
            )
            s = dataclasses.replace(s, explanation=dosed.explanation if dosed is not None else explain(s, ctx))
            if req.after_long and s.format in after_long["formats"]:  # the builder's why says if it is lighter
                very = "E-AFTER-VERY-LONG" in s.why
                capped = very and s.format in very_long_params["formats"]
                said = after_long_note(req.after_long, "E-AFTER-LONG" in s.why, capped, str(very_long_params["words"]))
                if very and not capped:  # a heavy session keeps E-AFTER-LONG's set lighter, without its jumps
                    said = f"{said} No jumps today after that run."
                s = dataclasses.replace(
                    s, explanation=f"{s.explanation} {said}", why=tuple(dict.fromkeys((*s.why, "E-AFTER-LONG")))
                )
            if req.comeback is not None and req.comeback.intro and "E-FIRST-LIFT" in s.why:
                said = intro_note(req.comeback) if req.comeback.held_for is None else comeback_note(req.comeback)
                s = dataclasses.replace(s, explanation=f"{s.explanation} {said}")
                if req.comeback.held_for is not None:
                    s = dataclasses.replace(s, why=(*s.why, "E-TAPER-NO-RISE"))
            elif req.comeback is not None and "E-RETURN-STEPS" in s.why:
                s = dataclasses.replace(s, explanation=f"{s.explanation} {comeback_note(req.comeback)}")
                if req.comeback.held_for is not None:
                    s = dataclasses.replace(s, why=(*s.why, "E-TAPER-NO-RISE"))
            sessions.append(s)
            if s.format in ("straight_sets", "maintenance", "circuit") and s.phase in tiring_phases:
                last_tired = date
            if first_heavy is None and any(p.block == "strength" for p in s.exercises):
                first_heavy = date
            if s.heavy_lower:
                last_heavy_hour = (date - epoch).days * 24 + SLOT_HOUR[pl.slot]
        if dose_done is not None:  # the week's lightened-session warning says what the legs still get
            warnings[:] = [with_dose_note(w, monday, dose_done) for w in warnings]
        held_back = [x for x in in_plan if x in walk_days or x in eves]
        week_rx = [p for x in sessions[week_start:] for p in x.exercises]
        lacking = [b for b in ("core", "balance") if not any(p.block == b for p in week_rx)]
        if held_back and week_rx and lacking:  # said, not hidden (E-POST-RACE-REST, E-RACE-EVE)
            warnings.append(
                Warning(
                    "RACE_DAYS_WITHOUT_CORE",
                    f"Week of {monday:%d %b %Y}: "
                    + " and ".join(
                        why
                        for why, days in (
                            ("the days after a long race are for walking and gentle mobility", walk_days),
                            ("the day before an A race is for rest", eves),
                        )
                        if any(x in days for x in held_back)
                    )
                    + f", so this week holds no {' or '.join(lacking)} work; the balance snacks at home keep the "
                    f"ankles busy.",
                    monday,
                    "S3-CORE-BALANCE-WEEKLY",
                )
            )
        shown = [
            progression_level(ex.balance_level, ex.region)
            for s in sessions[week_start:]
            for p in s.exercises
            if p.block == "balance" and (ex := library.find(p.id)) is not None
        ]
        ladder.settle(rung_before, max((x for x in shown if x > 0), default=None))
        snack = builder.snack(level)
        if snack is not None and (not snacks or snacks[-1].exercise_id != snack.id):
            snacks.append(
                BalanceSnack(
                    snack.id,
                    snack.name,
                    int(rules.param("S3-BALANCE-SNACKS", "seconds")),
                    f"from {max(monday, athlete.start):%d %b %Y} on rest or easy days at home, e.g. while on the phone",
                )
            )
        prev_phase = dominant
        week_index += 1
        monday += dt.timedelta(days=7)

    warnings.extend(builder.warnings)
    phases = honest_heavy_blocks(
        phases, sessions, athlete, cal, warnings, rules, late_until, templates.injuries, library
    )
    phases = honest_focus(phases, sessions, rules["R-PHASE-LABEL"].params)
    for inj in athlete.injuries:
        policy = templates.injuries[inj.area]
        if inj.status == "history" and not policy.by_status["history"].add:
            continue
        warnings.append(
            Warning(
                f"INJURY_{inj.area.upper()}",
                f"{inj.area.replace('_', ' ')} ({inj.status}): {policy.advice}"
                f"{stage_dates(policy, inj.status, athlete.start, athlete.end)}",
                None,
                policy.rule,
            )
        )
        if inj.status != "history" and policy.held and len(stages(policy, inj.status, athlete.start)) == 1:
            # a flare the data does not stage is held to the plan's end, and the plan says so (I-STAGED)
            warnings.append(Warning("INJURY_HELD", f"{inj.area.replace('_', ' ')}: {policy.held}", None, "I-STAGED"))
    notes = []
    if any(p.name == "offseason_strength" for p in phases):
        notes.append(
            "During the off-season heavy block, eat a little more: enough protein and a small energy "
            "surplus help rebuild muscle; then cycle back into running with a little more muscle."
        )
    said = masters_note(athlete, rules)
    if said:
        notes.append(said)
    if athlete.end_defaulted:
        warnings.append(Warning("END_DEFAULTED", f"No plan end given: the plan ends {athlete.end:%d %b %Y}."))
    return Plan(
        athlete_name=athlete.name,
        experience=athlete.experience,
        hemisphere=athlete.hemisphere,
        start=athlete.start,
        end=athlete.end,
        phases=phases,
        runs=runs,
        sessions=sessions,
        warnings=warnings,
        balance_snacks=snacks,
        notes=notes,
    )
