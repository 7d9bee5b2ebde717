"""A synthetic export of N activity files made from the corpus, for ``bench/import_fit.py --synthetic N``.

The corpus is 93 files and 8.5 MB, so the fixed start of a process weighs on its import far more
than on a real export (hundreds of files). Here every FIT, GPX and TCX file of the corpus (not
``invalid/``) is copied round-robin until there are N, each copy moved in time by its own number
of weeks (plus a few minutes, a multiple of 32 s so FIT compressed timestamps stay valid), so no
two copies share a content hash or an overlapping time and the import stores every one of them
as it would a real season: decoding, statistics, streams and database work all scale with N.

FIT copies: every ``date_time`` field the importer reads (``timestamp`` in any message,
``time_created`` of file_id, ``start_time`` of session and lap) is shifted and the file CRC
recomputed; a file this walker cannot follow (chained or damaged) is left out of the rotation.
GPX/TCX copies: every ISO time in a time element is shifted.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
from pathlib import Path

WEEK_S = 7 * 86400 + 32 * 11  # a week and 352 s: a multiple of 32 (FIT compressed timestamps)
_SHIFTED = {(0, 4), (18, 2), (19, 2)}  # (global message, field) date_times besides field 253
_CRC_TABLE = (0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
              0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400)  # fmt: skip
_ISO = re.compile(rb"(<(?:\w+:)?(?:time|Time|Id)>\s*)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")


def fit_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = _CRC_TABLE[crc & 0xF]
            crc = (crc >> 4) & 0x0FFF
            crc = crc ^ tmp ^ _CRC_TABLE[nibble]
    return crc


def shift_fit(data: bytes, seconds: int) -> bytes | None:
    """The FIT file with its timestamps moved by ``seconds`` (None: not a file this can walk)."""
    if len(data) < 14 or data[8:12] != b".FIT":
        return None
    header = data[0]
    size = struct.unpack_from("<I", data, 4)[0]
    end = header + size
    if end + 2 != len(data):
        return None  # chained or cut short
    out = bytearray(data)
    defs: dict[int, tuple[str, int, list[tuple[int, int, int]], int]] = {}
    pos = header
    try:
        while pos < end:
            rec = out[pos]
            pos += 1
            if rec & 0x80:  # compressed timestamp header: a data message, its time relative
                local = (rec >> 5) & 0x3
            elif rec & 0x40:  # definition
                arch = out[pos + 1]
                order = ">" if arch else "<"
                mesg = struct.unpack_from(order + "H", out, pos + 2)[0]
                nfields = out[pos + 4]
                pos += 5
                fields = [(out[pos + 3 * i], out[pos + 3 * i + 1], out[pos + 3 * i + 2]) for i in range(nfields)]
                pos += 3 * nfields
                dev = 0
                if rec & 0x20:
                    ndev = out[pos]
                    pos += 1
                    dev = sum(out[pos + 3 * i + 1] for i in range(ndev))
                    pos += 3 * ndev
                defs[rec & 0x0F] = (order, mesg, fields, dev)
                continue
            else:
                local = rec & 0x0F
            order, mesg, fields, dev = defs[local]
            for num, fsize, _ in fields:
                if fsize == 4 and (num == 253 or (mesg, num) in _SHIFTED):
                    value = struct.unpack_from(order + "I", out, pos)[0]
                    if 0x10000000 <= value < 0xFFFFFFFF:  # a date_time, not a relative or invalid one
                        struct.pack_into(order + "I", out, pos, value + seconds)
                pos += fsize
            pos += dev
    except (KeyError, IndexError, struct.error):
        return None
    if pos != end:
        return None
    struct.pack_into("<H", out, end, fit_crc(bytes(out[:end])))
    return bytes(out)


def shift_xml(data: bytes, seconds: int) -> bytes:
    def move(m: re.Match[bytes]) -> bytes:
        when = dt.datetime.fromisoformat(m.group(2).decode()) + dt.timedelta(seconds=seconds)
        return m.group(1) + when.strftime("%Y-%m-%dT%H:%M:%S").encode()

    return _ISO.sub(move, data)


def build(data_dir: Path, dest: Path, n: int) -> int:
    """Write ``n`` shifted copies of the corpus's activity files into ``dest``; their total bytes."""
    sources = sorted(
        p
        for p in data_dir.rglob("*")
        if p.is_file() and "invalid" not in p.parts and p.suffix.lower() in (".fit", ".gpx", ".tcx")
    )
    files = [(p, p.read_bytes()) for p in sources]
    if not files:
        raise SystemExit(f"no FIT, GPX or TCX files under {data_dir}")
    dest.mkdir(parents=True, exist_ok=True)
    written = total = 0
    rounds = 0
    while written < n:
        rounds += 1
        progress = False
        for path, data in files:
            if written >= n:
                break
            shift = rounds * WEEK_S
            copy = shift_fit(data, shift) if path.suffix.lower() == ".fit" else shift_xml(data, shift)
            if copy is None:
                continue
            (dest / f"{written:04d}-{path.name}").write_bytes(copy)
            written += 1
            total += len(copy)
            progress = True
        if not progress:
            raise SystemExit("no corpus file could be copied")
    return total
