"""to_activity and decode_many on files built with garmin-fit-sdk's Encoder."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pytest

from stridelift.domain.activity import Activity
from stridelift.importers.fit import FitError, decode_fit, decode_many, to_activity
from tests.unit.test_fit_decoder import START, build_run


def test_to_activity_summary_and_streams() -> None:
    data = build_run(120)
    act = to_activity(decode_fit(data), source="run.fit")
    assert isinstance(act, Activity)
    assert act.sport == "running" and act.sub_sport == "generic"
    assert act.start == START and act.start.tzinfo is not None
    assert act.duration_s == pytest.approx(120.0)
    assert act.moving_time_s == pytest.approx(115.0)
    assert act.distance_m == pytest.approx(3.2 * 119)
    assert act.elevation_gain_m == pytest.approx(24.0)
    assert act.avg_hr == pytest.approx(140.0) and act.max_hr == pytest.approx(159.0)
    assert act.time_s[:3] == (0.0, 1.0, 2.0) and len(act.time_s) == 120
    assert act.heart_rate[5] == pytest.approx(125.0)
    assert act.speed_m_s[12] == pytest.approx(3.2)
    assert act.altitude_m[10] == pytest.approx(102.0)
    assert act.content_sha256 == hashlib.sha256(data).hexdigest()
    assert act.source == "run.fit"


def test_activity_requires_aware_start() -> None:
    act = to_activity(decode_fit(build_run(3)))
    with pytest.raises(ValueError):
        fields = {f: getattr(act, f) for f in act.__dataclass_fields__}
        Activity(**{**fields, "start": START.replace(tzinfo=None)})


@pytest.mark.parametrize("workers", [1, 2])
def test_decode_many_in_order(tmp_path: Path, workers: int) -> None:
    paths = []
    for i in range(40):
        p = tmp_path / f"f{i:02d}.fit"
        p.write_bytes(build_run(5 + i) if i % 7 else b"broken")
        paths.append(p)
    paths.append(tmp_path / "missing.fit")
    out = list(decode_many(paths, workers=workers, chunk_size=4))
    assert [p for p, _ in out] == [str(p) for p in paths]
    for i, (_, res) in enumerate(out):
        if i == 40:
            assert isinstance(res, FitError) and res.reason == "io"
        elif i % 7 == 0:
            assert isinstance(res, FitError) and res.reason == "not_fit"
        else:
            assert not isinstance(res, FitError)
            assert res.count("record") == 5 + i
            assert not math.isnan(res.messages["record"]["heart_rate"][0])


@pytest.mark.parametrize(
    ("file_type", "kind"),
    [(5, "workout"), (2, "settings"), (9, "weight"), (15, "monitoring a"), (32, "monitoring b"), (6, "course")],
)
def test_files_that_are_not_activities_are_refused_with_what_they_are(file_type: int, kind: str) -> None:
    from garmin_fit_sdk import Encoder

    from tests.unit.test_fit_decoder import START_FIT

    enc = Encoder()
    enc.write_mesg({"mesg_num": 0, "type": file_type, "manufacturer": 1, "time_created": 600})
    enc.write_mesg({"mesg_num": 20, "timestamp": START_FIT, "heart_rate": 60})  # a stray record changes nothing
    with pytest.raises(FitError) as err:
        to_activity(decode_fit(bytes(enc.close())))
    assert err.value.reason == "not_activity"
    assert str(err.value) == f"not an activity: a FIT {kind} file (nothing to import)"


def test_a_truncated_activity_keeps_its_records_and_says_so() -> None:
    from stridelift.importers.fit import read_activity

    data = build_run(200)
    act = read_activity(data[: len(data) * 2 // 3], source="cut.fit")
    assert act.start == START and 0 < len(act.time_s) < 200
    assert len(act.warnings) == 1 and "truncated" in act.warnings[0]
    with pytest.raises(FitError) as err:
        read_activity(b"this is a text file, not FIT at all", source="x.fit")
    assert err.value.reason == "not_fit"
