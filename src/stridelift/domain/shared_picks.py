"""Template picks shared by the session builders of one process (a batch plans thousands of runners with
the same data): what a template's stations resolve to is a function of the runner's pool, experience,
the template and its turn, and the station rotations the picks read. Kept out of sessions.py, which
holds the builder itself."""

from __future__ import annotations

from stridelift.domain.exercises import Exercise, ExerciseLibrary
from stridelift.domain.rules import RuleBook
from stridelift.domain.templates import Templates

PicksKey = tuple[object, ...]
# a template's picks and the station rotations (SessionBuilder._next, "st:" keys) they moved on
SharedPicks = dict[PicksKey, tuple[tuple[Exercise | None, ...], tuple[tuple[str, int], ...]]]
_SHARED_PICKS: list[tuple[ExerciseLibrary, RuleBook, Templates, SharedPicks]] = []
SHARED_PICKS_MAX = 20_000  # entries kept per data set (a few kB each), then it starts again


def shared_picks(library: ExerciseLibrary, rules: RuleBook, templates: Templates) -> SharedPicks:
    """The template picks of one library, rule book and templates, shared by every session builder (a batch
    plans thousands of runners with the same data and the same few equipment lists). The picks are a
    function of their key: the runner's pool and experience, the template and its turn, and the station
    rotations they read (which they move on: a hit moves them on the same)."""
    for lib, rb, tpl, known in _SHARED_PICKS:
        if lib is library and rb is rules and tpl is templates:
            if len(known) > SHARED_PICKS_MAX:
                known.clear()
            return known
    fresh: SharedPicks = {}
    _SHARED_PICKS.append((library, rules, templates, fresh))
    del _SHARED_PICKS[:-4]  # the last few data sets only (tests load their own)
    return fresh
