"""`stridelift plan PROFILE [-f F] [-o PATH]` runs without importing typer (start-up CPU), writes the
same bytes and exit codes as the typer command, and every other form of the command line still
goes through typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stridelift.entry import plain_plan_args

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "race_in_10_days.toml"

_PROBE = """
import sys
from stridelift.entry import main
sys.argv = ["stridelift", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    sys.stdout.flush()
    sys.stderr.write(f"\\nexit {exc.code} typer {'typer' in sys.modules}\\n")
"""


def _run(*args: str) -> tuple[bytes, str]:
    r = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=ROOT, capture_output=True, timeout=180, check=False)
    return r.stdout, r.stderr.decode()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["plan", "p.toml"], (Path("p.toml"), "json", None)),
        (["plan", "-f", "md", "p.toml"], (Path("p.toml"), "md", None)),
        (["plan", "p.toml", "--output", "out", "--format", "all"], (Path("p.toml"), "all", Path("out"))),
        (["plan", "p.toml", "-o", "x.ics", "-f", "ics"], (Path("p.toml"), "ics", Path("x.ics"))),
        (["plan"], None),  # typer says what is missing
        (["plan", "p.toml", "--format=json"], None),
        (["plan", "p.toml", "-f", "xml"], None),  # typer lists the formats
        (["plan", "p.toml", "-f", "md", "-f", "ics"], None),
        (["plan", "p.toml", "-o"], None),
        (["plan", "p.toml", "-o", "--help"], None),
        (["plan", "p.toml", "--history", "db.sqlite"], None),
        (["plan", "a.toml", "b.toml"], None),
        (["plan", "--help"], None),
        (["import", "p.toml"], None),
        ([], None),
    ],
)
def test_only_the_plain_plan_command_line_skips_typer(args: list[str], expected: object) -> None:
    assert plain_plan_args(args) == expected


def test_plain_plan_writes_what_the_typer_command_writes_without_importing_typer(tmp_path: Path) -> None:
    plain, plain_err = _run("plan", str(PROFILE))
    typed, typed_err = _run("plan", str(PROFILE), "--format=json")  # this form goes through typer
    assert plain_err.split()[-4:] == ["exit", "0", "typer", "False"], plain_err
    assert typed_err.split()[-4:] == ["exit", "0", "typer", "True"], typed_err
    assert plain == typed and plain.startswith(b"{")
    out, err = _run("plan", str(PROFILE), "-f", "all", "-o", str(tmp_path / "docs"))
    assert err.split()[-4:] == ["exit", "0", "typer", "False"], err
    assert (tmp_path / "docs" / "plan.json").read_bytes() == plain
    assert b"wrote" in out


def test_plain_plan_fails_as_the_typer_command_does(tmp_path: Path) -> None:
    missing = str(tmp_path / "nothing.toml")
    plain_out, plain_err = _run("plan", missing)
    typed_out, typed_err = _run("plan", missing, "--format=json")
    assert plain_err.split("\n")[0] == typed_err.split("\n")[0]
    assert plain_err.startswith("stridelift: error: cannot read") and plain_out == typed_out == b""
    assert plain_err.split()[-4:] == ["exit", "2", "typer", "False"]
    assert typed_err.split()[-4:] == ["exit", "2", "typer", "True"]
    _, no_folder = _run("plan", str(PROFILE), "-f", "all")
    assert no_folder.startswith("stridelift: error: --format all needs -o FOLDER")
    assert no_folder.split()[-4:] == ["exit", "2", "typer", "False"]
