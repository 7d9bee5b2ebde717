"""Heavy upper-body strength for a strength day that cannot take heavy legs (rule S2-HEAVY-HONEST): the
day before a key run, a heavy block still gets heavy pulls and presses with core, balance and mobility,
nothing that tires the legs. Built with the session builder's parts; kept here so the builder stays
readable."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from stridelift.domain.exercises import Exercise
from stridelift.domain.plan import Prescription, Session
from stridelift.domain.progression import is_heavy_set, pattern_title

if TYPE_CHECKING:  # pragma: no cover
    from stridelift.domain.sessions import SessionBuilder, SessionRequest

# a pull (rows, and vertical pulls: their own pattern in circuits, E-CIRCUIT-SPREAD) and a push
UPPER_PATTERNS = {"pull": ("pull", "vertical_pull"), "push": ("push",)}
UPPER_PHASES = frozenset({"offseason_strength", "build", "peak", "in_season"})


def upper_lifts(b: SessionBuilder, turn: int) -> list[Exercise]:
    """A pull and a push (two of each when the runner has them), loaded lifts first, turning each session."""
    out: list[Exercise] = []
    for group in UPPER_PATTERNS.values():
        in_reach = [e for e in b.pool.with_role("strength") if e.region == "upper" and e.pattern in group]
        cands = [e for e in in_reach if b.rx.loaded(e) or e.id in b.rx.hard_bodyweight]
        cands.sort(key=lambda e: (not b.rx.testable(e), not b.rx.loaded(e), e.id))
        if b.athlete.experience == "novice":  # a novice starts hard bodyweight lifts one step down
            cands = list(dict.fromkeys(b._novice_easier(e, set(), frozenset()) for e in cands))
        if cands:
            one = cands[turn % len(cands)]
            out.append(one)
            # the second of the pattern with other equipment (a row with a pull-up, not a chin-up)
            # and never a variant of the first (a barbell and a dumbbell row: rule E-ONE-VARIANT)
            kin = b._kin.get(one.id, frozenset({one.id}))
            # ... and a row with a vertical pull where there is one (E-UPPER-PULLS), on any equipment
            other = [
                e
                for e in cands[turn % len(cands) + 1 :] + cands
                if (e.equipment != one.equipment or e.pattern != one.pattern) and e.id not in kin
            ]
            other.sort(key=lambda e: e.pattern == one.pattern)
            # no second row when the runner's vertical pull is one the heavy dose cannot load (a band
            # pulldown): one row, not two rows and the vertical pull left out (E-UPPER-PULLS)
            unloadable = {e.pattern for e in in_reach} - {e.pattern for e in cands}
            if other and not (other[0].pattern == one.pattern and unloadable):
                out.append(other[0])
    # pull, push, pull, push: alternate so each muscle group rests while the other works
    pulls = [e for e in out if e.pattern in UPPER_PATTERNS["pull"]]
    pushes = [e for e in out if e.pattern in UPPER_PATTERNS["push"]]
    order: list[Exercise] = []
    for i in range(max(len(pulls), len(pushes))):
        order += pulls[i : i + 1] + pushes[i : i + 1]
    return order


def build_upper(b: SessionBuilder, req: SessionRequest) -> Session | None:
    lifts = upper_lifts(b, b._next("upper"))
    if not lifts:
        return None
    h = b.rules["E-HEAVY"].params
    rest = int(b.rules.param("E-HEAVY-REST", "rest_s"))
    more_sets = int(b.rules.param("E-VOLUME-STEP", "max_added_sets"))
    rpe = b._heavy_block_rpe(req)
    sets = int(h["sets"]) - (1 if req.deload else 0)
    reps = int(h["reps"]) + 1
    if req.novice_intro:  # the learning weeks' moderate dose, as on the heavy days (E-NOVICE)
        sets, reps = min(sets, 3), int(b.rules.param("E-NOVICE", "reps"))
        rpe = float(b.rules.param("E-NOVICE", "rpe"))
    strength: list[Prescription] = []
    full_ramp = False
    loads_before = dict(b.loads.last)  # lifts left out below do not count as the last load
    for i, ex in enumerate(lifts):
        n = sets if i < 2 else sets - 1
        if ex.id in b._last_sets:
            n = min(n, b._last_sets[ex.id] + more_sets)
        r_ex, rpe_ex = reps, rpe
        if not req.novice_intro and b.learning_lift(ex, req.date):  # its learning dose first (E-NOVICE-PCT)
            r_ex, rpe_ex = int(b.rules.param("E-NOVICE", "reps")), float(b.rules.param("E-NOVICE", "rpe"))
        dose = b.rx.heavy(ex, r_ex, b._lighter(ex.id, b._heavy_cap(rpe_ex, ex), req.deload))
        inten, note = dose.intensity, dose.note
        if inten.pct_1rm is not None:
            clamped = b.loads.clamp(ex.id, inten.pct_1rm, req.deload)
            if clamped != inten.pct_1rm:
                inten = b.rx.fit_pct(dose.reps, clamped)
        # the first barbell lift gets the full ramp-up (E-WARMUP-SETS), the others one lighter set
        ramp = dose.warmup_sets if inten.pct_1rm is not None and not full_ramp else min(dose.warmup_sets, 1)
        full_ramp = full_ramp or inten.pct_1rm is not None
        ramp = max(ramp, 1)  # a few easy reps first, for every heavy lift
        if ramp:
            note = f"{note} {b.rx.ramp_note(ramp, ex)}".strip()
        strength.append(b._rx(ex, "strength", 0, n, dose.reps, None, rest, inten, note, ramp))
    b._avoid = {e.id for e in lifts}
    mob = b._mobility(0, 2)
    core, bal = b._core(0, 1), b._balance(req.balance_level, 0, 1)
    warm = b._warmup(2, 0, [*strength, *core, *bal, *mob])
    flat = None
    # fewer lifts first, but a pull and a push stay together at fewer sets before either leaves: a session
    # of one lift is thin (E-UPPER-CONTENT); one lift at two sets is the last resort of a short session
    least = int(b.rules.param("E-UPPER-CONTENT", "min_lifts"))
    least_sets = int(b.rules.param("E-UPPER-CONTENT", "min_sets"))
    tries = [strength[:k] for k in range(len(strength), least - 1, -1)]
    pair = strength[:least]
    if len(pair) == least:
        for n in range(max((p.sets for p in pair), default=0) - 1, least_sets - 1, -1):
            tries.append([dataclasses.replace(p, sets=min(p.sets, n)) for p in pair])
    if len(pair) < least:  # a runner without both a pull and a push (E-UPPER-CONTENT judges only both)
        tries += [strength[:k] for k in range(least - 1, 0, -1)]
        if strength and strength[0].sets > 2:
            tries.append([dataclasses.replace(strength[0], sets=2)])
    for lifts_now in tries:
        parts = [b._breathing(), warm, lifts_now, core, bal, mob[:1], mob[1:]]
        flat = b._fit(parts, optional=[6], compactable=(3, 4, 5))  # core and balance every week
        if flat is not None:
            strength = lifts_now
            break
    kept = {p.id for p in strength} if flat is not None else set()
    for ex in lifts:
        if ex.id not in kept:
            if ex.id in loads_before:
                b.loads.last[ex.id] = loads_before[ex.id]
            else:
                b.loads.last.pop(ex.id, None)
    if flat is None:
        return None
    b._last_sets.update((p.id, p.sets) for p in strength)
    held = [b.library.get(p.id).pattern for p in strength]
    words = b.rules.param("E-SESSION-TITLE", "words")  # "row, push and pull-up/pulldown"
    title = "Upper-body strength: " + pattern_title(held, words)
    why = [
        "S2-HEAVY-HONEST",
        "E-KEY-RUN-EVE",
        "E-HEAVY-REST",
        "E-RPE-TABLE",
        "E-HEAVY-LOAD",
        "S3-CORE-BALANCE-WEEKLY",
        "S3-CORE-ORDER",
        "S4-FLEXIBILITY",
    ]
    if any(p.warmup_sets for p in strength):
        why.append("E-WARMUP-SETS")
    heavy = any(is_heavy_set(p) for p in strength)  # learning or lighter weeks: no heavy sets to speak of
    notes = [
        f"{'Heavy upper body' if heavy else 'Upper body'}, legs fresh: this day cannot take heavy leg work "
        "(see the warning for what to change); "
        + ("full rest between heavy sets" if heavy else "rest as written between sets")
        + ", the RPE says how many reps to keep in reserve."
    ]
    if req.deload:
        notes.append(f"Lighter week: one set fewer and {float(h['deload_rpe_drop']):g} RPE easier.")
        why.append("E-DELOAD")
    return b._finish(req, "straight_sets", title, flat, why, notes)
