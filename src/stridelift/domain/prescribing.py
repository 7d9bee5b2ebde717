"""How hard a set is and how the runner is told to load it: %1RM, reps and RPE/RIR from one chart.

%1RM is written only for the main lifts a runner can test (the library's `testable`, rule E-RPE-TABLE); other
loaded lifts get an effort (RPE and reps in reserve) and the runner chooses the load; bodyweight
lifts are heavy only when the exercise is hard enough on its own, otherwise they get more reps
(rule E-HEAVY-LOAD). Circuits climb in effort through a block and back off in lighter weeks
(rule E-CIRCUIT-PROGRESSION). All numbers come from the rules' data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stridelift.domain.effort import EffortTable
from stridelift.domain.exercises import Exercise
from stridelift.domain.plan import Intensity
from stridelift.domain.rules import RuleBook

BODYWEIGHT_REPS = 12  # a bodyweight lift without the strength to be heavy: strength-endurance reps


@dataclass(frozen=True, slots=True)
class Dose:
    reps: int
    intensity: Intensity
    note: str = ""
    warmup_sets: int = 0


def held_hint(params: Mapping[str, Any], equipment: frozenset[str]) -> str:
    """E-BODYWEIGHT-EFFORT's load hint in the words of the runner's equipment: "hold a dumbbell or wear a
    loaded backpack" with dumbbells, "wear a loaded backpack" with none to hold."""
    loads = params.get("held_loads", [])
    held = next((str(words) for kit, words in loads if kit in equipment), None)
    anyone = str(params["load_hint"])
    return f"{held} or {anyone}" if held else anyone


