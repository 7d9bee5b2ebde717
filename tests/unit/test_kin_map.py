"""The kin map a session builder uses (every exercise's movement family, rule E-ONE-VARIANT) is the
one `kin` gives id by id, and it is worked out once per library, never shared between libraries."""

from __future__ import annotations

from stridelift.catalog import load_library, load_rules
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.families import families, kin, kin_map, library_kin


def test_kin_map_is_kin_of_every_id() -> None:
    lib = load_library()
    fam = families(lib, load_rules().param("E-ONE-VARIANT", "one_movement_patterns"))
    got = kin_map(fam)
    assert set(got) == set(fam)
    assert all(got[i] == kin(fam, (i,)) for i in fam)
    assert any(len(v) > 1 for v in got.values())  # the library has families, not only singletons


def test_library_kin_is_shared_per_library_and_pattern_list() -> None:
    lib = load_library()
    patterns = load_rules().param("E-ONE-VARIANT", "one_movement_patterns")
    first = library_kin(lib, patterns)
    assert library_kin(lib, list(patterns)) is first
    assert dict(first) == kin_map(families(lib, patterns))
    # another pattern list, and another library (one exercise fewer), each get their own answer
    assert dict(library_kin(lib, [])) == kin_map(families(lib, []))
    calf = next(e for e in lib if e.pattern == "calf")
    smaller = ExerciseLibrary([e for e in lib if e.id != calf.id], lib.sources)
    other = library_kin(smaller, patterns)
    assert calf.id not in other and calf.id in first
