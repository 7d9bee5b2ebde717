"""What counts as leg strength (rule E-LEG-FLOOR): a lower-body lift, circuit station or jump of a
leg-strength pattern (squat, hinge, lunge, step, bridge, knee flexion, jumps) or one the library tags
`leg_fatigue`. Calf and shin raises, balance drills and a full-body squat to row (a cable row whose legs
squat body weight) are not: a plan of those alone has no leg strength. One definition serves the
planner's words and the checker."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from stridelift.domain.exercises import Exercise, ExerciseLibrary
from stridelift.domain.plan import Prescription, Session

RULE = "E-LEG-FLOOR"


def is_leg_strength(p: Prescription, ex: Exercise | None, params: Mapping[str, Any]) -> bool:
    """True for a leg-strength prescription (the rule's `blocks`, `regions` and `patterns`, or `leg_fatigue`)."""
    if ex is None or p.block not in params["blocks"]:
        return False
    return ex.leg_fatigue or (ex.region in params["regions"] and ex.pattern in params["patterns"])


def leg_lifts(s: Session, library: ExerciseLibrary, params: Mapping[str, Any]) -> list[Prescription]:
    """The session's leg-strength prescriptions."""
    return [p for p in s.exercises if is_leg_strength(p, library.find(p.id), params)]


def has_legs(sessions: Iterable[Session], library: ExerciseLibrary, params: Mapping[str, Any]) -> bool:
    return any(leg_lifts(s, library, params) for s in sessions)
