"""Injuries shape the runs (rule R-INJURY-RUNS, injuries.toml `runs`): with shin splints flaring the hill
sessions become easy flat runs and the long run is capped at its stated share of the usual, each changed
run saying why; the checker sees a hills run or a long run one 5-minute step past the cap."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import Any

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.injury_runs import long_cap, strides_offered
from stridelift.domain.plan import Plan, RunEntry
from stridelift.domain.templates import stages
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete

LIB = load_library()
RULES = load_rules()
TEMPLATES = load_templates()
SHIN = TEMPLATES.injuries["shin"].by_status["flaring"].runs
START = dt.date(2027, 6, 7)

RUNNER: dict[str, Any] = {
    "athlete": {"name": "Shin", "experience": "intermediate", "hemisphere": "north"},
    "equipment": {"available": ["dumbbells", "band", "bench", "box"]},
    "availability": {"sessions_per_week_max": 2, "minutes_per_session": 40, "days": ["mon", "sat"]},
    "running": {
        "week": [
            {"day": "tue", "type": "hills", "minutes": 45},
            {"day": "wed", "type": "easy", "minutes": 40},
            {"day": "thu", "type": "interval", "minutes": 55},
            {"day": "sun", "type": "long", "minutes": 140},
        ]
    },
    "races": [{"date": "2027-10-10", "distance": "marathon", "priority": "A"}],
    "plan": {"start": "2027-06-07", "end": "2027-10-31"},
    "injuries": [{"area": "shin", "status": "flaring"}],
}


def findings(p: Plan, raw: dict[str, Any]) -> list[str]:
    rule = RULES["R-INJURY-RUNS"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, TEMPLATES, parse_profile(raw)))]


def test_the_shin_data_says_what_changes_in_the_running() -> None:
    assert SHIN is not None and "hills" in SHIN.easy_instead and SHIN.long_share is not None and SHIN.note
    assert TEMPLATES.injuries["shin"].runs_source
    knee = TEMPLATES.injuries["knee"].by_status["flaring"].runs
    assert knee is not None and "hills" in knee.easy_instead
    # the statuses without changes in their data leave the runs alone
    assert TEMPLATES.injuries["shin"].by_status["history"].runs is None


def test_a_flaring_shin_gets_flat_easy_runs_and_a_capped_long_run() -> None:
    p = plan_athlete(parse_profile(RUNNER))
    assert SHIN is not None and SHIN.long_share is not None
    cap = long_cap(140, SHIN.long_share)
    # the shin's stages (flaring, then a graded return) keep the runs flat and the long run capped; the
    # hills come back only when they end
    end = next(b for st, b, _ in stages(TEMPLATES.injuries["shin"], "flaring", START) if st == "history")
    assert not [r for r in p.runs if r.type == "hills" and r.date < end]
    assert [r for r in p.runs if r.type == "hills" and r.date >= end]
    flaring = next(e for st, _, e in stages(TEMPLATES.injuries["shin"], "flaring", START) if st == "flaring")
    assert flaring is not None
    longs = [r for r in p.runs if r.type == "long" and r.date < flaring]
    assert longs and max(r.minutes for r in longs) <= cap
    first_tue = next(r for r in p.runs if r.date == dt.date(2027, 6, 8))
    assert first_tue.type == "easy" and "shin" in first_tue.note and "hills or strides" not in first_tue.note
    first_long = next(r for r in p.runs if r.date == dt.date(2027, 6, 13))
    assert first_long.minutes == cap and "shin" in first_long.note
    assert findings(p, RUNNER) == []
    # without the injury the same week keeps its hills and its long run
    healthy = copy.deepcopy(RUNNER)
    healthy["injuries"] = []
    q = plan_athlete(parse_profile(healthy))
    assert any(r.type == "hills" for r in q.runs) and max(r.minutes for r in q.runs if r.type == "long") > cap


def test_the_checker_sees_hills_and_a_long_run_just_past_the_cap() -> None:
    p = plan_athlete(parse_profile(RUNNER))
    assert SHIN is not None and SHIN.long_share is not None
    cap = long_cap(140, SHIN.long_share)
    i = next(k for k, r in enumerate(p.runs) if r.type == "long" and r.minutes == cap)
    runs = list(p.runs)
    assert findings(dataclasses.replace(p, runs=runs), RUNNER) == []  # just within: the long run at its cap
    runs[i] = dataclasses.replace(runs[i], minutes=cap + 5)
    past = dataclasses.replace(p, runs=runs)
    msgs = findings(past, RUNNER)
    assert len(msgs) == 1 and "long run" in msgs[0] and str(cap) in msgs[0]
    hills = RunEntry(dt.date(2027, 6, 8), "hills", 45, "am")
    msgs = findings(dataclasses.replace(p, runs=[hills, *p.runs]), RUNNER)
    assert len(msgs) == 1 and "hills" in msgs[0]
    # healed (history), the same hills run and long run are allowed
    healed = copy.deepcopy(RUNNER)
    healed["injuries"] = [{"area": "shin", "status": "history"}]
    assert findings(dataclasses.replace(past, runs=[hills, *past.runs]), healed) == []


def promised(p: Plan, raw: dict[str, Any]) -> list[str]:
    rule = RULES["I-PROMISED"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, TEMPLATES, parse_profile(raw)))]


def without(p: Plan, exercise: str, keep: int, before: dt.date | None = None) -> Plan:
    """`p` with `exercise` left in its first `keep` sessions only (of those before `before`, if given)."""
    sessions, n = [], 0
    for s in p.sessions:
        if any(x.id == exercise for x in s.exercises) and (before is None or s.date < before):
            n += 1
            if n > keep:
                s = dataclasses.replace(s, exercises=tuple(x for x in s.exercises if x.id != exercise))
        sessions.append(s)
    return dataclasses.replace(p, sessions=sessions)


def test_the_flaring_shins_promised_tibialis_raises_are_prescribed_and_missed_when_absent() -> None:
    assert "tibialis_raise" in TEMPLATES.injuries["shin"].by_status["flaring"].add
    assert "tibialis" in TEMPLATES.injuries["shin"].advice
    p = plan_athlete(parse_profile(RUNNER))
    assert any(x.id == "tibialis_raise" for s in p.sessions for x in s.exercises)
    assert promised(p, RUNNER) == []
    # judged stage by stage: the flaring stage's sessions with it once, then none (the later stages keep it)
    end = next(e for st, _, e in stages(TEMPLATES.injuries["shin"], "flaring", START) if st == "flaring")
    assert end is not None
    assert promised(without(p, "tibialis_raise", keep=1, before=end), RUNNER) == []  # just within: once
    msgs = promised(without(p, "tibialis_raise", keep=0, before=end), RUNNER)  # just past: in none of them
    assert len(msgs) == 1 and "tibialis_raise" in msgs[0] and "shin flaring" in msgs[0]
    # an exercise the runner's equipment does not allow is not promised (seated calf raises need a machine)
    assert not [m for m in msgs if "seated_calf_raise" in m]
    # without the injury nothing is promised
    healthy = copy.deepcopy(RUNNER)
    healthy["injuries"] = []
    assert promised(without(p, "tibialis_raise", keep=0), healthy) == []


def test_a_flaring_plantar_fascia_turns_fast_runs_easy_and_caps_the_long_run() -> None:
    """Coach review: a flaring plantar fascia capped nothing, so a first marathoner's long run built to 150
    minutes on it. Pace loads the fascia most (Nielsen 2013): intervals and hills become easy runs while it
    flares, and the long run is capped, then grows back about 10% a week."""
    pf = TEMPLATES.injuries["plantar_fascia"]
    flare = pf.by_status["flaring"].runs
    assert flare is not None and {"interval", "hills"} <= set(flare.easy_instead) and flare.long_share is not None
    assert pf.runs_source
    raw = copy.deepcopy(RUNNER)
    raw["injuries"] = [{"area": "plantar_fascia", "status": "flaring"}]
    p = plan_athlete(parse_profile(raw))
    flaring_end = next(e for st, _, e in stages(pf, "flaring", START) if st == "flaring")
    assert flaring_end is not None
    early = [r for r in p.runs if r.date < flaring_end]
    assert not [r for r in early if r.type in ("interval", "hills")]
    cap = long_cap(140, flare.long_share)
    longs = [r for r in early if r.type == "long"]
    assert longs and max(r.minutes for r in longs) <= cap and all("plantar fascia" in r.note for r in longs)
    assert findings(p, raw) == []
    # the checker sees an interval session while it flares
    fast = RunEntry(dt.date(2027, 6, 10), "interval", 55, "am")
    assert any("interval" in m for m in findings(dataclasses.replace(p, runs=[fast, *p.runs]), raw))


def test_a_flaring_achilles_or_hamstring_gets_no_hills_strides_or_fast_intervals() -> None:
    """Coach review: achilles_ultra kept "short hills or strides" in the isometric-only stage and
    b2b_ultra_hamstring kept them under a note saying "no sprints". Uphill running and strides are the
    biggest Achilles and hamstring loads of the week (Silbernagel 2007, Martin 2018; Heiderscheit 2010)."""
    for area in ("achilles", "hamstring"):
        pol = TEMPLATES.injuries[area]
        flare, back = pol.by_status["flaring"].runs, pol.by_status["recovering"].runs
        assert flare is not None and {"hills", "interval"} <= set(flare.easy_instead) and flare.no_strides
        assert back is not None and "hills" in back.easy_instead and back.no_strides and pol.runs_source
        assert pol.by_status["history"].runs is None
        raw = copy.deepcopy(RUNNER)
        raw["injuries"] = [{"area": area, "status": "flaring"}]
        p = plan_athlete(parse_profile(raw))
        ends = [e for st, _, e in stages(pol, "flaring", START) if st in ("flaring", "recovering")]
        held = [r for r in p.runs if ends[-1] is not None and r.date < ends[-1]]
        assert not [r for r in held if r.type == "hills" or strides_offered(r.note, [flare, back])]
        assert not [r for r in held if r.date < (ends[0] or START) and r.type == "interval"]
        assert findings(p, raw) == []


def test_the_checker_sees_strides_or_a_hills_run_while_the_achilles_flares() -> None:
    raw = copy.deepcopy(RUNNER)
    raw["injuries"] = [{"area": "achilles", "status": "flaring"}]
    p = plan_athlete(parse_profile(raw))
    pol = TEMPLATES.injuries["achilles"]
    flare = pol.by_status["flaring"].runs
    assert flare is not None
    end = next(e for st, _, e in stages(pol, "flaring", START) if st == "recovering")
    assert end is not None
    # just within: an easy run carrying the injury's own note (which names strides to rule them out)
    calm = RunEntry(dt.date(2027, 6, 9), "easy", 40, "am", note=flare.note)
    assert findings(dataclasses.replace(p, runs=[calm, *p.runs]), raw) == []
    # just past: the same easy run offering strides, and a hills run
    strides = RunEntry(dt.date(2027, 6, 9), "easy", 40, "am", note="easy, with a few strides")
    assert any("strides" in m for m in findings(dataclasses.replace(p, runs=[strides, *p.runs]), raw))
    hills = RunEntry(dt.date(2027, 6, 8), "hills", 45, "am")
    assert any("hills" in m for m in findings(dataclasses.replace(p, runs=[hills, *p.runs]), raw))
    # healed: the history stage allows both
    late = [dataclasses.replace(r, date=end + dt.timedelta(days=300)) for r in (strides, hills)]
    msgs = findings(dataclasses.replace(p, runs=[*late, *p.runs]), raw)
    assert not [m for m in msgs if "strides" in m or "hills" in m]


def test_the_race_eve_keeps_its_short_easy_run_without_the_strides() -> None:
    from stridelift.domain.injury_runs import reshape
    from stridelift.domain.running import DayRuns
    from stridelift.domain.scheduling import RunSlot

    flare = TEMPLATES.injuries["hamstring"].by_status["flaring"].runs
    assert flare is not None
    eve = DayRuns((RunSlot("easy", "am", 30),), "day before the race: short and easy, a few strides")
    calm = reshape(eve, [flare], 120)
    assert calm.runs == eve.runs
    assert calm.note_of(0) == f"day before the race: short and easy; {flare.note}"
    assert not strides_offered(calm.note_of(0), [flare])
    assert reshape(eve, [], 120) is eve  # no injury: the strides stay
