"""A FIT decoder that walks record headers once in Python and decodes the data with numpy.

How it works
------------
1. ``_walk`` steps over the records of each (possibly chained) FIT file. A data record's size is
   known from its local definition, so the walk is a tight loop over offsets; identical
   definitions are parsed once (cached by their bytes) and become one *group*. When several
   consecutive records share a header byte the walk switches to numpy and strides over the run.
   The walk produces, per group, the byte offsets of its records.
2. ``_decode_group`` turns each group into columns at once: a numpy structured dtype is built from
   the definition (field sizes, base types, endianness) and laid over the raw bytes, either as a
   strided view (records evenly spaced) or after a gather of the rows. Invalid values become NaN.
3. Compressed-timestamp headers get their ``timestamp`` from the last full timestamp in file
   order, computed with cumulative sums rather than a per-record loop.
4. Per global message, groups are merged in file order; then sub-fields, components (bit-field
   expansion, with accumulation) and scale/offset are applied column-wise, following
   ``garmin_fit_sdk``'s decoder so both give the same values.

The Python work per file is O(definitions + groups + runs), not O(records), for files where
records of one kind come in runs; interleaved records cost one short loop iteration each.

CRC policy
----------
Like ``garmin_fit_sdk`` (whose ``Decoder.read`` reports ``"CRC Error"`` and stops), a file whose
trailing file CRC does not match its bytes is rejected with ``FitError(reason="file_crc")``.
A 14-byte header's CRC is checked too (``reason="header_crc"``) unless it is 0, which the FIT
protocol defines as "not computed"; the SDK does not check it at all, so this decoder is
stricter there.

``decode_fit(data, recover=True)`` is what imports use: a watch that ran out of battery or a
copy cut short still holds good records before the damage, so a bad CRC, a truncated end or a
broken chained file keeps the messages read up to the first record that does not decode, and
says so in ``FitFile.warnings``. Bytes that are not FIT at all (no ``.FIT`` signature at the
start) and files with nothing readable before the damage are still refused.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from .crc import crc16
from .errors import FitError
from .profile import (
    BASE_TYPES,
    BYTE,
    FIELD_DESCRIPTION,
    MESSAGES,
    STRING,
    TIMESTAMP_FIELD,
    UINT8,
    FieldSpec,
    message_name,
)
from .selection import TIMESTAMP_ONLY, FieldSelection

FloatArray = npt.NDArray[np.float64]
AnyArray = npt.NDArray[Any]

_HEADER_SIZES: Final = (12, 14)
_RUN_MIN: Final = 6  # consecutive same-header records before striding with numpy
_MAX_SIZE: Final = 1 << 31  # offsets are packed into 63-bit integers during the walk
_U16 = struct.Struct("<H")
_HEADER = struct.Struct("<BBHI4s")


@dataclass(frozen=True, slots=True)
class FitHeader:
    """The header of one FIT file inside the input (several if chained)."""

    offset: int
    header_size: int
    protocol_version: int
    profile_version: int
    data_size: int


@dataclass(frozen=True, slots=True)
class FitFile:
    """A decoded FIT input.

    ``messages[name][field]`` is a column over all messages of that name in file order: float64
    with NaN for invalid or absent values (2-D, NaN-padded, for array fields), or an object
    array for strings (``None`` when absent). Enum and date_time fields hold raw numbers (see
    :func:`stridelift.importers.fit.profile.enum_name`; date_time counts seconds since
    1989-12-31T00:00Z). ``units[name][field]`` gives the profile's units for a column.
    ``developer_fields[name][field]`` holds developer fields by their declared field name,
    unscaled.
    """

    messages: dict[str, dict[str, AnyArray]]
    units: dict[str, dict[str, str]]
    developer_fields: dict[str, dict[str, AnyArray]]
    headers: tuple[FitHeader, ...]
    size: int
    sha256: str
    warnings: tuple[str, ...] = ()  # what ``recover=True`` worked around (empty for a sound file)

    def count(self, message: str) -> int:
        cols = self.messages.get(message)
        if not cols:
            return 0
        return len(next(iter(cols.values())))


@dataclass(slots=True)
class _Def:
    global_num: int
    big_endian: bool
    fields: tuple[tuple[int, int, int], ...]  # (field number, size, base type)
    dev_fields: tuple[tuple[int, int, int], ...]  # (field number, size, developer data index)
    size: int
    dtype: np.dtype[Any] | None = None
    # decoding plans, built on first use, per set of wanted fields (None: all of them)
    plans: dict[frozenset[int] | None, _Plan] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Plan:
    """How to decode a definition's (wanted) fields: scalar numbers in one cast, then the rest."""

    scalar_nums: tuple[int, ...]
    scalar_names: list[str]
    scalar_dtype: np.dtype[Any]
    scalar_invalid: FloatArray
    other_fields: tuple[tuple[int, int, int, str], ...]  # (number, size, base type, dtype name)


# Definitions are immutable once parsed, so identical ones (the same device writes the same
# definitions in every file) are shared across files; the cache is simply dropped when full.
_DEF_CACHE: dict[bytes, _Def] = {}
_DEF_CACHE_MAX: Final = 4096


