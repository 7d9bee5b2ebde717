"""Training rules as data: the generator reads their parameters, the checker tests plans against them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    statement: str
    hard: bool
    phases: tuple[str, ...]
    check: str
    source: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)

    def applies_in(self, phase: str) -> bool:
        return not self.phases or phase in self.phases


class RuleBook:
    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules: dict[str, Rule] = {}
        for r in rules:
            if r.id in self._rules:
                raise ValueError(f"duplicate rule id {r.id!r}")
            self._rules[r.id] = r

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def param(self, rule_id: str, name: str) -> Any:
        return self._rules[rule_id].params[name]


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    hard: bool
    message: str
    date: str | None = None
