"""stridelift's FIT decoder against garmin-fit-sdk on every file of ../shared/data/fit.

For each file both decoders run; for the messages below every field that garmin-fit-sdk returns
and stridelift also names is compared value for value (numbers within 1e-6 relative, strings
exactly, arrays element-wise), and so is the absence of a value (NaN in stridelift) for fields
that the SDK leaves out of one message but stridelift names.

Files the SDK fails on must raise FitError here, except where stridelift decodes a documented
superset: the SDK does not support compressed-timestamp headers at all ("Compressed timestamp
messages are not currently supported"), and stridelift does; there the messages the SDK decoded
before giving up must be a prefix of ours.

Files in invalid/ must raise FitError with a clear reason, except two files that are valid FIT
files and are in that folder only because an older decoder choked on them (see ``VALID_IN_INVALID``).
"""

from __future__ import annotations

import math
import os
import random
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from garmin_fit_sdk import Decoder, Stream

from stridelift.importers.fit import FitError, decode_fit
from stridelift.importers.fit.crc import crc16

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "data" / "fit"
FILES = sorted(CORPUS.rglob("*.fit")) if CORPUS.is_dir() else []
MESSAGES = ("record", "session", "lap", "file_id", "event", "device_info")
SUPERSET_ERRORS = ("Compressed timestamp messages are not currently supported",)
# invalid/ files that garmin-fit-sdk, fitdecode and fitparse all read, and that we read too:
VALID_IN_INVALID = {
    # fitdecode/fitparse keep it among broken files but their tests assert it parses: a
    # developer_data_id without application_id is allowed (the same holds for the valid
    # fitdecode/2019-02-17-062644-ELEMNT-297E-195-0.fit)
    "fitdecode_elemnt-bolt-no-application-id-inside-developer-data-id.fit",
    # "broken" only for tormoder/fit before it supported developer fields (its issue #41 notes
    # that the official SDK parses it); CRCs and framing are valid
    "tormoder-fit_mornindew-broken.fit",
}
EXPECTED_INVALID_REASONS = {
    "file_crc",
    "truncated",
    "corrupt_header",
    "not_fit",
    "header_crc",
    "empty",
    "unknown_local_message",
    "bad_definition",
    "developer_data",
}


def test_corpus_present() -> None:
    if not FILES:
        msg = f"FIT corpus not found at {CORPUS.resolve()} (../shared/data/fit beside the repository)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


def _sdk(path: Path) -> tuple[dict[str, list[dict[Any, Any]]], list[Exception]]:
    stream = Stream.from_file(str(path))
    try:
        messages, errors = Decoder(stream).read(
            apply_scale_and_offset=True,
            convert_datetimes_to_dates=False,
            convert_types_to_strings=False,
            enable_crc_check=True,
            expand_sub_fields=True,
            expand_components=True,
            merge_heart_rates=False,
        )
    finally:
        stream.close()
    return messages, errors