@dataclass(slots=True)
class _Walk:
    sizes: list[int] = field(default_factory=lambda: [-1] * 16)
    gid_of: list[int] = field(default_factory=lambda: [-1] * 16)
    cache: dict[bytes, int] = field(default_factory=dict)
    defs: list[_Def] = field(default_factory=list)
    singles: list[int] = field(default_factory=list)  # (body offset << 32) | group id
    runs: list[tuple[int, int, int, int]] = field(default_factory=list)  # gid, first, count, stride


@dataclass(slots=True)
class _Group:
    d: _Def
    offs: npt.NDArray[np.int64]
    cols: dict[int, AnyArray]
    dev_cols: dict[tuple[int, int], AnyArray]


# ---------------------------------------------------------------------------------------------
# walking


def _parse_definition(data: bytes, pos: int, end: int, st: _Walk) -> int:
    h = data[pos]
    if pos + 6 > end:
        raise FitError("truncated", "unexpected end of data inside a definition message", pos)
    nf = data[pos + 5]
    q = pos + 6 + 3 * nf
    if h & 0x20:
        if q + 1 > end:
            raise FitError("truncated", "unexpected end of data inside a definition message", pos)
        q += 1 + 3 * data[q]
    if q > end:
        raise FitError("truncated", "unexpected end of data inside a definition message", pos)
    key = bytes((h & 0x20,)) + data[pos + 2 : q]
    gid = st.cache.get(key)
    if gid is None:
        gid = len(st.defs)
        d = _DEF_CACHE.get(key)
        if d is None:
            d = _new_def(data, pos, nf, h & 0x20 != 0)
            if len(_DEF_CACHE) >= _DEF_CACHE_MAX:
                _DEF_CACHE.clear()
            _DEF_CACHE[key] = d
        st.defs.append(d)
        st.cache[key] = gid
    lm = h & 0x0F
    st.sizes[lm] = st.defs[gid].size
    st.gid_of[lm] = gid
    return q


def _new_def(data: bytes, pos: int, nf: int, has_dev: bool) -> _Def:
    big = data[pos + 2] != 0
    gnum = int.from_bytes(data[pos + 3 : pos + 5], "big" if big else "little")
    fields: list[tuple[int, int, int]] = []
    size = 0
    p = pos + 6
    for _ in range(nf):
        num, fsize, raw_bt = data[p], data[p + 1], data[p + 2]
        bt = raw_bt & 0x1F
        if bt not in BASE_TYPES:
            raise FitError("bad_definition", f"definition of message {gnum} has invalid base type {raw_bt}", p)
        if fsize % BASE_TYPES[bt][1]:
            bt = UINT8
        fields.append((num, fsize, bt))
        size += fsize
        p += 3
    dev: list[tuple[int, int, int]] = []
    if has_dev:
        nd = data[p]
        p += 1
        for _ in range(nd):
            dev.append((data[p], data[p + 1], data[p + 2]))
            size += data[p + 1]
            p += 3
    return _Def(gnum, big, tuple(fields), tuple(dev), size)


def _walk(data: bytes, arr: npt.NDArray[np.uint8], pos: int, end: int, st: _Walk) -> None:
    sizes = st.sizes
    gid_of = st.gid_of
    singles_append = st.singles.append
    prev_key = -1
    same = 0
    while pos < end:
        h = data[pos]
        if h & 0x80:
            lm = (h >> 5) & 3
            key = h & 0xE0
        elif h & 0x40:
            pos = _parse_definition(data, pos, end, st)
            prev_key = -1
            continue
        else:
            lm = h & 0x0F
            key = h
        size = sizes[lm]
        if size < 0:
            raise FitError("unknown_local_message", f"data message uses undefined local message type {lm}", pos)
        nxt = pos + 1 + size
        if nxt > end:
            raise FitError("truncated", "unexpected end of data inside a data message", pos)
        if key == prev_key:
            same += 1
            if same >= _RUN_MIN:
                count = _run_length(arr, pos, end, size + 1, key, h & 0x80 != 0)
                st.runs.append((gid_of[lm], pos + 1, count, size + 1))
                pos += count * (size + 1)
                prev_key = -1
                continue
        else:
            prev_key = key
            same = 0
        singles_append((pos + 1) << 32 | gid_of[lm])
        pos = nxt


def _run_length(arr: npt.NDArray[np.uint8], pos: int, end: int, stride: int, key: int, compressed: bool) -> int:
    """How many records starting at ``pos`` (which has header ``key``) share its header and fit."""
    count = 0
    chunk = 64
    p = pos
    while p < end:
        stop = min(end, p + chunk * stride)
        view = arr[p:stop:stride]
        bad = ((view & 0xE0) != key) if compressed else (view != key)
        if bad.any():
            count += int(bad.argmax())
            break
        count += len(view)
        p += len(view) * stride
        chunk *= 4
    # the last one must end inside the data; if not, the scalar loop reports the truncation
    while count > 1 and pos + count * stride > end:
        count -= 1
    return max(count, 1) if pos + stride <= end else 0


# ---------------------------------------------------------------------------------------------
# decoding groups


