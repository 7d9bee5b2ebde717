"""The child side of :mod:`tests.hostile.limits`: read what a job names and print one JSON line.

Jobs: ``{"read": PATH, "name": NAME}`` reads one file through ``read_activity_file``;
``{"walk": [PATHS...]}`` lists what ``iter_sources`` yields (names, reasons, sizes) without keeping
the bytes; ``{"fuzz": NAME}`` runs one of ``tests.property.fit_read_fuzz.RUNS``. A MemoryError
is caught and reported as such, so the test fails with that word in it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _read(job: dict[str, Any]) -> dict[str, Any]:
    from stridelift.importers.dispatch import read_activity_file
    from stridelift.importers.errors import ImportFileError

    path = Path(job["read"])
    try:
        act = read_activity_file(job.get("name", path.name), path.read_bytes())
    except ImportFileError as exc:
        return {"error": exc.reason, "message": str(exc)}
    return {
        "start": act.start.isoformat(),
        "duration_s": act.duration_s,
        "samples": len(act.time_s),
        "time_s_last": act.time_s[-1] if act.time_s else None,
        "warnings": list(act.warnings),
        "sport": act.sport,
    }


def _walk(job: dict[str, Any]) -> dict[str, Any]:
    from stridelift.importers.archive import Skipped, iter_sources

    files: list[list[Any]] = []
    skipped: list[list[str]] = []
    for item in iter_sources([Path(p) for p in job["walk"]], **job.get("limits", {})):
        if isinstance(item, Skipped):
            skipped.append([item.name, item.reason])
        else:
            files.append([item.name, len(item.data)])
    return {"files": files, "skipped": skipped}


def main(arg: str) -> None:
    job: dict[str, Any] = json.loads(arg)
    try:
        if "fuzz" in job:
            from tests.property.fit_read_fuzz import RUNS

            RUNS[job["fuzz"]]()  # Hypothesis raises on a falsifying example: a non-zero exit
            answer = {"ok": True}
        else:
            answer = _read(job) if "read" in job else _walk(job)
    except MemoryError:
        answer = {"error": "MemoryError"}
    print(json.dumps(answer))
