"""Helpers for tests that throw broken input at the command line: a TOML writer (any JSON-like
value as TOML, hostile ones included), the CLI run in-process, and the one-line error check."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

from click.testing import Result
from typer.testing import CliRunner

from stridelift.cli import app


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)  # JSON's escapes are TOML's (a lone surrogate is invalid in both)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def to_toml(doc: dict[str, Any]) -> str:
    """One `key = value` line per top-level key, tables inline: any nesting, one writer."""
    return "".join(f"{json.dumps(str(k))} = {toml_value(v)}\n" for k, v in doc.items())


def write_profile(folder: Path, doc: dict[str, Any] | str, kind: str = "toml", name: str = "profile") -> Path:
    path = folder / f"{name}.{kind}"
    text = doc if isinstance(doc, str) else (json.dumps(doc) if kind == "json" else to_toml(doc))
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


_runner = CliRunner()


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    """The command line in this process (a subprocess costs a second of imports per call)."""
    return _runner.invoke(app, list(args), env=env, catch_exceptions=True)


def assert_one_line_error(r: Result, needle: str = "") -> str:
    """Exit 2, one line on stderr, no traceback, nothing on stdout; returns the line."""
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == 2, (r.exit_code, r.stderr, r.stdout[:300])
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("stridelift: error: ") and "Traceback" not in r.stderr
    assert r.stdout == ""
    assert needle in lines[0], lines[0]
    return lines[0]
