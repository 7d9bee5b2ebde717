"""An injury's own exercise that is a hard bodyweight move (the Nordic curl for a hamstring history) is
done for a few good reps, as everywhere else: 2x12 Nordics after 3x5 in a heavy session was found by the
property test (E-CIRCUIT-DOSE, E-VOLUME-STEP)."""

from __future__ import annotations

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan, hard_violations
from stridelift.profile import parse_profile
from stridelift.services.planning import plan_athlete


def _runner(experience: str) -> dict[str, object]:
    return {
        "athlete": {"experience": experience, "hemisphere": "north", "name": "R"},
        "availability": {"days": ["mon", "wed", "fri"], "minutes_per_session": 60, "sessions_per_week_max": 3},
        "equipment": {"available": ["dumbbells", "bench", "band"]},
        "injuries": [{"area": "hamstring", "status": "history"}],
        "running": {"week": [{"day": "sat", "type": "long", "minutes": 60}]},
        "races": [{"date": "2026-05-03", "distance": "half", "priority": "A"}],
        "plan": {"start": "2026-01-05", "end": "2026-05-17"},
    }


def test_a_nordic_added_for_a_hamstring_is_a_few_reps() -> None:
    rules = load_rules()
    few = int(rules.param("E-HEAVY-LOAD", "hard_bodyweight_reps"))
    for experience in ("intermediate", "advanced"):
        athlete = parse_profile(_runner(experience))
        plan = plan_athlete(athlete)
        nordics = [p for s in plan.sessions for p in s.exercises if p.id == "nordic_hamstring_curl"]
        assert nordics and all(p.reps is not None and p.reps <= few for p in nordics)
        findings, _ = check_plan(
            plan, rules=rules, library=load_library(), templates=load_templates(), athlete=athlete
        )
        assert hard_violations(findings) == []
