"""Back-to-back quality days (rule E-SECOND-HARD-DAY): the second of two days in a row with a quality run
takes no leg-fatiguing session (heavy legs, a leg circuit, jumps), so the week's hardest work is not piled
into 24 hours. The day before the first is kept by E-KEY-RUN-EVE already. One definition serves the
planner (a preference of the week solver) and the checker."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol


class _Run(Protocol):
    @property
    def type(self) -> str: ...


@dataclass(frozen=True, slots=True)
class SecondHardDay:
    quality_types: frozenset[str]
    penalty: int  # what the week solver loses by a leg-fatiguing session on such a day

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> SecondHardDay:
        return cls(frozenset(params["quality_types"]), int(params["penalty"]))

    def is_quality(self, runs: Iterable[_Run]) -> bool:
        return any(r.type in self.quality_types for r in runs)

    def second_hard(self, today: Iterable[_Run], yesterday: Iterable[_Run]) -> bool:
        """Whether today is the second of two days in a row with a quality run."""
        return self.is_quality(today) and self.is_quality(yesterday)
