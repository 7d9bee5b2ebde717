"""A masters runner's spacing of heavy leg days (rule E-MASTERS-RECOVERY): from `min_age`, recovery from
heavy and eccentric work is slower, so the same-muscle gap grows from E-48H's 48 hours to `hours`."""

from __future__ import annotations

from stridelift.domain.athlete import Athlete
from stridelift.domain.rules import RuleBook


def masters_gap(athlete: Athlete, rules: RuleBook) -> int:
    """Hours between heavy sessions for the same muscles for this runner."""
    gap = int(rules.param("E-48H", "hours"))
    p = rules["E-MASTERS-RECOVERY"].params
    if athlete.age is not None and athlete.age >= int(p["min_age"]):
        return max(gap, int(p["hours"]))
    return gap


def masters_note(athlete: Athlete, rules: RuleBook) -> str:
    """The plan's words for a masters runner (E-MASTERS-RECOVERY), "" for anyone else."""
    gap = masters_gap(athlete, rules)
    if gap <= int(rules.param("E-48H", "hours")):
        return ""
    return (
        f"At {athlete.age}, your heavy leg sessions are at least {gap} hours apart (the usual is 48): recovery "
        "from heavy lifting is slower from about 50, while the heavy strength itself matters more, as it slows "
        "the muscle loss that speeds up from then (rule E-MASTERS-RECOVERY)."
    )
