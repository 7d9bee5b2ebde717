"""Core FIT decoder tests on files built here with garmin-fit-sdk's Encoder (no shared data)."""

from __future__ import annotations

import math
import struct
from datetime import UTC, datetime

import numpy as np
import pytest
from garmin_fit_sdk import Encoder

from stridelift.importers.fit import FitError, decode_fit, enum_name
from stridelift.importers.fit.crc import crc16, crc16_py

FIT_EPOCH = 631065600
START = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
START_FIT = int(START.timestamp()) - FIT_EPOCH


def build_run(n: int = 120) -> bytes:
    enc = Encoder()
    enc.write_mesg(
        {
            "mesg_num": 0,
            "type": 4,
            "manufacturer": 1,
            "product": 3113,
            "serial_number": 1234567,
            "time_created": START_FIT,
        }
    )
    for i in range(n):
        enc.write_mesg(
            {
                "mesg_num": 20,
                "timestamp": START_FIT + i,
                "heart_rate": 120 + i % 40,
                "speed": 3.0 + (i % 10) / 10,
                "altitude": 100.0 + i / 5,
                "distance": 3.2 * i,
            }
        )
    enc.write_mesg(
        {
            "mesg_num": 18,
            "timestamp": START_FIT + n,
            "start_time": START_FIT,
            "sport": 1,
            "sub_sport": 0,
            "total_elapsed_time": float(n),
            "total_timer_time": float(n - 5),
            "total_distance": 3.2 * (n - 1),
            "avg_heart_rate": 140,
            "max_heart_rate": 159,
            "total_ascent": 24,
        }
    )
    return bytes(enc.close())


def test_round_trip_encoder_file() -> None:
    fit = decode_fit(build_run())
    rec = fit.messages["record"]
    n = 120
    assert fit.count("record") == n
    np.testing.assert_array_equal(rec["timestamp"], START_FIT + np.arange(n))
    np.testing.assert_array_equal(rec["heart_rate"], 120 + np.arange(n) % 40)
    np.testing.assert_allclose(rec["speed"], 3.0 + (np.arange(n) % 10) / 10, rtol=0, atol=1e-9)
    # speed and altitude expand into their enhanced fields, as the profile's components say
    np.testing.assert_allclose(rec["enhanced_speed"], rec["speed"])
    np.testing.assert_allclose(rec["altitude"], 100.0 + np.arange(n) / 5, atol=1e-9)
    np.testing.assert_allclose(rec["enhanced_altitude"], rec["altitude"])
    np.testing.assert_allclose(rec["distance"], 3.2 * np.arange(n), atol=1e-9)
    assert fit.units["record"]["speed"] == "m/s"
    fid = fit.messages["file_id"]
    assert fid["serial_number"][0] == 1234567
    assert enum_name("manufacturer", fid["manufacturer"][0]) == "garmin"
    # product has the garmin_product sub-field when manufacturer is garmin
    assert fid["garmin_product"][0] == 3113
    ses = fit.messages["session"]
    assert enum_name("sport", ses["sport"][0]) == "running"
    assert ses["total_elapsed_time"][0] == pytest.approx(120.0)
    assert ses["total_distance"][0] == pytest.approx(3.2 * 119)
    assert ses["max_heart_rate"][0] == 159
    assert fit.sha256 and fit.size > 0 and len(fit.headers) == 1


def test_invalid_values_are_nan() -> None:
    enc = Encoder()
    enc.write_mesg({"mesg_num": 0, "type": 4, "time_created": START_FIT})
    enc.write_mesg({"mesg_num": 20, "timestamp": START_FIT, "heart_rate": 255, "cadence": 80})
    enc.write_mesg({"mesg_num": 20, "timestamp": START_FIT + 1, "heart_rate": 100, "cadence": 81})
    fit = decode_fit(bytes(enc.close()))
    hr = fit.messages["record"]["heart_rate"]
    assert math.isnan(hr[0]) and hr[1] == 100


def test_chained_files_are_concatenated() -> None:
    one = build_run(10)
    fit = decode_fit(one + one)
    assert fit.count("record") == 20
    assert fit.count("file_id") == 2
    assert len(fit.headers) == 2


