"""The fixed vocabularies of ../shared/contract.md, in one place so every module spells them alike."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

PhaseName = Literal["offseason_strength", "base", "build", "peak", "taper", "race_week", "recovery", "in_season"]
SessionFormat = Literal["circuit", "straight_sets", "core_balance", "mobility", "maintenance"]
Slot = Literal["am", "pm", "any"]
Block = Literal["warmup", "circuit", "strength", "power", "core", "balance", "mobility"]
Region = Literal["lower", "upper", "core", "full"]
CoreTarget = Literal["lower_back", "glutes", "hips", "obliques", "abs"]
Plane = Literal["sagittal", "frontal", "transverse"]
RunType = Literal["rest", "easy", "long", "tempo", "interval", "hills", "race"]
Experience = Literal["novice", "intermediate", "advanced"]
Hemisphere = Literal["north", "south"]
Priority = Literal["A", "B", "C"]
InjuryArea = Literal[
    "hip_flexor", "knee", "shin", "achilles", "plantar_fascia", "it_band", "low_back", "ankle", "hamstring"
]
InjuryStatus = Literal["flaring", "recovering", "history"]

PHASES: Final = (
    "offseason_strength",
    "base",
    "build",
    "peak",
    "taper",
    "race_week",
    "recovery",
    "in_season",
)
FORMATS: Final = ("circuit", "straight_sets", "core_balance", "mobility", "maintenance")
BLOCKS: Final = ("warmup", "circuit", "strength", "power", "core", "balance", "mobility")
REGIONS: Final = ("lower", "upper", "core", "full")
CORE_TARGETS: Final[tuple[CoreTarget, ...]] = ("lower_back", "glutes", "hips", "obliques", "abs")
PLANES: Final[tuple[Plane, ...]] = ("sagittal", "frontal", "transverse")
RUN_TYPES: Final = ("rest", "easy", "long", "tempo", "interval", "hills", "race")
QUALITY_RUNS: Final = frozenset({"long", "tempo", "interval", "hills", "race"})
MUSCLES: Final = (
    "quadriceps",
    "hamstrings",
    "glutes",
    "hip_abductors",
    "hip_adductors",
    "hip_flexors",
    "calves",
    "tibialis",
    "feet",
    "lower_back",
    "abs",
    "obliques",
    "lats",
    "upper_back",
    "chest",
    "shoulders",
    "biceps",
    "triceps",
    "forearms",
)
EQUIPMENT: Final = (
    "bodyweight",
    "dumbbells",
    "kettlebell",
    "band",
    "bosu",
    "stability_ball",
    "bench",
    "pullup_bar",
    "barbell",
    "cable",
    "machine",
    "medicine_ball",
    "box",
    "foam_roller",
    "balance_disc",
    "trap_bar",  # additive to the contract's names: a hexagonal bar is not every gym's barbell
)
INJURY_AREAS: Final = (
    "hip_flexor",
    "knee",
    "shin",
    "achilles",
    "plantar_fascia",
    "it_band",
    "low_back",
    "ankle",
    "hamstring",
)
INJURY_STATUSES: Final = ("flaring", "recovering", "history")
# what an exercise does that an injury's note may rule out (exercises.toml `tags`, injuries.toml
# `exclude_tags`): a calf raise with a straight knee, a stretch of the calf and Achilles into dorsiflexion
# a loaded or end-range stretch of the hamstring (an inchworm), a long lever held by the lumbar spine
# (leg raises, flutter kicks, bicycles, supermans), a knee pulled to the chest (end-range hip flexion)
EXERCISE_TAGS: Final = (
    "straight_knee_calf_raise",
    "calf_stretch",
    "trunk_flexion",
    "long_lever_anti_extension",
    "hamstring_stretch",
    "long_lever_lumbar",
    "end_range_hip_flexion",
)
WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DISTANCES_KM: Final = {"5k": 5.0, "10k": 10.0, "half": 21.0975, "marathon": 42.195, "ultra": 50.0}


def unknown_equipment(names: Iterable[str]) -> str | None:
    """A one-line message for the first name not in EQUIPMENT (with the closest one), else None."""
    from difflib import get_close_matches

    for name in names:
        if name not in EQUIPMENT:
            close = get_close_matches(name, EQUIPMENT, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            return f"unknown equipment {name!r}{hint}; known: {', '.join(EQUIPMENT)}"
    return None
