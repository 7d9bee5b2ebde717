"""The domain package must import only the standard library and itself (design.md)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import stridelift.domain

DOMAIN = Path(stridelift.domain.__file__).parent


def test_domain_imports_only_stdlib() -> None:
    offenders = []
    for path in DOMAIN.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if name.startswith("stridelift.domain") or top == "__future__":
                    continue
                if top not in sys.stdlib_module_names:
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []
