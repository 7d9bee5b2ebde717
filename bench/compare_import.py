"""Import one export with two versions of stridelift and compare what each stored, row by row.

Run from the repository root, with another checkout's ``src`` as the reference::

    python bench/compare_import.py --before /path/to/other/src [--export DIR] [--synthetic 500]

Each side runs ``stridelift import EXPORT`` in a fresh process (``PYTHONPATH`` set to its ``src``)
into its own fresh SQLite database; then every stored activity (all columns but row ids, import
ids and times of import), the aliases and each side's import counters are compared. Exit status 1
when anything differs. The synthetic export is ``bench/synthetic_export.py``'s.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {"id", "imported_at", "import_id", "activity_id"}


def run_import(src: Path, export: Path, db: Path) -> int:
    env = dict(os.environ, PYTHONPATH=str(src), STRIDELIFT_DATABASE_URL=f"sqlite:///{db}")
    proc = subprocess.run([sys.executable, "-m", "stridelift.cli", "import", str(export)], env=env, capture_output=True)
    return proc.returncode


def rows(db: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in SKIP]
        key = "content_sha256"
        return list(conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {key}"))


def counters(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute("SELECT files, size_bytes, imported, duplicates, skipped FROM imports ORDER BY id"))


def compare(before: Path, after: Path, export: Path) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        dbs = (Path(tmp) / "before.db", Path(tmp) / "after.db")
        codes = [run_import(src, export, db) for src, db in zip((before, after), dbs, strict=True)]
        same = codes[0] == codes[1]
        print(f"exit status before {codes[0]}, after {codes[1]}")
        for table in ("activities", "activity_aliases"):
            a, b = rows(dbs[0], table), rows(dbs[1], table)
            diff = sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b))
            print(f"{table}: {len(a)} rows before, {len(b)} after, {diff} differ")
            same &= diff == 0
        ca, cb = counters(dbs[0]), counters(dbs[1])
        print(f"import counters before {ca}, after {cb}")
        same &= ca == cb
    return same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="the reference checkout's src folder")
    ap.add_argument("--after", type=Path, default=ROOT / "src", help="this checkout's src folder (default)")
    ap.add_argument("--export", type=Path, default=ROOT / ".." / "shared" / "data")
    ap.add_argument("--synthetic", type=int, default=0, metavar="N")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = args.export
        if args.synthetic:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from synthetic_export import build

            export = Path(tmp) / "export"
            build(args.export, export, args.synthetic)
            print(f"synthetic export of {args.synthetic} files from {args.export}")
        same = compare(args.before.resolve(), args.after.resolve(), export)
    print("same" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
