"""The weeks around races as a coach runs them, checked at each rule's limit on hand-made plans (one
just past the limit is reported, one just within is not) and on the generated plans that showed the
defects: E-TAPER-NO-RISE, E-RACE-EVE, E-POST-RACE-REST, E-EASIER-FIRST and R-PEAK-LONG-RUN."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan, hard_violations
from stridelift.domain.checks_schedule import RaceInfo
from stridelift.domain.plan import Plan, Prescription, RunEntry, Session
from stridelift.domain.running import return_share
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete, plan_profile
from stridelift.services.planning import PlanResult
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

ROOT = Path(__file__).parents[2]
DAY = dt.timedelta(days=1)
RACE = MON + 70 * DAY  # a Monday ten weeks into the hand-made plan


def race(day: dt.date, prio: str = "A", km: float = 42.195) -> RunEntry:
    return RunEntry(day, "race", round(km * 6), "am", prio, distance_km=km)


def with_runs(sessions: Sequence[Session], runs: Sequence[RunEntry], weeks: int = 16) -> Plan:
    p = plan(sessions, weeks=weeks)
    p.runs = list(runs)
    return p


def lift(ex_id: str, sets: int, rpe: float) -> Prescription:
    return rx(LIB, ex_id, sets=sets, reps=5, rpe=rpe, warmup_sets=2)


def core(ex_id: str) -> Prescription:
    return dataclasses.replace(rx(LIB, ex_id, "core", sets=1, reps=None), duration_s=20)


def stretch(ex_id: str) -> Prescription:
    return dataclasses.replace(rx(LIB, ex_id, "mobility", sets=1, reps=None), duration_s=45)


# ----- E-TAPER-NO-RISE -------------------------------------------------------------------------
def test_the_strength_dose_never_rises_in_an_a_races_last_four_weeks() -> None:
    def taper(first: Prescription, later: Prescription, first_days: int = 24) -> list[str]:
        sessions = [
            session(RACE - first_days * DAY, [first], "maintenance", "peak"),
            session(RACE - 12 * DAY, [later], "maintenance", "taper"),
        ]
        return findings("E-TAPER-NO-RISE", with_runs(sessions, [race(RACE)]))

    # the northern marathoner's taper: 1x5 at RPE 6 after the B race, then 2x5 at RPE 7, 12 days out
    assert taper(lift("front_squat", 1, 6.0), lift("front_squat", 2, 7.0)) == [
        "2 sets at RPE 7 after 1 sets at RPE 6, 12 days before the A race on 2027-03-15: the dose rises toward the race"
    ]
    assert len(taper(lift("front_squat", 1, 6.0), lift("front_squat", 2, 6.0))) == 1  # one set more
    assert len(taper(lift("front_squat", 1, 6.0), lift("front_squat", 1, 6.5))) == 1  # past the tolerance
    assert taper(lift("front_squat", 1, 6.0), lift("front_squat", 1, 6.25)) == []  # within it
    assert taper(lift("front_squat", 2, 8.0), lift("conventional_deadlift", 2, 8.0)) == []  # held
    assert taper(lift("front_squat", 1, 6.0), lift("front_squat", 2, 7.0), first_days=29) == []  # before the weeks
    # the heavy sets are those of the rule's max_reps or fewer: at max_reps they count, one more they do not
    most = int(RULES["E-TAPER-NO-RISE"].params["max_reps"])

    def reps(n: int, sets: int) -> Prescription:
        return dataclasses.replace(lift("front_squat", sets, 7.0), reps=n)

    assert len(taper(reps(most, 1), reps(most, 2))) == 1
    assert taper(reps(most + 1, 1), reps(most + 1, 2)) == []
    # a B race has no taper to keep
    b = [
        session(RACE - 24 * DAY, [lift("front_squat", 1, 6.0)]),
        session(RACE - 12 * DAY, [lift("front_squat", 2, 8.0)]),
    ]
    assert findings("E-TAPER-NO-RISE", with_runs(b, [race(RACE, "B")])) == []


# ----- E-RACE-EVE ------------------------------------------------------------------------------
def test_the_day_before_an_a_race_holds_at_most_ten_minutes_of_unloaded_mobility() -> None:
    mobility = [stretch("pigeon_stretch"), stretch("cat_camel")]

    def eve(exercises: list[Prescription], minutes: int, prio: str = "A") -> list[str]:
        s = dataclasses.replace(session(RACE - DAY, exercises, "mobility", "race_week"), minutes=minutes)
        return findings("E-RACE-EVE", with_runs([s], [race(RACE, prio)]))

    assert eve(mobility, 10) == []
    assert eve(mobility, 11) == ["a 11-minute mobility session the day before the A race on 2027-03-15 (mobility only)"]
    assert eve([*mobility, core("copenhagen_plank_short")], 10) == [
        "a 10-minute mobility session the day before the A race on 2027-03-15 (loaded: copenhagen_plank_short)"
    ]
    # a B race's eve is kept the same way (coach review); a C race's only by E-EVE-LIGHT
    assert eve(mobility, 10, "B") == []
    assert eve(mobility, 11, "B") == [
        "a 11-minute mobility session the day before the B race on 2027-03-15 (mobility only)"
    ]
    assert eve([*mobility, core("copenhagen_plank_short")], 10, "B") == [
        "a 10-minute mobility session the day before the B race on 2027-03-15 (loaded: copenhagen_plank_short)"
    ]
    assert eve([*mobility, core("copenhagen_plank_short")], 23, "C") == []


# ----- E-POST-RACE-REST ------------------------------------------------------------------------
def test_the_first_days_after_a_marathon_hold_mobility_only_and_its_recovery_nothing_new() -> None:
    before = session(
        RACE - 10 * DAY,
        [core("glute_bridge"), core("side_lying_hip_adduction"), stretch("pigeon_stretch")],
        "core_balance",
        "taper",
    )

    def after(day: int, exercises: list[Prescription], km: float = 42.195, first: Session | None = before) -> list[str]:
        s = session(RACE + day * DAY, exercises, "core_balance", "recovery")
        p = with_runs([x for x in (first, s) if x], [race(RACE, km=km)])
        return findings("E-POST-RACE-REST", p) + findings("E-RECOVERY-NOTHING-NEW", p)

    # days 1-3 after a marathon: mobility only; day 4 may hold a known core exercise, not a new one
    assert after(3, [stretch("pigeon_stretch"), stretch("cat_camel")]) == []
    assert after(3, [core("glute_bridge")]) == [
        "day 3 after the race on 2027-03-15: glute_bridge (mobility and walking only)"
    ]
    assert after(4, [core("glute_bridge")]) == []
    assert after(4, [core("copenhagen_plank_short")]) == [
        "first time in the plan in the recovery after the race on 2027-03-15: copenhagen_plank_short"
    ]
    assert after(14, [core("copenhagen_plank_short")]) != []  # the marathon's 14 days of recovery
    assert after(15, [core("copenhagen_plank_short")]) == []
    assert after(2, [core("glute_bridge")], km=10.0) == []  # a 10k has no days without running
    assert after(4, [core("copenhagen_plank_short")], first=None) == []  # nothing before the race to compare


# ----- E-EASIER-FIRST --------------------------------------------------------------------------
def test_the_long_lever_copenhagen_comes_after_the_short_lever() -> None:
    short, long = core("copenhagen_plank_short"), core("copenhagen_plank")
    first_long = [session(MON, [long], "core_balance"), session(MON + 7 * DAY, [short], "core_balance")]
    assert findings("E-EASIER-FIRST", plan(first_long)) == [
        "copenhagen_plank before any of its easier versions (copenhagen_plank_short)"
    ]
    short_first = [session(MON, [short], "core_balance"), session(MON + 7 * DAY, [long], "core_balance")]
    assert findings("E-EASIER-FIRST", plan(short_first)) == []


def test_a_hard_core_variant_kept_in_a_race_recovery_is_still_stepped_down() -> None:
    """In a race's recovery a core exercise with no known one of its target stays (S3-CORE-ORDER); the property
    test found the long-lever Copenhagen plank kept that way before its short lever: it steps down too."""
    import tomllib

    from stridelift.domain.familiar import settle
    from stridelift.domain.sessions import SessionBuilder, SessionRequest

    athlete = parse_profile(tomllib.loads((ROOT / "examples" / "ultra_doubles.toml").read_text()))
    b = SessionBuilder(athlete, LIB, RULES, load_templates())
    day = dt.date(2027, 6, 1)
    req = SessionRequest("core_balance", day, "pm", "base", 3, 1, False, 1, False, familiar_only=True)
    s = session(day, [core("copenhagen_plank")], "core_balance", "base", why=("S3-CORE-BALANCE-WEEKLY",))
    params = b._settle_params
    assert [p.id for p in settle(b, s, req, set(), params).exercises] == ["copenhagen_plank_short"]
    # the short lever done before: the long lever stays
    known = {"copenhagen_plank", "copenhagen_plank_short"}
    assert [p.id for p in settle(b, s, req, known, params).exercises] == ["copenhagen_plank"]


# ----- R-PEAK-LONG-RUN -------------------------------------------------------------------------
def test_a_full_long_run_about_three_weeks_before_an_a_marathon() -> None:
    def longs(last: int, days_out: int = 22, km: float = 42.195, extra: Sequence[RunEntry] = ()) -> list[str]:
        runs = [
            RunEntry(RACE - 56 * DAY, "long", 120, "am"),
            RunEntry(RACE - days_out * DAY, "long", last, "am"),
            race(RACE, km=km),
            *extra,
        ]
        return findings("R-PEAK-LONG-RUN", with_runs([], runs))

    assert longs(108) == []  # 90% of the 120-minute peak
    assert longs(105) == [
        "the longest run 28-17 days before the A race on 2027-03-15 is 105 minutes against a peak of 120: "
        "the last longest run comes about three weeks out"
    ]
    assert longs(120, days_out=16) != []  # too late: in the taper
    assert longs(120, days_out=29) != []  # too early: five weeks of taper-length long runs follow
    assert longs(120, days_out=28) == []
    assert longs(120, days_out=17) == []
    assert longs(90, km=21.0975) == []  # a half has no such rule
    # judged on a build with at most a tune-up race (a half 21-42 days before): a marathon 45 days before
    # is another build, a half 45 days before no tune-up
    assert longs(90, extra=[race(RACE - 45 * DAY, "B")]) == []
    assert longs(90, extra=[race(RACE - 45 * DAY, "B", 21.0975)]) == []
    assert longs(90, extra=[race(RACE - 42 * DAY, "B", 21.0975)]) != []
    # ... and a tune-up inside those days counts as a long run of its minutes (121 for a half, R-RACE-MINUTES)
    assert longs(90, extra=[race(RACE - 25 * DAY, "B", 21.0975)]) == []
    assert longs(90, extra=[race(RACE - 30 * DAY, "B", 21.0975)]) != []  # then a full long run must follow
    assert longs(90, extra=[race(RACE - 30 * DAY, "C", 21.0975)]) != []
    # an A half 30 days before is a goal of its own (its taper, race week and recovery): no build to judge
    assert longs(90, extra=[race(RACE - 30 * DAY, "A", 21.0975)]) == []
    # the peak is read over the rule's lookback: a longer run exactly that many days out counts, one day more not
    back = int(RULES["R-PEAK-LONG-RUN"].params["lookback_days"])
    assert longs(120, extra=[RunEntry(RACE - back * DAY, "long", 150, "am")]) != []
    assert longs(120, extra=[RunEntry(RACE - (back + 1) * DAY, "long", 150, "am")]) == []


def test_the_peak_rule_judges_a_plan_that_starts_on_the_first_day_it_reads() -> None:
    frm = int(RULES["R-PEAK-LONG-RUN"].params["from_days"])
    runs = [RunEntry(RACE - 40 * DAY, "long", 120, "am"), RunEntry(RACE - 22 * DAY, "long", 90, "am"), race(RACE)]
    p = with_runs([], runs)
    on_time = dataclasses.replace(p, start=RACE - frm * DAY)
    assert findings("R-PEAK-LONG-RUN", on_time) != []
    late = dataclasses.replace(p, start=RACE - (frm - 1) * DAY)  # the plan cannot know the build before it
    assert findings("R-PEAK-LONG-RUN", late) == []


# ----- on generated plans ----------------------------------------------------------------------
@lru_cache(maxsize=4)
def planned(rel: str) -> PlanResult:
    return plan_profile(ROOT / rel)


def hard(result: PlanResult, rule: str) -> list[str]:
    return [f.message for f in result.findings if f.hard and not f.explained and f.rule == rule]


def test_the_northern_marathoner_tapers_down_and_keeps_its_peak_long_run() -> None:
    result = planned("examples/northern_marathoner.toml")
    marathon = dt.date(2027, 4, 18)
    doses = [
        (s.date, max(p.sets for p in s.exercises if p.block == "strength" and p.region in ("lower", "full")))
        for s in sorted(result.plan.sessions, key=lambda s: s.date)
        if marathon - 28 * DAY < s.date < marathon and s.heavy_lower
    ]
    assert len(doses) >= 3 and [n for _, n in doses] == sorted((n for _, n in doses), reverse=True)
    longs = {r.date: r.minutes for r in result.plan.runs if r.type == "long"}
    # was 95 (the B half's return stacked on the taper), then the usual 120: now the build's 150 (R-LONG-BUILD)
    assert longs[dt.date(2027, 3, 27)] == 150
    assert max(m for d, m in longs.items() if marathon - 28 * DAY <= d <= marathon - 17 * DAY) == 150
    assert [longs[marathon - k * DAY] for k in (22, 15, 8)] == [150, 120, 90]  # the taper steps down from it
    assert hard(result, "E-TAPER-NO-RISE") == hard(result, "R-PEAK-LONG-RUN") == []


def test_no_strength_the_day_before_the_a_ultra() -> None:
    result = planned("examples/ultra_doubles.toml")
    a_races = [r.date for r in result.plan.runs if r.type == "race" and r.race_priority == "A"]
    assert a_races and not [s for s in result.plan.sessions if s.date + DAY in a_races]  # 9 Jul had 19 minutes
    assert hard(result, "E-RACE-EVE") == []


def test_the_novice_after_a_first_marathon_walks_and_stretches_and_meets_nothing_new() -> None:
    result = planned("tests/stress_profiles/novice_four_weeks_out.toml")
    marathon = dt.date(2027, 4, 18)
    sessions = sorted(result.plan.sessions, key=lambda s: s.date)
    walk = [s for s in sessions if marathon < s.date <= marathon + 3 * DAY]
    assert walk and all(s.format == "mobility" for s in walk)  # 20 Apr held lunges and a Copenhagen plank
    assert not [p.id for s in walk for p in s.exercises if p.intensity.rpe is not None or p.block == "core"]
    ids = [p.id for s in sessions for p in s.exercises]
    if "copenhagen_plank" in ids:  # the long lever only after the short one (E-EASIER-FIRST)
        assert "copenhagen_plank_short" in ids[: ids.index("copenhagen_plank")]
    assert hard(result, "E-POST-RACE-REST") == hard(result, "E-EASIER-FIRST") == []


def test_no_return_steps_after_a_tune_up_race() -> None:
    """A half five weeks before an A marathon is its tune-up: the week after its recovery holds the full long
    run (R-RETURN-AFTER-RACE 80% otherwise); a marathon before an A ultra keeps its return steps."""
    rules = load_rules()
    rec, ret = rules["E-RACE-RECOVERY"].params, rules["R-RETURN-AFTER-RACE"].params
    half, day = RaceInfo(RACE - 35 * DAY, "B", 21.0975), RACE - 25 * DAY  # the first week after its 7 days
    assert return_share(day, [half, RaceInfo(RACE, "A", 42.195)], rec, ret) == 1.0
    # no A race to tune up for: a B half's return is one week at 90%
    assert return_share(day, [half, RaceInfo(RACE, "B", 42.195)], rec, ret) == 0.9
    assert return_share(day, [half, RaceInfo(RACE + 8 * DAY, "A", 42.195)], rec, ret) == 0.9  # 43 days: too early
    marathon = RaceInfo(RACE - 35 * DAY, "B", 42.195)
    # a B marathon: 7 days' recovery, then 80%, 90%
    assert return_share(RACE - 18 * DAY, [marathon, RaceInfo(RACE, "A", 100.0)], rec, ret) == 0.9


def _monday_runner(
    races: list[dict[str, Any]], injuries: list[dict[str, Any]], end: str, mon: bool, per_week: int = 1
) -> dict[str, Any]:
    """The property test's shape: a novice with only Monday free, 15 minutes a session, no equipment."""
    return {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": per_week, "minutes_per_session": 15, "days": ["mon"]},
        "running": {
            "week": [
                *(
                    [
                        {"day": "mon", "type": "easy", "minutes": 20, "slot": "am"},
                        {"day": "mon", "type": "easy", "minutes": 30, "slot": "pm"},
                    ]
                    if mon
                    else []
                ),
                {"day": "sat", "type": "easy", "minutes": 20, "slot": "am"},
                {"day": "sat", "type": "easy", "minutes": 30, "slot": "pm"},
            ]
        },
        "races": races,
        "injuries": injuries,
        "plan": {"start": "2026-01-05", "end": end},
    }


