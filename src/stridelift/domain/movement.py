"""How a circuit's stations spread over the movements (rule E-CIRCUIT-SPREAD): the lower-body stations
one per movement group (squat, hinge, single leg, calf and ankle, hip), the upper-body ones a push, a
pull and no pattern twice. The planner and the checker read the same groups from the rule's data."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stridelift.domain.exercises import Exercise


@dataclass(frozen=True, slots=True)
class Spread:
    groups: tuple[str, ...]  # lower-body groups, in the rule's order
    members: Mapping[str, tuple[str, ...]]  # group -> its movement patterns
    group_of: Mapping[str, str]  # pattern -> group
    upper_cap: int
    upper_required: tuple[str, ...]

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Spread:
        members = {str(g): tuple(str(p) for p in pats) for g, pats in params["lower_groups"].items()}
        return cls(
            tuple(members),
            members,
            {p: g for g, pats in members.items() for p in pats},
            int(params["upper_max_per_pattern"]),
            tuple(str(p) for p in params["upper_required"]),
        )

    def key(self, region: str, pattern: str) -> str:
        """What a station counts toward: its lower-body group, or the upper-body pattern itself (a
        pattern outside every group is a group of its own)."""
        if region == "upper":
            return pattern
        return self.group_of.get(pattern, pattern)

    def available(self, exercises: Iterable[Exercise]) -> set[str]:
        """The lower-body groups a runner's circuit exercises reach."""
        return {
            self.group_of[e.pattern]
            for e in exercises
            if e.region == "lower" and "circuit" in e.roles and e.pattern in self.group_of
        }

    def lower_cap(self, n_lower: int, groups_available: int) -> int:
        """At most this many lower-body stations of one group: one when all groups are open, else as
        even a spread as the open groups allow."""
        k = max(1, min(groups_available, len(self.groups)))
        return max(1, math.ceil(n_lower / k))

    def full(self, picked: Sequence[tuple[str, str]], lower_cap: int) -> frozenset[str]:
        """The patterns closed to the next station, given the (region, pattern) of those picked so far."""
        counts = Counter(self.key(r, p) for r, p in picked)
        out: set[str] = set()
        for r, p in picked:
            k = self.key(r, p)
            if r == "upper":
                if counts[k] >= self.upper_cap:
                    out.add(p)
            elif counts[k] >= lower_cap:
                out.update(self.members.get(k, (p,)))
        return frozenset(out)

    def findings(self, stations: Sequence[tuple[str, str, str]], groups_available: int) -> list[str]:
        """What breaks the rule in one circuit, given its stations' (id, region, pattern)."""
        out: list[str] = []
        lower = [(i, self.key(r, p)) for i, r, p in stations if r != "upper"]
        cap = self.lower_cap(len(lower), groups_available)
        for key, n in sorted(Counter(k for _, k in lower).items()):
            if n > cap:
                ids = ", ".join(i for i, k in lower if k == key)
                out.append(f"{n} lower-body stations of the {key} group ({ids}); at most {cap}")
        upper = [(i, p) for i, r, p in stations if r == "upper"]
        for pat, n in sorted(Counter(p for _, p in upper).items()):
            if n > self.upper_cap:
                ids = ", ".join(i for i, p in upper if p == pat)
                out.append(f"{n} upper-body stations of the {pat} pattern ({ids}); at most {self.upper_cap}")
        if upper:
            for need in self.upper_required:
                if all(p != need for _, p in upper):
                    out.append(f"no {need} among the upper-body stations ({', '.join(i for i, _ in upper)})")
        return out
