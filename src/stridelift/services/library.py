"""The exercise library as the web shows it: searchable by name, alias, muscle or equipment."""

from __future__ import annotations

from stridelift.catalog import load_library
from stridelift.domain.exercises import Exercise


def search_exercises(query: str = "", equipment: str | None = None) -> list[Exercise]:
    words = query.lower().split()
    out = []
    for ex in load_library():
        hay = " ".join((ex.id, ex.name, *ex.aliases, *ex.muscles, *ex.equipment, ex.region)).lower()
        if all(w in hay for w in words) and (equipment is None or equipment in ex.equipment):
            out.append(ex)
    return sorted(out, key=lambda e: e.name.lower())


def exercise(exercise_id: str) -> Exercise | None:
    lib = load_library()
    return lib.get(exercise_id) if exercise_id in lib else None
