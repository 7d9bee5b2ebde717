"""Entry points (cli, render*, web) parse, call a service and render: they never reach into the
adapters (store, importers, exporters) themselves; the services layer does (issue 9, item 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import stridelift

PACKAGE = Path(stridelift.__file__).parent
ADAPTERS = ("stridelift.store", "stridelift.importers", "stridelift.exporters")


def _entry_points() -> list[Path]:
    files = [PACKAGE / "cli.py", PACKAGE / "entry.py", *PACKAGE.glob("render*.py")]
    web = PACKAGE / "web"
    if web.is_dir():
        files += sorted(web.rglob("*.py"))
    return files


def _package_of(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])


def _imported(source: str, package: str) -> list[str]:
    """Every module the source imports, anywhere (inside functions and TYPE_CHECKING too), with
    relative imports resolved against `package` and `from stridelift import store` counted."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = parts[: len(parts) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names.append(base)
            names += [f"{base}.{a.name}" for a in node.names]
    return names


def _reaches_adapter(names: list[str]) -> list[str]:
    return [n for n in names if any(n == a or n.startswith(a + ".") for a in ADAPTERS)]


def test_entry_points_do_not_import_adapters() -> None:
    paths = _entry_points()
    assert PACKAGE / "cli.py" in paths and len(paths) >= 3
    offenders = [
        f"{p.relative_to(PACKAGE)}: {name}"
        for p in paths
        for name in _reaches_adapter(_imported(p.read_text(encoding="utf-8"), _package_of(p)))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ("import stridelift.store\n", True),
        ("from stridelift import exporters\n", True),
        ("def f():\n    from stridelift.importers.gpx import x\n", True),
        ("from ..store import db\n", True),
        ("from . import deps\n", False),
        ("from stridelift.services import plan_profile\n", False),
    ],
)
def test_the_check_sees_every_spelling(source: str, bad: bool) -> None:
    assert bool(_reaches_adapter(_imported(source, "stridelift.web"))) is bad
