"""Benchmark: FIT decoders side by side, then the whole ``stridelift import`` as a user runs it.

Run from the repository root::

    python bench/import_fit.py [--corpus DIR] [--export PATH] [--synthetic 500] [--repeat 3] [--only ...]

1. Decoders: every decoder reads every FIT file of the corpus (../shared/data/fit without
   invalid/) from memory. The decoders are interleaved file by file (each file is read by each
   decoder in turn, the order rotating), so a change in the machine's load hits all of them
   alike and their ratios do not drift; the best of ``--repeat`` passes counts.
2. Whole import: ``stridelift import EXPORT`` in a fresh process into a fresh SQLite database
   (process start, walk, gzip, decoding on all cores, summaries, streams, SQLAlchemy), against a
   plain single-process fitdecode pass over the export's FIT files (gunzipped beforehand, not
   timed). The two alternate ``--import-repeat`` times and the ratio is taken per pair, so a
   busy machine slows both sides of each ratio. Also: importing the same export again (all
   duplicates), one small file into a fresh database, and the bare process start.
3. Stages: the import's work in one process and one core, split by stage in CPU seconds (a busy
   machine distorts them far less than wall time), to show where the time goes: the start (the
   modules ``stridelift import`` imports, in a fresh process; opening a new database), reading
   and gzip, FIT decoding, FIT to activity, GPX/TCX, statistics and streams, the database.

``EXPORT`` defaults to ../shared/data (FIT, GPX and TCX files); give a real export archive with
``--export``. fitdecode and fitparse are bench-only dependencies (``pip install -e '.[bench]'``);
decoders that are not installed are listed as such.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / ".." / "shared" / "data" / "fit"
DEFAULT_EXPORT = ROOT / ".." / "shared" / "data"
Decode = Callable[[bytes], Any]


def _stridelift() -> Decode:
    from stridelift.importers.fit import decode_fit

    return decode_fit


def _fitdecode() -> Decode:
    fitdecode = importlib.import_module("fitdecode")

    def run(data: bytes) -> int:
        n = 0
        with fitdecode.FitReader(io.BytesIO(data)) as reader:
            for _frame in reader:
                n += 1
        return n

    return run


def _fitparse() -> Decode:
    fitparse = importlib.import_module("fitparse")

    def run(data: bytes) -> int:
        fit = fitparse.FitFile(io.BytesIO(data))
        fit.parse()
        return len(fit.messages)

    return run


def _garmin_sdk() -> Decode:
    from garmin_fit_sdk import Decoder, Stream

    def run(data: bytes) -> Any:
        stream = Stream.from_byte_array(bytearray(data))
        try:
            messages, errors = Decoder(stream).read()
        finally:
            stream.close()
        if errors:
            raise RuntimeError(str(errors[0]))
        return messages

    return run


def _module_function(module: str, name: str) -> Callable[[], Decode]:
    def load() -> Decode:
        return cast(Decode, getattr(importlib.import_module(module), name))

    return load


DECODERS: dict[str, Callable[[], Decode]] = {
    "stridelift": _stridelift,
    "fitdecode": _fitdecode,
    "fitparse": _fitparse,
    "garmin-fit-sdk": _garmin_sdk,
    "pyfitparsernative": _module_function("pyfitparsernative", "parse_fit_bytes"),
    "fitfast": _module_function("fitfast", "parse"),
    "fitfast.records": _module_function("fitfast", "records"),  # columnar records only: less work
}


# -- 1. decoders, interleaved ----------------------------------------------------------------------


def interleaved(
    decoders: dict[str, Decode], files: list[tuple[str, bytes]], repeat: int
) -> dict[str, tuple[float, list[str]]]:
    """Best total seconds per decoder over ``repeat`` passes, and the files each failed on."""
    names = list(decoders)
    best = dict.fromkeys(names, float("inf"))
    failed: dict[str, list[str]] = {n: [] for n in names}
    for _ in range(repeat):
        totals = dict.fromkeys(names, 0.0)
        failed = {n: [] for n in names}
        for i, (fname, data) in enumerate(files):
            for k in range(len(names)):
                name = names[(i + k) % len(names)]
                t0 = time.perf_counter()
                try:
                    decoders[name](data)
                except Exception:  # a decoder's failure on a file is what we count
                    failed[name].append(fname)
                totals[name] += time.perf_counter() - t0
        for n in names:
            best[n] = min(best[n], totals[n])
    return {n: (best[n], failed[n]) for n in names}


def decoders_table(args: argparse.Namespace) -> None:
    paths = sorted(p for p in args.corpus.rglob("*.fit") if "invalid" not in p.relative_to(args.corpus).parts)
    files = [(str(p.relative_to(args.corpus)), p.read_bytes()) for p in paths]
    mb = sum(len(d) for _, d in files) / 1e6
    wanted = [n for n in DECODERS if not args.only or n in args.only.split(",")]
    loaded: dict[str, Decode] = {}
    missing: list[str] = []
    for name in wanted:
        try:
            loaded[name] = DECODERS[name]()
        except ImportError:
            missing.append(name)
    print(f"1. decoders — {args.corpus.resolve()}: {len(files)} files, {mb:.2f} MB")
    print(f"   interleaved file by file, best of {args.repeat} passes")
    rows = interleaved(loaded, files, args.repeat)
    fd = rows.get("fitdecode")
    sl = rows.get("stridelift")
    header = f"{'decoder':18s} {'ok':>4s} {'failed':>6s} {'seconds':>8s} {'MB/s':>8s}"
    header += f" {'x fitdecode':>11s} {'x stridelift':>12s}"
    print(header)
    print("-" * len(header))
    for name in wanted:
        if name in missing:
            print(f"{name:18s} not installed")
            continue
        secs, failed = rows[name]
        vs_fd = f"{fd[0] / secs:.1f}" if fd and secs > 0 else "-"
        vs_sl = f"{sl[0] / secs:.2f}" if sl and secs > 0 else "-"
        ok = len(files) - len(failed)
        print(f"{name:18s} {ok:4d} {len(failed):6d} {secs:8.3f} {mb / secs:8.2f} {vs_fd:>11s} {vs_sl:>12s}")
        if args.show_failures and failed:
            print(f"    failed on: {', '.join(failed)}")


# -- 2. the whole import, as a user runs it --------------------------------------------------------


def export_fit_bytes(export: Path) -> list[bytes]:
    """The FIT files of an export (folder or zip, gunzipped), as fitdecode would be given them."""
    from stridelift.importers.archive import SourceFile, iter_sources
    from stridelift.importers.dispatch import activity_format, gunzip

    out = []
    for item in iter_sources([export]):
        if isinstance(item, SourceFile) and activity_format(item.name) == ".fit":
            data = item.data
            out.append(gunzip(data, item.name) if data[:2] == b"\x1f\x8b" else data)
    return out


def fitdecode_pass(files: list[bytes]) -> tuple[float, float]:
    """Wall and CPU seconds of one plain fitdecode pass in this process."""
    run = _fitdecode()
    t0, c0 = time.perf_counter(), time.process_time()
    for data in files:
        with contextlib.suppress(Exception):  # fitdecode refuses some files; its time still counts
            run(data)
    return time.perf_counter() - t0, time.process_time() - c0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli(args: list[str], db: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (the process and its decoding workers) and exit code of a command."""
    env = dict(os.environ, STRIDELIFT_DATABASE_URL=f"sqlite:///{db}")
    t0, c0 = time.perf_counter(), _children_cpu()
    proc = subprocess.run(
        [sys.executable, "-m", "stridelift.cli", *args], env=env, capture_output=True, check=False
    )
    return time.perf_counter() - t0, _children_cpu() - c0, proc.returncode


