"""Use cases that the CLI and the web both call; entry points parse, call a service and render.

Submodules hold the use cases (planning, exports, imports, load_report). The planning names are
re-exported here lazily, so importing a light service (e.g. imports) does not load the solver.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stridelift.services.planning import PlanResult as PlanResult
    from stridelift.services.planning import check_plan_file as check_plan_file
    from stridelift.services.planning import plan_athlete as plan_athlete
    from stridelift.services.planning import plan_profile as plan_profile
    from stridelift.services.planning import prepare_batch_worker as prepare_batch_worker
    from stridelift.services.planning import read_plan as read_plan
    from stridelift.services.planning import week_solver as week_solver

__all__ = [
    "PlanResult",
    "check_plan_file",
    "plan_athlete",
    "plan_profile",
    "prepare_batch_worker",
    "read_plan",
    "week_solver",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module("stridelift.services.planning"), name)