def test_monday_only_runners_around_long_races_plan_without_hard_violations() -> None:
    """Found by the property test: a week whose only strength day is a walking day after a 60 km race says
    it holds no core (RACE_DAYS_WITHOUT_CORE); a known stand-in in a marathon's recovery is never a variant
    of an exercise the session holds (a clamshell beside side-lying abduction, E-ONE-VARIANT)."""
    ultra: list[dict[str, Any]] = [
        {"date": "2026-01-05", "distance": "5k", "priority": "A"},
        {"date": "2026-02-26", "distance": 60, "priority": "A"},
    ]
    marathon: list[dict[str, Any]] = [{"date": "2026-01-15", "distance": "marathon", "priority": "A"}]
    plans = []
    for raw in (
        _monday_runner(ultra, [], "2026-03-08", mon=False, per_week=4),
        _monday_runner(marathon, [{"area": "hip_flexor", "status": "flaring"}], "2026-02-22", mon=True),
    ):
        athlete = parse_profile(raw)
        plan = plan_athlete(athlete)
        found, _ = check_plan(
            plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
        )
        assert hard_violations(found) == []
        plans.append(plan)
    # the ultra's day 4 (Monday 2 Mar) is walking and mobility only, and the plan says the week has no core
    monday = [s for s in plans[0].sessions if s.date == dt.date(2026, 3, 2)]
    assert monday and all(s.format == "mobility" for s in monday)
    said = [w for w in plans[0].warnings if w.code == "RACE_DAYS_WITHOUT_CORE"]
    assert [w.date for w in said] == [dt.date(2026, 3, 2)] and "walking" in said[0].message