def whole_import(args: argparse.Namespace) -> None:
    export: Path = args.export
    fits = export_fit_bytes(export)
    fit_mb = sum(map(len, fits)) / 1e6
    try:
        _fitdecode()
    except ImportError:
        print("\n2. whole import: fitdecode is not installed (pip install -e '.[bench]')")
        return
    print(f"\n2. whole import — {export.resolve()} ({len(fits)} FIT files, {fit_mb:.2f} MB unpacked)")
    ratios: list[float] = []
    imports: list[tuple[float, float]] = []
    fds: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.import_repeat):
            db = Path(tmp) / f"run{i}.db"
            fd = fitdecode_pass(fits)
            secs, cpu, code = cli(["import", str(export)], db)
            fds.append(fd)
            imports.append((secs, cpu))
            ratios.append(fd[0] / secs)
            print(f"  pass {i + 1}: fitdecode {fd[0]:.2f} s, stridelift import {secs:.2f} s (exit {code})", end="")
            print(f": {fd[0] / secs:.1f}x")
        again = cli(["import", str(export)], Path(tmp) / "run0.db")
        one = _small_file(Path(tmp))
        single = cli(["import", str(one)], Path(tmp) / "single.db")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import stridelift.cli"], check=True)
        start = time.perf_counter() - t0
    med = statistics.median
    walls = [w for w, _ in imports]
    print(f"{'':38s} {'wall':>8s} {'CPU':>8s}")
    print(f"{'whole import (fresh database), best':38s} {min(walls):7.2f}s {min(c for _, c in imports):7.2f}s")
    fd_best = (min(w for w, _ in fds), min(c for _, c in fds))
    print(f"{'plain fitdecode pass, one process, best':38s} {fd_best[0]:7.2f}s {fd_best[1]:7.2f}s")
    spread = f"{min(ratios):.1f}-{max(ratios):.1f}x"
    print(f"{'ratio of wall times, per pair':38s} {med(ratios):7.1f}x fitdecode (median; {spread})")
    cpu_ratio = min(c for _, c in fds) / min(c for _, c in imports)
    print(f"{'ratio of CPU times (all processes)':38s} {cpu_ratio:7.1f}x")
    print(f"{'the same export again (all duplicates)':38s} {again[0]:7.2f}s {again[1]:7.2f}s")
    print(f"{'one small file, fresh database':38s} {single[0]:7.2f}s {single[1]:7.2f}s")
    print(f"{'process start (import stridelift.cli)':38s} {start:7.2f}s")
    load1, load5, _ = os.getloadavg()
    print(f"{'load average now (1 min, 5 min)':38s} {load1:7.1f} {load5:7.1f} on {os.cpu_count()} cores")


