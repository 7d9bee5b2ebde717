"""`stridelift plan` to standard output never shows the rule check, so neither the check nor the
checker's modules are loaded for it; a result whose findings are read gets the same findings as
checking the plan directly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan
from stridelift.services import plan_profile

PROFILE = Path(__file__).resolve().parents[2] / "examples" / "northern_marathoner.toml"

_PROBE = """
import sys
from pathlib import Path
from stridelift.services.planning import plan_profile
result = plan_profile(Path(sys.argv[1]))
before = "stridelift.domain.checker" in sys.modules
found = result.findings
print(before, "stridelift.domain.checker" in sys.modules, len(found) == len(result.findings))
"""


def test_planning_loads_the_checker_only_when_findings_are_read() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(PROFILE)], check=True, capture_output=True, text=True
    ).stdout.split()
    assert out == ["False", "True", "True"]


def test_lazy_findings_are_the_plan_check() -> None:
    result = plan_profile(PROFILE)
    direct, _ = check_plan(
        result.plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=result.athlete
    )
    assert result.findings == direct
    assert result.findings is result.findings  # checked once
