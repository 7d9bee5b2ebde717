"""Decode many FIT files on several cores."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .decoder import FitFile, decode_fit
from .errors import FitError

Result = FitFile | FitError


def decode_path(path: str | os.PathLike[str]) -> Result:
    """Read and decode one file; any problem comes back as a FitError value, not raised."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FitError("io", f"cannot read {os.fspath(path)}: {exc.strerror or exc}")
    try:
        return decode_fit(data)
    except FitError as exc:
        return exc


def _decode_chunk(paths: list[str]) -> list[Result]:
    return [decode_path(p) for p in paths]


def decode_many(
    paths: Iterable[str | os.PathLike[str]], workers: int | None = None, chunk_size: int = 16
) -> Iterator[tuple[str, Result]]:
    """Yield ``(path, FitFile or FitError)`` for every path, in the order given.

    Work is spread over ``workers`` processes (default: the number of CPUs) in chunks of
    ``chunk_size`` files, so that small files do not pay one round-trip each. With
    ``workers=1`` everything runs in this process.
    """
    items = [os.fspath(p) for p in paths]
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if n_workers <= 1 or len(items) <= chunk_size:
        for p in items:
            yield p, decode_path(p)
        return
    chunks = [items[i : i + chunk_size] for i in range(0, len(items), chunk_size)]
    with ProcessPoolExecutor(max_workers=n_workers) as pool:
        for chunk, results in zip(chunks, pool.map(_decode_chunk, chunks), strict=True):
            yield from zip(chunk, results, strict=True)
