"""The stress profiles (tests/stress_profiles/) and the examples plan with no hard violation, and what
a coach looks for in each stress case is there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stridelift.domain.checker import hard_violations
from stridelift.domain.progression import is_heavy_lower
from stridelift.services import plan_profile

ROOT = Path(__file__).resolve().parents[2]
STRESS = sorted((ROOT / "tests" / "stress_profiles").glob("*.toml"))
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


@pytest.mark.parametrize("path", STRESS + EXAMPLES, ids=lambda p: p.stem)
def test_plans_without_hard_violations_and_every_session_explained(path: Path) -> None:
    result = plan_profile(path)
    assert hard_violations(result.findings) == [], [f"{f.rule} {f.date} {f.message}" for f in result.findings]
    assert all(s.explanation for s in result.plan.sessions)


def _profile(name: str) -> Path:
    return ROOT / "tests" / "stress_profiles" / f"{name}.toml"


def test_a_heavy_block_before_an_easy_long_run_is_heavy_a_build_that_cannot_be_says_what_to_change() -> None:
    """Fridays only, each the eve of the long run: in the off-season block that long run is the capped
    easy one (no key run, E-KEY-RUN-EVE), so the block lifts heavy legs; in the build it is a key run,
    and the phase says what to change."""
    plan = plan_profile(_profile("only_eve_of_long_run")).plan
    blocks = [p for p in plan.phases if p.name == "offseason_strength"]
    assert blocks and not any("WITHOUT heavy" in p.focus for p in blocks)
    assert not [w for w in plan.warnings if w.code == "HEAVY_BLOCK_NOT_HEAVY"]
    inside = [s for s in plan.sessions if any(b.contains(s.date) for b in blocks)]
    assert sum(is_heavy_lower(s.exercises) for s in inside) >= len(inside) // 2
    [w] = [w for w in plan.warnings if w.code == "PHASE_WITHOUT_HEAVY" and "build" in w.message][:1]
    assert "free one more day" in w.message or "move the long run" in w.message


def test_a_novice_four_weeks_out_only_familiarises() -> None:
    plan = plan_profile(_profile("novice_four_weeks_out")).plan
    assert any(w.code == "NOVICE_LATE_START" for w in plan.warnings)
    race = dt.date(2027, 4, 18)
    for s in plan.sessions:
        if s.date <= race + dt.timedelta(days=14):
            assert not [p for p in s.exercises if p.block in ("strength", "circuit") and p.region == "lower"], s.date
    assert any(s.format in ("straight_sets", "circuit") for s in plan.sessions if s.date > race + dt.timedelta(days=14))


def test_double_days_give_the_order() -> None:
    plan = plan_profile(_profile("doubles_three_a_day")).plan
    runs: dict[dt.date, int] = {}
    for r in plan.runs:
        runs[r.date] = runs.get(r.date, 0) + 1
    doubles = [s for s in plan.sessions if runs.get(s.date, 0) >= 2]
    assert doubles
    assert all("Order today" in s.explanation for s in doubles)


def test_no_heavy_legs_within_two_weeks_of_the_marathon_though_the_half_is_near() -> None:
    plan = plan_profile(_profile("two_races_close")).plan
    marathon = dt.date(2027, 4, 18)
    assert not [s for s in plan.sessions if marathon < s.date <= marathon + dt.timedelta(days=14) and s.heavy_lower]
    assert not [r for r in plan.runs if marathon < r.date <= marathon + dt.timedelta(days=14) and r.type != "easy"]


def test_an_empty_running_week_is_an_error_with_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    text = (ROOT / "examples" / "northern_marathoner.toml").read_text()
    start = text.index("[running]")
    end = text.index("[[races]]")
    rest_week = ", ".join(
        f'{{ day = "{d}", type = "rest" }}' for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    )
    path = tmp_path / "empty.toml"
    path.write_text(text[:start] + f"[running]\nweek = [{rest_week}]\n\n" + text[end:])
    out = tmp_path / "plan.json"
    r = subprocess.run(
        [sys.executable, "-m", "stridelift.cli", "plan", str(path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2, r.stderr
    assert "no runs" in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()
