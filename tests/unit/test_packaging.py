"""A lean, predictable install: what a user's run needs and nothing else, with clear errors for
the optional parts, and the version on the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from stridelift import __version__
from stridelift.store.db import MissingDriverError, create_engine_for

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "northern_marathoner.toml"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower()


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


# Runs the CLI with some modules made unimportable, as on an install without that extra.
BLOCKED_CLI = """
import sys
for name in sys.argv[1].split(","):
    sys.modules[name] = None
sys.argv = ["stridelift", *sys.argv[2:]]
from stridelift.cli import main
main()
"""


def test_runtime_dependencies_leave_out_the_extras() -> None:
    runtime = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert "ortools" not in runtime and "psycopg" not in runtime
    assert {_name(r) for r in extras["postgres"]} == {"psycopg"}
    assert "ortools" in {_name(r) for r in extras["bench"]}
    assert {"ortools", "psycopg"} <= {_name(r) for r in extras["dev"]}  # the tests use both


def test_dependencies_with_user_visible_output_have_upper_bounds() -> None:
    bounded = {_name(r) for r in PYPROJECT["project"]["dependencies"] if "<" in r}
    assert {"typer", "rich", "icalendar", "garmin-fit-sdk", "pydantic"} <= bounded


def test_planning_never_imports_ortools() -> None:
    normal = _run(BLOCKED_CLI, "nothing_blocked", "plan", str(PROFILE))
    blocked = _run(BLOCKED_CLI, "ortools", "plan", str(PROFILE))
    assert normal.returncode == 0, normal.stderr
    assert blocked.returncode == 0, blocked.stderr
    assert blocked.stdout == normal.stdout  # byte-identical plans without it


def test_postgresql_url_without_the_driver_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingDriverError, match=r"stridelift\[postgres\]"):
        create_engine_for("postgresql+psycopg://runner@127.0.0.1:1/none")


@pytest.mark.parametrize("command", [["import", "README.md"], ["load", "--history", "DB"]])
def test_cli_postgresql_without_the_driver(command: list[str], tmp_path: Path) -> None:
    url = "postgresql+psycopg://runner@127.0.0.1:1/none"
    args = [url if a == "DB" else a for a in command]
    if command[0] == "load":
        args += ["-o", str(tmp_path / "chart.html")]
    done = subprocess.run(
        [sys.executable, "-c", BLOCKED_CLI, "psycopg", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "STRIDELIFT_DATABASE_URL": url},
    )
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "pip install 'stridelift[postgres]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_version() -> None:
    done = _run(BLOCKED_CLI, "nothing_blocked", "--version")
    assert (done.returncode, done.stdout) == (0, f"stridelift {__version__}\n")


def test_misspelt_equipment_names_the_valid_ones() -> None:
    done = _run(BLOCKED_CLI, "nothing_blocked", "exercises", "--equipment", "band", "--equipment", "dumbell")
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert "'dumbell'" in line and "did you mean 'dumbbells'" in line
    assert "kettlebell" in line and "balance_disc" in line


def test_valid_equipment_lists_exercises() -> None:
    done = _run(BLOCKED_CLI, "nothing_blocked", "exercises", "--equipment", "band", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"band"' in done.stdout