def _small_file(tmp: Path) -> Path:
    from garmin_fit_sdk import Encoder

    enc = Encoder()
    t0 = 1_100_000_000
    enc.write_mesg({"mesg_num": 0, "type": 4, "manufacturer": 1, "time_created": t0})
    for i in range(600):
        enc.write_mesg({"mesg_num": 20, "timestamp": t0 + i, "heart_rate": 140, "speed": 3.0, "distance": 3.0 * i})
    enc.write_mesg({"mesg_num": 18, "timestamp": t0 + 600, "start_time": t0, "sport": 1, "total_elapsed_time": 600.0})
    path = tmp / "one.fit.gz"
    path.write_bytes(gzip.compress(bytes(enc.close())))
    return path


# -- 3. stages ---------------------------------------------------------------------------------------


_START_MODULES = (
    "stridelift.cli, stridelift.services.imports, stridelift.importing, stridelift.importers.archive, "
    "stridelift.store, stridelift.store.sqlite_import, stridelift.render_import, stridelift.config"
)


def _import_cpu() -> float:
    """CPU seconds a fresh process spends importing what ``stridelift import`` imports (best of 3)."""
    code = f"import time\nc = time.process_time()\nimport {_START_MODULES}\nprint(time.process_time() - c)"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True) for _ in range(3)]
    return min(float(r.stdout) for r in runs)


