"""R-B-TAPER: a B race gets a mini-taper scaled to its distance, judged from the race dates and the plan's
runs: hand-made plans just past each limit (reported) and just within it (not), and the plan the planner
makes for the ultra runner whose 50 km B race had a 195 + 120 minute weekend seven days before it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, RunEntry, Session
from stridelift.services import plan_profile

ROOT = Path(__file__).resolve().parents[2]
RULES = load_rules()
D0 = dt.date(2027, 3, 1)
DAY = dt.timedelta(days=1)
RACE = 40  # the race is on day 40


def run(k: int, type_: str, minutes: int) -> RunEntry:
    return RunEntry(D0 + k * DAY, type_, minutes, "am")  # type: ignore[arg-type]


def race(km: float, prio: str = "B") -> RunEntry:
    return RunEntry(D0 + RACE * DAY, "race", 300, "am", prio, "", km)  # type: ignore[arg-type]


def circuit(k: int) -> Session:
    st = Prescription(
        "walking_lunge", "Walking lunge", "circuit", 0, "lower", None, ("quadriceps",), (), False, True,
        ("sagittal",), 3, 20, None, 30, Intensity(),
    )  # fmt: skip
    return Session(D0 + k * DAY, "pm", "base", "circuit", 40, (), (st,), title="Circuit")


def findings(runs: list[RunEntry], sessions: list[Session] = ()) -> list[str]:  # type: ignore[assignment]
    usual = [run(0, "long", 210), run(1, "tempo", 60)]  # the plan's longest of each type is the reference
    ph = [Phase("base", D0, D0 + 59 * DAY, "focus")]
    p = Plan("T", "advanced", "north", D0, D0 + 59 * DAY, ph, usual + runs, list(sessions), [])
    rule = RULES["R-B-TAPER"]
    ctx = Ctx(p, RULES, load_library(), load_templates(), None)
    return [m for m, _ in CHECKS[rule.check](rule, ctx)]


def test_a_50k_b_race_caps_long_runs_from_nine_days_out() -> None:
    b = race(50)
    assert findings([b, run(RACE - 7, "long", 130)])  # 130 > 60% of 210
    assert not findings([b, run(RACE - 7, "long", 125)])
    assert findings([b, run(RACE - 9, "long", 210)])  # nine days out: inside the mini-taper
    assert not findings([b, run(RACE - 10, "long", 210)])  # ten days out: the last full long run
    assert not findings([b, run(RACE - 4, "long", 210)])  # race week is R-RUNS-BY-PHASE's to judge
    assert not findings([race(50, "A"), run(RACE - 7, "long", 210)])  # an A race has its own taper


def test_a_half_b_race_cuts_less_and_later() -> None:
    b = race(21.1)
    assert findings([b, run(RACE - 6, "tempo", 50)])  # 50 > 75% of 60
    assert not findings([b, run(RACE - 6, "tempo", 45)])
    assert not findings([b, run(RACE - 7, "tempo", 60)])
    assert not findings([race(10), run(RACE - 6, "long", 210)])  # a 10k B race: its race week is enough


@pytest.mark.parametrize(("km", "days"), [(50, 7), (42.2, 7), (21.1, 5), (10, 3)])
def test_no_leg_fatiguing_session_in_the_last_days_before_a_b_race(km: float, days: int) -> None:
    assert findings([race(km)], [circuit(RACE - days)])
    assert not findings([race(km)], [circuit(RACE - days - 1)])


def test_the_ultra_runner_tapers_for_the_50k_b_race() -> None:
    result = plan_profile(ROOT / "examples" / "ultra_doubles.toml")
    assert not [f for f in result.findings if f.rule == "R-B-TAPER"]
    [b] = [r for r in result.plan.runs if r.type == "race" and r.race_priority == "B"]
    longs = {(b.date - r.date).days: r for r in result.plan.runs if r.type == "long" and r.date < b.date}
    assert max(r.minutes for k, r in longs.items() if 5 <= k <= 9) <= 0.6 * 210
    assert all("mini-taper" in r.note for k, r in longs.items() if 5 <= k <= 9)
    assert any(r.minutes >= 150 for k, r in longs.items() if 10 <= k <= 14)  # the last long run
    lib = load_library()
    late = [
        s for s in result.plan.sessions if 0 < (b.date - s.date).days <= 7 and any(
            p.block in ("circuit", "power") or (p.block == "strength" and lib.get(p.id).leg_fatigue)
            for p in s.exercises
        )
    ]  # fmt: skip
    assert late == []
