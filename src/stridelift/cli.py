"""The `stridelift` command: parse arguments, call a service, render. No training logic here.

Imports of the heavy parts (solver, pydantic models, exporters) happen inside the commands so that
`stridelift --help` starts quickly.
"""

from __future__ import annotations

import sys
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


def _version(value: bool) -> None:
    if value:
        from stridelift import __version__

        sys.stdout.write(f"stridelift {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Strength, core, balance and mobility training planned around a runner's season."""


def _fail(message: str, code: int = 2) -> NoReturn:
    """One plain line on stderr (never wrapped, never a traceback), then the exit code."""
    from stridelift.safe_text import printable  # messages may quote file names: no escape sequences

    sys.stderr.write(f"stridelift: error: {printable(' '.join(message.split()))}\n")
    raise typer.Exit(code)


def _write_atomic(path: Path, data: bytes) -> None:
    from stridelift.services.exports import write_atomic

    write_atomic(path, data)


@app.command()
def plan(
    profile: Annotated[
        Path, typer.Argument(metavar="PROFILE", help="Runner profile (TOML, or JSON of the same shape).")
    ],
    format: Annotated[
        PlanFormat,
        typer.Option(
            "--format", "-f", help="json, md, ics, fit (Garmin), or all (json, md, ics, FIT workouts in OUT/workouts/)."
        ),
    ] = PlanFormat.json,
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
            metavar="SRC",
            help="Running history to adapt the plan to: a database URL or SQLite file, or activity files, "
            "folders and export archives (repeatable). Without it the plan follows the profile alone.",
        ),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            metavar="PLAN.json",
            help="The plan JSON written last time: changed calendar events get a new version, "
            "sessions that are gone are sent as cancelled.",
        ),
    ] = None,
    no_self_check: Annotated[
        bool,
        typer.Option(
            "--no-self-check",
            help="Skip the check of the new plan's hard rules (about 0.1-0.2 s); without it a rule the plan "
            "breaks is named on stderr and in the plan's warnings.",
        ),
    ] = False,
) -> None:
    """Build the periodized plan for PROFILE."""
    from stridelift.entry import run_plan  # `stridelift plan PROFILE` alone runs it without typer

    run_plan(profile, format.value, output, history, previous, self_check=not no_self_check)


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
    from stridelift.render import print_findings
    from stridelift.services.planning import INPUT_ERRORS, check_plan_file, has_hard_violations

    try:
        findings, skipped = check_plan_file(plan_file, profile)
    except INPUT_ERRORS as exc:
        _fail(str(exc))
    print_findings(findings, skipped, as_json=format is CheckFormat.json)
    raise typer.Exit(1 if has_hard_violations(findings) else 0)


@app.command()
def rules(format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table) -> None:
    """Every rule: id, statement, hard/soft, phases, source."""
    from stridelift.render import print_rules

    print_rules(as_json=format is TableFormat.json)


@app.command()
def exercises(
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    equipment: Annotated[
        list[str] | None,
        typer.Option("--equipment", "-e", metavar="NAME", help="Only exercises this equipment allows (repeatable)."),
    ] = None,
) -> None:
    """The exercise library."""
    from stridelift.domain.vocab import unknown_equipment
    from stridelift.render import print_exercises

    problem = unknown_equipment(equipment or [])
    if problem:
        _fail(problem)

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
    from stridelift.render_import import ImportProgressView, print_import_summary
    from stridelift.services.errors import ServiceError
    from stridelift.services.imports import import_activities

    try:
        with ImportProgressView() as progress:
            report = import_activities(paths, workers=workers, progress=progress)
    except ServiceError as exc:
        _fail(str(exc), exc.code)
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
            metavar="SRC",
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
    from stridelift.render import print_load
    from stridelift.services.errors import ServiceError
    from stridelift.services.load_report import load_report, parse_day

    try:
        end_day = parse_day(end, "--end") if end is not None else None
        result = load_report(weeks=weeks, history=history, profile=profile, end=end_day)
    except ServiceError as exc:
        _fail(str(exc), exc.code)
    try:
        _write_atomic(chart, result.chart_html)
    except OSError as exc:
        _fail(f"cannot write {chart}: {exc.strerror or exc}")
    print_load(result.report, result.rows, chart, result.activities, result.skipped, result.said, result.recorded)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    database_url: Annotated[
        str | None,
        typer.Option(help="Database (default: $STRIDELIFT_DATABASE_URL, else a SQLite file in the data folder)."),
    ] = None,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Seed a demo runner with a season of logged sessions "
            "(a fresh SQLite file unless a database is given).",
        ),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Worker processes (default: one per core, at most 4)."),
    ] = None,
) -> None:
    """Run the web app (pages at /, the API at /api/v1)."""
    from stridelift.services.app_db import demo_database_url, open_app_database
    from stridelift.services.demo import seed_demo
    from stridelift.services.errors import ServiceError
    from stridelift.web import server

    try:
        url = database_url or (demo_database_url() if demo else None)
        engine = open_app_database(url)  # migrated once, before any worker starts
        if demo:
            seeded = seed_demo(engine)
            sys.stdout.write(f"demo: log in as {seeded.email} with password {seeded.password}\n")
        engine.dispose()  # each worker opens its own
    except ServiceError as exc:
        _fail(str(exc), exc.code)
    n = workers or server.default_workers()
    sys.stdout.write(f"stridelift: serving on http://{host}:{port}/ ({n} worker{'s' if n > 1 else ''})\n")
    sys.stdout.flush()
    server.run(url, host=host, port=port, workers=n, demo=demo)


