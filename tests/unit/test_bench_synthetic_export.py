"""The synthetic export bench/import_fit.py --synthetic imports: copies that are the corpus files
moved in time, nothing else changed, so its import ratio measures the importer on real data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np

from stridelift.importers.fit import decode_fit
from stridelift.importers.gpx import read_gpx
from tests.conftest import ROOT, shared_path


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic_export", ROOT / "bench" / "synthetic_export.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_fit_copies_are_the_same_records_moved_in_time() -> None:
    syn = _module()
    shift = 3 * syn.WEEK_S
    checked = 0
    for path in sorted(shared_path("data", "fit").rglob("*.fit")):
        if "invalid" in path.parts:
            continue
        data = path.read_bytes()
        copy = syn.shift_fit(data, shift)
        if copy is None:
            continue
        before, after = decode_fit(data), decode_fit(copy)  # the CRC is right, or this raises
        if "record" not in before.messages or "timestamp" not in before.messages["record"]:
            continue
        rec0, rec1 = before.messages["record"], after.messages["record"]
        assert set(rec0) == set(rec1), path
        for name in rec0:
            expected = rec0[name]
            if name == "timestamp":  # date_times move; a device's relative times (below 0x10000000) stay
                expected = np.where(expected >= 0x10000000, expected + shift, expected)
            np.testing.assert_array_equal(rec1[name], expected, err_msg=f"{path} {name}")
        checked += 1
    assert checked >= 20


def test_gpx_copies_move_every_time(tmp_path: Path) -> None:
    syn = _module()
    path = shared_path("data", "gpx", "gpxpy_korita-zbevnica.gpx")
    data = path.read_bytes()
    before = read_gpx(data, path.name)
    after = read_gpx(syn.shift_xml(data, syn.WEEK_S), path.name)
    assert (after.start - before.start).total_seconds() == syn.WEEK_S
    assert after.time_s == before.time_s and after.duration_s == before.duration_s
    np.testing.assert_array_equal(after.heart_rate, before.heart_rate)  # NaN where NaN


def test_an_export_of_n_files_is_built_round_robin(tmp_path: Path) -> None:
    syn = _module()
    size = syn.build(shared_path("data"), tmp_path / "export", 120)
    files = sorted((tmp_path / "export").iterdir())
    assert len(files) == 120 and size == sum(f.stat().st_size for f in files)
    assert len({f.read_bytes() for f in files}) > 100  # copies differ from one another