def test_crc_matches_reference() -> None:
    rng = np.random.default_rng(1)
    for n in (0, 1, 100, 4096, 4097, 10_000, 123_457):
        blob = rng.integers(0, 256, n, dtype=np.uint8).tobytes()
        assert crc16(blob) == crc16_py(blob)


def _fix_crc(buf: bytearray) -> bytearray:
    buf[-2:] = struct.pack("<H", crc16(bytes(buf[:-2])))
    return buf


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda b: b"", "empty"),
        (lambda b: b"hello world, not a fit file at all", "not_fit"),
        (lambda b: b[:-1], "truncated"),
        (lambda b: b[:20], "truncated"),
        (lambda b: b[:-2] + bytes([b[-2] ^ 0xFF, b[-1]]), "file_crc"),
        (lambda b: b[:12] + bytes([b[12] ^ 0x55, b[13]]) + b[14:], "header_crc"),
        (lambda b: bytes([13]) + b[1:], "corrupt_header"),
        (lambda b: b + b"\x00" * 20, "corrupt_header"),
    ],
)
def test_errors_have_reasons(mutate: object, reason: str) -> None:
    data = build_run(5)
    with pytest.raises(FitError) as err:
        decode_fit(mutate(data))  # type: ignore[operator]
    assert err.value.reason == reason, str(err.value)
    assert "\n" not in str(err.value)


def test_unknown_local_message() -> None:
    data = bytearray(build_run(3))
    # the first data message after the first definition: point it at local type 9 (never defined)
    hsize = data[0]
    pos = hsize
    nf = data[pos + 5]
    pos += 6 + 3 * nf
    data[pos] = 0x09
    with pytest.raises(FitError) as err:
        decode_fit(bytes(_fix_crc(data)))
    assert err.value.reason == "unknown_local_message"


