"""The `stridelift` command: parse arguments, call a service, render. No training logic here.

Imports of the heavy parts (solver, pydantic models, exporters) happen inside the commands so that
`stridelift --help` starts quickly.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    name="stridelift",
    help="Strength, core, balance and mobility training planned around a runner's season.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class PlanFormat(StrEnum):
    json = "json"
    md = "md"
    ics = "ics"
    fit = "fit"
    all = "all"


class TableFormat(StrEnum):
    table = "table"
    json = "json"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


def _fail(message: str, code: int = 2) -> NoReturn:
    """One plain line on stderr (never wrapped, never a traceback), then the exit code."""
    sys.stderr.write(f"stridelift: error: {' '.join(message.split())}\n")
    raise typer.Exit(code)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder so a failure never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.command()
def plan(
    profile: Annotated[Path, typer.Argument(help="Runner profile (TOML, or JSON of the same shape).")],
    format: Annotated[PlanFormat, typer.Option("--format", "-f", help="json, md, ics, fit (Garmin), or all.")] = (
        PlanFormat.json
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (a folder for 'all' and 'fit'). Without it the plan goes to standard output.",
        ),
    ] = None,
) -> None:
    """Build the periodized plan for PROFILE."""
    from stridelift.catalog import DataError
    from stridelift.exporters.ics import to_ics
    from stridelift.exporters.markdown import to_markdown
    from stridelift.exporters.plan_json import to_json
    from stridelift.profile import ProfileError
    from stridelift.services import plan_profile

    try:
        result = plan_profile(profile)
    except (ProfileError, DataError) as exc:
        _fail(str(exc))
    p = result.plan
    try:
        renders: dict[str, Callable[[], bytes]] = {
            "json": lambda: to_json(p),
            "md": lambda: to_markdown(p),
            "ics": lambda: to_ics(p, tz=result.athlete.timezone),
        }
        if format is PlanFormat.all:
            if output is None:
                _fail("--format all needs -o FOLDER")
            if output.exists() and not output.is_dir():
                _fail(f"{output} exists and is not a folder")
            written: list[Path] = []
            blobs = {f"plan.{k}": fn() for k, fn in renders.items()}
            for name, blob in blobs.items():
                _write_atomic(output / name, blob)
                written.append(output / name)
        elif format is PlanFormat.fit:
            from stridelift.catalog import load_library
            from stridelift.exporters.garmin_fit import plan_to_fit_files

            if output is None:
                _fail("--format fit needs -o FOLDER (one workout file per session)")
            if output.exists() and not output.is_dir():
                _fail(f"{output} exists and is not a folder")
            files = plan_to_fit_files(p, load_library())
            written = []
            for name, blob in files:
                _write_atomic(output / name, blob)
                written.append(output / name)
        else:
            blob = renders[format.value]()
            if output is None:
                sys.stdout.buffer.write(blob)
                sys.stdout.flush()
                return
            if output.is_dir():
                _fail(f"{output} is a folder; give a file name")
            _write_atomic(output, blob)
            written = [output]
    except OSError as exc:
        _fail(f"cannot write output: {exc.strerror or exc}")
    from stridelift.render import print_summary

    print_summary(result, written)


@app.command()
def check(
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN.json", help="A stridelift.plan/1 JSON file.")],
    profile: Annotated[
        Path | None,
        typer.Option("--profile", "-p", help="The runner profile, to check equipment, availability and injuries too."),
    ] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.text,
) -> None:
    """Check a plan against every rule. Exit 0: no hard violation; 1: hard violations; 2: bad input."""
    from stridelift.catalog import DataError
    from stridelift.domain.checker import hard_violations
    from stridelift.exporters.plan_json import PlanFormatError
    from stridelift.profile import ProfileError
    from stridelift.render import print_findings
    from stridelift.services import check_plan_file

    try:
        findings, skipped = check_plan_file(plan_file, profile)
    except (PlanFormatError, ProfileError, DataError) as exc:
        _fail(str(exc))
    print_findings(findings, skipped, as_json=format is CheckFormat.json)
    raise typer.Exit(1 if hard_violations(findings) else 0)


@app.command()
def rules(format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table) -> None:
    """Every rule: id, statement, hard/soft, phases, source."""
    from stridelift.render import print_rules

    print_rules(as_json=format is TableFormat.json)


@app.command()
def exercises(
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    equipment: Annotated[
        list[str] | None, typer.Option("--equipment", "-e", help="Only exercises this equipment allows (repeatable).")
    ] = None,
) -> None:
    """The exercise library."""
    from stridelift.render import print_exercises

    print_exercises(as_json=format is TableFormat.json, equipment=equipment)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
