"""E-BODYWEIGHT-LOAD: a runner who owns dumbbells or a kettlebell holds them for a bodyweight strength move
far easier than its written effort (bodyweight calf raises at RPE 8: about 50 reps to failure against the 14
the set asks for), where slow reps alone cannot close the gap. "Too easy? Hold a dumbbell" leaves the choice
with the runner and the set at RPE 3-4; the prescription itself carries the load. Pure and shared: the
session builder loads the set with it, the checker finds an unloaded one with it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from stridelift.domain.bodyweight import BodyweightEffort
from stridelift.domain.exercises import Exercise
from stridelift.domain.plan import Prescription

# the bodyweight wording a loaded set no longer needs (Prescriber.heavy, E-BODYWEIGHT-EFFORT's hints)
_BODYWEIGHT_WORDS = re.compile(r"(No weight:[^.]*\.|Too easy\?[^.]*\.|Bodyweight: make it harder[^.]*\)\.)\s*")


@dataclass(frozen=True, slots=True)
class HeldLoad:
    blocks: frozenset[str]
    kits: tuple[tuple[str, str], ...]  # (equipment, how the note says to hold it), the first owned is used
    resistance: frozenset[str]  # equipment that already resists the move (E-BODYWEIGHT-EFFORT)

    @classmethod
    def from_params(cls, params: Mapping[str, Any], effort: Mapping[str, Any]) -> HeldLoad:
        return cls(
            frozenset(str(b) for b in params["blocks"]),
            tuple((str(k), str(w)) for k, w in params["held"]),
            frozenset(str(e) for e in effort["resistance_equipment"]),
        )

    def kit(self, equipment: Iterable[str]) -> tuple[str, str] | None:
        have = set(equipment)
        return next(((k, w) for k, w in self.kits if k in have), None)

    def needs(self, p: Prescription, ex: Exercise, level: str, bw: BodyweightEffort) -> bool:
        """An unloaded set of a rated bodyweight move far easier than written, which slow reps cannot fix."""
        rpe, reps = p.intensity.rpe, p.reps
        if p.block not in self.blocks or rpe is None or reps is None or p.intensity.pct_1rm is not None:
            return False
        if self.resistance & (set(p.equipment) | set(ex.equipment)):
            return False
        return bw.verdict(ex, level, reps, rpe) == "easy" and not bw.tempo_enough(ex, level, reps, rpe)

    @staticmethod
    def load(p: Prescription, kit: tuple[str, str]) -> Prescription:
        """The set with the load held: its equipment lists it and its note says how heavy to choose it."""
        rpe, reps = p.intensity.rpe or 0.0, p.reps or 0
        rir = 10 - rpe
        left = f"{rir:g}" if rir == int(rir) else f"{int(rir)}-{int(rir) + 1}"
        most = reps + rir
        times = f"{most:g}" if most == int(most) else f"{int(most)}-{int(most) + 1}"
        rest = _BODYWEIGHT_WORDS.sub("", p.note).strip()
        note = f"{kit[1]}: choose a load you could lift about {times} times, stopping with {left} in reserve."
        name = p.name.replace("bodyweight", kit[0])  # "(both legs, bodyweight)" no longer
        return dataclasses.replace(p, name=name, equipment=(kit[0],), note=f"{note} {rest}".strip())
