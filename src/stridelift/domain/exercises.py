"""Exercise value objects and the library's query side: what fits the runner's equipment and injuries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from stridelift.domain.vocab import Block, CoreTarget, Plane, Region

Speed = str  # "slow" | "moderate" | "fast": core work is prescribed at different speeds (seed)


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    aliases: tuple[str, ...]
    region: Region
    muscles: tuple[str, ...]
    equipment: tuple[str, ...]
    planes: tuple[Plane, ...]
    unilateral: bool
    balance: bool
    core_target: CoreTarget | None
    roles: tuple[Block, ...]
    pattern: str
    cues: tuple[str, ...]
    regressions: tuple[str, ...]
    progressions: tuple[str, ...]
    substitutions: tuple[str, ...]
    loads: tuple[str, ...]
    source: tuple[str, ...]
    heavy: bool = False
    # a main lift whose 1RM a runner tests, so it may be given at a %1RM (rule E-RPE-TABLE)
    testable: bool = False
    plyometric: bool = False
    # a plyometric drill's intensity: 1 low, 2 moderate, 3 high (NSCA; rule E-PLYO-INTRO), 0 if not one
    plyo_level: int = 0
    speed: Speed = "moderate"
    balance_level: int = 0
    default_reps: int | None = 10
    default_duration_s: int | None = None
    fit_category: str = "unknown"
    fit_name: str | None = None
    notes: str = ""
    # may hold a station in both heavy sessions of a week (rule E-HEAVY-ONCE-WEEKLY's exception)
    heavy_twice_weekly: bool = False
    # its load is held by the arms in front (a goblet squat): the grip and upper back give out before the
    # legs, so it is no heavy leg lift; in a strength block it takes more reps (rule E-HEAVY-GRIP)
    grip_limited: bool = False
    # the most reps a set of it takes in a circuit (a band-assisted pull-up: about 10, not 20; E-CIRCUIT-DOSE)
    max_circuit_reps: int | None = None
    # done as prescribed it tires the legs for the next day's run (rule E-EVE-LIGHT): kept off light
    # sessions on the eve of a key run, whatever the session is called
    leg_fatigue: bool = False
    # reps to failure on bodyweight for a runner of ordinary training (rule E-BODYWEIGHT-EFFORT), None if not rated
    bodyweight_reps: int | None = None
    # what it does that an injury's note may rule out (vocab EXERCISE_TAGS; injuries.toml `exclude_tags`)
    tags: tuple[str, ...] = ()

    def allowed_by(self, equipment: frozenset[str]) -> bool:
        return all(e == "bodyweight" or e in equipment for e in self.equipment)

    def loads_any(self, areas: Iterable[str]) -> bool:
        return any(a in self.loads for a in areas)

    def tagged_any(self, tags: Iterable[str]) -> bool:
        return any(t in self.tags for t in tags)

    @property
    def lower_heavy(self) -> bool:
        """Heavy lower-body work is what the timing rules (48 h, race buffer, day-before) protect."""
        return self.heavy and self.region in ("lower", "full")


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    kind: str  # "seed" | "evidence"
    title: str
    citation: str
    quote: str = ""


class ExerciseLibrary:
    """An immutable, indexed collection; the loader lives outside the domain."""

    def __init__(self, exercises: Iterable[Exercise], sources: Mapping[str, Source]) -> None:
        self._by_id: dict[str, Exercise] = {}
        for ex in exercises:
            if ex.id in self._by_id:
                raise ValueError(f"duplicate exercise id {ex.id!r}")
            self._by_id[ex.id] = ex
        self.sources: Mapping[str, Source] = dict(sources)
        self._patterns = frozenset(ex.pattern for ex in self._by_id.values())

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def patterns(self) -> frozenset[str]:
        """Every movement pattern the library names."""
        return self._patterns

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except KeyError:
            raise KeyError(f"unknown exercise {exercise_id!r}") from None

    def find(self, exercise_id: str) -> Exercise | None:
        return self._by_id.get(exercise_id)

    def usable(
        self, equipment: frozenset[str], excluded_loads: frozenset[str], excluded_tags: frozenset[str] = frozenset()
    ) -> list[Exercise]:
        return [
            ex
            for ex in self._by_id.values()
            if ex.allowed_by(equipment) and not ex.loads_any(excluded_loads) and not ex.tagged_any(excluded_tags)
        ]
