"""The command line as a user runs it: exit codes, stdout/stderr, files written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from tests.conftest import ROOT

EX = ROOT / "examples" / "northern_marathoner.toml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stridelift.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_plan_json_to_stdout_then_check_passes(tmp_path: Path) -> None:
    r = run("plan", str(EX))
    assert r.returncode == 0, r.stderr
    plan = json.loads(r.stdout)
    assert plan["schema"] == "stridelift.plan/1"
    out = tmp_path / "plan.json"
    out.write_text(r.stdout)
    c = run("check", str(out), "--profile", str(EX), "--format", "json")
    assert c.returncode == 0, c.stdout
    report = json.loads(c.stdout)
    assert report["hard"] == 0


def test_check_fails_with_exit_1_on_a_broken_plan(tmp_path: Path) -> None:
    plan = json.loads(run("plan", str(EX)).stdout)
    circuit = next(s for s in plan["sessions"] if s["format"] == "circuit")
    circuit["exercises"] = [e for e in circuit["exercises"] if e["block"] != "circuit"][:0] + [
        e for e in circuit["exercises"] if e["block"] == "circuit"
    ][:4]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(plan))
    c = run("check", str(path))
    assert c.returncode == 1
    assert "S1-CIRCUIT" in c.stdout and "HARD" in c.stdout


def test_all_formats_written_atomically(tmp_path: Path) -> None:
    r = run("plan", str(EX), "--format", "all", "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert "Season overview" in r.stdout and "0 hard violations" in r.stdout
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["plan.ics", "plan.json", "plan.md", "workouts"]
    workouts = sorted((tmp_path / "out" / "workouts").glob("*.fit"))
    assert f"({len(workouts)} FIT workouts, one a session)" in r.stdout
    md = (tmp_path / "out" / "plan.md").read_text()
    assert "medical advice" in md and "S1-CIRCUIT" in md
    cal = icalendar.Calendar.from_ical((tmp_path / "out" / "plan.ics").read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    plan = json.loads((tmp_path / "out" / "plan.json").read_text())
    assert len(events) == len(plan["sessions"]) == len(workouts)


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[plan]\nstart = '2027-01-01'\n[athlete]\nshoe = 'x'\n", "unknown key 'shoe' in athlete"),
        ("[plan]\nstart = '2027-01-01'\nend = '2026-01-01'\n", "is before plan.start"),
        ("[plan]\nstart = '2027-01-01'\n[[races]]\ndate = '2026-06-01'\ndistance = '5k'\n", "before plan.start"),
        ("[plan]\nstart = '2027-01-01'\n[equipment]\navailable = ['treadmill']\n", "unknown equipment"),
        ("[plan\nstart = 1\n", "TOML syntax error"),
    ],
)
def test_bad_profiles_exit_2_with_one_line(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(content)
    r = run("plan", str(path))
    assert r.returncode == 2
    assert needle in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) <= 2


def test_bad_plan_file_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{not json")
    r = run("check", str(path))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    path.write_text(json.dumps({"schema": "other/1"}))
    r = run("check", str(path))
    assert r.returncode == 2 and "schema" in r.stderr


def test_rules_and_exercises_json() -> None:
    r = run("rules", "--format", "json")
    rules = json.loads(r.stdout)
    assert r.returncode == 0 and any(x["id"] == "S1-CIRCUIT" for x in rules)
    assert all(x["source"] for x in rules)
    e = run("exercises", "--format", "json", "--equipment", "band")
    ex = json.loads(e.stdout)
    assert e.returncode == 0 and ex
    assert all(set(x["equipment"]) <= {"band"} for x in ex)
    t = run("rules")
    assert t.returncode == 0 and "S3-CORE-ORDER" in t.stdout


def test_output_never_left_half_written(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    r = run("plan", str(tmp_path / "missing.toml"), "-o", str(target))
    assert r.returncode == 2 and not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_warnings_are_one_line_per_kind_with_count_and_dates(tmp_path: Path) -> None:
    """A runner whose only day is the eve of the long run: dozens of lightened and dropped sessions read
    as one line per kind, in words, in the terminal and in the Markdown."""
    profile = ROOT / "tests" / "stress_profiles" / "only_eve_of_long_run.toml"
    r = run("plan", str(profile), "--format", "all", "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    plan = json.loads((tmp_path / "out" / "plan.json").read_text())
    codes: dict[str, int] = {}
    for w in plan["warnings"]:
        codes[w["code"]] = codes.get(w["code"], 0) + 1
    lightened = codes["SESSION_LIGHTENED"]
    assert lightened > 10
    out = " ".join(r.stdout.split())  # the terminal wraps long lines
    assert f"Session lightened ({lightened}x)" in out and "SESSION_LIGHTENED" not in out
    assert out.count("Session lightened") == 1 and "more:" in out
    md = (tmp_path / "out" / "plan.md").read_text()
    section = md.split("## Warnings", 1)[1].split("\n## ", 1)[0]
    lines = [x for x in section.splitlines() if x.startswith("- **")]
    assert len(lines) == len(codes)
    assert any(x.startswith(f"- **Session lightened** ({lightened}×) — ") for x in lines)
