"""Data-integrity tests for the bundled exercise library (src/stridelift/data/exercises.toml).

The planner builds every session from this file, so these tests pin the counts and properties it
relies on: the seed's exercises are all present and cite the seed, each block has enough choices
for each kind of runner (equipment and injuries), and the injury `loads` are honest enough to
exclude the right exercises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest

from stridelift.catalog import load_library
from stridelift.domain.exercises import Exercise, ExerciseLibrary
from stridelift.domain.vocab import CORE_TARGETS, EQUIPMENT, INJURY_AREAS, PLANES

ALL_EQUIPMENT = frozenset(EQUIPMENT)
BODYWEIGHT_ONLY = frozenset({"bodyweight"})
IMPACT_AREAS = {"shin", "achilles", "plantar_fascia", "ankle"}
UNSTABLE_HARD = {"bosu", "stability_ball"}  # balance levels 4-5
UNSTABLE_SOFT = {"balance_disc", "foam_roller"}  # balance levels 3-4
HEAVY_EQUIPMENT = {"barbell", "trap_bar", "machine", "dumbbells", "cable"}
SPEEDS = {"slow", "moderate", "fast"}

# (exercise id, seed answer it must cite, the seed's own wording that must be among its aliases)
SEED_EXERCISES: list[tuple[str, str, str]] = [
    # seed:circuit - the five lower and three upper circuit stations
    ("walking_lunge", "seed:circuit", "walking lunges"),
    ("seated_row", "seed:circuit", "seated rows"),
    ("box_step_up", "seed:circuit", "box step-ups"),
    ("back_extension", "seed:circuit", "back extensions"),
    ("pull_up", "seed:circuit", "pull-ups"),
    ("leg_press", "seed:circuit", "leg press"),
    ("military_press", "seed:circuit", "military press"),
    ("single_leg_rdl", "seed:circuit", "single-leg romanian deadlifts"),
    # seed:favorites
    ("prone_triceps_extension", "seed:favorites", "prone extensions"),
    ("rope_cable_triceps_extension", "seed:favorites", "rope cable extensions"),
    ("reverse_grip_triceps_extension", "seed:favorites", "reverse grip extensions"),
    ("face_pull", "seed:favorites", "face pulls"),
    ("rear_delt_pull", "seed:favorites", "rear delt pulls"),
    ("dumbbell_row", "seed:favorites", "rows"),
    ("superman_crisscross", "seed:favorites", "superman crisscross"),
    ("cable_rotation", "seed:favorites", "cable rotations"),
    ("med_ball_axe_chop", "seed:favorites", "med ball ax chops"),
    ("bicycle_crunch", "seed:favorites", "bicycle"),
    ("kettlebell_windmill", "seed:favorites", "windmills"),
    ("straight_bar_pullover", "seed:favorites", "straight bar pullover"),
    ("single_arm_pullover", "seed:favorites", "single arm pullover"),
    ("med_ball_pullover", "seed:favorites", "med ball pullovers"),
    ("hello_dolly", "seed:favorites", "hello dollies"),
    ("side_lying_hip_abduction", "seed:favorites", "side-lying hip abduction"),
    ("prone_scissors", "seed:favorites", "prone scissors"),
    # seed:pinzon
    ("barbell_back_squat", "seed:pinzon", "barbell squats"),
    ("smith_machine_squat", "seed:pinzon", "smith machine squats"),
    ("dumbbell_lunge", "seed:pinzon", "dumbell lunges"),
    ("leg_press", "seed:pinzon", "leg press"),
    ("single_leg_squat", "seed:pinzon", "single leg squats"),
    ("touch_down", "seed:pinzon", "touch downs"),
    ("lat_pulldown", "seed:pinzon", "lat pull downs"),
    ("cable_row", "seed:pinzon", "cable rows"),
    ("db_shoulder_press", "seed:pinzon", "dumbell shoulder press"),
    ("db_shoulder_press_single_leg", "seed:pinzon", "dumbell shoulder press single leg"),
    ("cable_triceps_pushdown", "seed:pinzon", "cable tricep"),
    ("cable_biceps_curl", "seed:pinzon", "cable bicep curls"),
    ("diaphragmatic_breathing", "seed:pinzon", "diaphramic breathing"),
    ("diaphragmatic_breathing", "seed:pinzon", "navel breathing"),
    ("physioball_crunch", "seed:pinzon", "physioball crunches"),
    ("floor_cobra", "seed:pinzon", "floor cobras"),
    ("plank", "seed:pinzon", "planks"),
    # seed:exercise-list
    ("glute_bridge", "seed:exercise-list", "floor bridge"),
    ("stability_ball_bridge", "seed:exercise-list", "stability ball bridge"),
    ("side_plank", "seed:exercise-list", "side plank"),
    ("asymmetric_kb_carry", "seed:exercise-list", "asymmetrical kettlebell carry"),
    ("bosu_single_leg_reach", "seed:exercise-list", "single leg balance reach on a bosu"),
    ("three_plane_lunge", "seed:exercise-list", "3 dimensional lunges"),
    ("mini_band_side_step", "seed:exercise-list", "mini band side steps"),
    ("dumbbell_squat", "seed:exercise-list", "dumbbell squats"),
    ("single_leg_rdl", "seed:exercise-list", "single leg romanian deadlifts"),
    ("squat_to_row", "seed:exercise-list", "squat to row"),
    ("stability_ball_hamstring_curl", "seed:exercise-list", "stability ball hamstring curl"),
    ("single_leg_squat", "seed:exercise-list", "single leg squats"),
    # seed:core-balance
    ("single_leg_biceps_curl", "seed:core-balance", "bicep curls while standing on one foot"),
]

EVIDENCE_STAPLES = [
    "barbell_back_squat",
    "front_squat",
    "half_squat",
    "trap_bar_deadlift",
    "conventional_deadlift",
    "romanian_deadlift",
    "barbell_hip_thrust",
    "db_bulgarian_split_squat",
    "barbell_bulgarian_split_squat",
    "db_step_up",
    "single_leg_leg_press",
    "goblet_squat_db",
    "goblet_squat_kb",
    "standing_calf_raise",
    "seated_calf_raise",
    "single_leg_calf_raise",
    "single_leg_bent_knee_calf_raise",
    "tibialis_raise",
    "copenhagen_plank",
    "copenhagen_plank_short",
    "nordic_hamstring_curl",
    "cable_pallof_press",
    "band_pallof_press",
    "dead_bug",
    "bird_dog",
    "mcgill_curl_up",
    "suitcase_carry",
    "farmer_carry",
    "single_leg_hip_thrust",
]
HEAVY_STAPLES = [
    "barbell_back_squat",
    "front_squat",
    "half_squat",
    "trap_bar_deadlift",
    "conventional_deadlift",
    "romanian_deadlift",
    "barbell_hip_thrust",
    "db_bulgarian_split_squat",
    "barbell_bulgarian_split_squat",
    "db_step_up",
    "single_leg_leg_press",
    "standing_calf_raise",
    "seated_calf_raise",
]
PLYOMETRICS = [
    "pogo_jump",
    "bounding",
    "box_jump",
    "a_skip",
    "split_squat_jump",
    "lateral_bound",
    "single_leg_hop",
    "line_hop",
    "broad_jump",
    "med_ball_slam",
]
HIP_FLEXOR_DOMINANT = [
    "bicycle_crunch",
    "lying_leg_raise",
    "dead_bug",
    "hello_dolly",
    "mountain_climber",
    "flutter_kick",
]
HAMSTRING_LOADED = [
    "nordic_hamstring_curl",
    "romanian_deadlift",
    "db_romanian_deadlift",
    "single_leg_rdl",
    "db_single_leg_rdl",
    "conventional_deadlift",
]
LOW_BACK_LOADED = [
    "conventional_deadlift",
    "trap_bar_deadlift",
    "romanian_deadlift",
    "back_extension",
    "superman_crisscross",
    "stability_ball_back_extension",
]
BALANCE_LIFTS = [
    "single_leg_biceps_curl",
    "db_shoulder_press_single_leg",
    "single_leg_cable_row",
    "single_leg_band_row",
]


@pytest.fixture(scope="module")
def lib() -> ExerciseLibrary:
    return load_library()


@pytest.fixture(scope="module")
def exercises(lib: ExerciseLibrary) -> list[Exercise]:
    return list(lib)


def with_role(exercises: Iterable[Exercise], role: str) -> list[Exercise]:
    return [e for e in exercises if role in e.roles]


def no_equipment(e: Exercise) -> bool:
    return not e.equipment


def seed_wordings(e: Exercise) -> set[str]:
    return {a.lower() for a in e.aliases}


# --------------------------------------------------------------------------------------------- basics


def test_library_size_and_unique_ids(exercises: list[Exercise]) -> None:
    assert len(exercises) >= 130
    ids = [e.id for e in exercises]
    assert len(ids) == len(set(ids))
    names = [e.name.lower() for e in exercises]
    assert len(names) == len(set(names)), "two exercises share a name"


def test_ids_are_snake_case(exercises: list[Exercise]) -> None:
    bad = [e.id for e in exercises if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", e.id)]
    assert not bad


def test_every_exercise_is_sourced(lib: ExerciseLibrary, exercises: list[Exercise]) -> None:
    for e in exercises:
        assert e.source, e.id
        assert all(s in lib.sources for s in e.source), e.id
        assert all(s.startswith(("seed:", "ref:")) for s in e.source), e.id


def test_references_resolve_and_are_coherent(lib: ExerciseLibrary, exercises: list[Exercise]) -> None:
    for e in exercises:
        refs = (*e.regressions, *e.progressions, *e.substitutions)
        assert all(r in lib for r in refs), e.id
        assert e.id not in refs, f"{e.id} refers to itself"
        assert not set(e.regressions) & set(e.progressions), e.id
        for p in e.progressions:
            assert e.id not in lib.get(p).progressions, f"{e.id} and {p} are each other's progression"
        for r in e.regressions:
            assert e.id not in lib.get(r).regressions, f"{e.id} and {r} are each other's regression"


def test_fields_are_well_formed(exercises: list[Exercise]) -> None:
    for e in exercises:
        assert e.planes and set(e.planes) <= set(PLANES), e.id
        assert e.speed in SPEEDS, e.id
        assert e.pattern, e.id
        assert (e.default_reps is None) != (e.default_duration_s is None), f"{e.id}: reps xor duration"
        assert len({a.lower() for a in e.aliases}) == len(e.aliases), f"{e.id}: duplicate alias"
        if "single_leg" in e.id:
            assert e.unilateral, e.id


def test_cues_are_short_imperative_lines(exercises: list[Exercise]) -> None:
    for e in exercises:
        assert 2 <= len(e.cues) <= 4, e.id
        for cue in e.cues:
            assert cue.strip() == cue and 10 <= len(cue) <= 110, (e.id, cue)
            assert cue[0].isupper(), (e.id, cue)


def test_fit_category_and_name_exist_in_garmin_profile(exercises: list[Exercise]) -> None:
    sdk = pytest.importorskip("garmin_fit_sdk")
    types = sdk.profile.Profile["types"]
    categories = set(types["exercise_category"].values())
    for e in exercises:
        assert e.fit_category in categories and e.fit_category != "unknown", e.id
        # Every exercise names its closest FIT exercise: a step with only a category shows as a
        # generic "Squat" or "Core" on the watch and in Connect.
        assert e.fit_name is not None, f"{e.id}: no fit_name"
        names = set(types[f"{e.fit_category}_exercise_name"].values())
        assert e.fit_name in names, f"{e.id}: {e.fit_name} not in {e.fit_category}"


def test_fit_names_that_need_equipment_match_the_exercise(exercises: list[Exercise]) -> None:
    """A band, cable-machine or kettlebell FIT name only where the exercise can stand for it.

    The lightest-load stand-in (a dumbbell name for a bodyweight exercise with no unloaded FIT
    name) is allowed; a band name on a dumbbell exercise, or a suspension/sandbag/sled name, is not.
    """
    foreign = {"suspension", "sandbag", "sled", "battle_rope", "tire", "sledge_hammer", "indoor_row"}
    for e in exercises:
        assert e.fit_category not in foreign, e.id
        if e.fit_category == "banded_exercises":
            assert "band" in e.equipment, e.id
        if e.fit_name is not None and e.fit_name.startswith(("kettlebell_", "barbell_")):
            tool = "kettlebell" if e.fit_name.startswith("kettlebell_") else "barbell"
            assert tool in e.equipment or "machine" in e.equipment, (e.id, e.fit_name)


# --------------------------------------------------------------------------------------------- seed


@pytest.mark.parametrize(("exercise_id", "source", "wording"), SEED_EXERCISES)
def test_seed_exercise_present_with_seed_wording(
    lib: ExerciseLibrary, exercise_id: str, source: str, wording: str
) -> None:
    e = lib.get(exercise_id)
    assert source in e.source
    assert wording in seed_wordings(e), f"{exercise_id} lacks the seed's wording {wording!r}"


def test_shoulder_press_on_both_feet_and_on_one_foot_are_two_exercises(lib: ExerciseLibrary) -> None:
    two_feet, one_foot = lib.get("db_shoulder_press"), lib.get("db_shoulder_press_single_leg")
    assert not two_feet.balance and one_foot.balance
    assert "db_shoulder_press" in one_foot.regressions


# --------------------------------------------------------------------------------------------- evidence


@pytest.mark.parametrize("exercise_id", EVIDENCE_STAPLES + PLYOMETRICS)
def test_evidence_staple_cites_a_reference(lib: ExerciseLibrary, exercise_id: str) -> None:
    assert any(s.startswith("ref:") for s in lib.get(exercise_id).source)


def test_staple_variants(lib: ExerciseLibrary) -> None:
    for exercise_id in HEAVY_STAPLES:
        assert lib.get(exercise_id).heavy, exercise_id
    assert lib.get("goblet_squat_db").equipment == ("dumbbells",)
    assert lib.get("goblet_squat_kb").equipment == ("kettlebell",)
    assert "dumbbells" in lib.get("db_bulgarian_split_squat").equipment
    assert "barbell" in lib.get("barbell_bulgarian_split_squat").equipment
    assert lib.get("cable_pallof_press").equipment == ("cable",)
    assert lib.get("band_pallof_press").equipment == ("band",)
    assert "copenhagen_plank_short" in lib.get("copenhagen_plank").regressions
    for calf in (
        "standing_calf_raise",
        "seated_calf_raise",
        "single_leg_calf_raise",
        "single_leg_bent_knee_calf_raise",
    ):
        assert "calves" in lib.get(calf).muscles, calf
    assert not lib.get("single_leg_calf_raise").equipment
    assert not lib.get("single_leg_bent_knee_calf_raise").equipment
    assert "tibialis" in lib.get("tibialis_raise").muscles


def test_plyometrics(lib: ExerciseLibrary, exercises: list[Exercise]) -> None:
    for exercise_id in PLYOMETRICS:
        e = lib.get(exercise_id)
        assert e.plyometric and e.roles == ("power",), exercise_id
    for e in exercises:
        if e.plyometric:
            assert e.roles == ("power",) and not e.heavy and e.speed == "fast", e.id
            if e.region == "lower":
                assert set(e.loads) >= IMPACT_AREAS, e.id


# --------------------------------------------------------------------------------------------- loads


def test_loads_are_honest(lib: ExerciseLibrary, exercises: list[Exercise]) -> None:
    for e in exercises:
        if e.region in ("lower", "full") and e.pattern in ("squat", "lunge", "step"):
            assert "knee" in e.loads, f"{e.id}: knee-dominant but does not load the knee"
        if e.pattern == "extension":
            assert "low_back" in e.loads, e.id
        if e.pattern == "knee_flexion":
            assert "hamstring" in e.loads, e.id
        if e.pattern == "calf":
            assert "achilles" in e.loads, e.id
        if e.pattern == "tibialis":
            assert "shin" in e.loads, e.id
        if e.pattern == "hinge":
            assert {"hamstring", "low_back"} & set(e.loads), e.id
        if e.pattern == "plyo":
            assert e.plyometric, e.id
    for exercise_id in HIP_FLEXOR_DOMINANT:
        assert "hip_flexor" in lib.get(exercise_id).loads, exercise_id
    for exercise_id in HAMSTRING_LOADED:
        assert "hamstring" in lib.get(exercise_id).loads, exercise_id
    for exercise_id in LOW_BACK_LOADED:
        assert "low_back" in lib.get(exercise_id).loads, exercise_id


def test_hip_flexor_tag_matches_the_muscles_worked(exercises: list[Exercise]) -> None:
    """With hip flexors flaring nothing may load or stretch them hard: every exercise that works or
    stretches the hip flexors (couch stretch, A-march, leg swings, pistols...) carries the tag the
    injury policy excludes, and nothing else does."""
    for e in exercises:
        assert ("hip_flexors" in e.muscles) == ("hip_flexor" in e.loads), e.id


@pytest.mark.parametrize("area", INJURY_AREAS)
@pytest.mark.parametrize("equipment", [ALL_EQUIPMENT, BODYWEIGHT_ONLY], ids=["all", "bodyweight"])
def test_every_core_target_survives_each_injury(lib: ExerciseLibrary, area: str, equipment: frozenset[str]) -> None:
    usable = lib.usable(equipment, frozenset({area}))
    for target in CORE_TARGETS:
        options = [e for e in usable if "core" in e.roles and e.core_target == target]
        assert options, f"no {target} core exercise left without {area} ({sorted(equipment)})"


@pytest.mark.parametrize("area", INJURY_AREAS)
def test_other_blocks_survive_each_injury(lib: ExerciseLibrary, area: str) -> None:
    usable = lib.usable(ALL_EQUIPMENT, frozenset({area}))
    for role in ("circuit", "strength", "mobility", "warmup", "balance"):
        assert with_role(usable, role), f"no {role} exercise left without {area}"


# --------------------------------------------------------------------------------------------- core


def test_core_target_only_on_core_exercises(exercises: list[Exercise]) -> None:
    for e in exercises:
        assert (e.core_target is not None) == ("core" in e.roles), e.id
        if e.core_target is not None:
            assert e.core_target in CORE_TARGETS, e.id


@pytest.mark.parametrize("target", CORE_TARGETS)
def test_core_target_coverage(exercises: list[Exercise], target: str) -> None:
    core = [e for e in with_role(exercises, "core") if e.core_target == target]
    assert len(core) >= 5, target
    assert sum(no_equipment(e) for e in core) >= 2, target
    assert sum("hip_flexor" not in e.loads for e in core) >= 2, target
    assert sum(no_equipment(e) and "hip_flexor" not in e.loads for e in core) >= 1, target


def test_core_planes_and_speeds(exercises: list[Exercise]) -> None:
    core = with_role(exercises, "core")
    for plane in PLANES:
        targets = {e.core_target for e in core if plane in e.planes}
        assert len(targets) >= 3, f"{plane} plane covers only {sorted(t for t in targets if t)}"
    speeds = {e.speed for e in core}
    assert {"slow", "fast"} <= speeds


def test_core_cues_brace_and_breathe(exercises: list[Exercise]) -> None:
    for e in with_role(exercises, "core"):
        assert any("belly button" in c.lower() and "spine" in c.lower() for c in e.cues), e.id
        assert any(re.search(r"breath|exhale|inhale", c, re.IGNORECASE) for c in e.cues), e.id


# --------------------------------------------------------------------------------------------- circuit


def test_circuit_coverage(exercises: list[Exercise]) -> None:
    circuit = with_role(exercises, "circuit")
    lower = [e for e in circuit if e.region in ("lower", "full")]
    upper = [e for e in circuit if e.region == "upper"]
    assert len(lower) >= 14
    assert sum(no_equipment(e) for e in lower) >= 6
    assert len(upper) >= 12
    assert sum(no_equipment(e) for e in upper) >= 3
    assert sum(e.equipment == ("band",) for e in upper) >= 3
    for e in circuit:
        assert e.default_reps is not None, f"{e.id}: circuit stations are counted in reps"
        assert not e.plyometric, e.id


# --------------------------------------------------------------------------------------------- strength


def test_strength_coverage(exercises: list[Exercise]) -> None:
    strength = with_role(exercises, "strength")
    lower = [e for e in strength if e.region == "lower"]
    upper = [e for e in strength if e.region == "upper"]
    assert sum(e.heavy for e in lower) >= 12
    bodyweight_lower = [e for e in lower if no_equipment(e)]
    assert len(bodyweight_lower) >= 4
    assert not any(e.heavy for e in bodyweight_lower)
    assert sum(e.equipment == ("dumbbells",) for e in lower) >= 3
    assert len(upper) >= 6
    assert sum(set(e.equipment) <= {"band"} for e in upper) >= 2


def test_heavy_means_loadable_equipment(exercises: list[Exercise]) -> None:
    for e in exercises:
        if e.heavy:
            assert HEAVY_EQUIPMENT & set(e.equipment), e.id
            assert e.default_reps is not None and not e.plyometric, e.id


# --------------------------------------------------------------------------------------------- power


def test_power_coverage(exercises: list[Exercise]) -> None:
    power = with_role(exercises, "power")
    assert len(power) >= 8
    assert sum(no_equipment(e) for e in power) >= 5


# --------------------------------------------------------------------------------------------- balance


def test_balance_levels(exercises: list[Exercise]) -> None:
    balance = with_role(exercises, "balance")
    assert len(balance) >= 10
    assert {e.balance_level for e in balance} == {1, 2, 3, 4, 5}
    for e in exercises:
        if "balance" in e.roles:
            assert e.balance and 1 <= e.balance_level <= 5, e.id
        else:
            assert e.balance_level == 0, f"{e.id}: balance_level outside the balance block"


def test_balance_progression_is_systematic(lib: ExerciseLibrary, exercises: list[Exercise]) -> None:
    balance = with_role(exercises, "balance")
    for e in balance:
        tools = set(e.equipment)
        if tools & UNSTABLE_HARD:
            assert e.balance_level >= 4, e.id
        elif tools & UNSTABLE_SOFT:
            assert 3 <= e.balance_level <= 4, e.id
        else:
            assert e.balance_level <= 3, e.id
        if e.pattern == "balance" and e.balance_level <= 2:
            assert not e.equipment, f"{e.id}: the first levels need no equipment"
        for p in e.progressions:
            nxt = lib.get(p)
            if "balance" in nxt.roles:
                assert nxt.balance_level >= e.balance_level, (e.id, p)
        for r in e.regressions:
            prev = lib.get(r)
            if "balance" in prev.roles:
                assert prev.balance_level <= e.balance_level, (e.id, r)
    for level in (1, 2, 3):
        assert any(e.balance_level == level and no_equipment(e) for e in balance), level
    for tool in ("balance_disc", "foam_roller", "stability_ball", "bosu"):
        assert any(tool in e.equipment for e in balance), tool


@pytest.mark.parametrize("exercise_id", BALANCE_LIFTS)
def test_balance_versions_of_ordinary_lifts(lib: ExerciseLibrary, exercise_id: str) -> None:
    e = lib.get(exercise_id)
    assert e.balance and e.unilateral
    assert e.roles == ("circuit", "balance")


# --------------------------------------------------------------------------------------------- mobility


def test_mobility_coverage(lib: ExerciseLibrary, exercises: list[Exercise]) -> None:
    mobility = with_role(exercises, "mobility")
    assert len(mobility) >= 12
    assert sum(no_equipment(e) for e in mobility) >= 8
    assert any("foam_roller" in e.equipment for e in mobility)
    for e in mobility:
        assert e.default_duration_s is not None and e.default_reps is None, e.id
    covered = {m for e in mobility for m in e.muscles}
    for muscle in (
        "hip_flexors",
        "calves",
        "hamstrings",
        "glutes",
        "quadriceps",
        "upper_back",
        "hip_adductors",
        "tibialis",
    ):
        assert muscle in covered, muscle
    for exercise_id in (
        "calf_stretch_straight_knee",
        "calf_stretch_bent_knee",
        "figure_four_stretch",
        "open_book_rotation",
        "knee_to_wall_ankle_mobilization",
    ):
        assert "mobility" in lib.get(exercise_id).roles, exercise_id


# --------------------------------------------------------------------------------------------- warmup


def test_warmup_coverage(exercises: list[Exercise]) -> None:
    warmup = with_role(exercises, "warmup")
    dynamic = [e for e in warmup if e.pattern == "dynamic"]
    assert len(dynamic) >= 6
    assert not any(e.plyometric or e.heavy for e in warmup)


def test_trap_bar_is_its_own_equipment() -> None:
    """A gym with a barbell need not have a hexagonal bar (coach review): the trap-bar deadlift needs
    `trap_bar`, and a runner who listed only a barbell is never told to use one."""
    import copy
    import tomllib

    from stridelift.profile import parse_profile
    from stridelift.services.planning import plan_athlete
    from tests.conftest import EXAMPLES

    lib = load_library()
    assert lib.get("trap_bar_deadlift").equipment == ("trap_bar",)
    for path in EXAMPLES:
        raw = tomllib.loads(path.read_text())
        if "trap_bar" in raw.get("equipment", {}).get("available", []):
            continue
        plan = plan_athlete(parse_profile(copy.deepcopy(raw)))
        used = {p.id for s in plan.sessions for p in s.exercises}
        assert "trap_bar_deadlift" not in used, path.name
