"""Read one activity file of any supported format, chosen by its name (.fit, .gpx, .tcx, each maybe .gz).

This is the single entry point for untrusted files: whatever the bytes, it returns an Activity or
raises ImportFileError naming the file, and nothing else.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from typing import Final

from stridelift.domain.activity import Activity

from .decoded import DecodedActivity
from .errors import ImportFileError
from .fit import FitError
from .fit import read_decoded as read_fit
from .gpx import read_gpx_decoded
from .tcx import read_tcx_decoded

MAX_DECOMPRESSED_BYTES: Final = 128 * 1024 * 1024  # as archive.MAX_MEMBER_BYTES and the XML readers' cap
MAX_RATIO: Final = 200  # real activity files compress 3-15:1; zeros compress 1000:1
RATIO_FREE_BYTES: Final = 1024 * 1024  # outputs this small are never called bombs, whatever the ratio
_GZIP_MAGIC: Final = b"\x1f\x8b"
_CHUNK: Final = 1024 * 1024
MAX_GZIP_MEMBERS: Final = 1000  # gzip(1) writes one; a few appended files are plausible, thousands are not
_FIRST_FEED: Final = 256  # input bytes first given to a member's decompressor; doubles as it goes on
_NOT_ZERO: Final = re.compile(rb"[^\x00]")

_READERS: Final[dict[str, Callable[[bytes, str], DecodedActivity]]] = {
    ".fit": read_fit,
    ".gpx": read_gpx_decoded,
    ".tcx": read_tcx_decoded,
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
    return read_decoded_file(name, data).activity()


def read_decoded_file(name: str, data: bytes) -> DecodedActivity:
    """:func:`read_activity_file` with the streams left as one float64 array (what the import
    stores: ``importers.decoded``)."""
    try:
        return _read(name, data)
    except ImportFileError:
        raise
    except FitError as exc:
        raise ImportFileError(exc.reason, str(exc), name) from exc
    except Exception as exc:  # a reader's bug must not escape as anything but one clear error
        raise ImportFileError("internal", f"could not read: {type(exc).__name__}: {exc}", name) from exc


def _read(name: str, data: bytes) -> DecodedActivity:
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
    max_members: int = MAX_GZIP_MEMBERS,
) -> bytes:
    """Decompress gzip (all members) without ever holding more than the cap; over it is a bomb.

    Work is linear in the input: the input is fed from an offset in small, growing pieces, so
    starting a new member never copies the rest of the input (zlib's ``unused_data`` is a copy),
    and the number of members is capped, since each one costs a fresh decompressor.
    """
    limit = min(max_bytes, max(RATIO_FREE_BYTES, max_ratio * len(data)))
    out = bytearray()
    view = memoryview(data)
    pos, members = 0, 0
    try:
        while True:
            members += 1
            if members > max_members:
                raise ImportFileError(
                    "zip_bomb", f"gzip data has more than {max_members} members: refused as a decompression bomb", name
                )
            pos = _inflate_member(view, pos, out, limit, f"caps {max_bytes} bytes and {max_ratio}:1", name)
            nonzero = _NOT_ZERO.search(data, pos)  # zero padding after a member is allowed
            if nonzero is None or data[nonzero.start() : nonzero.start() + 2] != _GZIP_MAGIC:
                break  # trailing bytes that are not another member: ignored, as gzip(1) warns and goes on
            pos = nonzero.start()
    except zlib.error as exc:
        raise ImportFileError("bad_gzip", f"corrupt gzip data: {exc}", name) from exc
    finally:
        view.release()
    return bytes(out)


def _inflate_member(view: memoryview, pos: int, out: bytearray, limit: int, caps: str, name: str) -> int:
    """Inflate the member starting at ``pos`` into ``out``; returns the offset just past it."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    feed = _FIRST_FEED
    while True:
        piece = view[pos : pos + feed]
        pending: bytes | memoryview = piece
        while True:
            chunk = d.decompress(pending, min(_CHUNK, limit - len(out) + 1))
            out += chunk
            if len(out) > limit:
                raise ImportFileError(
                    "zip_bomb",
                    f"gzip data expands past {limit} bytes ({len(view)} compressed; {caps}): "
                    "refused as a decompression bomb",
                    name,
                )
            pending = d.unconsumed_tail
            if d.eof or not pending:
                break
        if d.eof:
            return pos + len(piece) - len(d.unused_data)
        pos += len(piece)
        if pos >= len(view):
            raise ImportFileError("bad_gzip", "truncated gzip data: it ends before the stream does", name)
        feed = min(feed * 2, _CHUNK)
