"""Builds the contents of a session: circuits, heavy straight sets, maintenance, core and balance,
mobility. Exercise choice is deterministic (rotations by counters), limited to the runner's
equipment and to what their injuries allow, and fitted to the minutes they have."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast

from stridelift.domain.athlete import Athlete
from stridelift.domain.balance_turn import turn_balance
from stridelift.domain.bodyweight import BodyweightEffort
from stridelift.domain.deload_cap import LighterCap, deload_under_cap
from stridelift.domain.eccentric import EccentricDose, EccentricLimits
from stridelift.domain.exercises import Exercise, ExerciseLibrary
from stridelift.domain.familiar import settle
from stridelift.domain.families import library_kin
from stridelift.domain.held_load import HeldLoad
from stridelift.domain.long_spare import lightened
from stridelift.domain.maintenance_wave import maintenance_step
from stridelift.domain.movement import Spread
from stridelift.domain.novice_pct import NoviceLearning, NovicePctLimits
from stridelift.domain.plan import Intensity, Prescription, Session, Warning
from stridelift.domain.plyo_intro import PlyoLimits, PlyoRamp, late_days, level_ceiling, plyo_note
from stridelift.domain.prescribing import Prescriber
from stridelift.domain.progression import (
    LoadTracker,
    circuit_time_holds,
    is_heavy_lower,
    is_heavy_set,
    novice_ramp_step,
    offseason_reps,
    pattern_title,
    progression_level,
    station_dose,
    title_patterns,
    wave_reps,
)
from stridelift.domain.rehab import RehabStage, dose, stages_on
from stridelift.domain.returning import ReturnCap
from stridelift.domain.rules import RuleBook
from stridelift.domain.shared_picks import shared_picks
from stridelift.domain.substitution import left_out_note, stand_in_note, template_ids, template_of, unavailable
from stridelift.domain.taper_eccentric import drop_eccentric, eccentric_free_days, is_eccentric
from stridelift.domain.templates import Station, Templates, status_on
from stridelift.domain.tendon import quiet_days, rest_tendon
from stridelift.domain.upper_session import build_upper
from stridelift.domain.vocab import CORE_TARGETS, PLANES, Block, InjuryStatus, PhaseName, SessionFormat, Slot

BALANCE_PREFERENCE = ("bosu", "balance_disc", "stability_ball", "foam_roller")
ROTATION_CYCLE = 4  # accessories (warm-up, core, balance, mobility) repeat every fourth session of a kind
# when a station's own pattern is ruled out (equipment, injury), the nearest movement that trains the same job
RELATED_PATTERNS: dict[str, tuple[str, ...]] = {
    "squat": ("lunge", "step", "bridge"),
    "lunge": ("step", "squat", "bridge"),
    "step": ("lunge", "squat"),
    "hinge": ("bridge", "knee_flexion"),
    "bridge": ("hinge",),
    "calf": ("tibialis",),
    "pull": ("vertical_pull", "shoulder_extension", "elbow_flexion"),
    "vertical_pull": ("shoulder_extension", "elbow_flexion", "elbow_extension"),
    "elbow_flexion": ("elbow_extension", "shoulder_extension", "vertical_pull"),
    "elbow_extension": ("elbow_flexion", "shoulder_extension", "vertical_pull"),
    "shoulder_extension": ("vertical_pull", "elbow_extension", "elbow_flexion"),
    "push": ("press", "elbow_extension"),
    "curl": ("elbow_flexion",),
    "abduction": ("adduction",),
}


def _is_hold(ex: Exercise) -> bool:
    """An isometric the library gives in seconds, never repetitions (rule E-HOLDS)."""
    return ex.default_reps is None and ex.default_duration_s is not None


def _varied(
    p: Prescription,
    sets: int,
    reps: int | None,
    duration_s: int | None,
    rest_s: int,
    intensity: Intensity,
) -> Prescription:
    """`p` with another dose: the constructor called directly, as `dataclasses.replace` costs ten
    times as much and a season makes about a thousand of these."""
    return Prescription(
        p.id,
        p.name,
        p.block,
        p.order,
        p.region,
        p.core_target,
        p.muscles,
        p.equipment,
        p.balance,
        p.unilateral,
        p.planes,
        sets,
        reps,
        duration_s,
        rest_s,
        intensity,
        p.cues,
        p.note,
        p.warmup_sets,
    )


@dataclass(frozen=True, slots=True)
class SessionRequest:
    kind: str
    date: dt.date
    slot: Slot
    phase: PhaseName
    week_index: int
    block_week: int
    deload: bool
    balance_level: int
    novice_intro: bool
    placement_why: tuple[str, ...] = ()
    phase_start: dt.date | None = None  # the first day of the phase (block) the session is in
    comeback: ReturnCap | None = None  # a week back after a break from leg strength work (E-RETURN-STEPS)
    # a key run tomorrow, a long run today, a race or its recovery: no leg-fatiguing exercise even in a
    # light session (E-EVE-LIGHT; the library's `leg_fatigue` tag)
    legs_fresh: bool = False
    post_race_rest: bool = False  # a day after a long race kept free of running: unloaded work only (E-POST-RACE-REST)
    familiar_only: bool = False  # in a long race's recovery: no exercise for the first time (E-POST-RACE-REST)
    maintains: bool = True  # the plan has lifted long enough for a short session to keep something (E-FIRST-LIFT)
    after_long: int = 0  # minutes of yesterday's long run, when no other day could take the legs (E-AFTER-LONG)
    after_long_lighter: bool = False  # ... and the session may be a set lighter for it
    after_very_long: bool = False  # ... and that run was very long: no jumps, the legs' sets capped (E-AFTER-VERY-LONG)


@dataclass(slots=True)
class Pool:
    """The exercises this runner may do, with the changes their injuries ask for."""

    usable: list[Exercise]
    excluded_loads: frozenset[str]
    rpe_cap: float | None
    no_plyometrics: bool
    additions: list[Exercise]
    injury_rules: tuple[str, ...]
    by_role: dict[str, list[Exercise]] = field(default_factory=dict)
    core_by_target: dict[str, list[Exercise]] = field(default_factory=dict)
    breathing: list[Exercise] = field(default_factory=list)
    by_id: dict[str, Exercise] = field(default_factory=dict)
    drills: list[Exercise] = field(default_factory=list)
    # heavy work: the cap of injuries that hold every movement, and of those that hold only some
    open_cap: float | None = None
    pattern_caps: dict[str, float] = field(default_factory=dict)
    # a stage's own loading given as its rehab micro-block: no station, regression or progression is one
    rehab_ids: frozenset[str] = frozenset()

    @classmethod
    def for_athlete(cls, athlete: Athlete, library: ExerciseLibrary, templates: Templates) -> Pool:
        excluded: set[str] = set()
        tags: set[str] = set()  # what the injuries' notes leave out in every block (exclude_tags)
        no_heavy: set[str] = set()
        caps: list[float] = []
        open_caps: list[float] = []
        pattern_caps: dict[str, float] = {}
        no_plyo = False
        adds: list[str] = []
        rehab_ids: set[str] = set()  # a stage's own loading given as its rehab micro-block (I-REHAB-DOSE)
        own: dict[str, set[str]] = {}
        rules: list[str] = []
        for inj in athlete.injuries:
            policy = templates.injuries[inj.area]
            sp = policy.by_status[inj.status]
            excluded.update(sp.exclude_loads)
            tags.update(sp.exclude_tags)
            no_heavy.update(sp.no_heavy_loads)
            if sp.rpe_cap is not None:
                caps.append(sp.rpe_cap)
                if not sp.cap_patterns:
                    open_caps.append(sp.rpe_cap)
                for pat in sp.cap_patterns:
                    pattern_caps[pat] = min(sp.rpe_cap, pattern_caps.get(pat, sp.rpe_cap))
            no_plyo = no_plyo or sp.no_plyometrics
            adds.extend(sp.add)
            if sp.rehab is not None:
                rehab_ids.update(sp.add)
            for a in sp.add:  # what the adding injury itself excludes (its own loading is exempt from that)
                own.setdefault(a, set()).update(sp.exclude_loads)
            if sp.exclude_loads or sp.exclude_tags or sp.no_plyometrics or sp.rpe_cap or sp.add:
                rules.append(policy.rule)
        equipment = athlete.equipment | {"bodyweight"}
        allowed = library.usable(frozenset(equipment), frozenset(excluded), frozenset(tags))
        usable = [ex for ex in allowed if not (no_plyo and ex.plyometric)]
        # an injury's own prescribed loading (isometric holds for a flaring tendon) is usable on purpose
        usable += [
            library.get(a)
            for a in dict.fromkeys(adds)
            if a in library
            and library.get(a).allowed_by(frozenset(equipment))
            and library.get(a) not in usable
            and set(library.get(a).loads) & excluded <= own[a]  # another injury's exclusion still holds
            and not library.get(a).tagged_any(tags)
        ]
        usable.sort(key=lambda e: e.id)
        ids = {e.id for e in usable}
        additions = [library.get(a) for a in dict.fromkeys(adds) if a in library and a in ids]
        by_role: dict[str, list[Exercise]] = {}
        for ex in usable:
            for role in ex.roles:
                # an area not yet loaded heavy (rule I-STAGE-HEAVY) gets no heavy station: its own slow raises
                if role == "strength" and ex.loads_any(no_heavy):
                    continue
                # the rehab micro-block's exercises are never a circuit or heavy station (I-REHAB-DOSE)
                if role in ("strength", "circuit") and ex.id in rehab_ids:
                    continue
                by_role.setdefault(role, []).append(ex)
        return cls(
            usable,
            frozenset(excluded),
            min(caps) if caps else None,
            no_plyo,
            additions,
            tuple(dict.fromkeys(rules)),
            by_role,
            # breathing already opens every session; it is not repeated as the abs exercise unless alone
            {
                t: [e for e in by_role.get("core", []) if e.core_target == t and e.pattern != "breathing"]
                or [e for e in by_role.get("core", []) if e.core_target == t]
                for t in CORE_TARGETS
            },
            breathing=[e for e in usable if e.pattern == "breathing"],
            drills=[e for e in by_role.get("warmup", []) if e.pattern != "breathing"],
            by_id={e.id: e for e in usable},
            open_cap=min(open_caps) if open_caps else None,
            pattern_caps=pattern_caps,
            rehab_ids=frozenset(rehab_ids),
        )

    def with_role(self, role: str) -> list[Exercise]:
        return self.by_role.get(role, [])


class SessionBuilder:
    def __init__(self, athlete: Athlete, library: ExerciseLibrary, rules: RuleBook, templates: Templates) -> None:
        self.athlete = athlete
        self.library = library
        self.rules = rules
        self.t = templates
        self.pool = Pool.for_athlete(athlete, library, templates)
        self._rehab_now: list[RehabStage] = []  # the rehab micro-blocks due on the day built (I-REHAB-DOSE)
        self._rehab_phase = ""
        self._day = athlete.start
        self._rehab_reduced = [str(x) for x in rules.param("I-REHAB-DOSE", "reduced_phases")]
        self._tendon_quiet = quiet_days(((r.date, r.distance_km) for r in athlete.races), rules["I-RACE-TENDON"].params)
        ecc = rules["E-TAPER-ECCENTRIC"].params  # no Nordics in the last weeks before an A race
        self._ecc_free = eccentric_free_days(((r.date, r.priority) for r in athlete.races), ecc)
        self._ecc_free_ids = frozenset(ecc["ids"])
        # no Nordics in the days before a very long run, none in a circuit, full rest wherever (E-ECCENTRIC-LONG)
        self._ecc_long = rules["E-ECCENTRIC-LONG"].params
        self._ecc_long_ids = frozenset(self._ecc_long["ids"])
        self.eccentric_spared: dict[dt.date, tuple[dt.date, str]] = {}  # set by the planner from the runs
        self._very_long = rules["E-AFTER-VERY-LONG"].params  # leg work lighter after a very long run
        self._known: set[str] = set()  # every exercise of the sessions built so far (E-POST-RACE-REST, E-EASIER-FIRST)
        self._settle_params = {
            "rest": rules["E-POST-RACE-REST"].params,
            "easier_first": rules.param("E-EASIER-FIRST", "ids"),
        }
        self.loads = LoadTracker(float(rules.param("E-PROGRESSION", "max_step")))
        self._last_sets: dict[str, int] = {}  # each strength exercise's sets last time (E-VOLUME-STEP)
        self._lighter_cap = LighterCap.for_blocks(rules.param("E-DELOAD-LIGHTER", "blocks"))
        self._last_rpe: dict[str, float] = {}  # each exercise's effort in its last ordinary (not lighter) session
        self._plyo = PlyoRamp(PlyoLimits.from_params(rules["E-PLYO-INTRO"].params), athlete.experience == "novice")
        self._ecc = EccentricDose(
            EccentricLimits.from_params(rules["E-NORDIC-DOSE"].params), int(rules.param("E-NORDIC-RESTART", "gap_days"))
        )
        self._bw = BodyweightEffort.from_params(rules["E-BODYWEIGHT-EFFORT"].params)
        self._bw_blocks = frozenset(rules.param("E-BODYWEIGHT-EFFORT", "blocks"))
        self._held = HeldLoad.from_params(rules["E-BODYWEIGHT-LOAD"].params, rules["E-BODYWEIGHT-EFFORT"].params)
        self._held_kit = self._held.kit(athlete.equipment)
        self._bw_memo: dict[tuple[str, int, float, str, tuple[str, ...]], str] = {}
        # a novice earns each lift's heavy %1RM with moderate sessions of it (E-NOVICE-PCT)
        self._learning = (
            NoviceLearning(NovicePctLimits.from_params(rules["E-NOVICE-PCT"].params))
            if athlete.experience == "novice"
            else None
        )
        # nothing new in the jumps of an A or B race's last weeks (E-PLYO-LATE): the drills done so far, by level
        self._races = [(r.date, r.priority) for r in athlete.races]
        self._plyo_late = late_days(self._races, rules["E-PLYO-LATE"].params)
        self._plyo_done: dict[str, int] = {}
        # the lifts each heavy template of a week really holds (after novice step-downs; E-HEAVY-ONCE-WEEKLY)
        self._heavy_week_ids: dict[dt.date, dict[str, set[str]]] = {}  # by the week's Monday, then template
        self._week_turn: dict[dt.date, int] = {}  # a week's heavy turn: its first heavy session's (E-HEAVY-ONCE-WEEKLY)
        self._title_pats: dict[str, list[str]] = {}  # title_patterns of each heavy template's name
        self.rx = Prescriber.from_rules(rules, athlete.equipment)
        self._avoid: set[str] = set()  # exercises the session's main block already holds
        self._fresh = False  # the session being built keeps leg-fatiguing exercises out (E-EVE-LIGHT)
        self._core_ids = frozenset(e.id for es in self.pool.core_by_target.values() for e in es)
        self._core_tiring = any(e.leg_fatigue for es in self.pool.core_by_target.values() for e in es)
        self._core_memo: dict[tuple[int, int, frozenset[str], bool], list[Exercise]] = {}
        self._core_kin: dict[str, frozenset[str]] = {}  # an exercise's kin among the core exercises
        self._core_uses: dict[str, int] = {}  # core blocks each exercise has opened so far this plan
        self._rot: dict[str, int] = {}
        self._shared_picks = shared_picks(library, rules, templates)
        self._picks: dict[str, list[Exercise | None]] = {}
        self._weeks: dict[int, dict[str, list[Exercise | None]]] = {}  # _week_picks by turn (made of _picks)
        self._block = 0  # which training block (a run of sessions in one phase) the builder is in
        self._block_phase: tuple[str, dt.date | None] | None = None
        self._held_blocks: set[int] = set()
        # each circuit template turns to its stations' next exercises in every new stretch of weeks (a
        # block's first weeks, its later weeks) it comes back in: its turns, the last stretch it was used in
        self._tpl_turn: dict[str, int] = {}
        self._heavy_blocks: dict[tuple[int, int], int] = {}  # development stretch -> its turn of the heavy lifts
        self._tpl_last: dict[str, tuple[int, int]] = {}
        self._stretch = (0, 0)
        self._stretch_ids: set[str] = set()  # circuit exercises of the current stretch
        self._done_ids: set[str] = set()  # and of the stretches before it: these progress to harder variants
        self._variations: dict[tuple[tuple[str, int], ...], list[tuple[str, str, list[Exercise]]]] = {}
        self._station_of: dict[tuple[str, str], Station] = {}  # (variation, exercise) -> its template station
        # what a novice's notes never offer as the harder version (E-NOVICE-REGRESSION's moves)
        self._novice_later = (
            frozenset(rules.param("E-NOVICE-REGRESSION", "moves")) if athlete.experience == "novice" else frozenset()
        )
        self._block_start: dt.date | None = None
        self._balance_best: dict[tuple[int, bool, bool], list[Exercise]] = {}
        self._balance_uses: dict[str, int] = {}  # balance blocks each exercise has held so far this plan
        self._balance_last: dict[bool, str] = {}  # the last balance exercise, in the gym and at home
        self._r = 0  # the session's place in its kind's rotation cycle (set by build)
        self._occurrences: dict[str, int] = {}
        self._memo: dict[
            tuple[object, ...], tuple[Session, tuple[str, ...], tuple[tuple[str, str, str | None], ...]]
        ] = {}
        self._base_why: tuple[str, ...] = ()
        self.warnings: list[Warning] = []
        self._warned: set[str] = set()
        self._part_secs: dict[int, tuple[list[Prescription], float]] = {}
        self._compact_parts: dict[int, tuple[list[Prescription], list[Prescription]]] = {}
        self._dose = rules["E-CIRCUIT-DOSE"].params
        self._dose_hard = frozenset(self._dose["hard_moves"])
        # variants of one movement count as one (rule E-ONE-VARIANT): a station's kin are off the session
        self._kin = library_kin(library, rules.param("E-ONE-VARIANT", "one_movement_patterns"))
        self._first_circuit: dt.date | None = None
        self._statuses = tuple(i.status for i in athlete.injuries)
        self._spread = Spread.from_params(rules["E-CIRCUIT-SPREAD"].params)
        self._lower_cap = self._spread.lower_cap(
            int(rules.param("S1-CIRCUIT", "lower")), len(self._spread.available(self.pool.with_role("circuit")))
        )

    # ----- helpers ------------------------------------------------------------------------
    def _next(self, key: str) -> int:
        n = self._rot.get(key, 0)
        self._rot[key] = n + 1
        return n

    def _warn_once(self, code: str, message: str, date: dt.date | None = None, rule: str | None = None) -> None:
        if code in self._warned:
            return
        self._warned.add(code)
        self.warnings.append(Warning(code, message, date, rule))

    def _cap(self, rpe: float | None) -> float | None:
        if rpe is None or self.pool.rpe_cap is None:
            return rpe
        return min(rpe, self.pool.rpe_cap)

    def _heavy_cap(self, rpe: float, ex: Exercise) -> float:
        """A heavy lift's effort under the injuries' caps: a knee holds knee-dominant lifts only."""
        caps = [c for c in (self.pool.open_cap, self.pool.pattern_caps.get(ex.pattern)) if c is not None]
        return min([rpe, *caps])

    def _rx(
        self,
        ex: Exercise,
        block: Block,
        order: int,
        sets: int,
        reps: int | None,
        duration_s: int | None,
        rest_s: int,
        intensity: Intensity,
        note: str = "",
        warmup_sets: int = 0,
    ) -> Prescription:
        if reps is None and duration_s is None:
            reps = 10
        return Prescription(  # positional: keywords cost a third more, and a season makes ~2000 of these
            ex.id,
            ex.name,
            block,
            order,
            ex.region,
            ex.core_target if block == "core" else None,
            ex.muscles,
            ex.equipment,
            ex.balance,
            ex.unilateral,
            ex.planes,
            sets,
            reps if duration_s is None else None,
            duration_s,
            rest_s,
            intensity,
            ex.cues,
            note,
            warmup_sets,
        )

    def _pick(
        self,
        station: Station,
        role: str,
        used: set[str],
        strict_region: bool = True,
        full: frozenset[str] = frozenset(),
        turn: int = 0,
    ) -> Exercise | None:
        """The exercise for a station; `full` holds the movement patterns that already have their
        two stations (rule E-SESSION-VARIETY)."""
        # a hold (an isometric) is no station of sets and reps (rule E-HOLDS): it comes as an injury's loading
        cands = [e for e in self.pool.with_role(role) if e.id not in used and e.pattern not in full and not _is_hold(e)]
        related = self._lanes(station, role)
        by_id = {e.id: e for e in cands if role != "circuit" or e.pattern in related}
        if turn and role == "strength":
            # a new development block turns each heavy station to the next heavy lift it lists
            heavy = [by_id[i] for i in station.prefer if i in by_id and by_id[i].region == station.region]
            ring = [e for e in heavy if e.heavy or self._strong_bodyweight(e)]
            if ring:
                return ring[turn % len(ring)]
        if turn and role != "strength":
            # a new block turns each station to the next exercise that does its job (seed: new variations)
            ring = [by_id[i] for i in station.prefer if i in by_id and by_id[i].region == station.region]
            in_ring = {e.id for e in ring}  # ids, not dataclass equality (every field): same answer, cheaper
            lanes = [
                [e for e in cands if e.region == station.region and e.pattern == pattern and e.id not in in_ring]
                for pattern in related
            ]
            for k in range(max((len(lane) for lane in lanes), default=0)):  # one of each related pattern in turn
                ring += [lane[k] for lane in lanes if k < len(lane)]
            if ring:
                return ring[turn % len(ring)]
        # strength stations take a heavy-capable exercise when the runner has one, else the first usable
        for want_heavy in (True, False) if role == "strength" else (False,):
            for pid in station.prefer:
                ex = by_id.get(pid)
                if (
                    ex is not None
                    and (ex.region == station.region or not strict_region)
                    and (ex.heavy or not want_heavy or self._strong_bodyweight(ex))
                ):
                    return ex
        for pattern in related:
            same = [e for e in cands if e.region == station.region and e.pattern == pattern]
            if not same:
                continue
            if role == "strength":
                return min(same, key=lambda e: not e.heavy)  # heavy-capable first, then library order
            return same[self._next(f"st:{station.region}:{pattern}") % len(same)]
        # any other exercise of the region, but never a second calf or shin exercise in place of a big lift
        # (a circuit station may be one: a knee-friendly circuit is then a different circuit, not none)
        region = [
            e
            for e in cands
            if e.region == station.region
            and (e.pattern not in ("calf", "tibialis") or station.pattern in ("calf", "tibialis") or role == "circuit")
        ]
        if region:
            return region[self._next(f"st:{station.region}") % len(region)]
        return None

    def _strong_bodyweight(self, ex: Exercise) -> bool:
        """A bodyweight lift hard enough to be heavy (pull-ups, Nordics, rule E-HEAVY-LOAD) takes a heavy
        station for an advanced runner, who can do it for low reps; the others get the loaded lift."""
        return self.athlete.experience == "advanced" and ex.id in self.rx.hard_bodyweight

    def _template_picks(
        self, key: str, stations: Sequence[Station], role: str, turn: int = 0, taken: frozenset[str] = frozenset()
    ) -> list[Exercise | None]:
        """The exercises a template's stations resolve to for this runner: fixed within a block (`turn`
        turns circuits to new exercises each block), so "circuit A" is the same circuit every time it
        comes round in a block and loads can progress on it. `taken` (another template's lifts) is
        left to it where the station has anything else."""
        cached = self._picks.get(key)
        if cached is None:
            # what the picks read besides the arguments: the pool (equipment, injuries at their stage),
            # the lifter's experience, and the data (shared_picks is per library, rules and templates)
            a, rot = self.athlete, self._rot
            before = dict(rot)
            turns = tuple(sorted((k, n) for k, n in rot.items() if k.startswith("st:")))  # all _pick reads
            areas = tuple(i.area for i in a.injuries)
            shared_key = (
                a.equipment,
                areas,
                self._statuses,
                a.experience,
                key,
                tuple(stations),
                role,
                turn,
                taken,
                turns,
            )
            hit = self._shared_picks.get(shared_key)
            if hit is not None:
                for k, n in hit[1]:
                    rot[k] = rot.get(k, 0) + n
                cached = self._picks[key] = list(hit[0])
                return cached
            used: set[str] = set(taken)
            cached = []
            cap = int(self.rules.param("E-SESSION-VARIETY", "max_per_pattern"))
            count: dict[str, int] = {}
            picked: list[tuple[str, str]] = []  # (region, pattern) of the stations so far
            for st in stations:
                if role == "circuit":  # spread over the movement groups (rule E-CIRCUIT-SPREAD)
                    full = self._spread.full(picked, self._lower_cap)
                    st = self._retarget(st, used, full, picked)
                else:
                    full = frozenset(p for p, n in count.items() if n >= cap)
                ex = self._pick(st, role, used, full=full, turn=turn)
                if taken and (ex is None or ex.pattern not in self._lanes(st, role)):
                    # the other template's lift when nothing else does this station's job
                    alt = self._pick(st, role, used - taken, full=full, turn=turn)
                    if alt is not None and (ex is None or alt.pattern in self._lanes(st, role)):
                        ex = alt
                if ex is not None and self._regress(ex, role):
                    # hard bodyweight moves (pistols, pull-ups for 20 reps) start one step down
                    hard = ex
                    ex = self._regression(ex, used, full, self._lanes(st, role) if role == "circuit" else None)
                    if role == "strength" and ex.id in self.rx.hard_bodyweight:
                        # a novice starts a hard bodyweight lift at its easier version when it is in
                        # reach (a box single-leg squat before the single-leg squat, E-VOLUME-STEP)
                        ex = self._novice_easier(ex, used, full)
                    while role == "strength" and ex.id in self.rx.hard_bodyweight:
                        # still a hard move (its first easier version is the other day's): on down the
                        # chain, a split or bodyweight squat before a one-leg squat (E-NOVICE-REGRESSION)
                        down = self._regression(ex, used, full)
                        if down is ex:
                            break
                        ex = down
                    if role == "circuit" and (ex.id in self._dose_hard or ex is hard):  # no regression: another move
                        ex = self._pick(st, role, used | self._dose_hard | {hard.id}, full=full, turn=turn) or ex
                if ex is not None:
                    used |= self._kin.get(ex.id, {ex.id})
                    count[ex.pattern] = count.get(ex.pattern, 0) + 1
                    picked.append((ex.region, ex.pattern))
                cached.append(ex)
            self._picks[key] = cached
            moved = tuple((k, n - before.get(k, 0)) for k, n in rot.items() if n != before.get(k, 0))
            if all(k.startswith("st:") for k, _ in moved):  # only the rotations the key holds
                self._shared_picks[shared_key] = (tuple(cached), moved)
        return cached

    def _regress(self, ex: Exercise, role: str) -> bool:
        """Novices start hard bodyweight lifts one step down; in a circuit's 20 reps everyone does
        (band-assisted pull-ups, box single-leg squats: rule E-CIRCUIT-DOSE)."""
        hard = ex.id in self.rx.hard_bodyweight or (not ex.heavy and not self.rx.loaded(ex) and bool(ex.regressions))
        if role == "circuit":
            return ex.id in self._dose_hard or (hard and self.athlete.experience == "novice")
        # a novice's one-leg squats, Nordics and pull-ups too: the regression first (E-NOVICE-REGRESSION)
        strong = ex.id in self.rx.hard_bodyweight
        return role == "strength" and self.athlete.experience == "novice" and (not ex.heavy or strong)

    def _lanes(self, station: Station, role: str) -> tuple[str, ...]:
        """The movement patterns a station may take, its own first: a circuit's lower-body station stays
        in its group, its push and pull stay a push and a pull (rule E-CIRCUIT-SPREAD)."""
        own = (station.pattern, *RELATED_PATTERNS.get(station.pattern, ()))
        if role != "circuit":
            return own
        sp = self._spread
        if station.region != "upper":
            group = sp.key(station.region, station.pattern)
            return (station.pattern, *(p for p in sp.members.get(group, ()) if p != station.pattern))
        if station.pattern in sp.upper_required:
            return (station.pattern,)
        return tuple(p for p in own if p not in sp.upper_required)

    def _retarget(
        self, st: Station, used: set[str], full: frozenset[str], picked: Sequence[tuple[str, str]]
    ) -> Station:
        """A lower-body circuit station whose group is closed (or out of this runner's reach) moves to
        the open group with the fewest stations so far, in the rule's order of groups."""
        if st.region == "upper":
            return st
        sp = self._spread
        reach: dict[str, str] = {}  # group -> the first of its patterns the runner can still take
        for e in self.pool.with_role("circuit"):
            if e.region == st.region and e.id not in used and e.pattern not in full and e.pattern in sp.group_of:
                g = sp.group_of[e.pattern]
                if g not in reach or (e.pattern == st.pattern):
                    reach[g] = e.pattern
        own = sp.key(st.region, st.pattern)
        if own in reach or not reach:
            return st
        counts = {g: sum(1 for r, p in picked if r != "upper" and sp.key(r, p) == g) for g in reach}
        target = min(sp.groups, key=lambda g: (g not in reach, counts.get(g, 0)))
        return Station(st.region, reach[target], st.prefer)

    def _regression(
        self, ex: Exercise, used: set[str], full: frozenset[str], lanes: tuple[str, ...] | None = None
    ) -> Exercise:
        """The nearest regression this runner can do, following the library's regressions step by step
        (a one-leg squat without a box goes on down the chain), within the station's `lanes` of movement
        when given; `ex` itself when there is none."""
        seen = {ex.id}
        frontier = list(ex.regressions)
        while frontier:
            rid = frontier.pop(0)
            if rid in seen:
                continue
            seen.add(rid)
            cand = self.pool.by_id.get(rid)
            if (
                cand is not None
                and rid not in self.pool.rehab_ids
                and not _is_hold(cand)
                and rid not in used
                and cand.pattern not in full
                and (not lanes or (cand.pattern in lanes and cand.region == ex.region))
            ):
                return cand
            nxt = self.library.find(rid)
            if nxt is not None:
                frontier.extend(nxt.regressions)
        return ex

    def _novice_easier(self, ex: Exercise, used: set[str], full: frozenset[str]) -> Exercise:
        """The direct regression of a hard bodyweight lift, if this runner can do it; else the lift."""
        for rid in ex.regressions:
            cand = self.pool.by_id.get(rid)
            if (
                cand is not None
                and rid not in used
                and rid not in self.pool.rehab_ids
                and cand.pattern not in full
                and "strength" in cand.roles
            ):
                return cand
        return ex

    def _harder(self, stations: list[Exercise]) -> list[Exercise]:
        """Later in a block each station the runner has done before moves one step along the library's
        progressions where this runner can do the harder variant (a new exercise, not another station's)."""
        taken = {e.id for e in stations}
        out: list[Exercise] = []
        for k, ex in enumerate(stations):
            if ex.id not in self._done_ids:  # new to the runner this stretch: its own version first
                out.append(ex)
                continue
            # never a variant of another station's movement (rule E-ONE-VARIANT)
            others = taken.union(*(self._kin.get(e.id, {e.id}) for j, e in enumerate(stations) if j != k))
            nxt = next(
                (
                    self.pool.by_id[x]
                    for x in ex.progressions
                    if x in self.pool.by_id
                    and x not in taken
                    and x not in others
                    and "circuit" in self.pool.by_id[x].roles
                    and x not in self.pool.rehab_ids  # a rehab block's exercise is no station (I-REHAB-DOSE)
                    and self.pool.by_id[x].region == ex.region
                    and self.pool.by_id[x].pattern == ex.pattern
                    and not self._regress(self.pool.by_id[x], "circuit")
                ),
                ex,
            )
            taken.add(nxt.id)
            out.append(nxt)
        return out

    # ----- blocks -------------------------------------------------------------------------
    def _breathing(self) -> list[Prescription]:
        breathing = self.pool.breathing
        if not breathing:
            return []
        return [
            self._rx(
                breathing[0],
                "warmup",
                0,
                1,
                None,
                60,
                0,
                Intensity(),
                "Diaphragmatic (navel) breathing to set the brace.",
            )
        ]

    def _warmup(self, n: int, order: int, skip: Iterable[Prescription] = ()) -> list[Prescription]:
        """`n` general warm-up drills, none that the session does later (rule E-GENERAL-WARMUP)."""
        out: list[Prescription] = []
        drills = self.pool.drills
        later = {p.id for p in skip}
        start = (self._block * ROTATION_CYCLE + self._r) * n
        for i in range(len(drills)):
            ex = drills[(start + i) % len(drills)]
            if ex.id in later:
                continue
            out.append(
                self._rx(ex, "warmup", order + len(out), 1, ex.default_reps, ex.default_duration_s, 0, Intensity())
            )
            if len(out) >= n:
                break
        return out

    def _core(self, order: int, sets: int) -> list[Prescription]:
        """One exercise per target in the seed's order, turning with the session's place in the cycle;
        within the block, an exercise that adds a plane or a speed is preferred (all planes, several
        speeds: the seed's "core training in all planes with different angles and speeds")."""
        out: list[Prescription] = []
        for ex in self._core_picks():
            rpe = self._cap(6.0) if ex.equipment else None
            out.append(
                self._rx(
                    ex, "core", order + len(out), sets, ex.default_reps, ex.default_duration_s, 20, Intensity(rpe=rpe)
                )
            )
        return out

    def _core_picks(self) -> list[Exercise]:
        """The core block's exercises, chosen once per block, place in the cycle and main-block overlap."""
        # the main block and an injury's own loading (an IT band's side-lying abduction) are not repeated
        kin_sets: list[frozenset[str]] = []
        core_kin = self._core_kin  # each exercise's core kin, worked out once per pool
        for i_ in (*self._avoid, *(e.id for e in self.pool.additions)):
            got = core_kin.get(i_)
            if got is None:
                got = core_kin[i_] = frozenset(self._kin.get(i_, (i_,))) & self._core_ids
            if got:
                kin_sets.append(got)
        near_main = frozenset().union(*kin_sets)
        # the picks differ on a legs-fresh day only where a core exercise tires the legs (none does today)
        key = (self._block, self._r, near_main | (self._avoid & self._core_ids), self._fresh and self._core_tiring)
        cached = self._core_memo.get(key)
        if cached is not None:
            return cached
        planes: set[str] = set()
        speeds: set[str] = set()
        picked: list[Exercise] = []
        for i, target in enumerate(CORE_TARGETS):
            # never a variant of an exercise the block or the main block already holds (E-ONE-VARIANT:
            # a clamshell and a fire hydrant are one movement)
            held = {k for e in picked for k in self._kin.get(e.id, (e.id,))}
            near = held | near_main
            every = self._legs_light(self.pool.core_by_target.get(target, []))
            cands = (
                [e for e in every if e.id not in near]
                or [e for e in every if e.id not in held and e.id not in self._avoid]
                or [e for e in every if e.id not in held]
                or every
            )
            if not cands:
                continue
            n = len(cands)
            start = self._block * ROTATION_CYCLE + self._r + i
            rotated = [cands[(start + j) % n] for j in range(n)]
            # the least-used first, so a plane or speed preference cannot keep one out all season
            fewest = min(self._core_uses.get(e.id, 0) for e in rotated)
            fresh = [e for e in rotated if self._core_uses.get(e.id, 0) == fewest]
            ex = next((e for e in fresh if not planes.issuperset(e.planes)), None) or next(
                (e for e in fresh if e.speed not in speeds), fresh[0]
            )
            self._core_uses[ex.id] = self._core_uses.get(ex.id, 0) + 1
            planes.update(ex.planes)
            speeds.add(ex.speed)
            picked.append(ex)
        self._core_memo[key] = picked
        return picked

    def _balance_exercise(self, level: int, home: bool = False) -> Exercise | None:
        legs_fresh = self._fresh and not home
        key = (level, home, legs_fresh)
        if key not in self._balance_best:
            self._balance_best[key] = self._balance_candidates(level, home, legs_fresh)
        best = self._balance_best[key]
        if not best:
            return None
        turn = self._next(f"balance:{level}:{home}")  # the best tool's exercises first, then the others
        free = [ex for i in range(len(best)) if (ex := best[(turn + i) % len(best)]).id not in self._avoid]
        if not free:
            return None
        # the least-used variant, never the last one twice when there is another (E-BALANCE-VARIETY)
        fresh = [ex for ex in free if ex.id != self._balance_last.get(home)] or free
        ex = min(fresh, key=lambda e: self._balance_uses.get(e.id, 0))
        if home:  # a session's pick counts once the session is built (build: a first try may be dropped)
            self._count_balance(ex.id, home)
        return ex

    def _count_balance(self, ex_id: str, home: bool) -> None:
        self._balance_uses[ex_id] = self._balance_uses.get(ex_id, 0) + 1
        self._balance_last[home] = ex_id

    def _balance_candidates(self, level: int, home: bool, fresh: bool = False) -> list[Exercise]:
        """The exercises on the highest reachable rung at or below `level`, best balance tool first (on a
        day that keeps the legs fresh, none that tires them: a single-leg RDL at 20 a leg, E-EVE-LIGHT)."""
        cands = [e for e in self.pool.with_role("balance") if progression_level(e.balance_level, e.region) > 0]
        if fresh:
            cands = [e for e in cands if not e.leg_fatigue]
        if home:
            cands = [e for e in cands if not e.equipment]
        if not cands:
            return []
        reachable = [e for e in cands if e.balance_level <= level] or cands
        top = max(e.balance_level for e in reachable)
        alone = sum(e.balance_level == top for e in reachable) < 2
        if alone and top >= max(e.balance_level for e in cands):  # a one-exercise top rung: the rung below rotates in
            top -= int(self.rules.param("S4-STABILITY-PROGRESSION", "rotate_within"))
        at = [e for e in reachable if e.balance_level >= top]

        def pref(e: Exercise) -> int:
            for i, tool in enumerate(BALANCE_PREFERENCE):
                if tool in e.equipment:
                    return i
            return len(BALANCE_PREFERENCE)

        at.sort(key=lambda e: (pref(e), e.id))
        return at

    def _legs_light(self, exercises: list[Exercise]) -> list[Exercise]:
        """`exercises` without the leg-fatiguing ones on a day that keeps the legs fresh (E-EVE-LIGHT),
        all of them where none would be left."""
        if not self._fresh:
            return exercises
        return [e for e in exercises if not e.leg_fatigue] or exercises

    def _balance(self, level: int, order: int, count: int) -> list[Prescription]:
        out: list[Prescription] = []
        ex = self._balance_exercise(level)
        if ex is not None:
            out.append(
                self._rx(
                    ex,
                    "balance",
                    order,
                    2,
                    ex.default_reps if ex.default_duration_s is None else None,
                    ex.default_duration_s,
                    15,
                    Intensity(),
                    f"Balance progression level {ex.balance_level}.",
                )
            )
        if count > 1:
            lifts = [
                e
                for e in self.pool.with_role("balance")
                if e.region == "upper" and e.balance and e.id not in self._avoid
            ]
            if lifts:
                lift = lifts[self._r % len(lifts)]
                out.append(
                    self._rx(
                        lift,
                        "balance",
                        order + len(out),
                        2,
                        12,
                        None,
                        30,
                        Intensity(rpe=self._cap(6.0)),
                        "Balance = belly: on one foot.",
                    )
                )
        return out

    def _mobility(self, order: int, n: int, hold_s: int | None = None) -> list[Prescription]:
        items = self.pool.with_role("mobility")
        if not items:
            return []
        start = (self._block * ROTATION_CYCLE + self._r) * n
        picked: list[Exercise] = []
        for i in range(len(items)):
            ex = items[(start + i) % len(items)]
            if ex not in picked:
                picked.append(ex)
            if len(picked) >= n:
                break
        return [
            self._rx(ex, "mobility", order + i, 1, None, hold_s or ex.default_duration_s or 30, 0, Intensity())
            for i, ex in enumerate(picked)
        ]

    def _additions(
        self,
        order: int,
        reps: int,
        used: set[str],
        max_rpe: float | None = None,
        max_sets: int | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> list[Prescription]:
        """An injury's own loading, one exercise of a pattern a session: several of one pattern (a straight-
        and a bent-knee calf raise) take turns session by session; holds are given in seconds (E-HOLDS)."""
        out = self._rehab_block(order)
        rehab = {i for st in self._rehab_now for i in st.ids}
        patterns = {self.library.get(i).pattern for i in used if i in self.library}
        holds = self.rules["E-HOLDS"].params
        heavy_reps = int(self.rules.param("E-RETURN-STEPS", "max_reps"))
        by_pattern: dict[str, list[Exercise]] = {}
        for ex in self.pool.additions:
            if ex.id in skip:  # a circuit holds no Nordic curls (E-ECCENTRIC-LONG)
                continue
            if ex.id in rehab:
                continue  # given as its stage's micro-block above
            if ex.id not in used and ex.id not in self._avoid and not (self._fresh and ex.leg_fatigue):
                by_pattern.setdefault(ex.pattern, []).append(ex)
        for pattern, exs in by_pattern.items():
            if pattern in patterns:
                continue
            ex = exs[(self._block + self._r) % len(exs)]
            hold = _is_hold(ex)
            n = self.rx.hard_bodyweight_reps if ex.id in self.rx.hard_bodyweight else reps  # Nordics: a few
            # heavy eccentric work takes full rest between its sets, not a station's 45 s (E-ECCENTRIC-LONG)
            rest = max(45, int(self._ecc_long["min_rest_s"])) if ex.id in self._ecc_long_ids else 45
            # a week back holds the few-rep lifts (Nordics) to its sets; high-rep loading is no heavy work
            sets = 2 if max_sets is None or n > heavy_reps else max(1, min(2, max_sets))
            out.append(
                self._rx(
                    ex,
                    "strength",
                    order + len(out),
                    min(int(holds["hold_sets"]), max_sets or 99) if hold else sets,
                    None if hold else n,
                    ex.default_duration_s if hold else None,
                    int(holds["hold_rest_s"]) if hold else rest,
                    Intensity(rpe=self._cap(6.0 if max_rpe is None else min(6.0, max_rpe))),
                    "Added for your injury profile: hold still, it may feel like work, not pain."
                    if hold
                    else "Added for your injury profile.",
                )
            )
        return out

    def _rehab_block(self, order: int) -> list[Prescription]:
        """Each due rehab micro-block at its stage's dose, whatever the session (rule I-REHAB-DOSE): one of
        the stage's exercises a session, taking turns (a straight- and a bent-knee raise)."""
        out: list[Prescription] = []
        usable = {e.id: e for e in self.pool.additions}
        for st in self._rehab_now:
            exs = [usable[i] for i in st.ids if i in usable]
            if not exs:
                continue
            ex = exs[(self._block + self._r) % len(exs)]
            d = dose(st, self._day, self._rehab_phase, self._rehab_reduced)
            out.append(
                self._rx(
                    ex, "strength", order + len(out), d.sets, d.reps, d.hold_s, d.rest_s, Intensity(rpe=d.rpe), d.note
                )
            )
        return out

    def _whole_body(self) -> list[Prescription]:
        """A whole-body move (squat to row, kettlebell swing) for the core and balance day: the seed's
        list has them, and the circuit's lower and upper stations have no place for them."""
        moves = [e for e in self.pool.with_role("circuit") if e.region == "full" and not e.plyometric]
        if self._fresh:  # a swing or a squat to row is leg work: not on the eve of a key run (E-EVE-LIGHT)
            moves = [e for e in moves if not e.leg_fatigue]
        if not moves:
            return []
        ex = moves[(self._block + self._r) % len(moves)]
        if ex.id in self._avoid:
            return []
        return [self._rx(ex, "strength", 0, 2, 12, None, 45, Intensity(rpe=self._cap(6.0)), "Smooth and controlled.")]

    # ----- time ---------------------------------------------------------------------------
    def seconds(self, rx: Iterable[Prescription]) -> float:
        timing = self.t.timing  # looked up once: a season adds up some 20,000 prescriptions
        circuit_rep_s, rep_seconds, per_side, transition_s = (
            timing.circuit_rep_seconds,
            timing.rep_seconds,
            timing.per_side_factor,
            timing.transition_s,
        )
        total = 0.0
        for p in rx:
            circuit = p.block == "circuit"
            rep_s = circuit_rep_s if circuit else rep_seconds
            work: float
            if p.duration_s is not None:
                work = p.duration_s * (per_side if p.unilateral else 1)
            else:  # a per-leg (per-side) set is done on each side
                work = (p.reps or 0) * rep_s * (per_side if p.unilateral else 1)
            total += p.sets * (work + p.rest_s)
            if p.warmup_sets:
                total += self.rx.ramp_seconds(p.warmup_sets, rep_s)
            if not circuit:
                total += transition_s
        return total

    def _minutes(self, rx: Sequence[Prescription]) -> int:
        return max(1, math.ceil(self.seconds(rx) / 60))

    # ----- sessions -----------------------------------------------------------------------
    def build(self, req: SessionRequest) -> Session | None:
        s = self._build(req)
        if s is not None:
            s = self._step_additions(s)
        ecc_race = self._ecc_free.get(req.date)
        if s is not None and ecc_race is not None:
            dropped = [p for p in s.exercises if is_eccentric(p, self._ecc_free_ids)]
            s = drop_eccentric(s, self._ecc_free_ids, ecc_race, "E-TAPER-ECCENTRIC", self.seconds(dropped))
            s = self._retitled(s)
        spared = self.eccentric_spared.get(req.date)
        if s is not None and spared is not None:  # no Nordics just before the longest runs (E-ECCENTRIC-LONG)
            s = self._spare_eccentric(s, *spared)
        if s is not None:
            s = self._dose_eccentric(s)
            s = self._lighter_cap.apply(s)  # no lift in a lighter week harder than last time (E-DELOAD-LIGHTER)
        race = self._tendon_quiet.get(req.date)
        if s is not None and race is not None:  # the tendon rests around races (I-RACE-TENDON)
            s = rest_tendon(s, frozenset(e.id for e in self.pool.additions), race, "I-RACE-TENDON")
        if s is not None:  # the days around races keep to what the runner knows (E-POST-RACE-REST, E-EASIER-FIRST)
            s = settle(self, s, req, self._known, self._settle_params)
            self._known.update(p.id for p in s.exercises)
            s = self._bodyweight_notes(s)
        held = [p.id for p in s.exercises if p.block == "balance" and p.region != "upper"] if s is not None else []
        if held:  # the variant this session holds is the last one (E-BALANCE-VARIETY)
            self._count_balance(held[0], False)
        if s is not None:  # every session's strength sets count for the next one (E-VOLUME-STEP)
            self._last_sets.update((p.id, p.sets) for p in s.exercises if p.block == "strength")
        if s is not None and req.legs_fresh and "E-EVE-LIGHT" not in s.why:
            s = dataclasses.replace(s, why=(*s.why, "E-EVE-LIGHT"))
        if s is not None and "E-DELOAD" not in s.why:  # what a lighter week stays under (E-DELOAD-LIGHTER)
            self._last_rpe.update((p.id, p.intensity.rpe) for p in s.exercises if p.intensity.rpe is not None)
        if s is not None and self._learning is not None:
            s = self._estimate_note(s, self._learning)
            for p in s.exercises:  # the first %1RM steps up from the learning sets' load (E-PROGRESSION)
                rpe, learnt = p.intensity.rpe, p.id not in self._learning.noted and self._learning.limits.moderate(p)
                if learnt and rpe and p.reps and p.block == "strength" and self.library.get(p.id).testable:
                    load = round(self.rx.table.pct_for(p.reps, rpe), 2)  # a lighter week's is no step back
                    self.loads.last[p.id] = max(load, self.loads.last.get(p.id, 0.0))
            self._learning.record(s.date, s.exercises)
        if s is not None and req.after_very_long:  # lighter legs the day after a very long run (E-AFTER-VERY-LONG)
            s = self._lighter_after_very_long(s)
        if s is not None:  # the Nordics' effort as the session finally holds it (a race's quiet tendon lowers it)
            for p in s.exercises:
                if p.block != "warmup":
                    self._ecc.done(p.id, p.intensity.rpe, s.date)
        return s

    def _circuit_skip(self) -> frozenset[str]:
        """The exercises a circuit does not hold as filler (E-ECCENTRIC-LONG's heavy eccentric work)."""
        return self._ecc_long_ids if "circuit" in self._ecc_long["no_formats"] else frozenset()

    def _spare_eccentric(self, s: Session, day: dt.date, words: str) -> Session:
        """`s` without its Nordic curls, `day`'s very long run `words` days ahead (E-ECCENTRIC-LONG)."""
        dropped = [p for p in s.exercises if is_eccentric(p, self._ecc_long_ids)]
        if not dropped:
            return s
        note = (
            f"No Nordic curls this close to the {words} on {day:%a %d %b}: their soreness peaks two to three "
            "days later, so they go on another day of the week."
        )
        s = drop_eccentric(s, self._ecc_long_ids, day, "E-ECCENTRIC-LONG", self.seconds(dropped), note)
        return self._retitled(s)

    def _lighter_after_very_long(self, s: Session) -> Session:
        """`s` lighter the day after a very long run (E-AFTER-VERY-LONG): no jumps, the legs' sets capped."""

        def lower_legs(ex_id: str) -> bool:
            ex = self.library.get(ex_id)
            return ex.region == "lower" and ex.leg_fatigue

        out = lightened(
            s,
            self._very_long,
            lambda ex_id: self.library.get(ex_id).plyometric,
            lower_legs,
            lambda x: self.seconds(x.exercises),
        )
        if s.format in self._very_long["no_jumps_formats"] and "E-AFTER-VERY-LONG" not in out.why:
            out = dataclasses.replace(out, why=(*out.why, "E-AFTER-VERY-LONG"))
        return out

    def _bodyweight_notes(self, s: Session) -> Session:
        """Each bodyweight set says how to reach its written effort at the runner's level (E-BODYWEIGHT-EFFORT):
        a slow tempo where that is enough, else its harder version or a load; the easier way for a move
        harder than written (a full Nordic at RPE 6). Run on the final sets, after every re-dosing."""
        out: list[Prescription] | None = None
        kit, level, held_blocks = self._held_kit, self.athlete.experience, self._held.blocks
        for i, p in enumerate(s.exercises):
            if (
                kit is not None
                and p.block in held_blocks  # what `needs` asks first, before the library is read
                and self._held.needs(p, self.library.get(p.id), level, self._bw)
            ):
                p = self._held.load(p, kit)  # the runner's dumbbells held, not "too easy? hold one" (E-BODYWEIGHT-LOAD)
                out = list(s.exercises) if out is None else out
                out[i] = p
            rpe = p.intensity.rpe
            if p.block not in self._bw_blocks or rpe is None or p.reps is None or p.intensity.pct_1rm is not None:
                continue
            key = (p.id, p.reps, rpe, p.note, p.equipment)
            add = self._bw_memo.get(key)
            if add is None:
                add = self._bw_memo[key] = self._bodyweight_add(p, p.reps, rpe)
            if add:
                out = list(s.exercises) if out is None else out
                out[i] = dataclasses.replace(p, note=f"{p.note} {add}".strip())
        return s if out is None else dataclasses.replace(s, exercises=tuple(out))

    def _bodyweight_add(self, p: Prescription, reps: int, rpe: float) -> str:
        """What a bodyweight set's note lacks to reach its effort (E-BODYWEIGHT-EFFORT), or ""."""
        if self.rx.resistance & set(p.equipment):
            return ""
        bw, ex, level = self._bw, self.library.get(p.id), self.athlete.experience
        verdict = bw.verdict(ex, level, reps, rpe)
        note = p.note.lower()
        if verdict == "easy":
            harder = self._harder_name(ex)
            if self.rx.load_hint.lower() in note or (harder and harder.lower() in note):
                return ""
            if bw.tempo_enough(ex, level, reps, rpe):
                return "" if bw.names_tempo(note) else bw.tempo_hint
            load = f"{self.rx.load_hint[0].upper()}{self.rx.load_hint[1:]}"
            return f"Too easy? {harder} instead, or {self.rx.load_hint}." if harder else f"Too easy? {load}."
        if verdict == "hard":
            easier = next((self.pool.by_id[x].name for x in ex.regressions if x in self.pool.by_id), None)
            if not bw.names_easier(note, [easier] if easier else []):
                return f"{bw.easier_hint}" + (f", or take the {easier.lower()} instead." if easier else ".")
        return ""

    def learning_lift(self, ex: Exercise, day: dt.date) -> bool:
        """A novice's testable lift still at the learning dose on `day`: not yet the weeks and the moderate
        sessions of it its heavy %1RM needs (E-NOVICE-PCT)."""
        return self._learning is not None and self.rx.testable(ex) and not self._learning.ready(ex.id, day)

    def _estimate_note(self, s: Session, learning: NoviceLearning) -> Session:
        """A novice's first %1RM of each lift says how to estimate the max from the learning sets (E-NOVICE-PCT)."""
        reps, rpe = int(self.rules.param("E-NOVICE", "reps")), float(self.rules.param("E-NOVICE", "rpe"))
        share = self.rx.table.pct_for(reps, rpe)
        note = (
            f"Estimate your 1RM first, never test it: the weight of your last {reps}-rep sets at RPE {rpe:g} "
            f"divided by {share:.2f} (the chart's share for {reps} reps with {10 - rpe:g} left)."
        )
        out = [
            dataclasses.replace(p, note=f"{note} {p.note}".strip()) if learning.first_pct(p) else p for p in s.exercises
        ]
        if all(a is b for a, b in zip(out, s.exercises, strict=True)):
            return s
        return dataclasses.replace(s, exercises=tuple(out))

    def _lighter(self, ex_id: str, rpe: float, deload: bool) -> float:
        """A lift's effort in a lighter week: never above the last ordinary session's (E-DELOAD-LIGHTER)."""
        last = self._last_rpe.get(ex_id) if deload else None
        return rpe if last is None else min(rpe, last)

    def _dose_eccentric(self, s: Session) -> Session:
        """Nordic curls low and slowly rising (E-NORDIC-DOSE), applied after building like the additions'
        steps, as sessions may come from a memo that does not know the last session's effort."""
        out: list[Prescription] = []
        changed = False
        for p in s.exercises:
            if p.block != "warmup" and p.id in self._ecc.limits.ids:
                sets, reps, rpe = self._ecc.dose(p.id, p.sets, p.reps, p.intensity.rpe, s.date, "E-DELOAD" in s.why)
                if (sets, reps, rpe) != (p.sets, p.reps, p.intensity.rpe):
                    p = _varied(p, sets, reps, p.duration_s, p.rest_s, Intensity(p.intensity.pct_1rm, rpe))
                    changed = True
            out.append(p)  # recorded once the session is final (build): a race's quiet tendon may drop it
        if not changed:
            return s
        saved = int((self.seconds(s.exercises) - self.seconds(out)) // 60)
        why = s.why if "E-NORDIC-DOSE" in s.why else (*s.why, "E-NORDIC-DOSE")
        return dataclasses.replace(s, exercises=tuple(out), why=why, minutes=max(1, s.minutes - saved))

    def _step_additions(self, s: Session) -> Session:
        """An injury's own loading (the Achilles' four isometric holds) follows the volume rules like any
        lift: at most the taper's sets in the taper and race week (E-TAPER), and back up one set at a time
        after a shortened or tapered session (E-VOLUME-STEP). Applied after building, as light sessions
        are reused from a memo that does not know the last session's sets."""
        adds = {e.id for e in self.pool.additions} - {i for st in self._rehab_now for i in st.ids}
        if not adds:
            return s
        more = int(self.rules.param("E-VOLUME-STEP", "max_added_sets"))
        taper = self.rules["E-TAPER"]
        cap_all = int(taper.params["max_sets"]) if s.phase in taper.phases else None
        out: list[Prescription] = []
        changed = False
        for p in s.exercises:
            cap = self._last_sets[p.id] + more if p.id in self._last_sets else p.sets
            if cap_all is not None:
                cap = min(cap, cap_all)
            if p.block == "strength" and p.id in adds and p.sets > cap:
                p = _varied(p, max(1, cap), p.reps, p.duration_s, p.rest_s, p.intensity)
                changed = True
            out.append(p)
        if not changed:
            return s
        saved = int((self.seconds(s.exercises) - self.seconds(out)) // 60)  # the session is that much shorter
        return dataclasses.replace(s, exercises=tuple(out), minutes=max(1, s.minutes - saved))

    def _build(self, req: SessionRequest) -> Session | None:
        """The session for `req`. Accessories turn on a short cycle (ROTATION_CYCLE sessions of a
        kind), so a light session recurs identically every few weeks; those are built once per plan
        and reused (heavy sessions depend on the load history and are always built)."""
        self._progress_injuries(req.date)
        self._rehab_now = stages_on(self.t.injuries, self.athlete.injuries, self.athlete.start, req.date)
        self._day = req.date
        self._rehab_phase = req.phase
        rehab_key = tuple(
            (st.area, d.sets, d.reps, d.hold_s)
            for st in self._rehab_now
            for d in [dose(st, req.date, req.phase, self._rehab_reduced)]
        )
        block_id = (req.phase, req.phase_start)
        if block_id != self._block_phase:
            if self._block_phase is not None:
                self._block += 1
            self._block_phase = block_id
            self._block_start = req.phase_start or req.date
        n = self._occurrences.get(req.kind, 0)
        self._occurrences[req.kind] = n + 1
        self._r = n % ROTATION_CYCLE
        self._avoid = set()
        self._fresh = req.legs_fresh
        self._part_secs.clear()
        self._compact_parts.clear()
        if req.kind in ("heavy", "maintenance"):
            heavy = self._heavy(req)
            if req.after_very_long:  # its jumps out before they count as done (E-AFTER-VERY-LONG, E-PLYO-INTRO)
                heavy = self._lighter_after_very_long(heavy)
            self._plyo.record(heavy.date, [self.library.get(p.id) for p in heavy.exercises if p.block == "power"])
            done = [p.id for p in heavy.exercises if p.block == "power"]
            self._plyo_done.update((i, self.library.get(i).plyo_level) for i in done)
            return heavy
        if req.kind == "upper":
            return build_upper(self, req) or self._core_balance(req, replaced="upper-body strength session")
        vid: str | None = None
        stage = self.rx.circuit_stage(self._circuit_week(req)) if req.kind == "circuit" else None
        if stage is not None and (self._block, stage) != self._stretch:
            self._stretch = (self._block, stage)
            self._done_ids |= self._stretch_ids
            self._stretch_ids = set()
        if req.kind == "circuit" and "CIRCUIT_INCOMPLETE" not in self._warned:
            variations = self._circuit_variations()
            if variations:
                vid = variations[self._rot.get("circuit", 0) % len(variations)][0]
                self._turn_template(vid)
        repeat = self._rot.get("circuit", 0) > 0  # a lone variation warns from its second use on
        # the circuit's effort is not in the key: a session built once is re-dosed (8 stations, one note)
        first = req.kind == "circuit" and self._first_circuit is None
        if first:  # the novice ramp counts from the first circuit done, not one the day could not hold
            self._first_circuit = req.date
        ramp = self._novice_ramp(req.date) if req.kind == "circuit" else None
        key = (
            req.kind,
            vid,
            repeat,
            req.phase,
            req.deload,
            req.balance_level,
            self._r,
            stage,
            self._block,
            ramp,
            req.legs_fresh,
            rehab_key,
        )
        hit = self._memo.get(key)
        if hit is not None:
            proto, base_why, dated = hit
            if proto.format == "circuit":
                self._rot["circuit"] = self._rot.get("circuit", 0) + 1
                patterns = [self.library.get(p.id).pattern for p in proto.exercises if p.block == "circuit"]
                rpe = self.rx.circuit_rpe(self._circuit_week(req), req.deload)
                proto = self._redose(proto, self._circuit_cap(rpe, patterns))
            proto = turn_balance(self, proto, req.balance_level)  # the next variant (E-BALANCE-VARIETY)
            for code, text, rule in dated:
                self.warnings.append(Warning(code, f"{req.date:%a %d %b}: {text}", req.date, rule))
            why = tuple(dict.fromkeys([*base_why, *req.placement_why, *self.pool.injury_rules, "S5-FORM", "S6-STAGE"]))
            if first and proto.format != "circuit":
                self._first_circuit = None
            return dataclasses.replace(proto, date=req.date, slot=req.slot, phase=req.phase, why=why)
        before = len(self.warnings)
        s = self._build_light(req)
        if first and (s is None or s.format != "circuit"):
            self._first_circuit = None
        if s is not None:
            prefix = f"{req.date:%a %d %b}: " if len(self.warnings) > before else ""
            dated = tuple(
                (w.code, w.message[len(prefix) :], w.rule)
                for w in self.warnings[before:]
                if w.date == req.date and w.message.startswith(prefix)
            )
            self._memo[key] = (s, self._base_why, dated)
        return s

    def _harder_name(self, e: Exercise) -> str | None:
        """The name of the station's next harder version this runner can do, if the library has one; never,
        for a novice, a freestanding one-leg squat, which comes on control shown over months (E-NOVICE-REGRESSION)."""
        later = self._novice_later
        return next((self.pool.by_id[x].name for x in e.progressions if x in self.pool.by_id and x not in later), None)

    def _stand_in(self, vid: str, e: Exercise) -> str:
        """What a station that is none of its template's exercises stands in for, and why, in plain words
        (rule E-SUBSTITUTE-WHY); "" for the template's own."""
        tpl = template_of(self.t, vid)
        if tpl is None or e.id in template_ids(tpl, self.library):
            return ""
        station = self._station_of.get((vid, e.id))
        seeds = [self.library.get(i) for i in (station.prefer if station else ()) if i in self.library]
        if not seeds:  # no record of its station: the template's first exercise of the same region
            seeds = [self.library.get(i) for st in tpl.stations if st.region == e.region for i in st.prefer[:1]]
        seed = seeds[0]
        reason = self._why_not(seed) or (
            "another station of this circuit already works that movement, so this one adds a different one"
        )
        return stand_in_note(e, seed, reason)

    def _left_out(self, vid: str, held: list[str]) -> str:
        """The seed's exercises this circuit leaves out, each with its reason (rule E-SUBSTITUTE-WHY)."""
        tpl = template_of(self.t, vid)
        if tpl is None or not tpl.seed:
            return ""
        reasons: dict[str, str] = {}
        for i in tpl.seed:
            why = self._why_not(self.library.get(i))
            if why:
                reasons[i] = why
        return left_out_note(tpl, held, reasons, self.library)

    def _why_not(self, seed: Exercise) -> str | None:
        """Why this runner's circuit cannot hold `seed` now: injury, equipment, or too hard for 20 reps."""
        why = unavailable(seed, self.athlete, self.t, self._statuses)
        if why is None and seed.id in self.pool.by_id and self._regress(seed, "circuit"):
            why = "20 reps of it are too many for a circuit yet"
        return why

    def _circuit_note(self, e: Exercise) -> str:
        """How to make a station harder, in the words of its equipment (rule E-WORDING)."""
        if self.rx.loaded(e):
            return ""
        if "band" in e.equipment:
            return "Band: make it harder with a stronger band or more stretch at the start, and slow the return."
        if e.equipment:
            return "Make it harder by slowing the lowering (3 s)."
        return "Bodyweight: make it harder by slowing the lowering (3 s)."

    def _progress_injuries(self, day: dt.date) -> None:
        """An injury whose status moves on by itself (a flaring Achilles loaded back after a few weeks)
        brings in its next stage's own loading from that day."""
        a = self.athlete
        if not a.injuries:  # nothing to move on (most runners): asked before every session
            return
        now = tuple(cast(InjuryStatus, status_on(self.t.injuries[i.area], i.status, a.start, day)) for i in a.injuries)
        if now == self._statuses:
            return
        moved = [i.area for i, old, new in zip(a.injuries, self._statuses, now, strict=True) if old != new]
        self._statuses = now
        injuries = tuple(dataclasses.replace(i, status=s) for i, s in zip(a.injuries, now, strict=True))
        # the new stage's own loading comes in, and what it no longer excludes (calf raises back in the
        # heavy days and circuits): every choice is made again from the new stage's exercises
        self.pool = Pool.for_athlete(dataclasses.replace(a, injuries=injuries), self.library, self.t)
        self._core_ids = frozenset(e.id for es in self.pool.core_by_target.values() for e in es)
        self._core_tiring = any(e.leg_fatigue for es in self.pool.core_by_target.values() for e in es)
        self._lower_cap = self._spread.lower_cap(
            int(self.rules.param("S1-CIRCUIT", "lower")), len(self._spread.available(self.pool.with_role("circuit")))
        )
        for cache in (self._memo, self._picks, self._variations, self._core_memo, self._balance_best, self._weeks):
            cache.clear()
        self._core_kin.clear()
        # the new stage in the words of its data (injuries.toml `stage`), so the note says what changes
        stage = {i.area: new for i, new in zip(a.injuries, now, strict=True)}
        for m in moved:  # one warning a stage, never two stages in one (rule I-STAGE-WORDS)
            said = self.t.injuries[m].by_status[stage[m]].stage
            what = f"the {m.replace('_', ' ')} plan moves on to its {stage[m]} stage" + (f" ({said})" if said else "")
            self.warnings.append(
                Warning(
                    "INJURY_PROGRESSED",
                    f"{day:%a %d %b}: {what}; if it still flares, stay on the earlier exercises and see a "
                    "professional.",
                    day,
                    None,
                )
            )

    def _effort_note(self, c_rpe: float | None, deload: bool, loaded: Sequence[str] = (), every: bool = True) -> str:
        """The circuit's effort in the words of its stations: weights only where stations are loaded
        (`loaded` names them; `every` says all are), a band or variant elsewhere (rule E-WORDING), a
        variant alone for a runner without a band (E-NOTE-EQUIPMENT)."""
        some = f" on the {', '.join(loaded)}" if loaded and not every else ""
        kit = "band or variant" if "band" in self.athlete.equipment else "variant"
        if deload:
            easier = f"lighter weights{some}" if loaded else f"an easier {kit}"
            if some:
                easier += f" and an easier {kit} on the other stations"
            return f"Lighter week: {easier} (RPE {c_rpe:g}), no increase."
        if loaded and some:
            return (
                f"Choose weights{some}, and a {kit} on the other stations, that leave the last rep at "
                f"RPE {c_rpe:g}; make them harder as the block goes on."
            )
        if loaded:  # the last rep: 20, or fewer in a novice's first circuits
            return f"Choose weights that leave the last rep at RPE {c_rpe:g}; add weight as the block goes on."
        return f"Choose a {kit} that leaves the last rep at RPE {c_rpe:g}; make it harder as the block goes on."

    def _loaded_names(self, stations: Sequence[Exercise]) -> tuple[tuple[str, ...], bool]:
        """The loaded stations' names (lower case) and whether every station is loaded."""
        names = tuple(e.name[0].lower() + e.name[1:] for e in stations if self.rx.loaded(e))
        return names, len(names) == len(stations)

    def _redose(self, proto: Session, c_rpe: float | None) -> Session:
        """A built circuit at another effort: its stations' RPE and the note that states it."""
        old = next((p.intensity.rpe for p in proto.exercises if p.block == "circuit"), c_rpe)
        if old == c_rpe:
            return proto
        inten = Intensity(rpe=c_rpe)
        exercises = tuple(
            _varied(p, p.sets, p.reps, p.duration_s, p.rest_s, inten) if p.block == "circuit" else p
            for p in proto.exercises
        )
        deload = "E-DELOAD" in proto.why
        loaded, every = self._loaded_names([self.library.get(p.id) for p in proto.exercises if p.block == "circuit"])
        before = self._effort_note(old, deload, loaded, every)
        notes = tuple(self._effort_note(c_rpe, deload, loaded, every) if n == before else n for n in proto.notes)
        return dataclasses.replace(proto, exercises=exercises, notes=notes)

    def _novice_ramp(self, day: dt.date) -> tuple[int, int] | None:
        """A novice's first circuits: fewer rounds and reps, climbing to the seed's dose (E-CIRCUIT-DOSE)."""
        if self.athlete.experience != "novice" or self._first_circuit is None:
            return None
        return novice_ramp_step(self._dose, self._first_circuit, day)

    def _circuit_week(self, req: SessionRequest) -> int:
        """The week of this block the circuit is in: each block (after a race, say) climbs again from
        the start of the circuits' progression."""
        start = self._block_start or req.date
        return (req.date - start).days // 7

    def _circuit_cap(self, rpe: float, patterns: Iterable[str]) -> float:
        """A circuit's effort under the injuries' caps: a cap that names its movements (a knee: squats,
        lunges, step-ups) holds a circuit only when it holds one of them (rule E-CAP-SCOPE)."""
        caps = [self.pool.open_cap, *(self.pool.pattern_caps.get(p) for p in patterns)]
        return min([rpe, *(c for c in caps if c is not None)])

    def _warn_held(self, req: SessionRequest, patterns: Sequence[str]) -> None:
        """An injury's effort cap holds the circuits' effort below where the block would take it: said
        once per block, dated at its first circuit (rule E-CIRCUIT-PROGRESSION)."""
        top = self.rx.circuit["rpe_max"]
        cap = self._circuit_cap(top, patterns)
        if cap >= top or self._block in self._held_blocks:
            return
        self._held_blocks.add(self._block)
        self.warnings.append(
            Warning(
                "CIRCUIT_EFFORT_HELD",
                f"{req.date:%a %d %b}: while your injury settles the circuits stay at RPE {cap:g} at most; "
                f"they progress by harder variants only.",
                req.date,
                "E-CIRCUIT-PROGRESSION",
            )
        )

    def _build_light(self, req: SessionRequest) -> Session | None:
        if req.kind == "circuit":
            s = self._circuit(req)
            if s is not None:
                return s
            return self._core_balance(req, replaced="circuit")
        if req.kind == "core_balance":
            return self._core_balance(req)
        return self._mobility_session(req)

    def _finish(
        self,
        req: SessionRequest,
        fmt: SessionFormat,
        title: str,
        rx: list[Prescription],
        why: list[str],
        notes: list[str],
        variation: str | None = None,
    ) -> Session:
        # each exercise once (rule E-SESSION-VARIETY): a drill or stretch the main work already holds,
        # or one already done in the warm-up, is left out of the warm-up and mobility blocks
        # (a drill the mobility block repeats stays in the mobility block, which every week needs)
        main = {p.id for p in rx if p.block not in ("warmup", "mobility")}
        later = {p.id for p in rx if p.block == "mobility"} | main
        seen: set[str] = set()
        kept: list[Prescription] = []
        for p in rx:
            pid, block = p.id, p.block
            if pid in seen or (block == "warmup" and pid in later) or (block == "mobility" and pid in main):
                continue
            seen.add(pid)
            kept.append(p)
            p.order = len(kept)
        ordered = tuple(kept)
        self._base_why = tuple(why)
        why = list(dict.fromkeys([*why, *req.placement_why, *self.pool.injury_rules, "S5-FORM", "S6-STAGE"]))
        return Session(
            date=req.date,
            slot=req.slot,
            phase=req.phase,
            format=fmt,
            minutes=self._minutes(ordered),
            why=tuple(why),
            exercises=ordered,
            title=title,
            heavy_lower=is_heavy_lower(ordered),
            variation=variation,
            notes=tuple(notes),
        )

    def _fit(
        self,
        parts: list[list[Prescription]],
        optional: list[int],
        compactable: Sequence[int] = (),
        last: Sequence[int] = (),
    ) -> list[Prescription] | None:
        """Drop optional parts (in the given order) until the session fits the runner's minutes; as a
        last resort shorten the compactable parts (one set, shorter holds) rather than lose them, and
        only after them the `last` ones (an injury's own loading: rule I-REHAB-LAST)."""
        limit = self.athlete.minutes_per_session * 60
        memo = self._part_secs  # _part_seconds inlined: a season fits some 20,000 parts
        secs = []
        for part in parts:
            hit = memo.get(id(part))
            if hit is None or hit[0] is not part:
                hit = memo[id(part)] = (part, self.seconds(part))
            secs.append(hit[1])
        keep = list(range(len(parts)))
        total = sum(secs)
        for idx in optional:
            if total <= limit:
                break
            keep.remove(idx)
            total -= secs[idx]
        if compactable and total > limit:
            parts = [self._compact_part(part) if i in compactable else part for i, part in enumerate(parts)]
            total = sum(self._part_seconds(parts[i]) for i in keep)
        rehab = {i for st in self._rehab_now for i in st.ids}
        for i in last:
            if total <= limit:
                break
            if rehab and any(p.id in rehab for p in parts[i]):
                # a rehab micro-block keeps its dose or stays out of this session (I-REHAB-DOSE)
                parts = [[p for p in part if p.id not in rehab] if j == i else part for j, part in enumerate(parts)]
                parts[i] = self._compact_part(parts[i])
            else:
                parts = [self._compact_part(part) if j == i else part for j, part in enumerate(parts)]
            total = sum(self._part_seconds(parts[j]) for j in keep)
        if total > limit:
            return None
        return [p for i in keep for p in parts[i]]

    # A heavy session tries its parts in several combinations: each part's time and compact form are
    # worked out once per session (keyed by the part list's identity, the list kept alive beside it).
    def _part_seconds(self, part: list[Prescription]) -> float:
        hit = self._part_secs.get(id(part))
        if hit is None or hit[0] is not part:
            hit = (part, self.seconds(part))
            self._part_secs[id(part)] = hit
        return hit[1]

    def _compact_part(self, part: list[Prescription]) -> list[Prescription]:
        hit = self._compact_parts.get(id(part))
        if hit is None or hit[0] is not part:
            hit = (part, [self._compact(p) for p in part])
            self._compact_parts[id(part)] = hit
        return hit[1]

    @staticmethod
    def _compact(p: Prescription) -> Prescription:
        return _varied(
            p,
            1,
            # strength-block work keeps high-rep sets (S4-HIGH-REPS) when it is shortened
            min(p.reps, 12 if p.block == "strength" else 10) if p.reps is not None else None,
            min(p.duration_s, 20) if p.duration_s is not None else None,
            min(p.rest_s, 10),
            p.intensity,
        )

    def _circuit_variations(self) -> list[tuple[str, str, list[Exercise]]]:
        """This block's circuits: each template turned to new exercises as often as it has come back in a
        new block (a template that cannot be turned complete keeps its first exercises)."""
        # the first block's list fixes which variations there are and their order (the rotation goes round
        # it); each takes its turned exercises where turning kept it complete and distinct
        first = self._variations_for(tuple((t.id, 0) for t in self.t.circuits))
        now = tuple((t.id, self._tpl_turn.get(t.id, 0)) for t in self.t.circuits)
        turned = {v[0]: v for v in self._variations_for(now)}
        return [turned.get(vid, (vid, name, st)) for vid, name, st in first]

    def _turn_template(self, vid: str) -> None:
        """A circuit back in a new stretch takes its stations' next exercises (seed: new variations; the
        n-th stretch it is used in takes each station's n-th exercise, its `prefer` list first)."""
        tid = vid.removesuffix("2")  # an alternate turns with its template
        last = self._tpl_last.get(tid)
        if last is not None and last != self._stretch:
            self._tpl_turn[tid] = self._tpl_turn.get(tid, 0) + 1
        self._tpl_last[tid] = self._stretch

    def _variations_for(self, turns: tuple[tuple[str, int], ...]) -> list[tuple[str, str, list[Exercise]]]:
        """The circuits this runner can do: each template that fills 5 lower + 3 upper stations, and, when
        fewer than two do, an alternate of each with other exercises at the same stations."""
        cached = self._variations.get(turns)
        if cached is not None:
            return cached
        params = self.rules["S1-CIRCUIT"].params

        def complete(st: list[Exercise]) -> bool:
            return sum(1 for e in st if e.region == "lower") == int(params["lower"]) and sum(
                1 for e in st if e.region == "upper"
            ) == int(params["upper"])

        out: list[tuple[str, str, list[Exercise]]] = []
        seen: set[frozenset[str]] = set()
        turn_of = dict(turns)
        for tpl in self.t.circuits:
            turn = turn_of.get(tpl.id, 0)
            picks = self._template_picks(f"circuit:{tpl.id}:{turn}", tpl.stations, "circuit", turn)
            st = [e for e in picks if e]
            if turn and not complete(st):  # turning it leaves a station empty: its first exercises
                picks = self._template_picks(f"circuit:{tpl.id}:0", tpl.stations, "circuit")
                st = [e for e in picks if e]
            for station, e in zip(tpl.stations, picks, strict=False):  # what each stands in for (E-SUBSTITUTE-WHY)
                if e is not None:
                    self._station_of.setdefault((tpl.id, e.id), station)
            ids = frozenset(e.id for e in st)
            if complete(st) and ids not in seen:
                seen.add(ids)
                out.append((tpl.id, tpl.name, st))
        if len(out) < 2:
            for vid, name, st in list(out):
                tpl = next(t for t in self.t.circuits if t.id == vid)
                avoid = {e.id for e in st}
                alt: list[Exercise] = []
                for station, original in zip(tpl.stations, st, strict=False):
                    so_far = [(e.region, e.pattern) for e in alt]
                    full = self._spread.full(so_far, self._lower_cap)
                    taken = avoid.union(*(self._kin.get(e.id, {e.id}) for e in alt))
                    station = self._retarget(station, taken, full, so_far)
                    ex = self._pick(station, "circuit", taken, full=full)
                    if ex is None and original.pattern not in full:
                        ex = original
                    if ex is None:
                        break
                    self._station_of.setdefault((f"{vid}2", ex.id), station)
                    alt.append(ex)
                ids = frozenset(e.id for e in alt)
                if complete(alt) and len(ids) == len(alt) and ids not in seen:
                    seen.add(ids)
                    out.append((f"{vid}2", f"{name}, alternate exercises", alt))
        self._variations[turns] = out
        return out

    def _circuit(self, req: SessionRequest) -> Session | None:
        if "CIRCUIT_INCOMPLETE" in self._warned:
            return None  # the runner's pool does not change within a plan (a circuit's length does)
        params = self.rules["S1-CIRCUIT"].params
        sets, reps, rest = int(params["sets"]), int(params["reps"]), int(params["rest_s"])
        ramp = self._novice_ramp(req.date)
        sets, reps = station_dose(self._dose, sets, reps, "", ramp)
        variations = self._circuit_variations()
        if not variations:
            self._warn_once(
                "CIRCUIT_INCOMPLETE",
                "Your equipment and injuries leave too few exercises for the 5 lower + 3 upper circuit; "
                "those days get core and balance sessions.",
                req.date,
                "S1-CIRCUIT",
            )
            return None
        count = self._rot.get("circuit", 0)
        vid, vname, stations = variations[count % len(variations)]
        if self.rx.circuit_stage(self._circuit_week(req)) and not req.deload:
            before, stations = stations, self._harder(stations)
            for a, b in zip(before, stations, strict=True):  # a harder version stands at its station
                if (vid, a.id) in self._station_of:
                    self._station_of.setdefault((vid, b.id), self._station_of[(vid, a.id)])
        self._stretch_ids.update(e.id for e in stations)
        used = {e.id for e in stations}
        self._avoid = set(used)
        patterns = [e.pattern for e in stations]
        c_rpe = self._circuit_cap(self.rx.circuit_rpe(self._circuit_week(req), req.deload), patterns)
        self._warn_held(req, patterns)
        held: tuple[int, int] | None = None
        for cap in circuit_time_holds(sets, reps, ramp, self.rules["S1-CIRCUIT-TIME"].params):
            rx_c = [
                self._rx(
                    e,
                    "circuit",
                    i,
                    *station_dose(self._dose, sets, reps, e.id, cap, e.max_circuit_reps, per_side=e.unilateral),
                    None,
                    rest,
                    Intensity(rpe=c_rpe),
                    self._circuit_note(e),
                )
                for i, e in enumerate(stations)
            ]
            for p, e in zip(rx_c, stations, strict=True):  # a bodyweight station says how to make it harder
                hint = self.rx.bodyweight_hint(e, p.reps, self._harder_name(e))
                p.note = f"{p.note} {hint}".strip() if hint else p.note
                stand_in = self._stand_in(vid, e)  # and one in for the template's exercise says why
                p.note = f"{stand_in} {p.note}".strip() if stand_in else p.note
            mob = self._mobility(0, 2)
            core, bal, adds = (
                self._core(0, 1),
                self._balance(req.balance_level, 0, 1),
                self._additions(0, 15, used, skip=self._circuit_skip()),
            )
            parts = [
                self._breathing(),
                self._warmup(2, 0, [*rx_c, *core, *bal, *adds, *mob]),
                rx_c,
                core,
                bal,
                adds,
                mob[:1],
                mob[1:],
            ]
            # breathing and the general warm-up stay (rule E-GENERAL-WARMUP)
            # an injury's own loading stays too, shortened only after everything else (rule I-REHAB-LAST)
            flat = self._fit(parts, optional=[7], compactable=(3, 4, 6), last=(5,))
            rehab = {i for st in self._rehab_now for i in st.ids}
            spare = self.athlete.sessions_per_week_max >= 3  # other days of the week hold core and balance
            if flat is not None and adds and rehab and spare and not any(p.id in rehab for p in flat):
                # a circuit day too short for the rehab block at its dose gives up its own core and balance
                # sets for it (the week's core and balance sessions hold them): I-REHAB-DOSE, I-REHAB-WEEKLY
                bare = [parts[0], self._warmup(2, 0, [*rx_c, *adds, *mob]), rx_c, [], [], adds, mob[:1], mob[1:]]
                with_rehab = self._fit(bare, optional=[7], compactable=(6,), last=(5,))
                if with_rehab is not None and any(p.id in rehab for p in with_rehab):
                    flat = with_rehab
            if flat is not None:
                held = cap if cap != ramp else None
                break
        if flat is None:  # its shortest form: the optional stretch out, core and balance one set
            least = [p for i, part in enumerate(parts[:7]) for p in (self._compact_part(part) if i > 2 else part)]
            self._warn_once(
                "CIRCUIT_NO_TIME",
                f"The seed circuit (8 stations x 3 rounds of 20, 30 s rest) with its warm-up and core block "
                f"needs about {self._minutes(least)} minutes even at its shortest hold; with "
                f"{self.athlete.minutes_per_session}-minute sessions the circuit days become core and balance "
                "sessions.",
                req.date,
                "S1-CIRCUIT",
            )
            return None
        self._rot["circuit"] = count + 1
        if len(variations) == 1 and count > 0:
            self.warnings.append(
                Warning(
                    "CIRCUIT_ONE_VARIATION",
                    f"{req.date:%a %d %b}: your equipment and injuries allow only one circuit, so it repeats "
                    f"(the seed asks for different variations).",
                    req.date,
                    "S1-CIRCUIT-VARIATION",
                )
            )
        why = [
            "S1-CIRCUIT",
            "S1-CIRCUIT-VARIATION",
            "E-CIRCUIT-PROGRESSION",
            "E-SESSION-VARIETY",
            "S1-CIRCUIT-AMPM",
            "S3-CORE-BALANCE-WEEKLY",
            "S3-CORE-ORDER",
            "S3-BRACE",
            "S4-FLEXIBILITY",
        ]
        if req.phase == "base":
            why[1:1] = ["S1-CIRCUIT-FREQ", "S4-HIGH-REPS"]
        if any(p.block == "balance" and p.region == "upper" for p in flat) or any(
            e.balance and e.region == "upper" for e in stations
        ):
            why.append("S3-BALANCE-LIFTS")
        notes = [f"Circuit {vid} ({vname}): go round all 8 stations, 30 s between stations, {sets} rounds."]
        left = self._left_out(vid, [e.id for e in stations])
        if left:
            notes.append(left)
        if held is not None:
            notes.append(
                f"Held at {held[0]} rounds of {held[1]}: the full {sets} x {reps} does not fit your "
                f"{self.athlete.minutes_per_session}-minute sessions, so the circuit grows harder through the "
                "harder versions of its stations instead of longer (S1-CIRCUIT-TIME)."
            )
            why.append("S1-CIRCUIT-TIME")
        elif ramp is not None:
            notes.append(f"First circuits: {sets} rounds of {reps}, building to the full 3 x 20 over the coming weeks.")
        if req.deload:
            why.append("E-DELOAD")
        notes.append(self._effort_note(c_rpe, req.deload, *self._loaded_names(stations)))
        return self._finish(req, "circuit", f"Circuit {vid}: {vname}", flat, why, notes, vid)

    def _heavy(self, req: SessionRequest) -> Session:
        maintenance = req.kind == "maintenance"
        h = self.rules["E-HEAVY"].params
        rest_heavy = int(self.rules.param("E-HEAVY-REST", "rest_s"))
        novice = self.athlete.experience == "novice"
        top: float | None = None
        if novice:
            top = float(self.rules.param("E-NOVICE", "max_pct_1rm"))
        tpl = self.t.heavy[self._next("heavy") % len(self.t.heavy)]
        wave_reps_add, wave_rpe_add = 0, 0.0
        if req.novice_intro:
            main_sets, reps, rpe = 3, int(self.rules.param("E-NOVICE", "reps")), 0.0
        elif maintenance:
            m = self.rules["E-IN-SEASON"].params
            # a long maintenance stretch waves its reps and effort every few weeks (E-MAINTENANCE-WAVE)
            week = (req.date - req.phase_start).days // 7 if req.phase_start else req.block_week
            wave_reps_add, wave_rpe_add = maintenance_step(m, req.phase, week)
            main_sets = int(m["sets"])
            reps = max(int(m["reps"]) + wave_reps_add, self._rep_floor())
            rpe = float(m["rpe"]) + wave_rpe_add
        else:
            main_sets, reps = int(h["sets"]), max(int(h["reps"]), self._rep_floor())
            wave = self.rules["E-HEAVY-WAVE"].params
            week = (req.date - req.phase_start).days // 7 if req.phase_start else req.block_week
            if req.phase == "offseason_strength":  # rebuild muscle first, then strength (E-OFFSEASON-REPS)
                reps = offseason_reps(
                    self.rules["E-OFFSEASON-REPS"].params, week, self._rep_floor(), int(wave["hold_weeks"])
                )
            elif req.phase == "build":  # the build's own steps down to the lifter's floor (E-HEAVY-WAVE)
                reps = wave_reps(wave["build_reps_from_week"], week, self._rep_floor(), int(wave["hold_weeks"]))
            rpe = self._heavy_block_rpe(req)
        drop = float(h["deload_rpe_drop"])  # what a lighter week takes off the effort (E-DELOAD)
        if req.deload and not maintenance:
            main_sets -= 1
        if req.phase == "taper":
            main_sets = min(main_sets, int(self.rules.param("E-TAPER", "max_sets")))
        lighter_after_long = req.after_long_lighter and main_sets > 2
        if lighter_after_long:  # a set lighter after yesterday's long run (E-AFTER-LONG)
            main_sets -= 1
        back = req.comeback
        if back is not None:  # lifting comes back in steps after a break (E-RETURN-STEPS)
            main_sets = min(main_sets, back.max_sets)
            rpe = min(rpe, back.rpe_for(reps)) if rpe else rpe
        acc_sets = max(1, main_sets - 1)
        used: set[str] = set()
        strength: list[Prescription] = []
        loads_before = dict(self.loads.last)  # lifts left out below do not count as the last load
        why = [
            "E-HEAVY-REST",
            "E-48H",
            "E-KEY-RUN-EVE",
            "E-QUALITY-SAME-DAY",
            "E-RACE-BUFFER",
            "E-PROGRESSION",
            "S3-CORE-BALANCE-WEEKLY",
            "S3-CORE-ORDER",
            "S4-FLEXIBILITY",
        ]
        why.insert(0, "E-IN-SEASON" if maintenance else "E-HEAVY")
        if maintenance and req.phase == "base":
            why.insert(0, "E-HEAVY-KEEP")
        if req.phase == "offseason_strength":
            why.insert(0, "S2-OFFSEASON-HEAVY")
        if req.phase == "taper":
            why.append("E-TAPER")
        if lighter_after_long:
            why.append("E-AFTER-LONG")
        if novice:
            why.extend(("E-NOVICE", "E-NOVICE-PCT"))
        why_ramp = False
        stations = [(tpl.main, main_sets, reps, rest_heavy, 1.0)]
        if not maintenance or main_sets >= 2:
            stations.append((tpl.second, acc_sets, reps + 1, rest_heavy, 0.95))
        stations.append((tpl.calf, acc_sets, 8 + (wave_reps_add if maintenance else 0), 90, 0.0))
        if not maintenance:
            stations.append((tpl.upper, acc_sets, reps + 1, int(self.rules.param("E-HEAVY-REST", "min_rest_s")), 0.0))
        # a new stretch's lifts start with a new week: a turn that changed mid-week (a phase or rep step
        # starting on a Friday) gave Heavy B the new turn's main lift that Heavy A held days before
        turn = self._week_turn.setdefault(req.date - dt.timedelta(days=req.date.weekday()), self._heavy_turn(req))
        week_picks = self._week_picks(turn)
        picks = week_picks[tpl.id]
        pick_of = dict(zip((tpl.main, tpl.second, tpl.calf, tpl.upper), picks, strict=True))
        more_sets = int(self.rules.param("E-VOLUME-STEP", "max_added_sets"))
        # while a novice's main lift is still at its learning dose, the whole session is (E-NOVICE-PCT): no
        # heavy accessory beside a main lift of 2 x 10 at RPE 7
        main_ex = pick_of[tpl.main]
        learning = not req.novice_intro and main_ex is not None and self.learning_lift(main_ex, req.date)
        for st, sets, r, rest, pct_factor in stations:
            ex = pick_of[st]
            if ex is None:
                continue
            if any(p.id in self._kin.get(ex.id, frozenset()) for p in strength):
                continue  # no other lift for the station: leave it out rather than repeat a movement (E-ONE-VARIANT)
            if ex.id in self._last_sets:  # volume grows one set at a time (E-VOLUME-STEP)
                sets = min(sets, self._last_sets[ex.id] + more_sets)
            used.add(ex.id)
            note, ramp = "", 0
            if req.novice_intro or learning or self.learning_lift(ex, req.date):
                first_rpe = float(self.rules.param("E-NOVICE", "rpe"))
                if req.deload:  # a learning week's lighter week is lighter too (E-DELOAD, E-DELOAD-LIGHTER)
                    first_rpe = self._lighter(ex.id, first_rpe - float(h["deload_rpe_drop"]), True)
                r_now, rest_now = int(self.rules.param("E-NOVICE", "reps")), 90  # one number to learn with
                if ex.id in self.rx.hard_bodyweight:  # Nordics, one-leg squats: a few good reps to learn them
                    sets = min(sets, int(self.rules.param("E-HEAVY-LOAD", "novice_first_sets")))
                    r_now = self.rx.hard_bodyweight_reps
                    note = f"Learning it: {r_now - 2}-{r_now} slow, controlled reps."
                if back is not None:  # every lift of a week back, the upper body's too (E-RETURN-STEPS)
                    first_rpe = min(first_rpe, back.rpe_for(r_now))
                inten = Intensity(rpe=self._cap(first_rpe))
                if back is not None and back.intro and "barbell" in ex.equipment:  # a bar's first sets (E-FIRST-LIFT)
                    ramp = 1
                    note = f"{note} Warm-up set first: the empty bar or a light load, a few easy reps.".strip()
            else:
                # the accessories' effort is lighter in a lighter week too (E-DELOAD-LIGHTER)
                acc_rpe = float(h["rpe"]) - (float(h["deload_rpe_drop"]) if req.deload else 0.0)
                acc_rpe += wave_rpe_add if maintenance else 0.0
                asked = rpe if pct_factor > 0 else acc_rpe
                capped = self._heavy_cap(asked, ex)
                if req.deload and not maintenance:  # the drop under the injury's cap, not into it (E-HEAVY-WAVE)
                    capped = deload_under_cap(capped, self._heavy_cap(asked + drop, ex), drop)
                want = self._lighter(ex.id, capped, req.deload)
                if ex.grip_limited:  # held by the arms: more reps, not a heavier bell (E-HEAVY-GRIP)
                    r = max(r, int(self.rules.param("E-HEAVY-GRIP", "min_reps")))
                if back is not None:  # every lift of a week back, the upper body's too (E-RETURN-STEPS)
                    want = min(want, back.rpe_for(r))
                dose = self.rx.heavy(ex, r, want, top)
                if back is not None and back.rpe_for(dose.reps) < want:  # fewer reps than asked (pull-ups)
                    dose = self.rx.heavy(ex, r, back.rpe_for(dose.reps), top)
                inten, r_now, note, ramp = dose.intensity, dose.reps, dose.note, dose.warmup_sets
                # the first %1RM lift's ramp has warmed the body: one lighter set will do after it
                if any(x.intensity.pct_1rm is not None for x in strength):
                    ramp = min(ramp, 1)
                if ramp:
                    note = f"{note} {self.rx.ramp_note(ramp, ex)}".strip()
                if inten.pct_1rm is not None:
                    clamped = self.loads.clamp(ex.id, inten.pct_1rm, req.deload)
                    if clamped != inten.pct_1rm:
                        inten = self.rx.fit_pct(r_now, clamped)
                # a hard bodyweight move's few good reps are heavy sets whatever the block's reps (E-HEAVY-REST)
                heavy_set = r_now <= r or ex.id in self.rx.hard_bodyweight
                rest_now = rest if heavy_set else int(self.rules.param("E-HEAVY-REST", "accessory_min_rest_s"))
            strength.append(self._rx(ex, "strength", 0, sets, r_now, None, rest_now, inten, note, ramp))
            if ramp:
                why_ramp = True
        self._avoid = set(used)
        week_ids = self._heavy_week_ids.setdefault(req.date - dt.timedelta(days=req.date.weekday()), {})
        mine = {p.id for p in strength}
        week_ids[tpl.id] = mine
        others = {i for t, ids in week_ids.items() if t != tpl.id for i in ids}
        own_loading = {e.id for e in self.pool.additions}  # an injury's own loading is not a station
        shared = [
            self.library.get(i).name
            for i in sorted(mine & others)
            if i in self.library and not self.library.get(i).heavy_twice_weekly and i not in own_loading
        ]
        if shared:
            self.warnings.append(
                Warning(
                    "HEAVY_LIFT_SHARED",
                    f"{req.date:%a %d %b}: your equipment leaves no other lift for {', '.join(shared)}, "
                    "so it is in both heavy sessions of the week.",
                    req.date,
                    "E-HEAVY-ONCE-WEEKLY",
                )
            )
        power: list[Prescription] = []
        first_week_back = back is not None and back.step == 0
        plyo = self.rules["E-PLYO"].params
        if (
            req.phase in plyo["plan_phases"]
            and not req.novice_intro
            and not first_week_back
            and not self.pool.no_plyometrics
        ):
            # first jumps low and few, then one intensity level every two weeks at most (E-PLYO-INTRO); the base's
            # jumps stay low, its weeks the build's groundwork (E-PLYO)
            cap, intro = self._plyo.cap(req.date), self._plyo.is_intro(req.date)
            if req.phase in plyo["low_phases"]:
                cap = min(cap, int(plyo["low_max_level"]))
            # an A race's last six weeks: no level above the one reached before them (E-PLYO-LATE)
            top = level_ceiling(req.date, self._races, self.rules["E-PLYO-LATE"].params, self._plyo.history)
            cap = cap if top is None else min(cap, top)
            plyos = [e for e in self.pool.with_role("power") if e.plyo_level <= cap]
            if req.date in self._plyo_late:  # an A/B race's last weeks: only drills already done (E-PLYO-LATE)
                plyos = [e for e in plyos if e.id in self._plyo_done]
            held = self._plyo.held(req.date, (e.id for e in plyos))
            if plyos and held:  # the drills of the last two weeks, kept so the runner learns them (E-PLYO-INTRO)
                picked = [self.library.get(i) for i in held]
            elif plyos:  # two drills each session: one of the hardest level reached, one round the rest
                n0 = self._next("power")
                # the lead is a jump (foot contacts, E-PLYO) when there is one; a throw or swing may be second
                regions = set(plyo["contact_regions"])
                leads = [e for e in plyos if e.plyometric and e.region in regions] or plyos
                hardest = [e for e in leads if e.plyo_level == max(x.plyo_level for x in leads)]
                # a two-footed jump leads its level: the landings that open the next (E-PLYO-INTRO)
                hardest = [e for e in hardest if self._plyo.limits.is_base(e)] or hardest
                # each level's drills take the lead in turn (one turn for all levels left some out)
                lead = hardest[self._next(f"power_lead:{hardest[0].plyo_level}") % len(hardest)]
                second_pool = [e for e in plyos if e is not lead]
                # the second: the drill used least so far, the harder first (a fixed turn left some out)
                k = len(second_pool)
                second = sorted(
                    range(k),
                    key=lambda i: (
                        self._rot.get(f"drill:{second_pool[i].id}", 0),
                        -second_pool[i].plyo_level,
                        (i - n0) % k,
                    ),
                )[:1]
                picked = [lead, *(second_pool[i] for i in second)]
                self._plyo.hold(req.date, (e.id for e in picked))
            if plyos:
                for ex in picked:
                    # each drill's contacts grow with its weeks: 2 sets at first, then 3, then 4 (E-PLYO-INTRO)
                    grown = min(int(plyo["max_sets"]), self._plyo.max_sets(req.date, ex.id))
                    plyo_sets = min(2, grown) if maintenance or intro else grown
                    self._rot[f"drill:{ex.id}"] = self._rot.get(f"drill:{ex.id}", 0) + 1
                    # fewer contacts a set the harder the drill (E-PLYO): its level's reps, per leg on one leg
                    contacts = int(plyo["one_leg_reps" if ex.unilateral else "reps"][max(0, ex.plyo_level - 1)])
                    power.append(
                        self._rx(
                            ex,
                            "power",
                            0,
                            plyo_sets,
                            contacts,
                            None,
                            90,
                            Intensity(),
                            plyo_note(ex),
                        )
                    )
                why.extend(("E-PLYO", "E-PLYO-INTRO"))
        mob = self._mobility(0, 2)
        core, bal = self._core(0, 1), self._balance(req.balance_level, 0, 1)
        # a week back after a break holds an injury's own loading to the return's effort too (E-RETURN-STEPS)
        adds = self._additions(
            0, 12, used, back.max_rpe if back is not None else None, back.max_sets if back is not None else None
        )
        breath = self._breathing()
        warm = self._warmup(2, 0, [*strength, *power, *core, *bal, *adds, *mob])
        variants = [strength[:k] for k in range(len(strength), 0, -1)]
        if any(p.sets > 2 for p in strength[1:]):  # short of time: accessory lifts a set lighter before one goes
            lighter = [strength[0]] + [
                _varied(p, max(2, p.sets - 1), p.reps, p.duration_s, p.rest_s, p.intensity) for p in strength[1:]
            ]
            variants.insert(1, lighter)
        if strength and strength[0].sets > 2:
            s0 = strength[0]
            variants.append([_varied(s0, 2, s0.reps, s0.duration_s, s0.rest_s, s0.intensity)])
        flat: list[Prescription] | None = None
        chosen: list[Prescription] = []
        # a shorter core, balance and mobility block before a lift is left out
        mob_first, mob_rest = mob[:1], mob[1:]
        # an injury's own loading is shortened last (rule I-REHAB-LAST): after every heavy lift but the first
        # the jumps stay before an accessory lift goes (they are the build's economy work, E-PLYO): all of
        # them, then the lead drill alone, and only with the main lift alone are they left out
        jumps = [power]
        if power:  # the lead drill alone, then at two sets: a short block still keeps the weeks of jumping
            p0 = power[0]
            jumps += [power[:1], [_varied(p0, min(2, p0.sets), p0.reps, p0.duration_s, 60, p0.intensity)]]
        Try = tuple[list[Prescription], list[Prescription], tuple[int, ...], tuple[int, ...], list[Prescription]]
        tries: list[Try] = [(v, pw, compact, (), adds) for v in variants for pw in jumps for compact in ((), (4, 5, 7))]
        tries += [(variants[-1], [], compact, (), adds) for compact in ((), (4, 5, 7))] if variants and power else []
        # an injury's loading at a heavy dose (a history hamstring's Nordics) is a lift: it goes before the
        # other injury's holds are shortened, which wait until one heavy lift is left (I-REHAB-LAST)
        rehab_reps = int(self.rules.param("I-REHAB-LAST", "min_reps"))
        rehab = {i for st in self._rehab_now for i in st.ids}  # a micro-block at its dose is no lift
        light = [p for p in adds if p.block != "strength" or p.reps is None or p.reps >= rehab_reps or p.id in rehab]
        if variants and light != adds:
            tries += [(variants[-1], pw, (4, 5, 7), (), light) for pw in [jumps[-1], []]]
        tries += [(variants[-1], pw, (4, 5, 7), (6,), light) for pw in [jumps[-1], []]] if variants else []
        for variant, pw, compact, last, adds_in in tries:
            parts = [breath, warm, pw, variant, core, bal, adds_in, mob_first, mob_rest]
            # breathing, the general warm-up (E-GENERAL-WARMUP) and an injury's own loading stay
            flat = self._fit(parts, optional=[8], compactable=compact, last=last)
            if flat is not None:
                chosen = variant
                break
        notes: list[str] = [f"{tpl.name}: full rest between heavy sets; the RPE says how many reps to keep in reserve."]
        if flat is not None and not any(p.block == "power" for p in flat):  # no room for the jumps after all
            why = [w for w in why if w not in ("E-PLYO", "E-PLYO-INTRO")]
        if why_ramp:
            why.append("E-WARMUP-SETS")
        why.extend(("E-RPE-TABLE", "E-HEAVY-LOAD"))
        kept_ids = {p.id for p in chosen} if flat is not None else set()
        if flat is not None:
            self._last_sets.update((p.id, p.sets) for p in chosen)
        for p in strength:
            if p.id not in kept_ids:
                if p.id in loads_before:
                    self.loads.last[p.id] = loads_before[p.id]
                else:
                    self.loads.last.pop(p.id, None)
        if flat is None or not chosen:
            self.warnings.append(
                Warning(
                    "SESSION_LIGHTENED",
                    f"{req.date:%a %d %b}: {self.athlete.minutes_per_session} minutes leave no room for heavy lifting "
                    f"next to the core, balance and mobility every week needs; core and balance instead.",
                    req.date,
                    "E-FREQUENCY",
                )
            )
            return self._core_balance(req, replaced="heavy strength session")
        if chosen != strength:
            self.warnings.append(
                Warning(
                    "SESSION_LIGHTENED",
                    f"{req.date:%a %d %b}: {self.athlete.minutes_per_session} minutes are too few for the full heavy "
                    f"session; kept {', '.join(p.name for p in chosen)} with core, balance and mobility.",
                    req.date,
                    "E-FREQUENCY",
                )
            )
        if req.phase == "offseason_strength":
            notes.append("Off-season: eat a little more (enough protein, a small surplus) to rebuild muscle.")
            why.append("S2-EAT-MORE")
        if req.deload:
            notes.append(f"Lighter week: one set fewer and {float(h['deload_rpe_drop']):g} RPE easier.")
            why.append("E-DELOAD")
        if back is not None:  # the planner's sentence says what and why (comeback_note, intro_note)
            why.append("E-FIRST-LIFT" if back.intro else "E-RETURN-STEPS")
        if req.novice_intro and not maintenance:
            notes.append("Learning weeks: moderate loads (RPE 7), perfect the movement before adding weight.")
        elif learning and main_ex is not None and any(p.id == main_ex.id for p in chosen):
            lim, learn_rpe = self.rules["E-NOVICE-PCT"].params, float(self.rules.param("E-NOVICE", "rpe"))
            notes.append(
                f"Learning the {main_ex.name.lower()}: moderate loads (RPE {learn_rpe:g}) "
                f"until you have done it {int(lim['min_exposures'])} times over {int(lim['min_weeks'])} weeks of "
                "lifting; then the load goes up."
            )
        fmt: SessionFormat = "maintenance" if maintenance else "straight_sets"
        # nothing built yet is no maintenance: the plan's first lifts are an introduction (E-FIRST-LIFT)
        prefix = "Introduction: " if back is not None and back.intro else ""
        prefix = prefix or ("Maintenance: " if maintenance and req.maintains else "")
        title = prefix + self._heavy_title(tpl.id, tpl.name, chosen)
        if not any(is_heavy_set(p) for p in chosen):  # learning, capped or return weeks: no heavy sets to rest for
            head = title.removeprefix(prefix).split(":")[0]
            notes[0] = f"{head}: rest as written between sets; the RPE says how many reps to keep in reserve."
        return self._finish(req, fmt, title, flat, why, notes, tpl.id)

    def _week_picks(self, turn: int) -> dict[str, list[Exercise | None]]:
        """Every heavy template's lifts for this stretch, no lift in two of them (rule E-HEAVY-ONCE-WEEKLY,
        unless its data allows it): the other templates' main lifts stay theirs, and each template takes
        what the earlier ones left; a station with nothing else keeps the shared lift. Worked out once
        per turn: it reads only the template picks, which are fixed once made (cleared together)."""
        got = self._weeks.get(turn)
        if got is None:
            got = self._weeks[turn] = self._week_picks_now(turn)
        return got

    def _week_picks_now(self, turn: int) -> dict[str, list[Exercise | None]]:
        alone = {
            t.id: self._template_picks(f"heavy:{t.id}:{turn}", (t.main, t.second, t.calf, t.upper), "strength", turn)
            for t in self.t.heavy
        }
        out: dict[str, list[Exercise | None]] = {}
        taken: set[str] = set()
        for t in self.t.heavy:
            mains = {ex.id for o in self.t.heavy if o.id != t.id and (ex := alone[o.id][0]) is not None}
            keep = frozenset(i for i in taken | mains if not self.library.get(i).heavy_twice_weekly)
            mine = alone[t.id]
            if keep & {ex.id for ex in mine if ex is not None}:
                mine = self._template_picks(
                    f"heavy-week:{t.id}:{turn}", (t.main, t.second, t.calf, t.upper), "strength", turn, keep
                )
            out[t.id] = mine
            taken |= {ex.id for ex in out[t.id] if ex is not None}
        return out

    def _heavy_turn(self, req: SessionRequest) -> int:
        """Each development stretch (the off-season's muscle-building weeks, its strength weeks at the
        last rep step of E-OFFSEASON-REPS, a build block) takes each heavy station's next lift from its
        `prefer` list; maintenance keeps the last development stretch's lifts (nothing new before a race)."""
        if req.phase not in ("offseason_strength", "build"):
            return max(self._heavy_blocks.values(), default=0)
        stage = 0
        if req.phase == "offseason_strength":
            week = (req.date - req.phase_start).days // 7 if req.phase_start else req.block_week
            stage = int(week >= int(self.rules.param("E-OFFSEASON-REPS", "turn_week")))
        return self._heavy_blocks.setdefault((self._block, stage), len(self._heavy_blocks))

    def _rep_floor(self) -> int:
        """The fewest reps a loaded set of this lifter may have (E-HEAVY-WAVE, E-HEAVY-FLOOR)."""
        return int(self.rules.param("E-HEAVY-WAVE", "min_reps").get(self.athlete.experience, 0))

    def _heavy_block_rpe(self, req: SessionRequest) -> float:
        """The heavy block's effort this week (E-HEAVY: a half point every few weeks, lighter in a deload)."""
        h = self.rules["E-HEAVY"].params
        return self.rx.heavy_rpe(
            req.block_week,
            float(h["rpe_start"]),
            float(h["rpe_max"]),
            float(h["rpe_step"]),
            int(h["weeks_per_step"]),
            float(h["deload_rpe_drop"]) if req.deload else 0.0,
        )

    def _retitled(self, s: Session) -> Session:
        """A heavy session's title after a lift left it: the movements it still holds (E-SESSION-TITLE)."""
        if s.format not in ("straight_sets", "maintenance") or not s.title or s.variation is None:
            return s
        maint = "Maintenance: "
        bare = s.title.removeprefix(maint)
        lifts = [p for p in s.exercises if p.block == "strength"]
        title = s.title[: len(s.title) - len(bare)] + self._heavy_title(s.variation, bare, lifts)
        if title == s.title:
            return s
        notes = list(s.notes)
        heavy_word = str(self.rules.param("E-SESSION-TITLE", "heavy_word"))
        if notes and notes[0].startswith(heavy_word) and not any(is_heavy_set(p) for p in lifts):
            # the lift that left was its only heavy set (a Nordic): no heavy sets left to rest for
            head = title.removeprefix(maint).removeprefix("Introduction: ").split(":")[0]
            notes[0] = f"{head}: rest as written between sets; the RPE says how many reps to keep in reserve."
        return dataclasses.replace(s, title=title, notes=tuple(notes))

    def _heavy_title(self, tid: str, name: str, lifts: Sequence[Prescription]) -> str:
        """The template's name when the session holds the movements it names, else the movements it does
        hold (rule E-SESSION-TITLE: "squat pattern" with no squat misleads)."""
        held = [self.library.get(p.id).pattern for p in lifts if p.id in self.library]
        words = self.rules.param("E-SESSION-TITLE", "words")
        named = self._title_pats.get(name)
        if named is None:  # pure in the name (the library and the rule's words are the builder's)
            named = self._title_pats[name] = title_patterns(name, self.library.patterns(), words)
        if all(pat in held for pat in named):
            title = name
        else:
            lower = [p for p, lift in zip(held, lifts, strict=True) if lift.region != "upper"] or held
            title = f"Heavy {tid}: " + pattern_title(lower[:2], words)
        word = str(self.rules.param("E-SESSION-TITLE", "heavy_word"))
        if title.startswith(word) and not any(is_heavy_set(p) for p in lifts):  # learning, capped or return weeks
            title = str(self.rules.param("E-SESSION-TITLE", "not_heavy_word")) + title[len(word) :]
        return title

    def _core_balance(self, req: SessionRequest, replaced: str | None = None) -> Session:
        light = req.phase in ("race_week", "recovery", "taper")
        sets = 1 if light else 2
        mob = self._mobility(0, 3)
        parts = [
            self._breathing(),
            self._warmup(1, 0),
            self._core(0, sets),
            self._balance(req.balance_level, 0, 1 if light else 2),
            self._whole_body() if not light else [],
            mob[:1],
            mob[1:],
            self._additions(0, 12, set()),  # an injury's own loading, even in light weeks (I-PROGRESSION)
        ]
        flat = self._fit(parts, optional=[1, 6, 4, 0], compactable=(2, 3, 5), last=(7,))
        if flat is None:  # a rehab micro-block is never shortened (I-REHAB-DOSE): left out instead
            rehab = {i for st in self._rehab_now for i in st.ids}
            flat = [self._compact(p) for i in (2, 3, 5, 7) for p in parts[i] if p.id not in rehab]
        why = [
            "S3-CORE-BALANCE-WEEKLY",
            "S3-CORE-ORDER",
            "S3-BRACE",
            "S4-CORE-PLANES",
            "S4-STABILITY-PROGRESSION",
            "S4-BREATHING",
            "S4-FLEXIBILITY",
        ]
        if light:
            why.append("E-TAPER" if req.phase != "recovery" else "E-RECOVERY")
        notes = ["Pull the belly button toward the spine through every exercise; breathe out on effort."]
        if replaced:
            notes.append(f"Replaces a {replaced} that did not fit (see warnings).")
        return self._finish(req, "core_balance", "Core and balance", flat, why, notes)

    def _mobility_session(self, req: SessionRequest) -> Session:
        # a tendon's rehab micro-block comes on these days too, at its dose (I-REHAB-DOSE)
        parts = [
            self._breathing(),
            self._mobility(0, 5, 45),
            self._balance(req.balance_level, 0, 1),
            self._rehab_block(0),
        ]
        flat = self._fit(parts, optional=[2, 0], compactable=(1,), last=(3,)) or [
            self._compact(p) for p in parts[1][:3]
        ]
        why = ["S4-FLEXIBILITY", "S3-CORE-BALANCE-WEEKLY", "E-RECOVERY", "S6-REST-DAYS"]
        return self._finish(
            req,
            "mobility",
            "Mobility and easy balance",
            flat,
            why,
            ["Easy: nothing should hurt. Breathe slowly into each stretch."],
        )

    def snack(self, level: int) -> Exercise | None:
        return self._balance_exercise(level, home=True)


def week_planes(sessions: Sequence[Session]) -> set[str]:
    return {pl for s in sessions for p in s.exercises if p.block == "core" for pl in p.planes}


ALL_PLANES = frozenset(PLANES)
