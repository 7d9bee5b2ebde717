"""The session builder's fast paths (direct-constructor copies, per-session part timing and compaction)
give the plan byte for byte that the plain versions give: the same JSON for every example and for
random profiles, and a copy never aliases or changes its source."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from stridelift.domain import sessions
from stridelift.domain.plan import Intensity, Prescription
from stridelift.exporters.plan_json import to_json
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.conftest import EXAMPLES
from tests.property.test_random_profiles import profiles


def _plain_varied(
    p: Prescription, sets: int, reps: int | None, duration_s: int | None, rest_s: int, intensity: Intensity
) -> Prescription:
    return dataclasses.replace(p, sets=sets, reps=reps, duration_s=duration_s, rest_s=rest_s, intensity=intensity)


def _plain_part_seconds(self: sessions.SessionBuilder, part: list[Prescription]) -> float:
    return self.seconds(part)


def _plain_compact_part(self: sessions.SessionBuilder, part: list[Prescription]) -> list[Prescription]:
    return [self._compact(p) for p in part]


def _both(raw: dict[str, Any]) -> tuple[bytes, bytes]:
    fast = to_json(plan_athlete(parse_profile(raw)))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sessions, "_varied", _plain_varied)
        mp.setattr(sessions.SessionBuilder, "_part_seconds", _plain_part_seconds)
        mp.setattr(sessions.SessionBuilder, "_compact_part", _plain_compact_part)
        slow = to_json(plan_athlete(parse_profile(raw)))
    return fast, slow


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_plan_the_same_bytes_with_and_without_the_fast_paths(path: Path) -> None:
    fast, slow = _both(tomllib.loads(path.read_text()))
    assert fast == slow


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_random_profiles_plan_the_same_bytes_with_and_without_the_fast_paths(raw: dict[str, Any]) -> None:
    assume(any(d["type"] != "rest" for d in raw["running"]["week"]))  # a week without runs is an input error
    fast, slow = _both(raw)
    assert fast == slow


def test_a_varied_copy_is_a_new_prescription_and_leaves_its_source_alone() -> None:
    src = Prescription(
        "goblet_squat", "Goblet squat", "strength", 3, "lower", None, ("quads",), ("dumbbells",), False, False,
        ("sagittal",), 3, 8, None, 120, Intensity(rpe=8.0), ("Chest up",), "note", 2,
    )  # fmt: skip
    before = dataclasses.astuple(src)
    new = sessions._varied(src, 1, 5, None, 10, Intensity(rpe=6.0))
    assert new is not src and dataclasses.astuple(src) == before
    assert new == dataclasses.replace(src, sets=1, reps=5, rest_s=10, intensity=Intensity(rpe=6.0))
    # every field the copy does not change is carried over (a field added later must be added here)
    assert [f.name for f in dataclasses.fields(Prescription)] == [
        "id", "name", "block", "order", "region", "core_target", "muscles", "equipment", "balance",
        "unilateral", "planes", "sets", "reps", "duration_s", "rest_s", "intensity", "cues", "note", "warmup_sets",
    ]  # fmt: skip
