"""Movement families (rule E-ONE-VARIANT): exercises that are variants of one movement. Two exercises
are one family when the library links them as regression or progression of each other within one
movement pattern (a bodyweight and a dumbbell single-leg RDL; a single-leg glute bridge and a single-leg
hip thrust), and every exercise of a pattern the rule names as one movement (calf raises, straight or
bent knee) is one family."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping

from stridelift.domain.exercises import Exercise, ExerciseLibrary

# kin maps of a library, by the rule's pattern list: worked out once per (immutable) library and
# shared by every session builder made with it (a batch plans thousands of athletes with one)
_LIBRARY_KIN: weakref.WeakKeyDictionary[ExerciseLibrary, dict[tuple[str, ...], Mapping[str, frozenset[str]]]] = (
    weakref.WeakKeyDictionary()
)


def families(exercises: Iterable[Exercise], one_movement: Iterable[str]) -> dict[str, str]:
    """Each exercise id's family key (the same key for variants of one movement)."""
    by_id = {e.id: e for e in exercises}
    whole = set(one_movement)
    parent = {i: i for i in by_id}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for e in by_id.values():
        for other in (*e.regressions, *e.progressions):
            o = by_id.get(other)
            if o is not None and o.pattern == e.pattern:
                a, b = root(e.id), root(o.id)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {i: (f"pattern:{e.pattern}" if e.pattern in whole else root(i)) for i, e in by_id.items()}


def kin(family: Mapping[str, str], ids: Iterable[str]) -> set[str]:
    """Every exercise of the families `ids` belong to (the ids themselves included)."""
    keys = {family.get(i, i) for i in ids}
    return {i for i, k in family.items() if k in keys} | set(ids)


def kin_map(family: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """`kin(family, (i,))` for every id at once: grouped by family key in one pass, where asking id by
    id went through the whole library for each (a quarter of a session builder's set-up)."""
    members: dict[str, set[str]] = {}
    for i, k in family.items():
        members.setdefault(k, set()).add(i)
    frozen = {k: frozenset(ids) for k, ids in members.items()}
    return {i: frozen[k] for i, k in family.items()}


def library_kin(library: ExerciseLibrary, one_movement: Iterable[str]) -> Mapping[str, frozenset[str]]:
    """`kin_map(families(library, one_movement))`, once per library and pattern list (it was half of
    setting up a session builder, once per plan); read-only, shared."""
    key = tuple(one_movement)
    by_patterns = _LIBRARY_KIN.setdefault(library, {})
    got = by_patterns.get(key)
    if got is None:
        got = by_patterns[key] = kin_map(families(library, key))
    return got
