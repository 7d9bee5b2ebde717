"""Golden phase calendars: dates computed by hand from the race shapes (A marathon: race week 7,
taper 14, peak 21, build 42, recovery 14 days; A half: 7/10/21/35/10; B under 30 km: race week 5,
recovery 4) and the off-season windows (December-February north, June-August south), so a change to
any of those numbers shows up here as a date that moved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from stridelift.catalog import load_rules
from stridelift.domain.periodization import build_phases
from stridelift.domain.running import plan_runs
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete

D = dt.date
WEEK = [
    {"day": "mon", "type": "rest"},
    {"day": "tue", "type": "interval", "minutes": 60},
    {"day": "wed", "type": "easy", "minutes": 45},
    {"day": "thu", "type": "tempo", "minutes": 50},
    {"day": "fri", "type": "easy", "minutes": 40},
    {"day": "sat", "type": "long", "minutes": 120},
    {"day": "sun", "type": "easy", "minutes": 40},
]


def profile(start: str, end: str, races: list[dict[str, str]], hemisphere: str = "north") -> dict[str, Any]:
    return {
        "athlete": {"name": "Golden", "experience": "intermediate", "hemisphere": hemisphere},
        "equipment": {"available": ["dumbbells", "barbell", "bench", "band", "bosu"]},
        "availability": {"sessions_per_week_max": 3, "minutes_per_session": 60, "days": ["mon", "tue", "wed", "thu"]},
        "running": {"week": WEEK},
        "races": races,
        "plan": {"start": start, "end": end},
    }


def calendar(raw: dict[str, Any]) -> list[tuple[str, dt.date, dt.date]]:
    phases, _ = build_phases(parse_profile(raw), load_rules())
    return [(p.name, p.start, p.end) for p in phases]


CASES = {
    "north A marathon, block shortened to the build-up": (
        profile("2026-12-01", "2027-05-16", [{"date": "2027-04-18", "distance": "marathon", "priority": "A"}]),
        [
            ("offseason_strength", D(2026, 12, 1), D(2027, 1, 24)),
            ("build", D(2027, 1, 25), D(2027, 3, 7)),
            ("peak", D(2027, 3, 8), D(2027, 3, 28)),
            ("taper", D(2027, 3, 29), D(2027, 4, 11)),
            ("race_week", D(2027, 4, 12), D(2027, 4, 18)),
            ("recovery", D(2027, 4, 19), D(2027, 5, 2)),  # 14 days after a marathon
            ("base", D(2027, 5, 3), D(2027, 5, 16)),
        ],
    ),
    "south A half, block moved earlier to a full 13 weeks": (
        profile("2026-03-02", "2026-10-31", [{"date": "2026-10-18", "distance": "half", "priority": "A"}], "south"),
        [
            ("base", D(2026, 3, 2), D(2026, 5, 7)),
            ("offseason_strength", D(2026, 5, 8), D(2026, 8, 6)),
            ("build", D(2026, 8, 7), D(2026, 9, 10)),
            ("peak", D(2026, 9, 11), D(2026, 10, 1)),
            ("taper", D(2026, 10, 2), D(2026, 10, 11)),
            ("race_week", D(2026, 10, 12), D(2026, 10, 18)),
            ("recovery", D(2026, 10, 19), D(2026, 10, 28)),
            ("base", D(2026, 10, 29), D(2026, 10, 31)),
        ],
    ),
    "B half inside an A marathon's peak: the two-day peak sliver joins the build": (
        profile(
            "2026-12-01",
            "2027-05-02",
            [
                {"date": "2027-03-14", "distance": "half", "priority": "B"},
                {"date": "2027-04-18", "distance": "marathon", "priority": "A"},
            ],
        ),
        [
            ("offseason_strength", D(2026, 12, 1), D(2027, 1, 24)),
            ("build", D(2027, 1, 25), D(2027, 3, 9)),
            ("race_week", D(2027, 3, 10), D(2027, 3, 14)),
            ("recovery", D(2027, 3, 15), D(2027, 3, 18)),  # 4 days after a B half (E-RACE-RECOVERY by priority)
            ("peak", D(2027, 3, 19), D(2027, 3, 28)),
            ("taper", D(2027, 3, 29), D(2027, 4, 11)),
            ("race_week", D(2027, 4, 12), D(2027, 4, 18)),
            ("recovery", D(2027, 4, 19), D(2027, 5, 2)),
        ],
    ),
    "A 10k: race week 7, taper 7, peak 14, build 28, recovery 7 days": (
        profile("2027-03-01", "2027-06-30", [{"date": "2027-06-06", "distance": "10k", "priority": "A"}]),
        [
            ("base", D(2027, 3, 1), D(2027, 4, 11)),
            ("build", D(2027, 4, 12), D(2027, 5, 9)),
            ("peak", D(2027, 5, 10), D(2027, 5, 23)),
            ("taper", D(2027, 5, 24), D(2027, 5, 30)),
            ("race_week", D(2027, 5, 31), D(2027, 6, 6)),
            ("recovery", D(2027, 6, 7), D(2027, 6, 13)),
            ("base", D(2027, 6, 14), D(2027, 6, 30)),
        ],
    ),
    "plan starting inside the taper ten days out": (
        profile("2027-04-08", "2027-05-09", [{"date": "2027-04-18", "distance": "marathon", "priority": "A"}]),
        [
            ("taper", D(2027, 4, 8), D(2027, 4, 11)),
            ("race_week", D(2027, 4, 12), D(2027, 4, 18)),
            ("recovery", D(2027, 4, 19), D(2027, 5, 2)),
            ("base", D(2027, 5, 3), D(2027, 5, 9)),
        ],
    ),
    "north, no races: the whole December-February window": (
        profile("2026-11-02", "2027-04-25", []),
        [
            ("base", D(2026, 11, 2), D(2026, 11, 30)),
            ("offseason_strength", D(2026, 12, 1), D(2027, 2, 28)),
            ("base", D(2027, 3, 1), D(2027, 4, 25)),
        ],
    ),
    "south, no races: the whole June-August window": (
        profile("2026-04-06", "2026-10-25", [], "south"),
        [
            ("base", D(2026, 4, 6), D(2026, 5, 31)),
            ("offseason_strength", D(2026, 6, 1), D(2026, 8, 31)),
            ("base", D(2026, 9, 1), D(2026, 10, 25)),
        ],
    ),
    "B half: a five-day mini-taper and the four days of recovery the runs keep": (
        profile("2027-03-01", "2027-04-30", [{"date": "2027-03-28", "distance": "half", "priority": "B"}]),
        [
            ("base", D(2027, 3, 1), D(2027, 3, 23)),
            ("race_week", D(2027, 3, 24), D(2027, 3, 28)),
            ("recovery", D(2027, 3, 29), D(2027, 4, 1)),  # half of an A half's 7 (E-RACE-RECOVERY)
            ("base", D(2027, 4, 2), D(2027, 4, 30)),
        ],
    ),
    "C 10k: a three-day race week and three days of recovery": (
        profile("2027-03-01", "2027-04-30", [{"date": "2027-03-28", "distance": "10k", "priority": "C"}]),
        [
            ("base", D(2027, 3, 1), D(2027, 3, 25)),
            ("race_week", D(2027, 3, 26), D(2027, 3, 28)),
            ("recovery", D(2027, 3, 29), D(2027, 3, 31)),
            ("base", D(2027, 4, 1), D(2027, 4, 30)),
        ],
    ),
    "two C races 42 days apart: in-season between them": (
        profile(
            "2027-05-31",
            "2027-07-25",
            [
                {"date": "2027-06-06", "distance": "10k", "priority": "C"},
                {"date": "2027-07-18", "distance": "10k", "priority": "C"},
            ],
        ),
        [
            ("base", D(2027, 5, 31), D(2027, 6, 3)),
            ("race_week", D(2027, 6, 4), D(2027, 6, 6)),
            ("recovery", D(2027, 6, 7), D(2027, 6, 9)),
            ("in_season", D(2027, 6, 10), D(2027, 7, 15)),
            ("race_week", D(2027, 7, 16), D(2027, 7, 18)),
            ("recovery", D(2027, 7, 19), D(2027, 7, 21)),
            ("base", D(2027, 7, 22), D(2027, 7, 25)),
        ],
    ),
    "two C races 43 days apart: base between them": (
        profile(
            "2027-05-31",
            "2027-07-25",
            [
                {"date": "2027-06-06", "distance": "10k", "priority": "C"},
                {"date": "2027-07-19", "distance": "10k", "priority": "C"},
            ],
        ),
        [
            ("base", D(2027, 5, 31), D(2027, 6, 3)),
            ("race_week", D(2027, 6, 4), D(2027, 6, 6)),
            ("recovery", D(2027, 6, 7), D(2027, 6, 9)),
            ("base", D(2027, 6, 10), D(2027, 7, 16)),
            ("race_week", D(2027, 7, 17), D(2027, 7, 19)),
            ("recovery", D(2027, 7, 20), D(2027, 7, 22)),
            ("base", D(2027, 7, 23), D(2027, 7, 25)),
        ],
    ),
    "B marathon: the seven days of recovery the runs keep, and the three-day sliver after them": (
        profile("2027-03-01", "2027-04-30", [{"date": "2027-03-28", "distance": "marathon", "priority": "B"}]),
        [
            ("base", D(2027, 3, 1), D(2027, 3, 23)),
            ("race_week", D(2027, 3, 24), D(2027, 3, 28)),
            ("recovery", D(2027, 3, 29), D(2027, 4, 7)),  # 7 days (half an A marathon's) + Mon-Wed sliver
            ("base", D(2027, 4, 8), D(2027, 4, 30)),
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_phase_calendar(name: str) -> None:
    raw, expected = CASES[name]
    assert calendar(raw) == expected


def test_deload_every_fourth_week_of_the_heavy_block() -> None:
    """Off-season block from Monday 30 Nov 2026 (its first dominant week): weeks 4, 8 and 12 deload."""
    plan = plan_athlete(parse_profile(profile("2026-11-30", "2027-03-28", [])))
    deload_weeks = {D(2026, 12, 21), D(2027, 1, 18), D(2027, 2, 15)}
    heavy = [s for s in plan.sessions if s.format == "straight_sets"]
    assert heavy
    for s in heavy:
        monday = s.date - dt.timedelta(days=s.date.weekday())
        assert ("E-DELOAD" in s.why) == (monday in deload_weeks), s.date


def test_runs_around_an_a_marathon() -> None:
    """Hand-written race week, eve and 14 recovery days for a Sunday A marathon (18 Apr 2027)."""
    athlete = parse_profile(
        profile("2027-03-01", "2027-05-16", [{"date": "2027-04-18", "distance": "marathon", "priority": "A"}])
    )
    rules = load_rules()
    phases, _ = build_phases(athlete, rules)
    phase_of = {p.start + dt.timedelta(days=i): p.name for p in phases for i in range(p.days)}
    runs = {d: [(r.type, r.minutes) for r in dr.runs] for d, dr in plan_runs(athlete, phase_of, rules).items()}
    # the long run builds from the usual 120 to the marathon's 150 (R-LONG-BUILD: 135, 150, a 120 cutback,
    # 150 on 27 Mar, 22 days out), and the taper steps down from that peak
    assert [runs[D(2027, 3, 6) + dt.timedelta(days=7 * k)] for k in range(4)] == [
        [("long", m)] for m in (135, 150, 120, 150)
    ]
    # taper (29 Mar - 11 Apr) in steps, rounded down to 5 minutes: 15-21 days out 80% (long 150 -> 120,
    # interval 60 -> 45, tempo 50 -> 40), 8-14 days out 60% (90, 35, 30), 7 days out 45%
    assert runs[D(2027, 4, 3)] == [("long", 120)]
    assert runs[D(2027, 3, 30)] == [("interval", 45)]
    assert runs[D(2027, 4, 1)] == [("tempo", 40)]
    assert runs[D(2027, 4, 10)] == [("long", 90)]
    assert runs[D(2027, 4, 6)] == [("interval", 35)]
    assert runs[D(2027, 4, 8)] == [("tempo", 30)]
    # race week: one light quality session (Tue, 60% of 60), Thursday's tempo easy, no long run
    assert runs[D(2027, 4, 13)] == [("interval", 35)]
    assert runs[D(2027, 4, 15)] == [("easy", 40)]
    assert runs[D(2027, 4, 17)] == [("easy", 30)]  # the eve: short and easy (the long run's Saturday)
    assert runs[D(2027, 4, 18)] == [("race", 253)]
    for k in range(1, 4):  # days 1-3 after a marathon: rest or walking, no run
        assert runs[D(2027, 4, 18) + dt.timedelta(days=k)] == [], k
    for k in range(4, 15):  # 14 days without quality
        assert all(t == "easy" for t, _ in runs[D(2027, 4, 18) + dt.timedelta(days=k)]), k
    # the return after the recovery (3 May on), in base with no race ahead: week 1 at 60% of the usual,
    # week 2 at 70%; the week's one quality session is short hills (45 minutes at most in base)
    assert runs[D(2027, 5, 4)] == [("hills", 25)]
    assert runs[D(2027, 5, 6)] == [("easy", 50)]  # Thursday's tempo: easy base running
    assert runs[D(2027, 5, 8)] == [("long", 70)]
    assert runs[D(2027, 5, 11)] == [("hills", 30)]
    assert runs[D(2027, 5, 15)] == [("long", 80)]
    assert runs[D(2027, 5, 5)] == [("easy", 45)]  # easy runs are not capped
    assert runs[D(2027, 4, 22)] == [("easy", 30)]  # day 4: the first run, 30 easy minutes (Thursday's tempo)
    assert runs[D(2027, 4, 24)] == [("easy", 30)]  # day 6: the long run too
    assert runs[D(2027, 4, 25)] == [("easy", 30)]  # day 7: the first half of the recovery ends here
    assert runs[D(2027, 4, 27)] == [("easy", 40)]  # day 9: a little longer (Tuesday's intervals)
    assert runs[D(2027, 5, 1)] == [("easy", 40)]  # day 13: the long run, still easy and capped at 40


def test_runs_after_a_10k_recover_three_days() -> None:
    athlete = parse_profile(
        profile(
            "2027-03-01",
            "2027-04-30",
            [
                {"date": "2027-03-21", "distance": "10k", "priority": "C"},
                {"date": "2027-04-25", "distance": "10k", "priority": "C"},  # so the season week goes on
            ],
        )
    )
    rules = load_rules()
    phases, _ = build_phases(athlete, rules)
    phase_of = {p.start + dt.timedelta(days=i): p.name for p in phases for i in range(p.days)}
    runs = {d: [r.type for r in dr.runs] for d, dr in plan_runs(athlete, phase_of, rules).items()}
    assert runs[D(2027, 3, 23)] == ["easy"]  # Tuesday, day 2: the interval becomes easy
    assert runs[D(2027, 3, 25)] == ["tempo"]  # Thursday, day 4: quality is back
    assert runs[D(2027, 3, 20)] == ["easy"]  # the eve of the race: the long run becomes short and easy
    monday_race = parse_profile(
        profile("2027-03-01", "2027-04-30", [{"date": "2027-03-22", "distance": "10k", "priority": "C"}])
    )
    after = plan_runs(monday_race, phase_of, rules)
    assert [r.type for r in after[D(2027, 3, 23)].runs] == ["easy"]  # no forced rest after a 10k


def test_offseason_runs_are_base_running() -> None:
    athlete = parse_profile(profile("2026-11-30", "2027-03-28", []))
    rules = load_rules()
    phases, _ = build_phases(athlete, rules)
    phase_of = {p.start + dt.timedelta(days=i): p.name for p in phases for i in range(p.days)}
    runs = plan_runs(athlete, phase_of, rules)
    week = [D(2026, 12, 7) + dt.timedelta(days=i) for i in range(7)]
    got = [(r.type, r.minutes) for d in week for r in runs[d].runs]
    assert got == [("hills", 45), ("easy", 45), ("easy", 50), ("easy", 40), ("long", 90), ("easy", 40)]
    march = [(r.type, r.minutes) for r in runs[D(2027, 3, 2)].runs]
    assert march == [("hills", 45)]  # no race ahead: base running after the block too


def test_no_doubles_in_race_week() -> None:
    raw = profile("2027-03-01", "2027-04-30", [{"date": "2027-04-18", "distance": "marathon", "priority": "A"}])
    raw["running"] = {"week": [*WEEK[:3], {"day": "wed", "type": "easy", "minutes": 30, "slot": "pm"}, *WEEK[3:]]}
    athlete = parse_profile(raw)
    rules = load_rules()
    phases, _ = build_phases(athlete, rules)
    phase_of = {p.start + dt.timedelta(days=i): p.name for p in phases for i in range(p.days)}
    runs = plan_runs(athlete, phase_of, rules)
    assert len(runs[D(2027, 4, 7)].runs) == 2  # a Wednesday in the taper keeps its double
    assert [(r.type, r.slot) for r in runs[D(2027, 4, 14)].runs] == [("easy", "am")]  # race week: one run


def test_the_day_after_a_half_is_rest_even_on_the_eve_of_another_race() -> None:
    races = [
        {"date": "2027-03-21", "distance": "half", "priority": "B"},
        {"date": "2027-03-23", "distance": "5k", "priority": "C"},
    ]
    athlete = parse_profile(profile("2027-03-01", "2027-04-30", races))
    rules = load_rules()
    phases, _ = build_phases(athlete, rules)
    phase_of = {p.start + dt.timedelta(days=i): p.name for p in phases for i in range(p.days)}
    runs = plan_runs(athlete, phase_of, rules)
    assert runs[D(2027, 3, 22)].runs == ()


def test_a_novice_is_late_below_eight_weeks_before_the_a_race() -> None:
    from stridelift.domain.periodization import novice_late_until

    def late(days_out: int) -> dt.date | None:
        race = (D(2027, 3, 1) + dt.timedelta(days=days_out)).isoformat()
        raw = profile("2027-03-01", "2027-07-30", [{"date": race, "distance": "half", "priority": "A"}])
        raw["athlete"]["experience"] = "novice"
        return novice_late_until(parse_profile(raw), load_rules())

    assert late(55) == D(2027, 3, 1) + dt.timedelta(days=55 + 7)  # the race plus a half's 7 recovery days
    assert late(56) is None


def test_no_quality_in_the_last_two_days_before_a_race() -> None:
    athlete = parse_profile(
        profile("2027-03-01", "2027-05-30", [{"date": "2027-04-15", "distance": "half", "priority": "A"}])
    )
    rules = load_rules()
    phases, _ = build_phases(athlete, rules)
    phase_of = {p.start + dt.timedelta(days=i): p.name for p in phases for i in range(p.days)}
    runs = plan_runs(athlete, phase_of, rules)
    assert [(r.type, r.minutes) for r in runs[D(2027, 4, 13)].runs] == [("easy", 40)]  # Tuesday, two days out
    assert [(r.type, r.minutes) for r in runs[D(2027, 4, 10)].runs] == [("easy", 60)]  # Saturday's long run, halved