user_app = typer.Typer(help="Accounts on this server's database.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for scripts.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
DatabaseOption = Annotated[str | None, typer.Option(help="Database (default: $STRIDELIFT_DATABASE_URL).")]


@user_app.command("add")
def user_add(
    email: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = (
        False
    ),
    units: Annotated[str, typer.Option(help="kg or lb.")] = "kg",
    database_url: DatabaseOption = None,
) -> None:
    """Create an account (the password is read from standard input, never from the command line)."""
    from stridelift.services.accounts import FieldError, sign_up
    from stridelift.services.app_db import open_app_database
    from stridelift.services.errors import ServiceError

    if not password_stdin:
        _fail("give the password on standard input with --password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        account = sign_up(open_app_database(database_url), email, password, units)
    except FieldError as exc:
        _fail(f"{exc.field}: {exc}")
    except ServiceError as exc:
        _fail(str(exc), exc.code)
    sys.stdout.write(f"{account.email}\n")


@user_app.command("list")
def user_list(database_url: DatabaseOption = None) -> None:
    """Every account, one a line: email, then units."""
    from stridelift.services.accounts import list_accounts
    from stridelift.services.app_db import open_app_database
    from stridelift.services.errors import ServiceError

    try:
        found = list_accounts(open_app_database(database_url))
    except ServiceError as exc:
        _fail(str(exc), exc.code)
    for a in found:
        sys.stdout.write(f"{a.email}\t{a.units}\n")


@token_app.command("create")
def token_create(
    email: str,
    name: Annotated[str, typer.Option(help="A label to recognise the token by.")] = "",
    database_url: DatabaseOption = None,
) -> None:
    """A new API token for EMAIL, printed once, alone on the last line (only its hash is stored)."""
    from stridelift.services.accounts import create_token
    from stridelift.services.app_db import open_app_database
    from stridelift.services.errors import ServiceError

    try:
        token = create_token(open_app_database(database_url), email, name)
    except ServiceError as exc:
        _fail(str(exc), exc.code)
    sys.stderr.write("API token (shown once; send it as 'Authorization: Bearer TOKEN'):\n")
    sys.stdout.write(f"{token}\n")


def _plain_import(args: list[str]) -> int | None:
    """``stridelift import PATH...`` (no option at all) without typer's parsing: typer 0.29
    coerces every parameter through a pydantic TypeAdapter, and importing pydantic and building
    them cost 0.12 s of CPU, a sixth of importing one small file. Anything else (an option,
    ``--help``, no path) returns None and goes through typer as usual."""
    if args[:1] != ["import"] or len(args) < 2 or any(a.startswith("-") for a in args[1:]):
        return None
    try:
        import_([Path(a) for a in args[1:]])
    except typer.Exit as exc:
        return exc.exit_code
    return 0


def typer_main(args: list[str]) -> None:
    """Every command line the entry point (`stridelift.entry.main`) does not run itself."""
    code = _plain_import(args)
    if code is not None:
        sys.exit(code)
    app()


def main() -> None:
    """The entry point, for ``python -m stridelift.cli`` and callers that import it from here."""
    from stridelift.entry import main as entry_main

    entry_main()


if __name__ == "__main__":
    main()