def test_a_known_stand_in_in_a_race_recovery_keeps_the_session_in_its_minutes() -> None:
    # found by the property test: 15-minute sessions, a half marathon, and in its recovery a new core
    # exercise swapped for a known, longer one made a 16-minute session (E-FREQUENCY)
    from stridelift.catalog import load_library, load_rules, load_templates
    from stridelift.domain.checker import check_plan, hard_violations
    from stridelift.profile import parse_profile
    from stridelift.services import plan_athlete

    week = [{"day": d, "type": "rest"} for d in ("mon", "tue", "wed", "thu", "fri", "sat")]
    week += [{"day": "sun", "type": "easy", "minutes": 20}, {"day": "sun", "type": "easy", "minutes": 30, "slot": "pm"}]
    raw = {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 15, "days": ["mon"]},
        "running": {"week": week},
        "races": [{"date": "2026-01-28", "distance": "half", "priority": "A"}],
        "plan": {"start": "2026-01-05", "end": "2026-02-02"},
    }
    athlete = parse_profile(raw)
    plan = plan_athlete(athlete)
    assert plan.sessions and all(s.minutes <= 15 for s in plan.sessions)
    found, _ = check_plan(plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete)
    assert hard_violations(found) == []


def test_no_session_the_day_before_a_b_race() -> None:
    """ultra_doubles held a 17-minute core and balance session on the eve of its B race (23 Apr 2027); it
    moves to the Wednesday (E-RACE-EVE covers B races)."""
    result = planned("examples/ultra_doubles.toml")
    b_eves = {r.date - DAY for r in result.plan.runs if r.type == "race" and r.race_priority == "B"}
    assert b_eves and not [s.date for s in result.plan.sessions if s.date in b_eves]
    assert hard(result, "E-RACE-EVE") == []
