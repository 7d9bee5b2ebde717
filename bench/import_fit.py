"""Benchmark: decode the FIT corpus (../shared/data/fit, without invalid/) with several decoders.

Run from the repository root::

    PYTHONPATH=src python bench/import_fit.py [--repeat 3] [--only stridelift,fitfast] [--corpus DIR]

Every decoder reads every file from memory (file reading is not timed), ``--repeat`` times; the
best pass counts. A file is "read OK" when the decoder returns without raising and, for
garmin-fit-sdk, without reporting errors. Decoders that are not installed are listed as such.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "fit"


def _stridelift() -> Callable[[bytes], Any]:
    from stridelift.importers.fit import decode_fit

    return decode_fit


def _fitdecode() -> Callable[[bytes], Any]:
    import fitdecode  # type: ignore[import-untyped]

    def run(data: bytes) -> int:
        n = 0
        with fitdecode.FitReader(io.BytesIO(data)) as reader:
            for _frame in reader:
                n += 1
        return n

    return run


def _fitparse() -> Callable[[bytes], Any]:
    import fitparse  # type: ignore[import-untyped]

    def run(data: bytes) -> int:
        fit = fitparse.FitFile(io.BytesIO(data))
        fit.parse()
        return len(fit.messages)

    return run


def _garmin_sdk() -> Callable[[bytes], Any]:
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


def _pyfitparsernative() -> Callable[[bytes], Any]:
    import pyfitparsernative

    return pyfitparsernative.parse_fit_bytes


def _fitfast() -> Callable[[bytes], Any]:
    import fitfast

    return fitfast.parse


def _fitfast_records() -> Callable[[bytes], Any]:
    """fitfast's columnar reader of record messages only (less work than a full decode)."""
    import fitfast

    return fitfast.records


DECODERS: dict[str, Callable[[], Callable[[bytes], Any]]] = {
    "stridelift": _stridelift,
    "fitdecode": _fitdecode,
    "fitparse": _fitparse,
    "garmin-fit-sdk": _garmin_sdk,
    "pyfitparsernative": _pyfitparsernative,
    "fitfast": _fitfast,
    "fitfast.records": _fitfast_records,
}


def run_one(fn: Callable[[bytes], Any], files: list[tuple[str, bytes]], repeat: int) -> tuple[int, list[str], float]:
    best = float("inf")
    failed: list[str] = []
    for _ in range(repeat):
        failed = []
        t0 = time.perf_counter()
        for name, data in files:
            try:
                fn(data)
            except Exception:  # a decoder's failure on a file is what we count
                failed.append(name)
        best = min(best, time.perf_counter() - t0)
    return len(files) - len(failed), failed, best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated decoder names")
    ap.add_argument("--show-failures", action="store_true")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    paths = sorted(p for p in args.corpus.rglob("*.fit") if "invalid" not in p.relative_to(args.corpus).parts)
    files = [(str(p.relative_to(args.corpus)), p.read_bytes()) for p in paths]
    mb = sum(len(d) for _, d in files) / 1e6
    names = [n for n in DECODERS if not args.only or n in args.only.split(",")]
    print(f"corpus: {args.corpus.resolve()} — {len(files)} files, {mb:.2f} MB; best of {args.repeat} passes")
    rows: dict[str, tuple[int, list[str], float]] = {}
    missing: list[str] = []
    warnings.simplefilter("ignore")
    for name in names:
        try:
            fn = DECODERS[name]()
        except ImportError:
            missing.append(name)
            continue
        rows[name] = run_one(fn, files, args.repeat)
        print(f"  {name}: done in {rows[name][2]:.2f} s", file=sys.stderr)

    def rate(name: str) -> float | None:
        return mb / rows[name][2] if name in rows and rows[name][2] > 0 else None

    header = (
        f"{'decoder':18s} {'ok':>4s} {'failed':>6s} {'MB':>7s} {'seconds':>8s} {'MB/s':>8s} "
        f"{'x fitdecode':>11s} {'x stridelift':>12s}"
    )
    print(header)
    print("-" * len(header))
    for name in names:
        if name in missing:
            print(f"{name:18s} not installed")
            continue
        ok, failed, secs = rows[name]
        r = rate(name) or 0.0
        vs_fd = f"{r / rf:.1f}" if (rf := rate("fitdecode")) else "-"
        vs_sl = f"{r / rs:.2f}" if (rs := rate("stridelift")) else "-"
        print(f"{name:18s} {ok:4d} {len(failed):6d} {mb:7.2f} {secs:8.3f} {r:8.2f} {vs_fd:>11s} {vs_sl:>12s}")
    if args.show_failures:
        for name in names:
            if name in rows and rows[name][1]:
                print(f"{name} failed on: {', '.join(rows[name][1])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
