"""Walk what a user points the importer at: files, folders and zip exports (Strava, Garmin).

Yields each activity file's bytes, or a Skipped saying why something was not read. Zip members are
read into memory, never extracted, so a hostile member name cannot write anywhere; such names are
still refused, with zip bombs (declared and actual size, ratio), encrypted members, nested zips
deeper than one level and corrupt archives. Files that are not activities (a Garmin export's JSON,
photos, hidden files) are passed over quietly, unless the user named that very file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Final

from .dispatch import MAX_RATIO, RATIO_FREE_BYTES, activity_format
from .regular import open_regular, read_regular
from .zipgate import too_many_entries

MAX_MEMBER_BYTES: Final = 128 * 1024 * 1024  # a 24 h ultra is ~20 MB of GPX; the XML readers stop at 128 MB
MAX_TOTAL_BYTES: Final = 8 * 1024 * 1024 * 1024  # per archive, nested zips included
# per archive, nested zips included: what it may inflate to, whatever each member's ratio (activity
# exports inflate 2-15:1, so six members at 181:1 each are refused once the whole passes 30:1)
MAX_ARCHIVE_RATIO: Final = 30
ARCHIVE_FREE_BYTES: Final = 256 * 1024 * 1024  # archives inflating to this little are never called bombs
MAX_MEMBERS: Final = 50_000  # entries per archive, nested zips included (ten years of twice-daily runs ~ 7,300)
MAX_CSV_BYTES: Final = 64 * 1024 * 1024
_CHUNK: Final = 1024 * 1024
_ENCRYPTED: Final = 0x1
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One activity file's bytes.

    ``name`` is its path, with zip members as ``archive.zip/inner/path`` (so the suffix still
    tells the format); ``size`` is its share of :func:`count_sources`' byte total, for progress:
    ``len(data)`` except inside a nested zip, where it is the member's compressed size.
    """

    name: str
    data: bytes
    size: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something that was not read, and a one-line reason to show the user."""

    name: str
    reason: str


@dataclass
class _Limits:
    member: int
    total: int
    ratio: int
    members: int = MAX_MEMBERS
    used: int = 0  # bytes read so far from the current top-level archive
    entries: int = 0  # central-directory entries seen so far, nested zips included
    total_rule: str = ""  # how ``total`` was set, for the reason given when it is reached
    free: int = ARCHIVE_FREE_BYTES

    def for_archive(self, packed: int, archive_ratio: int) -> _Limits:
        """Fresh limits for one top-level archive of ``packed`` bytes."""
        total = min(self.total, max(self.free, archive_ratio * packed))
        by_ratio = archive_ratio * packed
        if total == self.total:
            rule = "the most any archive may hold"
        elif by_ratio > self.free:
            rule = f"{archive_ratio}:1 of its {packed} bytes"
        else:
            rule = "what any archive may inflate to, whatever its ratio"
        return _Limits(self.member, total, self.ratio, self.members, total_rule=rule, free=self.free)


def iter_sources(
    paths: Sequence[Path],
    *,
    max_member_bytes: int = MAX_MEMBER_BYTES,
    max_total_bytes: int = MAX_TOTAL_BYTES,
    max_ratio: int = MAX_RATIO,
    max_archive_ratio: int = MAX_ARCHIVE_RATIO,
    max_members: int = MAX_MEMBERS,
    archive_free_bytes: int = ARCHIVE_FREE_BYTES,
) -> Iterator[SourceFile | Skipped]:
    """Every activity file under ``paths`` (files, folders walked recursively and sorted, .zip files)."""
    caps = _Limits(max_member_bytes, max_total_bytes, max_ratio, max_members, free=archive_free_bytes)
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in _walk(path):
                if isinstance(file, Skipped):
                    yield file
                elif _is_zip(file.name):
                    yield from _zip_file(file, caps, max_archive_ratio)
                elif activity_format(file.name):
                    yield _read_file(file, max_member_bytes)
        elif path.is_file():
            if _is_zip(path.name):
                yield from _zip_file(path, caps, max_archive_ratio)
            elif activity_format(path.name):
                yield _read_file(path, max_member_bytes)
            else:
                yield Skipped(str(path), "not an activity file (.fit, .gpx, .tcx, optionally .gz) nor a .zip export")
        elif path.exists():
            yield Skipped(str(path), "not a regular file or folder")
        else:
            yield Skipped(str(path), "no such file or folder")


def count_sources(paths: Sequence[Path]) -> tuple[int, int]:
    """(files, bytes) that :func:`iter_sources` will go through, from sizes alone, for a progress total.

    Zips are counted from their central directory; a nested zip counts as one file of its own size
    (its members' ``size`` add up to about that), so bytes are the better progress measure.
    """
    files = total = 0
    for path in paths:
        path = Path(path)
        found: list[Path] = []
        if path.is_dir():
            found = [f for f in _walk(path) if isinstance(f, Path)]
        elif path.is_file():
            found = [path]
        for file in found:
            if _is_zip(file.name):
                n, size = _count_zip(file)
                files, total = files + n, total + size
            elif activity_format(file.name):
                try:
                    total += file.stat().st_size
                except OSError:
                    continue
                files += 1
    return files, total


def read_export_labels(paths: Sequence[Path]) -> dict[str, str]:
    """Activity types from Strava's ``activities.csv``, keyed by the SourceFile name of each activity file.

    Looked for in folders (recursively), as a named file, and at any depth of a zip's own listing
    (not inside nested zips). Missing or odd columns give fewer labels, never an error.
    """
    labels: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        if path.is_file() and _is_zip(path.name):
            labels.update(_zip_labels(path))
            continue
        for file, text in activities_csv_texts(path):
            prefix = str(file.parent) + "/"
            labels.update({key: kind for key, (kind, _) in parse_activities_csv(text, prefix).items()})
    return labels


def activities_csv_texts(path: Path) -> list[tuple[Path, str]]:
    """The text of each ``activities.csv`` in a folder (recursively) or named directly.

    Read like activity files (regular files only, bounded size), so a FIFO or a device named
    ``activities.csv`` is passed over instead of hanging the import; zips are the caller's.
    """
    if path.is_dir():
        csvs = [f for f in _walk(path) if isinstance(f, Path) and f.name.lower() == "activities.csv"]
    elif path.name.lower() == "activities.csv":
        csvs = [path]
    else:
        csvs = []
    out: list[tuple[Path, str]] = []
    for file in csvs:
        data = read_regular(file, MAX_CSV_BYTES)
        if not isinstance(data, str):
            out.append((file, data.decode("utf-8-sig", "replace")))
    return out


def parse_activities_csv(text: str, prefix: str = "") -> dict[str, tuple[str, str]]:
    """``prefix + Filename`` -> (activity type, activity name) from a Strava ``activities.csv``.

    Knows today's headers ("Activity Type", "Activity Name", "Filename") and the older lower-case
    ones ("type", "name", "filename"); rows without a file (manual entries) are left out.
    """
    out: dict[str, tuple[str, str]] = {}
    try:
        rows = csv.reader(io.StringIO(text))
        header = [h.strip().lower() for h in next(rows, [])]
        i_file = _column(header, "filename", "file name")
        i_type = _column(header, "activity type", "type")
        i_name = _column(header, "activity name", "name")
        if i_file is None or i_type is None:
            return out
        for row in rows:
            if len(row) <= max(i_file, i_type):
                continue
            filename = row[i_file].strip().replace("\\", "/").lstrip("/")
            filename = filename.removeprefix("./")
            kind = row[i_type].strip()
            if not filename or not kind:
                continue
            name = row[i_name].strip() if i_name is not None and i_name < len(row) else ""
            out[prefix + filename] = (kind, name)
    except csv.Error:
        pass  # a malformed tail (an overlong field, a NUL): keep the rows read so far
    return out


def _column(header: list[str], *names: str) -> int | None:
    return next((header.index(n) for n in names if n in header), None)


# --- files and folders ---------------------------------------------------------------------------


def _walk(root: Path) -> list[Path | Skipped]:
    """Files under ``root``, sorted by path, without hidden files or folders; symlinked folders not followed."""
    found: list[Path] = []
    errors: list[Skipped] = []

    def on_error(exc: OSError) -> None:
        errors.append(Skipped(str(exc.filename or root), f"cannot read folder: {exc.strerror or exc}"))

    for folder, dirs, names in os.walk(root, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        errors.extend(
            Skipped(str(Path(folder, d)), "symlink to a folder: not followed (it could loop); name that folder itself")
            for d in dirs
            if os.path.islink(os.path.join(folder, d))
        )
        found.extend(Path(folder, n) for n in names if not n.startswith("."))
    found.sort(key=lambda p: p.relative_to(root).parts)
    return [*errors, *found]


def _read_file(path: Path, max_bytes: int) -> SourceFile | Skipped:
    data = read_regular(path, max_bytes)
    if isinstance(data, str):
        return Skipped(str(path), data)
    return SourceFile(str(path), data, len(data))


def _is_zip(name: str) -> bool:
    return name.lower().endswith(".zip")


# --- zips ----------------------------------------------------------------------------------------


def _open_zip(fh: IO[bytes], max_entries: int) -> zipfile.ZipFile | str:
    """The zip in ``fh``, or why not (too many entries by its own end record, corrupt)."""
    refused = too_many_entries(fh, max_entries)
    if refused is not None:
        return refused
    try:
        fh.seek(0)
        return zipfile.ZipFile(fh)
    except Exception as exc:  # zipfile raises many kinds of error on a hostile central directory
        return f"corrupt or unreadable zip: {_one_line(exc)}"


def _zip_file(path: Path, caps: _Limits, archive_ratio: int) -> Iterator[SourceFile | Skipped]:
    fh = open_regular(path)
    if isinstance(fh, str):
        yield Skipped(str(path), fh)
        return
    with fh:
        zf = _open_zip(fh, caps.members)
        if isinstance(zf, str):
            yield Skipped(str(path), zf)
            return
        with zf:
            packed = os.fstat(fh.fileno()).st_size
            yield from _zip_members(zf, str(path), caps.for_archive(packed, archive_ratio), nested=False)


def _zip_members(zf: zipfile.ZipFile, label: str, limits: _Limits, *, nested: bool) -> Iterator[SourceFile | Skipped]:
    infos = zf.infolist()
    limits.entries += len(infos)
    if limits.entries > limits.members:
        yield Skipped(
            label,
            f"zip of more than {limits.members} entries (nested zips included): refused as a zip bomb, nothing read",
        )
        return
    for info in sorted(infos, key=lambda i: i.filename):
        if info.is_dir():
            continue
        member = f"{label}/{info.filename}"
        if _unsafe(info.filename):
            yield Skipped(member, "unsafe path in zip (absolute or with '..'): not read")
            continue
        parts = PurePosixPath(info.filename.replace("\\", "/")).parts
        if any(p.startswith(".") or p == "__MACOSX" for p in parts):
            continue  # macOS resource forks ("._run.fit") and other hidden files
        is_zip = _is_zip(info.filename)
        if not is_zip and activity_format(info.filename) is None:
            continue  # an export's JSON, CSV, photos...: not ours to report
        if info.flag_bits & _ENCRYPTED:
            yield Skipped(member, "encrypted zip member: not read (no password support)")
            continue
        if is_zip and nested:
            yield Skipped(member, "zip inside a zip inside a zip: only one level of nesting is read")
            continue
        data = _read_member(zf, info, member, limits)
        if isinstance(data, Skipped):
            yield data
            if limits.used >= limits.total:
                return
            continue
        if is_zip:
            yield from _nested_zip(data, member, limits)
            continue
        claimed = _gzip_claim(data)
        if claimed > limits.total - limits.used:
            limits.used = limits.total
            yield Skipped(member, f"{_over_total(limits)} (as a gzip member it says it inflates to {claimed} bytes)")
            return
        limits.used += claimed  # the worker inflates it (up to the per-file caps): it counts here
        yield SourceFile(member, data, info.compress_size if nested else len(data))


def _nested_zip(data: bytes, label: str, limits: _Limits) -> Iterator[SourceFile | Skipped]:
    zf = _open_zip(io.BytesIO(data), limits.members - limits.entries)
    if isinstance(zf, str):
        yield Skipped(label, f"nested zip: {zf}")
        return
    with zf:
        yield from _zip_members(zf, label, limits, nested=True)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, member: str, limits: _Limits) -> bytes | Skipped:
    """A member's bytes, checked against the caps both as declared and as actually streamed."""
    declared, packed = info.file_size, info.compress_size
    if declared > limits.member:
        return Skipped(member, f"zip member declares {declared} bytes, over the {limits.member}-byte cap")
    ratio_cap = max(RATIO_FREE_BYTES, limits.ratio * packed)
    if declared > ratio_cap:
        return Skipped(member, f"zip bomb: {packed} bytes declared to expand to {declared} (over {limits.ratio}:1)")
    left = limits.total - limits.used
    over_total = _over_total(limits)
    if declared > left:
        limits.used = limits.total
        return Skipped(member, over_total)
    limit = min(limits.member, ratio_cap, left)
    out = bytearray()
    try:
        fh: IO[bytes]
        with zf.open(info) as fh:
            while chunk := fh.read(min(_CHUNK, limit - len(out) + 1)):
                out += chunk
                if len(out) > limit:
                    limits.used += len(out)
                    if limit == left:
                        return Skipped(member, over_total)
                    return Skipped(
                        member, f"zip bomb: expands past {limit} bytes although it declares {declared}: not read"
                    )
    except Exception as exc:  # bad CRC (also what a size lie ends in), bad data, unsupported method...
        hint = " (damaged, or larger than its header says)" if "CRC" in str(exc) else ""
        return Skipped(member, f"corrupt zip member{hint}: {_one_line(exc)}")
    limits.used += len(out)
    return bytes(out)


def _over_total(limits: _Limits) -> str:
    return (
        f"zip bomb: the archive inflates past its total cap of {limits.total} bytes ({limits.total_rule}): "
        "this member and the rest are not read"
    )


def _gzip_claim(data: bytes) -> int:
    """What a gzip member says it inflates to (its trailer's ISIZE), 0 if it is not gzip.

    A liar gets no further than dispatch.gunzip's own caps (bytes and ratio) per file.
    """
    if data[:2] != b"\x1f\x8b" or len(data) < 18:
        return 0
    return int.from_bytes(data[-4:], "little")


def _unsafe(name: str) -> bool:
    """Absolute (``/x``, ``C:x``, ``\\\\server``) or climbing out (``..``): a path-traversal attempt."""
    path = name.replace("\\", "/")
    return path.startswith("/") or bool(_DRIVE.match(path)) or ".." in path.split("/")


@contextlib.contextmanager
def _quiet_zip(path: Path) -> Iterator[zipfile.ZipFile | None]:
    """The zip, or None when iter_sources would refuse it (it says why; counts and labels just skip it)."""
    fh = open_regular(path)
    if isinstance(fh, str):
        yield None
        return
    with fh:
        zf = _open_zip(fh, MAX_MEMBERS)
        if isinstance(zf, str):
            yield None
            return
        with zf:
            yield zf


def _count_zip(path: Path) -> tuple[int, int]:
    with _quiet_zip(path) as zf:
        infos = zf.infolist() if zf is not None else []
    files = total = 0
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if info.is_dir() or _unsafe(name) or info.flag_bits & _ENCRYPTED:
            continue
        if any(p.startswith(".") or p == "__MACOSX" for p in parts):
            continue
        if _is_zip(name) or activity_format(name):
            files, total = files + 1, total + info.file_size
    return files, total


def _zip_labels(path: Path) -> dict[str, str]:
    labels: dict[str, str] = {}
    try:
        with _quiet_zip(path) as zf:
            if zf is None:
                return labels
            for info in zf.infolist():
                name = info.filename.replace("\\", "/")
                if PurePosixPath(name).name.lower() != "activities.csv" or _unsafe(name):
                    continue
                if info.file_size > MAX_CSV_BYTES or info.flag_bits & _ENCRYPTED:
                    continue
                try:
                    with zf.open(info) as fh:
                        text = fh.read(MAX_CSV_BYTES).decode("utf-8-sig", "replace")
                except Exception:  # labels are a nicety: a bad listing gives none
                    continue
                folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
                prefix = f"{path}/{folder}"
                labels.update({key: kind for key, (kind, _) in parse_activities_csv(text, prefix).items()})
    except Exception:  # as above
        pass
    return labels


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
