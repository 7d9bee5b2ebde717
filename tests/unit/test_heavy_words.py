"""Words match the session (rule E-SESSION-TITLE, coach review): a session without a heavy set carries no
"Heavy A: full rest between heavy sets" note (novice_half_band_mat's 15 Feb at 1:30 rest, hip_flexor's
4x8 RPE 7 Wednesdays), and a phase without heavy legs does not open its focus with "Heavy strength"."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from stridelift.domain.progression import is_heavy_set
from stridelift.profile import load_profile
from stridelift.services.planning import plan_athlete
from tests.unit.test_checks_prescription import LIB, MON, findings, plan, rx, session

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOTE = "Strength A: full rest between heavy sets; the RPE says how many reps to keep in reserve."


def _found(rpe: float, note: str = NOTE) -> list[str]:
    s = session(MON, [rx(LIB, "goblet_squat_db", reps=8, rpe=rpe)])
    return findings("E-SESSION-TITLE", plan([dataclasses.replace(s, title="Strength A", notes=(note,))]))


def test_a_note_speaking_of_heavy_sets_needs_a_heavy_set() -> None:
    assert len(_found(7.5)) == 1  # 8 reps at RPE 7.5: no heavy set
    assert _found(8.0) == []  # RPE 8: a heavy set
    assert len(_found(7.5, "Heavy A: rest as written between sets.")) == 1
    assert _found(7.5, "Strength A: rest as written between sets.") == []


def test_the_planners_notes_and_focus_match_the_sessions() -> None:
    p = plan_athlete(load_profile(EXAMPLES / "hip_flexor_flaring.toml"))
    for s in p.sessions:
        if not any(is_heavy_set(x) for x in s.exercises):
            assert not [n for n in s.notes if n.startswith("Heavy") or "heavy sets" in n], (s.date, s.notes)
    without = [ph for ph in p.phases if "WITHOUT heavy leg work" in ph.focus]
    assert without and not [ph.focus for ph in without if ph.focus.startswith("Heavy")]
