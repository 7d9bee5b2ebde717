"""Use case: import activity files, folders and export archives into the activity store.

The pipeline, and why it is shaped so:

- The walker (``importers.archive.iter_sources``) runs in this process and yields each file's
  bytes, or a ``Skipped`` entry for what it refused (zip bombs, path traversal...).
- A file whose exact bytes are stored already (same SHA-256) is a duplicate without decoding, so
  re-running an import after a kill or on a grown export is quick.
- Decoding (``importers.dispatch.read_activity_file``) is pure-Python CPU work that holds the
  GIL, so it runs in a process pool, in chunks of several files to amortise the round trips;
  workers also compress the streams, so only compact records come back. At most a few chunks
  are in flight, so memory stays bounded however large the export.
- Records are written in batches (``BATCH_ACTIVITIES`` activities or ``BATCH_BYTES`` of data),
  each batch ONE transaction with ``ON CONFLICT DO NOTHING`` on the content hash: a kill leaves
  only whole batches, and the next run adds the rest. A file is one row, so nothing partial is
  ever stored for it.
- Every per-file failure (bad file, decoder bug, a worker process that died) becomes a
  ``(name, one-line reason)`` entry in the report; nothing a file contains can stop the run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol, runtime_checkable

from stridelift.store.records import ActivityRecord, to_record

if TYPE_CHECKING:
    from stridelift.domain.activity import Activity
    from stridelift.importers.decoded import DecodedActivity
    from stridelift.importers.strava_csv import CsvActivity

BATCH_ACTIVITIES: Final = 50
BATCH_BYTES: Final = 20 * 1024 * 1024
CHUNK_FILES: Final = 8
CHUNK_BYTES: Final = 4 * 1024 * 1024
GROUP_FILES: Final = 8 * CHUNK_FILES  # files whose hashes are looked up in one query
GROUP_BYTES: Final = 4 * CHUNK_BYTES
INFLIGHT_PER_WORKER: Final = 2
WORKER_DIED: Final = "the decoding process died (out of memory, or a crash in native code); try this file alone"


@runtime_checkable
class Source(Protocol):
    """A file to read, as the walker yields it (``importers.archive.SourceFile``)."""

    @property
    def name(self) -> str: ...
    @property
    def data(self) -> bytes: ...
    @property
    def size(self) -> int: ...


class SkippedSource(Protocol):
    """Something the walker refused (``importers.archive.Skipped``)."""

    @property
    def name(self) -> str: ...
    @property
    def reason(self) -> str: ...


Reader = Callable[[str, bytes], "Activity | DecodedActivity"]
Walker = Callable[[Sequence[Path]], Iterable[Source | SkippedSource]]
Counter = Callable[[Sequence[Path]], tuple[int, int]]


class ImportStore(Protocol):
    """What the import needs from storage (``store.ActivityRepository`` is one)."""

    def add_many(
        self,
        activities: Iterable[ActivityRecord],
        *,
        import_id: int | None = None,
        merged: list[tuple[str, str]] | None = None,
    ) -> tuple[int, int]: ...
    def known_hashes(self, hashes: Iterable[str]) -> set[str]: ...
    def start_import(self, paths: Sequence[str]) -> int: ...
    def finish_import(
        self, import_id: int, *, files: int, size_bytes: int, imported: int, duplicates: int, skipped: int
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: int
    duplicates: int
    skipped: list[tuple[str, str]]  # (file name, one-line reason)
    files: int
    bytes: int
    seconds: float
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, what its reader left out or recovered)
    merged: list[tuple[str, str]] = field(default_factory=list)  # (file, which stored activity it is)

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0

    @property
    def files_per_s(self) -> float:
        return self.files / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where an import stands; totals are None when they could not be counted up front."""

    files_done: int
    bytes_done: int
    files_total: int | None
    bytes_total: int | None
    imported: int
    duplicates: int
    skipped: int


