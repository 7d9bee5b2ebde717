"""Issue 7 item 7: `check` on a malformed plan is exit 2 with one line naming the field; exit 1
stays reserved for a well-formed plan with hard violations."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from stridelift.exporters.plan_json import plan_from_dict, plan_to_dict
from stridelift.plan_input import validate_plan_dict
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.cli_errors import assert_one_line_error, cli
from tests.conftest import BASE_PROFILE


@lru_cache(maxsize=1)
def _plan_text() -> str:
    p: dict[str, Any] = copy.deepcopy(BASE_PROFILE)
    p["plan"] = {"start": "2027-03-01", "end": "2027-04-25"}
    p["races"] = [{"date": "2027-04-18", "distance": "half", "priority": "A"}]
    return json.dumps(plan_to_dict(plan_athlete(parse_profile(p))))


def a_plan() -> dict[str, Any]:
    """A real plan of eight weeks, as `stridelift plan` writes it (a fresh copy each call)."""
    plan: dict[str, Any] = json.loads(_plan_text())
    return plan


def first_exercise(p: dict[str, Any]) -> dict[str, Any]:
    ex: dict[str, Any] = p["sessions"][0]["exercises"][0]
    return ex


def nested(n: int) -> Any:
    out: Any = []
    for _ in range(n):
        out = [out]
    return out


Edit = Callable[[dict[str, Any]], None]
CASES: list[tuple[str, Edit, str]] = [
    ("id-object", lambda p: first_exercise(p).update(id={}), "sessions[0].exercises[0].id"),
    ("id-float", lambda p: first_exercise(p).update(id=1e308), "sessions[0].exercises[0].id"),
    ("id-empty", lambda p: first_exercise(p).update(id=""), "sessions[0].exercises[0].id"),
    ("cues-not-strings", lambda p: first_exercise(p).update(cues=[1, {}]), "sessions[0].exercises[0].cues[0]"),
    ("cues-a-string", lambda p: first_exercise(p).update(cues="x"), "sessions[0].exercises[0].cues"),
    ("phase-end-9999", lambda p: p["phases"][-1].update(end="9999-12-31"), "end: 9999-12-31 is outside"),
    ("plan-end-9999", lambda p: p.update(end="9999-12-31"), "end: 9999-12-31 is outside"),
    ("run-date-0001", lambda p: p["runs"][0].update(date="0001-01-01"), "runs[0].date"),
    ("phase-backwards", lambda p: p["phases"][0].update(end="2000-01-01"), "phases[0]"),
    ("sets-huge", lambda p: first_exercise(p).update(sets=10**300), "sessions[0].exercises[0].sets"),
    ("sets-1e308", lambda p: first_exercise(p).update(sets=1e308), "sessions[0].exercises[0].sets"),
    ("minutes-text", lambda p: p["sessions"][0].update(minutes="long"), "sessions[0].minutes"),
    ("exercises-object", lambda p: p["sessions"][0].update(exercises={"a": 1}), "sessions[0].exercises"),
    ("intensity-list", lambda p: first_exercise(p).update(intensity=[1]), "sessions[0].exercises[0].intensity"),
    ("rpe-11", lambda p: first_exercise(p).update(intensity={"pct_1rm": None, "rpe": 11}), "intensity.rpe"),
    ("sessions-null", lambda p: p.update(sessions=None), "sessions: "),
    ("why-a-string", lambda p: p["sessions"][0].update(why="S1-CIRCUIT"), "sessions[0].why"),
    ("format-unknown", lambda p: p["sessions"][0].update(format="yoga"), "sessions[0].format"),
    ("phase-unknown", lambda p: p["phases"][0].update(name="holiday"), "phases[0].name"),
    ("athlete-list", lambda p: p.update(athlete=[]), "athlete"),
    ("date-number", lambda p: p["runs"][0].update(date=20270301), "runs[0].date: give a date"),
    ("missing-start", lambda p: p.pop("start"), "missing required key start"),
    ("deep", lambda p: first_exercise(p).update(note=nested(40)), "nested more than"),
    ("name-escape", lambda p: first_exercise(p).update(name="\x1b]0;pwned\x07"), "exercises[0].name"),
    ("span-200-years", lambda p: p.update(start="1950-01-01", end="2150-01-01"), "the plan spans"),
]


@pytest.mark.parametrize(("label", "edit", "needle"), CASES, ids=[c[0] for c in CASES])
def test_malformed_plan_is_exit_2_naming_the_field(tmp_path: Path, label: str, edit: Edit, needle: str) -> None:
    plan = a_plan()
    edit(plan)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    line = assert_one_line_error(cli("check", str(path)), needle)
    assert str(path) in line


@pytest.mark.parametrize(
    ("build", "needle"),
    [
        (lambda t: t[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested more than"),
        (lambda t: t[:-1] + ', "x": ' + "9" * 5000 + "}", "more than 4300 digits"),
        (lambda t: t.replace('"minutes": ', '"minutes": NaN, "m": ', 1), "NaN is not a number"),
        (lambda t: t.replace('"name": "', '"name": "\\ud800', 1), "control character"),
        (lambda t: t[: len(t) // 2], "not a JSON plan"),
        (lambda t: "[]", "must be a JSON object"),
    ],
)
def test_malformed_plan_text(tmp_path: Path, build: Callable[[str], str], needle: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(build(_plan_text()))
    assert_one_line_error(cli("check", str(path)), needle)


def test_valid_plan_reads_the_same_through_the_edge() -> None:
    """Validation changes nothing in a well-formed plan: the Plan built is the one plan_from_dict
    builds, and checking it still passes (exit 0) or flags violations (exit 1)."""
    raw = a_plan()
    assert validate_plan_dict(copy.deepcopy(raw)) == plan_from_dict(raw)


def test_other_tools_fields_and_omissions_are_accepted(tmp_path: Path) -> None:
    raw = a_plan()
    raw["coach_notes"] = {"anything": [1, 2, 3]}
    for s in raw["sessions"]:
        s.pop("title"), s.pop("notes"), s.pop("variation")
        for e in s["exercises"]:
            e.pop("cues")
            e["app_specific"] = "kept out of the way"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(raw))
    r = cli("check", str(path))
    assert r.exit_code == 0, r.stdout + r.stderr
    # without the exercises' notes the plan still reads; what the runner is no longer told is reported:
    # the ramp-up sets before heavy lifts, how a bodyweight move reaches its effort
    for s in raw["sessions"]:
        for e in s["exercises"]:
            e.pop("note")
    path.write_text(json.dumps(raw))
    r = cli("check", str(path))
    assert r.exit_code == 1, r.stdout + r.stderr
    hard = {line.split()[1] for line in r.stdout.splitlines() if line.startswith("HARD")}
    assert hard and hard <= {"E-WARMUP-SETS", "E-BODYWEIGHT-EFFORT", "E-NOVICE-PCT"}, hard


def test_hard_violations_still_exit_1(tmp_path: Path) -> None:
    raw = a_plan()
    heavy = [s for s in raw["sessions"] if s["heavy_lower"]]
    assert heavy, "the test plan needs a heavy session"
    # the day before the A race: a hard rule forbids heavy legs there
    heavy[0]["date"] = "2027-04-17"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(raw))
    r = cli("check", str(path))
    assert r.exit_code == 1 and "HARD" in r.stdout and r.stderr == ""