def _dtype(d: _Def) -> np.dtype[Any]:
    if d.dtype is not None:
        return d.dtype
    names: list[str] = []
    formats: list[Any] = []
    offsets: list[int] = []
    off = 0
    order = ">" if d.big_endian else "<"
    for i, (_num, size, bt) in enumerate(d.fields):
        if size:
            _name, bsize, kind, _inv = BASE_TYPES[bt]
            n = size // bsize
            fmt = f"{order}{kind}" if bsize > 1 else kind
            names.append(f"f{i}")
            formats.append((fmt, (n,)) if n > 1 or bt == STRING else fmt)
            offsets.append(off)
        off += size
    for i, (_num, size, _idx) in enumerate(d.dev_fields):
        if size:
            names.append(f"d{i}")
            formats.append(("u1", (size,)))
            offsets.append(off)
        off += size
    d.dtype = np.dtype({"names": names, "formats": formats, "offsets": offsets, "itemsize": max(off, 1)})
    return d.dtype


def _rows(data: bytes, arr: npt.NDArray[np.uint8], d: _Def, offs: npt.NDArray[np.int64]) -> AnyArray:
    dt = _dtype(d)
    n = len(offs)
    first = int(offs[0])
    if n == 1:
        return np.ndarray((1,), dtype=dt, buffer=data, offset=first)
    steps = np.diff(offs)
    stride = int(steps[0])
    if stride >= d.size and bool((steps == stride).all()):
        return np.ndarray((n,), dtype=dt, buffer=data, offset=first, strides=(stride,))
    windows = np.lib.stride_tricks.as_strided(arr, shape=(len(arr) - d.size + 1, d.size), strides=(1, 1))
    return windows[offs].view(dt)[:, 0]


def _numeric(col: AnyArray, bt: int) -> FloatArray:
    out = col.astype(np.float64)
    inv = BASE_TYPES[bt][3]
    if bt in (0x08, 0x09):
        return out  # the invalid pattern is a NaN already
    bad = col == inv
    if out.ndim == 2 and bt == BYTE:
        out[bad.all(axis=1)] = np.nan
    else:
        out[bad] = np.nan
    return out


def _to_str(raw: bytes) -> str | list[str] | None:
    text = raw.decode("utf-8", errors="ignore").rstrip("\0")
    if not text:
        return None
    parts = text.split("\0")
    return parts[0] if len(parts) == 1 else parts


def _strings(col: AnyArray) -> AnyArray:
    n, size = col.shape
    blob = np.ascontiguousarray(col).tobytes()
    out = np.empty(n, dtype=object)
    out[:] = [_to_str(blob[i * size : (i + 1) * size]) for i in range(n)]
    return out


def _plan(d: _Def, keep: frozenset[int] | None) -> _Plan:
    """Split a definition's fields (those in ``keep``; all when None): scalar numbers (one cast
    for all) and the rest."""
    names: list[str] = []
    nums: list[int] = []
    invalid: list[float] = []
    others: list[tuple[int, int, int, str]] = []
    for i, (num, size, bt) in enumerate(d.fields):
        if not size or (keep is not None and num not in keep):
            continue
        if bt != STRING and size == BASE_TYPES[bt][1]:
            names.append(f"f{i}")
            nums.append(num)
            # float types: their invalid pattern is a NaN already, and NaN never compares equal
            invalid.append(np.nan if bt in (0x08, 0x09) else float(BASE_TYPES[bt][3]))
        else:
            others.append((num, size, bt, f"f{i}"))
    plan = _Plan(
        scalar_nums=tuple(nums),
        scalar_names=names,
        scalar_dtype=np.dtype(
            {"names": names, "formats": ["f8"] * len(names), "offsets": [8 * j for j in range(len(names))]}
        ),
        scalar_invalid=np.array(invalid, dtype=np.float64),
        other_fields=tuple(others),
    )
    d.plans[keep] = plan
    return plan


def _decode_group(rows: AnyArray, d: _Def, keep: frozenset[int] | None = None) -> dict[int, AnyArray]:
    plan = d.plans.get(keep) or _plan(d, keep)
    cols: dict[int, AnyArray] = {}
    if plan.scalar_nums:
        n = len(rows)
        m = len(plan.scalar_nums)
        sub = rows[plan.scalar_names]
        table = sub.astype(plan.scalar_dtype).view(np.float64).reshape(n, m)
        table[table == plan.scalar_invalid] = np.nan
        for j, num in enumerate(plan.scalar_nums):
            cols[num] = table[:, j]
    for num, _size, bt, name in plan.other_fields:
        col = rows[name]
        cols[num] = _strings(col) if bt == STRING else _numeric(col, bt)
    return cols


# ---------------------------------------------------------------------------------------------
# compressed timestamps


