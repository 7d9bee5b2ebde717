"""Whether a bodyweight set's written effort can be reached (rule E-BODYWEIGHT-EFFORT): the library rates a
bodyweight move by the reps a runner of ordinary training does on bodyweight to failure; the runner's
level scales it, and a set of N reps at RPE r asks for N + (10 - r). Much easier than that and the set
needs a harder version, a load or (where it is enough) a slow tempo; much harder and it needs the easier
way. Pure and shared: the session builder words its notes with it, the checker tests plans with it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from stridelift.domain.exercises import Exercise

Verdict = Literal["easy", "hard", "fits"]


@dataclass(frozen=True, slots=True)
class BodyweightEffort:
    level_factor: Mapping[str, float]
    tolerance: float
    tempo_factor: float
    tempo_words: tuple[str, ...]
    tempo_hint: str
    easier_words: tuple[str, ...]
    easier_hint: str

    @classmethod
    def from_params(cls, p: Mapping[str, Any]) -> BodyweightEffort:
        return cls(
            {str(k): float(v) for k, v in p["level_factor"].items()},
            float(p["tolerance"]),
            float(p["tempo_factor"]),
            tuple(str(w).lower() for w in p["tempo_words"]),
            str(p["tempo_hint"]),
            tuple(str(w).lower() for w in p["easier_words"]),
            str(p["easier_hint"]),
        )

    def capacity(self, ex: Exercise, level: str) -> float | None:
        """Reps to failure on bodyweight for a runner of `level`; None for a move the library does not rate."""
        if ex.bodyweight_reps is None:
            return None
        return ex.bodyweight_reps * self.level_factor.get(level, 1.0)

    @staticmethod
    def asked(reps: int, rpe: float) -> float:
        """The reps to failure a set of `reps` at `rpe` asks for (RPE 10 minus the reps left in reserve)."""
        return reps + (10.0 - rpe)

    def verdict(self, ex: Exercise, level: str, reps: int, rpe: float) -> Verdict | None:
        cap = self.capacity(ex, level)
        if cap is None:
            return None
        want = self.asked(reps, rpe)
        if cap > want * (1 + self.tolerance):
            return "easy"
        if cap < want * (1 - self.tolerance):
            return "hard"
        return "fits"

    def tempo_enough(self, ex: Exercise, level: str, reps: int, rpe: float) -> bool:
        """Whether slow reps alone bring an easy move to the written effort."""
        cap = self.capacity(ex, level)
        return cap is not None and cap * self.tempo_factor <= self.asked(reps, rpe) * (1 + self.tolerance)

    def names_tempo(self, note: str) -> bool:
        low = note.lower()
        return any(w in low for w in self.tempo_words)

    def names_easier(self, note: str, regressions: list[str]) -> bool:
        low = note.lower()
        return any(w in low for w in self.easier_words) or any(name.lower() in low for name in regressions)
