"""A runner's effort at its limits (rules E-RUNNER-RIR, E-DELOAD-LIGHTER): a plan just past each limit is
reported, one just within is not; and the planner keeps both on the examples' heavy blocks."""

from __future__ import annotations

import datetime as dt

from stridelift.domain.progression import LoadTracker
from tests.unit.test_checks_prescription import LIB, MON, RULES, TABLE, findings, plan, rx, session

TOP = float(RULES["E-RUNNER-RIR"].params["max_rpe"])
WEEK = dt.timedelta(days=7)
DAYS = dt.timedelta(days=int(RULES["E-DELOAD-LIGHTER"].params["lookback_days"]))


def test_no_set_past_the_runners_effort_cap() -> None:
    assert findings("E-RUNNER-RIR", plan([session(MON, [rx(LIB, "db_bulgarian_split_squat", rpe=TOP)])])) == []
    msgs = findings("E-RUNNER-RIR", plan([session(MON, [rx(LIB, "db_bulgarian_split_squat", rpe=TOP + 0.5)])]))
    assert len(msgs) == 1 and f"RPE {TOP + 0.5:g}" in msgs[0]
    # circuits and plyometrics are held to it too; the warm-up is not a working set
    assert findings("E-RUNNER-RIR", plan([session(MON, [rx(LIB, "pull_up", "circuit", rpe=TOP + 0.5)])]))
    assert findings("E-RUNNER-RIR", plan([session(MON, [rx(LIB, "a_skip_march", "warmup", rpe=TOP + 0.5)])])) == []


def test_a_pct_counts_at_the_charts_effort() -> None:
    # 5 reps at the chart's load for RPE 8 is within; the load for RPE 8.5 is past, whatever RPE is written
    ok = round(TABLE.pct_for(5, TOP), 2)
    past = round(TABLE.pct_for(5, TOP + 0.5), 2)
    assert TABLE.rpe_for(5, ok) <= TOP < TABLE.rpe_for(5, past)
    assert findings("E-RUNNER-RIR", plan([session(MON, [rx(LIB, "barbell_back_squat", pct=ok, rpe=TOP)])])) == []
    assert findings("E-RUNNER-RIR", plan([session(MON, [rx(LIB, "barbell_back_squat", pct=past, rpe=TOP)])]))


def test_the_heavy_block_tops_out_at_the_cap() -> None:
    assert float(RULES["E-HEAVY"].params["rpe_max"]) <= TOP
    assert float(RULES["E-IN-SEASON"].params["rpe"]) <= TOP


def _deload(lift: str, before: dict[str, float | int], during: dict[str, float | int]) -> list[str]:
    first = session(MON, [rx(LIB, lift, **before)])  # type: ignore[arg-type]
    lighter = session(MON + WEEK, [rx(LIB, lift, **during)], why=("E-HEAVY", "E-DELOAD"))  # type: ignore[arg-type]
    return findings("E-DELOAD-LIGHTER", plan([first, lighter]))


def test_a_lighter_week_never_raises_the_load_per_rep() -> None:
    # the case: 4x8 at 72% then, as the reps step to 6 in the deload, 3x6 at 74%
    before: dict[str, float | int] = {"reps": 8, "pct": 0.72, "rpe": 7.5}
    assert _deload("barbell_back_squat", before, {"reps": 6, "pct": 0.72, "rpe": 5.5}) == []
    msgs = _deload("barbell_back_squat", before, {"reps": 6, "pct": 0.73, "rpe": 6})
    assert len(msgs) == 1 and "73%" in msgs[0]
    # lifts chosen by effort: the RPE may stay, never rise
    assert _deload("military_press", {"reps": 6, "rpe": 8.0}, {"reps": 6, "rpe": 8.0}) == []
    assert _deload("lat_pulldown", {"reps": 6, "rpe": 8.0}, {"reps": 6, "rpe": 8.5})


