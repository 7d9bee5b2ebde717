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
    history: Annotated[
        list[str] | None,
        typer.Option(
            "--history",
            help="Running history to adapt the plan to: a database URL or SQLite file, or activity files, "
            "folders and export archives (repeatable). Without it the plan follows the profile alone.",
        ),
    ] = None,
) -> None:
    """Build the periodized plan for PROFILE."""
    from stridelift.catalog import DataError
    from stridelift.exporters.ics import to_ics
    from stridelift.exporters.markdown import to_markdown
    from stridelift.exporters.plan_json import to_json
    from stridelift.history import HistoryError
    from stridelift.profile import ProfileError
    from stridelift.services import plan_profile

    try:
        result = plan_profile(profile, history)
    except (ProfileError, DataError, HistoryError) as exc:
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


@app.command("import")
def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help="Activity files (FIT, GPX, TCX, optionally .gz), folders, or export archives (.zip).",
        ),
    ],
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Decoding processes (default: one per CPU).")
    ] = None,
) -> None:
    """Read activity files into the database ($STRIDELIFT_DATABASE_URL). Exit 0: all read; 1: some skipped."""
    for p in paths:
        if not p.exists():
            _fail(f"{p}: no such file or folder")
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from stridelift.config import get_settings
    from stridelift.importing import import_paths
    from stridelift.render_import import ImportProgressView, print_import_summary
    from stridelift.store import ActivityRepository, open_database

    try:
        url = get_settings().database_url  # the default creates the user's data folder
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        _fail("STRIDELIFT_DATABASE_URL is not a database URL (sqlite:///path.db or postgresql+psycopg://...)")
    except OSError as exc:
        _fail(f"cannot create the data folder for the database: {exc}")
    try:
        repo = ActivityRepository(open_database(url))
        with ImportProgressView() as progress:
            report = import_paths(paths, repo=repo, workers=workers, progress=progress)
    except (SQLAlchemyError, ImportError) as exc:  # the database or its driver; a bad file never raises
        detail = getattr(exc, "orig", None) or exc
        _fail(f"database {shown}: {type(detail).__name__}: {detail}")
    except OSError as exc:  # the walk reports unreadable files itself, so this is the database's folder
        _fail(f"database {shown}: {exc.strerror or exc}: {exc.filename or ''}")
    except KeyboardInterrupt:
        _fail("interrupted: batches already stored are kept; run the same import again to add the rest", 130)
    print_import_summary(report)
    raise typer.Exit(1 if report.skipped else 0)


@app.command()
def load(
    weeks: Annotated[int, typer.Option("--weeks", "-w", min=1, max=520, help="Weeks in the table.")] = 8,
    history: Annotated[
        list[str] | None,
        typer.Option(
            "--history",
            help="Database URL, SQLite file, or activity files/folders/archives "
            "(default: the database of STRIDELIFT_DATABASE_URL).",
        ),
    ] = None,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile",
            "-p",
            help="Runner profile: heart-rate thresholds, time zone, and the plan's "
            "strength sessions drawn on the chart.",
        ),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--end", help="Last day (YYYY-MM-DD); default: the last recorded activity.")
    ] = None,
    chart: Annotated[Path, typer.Option("--chart", "-o", help="Where to write the HTML chart.")] = Path(
        "stridelift-load.html"
    ),
) -> None:
    """Running load: weekly table (runs, minutes, TRIMP, acute, chronic, ACWR, TSB) and an HTML chart."""
    import datetime as dt

    from stridelift.exporters.load_chart import load_chart_html, load_table_rows
    from stridelift.history import HistoryError, measure, read_window
    from stridelift.profile import ProfileError, load_profile
    from stridelift.render import print_load

    end_day: dt.date | None = None
    if end is not None:
        try:
            end_day = dt.date.fromisoformat(end)
        except ValueError:
            _fail(f"--end {end!r} is not a date (YYYY-MM-DD)")
    days = max(weeks * 7 + 28, 90)
    try:
        athlete = load_profile(profile) if profile else None
        hist = read_window(history, days=days, end=end_day)
    except (ProfileError, HistoryError) as exc:
        _fail(str(exc))
    if not hist.activities:
        _fail(f"no activities in {hist.source}; import some first: stridelift import PATH")
    tz = athlete.timezone if athlete else None
    from stridelift.domain.load import local_date

    last = end_day or max(local_date(a.start, tz) for a in hist.activities)
    m = measure(
        hist.activities,
        end=last,
        tz=tz,
        max_hr=athlete.max_hr if athlete else None,
        resting_hr=athlete.resting_hr if athlete else None,
        days=days,
    )
    sessions = None
    if profile is not None:
        from stridelift.services import plan_profile

        res = plan_profile(profile, history)
        sessions = [(s.date, s.format, s.heavy_lower) for s in res.plan.sessions]
    try:
        _write_atomic(chart, load_chart_html(m.report, sessions))
    except OSError as exc:
        _fail(f"cannot write {chart}: {exc.strerror or exc}")
    print_load(m.report, load_table_rows(m.report, weeks), chart, len(hist.activities), hist.skipped)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
