"""The Markdown and ICS exporters, checked on a small hand-built plan."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from stridelift.domain.plan import (
    DISCLAIMER,
    BalanceSnack,
    Intensity,
    Phase,
    Plan,
    Prescription,
    RunEntry,
    Session,
    Warning,
)
from stridelift.domain.vocab import Block, Region
from stridelift.exporters.ics import to_ics
from stridelift.exporters.markdown import to_markdown

D = dt.date


def rx(
    id: str,
    name: str,
    block: Block,
    order: int,
    *,
    region: Region = "lower",
    sets: int = 3,
    reps: int | None = 20,
    duration_s: int | None = None,
    rest_s: int = 30,
    intensity: Intensity | None = None,
    cues: tuple[str, ...] = (),
    note: str = "",
) -> Prescription:
    return Prescription(
        id=id,
        name=name,
        block=block,
        order=order,
        region=region,
        core_target="abs" if block == "core" else None,
        muscles=("quadriceps",) if region == "lower" else ("abs",),
        equipment=(),
        balance=block == "balance",
        unilateral=False,
        planes=("sagittal",),
        sets=sets,
        reps=reps,
        duration_s=duration_s,
        rest_s=rest_s,
        intensity=intensity or Intensity(),
        cues=cues,
        note=note,
    )


CIRCUIT_NAMES = [
    "Walking lunge",
    "Goblet squat",
    "Step-up",
    "Glute bridge",
    "Calf raise",
    "Push-up",
    "Bent-over row",
    "Overhead press",
]


def circuit_session() -> Session:
    stations = tuple(
        rx(
            name.lower().replace(" ", "_").replace("-", "_"),
            name,
            "circuit",
            i + 1,
            region="lower" if i < 5 else "upper",
            intensity=Intensity(rpe=6),
            cues=(f"{name} cue one", f"{name} cue two"),
        )
        for i, name in enumerate(CIRCUIT_NAMES)
    )
    core = (
        rx("dead_bug", "Dead bug", "core", 9, region="core", sets=2, reps=10, rest_s=20),
        rx("bird_dog", "Bird dog", "core", 10, region="core", sets=2, reps=8, rest_s=20),
    )
    return Session(
        date=D(2026, 12, 2),
        slot="pm",
        phase="offseason_strength",
        format="circuit",
        minutes=45,
        why=("S1-CIRCUIT", "S1-CIRCUIT-VARIATION"),
        exercises=(*core, *stations),  # deliberately out of order: exporters sort by `order`
        variation="A",
        notes=("Keep the 30 s rest honest | no longer",),
    )


def heavy_session() -> Session:
    return Session(
        date=D(2026, 12, 5),
        slot="am",
        phase="offseason_strength",
        format="straight_sets",
        minutes=50,
        why=("H1-HEAVY",),
        exercises=(
            rx("leg_swing", "Leg swing", "warmup", 1, sets=1, reps=10, rest_s=0),
            rx(
                "back_squat",
                "Back squat",
                "strength",
                2,
                sets=4,
                reps=5,
                rest_s=180,
                intensity=Intensity(pct_1rm=0.8),
                note="bar | box",
            ),
            rx("step_down", "Step-down", "strength", 3, sets=3, reps=8, rest_s=90, intensity=Intensity(rpe=7)),
        ),
        heavy_lower=True,
    )


def core_session() -> Session:
    return Session(
        date=D(2026, 12, 9),
        slot="any",
        phase="base",
        format="core_balance",
        minutes=30,
        why=("C1-CORE", "B1-BALANCE"),
        exercises=(
            rx("front_plank", "Front plank", "core", 1, region="core", reps=None, duration_s=40),
            rx("side_plank", "Side plank", "core", 2, region="core", reps=None, duration_s=30),
            rx(
                "single_leg_stand",
                "Single-leg stand",
                "balance",
                3,
                sets=2,
                reps=None,
                duration_s=45,
                rest_s=15,
            ),
        ),
    )


@pytest.fixture
def plan() -> Plan:
    return Plan(
        athlete_name="Ana",
        experience="novice",
        hemisphere="north",
        start=D(2026, 12, 1),
        end=D(2026, 12, 13),
        phases=[
            Phase("offseason_strength", D(2026, 12, 1), D(2026, 12, 6), "Build a strength base"),
            Phase("base", D(2026, 12, 7), D(2026, 12, 13), "Circuits and core"),
        ],
        runs=[
            RunEntry(D(2026, 12, 1), "interval", 60, "am"),
            RunEntry(D(2026, 12, 2), "easy", 45, "am"),
            RunEntry(D(2026, 12, 5), "long", 120, "pm"),
            RunEntry(D(2026, 12, 9), "easy", 30, "am"),
            RunEntry(D(2026, 12, 9), "tempo", 40, "pm"),
            RunEntry(D(2026, 12, 13), "race", 50, "am", race_priority="B"),
        ],
        sessions=[circuit_session(), heavy_session(), core_session()],
        warnings=[
            Warning("INJURY_HIP_FLEXOR", "Hip flexor flaring: no lunges", D(2026, 12, 2), "I1-HIP"),
            Warning("NO_DATE", "A general note"),
        ],
        balance_snacks=[BalanceSnack("single_leg_stand", "Single-leg stand", 60, "while on the phone")],
        notes=["Plan note one"],
    )


# --- Markdown ---------------------------------------------------------------------------------


def md(plan: Plan) -> str:
    return to_markdown(plan).decode("utf-8")


def test_markdown_title_disclaimer_and_overview(plan: Plan) -> None:
    text = md(plan)
    first = text.splitlines()[0]
    assert first.startswith("# ") and "Ana" in first
    assert "Tue 1 Dec 2026" in first and "Sun 13 Dec 2026" in first
    assert f"> {DISCLAIMER}" in text
    assert text.index(DISCLAIMER) < text.index("## Season overview")
    assert "| Off-season strength | Tue 1 Dec 2026 – Sun 6 Dec 2026 | 0.9 | Build a strength base |" in text
    assert "| Base | Mon 7 Dec 2026 – Sun 13 Dec 2026 | 1 | Circuits and core |" in text


def test_markdown_warnings(plan: Plan) -> None:
    text = md(plan)
    # in words, one line per kind of warning, with its dates
    assert "- **Injury hip flexor** — Wed 2 Dec 2026: Hip flexor flaring: no lunges" in text
    assert "- **No date**: A general note" in text
    assert "INJURY_HIP_FLEXOR" not in text


def test_markdown_weeks_are_monday_based_with_day_tables(plan: Plan) -> None:
    text = md(plan)
    assert "## Week 1 — Mon 30 Nov 2026" in text
    assert "## Week 2 — Mon 7 Dec 2026" in text
    assert "## Week 3" not in text
    assert "| Wed 2 Dec | easy 45 min (am) | circuit (variation A) 45 min (pm) |" in text
    assert "| Wed 9 Dec | easy 30 min (am) + tempo 40 min (pm) | core & balance 30 min (any) |" in text
    assert "| Sun 13 Dec | race (B) 50 min (am) | — |" in text
    # Days outside the plan are not listed.
    assert "| Mon 30 Nov |" not in text
    week1 = text[text.index("## Week 1") : text.index("## Week 2")]
    assert "Phase: Off-season strength" in week1


def test_markdown_every_session_has_date_and_why(plan: Plan) -> None:
    text = md(plan)
    headings = re.findall(r"^### (.*)$", text, flags=re.M)
    assert len(headings) == 3
    assert headings[0].startswith("Wed 2 Dec 2026") and "pm" in headings[0] and "45 min" in headings[0]
    assert headings[1].startswith("Sat 5 Dec 2026") and "straight sets" in headings[1]
    assert headings[2].startswith("Wed 9 Dec 2026") and "any" in headings[2]
    assert "Why: S1-CIRCUIT, S1-CIRCUIT-VARIATION" in text
    assert "Why: H1-HEAVY" in text
    assert "Why: C1-CORE, B1-BALANCE" in text


def test_markdown_exercises_in_order_grouped_by_block(plan: Plan) -> None:
    text = md(plan)
    circuit = text[text.index("### Wed 2 Dec 2026") : text.index("### Sat 5 Dec 2026")]
    positions = [circuit.index(f"| {name} |") for name in [*CIRCUIT_NAMES, "Dead bug", "Bird dog"]]
    assert positions == sorted(positions)
    assert circuit.index("**Circuit**") < circuit.index("**Core**")
    assert "| 1 | Walking lunge | 3 × 20 | 0:30 | RPE 6 |  |" in circuit
    assert "| 9 | Dead bug | 2 × 10 | 0:20 | bodyweight |  |" in circuit
    # First cue of each exercise in the session; all of them once, in the exercise guide.
    assert "- **Walking lunge**: Walking lunge cue one (more in the exercise guide)" in circuit
    assert "cue two" not in circuit
    guide = text[text.index("## Exercise guide") :]
    assert "**Walking lunge**\n\n- Walking lunge cue one\n- Walking lunge cue two" in guide


def test_markdown_durations_and_intensities(plan: Plan) -> None:
    text = md(plan)
    assert "| 1 | Front plank | 3 × 40 s | 0:30 | bodyweight |  |" in text
    assert "| 3 | Single-leg stand | 2 × 45 s | 0:15 | bodyweight |  |" in text
    assert "| 2 | Back squat | 4 × 5 | 3:00 | 80% 1RM | bar \\| box |" in text
    assert "| 3 | Step-down | 3 × 8 | 1:30 | RPE 7 |  |" in text


def test_markdown_escapes_pipes_in_cells(plan: Plan) -> None:
    text = md(plan)
    for line in text.splitlines():
        if line.startswith("|") and "Back squat" in line:
            # Six columns: an unescaped pipe in the note would make seven.
            assert len(re.split(r"(?<!\\)\|", line)) == 8
            break
    else:
        pytest.fail("no Back squat row")
    # Session notes are a list, not a table, so they keep their pipe.
    assert "- Keep the 30 s rest honest | no longer" in text


def test_markdown_snacks_notes_and_determinism(plan: Plan) -> None:
    text = md(plan)
    assert "## Balance snacks" in text
    assert "- **Single-leg stand** — 60 s, while on the phone" in text
    assert "## Notes" in text and "- Plan note one" in text
    assert to_markdown(plan) == to_markdown(plan)


# --- ICS --------------------------------------------------------------------------------------


def events(data: bytes) -> list[Calendar]:
    cal = Calendar.from_ical(data)
    return list(cal.walk("VEVENT"))


def test_ics_calendar_header(plan: Plan) -> None:
    cal = Calendar.from_ical(to_ics(plan))
    assert str(cal["PRODID"]) == "-//stridelift//plan//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-CALNAME"]) == "stridelift — Ana"


def test_ics_one_event_per_session_with_floating_times(plan: Plan) -> None:
    evs = events(to_ics(plan))
    assert len(evs) == len(plan.sessions)
    times = {(ev.decoded("DTSTART"), ev.decoded("DTEND")) for ev in evs}
    assert times == {
        (dt.datetime(2026, 12, 2, 18, 0), dt.datetime(2026, 12, 2, 18, 45)),
        (dt.datetime(2026, 12, 5, 7, 0), dt.datetime(2026, 12, 5, 7, 50)),
        (dt.datetime(2026, 12, 9, 12, 0), dt.datetime(2026, 12, 9, 12, 30)),
    }
    assert all(ev.decoded("DTSTART").tzinfo is None for ev in evs)
    assert b"TZID" not in to_ics(plan)


def test_ics_with_timezone(plan: Plan) -> None:
    data = to_ics(plan, tz="Europe/Madrid")
    assert b"DTSTART;TZID=Europe/Madrid:20261202T180000" in data
    assert b"BEGIN:VTIMEZONE" in data
    madrid = ZoneInfo("Europe/Madrid")
    for ev in events(data):
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert start.tzinfo is not None and end.tzinfo is not None
        assert start.utcoffset() == dt.timedelta(hours=1)  # CET in December
    starts = sorted(ev.decoded("DTSTART") for ev in events(data))
    assert starts[0] == dt.datetime(2026, 12, 2, 18, 0, tzinfo=madrid)
    assert starts[0].astimezone(dt.UTC) == dt.datetime(2026, 12, 2, 17, 0, tzinfo=dt.UTC)


def test_ics_unknown_timezone_is_a_value_error(plan: Plan) -> None:
    with pytest.raises(ValueError, match="Mars/Olympus"):
        to_ics(plan, tz="Mars/Olympus")


def test_ics_summary_description_categories(plan: Plan) -> None:
    by_date = {ev.decoded("DTSTART").date(): ev for ev in events(to_ics(plan))}
    circuit = by_date[D(2026, 12, 2)]
    assert str(circuit["SUMMARY"]) == "Strength: circuit (variation A) — 45 min"
    assert [str(c) for c in circuit["CATEGORIES"].cats] == ["Off-season strength"]
    assert [str(c) for c in by_date[D(2026, 12, 9)]["CATEGORIES"].cats] == ["Base"]
    for session in plan.sessions:
        desc = str(by_date[session.date]["DESCRIPTION"])
        for p in session.exercises:
            assert p.name in desc
        assert "Why: " + ", ".join(session.why) in desc
        assert desc.rstrip().endswith(DISCLAIMER)
    desc = str(circuit["DESCRIPTION"])
    order = [desc.index(name) for name in [*CIRCUIT_NAMES, "Dead bug", "Bird dog"]]
    assert order == sorted(order)
    assert "1. Walking lunge — 3 × 20, rest 30 s, RPE 6" in desc
    assert "Keep the 30 s rest honest | no longer" in desc
    heavy = str(by_date[D(2026, 12, 5)]["DESCRIPTION"])
    assert "Back squat — 4 × 5, rest 180 s, 80% 1RM" in heavy
    assert "Front plank — 3 × 40 s, rest 30 s, bodyweight" in str(by_date[D(2026, 12, 9)]["DESCRIPTION"])


def test_ics_uids_unique_stable_and_output_deterministic(plan: Plan) -> None:
    first, second = to_ics(plan), to_ics(plan)
    assert first == second
    assert to_ics(plan, tz="Europe/Madrid") == to_ics(plan, tz="Europe/Madrid")
    uids = [str(ev["UID"]) for ev in events(first)]
    assert len(set(uids)) == len(uids) == 3
    assert all(re.fullmatch(r"[0-9a-f]{16}-\d{8}-\d@stridelift", u) for u in uids)
    # Stable across an independently built, equal plan, and independent of the session order.
    reordered = Plan(**{**_fields(plan), "sessions": list(reversed(plan.sessions))})
    assert [str(ev["UID"]) for ev in events(to_ics(reordered))] == uids
    stamps = {ev.decoded("DTSTAMP") for ev in events(first)}
    assert stamps == {dt.datetime(2026, 12, 1, 0, 0, tzinfo=dt.UTC)}


def test_ics_colliding_sessions_get_distinct_uids(plan: Plan) -> None:
    twin = core_session()
    plan.sessions.append(twin)
    uids = [str(ev["UID"]) for ev in events(to_ics(plan))]
    assert len(set(uids)) == len(uids) == 4


def _fields(plan: Plan) -> dict[str, object]:
    return {name: getattr(plan, name) for name in Plan.__slots__}
