"""R-PHASE-LABEL: the phase's name and focus agree with its runs (taper cut, race week holds its race,
recovery without long runs or quality, a focus that does not promise what it says it lacks), and the
planner's labels hold on the coach-review profiles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.athlete import Athlete, RunDay
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.focus_honest import BASE_HEAD, BASE_HEAVY, BUILD_HEAD, honest_focus
from stridelift.domain.periodization import FOCUS
from stridelift.domain.plan import Phase, Plan, RunEntry, Session
from stridelift.profile import load_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_schedule import session

D0 = dt.date(2027, 3, 1)  # a Monday
DAY = dt.timedelta(days=1)
RULES = load_rules()
STRESS = Path(__file__).parents[1] / "stress_profiles"


def d(k: int) -> dt.date:
    return D0 + k * DAY


def run(k: int, type_: str, minutes: int) -> RunEntry:
    if type_ == "race":
        return RunEntry(d(k), "race", minutes, "am", "B", "", 5.0)
    return RunEntry(d(k), type_, minutes, "am")  # type: ignore[arg-type]


def athlete() -> Athlete:
    week = (RunDay(1, "tempo", 50), RunDay(3, "easy", 40), RunDay(6, "long", 80))
    a = load_profile(STRESS / "southern_college_5k.toml")
    return Athlete(**{**{f: getattr(a, f) for f in a.__dataclass_fields__}, "running_week": week})


def findings(
    phases: list[tuple[str, int, int]],
    runs: list[RunEntry],
    focus: dict[str, str] | None = None,
    sessions: list[Session] | None = None,
) -> list[str]:
    ph = [Phase(n, d(a), d(b), (focus or {}).get(n, "focus")) for n, a, b in phases]  # type: ignore[arg-type]
    p = Plan("T", "intermediate", "north", d(0), d(27), ph, runs, sessions or [], [])
    rule = RULES["R-PHASE-LABEL"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, load_library(), load_templates(), athlete()))]


WEEKS = [("in_season", 0, 6), ("taper", 7, 13), ("race_week", 14, 20), ("recovery", 21, 27)]
RACE = run(20, "race", 30)


def test_a_taper_with_one_cut_run_is_a_taper() -> None:
    runs = [run(8, "tempo", 45), run(13, "long", 80), RACE]  # the tempo 5 min under the usual 50
    assert not findings(WEEKS, runs)


def test_a_taper_with_nothing_cut_is_not() -> None:
    runs = [run(8, "tempo", 50), run(13, "long", 80), RACE]
    cut = "no long run or quality session is cut against the usual week"
    assert findings(WEEKS, runs) == [f"taper {d(7)} to {d(13)}: {cut}"]


def test_a_taper_under_a_built_long_run_counts_as_cut() -> None:
    runs = [run(6, "long", 100), run(8, "tempo", 50), run(13, "long", 95), RACE]  # 95 < the 100 the build reached
    assert not findings(WEEKS, runs)


def test_race_week_holds_its_race_or_ends_the_day_before() -> None:
    assert not findings(WEEKS, [run(8, "tempo", 40), RACE])
    before = [("in_season", 0, 6), ("taper", 7, 13), ("race_week", 14, 19), ("recovery", 20, 27)]
    assert not findings(before, [run(8, "tempo", 40), RACE])
    early = [("in_season", 0, 6), ("taper", 7, 13), ("race_week", 14, 18), ("in_season", 19, 27)]
    found = findings(early, [run(8, "tempo", 40), RACE])
    assert found == [f"race week {d(14)} to {d(18)}: no race in it or the day after it"]


def test_recovery_holds_no_long_run_or_quality() -> None:
    assert not findings(WEEKS, [run(8, "tempo", 40), RACE, run(27, "easy", 40)])
    quality = findings(WEEKS, [run(8, "tempo", 40), RACE, run(27, "tempo", 40)])
    assert quality == [f"recovery {d(21)} to {d(27)}: tempo 40 min on {d(27)}"]


def test_a_focus_without_circuits_does_not_promise_them() -> None:
    runs = [run(8, "tempo", 40), RACE]
    honest = {"in_season": "In season phase WITHOUT circuits: core and balance instead."}
    assert not findings(WEEKS, runs, honest)
    both = {"in_season": FOCUS["base"] + "; WITHOUT circuits: none of your strength days can take one."}
    assert f"in season {d(0)} to {d(6)}: the focus promises circuits and says the phase is without them" in findings(
        WEEKS, runs, both
    )


@pytest.mark.parametrize(
    ("focus", "kind", "held"),
    [
        (FOCUS["base"], "heavy", "heavy"),
        (FOCUS["build"], "circuit", "circuit"),
        (FOCUS["build"], "plyo", "plyo"),
    ],
)
def test_a_week_holds_what_its_focus_promises(focus: str, kind: str, held: str) -> None:
    runs = [run(8, "tempo", 40), RACE]
    name = "base" if focus == FOCUS["base"] else "build"
    phases = [(name, 0, 6), *WEEKS[1:]]
    everything = [session(1, "heavy"), session(3, "circuit"), session(5, "plyo")]
    assert not findings(phases, runs, {name: focus}, everything)
    without = [
        s for s in everything if s.exercises[0].block != {"heavy": "strength", "circuit": "circuit"}.get(kind, "power")
    ]
    found = findings(phases, runs, {name: focus}, without)
    assert len(found) == 1 and f"holds no {held} session" in found[0]
    short = [(name, 0, 5), ("in_season", 6, 6), *WEEKS[1:]]  # six days: too short to be judged
    assert not findings(short, runs, {name: focus}, without)


def test_the_planner_says_what_the_phase_holds() -> None:
    base, build = [Phase(n, d(0), d(6), FOCUS[n]) for n in ("base", "build")]  # type: ignore[arg-type]
    moderate = honest_focus([base, build], [session(1, "light"), session(2, "circuit")], RULES["R-PHASE-LABEL"].params)
    assert moderate[0].focus == FOCUS["base"].replace(BASE_HEAVY, ".")
    assert moderate[1].focus == "Heavy strength for running economy, plus one circuit."
    kept = honest_focus(
        [base, build], [session(1, "heavy"), session(2, "circuit"), session(3, "plyo")], RULES["R-PHASE-LABEL"].params
    )
    assert [p.focus for p in kept] == [FOCUS["base"], FOCUS["build"]]
    assert FOCUS["base"] == BASE_HEAD + BASE_HEAVY and FOCUS["build"].startswith(BUILD_HEAD + ", plus ")


@pytest.mark.parametrize("name", ["southern_college_5k", "masters_shin_2days"])
def test_the_coach_review_labels_hold(name: str) -> None:
    a = load_profile(STRESS / f"{name}.toml")
    p = plan_athlete(a)
    rule = RULES["R-PHASE-LABEL"]
    ctx = Ctx(p, RULES, load_library(), load_templates(), a)
    assert not list(CHECKS[rule.check](rule, ctx))
    if name == "southern_college_5k":  # the six days between the C race's recovery and the B race's week
        ph = next(x for x in p.phases if x.contains(dt.date(2027, 2, 18)))
        assert (ph.name, ph.start, ph.end) == ("in_season", dt.date(2027, 2, 17), dt.date(2027, 2, 22))
        after_a = next(x for x in p.phases if x.contains(dt.date(2027, 4, 8)))
        assert after_a.name == "recovery"
        assert all(r.type == "easy" for r in p.runs if after_a.contains(r.date))
    else:
        # its base's strength days sit before short hills (base running, no key run: E-KEY-RUN-EVE), so the
        # base now holds its circuits, and its label says so (R-PHASE-LABEL above finds nothing it lacks)
        base = p.phases[0]
        inside = [s for s in p.sessions if base.contains(s.date)]
        assert base.name == "base" and any(s.format == "circuit" for s in inside)
        assert "circuits (" in base.focus and "WITHOUT circuits" not in base.focus
