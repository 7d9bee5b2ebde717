"""A lighter week's session never asks more effort of a lift than its last ordinary session did in the
same block (rule E-DELOAD-LIGHTER), whatever raised it since: an injury's cap lifted as its stage moved
on, an injury's own loading stepping up. Applied to the built session, as the heavy lifts' own doses
already are; a calf raise's circuit effort is no measure of its strength sets."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass, field

from stridelift.domain.plan import Intensity, Prescription, Session


@dataclass(slots=True)
class LighterCap:
    blocks: frozenset[str]
    last: dict[tuple[str, str], float] = field(default_factory=dict)  # (block, id) -> RPE last ordinary time

    @classmethod
    def for_blocks(cls, blocks: Collection[str]) -> LighterCap:
        return cls(frozenset(blocks))

    def apply(self, s: Session) -> Session:
        """`s` as built: a lighter week's lifts capped at their last ordinary effort; an ordinary session's
        efforts are remembered."""
        if "E-DELOAD" not in s.why:
            self.last.update(
                ((p.block, p.id), p.intensity.rpe)
                for p in s.exercises
                if p.block in self.blocks and p.intensity.rpe is not None
            )
            return s
        out: list[Prescription] = []
        for p in s.exercises:
            last = self.last.get((p.block, p.id))
            rpe = p.intensity.rpe
            if last is not None and rpe is not None and rpe > last:
                p = dataclasses.replace(p, intensity=Intensity(p.intensity.pct_1rm, last))
            out.append(p)
        if all(a is b for a, b in zip(out, s.exercises, strict=True)):
            return s
        return dataclasses.replace(s, exercises=tuple(out))


def deload_under_cap(deload_rpe: float, ordinary_capped: float, drop: float) -> float:
    """A lighter week's effort for a lift whose ordinary effort an injury caps: the week's drop is taken from
    the capped effort (`ordinary_capped`), so a cap at or below the lighter week's effort does not make the
    lighter week the same dose as the weeks around it (E-DELOAD, E-HEAVY-WAVE)."""
    return min(deload_rpe, ordinary_capped - drop)