@dataclass(frozen=True, slots=True)
class Prescriber:
    table: EffortTable
    load_equipment: frozenset[str]
    hard_bodyweight: frozenset[str]
    hard_bodyweight_reps: int
    ramp: tuple[tuple[int, float], ...]
    ramp_rest_s: int
    circuit: dict[str, float]
    resistance: frozenset[str] = frozenset()  # equipment that makes a move harder on its own (E-BODYWEIGHT-EFFORT)
    hint_reps: int = 0
    load_hint: str = ""

    @classmethod
    def from_rules(cls, rules: RuleBook, equipment: frozenset[str] = frozenset()) -> Prescriber:
        """The prescriber for a runner with `equipment`: a load to hold is offered only if they have one
        (rule E-NOTE-EQUIPMENT); a loaded backpack is anyone's."""
        t = rules["E-RPE-TABLE"].params
        h = rules["E-HEAVY-LOAD"].params
        w = rules["E-WARMUP-SETS"].params
        c = rules["E-CIRCUIT-PROGRESSION"].params
        b = rules["E-BODYWEIGHT-EFFORT"].params
        return cls(
            EffortTable.from_params(t),
            frozenset(h["load_equipment"]),
            frozenset(h["hard_bodyweight"]),
            int(h["hard_bodyweight_reps"]),
            tuple((int(r), float(f)) for r, f in w["ramp"]),
            int(w["rest_s"]),
            {k: float(v) for k, v in c.items()},
            frozenset(b["resistance_equipment"]),
            int(b["max_reps"]),
            held_hint(b, equipment),
        )

    def testable(self, ex: Exercise) -> bool:
        """A lift a runner can test for a 1RM: a main lift the library marks so (E-RPE-TABLE)."""
        return ex.testable

    def loaded(self, ex: Exercise) -> bool:
        return not self.load_equipment.isdisjoint(ex.equipment)

    def heavy(self, ex: Exercise, reps: int, rpe: float, max_pct: float | None = None) -> Dose:
        """A heavy set of `ex`: %1RM from the chart for testable lifts, an effort to choose a load by for
        other loaded lifts, low reps only for bodyweight exercises hard enough to be heavy."""
        rir = 10 - rpe
        if self.testable(ex):
            pct = round(self.table.pct_for(reps, rpe), 2)
            if max_pct is not None and pct > max_pct:
                pct = max_pct
                rpe = self.table.rpe_for(reps, pct)
            return Dose(reps, Intensity(pct_1rm=pct, rpe=rpe), "", len(self.ramp))
        if self.loaded(ex):
            most = reps + rir
            times = f"{most:g}" if most == int(most) else f"{int(most)}-{int(most) + 1}"
            left = f"{rir:g}" if rir == int(rir) else f"{int(rir)}-{int(rir) + 1}"
            note = f"Choose a load you could lift about {times} times: stop with {left} in reserve."
            return Dose(reps, Intensity(rpe=rpe), note, 1)
        if ex.id in self.hard_bodyweight:
            # its own few good reps, not the block's wave below them (E-HEAVY-FLOOR; a step from 3 back to
            # 5 reps would be a volume jump, E-VOLUME-STEP)
            n = self.hard_bodyweight_reps
            # one easy set first (band-assisted, a box, part range): heavy sets get warm-up sets (E-WARMUP-SETS)
            return Dose(n, Intensity(rpe=rpe), f"{n - 2}-{n} good reps, no more, each one under control.", 1)
        n = max(reps, BODYWEIGHT_REPS)
        note = f"No weight: slow reps (3 s down) until 2-3 are left in you. {self.bodyweight_hint(ex, n)}".strip()
        return Dose(n, Intensity(rpe=min(rpe, 8.0)), note)

    def bodyweight_hint(self, ex: Exercise, reps: int | None, harder: str | None = None) -> str:
        """How a bodyweight move that is easy on its own reaches the effort asked of it at few reps: its
        harder version, or a load to hold (E-BODYWEIGHT-EFFORT); empty for other moves."""
        if reps is None or reps > self.hint_reps or ex.id in self.hard_bodyweight:
            return ""
        if self.resistance & set(ex.equipment):
            return ""
        if harder:
            return f"Too easy? {harder} instead, or {self.load_hint}."
        return f"Too easy? {self.load_hint[0].upper()}{self.load_hint[1:]}."

    def fit_pct(self, reps: int, pct: float) -> Intensity:
        """A %1RM the load steps settled on, with the RPE the chart gives it."""
        return Intensity(pct_1rm=pct, rpe=self.table.rpe_for(reps, pct))

    def heavy_rpe(self, block_week: int, start: float, top: float, step: float, weeks: int, deload: float) -> float:
        """Effort of the heavy block's week: a half point every `weeks` weeks, lighter in a deload."""
        rpe = min(top, start + step * (block_week // max(1, weeks)))
        return rpe - deload if deload else rpe

    def circuit_rpe(self, block_week: int, deload: bool) -> float:
        c = self.circuit
        if deload:
            return c["deload_rpe"]
        return min(c["rpe_max"], c["rpe_start"] + c["rpe_step"] * (block_week // max(1, int(c["weeks_per_step"]))))

    def circuit_stage(self, block_week: int) -> int:
        """0 for the first weeks of a block, then 1: the harder variants along the progressions; a long
        block goes on to a new stage every `turn_every_weeks` weeks, where the circuits turn to their
        stations' next exercises (seed: a different circuit variation)."""
        after = int(self.circuit["harder_after_weeks"])
        if block_week < after:
            return 0
        return 1 + (block_week - after) // max(1, int(self.circuit["turn_every_weeks"]))

    def ramp_seconds(self, n: int, rep_s: float) -> float:
        return sum(r * rep_s + self.ramp_rest_s for r, _ in self.ramp[:n])

    def ramp_note(self, n: int, ex: Exercise | None = None) -> str:
        """The warm-up before a heavy set; a bodyweight lift (Nordics, pull-ups) has no lighter load to
        warm up with, so it gets its easier version or a few partial reps (coach review)."""
        if ex is not None and not self.loaded(ex):
            return "Warm-up set first: a few easy reps of its easier version (or partial range)."
        if n >= len(self.ramp):
            steps = ", ".join(f"{r} at {f:.0%}" for r, f in self.ramp)
            return f"Warm-up sets first: {steps} of the working weight."
        return "Warm-up set first: a few easy reps with a lighter load."
