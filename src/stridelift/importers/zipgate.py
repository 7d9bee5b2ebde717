"""What a zip says about its own size, read from its end record before zipfile parses anything.

zipfile builds a ZipInfo for every central-directory entry up front (about 40 us each), so a zip
of a million empty members costs a minute before a single member is refused. These few bytes
at the end of the file say how many entries there are and how large the directory is; a zip
that claims too much is refused before it is parsed.
"""

from __future__ import annotations

import os
import struct
from typing import IO, Final

_EOCD: Final = b"PK\x05\x06"
_EOCD64_LOCATOR: Final = b"PK\x06\x07"
_EOCD64: Final = b"PK\x06\x06"
_TAIL: Final = 22 + 65_535  # the end record plus the longest comment
CD_BYTES_PER_ENTRY: Final = 256  # 46 fixed bytes, a path, a few extra fields: real exports stay below


def too_many_entries(fh: IO[bytes], max_entries: int) -> str | None:
    """Why this zip is refused before parsing (too many entries, or a directory too large), or None.

    None also when the end record cannot be found: zipfile will say what is wrong with the file.
    """
    try:
        size = fh.seek(0, os.SEEK_END)
        start = max(0, size - _TAIL)
        fh.seek(start)
        tail = fh.read(size - start)
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < 22:
            return None
        entries, cd_size = struct.unpack_from("<HI", tail, at + 10)
        if entries == 0xFFFF or cd_size == 0xFFFFFFFF:
            entries, cd_size = _zip64(fh, start + at, entries, cd_size)
    except (OSError, struct.error, ValueError):
        return None
    if entries > max_entries:
        return f"zip of {entries} entries, over the {max_entries}-entry cap: refused as a zip bomb, nothing read"
    if cd_size > max_entries * CD_BYTES_PER_ENTRY:
        return (
            f"zip whose directory takes {cd_size} bytes (the cap is {CD_BYTES_PER_ENTRY} per entry for "
            f"{max_entries} entries): refused as a zip bomb, nothing read"
        )
    return None


def _zip64(fh: IO[bytes], eocd_at: int, entries: int, cd_size: int) -> tuple[int, int]:
    if eocd_at < 20:
        return entries, cd_size
    fh.seek(eocd_at - 20)
    locator = fh.read(20)
    if locator[:4] != _EOCD64_LOCATOR:
        return entries, cd_size
    (record_at,) = struct.unpack_from("<Q", locator, 8)
    fh.seek(record_at)
    record = fh.read(56)
    if record[:4] != _EOCD64 or len(record) < 56:
        return entries, cd_size
    entries64, cd_size64 = struct.unpack_from("<QQ", record, 32)
    return int(entries64), int(cd_size64)