def _compressed_timestamps(data_arr: npt.NDArray[np.uint8], groups: list[_Group]) -> None:
    comp_parts: list[tuple[_Group, npt.NDArray[np.bool_]]] = []
    for g in groups:
        hdr = data_arr[g.offs - 1]
        is_comp = (hdr & 0x80) != 0
        if is_comp.any():
            comp_parts.append((g, is_comp))
    if not comp_parts:
        return
    ev_off: list[npt.NDArray[np.int64]] = []
    ev_val: list[FloatArray] = []
    ev_comp: list[npt.NDArray[np.bool_]] = []
    for g in groups:
        ts = g.cols.get(TIMESTAMP_FIELD)
        if ts is not None and ts.ndim == 1 and ts.dtype == np.float64:
            ok = ~np.isnan(ts)
            ev_off.append(g.offs[ok])
            ev_val.append(ts[ok])
            ev_comp.append(np.zeros(int(ok.sum()), dtype=bool))
    for g, is_comp in comp_parts:
        ts = g.cols.get(TIMESTAMP_FIELD)
        take = is_comp if ts is None or ts.ndim != 1 or ts.dtype != np.float64 else is_comp & np.isnan(ts)
        ev_off.append(g.offs[take])
        ev_val.append((data_arr[g.offs[take] - 1] & 0x1F).astype(np.float64))
        ev_comp.append(np.ones(int(take.sum()), dtype=bool))
    offs = np.concatenate(ev_off)
    vals = np.concatenate(ev_val)
    comp = np.concatenate(ev_comp)
    order = np.argsort(offs, kind="stable")
    offs, vals, comp = offs[order], vals[order], comp[order]
    ivals = vals.astype(np.int64)
    prev_mod = np.empty_like(ivals)
    prev_mod[0] = 0
    prev_mod[1:] = ivals[:-1] & 31
    delta = np.where(comp, (ivals - prev_mod) & 31, 0)
    seg = np.cumsum(~comp)  # segment k starts at the k-th full timestamp (0: before any)
    base = np.concatenate(([0], ivals[~comp]))
    csum = np.cumsum(delta)
    seg_start_csum = np.concatenate(([0], csum[~comp]))
    times = (base[seg] + csum - seg_start_csum[seg]).astype(np.float64)
    lookup = dict(zip(offs[comp].tolist(), times[comp].tolist(), strict=True))
    for g, is_comp in comp_parts:
        ts = g.cols.get(TIMESTAMP_FIELD)
        if ts is None or ts.ndim != 1 or ts.dtype != np.float64:
            ts = np.full(len(g.offs), np.nan)
            g.cols[TIMESTAMP_FIELD] = ts
        idx = np.flatnonzero(is_comp & np.isnan(ts))
        ts[idx] = [lookup[o] for o in g.offs[idx].tolist()]


# ---------------------------------------------------------------------------------------------
# merging groups of one message and applying the profile


def _merge(parts: list[tuple[npt.NDArray[np.int64], AnyArray]], n: int, where: list[AnyArray]) -> AnyArray:
    """Scatter per-group columns ``parts`` into one column of length ``n``."""
    is_obj = any(col.dtype == object for _, col in parts)
    width = max((col.shape[1] if col.ndim == 2 else 1) for _, col in parts)
    two_d = any(col.ndim == 2 for _, col in parts)
    if is_obj:
        out: AnyArray = np.empty(n, dtype=object)
        for gi, col in parts:
            if col.dtype == object:
                out[where[int(gi[0])]] = col
            else:
                vals = col.tolist()
                out[where[int(gi[0])]] = vals
        return out
    out = np.full((n, width) if two_d else n, np.nan)
    for gi, col in parts:
        pos = where[int(gi[0])]
        if two_d:
            if col.ndim == 2:
                out[pos, : col.shape[1]] = col
            else:
                out[pos, 0] = col
        else:
            out[pos] = col
    return out


def _scaled(raw: AnyArray, spec: FieldSpec | None) -> AnyArray:
    if spec is None or raw.dtype == object or not spec.numeric or spec.multi_scale:
        return raw
    if spec.scale == 1.0 and spec.offset == 0.0:
        return raw
    out = raw / spec.scale if spec.scale != 1.0 else raw.copy()
    if spec.offset:
        out -= spec.offset
    return out


def _bits(elems: npt.NDArray[np.uint64], elem_bits: int, start: int, width: int) -> npt.NDArray[np.uint64]:
    """Bits ``start .. start+width`` of the little-endian bit stream formed by ``elems`` (n, k)."""
    j0 = start // elem_bits
    j1 = (start + width - 1) // elem_bits
    value = np.zeros(elems.shape[0], dtype=np.uint64)
    for j in range(j0, j1 + 1):
        e = elems[:, j]
        lo = j * elem_bits
        value |= e >> np.uint64(start - lo) if lo < start else e << np.uint64(lo - start)
    if width < 64:
        value &= np.uint64((1 << width) - 1)
    return value


