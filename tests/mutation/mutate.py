"""A small mutation harness for the planning and schedule-checking code.

    python tests/mutation/mutate.py [--max N] [--minutes M] [--seed S] [--tests T ...] [FILE ...]

Each mutant changes one thing in a copy of src/ (a comparison flipped or loosened, an integer or
float constant moved by one step, `and` swapped for `or`), then runs the tests that guard that code
with the copy first on PYTHONPATH. The guarding tests are, unless `--tests` names them, the unit
tests that import the mutated module (a checks_* module is also guarded by the checker tests, which
break every hard rule on purpose). A mutant the tests do not notice "survives" and is listed at the
end. The worktree itself is never modified. Time-boxed: the machine is shared.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FILES = [
    "src/stridelift/domain/periodization.py",
    "src/stridelift/domain/scheduling.py",
    "src/stridelift/domain/checks_schedule.py",
    "src/stridelift/domain/running.py",
]
TESTS = [
    "tests/unit/test_checks_schedule.py",
    "tests/unit/test_periodization_golden.py",
    "tests/unit/test_scheduling.py",
    "tests/unit/test_solver_reference.py",
]
SWAP = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}


@dataclass(frozen=True)
class Mutant:
    file: str
    line: int
    what: str
    index: int  # which mutation point of the file, in ast.walk order


def points(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    out: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and type(node.ops[0]) in SWAP:
            out.append((node, f"{type(node.ops[0]).__name__} -> {SWAP[type(node.ops[0])].__name__}"))
        elif isinstance(node, ast.BoolOp):
            out.append((node, "and <-> or"))
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float) and not isinstance(node.value, bool):
            out.append((node, f"{node.value!r} -> {node.value + 1!r}"))
    return out


def apply(tree: ast.AST, index: int) -> None:
    node, _ = points(tree)[index]
    if isinstance(node, ast.Compare):
        node.ops[0] = SWAP[type(node.ops[0])]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.Constant):
        node.value = node.value + 1


def skip(node: ast.AST, source_lines: list[str]) -> bool:
    """Docstrings, messages and type hints are not behaviour."""
    line = source_lines[getattr(node, "lineno", 1) - 1]
    return line.strip().startswith(("#", '"', 'f"')) or "__slots__" in line


def enumerate_mutants(files: list[str]) -> list[Mutant]:
    out = []
    for f in files:
        src = (ROOT / f).read_text()
        lines = src.splitlines()
        for i, (node, what) in enumerate(points(ast.parse(src))):
            if not skip(node, lines):
                out.append(Mutant(f, getattr(node, "lineno", 0), what, i))
    return out


def guarding_tests(file: str) -> list[str]:
    """The unit tests that import the module, so a mutant is judged by the tests written for it."""
    module = Path(file).stem
    pattern = re.compile(rf"\b(domain|stridelift)\.{module}\b|from stridelift\.domain import [^\n]*\b{module}\b")
    found = sorted(
        str(t.relative_to(ROOT)) for t in (ROOT / "tests" / "unit").glob("test_*.py") if pattern.search(t.read_text())
    )
    # a check module is judged also by the tests that name the rules its checks enforce
    checks = set(re.findall(r'@check\("([^"]+)"\)', (ROOT / file).read_text()))
    rules = tomllib.loads((ROOT / "src/stridelift/data/rules.toml").read_text())["rule"]
    ids = [r["id"] for r in rules if r.get("check") in checks]
    if ids:
        for t in sorted((ROOT / "tests" / "unit").glob("test_*.py")):
            rel = str(t.relative_to(ROOT))
            if rel not in found and any(f'"{i}"' in t.read_text() for i in ids):
                found.append(rel)
    if module.startswith("checks_") and "tests/unit/test_checker.py" not in found:
        found.append("tests/unit/test_checker.py")
    return found or TESTS


def run_one(m: Mutant, workdir: Path, tests: list[str]) -> bool:
    """True when the tests catch the mutant (fail)."""
    target = workdir / m.file
    original = (ROOT / m.file).read_text()
    tree = ast.parse(original)
    apply(tree, m.index)
    target.write_text(ast.unparse(tree))
    env = dict(os.environ, PYTHONPATH=str(workdir / "src"), STRIDELIFT_REFERENCE_EXAMPLES="60")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=300,
        )
        return proc.returncode != 0
    except subprocess.TimeoutExpired:
        return True
    finally:
        target.write_text(original)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    ap.add_argument("--max", type=int, default=40)
    ap.add_argument("--minutes", type=float, default=8.0)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--tests", nargs="*", default=None, help="the tests that judge every mutant (default: per file)")
    args = ap.parse_args()
    mutants = enumerate_mutants(args.files)
    random.Random(args.seed).shuffle(mutants)
    chosen = mutants[: args.max]
    deadline = time.monotonic() + args.minutes * 60
    survivors: list[Mutant] = []
    done = 0
    with tempfile.TemporaryDirectory(prefix="stridelift-mut-") as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "src", work / "src")
        for m in chosen:
            if time.monotonic() > deadline:
                break
            tests = args.tests if args.tests else (TESTS if args.files == DEFAULT_FILES else guarding_tests(m.file))
            caught = run_one(m, work, tests)
            done += 1
            print(f"{'killed ' if caught else 'SURVIVED'} {m.file}:{m.line} {m.what}", flush=True)
            if not caught:
                survivors.append(m)
    print(f"\n{done} of {len(mutants)} mutants run, {done - len(survivors)} killed, {len(survivors)} survived")
    for m in survivors:
        print(f"  survivor: {m.file}:{m.line} {m.what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
