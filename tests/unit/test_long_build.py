"""R-LONG-BUILD: the long run builds toward an A race's distance (coach review: a first marathon planned
off the usual 100-minute long run, its 'peak' 22 days out 100 minutes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from stridelift.catalog import load_rules
from stridelift.domain.long_build import no_cutback, peak_target, sequence, shortfalls
from stridelift.services import plan_profile

ROOT = Path(__file__).resolve().parents[2]
PARAMS = load_rules()["R-LONG-BUILD"].params
D = dt.date
MON = D(2027, 1, 4)


def test_the_build_rises_about_ten_percent_a_week_with_a_cutback_after_three() -> None:
    assert peak_target(42.195, PARAMS) == 150 and peak_target(21.0975, PARAMS) == 100 and peak_target(10, PARAMS) == 0
    assert sequence(100, 150, PARAMS) == [110, 120, 130, 100, 140, 150, 120, 150]
    assert sequence(150, 150, PARAMS) == []


def _weeks(longs: list[int]) -> list[tuple[dt.date, str, int]]:
    return [(MON + dt.timedelta(days=7 * k + 5), "long", m) for k, m in enumerate(longs)]


def test_four_rising_weeks_without_a_cutback_break_it_three_do_not() -> None:
    end = MON + dt.timedelta(days=7 * 8)
    assert no_cutback(_weeks([100, 110, 120, 130, 100, 140]), 100, MON, end, PARAMS) == []
    assert no_cutback(_weeks([100, 110, 120, 130, 130, 100]), 100, MON, end, PARAMS) == [(MON + dt.timedelta(28), 4)]


def test_a_build_just_under_ninety_percent_of_the_peak_falls_short() -> None:
    race = MON + dt.timedelta(days=100)
    runs = [(race - dt.timedelta(days=30), "long", 135)]
    assert shortfalls(runs, [(race, 42.195, "A")], MON, PARAMS) == []
    runs = [(race - dt.timedelta(days=30), "long", 130)]
    assert shortfalls(runs, [(race, 42.195, "A")], MON, PARAMS) == [(race, 130, 150)]
    assert shortfalls(runs, [(race, 42.195, "B")], MON, PARAMS) == []  # only an A race asks for the build
    assert shortfalls(runs, [(race, 42.195, "A")], race - dt.timedelta(days=83), PARAMS) == []  # a late plan


def test_a_first_marathon_builds_from_the_usual_100_minutes_and_peaks_three_weeks_out() -> None:
    result = plan_profile(ROOT / "tests" / "stress_profiles" / "novice_machines_plantar_south.toml")
    race = D(2027, 9, 12)
    longs = {r.date: r.minutes for r in result.plan.runs if r.type == "long"}
    build = [m for d, m in longs.items() if 22 <= (race - d).days <= 84]
    assert max(build) == 150
    assert max(m for d, m in longs.items() if 22 <= (race - d).days <= 28) == 150  # the last longest run
    assert [m for d, m in sorted(longs.items()) if 8 <= (race - d).days <= 21] == [120, 90]  # taper from it
    assert not [w for w in result.plan.warnings if w.code == "LONG_BUILD_SHORT"]
    assert not [f for f in result.findings if f.rule == "R-LONG-BUILD"]


def test_an_injury_cap_that_keeps_the_build_short_is_said_in_a_warning(tmp_path: Path) -> None:
    """Shin splints flaring thirteen weeks before the marathon: the long run comes back in stages and the
    build reaches 120 minutes; the plan says so, and the finding is explained. (Fourteen weeks out, the B
    half's shorter recovery, E-RACE-RECOVERY by priority, now leaves room for a 135-minute build.)"""
    text = (ROOT / "tests" / "stress_profiles" / "novice_machines_plantar_south.toml").read_text()
    text = text.replace('area = "plantar_fascia"', 'area = "shin"').replace('"2027-03-01"', '"2027-06-14"')
    (tmp_path / "shin.toml").write_text(text)
    result = plan_profile(tmp_path / "shin.toml")
    [w] = [w for w in result.plan.warnings if w.code == "LONG_BUILD_SHORT"]
    assert "shin splints" in w.message and w.rule == "R-LONG-BUILD"
    ours = [f for f in result.findings if f.rule == "R-LONG-BUILD"]
    assert ours and all(f.explained for f in ours)


def test_a_b_marathon_four_weeks_before_the_a_ultra_is_run_as_its_last_long_run() -> None:
    """b2b_ultra_hamstring: the B marathon on 5 Sep, 28 days before the A 80 km, is the ultra's last long run
    at controlled effort (R-B-TAPER `long_run_race`): the weekend before keeps 180 and 120 minutes (was a
    9-day mini-taper, 105 and 70), the race note says how to run it, no return steps follow its 7 days, and
    R-B-RACE-PEAK counts it as a long run. Without the note, one long run of 90% of the 180-minute long runs
    before them (162) is enough, 161 is not (soft, R-B-RACE-PEAK)."""
    import dataclasses

    from stridelift.catalog import load_library, load_templates
    from stridelift.domain.checker import check_plan

    result = plan_profile(ROOT / "tests" / "stress_profiles" / "b2b_ultra_hamstring.toml")
    assert not [f for f in result.findings if f.rule in ("R-B-RACE-PEAK", "R-B-TAPER")]
    plan = result.plan
    longs = {r.date: r.minutes for r in plan.runs if r.type == "long"}
    assert (longs[D(2027, 8, 28)], longs[D(2027, 8, 29)]) == (180, 120)
    [k] = [k for k, r in enumerate(plan.runs) if r.date == D(2027, 9, 5) and r.type == "race"]
    assert "last long run for the A race on 03 Oct" in plan.runs[k].note and "long-run effort" in plan.runs[k].note
    assert not [r for r in plan.runs if D(2027, 9, 13) <= r.date <= D(2027, 9, 15) and "back after the race" in r.note]
    [i] = [i for i, r in enumerate(plan.runs) if r.date == D(2027, 8, 28) and r.type == "long"]
    for minutes, found in ((161, True), (162, False)):
        runs = list(plan.runs)
        runs[i] = dataclasses.replace(runs[i], minutes=minutes)
        runs[k] = dataclasses.replace(runs[k], note="B race, 42.195 km")  # raced, not run as a long run
        findings, _ = check_plan(
            dataclasses.replace(plan, runs=runs),
            rules=load_rules(),
            library=load_library(),
            templates=load_templates(),
            athlete=result.athlete,
        )
        assert bool([f for f in findings if f.rule == "R-B-RACE-PEAK"]) is found, minutes


def test_an_off_season_cap_that_flattens_the_build_gets_its_cutback_week() -> None:
    """Found by the random property run: the off-season block capped the ultra build's first weeks at 90
    minutes, so its own cutback (95) became a rise and four weeks rose in a row (95, 115, 130, 145)."""
    from stridelift.catalog import load_library, load_templates
    from stridelift.domain.checker import check_plan
    from stridelift.profile import parse_profile
    from stridelift.services import plan_athlete

    week = [("mon", "rest", 30), ("tue", "easy", 105), ("wed", "easy", 133), ("thu", "hills", 149)]
    week += [("fri", "tempo", 119), ("sat", "easy", 56), ("sun", "long", 93)]
    raw = {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "north"},
        "equipment": {"available": ["trap_bar"]},
        "availability": {"sessions_per_week_max": 2, "minutes_per_session": 88, "days": ["mon", "tue"]},
        "running": {"week": [{"day": d, "type": t, "minutes": m} for d, t, m in week]},
        "races": [
            {"date": "2027-07-15", "distance": "marathon", "priority": "A"},
            {"date": "2027-08-16", "distance": 15, "priority": "A"},
            {"date": "2027-10-13", "distance": "marathon", "priority": "A"},
            {"date": "2028-04-28", "distance": "ultra", "priority": "A"},
        ],
        "plan": {"start": "2027-06-21", "end": "2028-05-28"},
    }
    athlete = parse_profile(raw)
    plan = plan_athlete(athlete)
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert not [f for f in findings if f.rule == "R-LONG-BUILD"]
    assert any("cutback week" in r.note for r in plan.runs if r.type == "long")


