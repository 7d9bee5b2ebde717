"""The import use case with injected readers and walkers: batching, dedup, failures per file.

FIT files are built here with garmin-fit-sdk's Encoder; distinct ones are distinct activities
(each starts a day after the one before), since two files of the same time and sport would be
one activity recorded twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pytest
from garmin_fit_sdk import Encoder

import stridelift.importing as importing
from stridelift.domain.activity import Activity
from stridelift.importers.fit import read_activity
from stridelift.importing import ImportProgress, import_paths
from stridelift.store import ActivityRecord, ActivityRepository, open_database

FIT_EPOCH = 631065600
START = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
START_FIT = int(START.timestamp()) - FIT_EPOCH
_MAGIC = 0x5EED0000


@lru_cache(maxsize=4096)
def fit_template(n_records: int = 120, start_fit: int = START_FIT) -> bytes:
    """A small running activity starting at ``start_fit`` (FIT seconds)."""
    enc = Encoder()
    enc.write_mesg(
        {"mesg_num": 0, "type": 4, "manufacturer": 1, "product": 3113, "serial_number": _MAGIC,
         "time_created": start_fit}
    )  # fmt: skip
    for i in range(n_records):
        enc.write_mesg(
            {"mesg_num": 20, "timestamp": start_fit + i, "heart_rate": 120 + i % 40, "speed": 3.0 + (i % 10) / 10,
             "altitude": 100.0 + i / 5, "distance": 3.2 * i}
        )  # fmt: skip
    enc.write_mesg(
        {"mesg_num": 18, "timestamp": start_fit + n_records, "start_time": start_fit, "sport": 1, "sub_sport": 0,
         "total_elapsed_time": float(n_records), "total_timer_time": float(n_records),
         "total_distance": 3.2 * (n_records - 1), "avg_heart_rate": 140, "max_heart_rate": 159}
    )  # fmt: skip
    return bytes(enc.close())


def fit_variant(i: int, n_records: int = 120) -> bytes:
    """The template started ``i`` days later: a distinct activity (and content hash)."""
    return fit_template(n_records, START_FIT + i * 86400)


def write_fit_folder(folder: Path, count: int, n_records: int = 120) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        p = folder / f"run_{i:04d}.fit"
        p.write_bytes(fit_variant(i, n_records))
        paths.append(p)
    return paths


# -- fakes ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeSource:
    name: str
    data: bytes
    size: int


@dataclass(frozen=True)
class FakeSkipped:
    name: str
    reason: str


def fit_reader(name: str, data: bytes) -> Activity:
    return read_activity(data, name)


def crashing_reader(name: str, data: bytes) -> Activity:
    """Kills its process on one file, as a native crash or the OOM killer would."""
    if name == "boom.fit":
        os._exit(3)
    if name == "bug.fit":
        raise RuntimeError("reader bug\nwith a second line")
    return read_activity(data, name)


def folder_walker(paths: Sequence[Path]) -> Iterator[FakeSource | FakeSkipped]:
    for p in paths:
        for f in sorted(p.iterdir()) if p.is_dir() else [p]:
            if f.suffix == ".txt":
                yield FakeSkipped(f.name, "not an activity file (.txt)")
            else:
                data = f.read_bytes()
                yield FakeSource(f.name, data, len(data))


def folder_counter(paths: Sequence[Path]) -> tuple[int, int]:
    files = [f for p in paths for f in (sorted(p.iterdir()) if p.is_dir() else [p])]
    return len(files), sum(f.stat().st_size for f in files if f.suffix != ".txt")


def list_walker(items: list[FakeSource | FakeSkipped]) -> importing.Walker:
    def walk(paths: Sequence[Path]) -> Iterator[FakeSource | FakeSkipped]:
        yield from items

    return walk


class MemoryStore:
    """An ImportStore in memory that remembers every transaction (batch)."""

    def __init__(self) -> None:
        self.rows: dict[str, ActivityRecord] = {}
        self.batches: list[int] = []
        self.runs: dict[int, dict[str, int] | None] = {}

    def add_many(
        self,
        activities: Iterable[ActivityRecord],
        *,
        import_id: int | None = None,
        merged: list[tuple[str, str]] | None = None,
    ) -> tuple[int, int]:
        batch = list(activities)
        self.batches.append(len(batch))
        added = 0
        for r in batch:
            if r.content_sha256 not in self.rows:
                self.rows[r.content_sha256] = r
                added += 1
        return added, len(batch) - added

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        return {h for h in hashes if h in self.rows}

    def start_import(self, paths: Sequence[str]) -> int:
        self.runs[len(self.runs) + 1] = None
        return len(self.runs)

    def finish_import(self, import_id: int, **counts: int) -> None:
        self.runs[import_id] = counts


def sources(count: int, n_records: int = 60) -> list[FakeSource | FakeSkipped]:
    out: list[FakeSource | FakeSkipped] = []
    for i in range(count):
        data = fit_variant(i, n_records)
        out.append(FakeSource(f"run_{i:04d}.fit", data, len(data)))
    return out


# -- tests ------------------------------------------------------------------------------------------


def test_folder_with_bad_files_into_sqlite(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_fit_folder(folder, 20)
    (folder / "truncated.fit").write_bytes(fit_variant(99)[:-40])  # damaged: what is there is kept
    (folder / "notfit.fit").write_bytes(b"hello, this is no FIT file at all")
    (folder / "empty.fit").write_bytes(b"")
    (folder / "notes.txt").write_text("hello")
    repo = ActivityRepository(open_database(f"sqlite:///{tmp_path / 'db.sqlite'}"))
    seen: list[ImportProgress] = []
    report = import_paths(
        [folder],
        repo=repo,
        reader=fit_reader,
        walker=folder_walker,
        counter=folder_counter,
        workers=2,
        progress=seen.append,
    )
    assert (report.imported, report.duplicates, report.files) == (21, 0, 24)
    reasons = dict(report.skipped)
    assert set(reasons) == {"notfit.fit", "empty.fit", "notes.txt"}
    assert "not a FIT file" in reasons["notfit.fit"]
    assert "empty" in reasons["empty.fit"]
    assert all("\n" not in r for r in reasons.values())
    [(name, warning)] = report.notes
    assert name == "truncated.fit" and "truncated" in warning and "kept the" in warning
    assert repo.count() == 21
    [damaged] = [a for a in repo.list() if a.warnings]
    assert damaged.warnings == (warning,) and len(damaged.time_s) == 120  # every record; the session was cut
    assert seen[-1].files_done == seen[-1].files_total == 24
    assert seen[-1].bytes_done == seen[-1].bytes_total == report.bytes
    assert repo.unfinished_imports() == []

    again = import_paths([folder], repo=repo, reader=fit_reader, walker=folder_walker, workers=2)
    assert (again.imported, again.duplicates, len(again.skipped)) == (0, 21, 3)
    assert repo.count() == 21


def test_batches_are_bounded_by_count_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    store = MemoryStore()
    report = import_paths(
        ["x"], repo=store, reader=fit_reader, walker=list_walker(sources(120)), counter=None, workers=1
    )
    assert report.imported == 120
    assert store.batches == [50, 50, 20]
    assert store.runs[1] == {"files": 120, "size_bytes": report.bytes, "imported": 120, "duplicates": 0, "skipped": 0}

    monkeypatch.setattr(importing, "BATCH_BYTES", 1)  # every activity is a batch of its own
    store = MemoryStore()
    import_paths(["x"], repo=store, reader=fit_reader, walker=list_walker(sources(5)), counter=None, workers=1)
    assert store.batches == [1, 1, 1, 1, 1]


def test_same_bytes_twice_in_one_run_is_one_activity() -> None:
    items = sources(3)
    store = MemoryStore()
    report = import_paths(
        ["x"], repo=store, reader=fit_reader, walker=list_walker(items + items[:2]), counter=None, workers=1
    )
    assert (report.imported, report.duplicates, report.files) == (3, 2, 5)


def test_a_dead_worker_or_a_reader_bug_costs_only_files() -> None:
    items = sources(30)
    items[3] = FakeSource("boom.fit", b"anything", 8)  # first chunk: goes to the pool
    items[20] = FakeSource("bug.fit", b"anything", 8)
    store = MemoryStore()
    report = import_paths(["x"], repo=store, reader=crashing_reader, walker=list_walker(items), counter=None, workers=2)
    reasons = dict(report.skipped)
    assert reasons["boom.fit"] == importing.WORKER_DIED
    assert reasons["bug.fit"] == "internal error: RuntimeError: reader bug with a second line"
    # the files that were in flight with it are retried alone: only the culprit is lost
    assert len(report.skipped) == 2 and report.imported == 28
    assert store.runs[1] is not None


def test_a_failing_walker_ends_the_walk_but_keeps_what_was_read() -> None:
    def walk(paths: Sequence[Path]) -> Iterator[FakeSource | FakeSkipped]:
        yield from sources(3)
        raise PermissionError(13, "Permission denied", "/data/private")

    store = MemoryStore()
    report = import_paths(["/data"], repo=store, reader=fit_reader, walker=walk, counter=None, workers=1)
    assert report.imported == 3
    [(where, reason)] = report.skipped
    assert where == "/data" and reason.startswith("stopped reading: PermissionError")


def test_stored_bytes_are_not_decoded_again() -> None:
    calls: list[str] = []

    def counting_reader(name: str, data: bytes) -> Activity:
        calls.append(name)
        return read_activity(data, name)

    store = MemoryStore()
    items = sources(4)
    import_paths(["x"], repo=store, reader=counting_reader, walker=list_walker(items), counter=None, workers=1)
    assert len(calls) == 4
    report = import_paths(["x"], repo=store, reader=counting_reader, walker=list_walker(items), counter=None, workers=1)
    assert len(calls) == 4 and report.duplicates == 4 and report.imported == 0


def test_stored_hashes_are_looked_up_once_per_group_of_files() -> None:
    lookups: list[int] = []

    class CountingStore(MemoryStore):
        def known_hashes(self, hashes: Iterable[str]) -> set[str]:
            asked = list(hashes)
            lookups.append(len(asked))
            return super().known_hashes(asked)

    store = CountingStore()
    n = importing.GROUP_FILES + 10
    items = sources(n, n_records=10)
    import_paths(["x"], repo=store, reader=fit_reader, walker=list_walker(items[:30]), counter=None, workers=1)
    assert lookups == [30] and len(store.rows) == 30
    lookups.clear()
    seen: list[ImportProgress] = []
    report = import_paths(
        ["x"], repo=store, reader=fit_reader, walker=list_walker(items), counter=None, workers=1, progress=seen.append
    )
    assert lookups == [importing.GROUP_FILES, 10]  # not one per chunk of CHUNK_FILES
    assert (report.imported, report.duplicates) == (n - 30, 30)
    assert seen[-1].files_done == n and [p.files_done for p in seen] == sorted(p.files_done for p in seen)
