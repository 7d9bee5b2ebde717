"""S1-CIRCUIT-TIME: a circuit too long for the session is held at fewer rounds, then fewer reps, down to the
rule's floor, and says so; the seed's circuit check accepts exactly those holds, and only on a circuit
that names the rule. The planner keeps circuits in 30-minute sessions (coach review: they vanished for
good from the fifth week of a novice's plan)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib

from stridelift.catalog import load_library, load_templates
from stridelift.domain.checker import CHECKS, Ctx, hard_violations
from stridelift.domain.plan import Plan, Warning
from stridelift.domain.progression import circuit_time_holds
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.conftest import ROOT
from tests.unit.test_checks_prescription import LIB, MON, RULES, plan, rx, session

RULE = RULES["S1-CIRCUIT-TIME"]
FLOOR_ROUNDS, FLOOR_REPS = int(RULE.params["min_rounds"]), int(RULE.params["min_reps"])
PROFILE = ROOT / "tests" / "stress_profiles" / "novice_half_bands_mat.toml"


def _findings(rule_id: str, p: Plan, athlete=None) -> list[str]:  # type: ignore[no-untyped-def]
    rule = RULES[rule_id]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, load_templates(), athlete))]


def _circuit(sets: int, reps: int, held: bool, minutes: int = 40) -> Plan:
    stations = [rx(LIB, "bodyweight_squat", "circuit", sets=sets, reps=reps, rest_s=30, rpe=6)]
    why = ("S1-CIRCUIT", "S1-CIRCUIT-TIME") if held else ("S1-CIRCUIT",)
    s = dataclasses.replace(session(MON, stations, "circuit", "base", why), minutes=minutes)
    return plan([s], "base")


def test_the_holds_go_down_rounds_first_then_reps_to_the_floor() -> None:
    holds = circuit_time_holds(3, 20, None, RULE.params)
    assert holds[0] is None and holds[1] == (2, 20)
    assert holds[-1] == (FLOOR_ROUNDS, FLOOR_REPS)
    assert all(h is None or (h[0] >= FLOOR_ROUNDS and h[1] >= FLOOR_REPS) for h in holds)
    # a novice's ramp step is the top: nothing above it is tried
    assert circuit_time_holds(3, 20, (2, FLOOR_REPS + 2), RULE.params)[1:] == [(2, FLOOR_REPS)]


def test_the_seed_check_accepts_a_held_circuit_only_when_it_says_so_and_not_below_the_floor() -> None:
    assert [m for m in _findings("S1-CIRCUIT", _circuit(3, 20, held=False)) if m.startswith("station ")] == []
    shape = [m for m in _findings("S1-CIRCUIT", _circuit(2, 20, held=False)) if m.startswith("station ")]
    assert shape == ["station bodyweight_squat is 2x20 with 30 s rest"]
    assert [m for m in _findings("S1-CIRCUIT", _circuit(2, 20, held=True)) if m.startswith("station ")] == []
    assert [m for m in _findings("S1-CIRCUIT", _circuit(2, FLOOR_REPS, held=True)) if m.startswith("station ")] == []
    below = [m for m in _findings("S1-CIRCUIT", _circuit(2, FLOOR_REPS - 1, held=True)) if m.startswith("station ")]
    assert below  # just past the floor


def _athlete(minutes: int):  # type: ignore[no-untyped-def]
    with PROFILE.open("rb") as fh:
        athlete = parse_profile(tomllib.load(fh))
    return dataclasses.replace(athlete, minutes_per_session=minutes)


def test_a_held_circuit_fills_the_session() -> None:
    share = float(RULE.params["fill_share"])
    limit = 40
    just_within = int(share * limit + 0.999)
    assert _findings("S1-CIRCUIT-TIME", _circuit(2, 20, True, just_within), _athlete(limit)) == []
    assert _findings("S1-CIRCUIT-TIME", _circuit(2, 20, True, just_within - 1), _athlete(limit))


def test_no_time_warning_while_a_circuit_fits_is_reported() -> None:
    p = _circuit(2, 20, True, 28)
    later = MON + dt.timedelta(days=14)
    warned = dataclasses.replace(p, warnings=[Warning("CIRCUIT_NO_TIME", "no time", later, "S1-CIRCUIT")])
    assert _findings("S1-CIRCUIT-TIME", warned, _athlete(30))
    # a circuit of exactly the session's minutes fits it
    exact = dataclasses.replace(_circuit(2, 20, True, 30), warnings=warned.warnings)
    assert [m for m in _findings("S1-CIRCUIT-TIME", exact, _athlete(30)) if "dropped" in m]
    too_long = dataclasses.replace(_circuit(2, 20, True, 31), warnings=warned.warnings)
    assert [m for m in _findings("S1-CIRCUIT-TIME", too_long, _athlete(30)) if "dropped" in m] == []


def test_thirty_minute_sessions_keep_their_circuits() -> None:
    with PROFILE.open("rb") as fh:
        athlete = parse_profile(tomllib.load(fh))
    p = plan_athlete(athlete)
    assert not [w for w in p.warnings if w.code == "CIRCUIT_NO_TIME"]
    circuits = [s for s in p.sessions if s.format == "circuit"]
    held = [s for s in circuits if "S1-CIRCUIT-TIME" in s.why]
    assert held and all(s.minutes <= athlete.minutes_per_session for s in circuits)
    assert all(any("Held at" in n for n in s.notes) for s in held)
    # every full base week after the first held circuit still has a circuit
    base = [ph for ph in p.phases if ph.name == "base"]
    first = held[0].date
    for ph in base:
        monday = ph.start + dt.timedelta(days=(7 - ph.start.weekday()) % 7)
        while monday + dt.timedelta(days=6) <= ph.end:
            if monday >= first:
                assert any(monday <= s.date <= monday + dt.timedelta(days=6) for s in circuits), monday
            monday += dt.timedelta(days=7)
    from stridelift.domain.checker import check_plan

    found, _ = check_plan(p, rules=RULES, library=load_library(), templates=load_templates(), athlete=athlete)
    assert hard_violations(found) == []
    assert not [f for f in found if f.rule == "S1-CIRCUIT-TIME"]
