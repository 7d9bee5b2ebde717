"""Shared fixtures: paths to the repository's examples and to ../shared, which CI must have."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI is a landing gate: the same examples every run (derandomized), so a red run is the change's fault.
# A developer's run explores new examples and keeps any failure in .hypothesis to replay.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
SHARED = (ROOT / ".." / "shared").resolve()


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skipped with a reason on a user's clone, a failure in CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {path} (../shared beside the clone)")
        pytest.skip(f"{path} is not here (../shared is only beside CI and developer clones)")
    return path


BASE_PROFILE: dict[str, object] = {
    "athlete": {"name": "Test", "experience": "intermediate", "hemisphere": "north"},
    "equipment": {
        "available": [
            "dumbbells",
            "barbell",
            "bench",
            "band",
            "bosu",
            "machine",
            "cable",
            "box",
            "pullup_bar",
            "stability_ball",
            "kettlebell",
            "medicine_ball",
            "foam_roller",
        ]
    },
    "availability": {
        "sessions_per_week_max": 3,
        "minutes_per_session": 50,
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    },
    "running": {
        "week": [
            {"day": "tue", "type": "interval", "minutes": 60},
            {"day": "wed", "type": "easy", "minutes": 40},
            {"day": "thu", "type": "tempo", "minutes": 50},
            {"day": "sat", "type": "long", "minutes": 110},
            {"day": "sun", "type": "easy", "minutes": 40},
        ]
    },
    "races": [{"date": "2027-04-18", "distance": "marathon", "priority": "A"}],
    "plan": {"start": "2026-11-30", "end": "2027-05-02"},
}