def stages(args: argparse.Namespace) -> None:
    from stridelift.importers.archive import SourceFile, iter_sources
    from stridelift.importers.dispatch import activity_format, gunzip
    from stridelift.importers.errors import ImportFileError
    from stridelift.importers.fit import FitError, decode_fit, decoded_activity
    from stridelift.importers.fit.activity import IMPORT_FIELDS
    from stridelift.importers.gpx import read_gpx_decoded
    from stridelift.importers.tcx import read_tcx_decoded
    from stridelift.store.records import ActivityRecord, to_record
    from stridelift.store.sqlite_import import open_import_store

    spent: dict[str, float] = dict.fromkeys(
        (
            "start: imports",
            "start: new database",
            "walk and read",
            "gzip",
            "FIT decode",
            "FIT to activity",
            "GPX/TCX",
            "statistics and streams",
            "database",
        ),
        0.0,
    )
    spent["start: imports"] = _import_cpu()
    clock = time.process_time  # CPU of this process: a busy machine slows it far less than the wall clock
    with tempfile.TemporaryDirectory() as tmp:
        t0 = clock()
        repo = open_import_store(f"sqlite:///{Path(tmp) / 'stages.db'}")  # the store `import` uses for a file
        assert repo is not None
        spent["start: new database"] = clock() - t0
        batch: list[ActivityRecord] = []
        walk = iter(iter_sources([args.export]))
        while True:
            t0 = clock()
            item = next(walk, None)
            spent["walk and read"] += clock() - t0
            if item is None:
                break
            if not isinstance(item, SourceFile):
                continue
            fmt = activity_format(item.name)
            data = item.data
            t0 = clock()
            if data[:2] == b"\x1f\x8b":
                try:
                    data = gunzip(data, item.name)
                except ImportFileError:
                    continue
            spent["gzip"] += clock() - t0
            try:
                t0 = clock()
                if fmt == ".fit":
                    fit = decode_fit(data, recover=True, only=IMPORT_FIELDS)
                    t1 = clock()
                    spent["FIT decode"] += t1 - t0
                    activity = decoded_activity(fit, item.name)
                    spent["FIT to activity"] += clock() - t1
                else:
                    activity = (read_gpx_decoded if fmt == ".gpx" else read_tcx_decoded)(data, item.name)
                    spent["GPX/TCX"] += clock() - t0
            except (FitError, ImportFileError, ValueError):
                continue
            t0 = clock()
            batch.append(to_record(activity.figures, activity.streams))
            spent["statistics and streams"] += clock() - t0
            if len(batch) >= 50:
                t0 = clock()
                repo.add_many(batch)
                spent["database"] += clock() - t0
                batch = []
        t0 = clock()
        repo.add_many(batch)
        spent["database"] += clock() - t0
        repo.close()
    total = sum(spent.values())
    print(f"\n3. stages — one process, one core, CPU seconds: {total:.2f} s")
    for name, secs in spent.items():
        print(f"  {name:24s} {secs:7.3f} s {100 * secs / total if total else 0:5.1f}%")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--export", type=Path, default=DEFAULT_EXPORT, help="folder or export archive to import")
    ap.add_argument("--repeat", type=int, default=3, help="decoder passes (best counts)")
    ap.add_argument("--import-repeat", type=int, default=3, help="alternating fitdecode/import pairs")
    ap.add_argument("--only", default="", help="comma-separated decoder names")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: decoders,import,stages")
    ap.add_argument("--show-failures", action="store_true")
    ap.add_argument(
        "--synthetic",
        type=int,
        default=0,
        metavar="N",
        help="import a synthetic export of N re-timestamped copies of the export's files (bench/synthetic_export.py)",
    )
    args = ap.parse_args(argv)
    skip = set(args.skip.split(",")) if args.skip else set()
    for what, path in (("corpus", args.corpus), ("export", args.export)):
        if not path.exists():
            print(f"{what} not found: {path}", file=sys.stderr)
            return 2
    warnings.simplefilter("ignore")
    load1, load5, _ = os.getloadavg()
    print(f"load average {load1:.1f} (1 min), {load5:.1f} (5 min) on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        if args.synthetic:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from synthetic_export import build

            size = build(args.export, Path(tmp) / "export", args.synthetic)
            args.export = Path(tmp) / "export"
            print(f"synthetic export: {args.synthetic} files, {size / 1e6:.1f} MB, from {args.export}")
        return _run(args, skip)


def _run(args: argparse.Namespace, skip: set[str]) -> int:
    if "decoders" not in skip:
        decoders_table(args)
    if "import" not in skip:
        whole_import(args)
    if "stages" not in skip:
        stages(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
