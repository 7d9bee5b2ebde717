"""Issue 7.9: CI-sized Hypothesis runs of the whole FIT read path, each in a memory-limited child."""

from __future__ import annotations

import pytest

from tests.hostile.limits import run_limited
from tests.property.fit_read_fuzz import RUNS


@pytest.mark.slow
@pytest.mark.parametrize("run", sorted(RUNS))
def test_whole_read_path_under_a_memory_limit(run: str) -> None:
    assert run_limited({"fuzz": run}, timeout_s=300) == {"ok": True}