def _is_empty(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    if isinstance(v, np.ndarray) and v.dtype != object:
        return bool(np.isnan(v).all())
    return False


def _same(sdk: Any, ours: Any) -> bool:
    if isinstance(ours, np.ndarray):
        row = ours.tolist()
        while row and _is_empty(row[-1]):
            row.pop()
        want = list(sdk) if isinstance(sdk, (list, tuple)) else [sdk]
        return len(want) == len(row) and all(_same(a, b) for a, b in zip(want, row, strict=True))
    if sdk is None or (isinstance(sdk, float) and math.isnan(sdk)):
        return _is_empty(ours)
    if isinstance(sdk, (str, list, tuple, bytes)) or isinstance(ours, (str, list)):
        return bool(sdk == ours)
    if _is_empty(ours):
        return False
    a, b = float(sdk), float(ours)
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _compare(sdk_messages: dict[str, list[dict[Any, Any]]], fit: Any, prefix_only: bool) -> list[str]:
    problems: list[str] = []
    for name in MESSAGES:
        sdk_list = sdk_messages.get(f"{name}_mesgs", [])
        cols = fit.messages.get(name, {})
        n = fit.count(name)
        if (len(sdk_list) > n) if prefix_only else (len(sdk_list) != n):
            problems.append(f"{name}: {len(sdk_list)} messages in the SDK, {n} here")
            continue
        for i, sdk_mesg in enumerate(sdk_list):
            for key, value in sdk_mesg.items():
                if key == "developer_fields":
                    continue
                col_name = f"unknown_{key}" if isinstance(key, int) else key
                col = cols.get(col_name)
                if col is None:
                    continue
                if not _same(value, col[i]):
                    problems.append(f"{name}[{i}].{col_name}: SDK {value!r}, here {col[i]!r}")
            for col_name, col in cols.items():
                key: Any = int(col_name[8:]) if col_name.startswith("unknown_") else col_name
                if key not in sdk_mesg and not _is_empty(col[i]):
                    problems.append(f"{name}[{i}].{col_name}: SDK has no value, here {col[i]!r}")
            if len(problems) > 20:
                return problems
    return problems


@pytest.mark.shared_data
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_matches_garmin_sdk(path: Path) -> None:
    data = path.read_bytes()
    sdk_messages, sdk_errors = _sdk(path)
    invalid = path.parent.name == "invalid" and path.name not in VALID_IN_INVALID
    if invalid:
        with pytest.raises(FitError) as err:
            decode_fit(data)
        assert err.value.reason in EXPECTED_INVALID_REASONS
        assert str(err.value) and "\n" not in str(err.value)
        return
    superset = bool(sdk_errors) and any(s in str(sdk_errors[0]) for s in SUPERSET_ERRORS)
    if sdk_errors and not superset:
        with pytest.raises(FitError):
            decode_fit(data)
        return
    fit = decode_fit(data)
    problems = _compare(sdk_messages, fit, prefix_only=superset)
    assert not problems, "\n".join(problems[:20])


@pytest.mark.shared_data
@pytest.mark.slow
def test_mutated_corpus_files_never_crash() -> None:
    """Random truncations and byte flips of real files give a result or FitError, nothing else."""
    if not FILES:
        pytest.skip("FIT corpus not found")
    rng = random.Random(20240501)
    small = [p for p in FILES if p.stat().st_size < 120_000 and p.parent.name != "invalid"]
    for _ in range(400):
        buf = bytearray(rng.choice(small).read_bytes())
        for _ in range(rng.randint(1, 6)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        if rng.random() < 0.3:
            del buf[rng.randrange(len(buf)) :]
        if rng.random() < 0.7 and len(buf) >= 14 and buf[0] in (12, 14):
            # repair the CRCs so that the mutation reaches the record walker
            if buf[0] == 14:
                buf[12:14] = struct.pack("<H", crc16(bytes(buf[:12])))
            end = buf[0] + struct.unpack_from("<I", buf, 4)[0]
            if end + 2 <= len(buf):
                buf[end : end + 2] = struct.pack("<H", crc16(bytes(buf[:end])))
        try:
            decode_fit(bytes(buf))
        except FitError as err:
            assert err.reason != "internal", str(err)


INVALID = [p for p in FILES if p.parent.name == "invalid" and p.name not in VALID_IN_INVALID]


@pytest.mark.shared_data
@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_damaged_files_give_what_garmin_sdk_recovers(path: Path) -> None:
    """With ``recover`` a broken file keeps the messages before its damage, the ones the SDK reads
    before it stops, value for value, and says what was damaged."""
    sdk_messages, sdk_errors = _sdk(path)
    assert sdk_errors  # the SDK finds these damaged too
    sdk_records = len(sdk_messages.get("record_mesgs", []))
    try:
        fit = decode_fit(path.read_bytes(), recover=True)
    except FitError as exc:
        assert sdk_records == 0, f"the SDK recovers {sdk_records} records; here: {exc}"
        return
    assert fit.count("record") == sdk_records
    problems = _compare(sdk_messages, fit, prefix_only=True)
    assert not problems, "\n".join(problems[:20])
    [warning] = fit.warnings
    assert "damaged FIT file" in warning and "\n" not in warning