def read_with_dispatch(name: str, data: bytes) -> DecodedActivity:
    """The default reader (FIT, GPX, TCX, optionally gzipped), imported in the worker; its
    streams stay one array, which ``to_record`` compresses as it is."""
    from stridelift.importers.dispatch import read_decoded_file

    return read_decoded_file(name, data)


def walk_with_archive(paths: Sequence[Path]) -> Iterable[Source | SkippedSource]:
    from stridelift.importers.archive import iter_sources

    return iter_sources(paths)


def count_with_archive(paths: Sequence[Path]) -> tuple[int, int]:
    from stridelift.importers.archive import count_sources

    return count_sources(paths)


# ---------------------------------------------------------------------------------------------
# in the worker processes

Outcome = ActivityRecord | str  # a record, or the one-line reason the file was skipped


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "unknown error"


def _decode_one(reader: Reader, name: str, data: bytes) -> Outcome:
    from stridelift.importers.decoded import DecodedActivity

    try:
        read = reader(name, data)
        if isinstance(read, DecodedActivity):
            return to_record(read.figures, read.streams)
        return to_record(read)
    except MemoryError:
        return "out of memory while reading this file"
    except ValueError as exc:  # ImportFileError, FitError, a domain invariant: the file's fault
        text = str(exc)
        prefix = f"{getattr(exc, 'name', '') or name}: "
        return _one_line(text.removeprefix(prefix))
    except Exception as exc:  # a reader bug must cost one file, not the import
        return _one_line(f"internal error: {type(exc).__name__}: {exc}")


def _decode_chunk(reader: Reader, items: list[tuple[str, bytes]]) -> list[Outcome]:
    return [_decode_one(reader, name, data) for name, data in items]


