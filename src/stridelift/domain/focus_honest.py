"""A phase's focus names only what its sessions hold (R-PHASE-LABEL `focus_promises`).

The usual focus of base promises a weekly heavy session besides the circuits, and that of build a
circuit and short plyometrics besides the heavy lifts. A phase of `min_days` or more whose sessions
hold none of one of these (a novice's moderate loads, a knee that keeps the jumps out, no day free for a
circuit) gets a focus without that promise: the runner reads what the phase holds, not what the label
would usually mean. Run after S2-HEAVY-HONEST's rewrite (days.honest_heavy_blocks), which handles a phase
without its main work (heavy legs, base circuits)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from stridelift.domain.plan import Phase, Session
from stridelift.domain.progression import delivers

LEG_STRENGTH = frozenset({"straight_sets", "maintenance"})

BASE_HEAD = "Strength-endurance circuits (5 lower + 3 upper, 3x20, 30 s rest), core and balance"
BASE_HEAVY = ", and one short heavy session a week to keep the strength."
BASE_MODERATE = ", and one moderate strength session a week (no heavy sets in this phase)."
BUILD_HEAD = "Heavy strength for running economy"


def holds(kind: str, sessions: Iterable[Session]) -> bool:
    """Whether the sessions hold `kind`: heavy legs, a circuit, or plyometrics (a power block)."""
    inside = list(sessions)
    if kind == "plyo":
        return any(p.block == "power" for s in inside for p in s.exercises)
    return delivers(kind, inside)


def _base(focus: str, inside: list[Session]) -> str:
    if focus != BASE_HEAD + BASE_HEAVY or holds("heavy", inside):
        return focus
    if any(s.format in LEG_STRENGTH for s in inside):
        return BASE_HEAD + BASE_MODERATE
    return BASE_HEAD + "."


def _build(focus: str, inside: list[Session]) -> str:
    if not focus.startswith(BUILD_HEAD + ", plus "):
        return focus
    extra = [w for k, w in (("circuit", "one circuit"), ("plyo", "short plyometrics")) if holds(k, inside)]
    return BUILD_HEAD + (", plus " + " and ".join(extra) if extra else "") + "."


def honest_focus(phases: list[Phase], sessions: list[Session], params: Mapping[str, object]) -> list[Phase]:
    """The phases with a focus that promises only what the phase's sessions hold."""
    min_days = int(str(params["min_days"]))
    out = []
    for ph in phases:
        inside = [s for s in sessions if ph.contains(s.date)]
        focus = ph.focus
        if ph.days >= min_days and ph.name == "base":
            focus = _base(focus, inside)
        elif ph.days >= min_days and ph.name == "build":
            focus = _build(focus, inside)
        out.append(ph if focus == ph.focus else dataclasses.replace(ph, focus=focus))
    return out