def test_an_ultra_nine_days_after_an_a_marathon_says_its_build_went_to_the_marathon() -> None:
    """Drawn by the random property test: an A marathon, then an A 60 km nine days later. The long runs built
    toward the marathon (150 minutes); the 60 km asks for about 180, and its build days are the marathon's
    (build_days). The plan says so, dated where the checker dates the shortfall; an ultra alone says nothing."""
    from stridelift.domain.long_build import shortfall_warnings

    marathon, ultra = MON + dt.timedelta(days=100), MON + dt.timedelta(days=109)
    runs = [(marathon - dt.timedelta(days=23), "long", 150, "long-run build toward the A race")]
    both = [(marathon, 42.195, "A"), (ultra, 60.0, "A")]
    said = shortfall_warnings(runs, both, MON, (60, 0), PARAMS)
    assert [d for d, _ in said] == [ultra - dt.timedelta(days=int(PARAMS["peak_days"][0]))]
    assert f"the A race on {marathon:%d %b %Y}" in said[0][1]
    # the marathon's own build reached its peak; a 60 km alone, short for no reason the plan knows, is not excused
    assert shortfall_warnings(runs, [(ultra, 60.0, "A")], MON, (60, 0), PARAMS) == []
    # an A race before the build's weeks (more than lookback_days out) took nothing
    early = [(ultra - dt.timedelta(days=int(PARAMS["lookback_days"]) + 1), 42.195, "A"), (ultra, 60.0, "A")]
    assert [m for _, m in shortfall_warnings(runs, early, MON, (60, 0), PARAMS) if "went to" in m] == []