def _init_worker() -> None:
    """Ctrl-C is for the main process, which stops the pool (workers would only print
    tracebacks); and on Linux a worker dies with its parent, so a ``kill -9`` of the importer
    leaves no orphans waiting on a queue nobody will ever write to."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        parent = multiprocessing.parent_process()
        if parent is not None and parent.pid != os.getppid():  # it died before the line above
            os._exit(1)


# ---------------------------------------------------------------------------------------------
# in this process


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork when this process has no other thread (fast: workers start with everything
    imported); otherwise forkserver (forking a threaded process can copy a held lock), or spawn
    where neither exists."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@dataclass(slots=True)
class _Chunk:
    names: list[str] = field(default_factory=list)
    datas: list[bytes] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    nbytes: int = 0


@dataclass(slots=True)
class _Run:
    """Mutable state of one import (kept apart so the steps below stay small)."""

    store: ImportStore
    import_id: int
    progress: Callable[[ImportProgress], None] | None
    files_total: int | None
    bytes_total: int | None
    files: int = 0
    size: int = 0
    files_done: int = 0
    bytes_done: int = 0
    imported: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    merged: list[tuple[str, str]] = field(default_factory=list)
    batch: list[ActivityRecord] = field(default_factory=list)
    batch_bytes: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # Strava's activity types, by file name
    read: set[str] = field(default_factory=set)  # files that gave an activity (or were known)

    def done(self, files: int, nbytes: int) -> None:
        self.files_done += files
        self.bytes_done += nbytes
        if self.progress is not None:
            self.progress(
                ImportProgress(
                    self.files_done,
                    self.bytes_done,
                    self.files_total,
                    self.bytes_total,
                    self.imported,
                    self.duplicates,
                    len(self.skipped),
                )
            )

    def take(self, chunk: _Chunk, outcomes: Sequence[Outcome]) -> None:
        for name, outcome in zip(chunk.names, outcomes, strict=True):
            if isinstance(outcome, str):
                self.skipped.append((name, outcome))
            else:
                self.read.add(name)
                label = self.labels.get(name)
                if label:
                    from stridelift.importers.gpx import sport_from_label

                    sport = sport_from_label(label)
                    if sport != "other" and sport != outcome.sport:  # the runner's own label wins
                        outcome = dataclasses.replace(outcome, sport=sport)
                self.notes.extend((name, warning) for warning in outcome.warnings)
                self.batch.append(outcome)
                self.batch_bytes += outcome.size
                if len(self.batch) >= BATCH_ACTIVITIES or self.batch_bytes >= BATCH_BYTES:
                    self.flush()
        self.done(len(chunk.names), chunk.nbytes)

    def flush(self) -> None:
        if not self.batch:
            return
        added, dups = self.store.add_many(self.batch, import_id=self.import_id, merged=self.merged)
        self.imported += added
        self.duplicates += dups
        self.batch = []
        self.batch_bytes = 0


def import_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    repo: ImportStore,
    reader: Reader = read_with_dispatch,
    walker: Walker = walk_with_archive,
    counter: Counter | None = count_with_archive,
    workers: int | None = None,
    executor: Executor | None = None,
    progress: Callable[[ImportProgress], None] | None = None,
) -> ImportReport:
    """Read every activity under ``paths`` into ``repo``; never raises for a bad file.

    ``reader`` must be picklable (a module-level function) when work goes to processes.
    ``workers`` defaults to the CPU count; 1 decodes in this process. An ``executor`` given by
    the caller (a Dask client's, say) is used instead of a local pool and left open.
    ``counter`` sizes the job for ``progress`` (only called when there is a progress callback).
    Database errors do propagate: without a store there is nothing sensible to continue with.
    """
    t0 = time.perf_counter()
    path_list = [Path(p) for p in paths]
    files_total = bytes_total = None
    if progress is not None and counter is not None:
        with contextlib.suppress(OSError, ValueError):  # the bar then has no end; the walk reports why
            files_total, bytes_total = counter(path_list)
    run = _Run(repo, repo.start_import([str(p) for p in path_list]), progress, files_total, bytes_total)
    csv_rows: list[CsvActivity] = []
    if walker is walk_with_archive:
        from stridelift.importers.archive import read_export_labels
        from stridelift.importers.strava_csv import read_export_rows

        with contextlib.suppress(OSError, ValueError):  # labels are a nicety; the walk reports real errors
            run.labels = read_export_labels(path_list)
        with contextlib.suppress(OSError, ValueError):
            csv_rows = read_export_rows(path_list)
    n_workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    pool: Executor | None = executor
    owned = executor is None  # our own pool: restarted if a worker dies, shut down at the end
    started = False
    inflight: deque[tuple[_Chunk, Future[list[Outcome]], Executor]] = deque()
    max_inflight = INFLIGHT_PER_WORKER * n_workers

    def ensure_pool() -> Executor:
        nonlocal pool, started
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=_pool_context(), initializer=_init_worker)
            started = True
        return pool

    def drop_pool() -> None:
        nonlocal pool
        if owned and pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            pool = None

    def isolate(chunk: _Chunk, dead: Executor | None) -> list[Outcome]:
        """After a worker died: every file it may have taken down is retried alone in a fresh
        pool, so only a file that kills a worker by itself is lost."""
        if pool is dead:  # not yet replaced (by the retries of another chunk it took down)
            drop_pool()
        if not owned:
            return [WORKER_DIED] * len(chunk.names)
        out: list[Outcome] = []
        for name, data in zip(chunk.names, chunk.datas, strict=True):
            try:
                out.extend(ensure_pool().submit(_decode_chunk, reader, [(name, data)]).result())
            except BrokenProcessPool:
                drop_pool()
                out.append(WORKER_DIED)
        return out

    def collect_oldest() -> None:
        chunk, fut, submitted_to = inflight.popleft()
        try:
            outcomes: Sequence[Outcome] = fut.result()
        except BrokenProcessPool:
            outcomes = isolate(chunk, submitted_to)
        except Exception as exc:  # a remote executor's failure: the chunk's files, not the run
            outcomes = [_one_line(f"could not decode: {type(exc).__name__}: {exc}")] * len(chunk.names)
        run.take(chunk, outcomes)

    def dispatch(group: _Chunk, *, last: bool) -> None:
        """Drop the group's files whose bytes are stored already (one query for the whole
        group: a query per chunk cost more than the chunk's database work), then decode the
        rest in chunks of ``CHUNK_FILES`` or ``CHUNK_BYTES``."""
        known = repo.known_hashes(group.hashes)
        chunks = [_Chunk()]
        for name, data, size, digest in zip(group.names, group.datas, group.sizes, group.hashes, strict=True):
            if digest in known:
                run.duplicates += 1
                run.read.add(name)
                continue
            todo = chunks[-1]
            if len(todo.names) >= CHUNK_FILES or todo.nbytes >= CHUNK_BYTES:
                todo = _Chunk()
                chunks.append(todo)
            todo.names.append(name)
            todo.datas.append(data)
            todo.sizes.append(size)
            todo.nbytes += size
        files = sum(len(c.names) for c in chunks)
        if files < len(group.names):
            run.done(len(group.names) - files, group.nbytes - sum(c.nbytes for c in chunks))
        for i, todo in enumerate(chunks):
            if todo.names:
                submit(todo, last=last and i == len(chunks) - 1)

    def submit(todo: _Chunk, *, last: bool) -> None:
        items = list(zip(todo.names, todo.datas, strict=True))
        # a single chunk in all (one file, a small folder) is not worth starting processes for
        if owned and (n_workers == 1 or (not started and last)):
            run.take(todo, _decode_chunk(reader, items))
            return
        while len(inflight) >= max_inflight:
            collect_oldest()
        target = ensure_pool()
        try:
            inflight.append((todo, target.submit(_decode_chunk, reader, items), target))
        except BrokenProcessPool:
            run.take(todo, isolate(todo, target))

    try:
        chunk = _Chunk()
        for item in _safe_walk(walker, path_list, run):
            run.files += 1
            if not isinstance(item, Source):
                run.skipped.append((item.name, _one_line(item.reason)))
                run.done(1, 0)
                continue
            run.size += item.size
            chunk.names.append(item.name)
            chunk.datas.append(item.data)
            chunk.sizes.append(item.size)
            chunk.hashes.append(hashlib.sha256(item.data).hexdigest())
            chunk.nbytes += item.size
            if len(chunk.names) >= GROUP_FILES or chunk.nbytes >= GROUP_BYTES:
                dispatch(chunk, last=False)
                chunk = _Chunk()
        if chunk.names:
            dispatch(chunk, last=True)
        while inflight:
            collect_oldest()
        if csv_rows:
            _add_summary_only(run, csv_rows)
        run.flush()
    finally:
        drop_pool()
    repo.finish_import(
        run.import_id,
        files=run.files,
        size_bytes=run.size,
        imported=run.imported,
        duplicates=run.duplicates,
        skipped=len(run.skipped),
    )
    return ImportReport(
        imported=run.imported,
        duplicates=run.duplicates,
        skipped=run.skipped,
        files=run.files,
        bytes=run.size,
        seconds=time.perf_counter() - t0,
        notes=run.notes,
        merged=run.merged,
    )


def _add_summary_only(run: _Run, rows: list[CsvActivity]) -> None:
    """Strava rows whose file gave no activity become summary-only activities (``strava_csv``)."""
    from stridelift.importers.strava_csv import summaries_for_unread

    activities, run.skipped = summaries_for_unread(rows, run.read, run.skipped)
    for activity in activities:
        record = to_record(activity)
        run.notes.extend((activity.source, w) for w in activity.warnings)
        run.batch.append(record)
        run.batch_bytes += record.size
        if len(run.batch) >= BATCH_ACTIVITIES:
            run.flush()


def _safe_walk(walker: Walker, paths: Sequence[Path], run: _Run) -> Iterator[Source | SkippedSource]:
    """The walker's items; if the walker itself fails, that is reported and the walk ends."""
    it = iter(walker(paths))
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except Exception as exc:
            where = ", ".join(str(p) for p in paths)
            run.skipped.append((where, _one_line(f"stopped reading: {type(exc).__name__}: {exc}")))
            return
        yield item