def test_a_lighter_week_is_judged_against_the_last_ordinary_week() -> None:
    ordinary = session(MON, [rx(LIB, "chin_up", rpe=7.0)])
    deload1 = session(MON + WEEK, [rx(LIB, "chin_up", rpe=5.5)], why=("E-HEAVY", "E-DELOAD"))
    deload2 = session(MON + DAYS, [rx(LIB, "chin_up", rpe=6.5)], why=("E-HEAVY", "E-DELOAD"))
    assert findings("E-DELOAD-LIGHTER", plan([ordinary, deload1, deload2], weeks=8)) == []
    deload3 = session(MON + DAYS, [rx(LIB, "chin_up", rpe=7.5)], why=("E-HEAVY", "E-DELOAD"))
    assert len(findings("E-DELOAD-LIGHTER", plan([ordinary, deload1, deload3], weeks=8))) == 1
    # a lift last done longer ago than the rule looks back is a new start, not judged
    later = session(MON + DAYS + dt.timedelta(days=1), [rx(LIB, "chin_up", rpe=7.5)], why=("E-HEAVY", "E-DELOAD"))
    assert findings("E-DELOAD-LIGHTER", plan([ordinary, later], weeks=8)) == []
    assert DAYS.days == int(RULES["E-DELOAD-LIGHTER"].params["lookback_days"])


def test_the_load_tracker_holds_a_lighter_week_at_the_last_load() -> None:
    t = LoadTracker(0.10)
    assert t.clamp("squat", 0.72) == 0.72
    assert t.clamp("squat", 0.74, lighter=True) == 0.72
    assert t.clamp("squat", 0.70, lighter=True) == 0.70
    assert t.clamp("squat", 0.76) == 0.76  # 0.76 is within 10% of 0.70: the ordinary step after the deload


NORDIC = RULES["E-NORDIC-DOSE"].params


def _nordics(*doses: tuple[int, int, float]) -> list[str]:
    days = [
        session(MON + i * WEEK, [rx(LIB, "nordic_hamstring_curl", sets=s, reps=r, rpe=e)])
        for i, (s, r, e) in enumerate(doses)
    ]
    return findings("E-NORDIC-DOSE", plan(days, weeks=len(doses) + 1))


def test_nordics_start_low() -> None:
    first = (int(NORDIC["first_sets"]), int(NORDIC["first_reps"]), float(NORDIC["first_rpe"]))
    assert _nordics(first) == []
    assert len(_nordics((first[0] + 1, first[1], first[2]))) == 1
    assert len(_nordics((first[0], first[1] + 1, first[2]))) == 1
    msgs = _nordics((first[0], first[1], first[2] + 0.5))
    assert len(msgs) == 1 and "the first time" in msgs[0]


def test_nordics_rise_half_a_point_at_a_time_and_stop_short() -> None:
    step, top = float(NORDIC["rpe_step"]), float(NORDIC["max_rpe"])
    first = (int(NORDIC["first_sets"]), int(NORDIC["first_reps"]), float(NORDIC["first_rpe"]))
    assert _nordics(first, (3, 5, first[2] + step)) == []
    assert len(_nordics(first, (3, 5, first[2] + 2 * step))) == 1
    climb = [first, *((3, 5, min(top, first[2] + step * i)) for i in range(1, 6))]
    assert _nordics(*climb) == []
    assert len(_nordics(*climb, (3, 5, top + step))) == 1
    assert len(_nordics(*climb, (int(NORDIC["max_sets"]) + 1, 5, top))) == 1
    assert len(_nordics(*climb, (3, int(NORDIC["max_reps"]) + 1, top))) == 1


def test_the_planner_holds_nordics_to_the_dose() -> None:
    from stridelift.domain.eccentric import EccentricDose, EccentricLimits

    d = EccentricDose(EccentricLimits.from_params(NORDIC))
    assert d.dose("nordic_hamstring_curl", 3, 5, 7.0) == (2, 5, 6.0)
    d.done("nordic_hamstring_curl", 6.0)
    assert d.dose("nordic_hamstring_curl", 3, 5, 8.5) == (3, 5, 6.5)
    assert d.dose("barbell_back_squat", 4, 5, 8.0) == (4, 5, 8.0)  # other lifts are not its business