def _accumulate(
    n: int,
    reset: FloatArray | None,
    vals: npt.NDArray[np.int64],
    rows: npt.NDArray[np.int64],
    sub: npt.NDArray[np.int64],
    bits: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """Replay garmin_fit_sdk's accumulator for one (message, field) over the events in row order.

    Resets come from rows where the field itself is present (``reset``, raw values); accumulate
    events are component values ``vals`` at ``rows`` (``sub`` orders several within a row).
    Returns the accumulated value for each accumulate event, in the input order.
    """
    if reset is not None:
        ok = ~np.isnan(reset)
        r_rows = np.flatnonzero(ok).astype(np.int64)
        r_vals = reset[ok].astype(np.int64)
    else:
        r_rows = np.zeros(0, dtype=np.int64)
        r_vals = np.zeros(0, dtype=np.int64)
    m = len(r_rows)
    all_rows = np.concatenate((r_rows, rows))
    all_sub = np.concatenate((np.full(m, -1, dtype=np.int64), sub))
    all_vals = np.concatenate((r_vals, vals))
    all_mask = np.concatenate((np.zeros(m, dtype=np.int64), (np.int64(1) << bits) - 1))
    order = np.lexsort((all_sub, all_rows))
    v = all_vals[order]
    mask = all_mask[order]
    is_start = order < m
    if len(v):
        is_start[0] = True
    prev = np.empty_like(v)
    if len(v):
        prev[0] = 0
        prev[1:] = v[:-1]
    delta = np.where(is_start, 0, (v - prev) & mask)
    seg = np.cumsum(is_start) - 1
    base = v[is_start]
    csum = np.cumsum(delta)
    acc = base[seg] + csum - csum[is_start][seg]
    out = np.empty(len(vals), dtype=np.int64)
    back = order[~(order < m)] - m
    out[back] = acc[~(order < m)]
    return out


def _width(col: AnyArray) -> int:
    return int(col.shape[1]) if col.ndim == 2 else 1


def _pad2(col: AnyArray, width: int) -> FloatArray:
    out = np.full((len(col), width), np.nan)
    if col.ndim == 2:
        out[:, : col.shape[1]] = col
    else:
        out[:, 0] = col
    return out


class _MessageBuilder:
    """Applies sub-fields, components and scale/offset to one message's merged raw columns."""

    def __init__(self, mesg_num: int, n: int, raw: dict[int, AnyArray]) -> None:
        self.num = mesg_num
        self.spec = MESSAGES.get(mesg_num)
        self.n = n
        self.raw = raw
        self.out: dict[str, AnyArray] = {}
        self.units: dict[str, str] = {}
        # expanded components: name -> (value, raw value, rows where expansion happened)
        self.expanded: dict[str, tuple[FloatArray, FloatArray, npt.NDArray[np.bool_]]] = {}

    def build(self) -> tuple[dict[str, AnyArray], dict[str, str]]:
        fields = self.spec.fields if self.spec is not None else {}
        queue: list[tuple[FieldSpec, AnyArray, npt.NDArray[np.bool_] | None]] = []
        for num, col in self.raw.items():
            spec = fields.get(num)
            if spec is None:
                self.out[f"unknown_{num}"] = col
                continue
            self.out[spec.name] = _scaled(col, spec)
            self.units[spec.name] = spec.units
            if col.dtype == object:
                continue
            if spec.components:
                queue.append((spec, col, None))
            for sub in spec.sub_fields:
                mask = self._selected(sub.selectors, col)
                if mask is None:
                    continue
                sraw = np.where(mask if col.ndim == 1 else mask[:, None], col, np.nan)
                self.out[sub.spec.name] = _scaled(sraw, sub.spec)
                self.units[sub.spec.name] = sub.spec.units
                if sub.spec.components:
                    queue.append((sub.spec, sraw, mask))
        guard = 0
        while queue and guard < 64:
            guard += 1
            spec, col, rowmask = queue.pop(0)
            queue.extend(self._expand(spec, col, rowmask, fields))
        for name, (value, _raw, rows) in self.expanded.items():
            cur = self.out.get(name)
            if cur is None or cur.dtype == object:
                self.out[name] = np.where(rows if value.ndim == 1 else rows[:, None], value, np.nan)
                continue
            if cur.shape != value.shape:
                width = max(_width(cur), _width(value))
                cur, value = _pad2(cur, width), _pad2(value, width)
            merged = cur.copy()
            merged[rows] = value[rows]
            self.out[name] = merged
        return self.out, self.units

    def _selected(self, selectors: tuple[tuple[int, int], ...], col: AnyArray) -> npt.NDArray[np.bool_] | None:
        mask: npt.NDArray[np.bool_] | None = None
        valid = ~np.isnan(col) if col.ndim == 1 else ~np.isnan(col).all(axis=1)
        for ref_num, raw_value in selectors:
            ref = self.raw.get(ref_num)
            if ref is None or ref.dtype == object or ref.ndim != 1:
                continue
            hit = ref == raw_value
            mask = hit if mask is None else (mask | hit)
        if mask is None:
            return None
        mask = mask & valid
        return mask if mask.any() else None

    def _expand(
        self,
        spec: FieldSpec,
        col: AnyArray,
        rowmask: npt.NDArray[np.bool_] | None,
        fields: dict[int, FieldSpec],
    ) -> list[tuple[FieldSpec, AnyArray, npt.NDArray[np.bool_] | None]]:
        pbt = spec.profile_base_type
        if pbt is None:
            return []
        elem_bits = BASE_TYPES[pbt][1] * 8
        two = col if col.ndim == 2 else col[:, None]
        valid = ~np.isnan(two).all(axis=1)
        if rowmask is not None:
            valid &= rowmask
        if not valid.any():
            return []
        # only rows whose values are not all the profile type's invalid value are expanded
        inv = BASE_TYPES[pbt][3]
        filled = np.where(np.isnan(two), float(inv), two)
        valid &= ~(filled == float(inv)).all(axis=1)
        rows = np.flatnonzero(valid)
        if not len(rows):
            return []
        src = filled[rows]
        mask_e = (1 << elem_bits) - 1
        elems = (src.astype(np.int64) & np.int64(mask_e) if elem_bits < 64 else src.astype(np.int64)).astype(np.uint64)
        total_bits = elem_bits * two.shape[1]
        # component index lists per target
        start = 0
        per_target: dict[int, list[tuple[int, int, npt.NDArray[np.uint64]]]] = {}
        for ci, comp in enumerate(spec.components):
            if total_bits - start < comp.bits:
                break
            per_target.setdefault(comp.target, []).append((ci, start, _bits(elems, elem_bits, start, comp.bits)))
            start += comp.bits
            if start >= total_bits:
                break
        follow: list[tuple[FieldSpec, AnyArray, npt.NDArray[np.bool_] | None]] = []
        for target_num, items in per_target.items():
            target = fields.get(target_num)
            if target is None:
                continue
            k = len(items)
            values = np.full((self.n, k), np.nan)
            raws = np.full((self.n, k), np.nan)
            for j, (ci, _start, bitsval) in enumerate(items):
                comp = spec.components[ci]
                v = bitsval.astype(np.int64)
                if target.accumulated:
                    reset = self.raw.get(target_num)
                    if reset is not None and (reset.dtype == object or reset.ndim != 1):
                        reset = None
                    v = _accumulate(
                        self.n,
                        reset,
                        v,
                        rows.astype(np.int64),
                        np.full(len(rows), ci, dtype=np.int64),
                        np.full(len(rows), comp.bits, dtype=np.int64),
                    )
                value = v.astype(np.float64) / comp.scale - comp.offset
                raw_value = (value + target.offset) * target.scale
                bad = raw_value == float(target.invalid_for_expansion)
                value[bad] = np.nan
                values[rows, j] = value
                raws[rows, j] = np.trunc(raw_value)
            if k == 1:
                values1: FloatArray = values[:, 0]
                raws1: FloatArray = raws[:, 0]
            else:
                values1, raws1 = values, raws
            exp_rows = np.zeros(self.n, dtype=bool)
            exp_rows[rows] = True
            prev = self.expanded.get(target.name)
            if prev is not None and prev[0].shape == values1.shape:
                pv, pr, prow = prev
                values1 = np.where(exp_rows if values1.ndim == 1 else exp_rows[:, None], values1, pv)
                raws1 = np.where(exp_rows if raws1.ndim == 1 else exp_rows[:, None], raws1, pr)
                exp_rows = exp_rows | prow
            self.expanded[target.name] = (values1, raws1, exp_rows)
            self.units.setdefault(target.name, target.units)
            if target.components:
                native = self.raw.get(target_num)
                chain_raw = raws1
                if native is not None and native.dtype != object and native.shape == raws1.shape:
                    chain_raw = np.where(np.isnan(native), raws1, native)
                follow.append((target, chain_raw, None))
        return follow


# ---------------------------------------------------------------------------------------------
# developer fields


def _developer_lookup(
    messages: dict[int, dict[int, AnyArray]],
) -> dict[tuple[int, int], tuple[int, str]]:
    """(developer data index, field number) -> (base type, name), from field_description messages."""
    out: dict[tuple[int, int], tuple[int, str]] = {}
    fd = messages.get(FIELD_DESCRIPTION)
    if not fd:
        return out
    idx = fd.get(0)
    num = fd.get(1)
    bt = fd.get(2)
    names = fd.get(3)
    if idx is None or num is None or bt is None or idx.ndim != 1 or num.ndim != 1 or bt.ndim != 1:
        return out
    if idx.dtype == object or num.dtype == object or bt.dtype == object:
        return out
    for i in range(len(idx)):
        if np.isnan(idx[i]) or np.isnan(num[i]) or np.isnan(bt[i]):
            continue
        base = int(bt[i]) & 0x1F
        if base not in BASE_TYPES:
            raise FitError(
                "developer_data",
                f"malformed developer data: field_description {i} declares invalid base type {int(bt[i])}",
            )
        key = (int(idx[i]), int(num[i]))
        name = None
        if names is not None and names.dtype == object and i < len(names):
            nm = names[i]
            name = nm if isinstance(nm, str) else (nm[0] if isinstance(nm, list) and nm else None)
        out.setdefault(key, (base, name or f"dev_{key[0]}_{key[1]}"))
    return out


def _dev_column(rows: AnyArray, name: str, size: int, bt: int, big: bool) -> AnyArray:
    col = rows[name]  # (n, size) uint8
    if bt == STRING:
        return _strings(col)
    _n, bsize, kind, _inv = BASE_TYPES[bt]
    if size % bsize:
        bt, bsize, kind = UINT8, 1, "u1"
    k = size // bsize
    raw = np.ascontiguousarray(col).view(np.dtype(f"{'>' if big else '<'}{kind}")).reshape(len(col), k)
    if k == 1:
        raw = raw[:, 0]
    return _numeric(raw, bt)


# ---------------------------------------------------------------------------------------------
# the entry point


def _file_headers(data: bytes, *, recover: bool = False) -> tuple[list[tuple[FitHeader, int]], FitError | None]:
    """Validate every chained file's header and CRC; return headers with their data end offsets.

    With ``recover`` the first problem after a usable header is returned instead of raised: a
    truncated file keeps the data bytes that are there, a bad CRC keeps its data (the walk
    stops where records stop making sense), and an unreadable chained header ends the list.
    """
    out: list[tuple[FitHeader, int]] = []
    damage: FitError | None = None
    pos = 0
    total = len(data)
    while pos < total:
        try:
            header, data_end, problem = _one_header(data, pos, total)
        except FitError as exc:
            if not recover or pos == 0:
                raise
            return out, damage or exc
        if problem is not None:
            if not recover:
                raise problem
            damage = damage or problem
        out.append((header, min(data_end, total)))
        if problem is not None and problem.reason == "truncated":
            break
        pos = data_end + 2
    return out, damage


def _one_header(data: bytes, pos: int, total: int) -> tuple[FitHeader, int, FitError | None]:
    """One header: raises when it is unusable, returns a data problem (CRC, truncation) with it."""
    hsize = data[pos]
    if total - pos < 12:
        if pos == 0 and data[: min(total, 1)] and hsize not in _HEADER_SIZES:
            raise FitError("not_fit", "not a FIT file: too short and no FIT header", pos)
        raise FitError("truncated", f"unexpected end of file inside a FIT header ({total - pos} bytes)", pos)
    _hs, proto, profile, dsize, tag = _HEADER.unpack_from(data, pos)
    if tag != b".FIT":
        if pos == 0:
            raise FitError("not_fit", "not a FIT file: no '.FIT' signature in the header", pos)
        raise FitError("corrupt_header", "corrupt header of a chained FIT file (no '.FIT' signature)", pos)
    if hsize not in _HEADER_SIZES:
        raise FitError("corrupt_header", f"corrupt FIT header: header size {hsize} (expected 12 or 14)", pos)
    if total - pos < hsize:
        raise FitError("truncated", "unexpected end of file inside a FIT header", pos)
    header = FitHeader(pos, hsize, proto, profile, dsize)
    data_end = pos + hsize + dsize
    if data_end + 2 > total:
        have = max(0, total - pos - hsize)
        msg = f"truncated FIT file: header declares {dsize} data bytes + 2 CRC bytes, {have} bytes follow"
        return header, data_end, FitError("truncated", msg, pos)
    if hsize == 14:
        (hcrc,) = _U16.unpack_from(data, pos + 12)
        if hcrc and hcrc != crc16(data[pos : pos + 12]):
            return header, data_end, FitError("header_crc", "bad header CRC", pos)
    (fcrc,) = _U16.unpack_from(data, data_end)
    if fcrc != crc16(memoryview(data)[pos:data_end]):
        return header, data_end, FitError("file_crc", "bad file CRC", data_end)
    return header, data_end, None


def decode_fit(
    data: bytes | bytearray | memoryview, *, recover: bool = False, only: FieldSelection | None = None
) -> FitFile:
    """Decode a FIT file (possibly several chained ones) into columns per message type.

    Raises :class:`FitError` (and nothing else) for any input that is not a valid FIT file; see
    the module docstring for the CRC policy and for ``recover``. ``only`` (``select_fields``)
    decodes just the messages and fields it names, with the same values as a full decode;
    other messages and developer fields are left out.
    """
    try:
        return _decode(bytes(data), recover, only)
    except FitError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # a bug or an input we failed to foresee: still one clear error
        raise FitError("internal", f"could not decode FIT data: {type(exc).__name__}: {exc}") from exc


def _decode(data: bytes, recover: bool = False, only: FieldSelection | None = None) -> FitFile:
    if not data:
        raise FitError("empty", "empty file: no bytes to decode")
    if len(data) >= _MAX_SIZE:
        raise FitError("too_large", f"input of {len(data)} bytes is too large (limit {_MAX_SIZE - 1})")
    headers, damage = _file_headers(data, recover=recover)
    arr = np.frombuffer(data, dtype=np.uint8)
    st = _Walk()
    walked: list[tuple[FitHeader, int]] = []
    for header, data_end in headers:
        try:
            _walk(data, arr, header.offset + header.header_size, data_end, st)
        except FitError:
            if not recover or damage is None:
                raise  # a sound CRC over a record that does not decode: the writer's bug, not damage
            walked.append((header, data_end))
            break
        walked.append((header, data_end))
    headers = walked
    warnings: tuple[str, ...] = ()
    if damage is not None:
        n_records = len(st.singles) + sum(r[2] for r in st.runs)
        if n_records == 0:
            raise damage
        warnings = (f"damaged FIT file ({damage}): kept the {n_records} messages before the damage",)

    # offsets per group
    packed = np.asarray(st.singles, dtype=np.int64)
    off_parts = [packed >> 32]
    gid_parts = [packed & 0xFFFFFFFF]
    if st.runs:
        run_arr = np.asarray(st.runs, dtype=np.int64)
        counts = run_arr[:, 2]
        total = int(counts.sum())
        starts = np.repeat(run_arr[:, 1], counts)
        strides = np.repeat(run_arr[:, 3], counts)
        first_idx = np.repeat(np.cumsum(counts) - counts, counts)
        off_parts.append(starts + (np.arange(total, dtype=np.int64) - first_idx) * strides)
        gid_parts.append(np.repeat(run_arr[:, 0], counts))
    all_offs = np.concatenate(off_parts)
    all_gids = np.concatenate(gid_parts)
    order = np.lexsort((all_offs, all_gids))
    all_offs = all_offs[order]
    all_gids = all_gids[order]
    bounds = np.flatnonzero(np.diff(all_gids)) + 1
    starts_idx = np.concatenate(([0], bounds)).tolist() if len(all_gids) else []
    ends_idx = np.concatenate((bounds, [len(all_gids)])).tolist() if len(all_gids) else []

    groups: list[_Group] = []
    for s, e in zip(starts_idx, ends_idx, strict=True):
        gid = int(all_gids[s])
        d = st.defs[gid]
        offs = all_offs[s:e]
        wanted = None if only is None else (only.of(d.global_num) or TIMESTAMP_ONLY)
        plan = d.plans.get(wanted) or _plan(d, wanted)
        if d.size == 0 or not (plan.scalar_nums or plan.other_fields):
            groups.append(_Group(d, offs, {}, {}))
            continue
        rows = _rows(data, arr, d, offs)
        groups.append(_Group(d, offs, _decode_group(rows, d, wanted), {}))

    _compressed_timestamps(arr, groups)

    # merge groups per global message
    by_mesg: dict[int, list[_Group]] = {}
    for g in groups:
        if only is None or only.of(g.d.global_num) is not None:
            by_mesg.setdefault(g.d.global_num, []).append(g)
    merged: dict[int, dict[int, AnyArray]] = {}
    merged_offs: dict[int, npt.NDArray[np.int64]] = {}
    where_of: dict[int, list[AnyArray]] = {}
    for num, gs in by_mesg.items():
        if len(gs) == 1:
            merged[num] = gs[0].cols
            merged_offs[num] = gs[0].offs
            where_of[num] = [np.arange(len(gs[0].offs))]
            continue
        offs = np.concatenate([g.offs for g in gs])
        order = np.argsort(offs, kind="stable")
        inverse = np.empty_like(order)
        inverse[order] = np.arange(len(order))
        where: list[AnyArray] = []
        pos = 0
        for g in gs:
            where.append(inverse[pos : pos + len(g.offs)])
            pos += len(g.offs)
        n = len(offs)
        names: dict[int, list[tuple[npt.NDArray[np.int64], AnyArray]]] = {}
        for gi, g in enumerate(gs):
            tag = np.array([gi], dtype=np.int64)
            for fnum, col in g.cols.items():
                names.setdefault(fnum, []).append((tag, col))
        merged[num] = {fnum: _merge(parts, n, where) for fnum, parts in names.items()}
        merged_offs[num] = offs[order]
        where_of[num] = where

    messages: dict[str, dict[str, AnyArray]] = {}
    units: dict[str, dict[str, str]] = {}
    for num in sorted(by_mesg, key=lambda m: int(merged_offs[m][0]) if len(merged_offs[m]) else 0):
        n = len(merged_offs[num])
        name = message_name(num)
        out, u = _MessageBuilder(num, n, merged[num]).build()
        messages[name] = out
        units[name] = u

    developer: dict[str, dict[str, AnyArray]] = {}
    lookup = _developer_lookup(merged) if only is None else {}
    if lookup and any(g.d.dev_fields for g in groups):
        for num, gs in by_mesg.items():
            n = len(merged_offs[num])
            for gi, g in enumerate(gs):
                if not g.d.dev_fields:
                    continue
                rows = _rows(data, arr, g.d, g.offs)
                for i, (fnum, size, idx) in enumerate(g.d.dev_fields):
                    info = lookup.get((idx, fnum))
                    if info is None or not size:
                        continue
                    col = _dev_column(rows, f"d{i}", size, info[0], g.d.big_endian)
                    target = developer.setdefault(message_name(num), {})
                    parts = [(np.array([0], dtype=np.int64), col)]
                    full = _merge(parts, n, [where_of[num][gi]])
                    prev = target.get(info[1])
                    if prev is not None and prev.shape == full.shape and prev.dtype == full.dtype:
                        keep: npt.NDArray[np.bool_]
                        if full.dtype == object:
                            keep = np.array([v is None for v in full.tolist()], dtype=bool)
                        elif full.ndim == 1:
                            keep = np.asarray(np.isnan(full), dtype=bool)
                        else:
                            keep = np.asarray(np.isnan(full).all(axis=1), dtype=bool)
                        full[keep] = prev[keep]
                    target[info[1]] = full

    return FitFile(
        messages=messages,
        units=units,
        developer_fields=developer,
        headers=tuple(h for h, _ in headers),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )
