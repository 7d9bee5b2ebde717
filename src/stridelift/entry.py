"""The `stridelift` command's entry point. The common ``stridelift plan PROFILE [--format F] [-o PATH]``
runs here without importing typer: typer's import and its parameter coercion (a pydantic TypeAdapter
per parameter) were about a fifth of that process's CPU (bench/plan.py). Every other command line
goes to the typer app in `stridelift.cli`, whose `plan` command runs the same `run_plan`.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import NoReturn

PLAN_FORMATS = ("json", "md", "ics", "fit", "all")
WORKOUTS_FOLDER = "workouts"  # where `plan --format all` puts the FIT workouts
_PLAN_OPTIONS = {"--format": "format", "-f": "format", "--output": "output", "-o": "output"}
NO_SELF_CHECK = "--no-self-check"  # skip the hard-rule check of the new plan (about 0.1-0.2 s)


def fail(message: str, code: int = 2) -> NoReturn:
    """One plain line on stderr (never wrapped, never a traceback), then the exit code."""
    from stridelift.safe_text import printable  # messages may quote file names: no escape sequences

    sys.stderr.write(f"stridelift: error: {printable(' '.join(message.split()))}\n")
    raise SystemExit(code)


def run_plan(
    profile: Path,
    fmt: str,
    output: Path | None,
    history: list[str] | None = None,
    previous: Path | None = None,
    self_check: bool = True,
) -> None:
    """`stridelift plan`: plan the profile and write the documents (or one to standard output). With
    `self_check` the checker's hard rules run over the new plan first: a rule it fails is named on stderr
    and in the plan's warnings (the plan is still written, exit 0)."""
    from stridelift.services.exports import (
        plan_document,
        plan_documents,
        read_previous,
        write_atomic,
        write_workout_folder,
    )
    from stridelift.services.planning import INPUT_ERRORS, plan_profile

    try:
        result = plan_profile(profile, history, check=self_check)
        before = read_previous(previous) if previous else None
    except INPUT_ERRORS as exc:
        fail(str(exc))
    p, athlete = result.plan, result.athlete
    if result.self_check_failed:
        from stridelift.safe_text import printable

        sys.stderr.write(
            f"stridelift: warning: {printable(str(profile))}: the plan breaks its own hard rules: "
            f"{', '.join(result.self_check_failed)} (run `stridelift check` on it for the dates)\n"
        )
    try:
        if fmt in ("all", "fit"):
            if output is None:
                what = (
                    "--format all needs -o FOLDER"
                    if fmt == "all"
                    else ("--format fit needs -o FOLDER (one workout file per session)")
                )
                fail(what)
            if output.exists() and not output.is_dir():
                fail(f"{output} exists and is not a folder")
            if fmt == "fit":
                written = write_workout_folder(output, p, athlete.id)
            else:
                docs = plan_documents(p, tz=athlete.timezone, athlete_id=athlete.id, previous=before)
                written = []
                for name, blob in docs.items():
                    write_atomic(output / name, blob)
                    written.append(output / name)
                # the watch workouts too, in their own folder (one file a session, stale ones replaced)
                if write_workout_folder(output / WORKOUTS_FOLDER, p, athlete.id):
                    written.append(output / WORKOUTS_FOLDER)
        else:
            blob = plan_document(p, fmt, tz=athlete.timezone, athlete_id=athlete.id, previous=before)
            if output is None:
                sys.stdout.buffer.write(blob)
                sys.stdout.flush()
                return
            if output.is_dir():
                fail(f"{output} is a folder; give a file name")
            write_atomic(output, blob)
            written = [output]
    except OSError as exc:
        fail(f"cannot write output: {exc.strerror or exc}")
    from stridelift.render import print_summary

    print_summary(result, written)


def plain_plan_args(args: list[str]) -> tuple[Path, str, Path | None] | None:
    """PROFILE, format and output of ``plan PROFILE [--format F] [-o PATH]`` in any order, or None
    for anything else (another option, a repeated one, ``--opt=value``, ``--help``, an unknown
    format, a value that looks like an option): typer parses those, and its messages stay its own."""
    if args[:1] != ["plan"]:
        return None
    profile: str | None = None
    opts: dict[str, str] = {}
    rest = args[1:]
    i = 0
    while i < len(rest):
        name = _PLAN_OPTIONS.get(rest[i])
        if name is not None and name not in opts and i + 1 < len(rest) and not rest[i + 1].startswith("-"):
            opts[name] = rest[i + 1]
            i += 2
        elif profile is None and not rest[i].startswith("-"):
            profile = rest[i]
            i += 1
        else:
            return None
    fmt = opts.get("format", "json")
    if profile is None or fmt not in PLAN_FORMATS:
        return None
    output = opts.get("output")
    return Path(profile), fmt, Path(output) if output is not None else None


def _plain_plan(profile: Path, fmt: str, output: Path | None, self_check: bool = True) -> int:
    """`run_plan` with the exit codes typer's standalone mode gives (130 on Ctrl-C; 1, silently, when
    the reader of standard output has gone, as in ``stridelift plan p.toml | head``)."""
    try:
        run_plan(profile, fmt, output, self_check=self_check)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        devnull = os.open(os.devnull, os.O_WRONLY)  # Python's advice: nothing more to flush at exit
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def few_collections() -> None:
    """For `plan` and `import`, which run once and exit: what is loaded by now is kept out of the
    garbage collector's sight and the collector runs rarely. Importing modules, planning and
    decoding allocate many objects and few cycles; the default thresholds spent about a tenth of
    `plan` (bench/plan.py's process timing) and 0.4 s of CPU of a 500-file import (861
    collections; 4 with these thresholds) in collections. The import's worker processes are
    forked with these settings, and the frozen objects are not touched by their collections (so
    their pages stay shared). Here, not in the command, so a test that invokes the command in its
    own process (typer's CliRunner) keeps its collector as it was."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)


def main() -> None:
    args = sys.argv[1:]
    skip = args[:1] == ["plan"] and args.count(NO_SELF_CHECK) == 1
    plain = plain_plan_args([a for a in args if a != NO_SELF_CHECK] if skip else args)
    if plain is not None:
        few_collections()
        sys.exit(_plain_plan(*plain, self_check=not skip))
    from stridelift.cli import typer_main

    if args[:1] in (["plan"], ["import"]):
        few_collections()  # after typer's import, which then stays out of the collector's sight
    typer_main(args)


if __name__ == "__main__":
    main()
