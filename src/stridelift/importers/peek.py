"""When an activity file starts, read from its first bytes only, without decoding it.

``plan --history FOLDER`` uses the last 180 days; decoding a 2,000-file archive to throw most of
it away took 21 s. A FIT file says its creation time in its first message (``file_id``) and
every record carries a timestamp; GPX and TCX give the first point's time near the top. A file
whose start cannot be peeked (odd layout, damaged header) is simply decoded as before.
"""

from __future__ import annotations

import re
import struct
import zlib
from datetime import UTC, datetime, timedelta
from typing import Final

from .dispatch import activity_format

FIT_EPOCH: Final = datetime(1989, 12, 31, tzinfo=UTC)
_HEAD_BYTES: Final = 64 * 1024  # of the decompressed file: far more than its first messages
_MAX_RECORDS: Final = 64
_MIN_FIT_TIME: Final = 0x10000000  # below this a FIT date_time counts from the device's power-on
_FIRST_POINT = re.compile(rb"<(?:\w+:)?(?:trkpt|rtept|Trackpoint)\b")
_XML_TIME = re.compile(
    rb"<(?:\w+:)?(?:time|Time|Id)>\s*(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)"
)


def _head(data: bytes) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data[:_HEAD_BYTES]
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, _HEAD_BYTES)
    except zlib.error:
        return b""


def peek_start(name: str, data: bytes) -> datetime | None:
    """The file's start time from its first bytes, or None when it cannot tell cheaply."""
    fmt = activity_format(name)
    head = _head(data)
    if fmt == ".fit":
        return _fit_start(head)
    if fmt in (".gpx", ".tcx"):
        # the first point's time: a GPX <metadata><time> is when the file was written, not run
        first = _FIRST_POINT.search(head)
        if first is None:
            return None
        match = _XML_TIME.search(head, first.start())
        if match is None:
            return None
        text = match.group(1).decode().replace("Z", "+00:00")
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            return None
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return None


def _fit_start(head: bytes) -> datetime | None:
    """``file_id.time_created`` or the first message timestamp (field 253) of the first records."""
    if len(head) < 12 or head[8:12] != b".FIT":
        return None
    pos = head[0]
    defs: dict[int, tuple[int, bool, list[tuple[int, int]], int]] = {}  # local -> (global, big, fields, size)
    for _ in range(_MAX_RECORDS):
        if pos >= len(head):
            return None
        h = head[pos]
        if h & 0x80:  # compressed timestamp header: the full timestamp came before, or none will
            return None
        local = h & 0x0F
        if h & 0x40:
            if pos + 6 > len(head):
                return None
            big = head[pos + 2] == 1
            gnum = struct.unpack_from(">H" if big else "<H", head, pos + 3)[0]
            nf = head[pos + 5]
            fields = [(head[pos + 6 + 3 * i], head[pos + 7 + 3 * i]) for i in range(nf) if pos + 8 + 3 * i < len(head)]
            q = pos + 6 + 3 * nf
            size = sum(s for _, s in fields)
            if h & 0x20 and q < len(head):
                nd = head[q]
                size += sum(head[q + 2 + 3 * i] for i in range(nd) if q + 3 + 3 * i < len(head))
                q += 1 + 3 * nd
            defs[local] = (gnum, big, fields, size)
            pos = q
            continue
        if local not in defs:
            return None
        gnum, big, fields, size = defs[local]
        off = pos + 1
        for num, fsize in fields:
            wanted = (gnum == 0 and num == 4) or num == 253
            if wanted and fsize == 4 and off + 4 <= len(head):
                value = struct.unpack_from(">I" if big else "<I", head, off)[0]
                if _MIN_FIT_TIME <= value < 0xFFFFFFFF:
                    return FIT_EPOCH + timedelta(seconds=value)
            off += fsize
        pos += 1 + size
    return None
