"""Decoding only the import's fields (``decode_fit(only=IMPORT_FIELDS)``) gives the same values,
warnings and failures as a full decode, on every file of ../shared/data/fit (invalid/ too)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stridelift.importers.fit import FitError, decode_fit, decoded_activity
from stridelift.importers.fit.activity import IMPORT_FIELDS
from stridelift.importers.fit.decoder import FitFile
from stridelift.importers.fit.profile import MESSAGES
from stridelift.importers.fit.selection import select_fields

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "data" / "fit"
FILES = sorted(CORPUS.rglob("*.fit")) if CORPUS.is_dir() else []
WANTED = {
    MESSAGES[num].name: sorted(MESSAGES[num].fields[f].name for f in fields if f in MESSAGES[num].fields)
    for num, fields in IMPORT_FIELDS.fields.items()
}


def _decode(data: bytes, selected: bool) -> FitFile | str:
    try:
        return decode_fit(data, recover=True, only=IMPORT_FIELDS if selected else None)
    except FitError as exc:
        return f"{exc.reason}: {exc}"


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    if a.dtype == object or b.dtype == object:
        return a.dtype == b.dtype and a.tolist() == b.tolist()
    return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=True))


@pytest.mark.skipif(not FILES, reason="corpus not present")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_selected_fields_equal_full_decode(path: Path) -> None:
    data = path.read_bytes()
    full, sel = _decode(data, False), _decode(data, True)
    if isinstance(full, str) or isinstance(sel, str):
        assert full == sel
        return
    assert (sel.warnings, sel.sha256, sel.headers) == (full.warnings, full.sha256, full.headers)
    assert set(sel.messages) <= set(WANTED)
    for mesg, names in WANTED.items():
        assert (mesg in sel.messages) == (mesg in full.messages)
        for name in names:
            a, b = full.messages.get(mesg, {}).get(name), sel.messages.get(mesg, {}).get(name)
            assert (a is None) == (b is None), (mesg, name)
            if a is not None and b is not None:
                assert _same(a, b), (mesg, name)
    try:
        want = decoded_activity(full, "x")
    except FitError as exc:
        with pytest.raises(FitError) as caught:
            decoded_activity(sel, "x")
        assert (caught.value.reason, str(caught.value)) == (exc.reason, str(exc))
        return
    got = decoded_activity(sel, "x")
    assert got.figures == want.figures
    assert np.array_equal(got.streams, want.streams, equal_nan=True)


def test_selection_closes_over_components_and_keeps_timestamps() -> None:
    sel = select_fields({"record": ["enhanced_speed"], "event": ["timer_trigger"]})
    record = {MESSAGES[20].fields[n].name for n in sel.fields[20]}
    # enhanced_speed expands from speed, which expands from compressed_speed_distance: all three
    assert record == {"timestamp", "enhanced_speed", "speed", "compressed_speed_distance"}
    event = {MESSAGES[21].fields[n].name for n in sel.fields[21]}
    # a sub-field comes from its field, selected by the event field
    assert {"timestamp", "data", "event"} <= event
    assert sel.of(0) is None  # file_id: not wanted


def test_selection_refuses_unknown_names() -> None:
    with pytest.raises(ValueError, match="no FIT message"):
        select_fields({"recrod": ["speed"]})
    with pytest.raises(ValueError, match="no field"):
        select_fields({"record": ["sped"]})
