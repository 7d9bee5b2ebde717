"""Read one activity file of any supported format, chosen by its name (.fit, .gpx, .tcx, each maybe .gz).

This is the single entry point for untrusted files: whatever the bytes, it returns an Activity or
raises ImportFileError naming the file, and nothing else.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Final

from stridelift.domain.activity import Activity

from .errors import ImportFileError
from .fit import FitError
from .fit import read_activity as read_fit
from .gpx import read_gpx
from .tcx import read_tcx

MAX_DECOMPRESSED_BYTES: Final = 512 * 1024 * 1024
MAX_RATIO: Final = 200  # real activity files compress 3-15:1; zeros compress 1000:1
RATIO_FREE_BYTES: Final = 1024 * 1024  # outputs this small are never called bombs, whatever the ratio
_GZIP_MAGIC: Final = b"\x1f\x8b"
_CHUNK: Final = 1024 * 1024

_READERS: Final[dict[str, Callable[[bytes, str], Activity]]] = {
    ".fit": read_fit,
    ".gpx": read_gpx,
    ".tcx": read_tcx,
}


def activity_format(name: str) -> str | None:
    """The format a file name says (``".fit"``, ``".gpx"``, ``".tcx"``), or None; a ``.gz`` is looked through."""
    lower = name.strip().lower()
    lower = lower.removesuffix(".gz")
    return next((ext for ext in _READERS if lower.endswith(ext)), None)


def read_activity_file(name: str, data: bytes) -> Activity:
    """Import one activity file; raises only ImportFileError (``.reason``, message naming ``name``).

    Gzip is recognised by its magic bytes, so a ``.gz`` name on bytes a browser already
    unpacked, or gzip bytes under a plain name, both still read.
    """
    try:
        return _read(name, data)
    except ImportFileError:
        raise
    except FitError as exc:
        raise ImportFileError(exc.reason, str(exc), name) from exc
    except Exception as exc:  # a reader's bug must not escape as anything but one clear error
        raise ImportFileError("internal", f"could not read: {type(exc).__name__}: {exc}", name) from exc


def _read(name: str, data: bytes) -> Activity:
    fmt = activity_format(name)
    if fmt is None:
        raise ImportFileError(
            "unknown_format", "not an activity file (expected .fit, .gpx or .tcx, optionally .gz)", name
        )
    data = bytes(data)
    if data[:2] == _GZIP_MAGIC:
        data = gunzip(data, name)
    if not data:
        raise ImportFileError("empty", "empty file: no bytes to read", name)
    return _READERS[fmt](data, name)


def gunzip(
    data: bytes,
    name: str,
    *,
    max_bytes: int = MAX_DECOMPRESSED_BYTES,
    max_ratio: int = MAX_RATIO,
) -> bytes:
    """Decompress gzip (all members) without ever holding more than the cap; over it is a bomb."""
    limit = min(max_bytes, max(RATIO_FREE_BYTES, max_ratio * len(data)))
    out = bytearray()
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = data
        while True:
            chunk = d.decompress(pending, min(_CHUNK, limit - len(out) + 1))
            out += chunk
            if len(out) > limit:
                raise ImportFileError(
                    "zip_bomb",
                    f"gzip data expands past {limit} bytes ({len(data)} compressed; caps {max_bytes} bytes "
                    f"and {max_ratio}:1): refused as a decompression bomb",
                    name,
                )
            pending = d.unconsumed_tail
            if d.eof:
                rest = d.unused_data.lstrip(b"\x00")  # zero padding after a member is allowed
                if rest[:2] != _GZIP_MAGIC:
                    break  # trailing bytes that are not another member: ignored, as gzip(1) warns and goes on
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                pending = rest
            elif not pending and not chunk:
                raise ImportFileError("bad_gzip", "truncated gzip data: it ends before the stream does", name)
    except zlib.error as exc:
        raise ImportFileError("bad_gzip", f"corrupt gzip data: {exc}", name) from exc
    return bytes(out)