def test_compressed_timestamps() -> None:
    """Hand-built file: a record with a full timestamp, then records with compressed headers."""
    body = bytearray()
    # definition local 0: record with timestamp(253,u32) + heart_rate(3,u8)
    body += bytes([0x40, 0, 0]) + struct.pack("<H", 20) + bytes([2, 253, 4, 0x86, 3, 1, 0x02])
    # definition local 1: record with heart_rate only
    body += bytes([0x41, 0, 0]) + struct.pack("<H", 20) + bytes([1, 3, 1, 0x02])
    t0 = 1000 * 32 + 30  # offset 30 in its 5-bit window
    body += bytes([0x00]) + struct.pack("<I", t0) + bytes([90])
    # compressed header: bit7, local type in bits 5-6, time offset in bits 0-4
    for off, hr in ((31, 91), (2, 92), (3, 93)):  # 31 -> +1, 2 -> wraps: +3, 3 -> +1
        body += bytes([0x80 | (1 << 5) | off, hr])
    header = bytearray(struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT"))
    header += struct.pack("<H", crc16(bytes(header)))
    data = header + body
    data += struct.pack("<H", crc16(bytes(data)))
    fit = decode_fit(bytes(data))
    rec = fit.messages["record"]
    np.testing.assert_array_equal(rec["timestamp"], [t0, t0 + 1, t0 + 4, t0 + 5])
    np.testing.assert_array_equal(rec["heart_rate"], [90, 91, 92, 93])


def test_compressed_speed_distance_accumulates() -> None:
    body = bytearray()
    body += bytes([0x40, 0, 0]) + struct.pack("<H", 20) + bytes([2, 253, 4, 0x86, 8, 3, 0x0D])
    dists = [4000 - 16 * 3, 4000, 4090, 4095, 5, 100]  # 12-bit distance in 1/16 m, wraps after 4095
    speed = 250  # 2.5 m/s in 1/100
    for i, d in enumerate(dists):
        raw = speed | (d << 12)
        body += bytes([0x00]) + struct.pack("<I", 5000 + i) + raw.to_bytes(3, "little")
    header = bytearray(struct.pack("<BBHI4s", 12, 0x10, 2132, len(body), b".FIT"))
    data = header + body
    data += struct.pack("<H", crc16(bytes(data)))
    rec = decode_fit(bytes(data)).messages["record"]
    np.testing.assert_allclose(rec["speed"], 2.5)
    np.testing.assert_allclose(rec["enhanced_speed"], 2.5)
    expected = np.array([3952, 4000, 4090, 4095, 4096 + 5, 4096 + 100]) / 16
    np.testing.assert_allclose(rec["distance"], expected)


def test_big_endian_definition() -> None:
    body = bytearray()
    body += bytes([0x40, 0, 1]) + struct.pack(">H", 20) + bytes([2, 253, 4, 0x86, 2, 2, 0x84])
    body += bytes([0x00]) + struct.pack(">I", 123456) + struct.pack(">H", 2600)  # altitude raw
    header = bytearray(struct.pack("<BBHI4s", 12, 0x10, 2132, len(body), b".FIT"))
    data = header + body
    data += struct.pack("<H", crc16(bytes(data)))
    rec = decode_fit(bytes(data)).messages["record"]
    assert rec["timestamp"][0] == 123456
    assert rec["altitude"][0] == pytest.approx(2600 / 5 - 500)


# -- damaged files: recover what comes before the damage -------------------------------------------


def test_truncated_file_keeps_the_records_before_the_cut() -> None:
    full = build_run(120)
    sound = decode_fit(full)
    for cut in (40, 300, len(full) // 2):
        data = full[:-cut]
        with pytest.raises(FitError) as err:
            decode_fit(data)  # strict by default
        assert err.value.reason == "truncated"
        fit = decode_fit(data, recover=True)
        n = fit.count("record")
        assert 0 < n <= 120
        # the kept records are exactly the sound file's first ones
        np.testing.assert_array_equal(fit.messages["record"]["heart_rate"], sound.messages["record"]["heart_rate"][:n])
        np.testing.assert_array_equal(fit.messages["record"]["timestamp"], sound.messages["record"]["timestamp"][:n])
        [warning] = fit.warnings
        assert "truncated" in warning and "kept the" in warning and "\n" not in warning
    assert decode_fit(full, recover=True).warnings == ()


def test_bad_crc_keeps_the_records_with_a_warning() -> None:
    data = bytearray(build_run(50))
    data[-1] ^= 0xFF
    with pytest.raises(FitError, match="CRC"):
        decode_fit(bytes(data))
    fit = decode_fit(bytes(data), recover=True)
    assert fit.count("record") == 50 and fit.count("session") == 1
    assert "bad file CRC" in fit.warnings[0]


def test_garbage_inside_stops_the_walk_there() -> None:
    full = build_run(60)
    sound = decode_fit(full)
    data = bytearray(full)
    middle = len(full) // 2
    data[middle : middle + 12] = b"\x4f" * 12  # definition headers with no room: undecodable from here
    fit = decode_fit(bytes(data), recover=True)
    n = fit.count("record")
    assert 0 < n < 60
    np.testing.assert_array_equal(fit.messages["record"]["speed"], sound.messages["record"]["speed"][:n])
    assert fit.warnings


def test_a_damaged_chained_file_keeps_the_sound_one_before_it() -> None:
    first, second = build_run(30), build_run(40)
    fit = decode_fit(first + second[: len(second) // 2], recover=True)
    assert 30 < fit.count("record") < 70 and len(fit.headers) == 2
    fit = decode_fit(first + b"\x0e\x10garbage!" + second, recover=True)  # no '.FIT' after the first
    assert fit.count("record") == 30 and "chained" in fit.warnings[0]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<?xml version='1.0'?><gpx></gpx>", "not_fit"),
        (b"PK\x03\x04" + b"\x00" * 40, "not_fit"),
        (b"", "empty"),
    ],
)
def test_what_is_not_fit_is_still_refused(data: bytes, reason: str) -> None:
    with pytest.raises(FitError) as err:
        decode_fit(data, recover=True)
    assert err.value.reason == reason


def test_damage_before_any_record_is_refused() -> None:
    full = build_run(10)
    with pytest.raises(FitError) as err:
        decode_fit(full[:16], recover=True)  # the header and two bytes: nothing readable
    assert err.value.reason == "truncated"
