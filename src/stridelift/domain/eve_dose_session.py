"""Adds E-EVE-LIGHT's reduced lower-body dose to a session the planner built for a key run's eve (the
week has no strength day off an eve): two heavy-capable leg lifts of different patterns, few sets of
3-5 reps at RPE 7 or less with full rest. The upper-body, core and balance work stays; mobility and
then the core's extra exercises give way when the runner's minutes are short. Kept out of sessions.py,
which is long enough."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from stridelift.domain.eve_dose import EveDose
from stridelift.domain.exercises import Exercise
from stridelift.domain.plan import Prescription, Session, Warning
from stridelift.domain.progression import pattern_title
from stridelift.domain.returning import ReturnCap

if TYPE_CHECKING:  # pragma: no cover
    from stridelift.domain.sessions import SessionBuilder

KNEE = frozenset({"squat", "lunge", "step"})  # knee-dominant; the second lift is a hip lift when there is one
UPPER_TITLE = "Upper-body strength: "
RUN_WORDS = {"long": "long run", "tempo": "tempo run", "interval": "intervals", "hills": "hill session"}


def dose_lifts(b: SessionBuilder, dose: EveDose, held: frozenset[str] = frozenset()) -> list[Exercise]:
    """Two loaded leg lifts of different patterns (a heavy-but-low-volume dose needs a load), lifts the plan
    already holds first (no new exercise where it can be helped), heavy-capable ones next; never a jump,
    an eccentric-emphasis lift or a grip-limited one."""
    cands = [
        e
        for e in b.pool.with_role("strength")
        if e.region in ("lower", "full")
        and e.leg_fatigue
        and not e.plyometric
        and not e.grip_limited
        and e.id not in dose.eccentric
        and b.rx.loaded(e)
        and not b._kin.get(e.id, frozenset({e.id})) & held  # no variant of what the session holds (E-ONE-VARIANT)
    ]
    cands.sort(key=lambda e: (e.id not in b._known, not e.heavy, e.id))
    if not cands:
        return []
    first = cands[0]
    kin = b._kin.get(first.id, frozenset({first.id}))
    rest = [e for e in cands[1:] if e.pattern != first.pattern and e.id not in kin]
    rest.sort(key=lambda e: ((e.pattern in KNEE) == (first.pattern in KNEE), e.id not in b._known, not e.heavy))
    return [first, *rest[:1]][: dose.max_lifts]


def builder_memory(b: SessionBuilder) -> tuple[dict[str, int], dict[str, float]]:
    """What the builder remembers of each lift (last sets, last %1RM), taken before the session is built:
    a lift the dose later leaves out of it must not count as done (E-VOLUME-STEP, E-PROGRESSION)."""
    return dict(b._last_sets), dict(b.loads.last)


def add_eve_dose(
    b: SessionBuilder,
    s: Session,
    dose: EveDose,
    tomorrow: str,
    cap: ReturnCap | None = None,
    week: int = 0,
    memory: tuple[dict[str, int], dict[str, float]] | None = None,
) -> Session | None:
    """`s` with the reduced leg dose added, or None when no lift fits the runner's kit or minutes. A cap
    (the plan's first lifts, a week back after a break) holds every lift of the session, the upper body's too."""
    lifts = dose_lifts(b, dose, frozenset(p.id for p in s.exercises))
    if not lifts:
        return None
    # 4 reps for three weeks, then 5 for three, and again: never one dose for months (E-HEAVY-WAVE)
    reps = dose.max_reps - 1 if (week // 3) % 2 == 0 else dose.max_reps
    rest = max(dose.min_rest_s, int(b.rules.param("E-HEAVY-REST", "rest_s")))
    sets_top = dose.max_sets if cap is None else min(dose.max_sets, cap.max_sets)
    rpe_top = dose.max_rpe if cap is None else min(dose.max_rpe, cap.rpe_for(reps))
    if "E-DELOAD" in s.why:  # a lighter week: the dose's fewest sets, an RPE point easier (E-DELOAD-LIGHTER)
        sets_top, rpe_top = dose.min_sets, rpe_top - 1.0
    old = [_capped(b, p, cap) for p in s.exercises]
    limit = b.athlete.minutes_per_session * 60
    more = int(b.rules.param("E-VOLUME-STEP", "max_added_sets"))
    for sets in range(sets_top, dose.min_sets - 1, -1):
        rx: list[Prescription] = []
        for ex in lifts:
            new = ex.id not in b._known
            n, rpe = (min(sets, dose.new_sets), min(rpe_top, dose.new_rpe)) if new else (sets, rpe_top)
            if ex.id in b._last_sets:  # a set more than last time at most (E-VOLUME-STEP), never below the dose's
                n = max(dose.min_sets, min(n, b._last_sets[ex.id] + more))
            d = b.rx.heavy(ex, reps, b._heavy_cap(rpe, ex))  # an injury's cap on the pattern too
            ramp = max(1, d.warmup_sets)
            note = f"Short leg dose: stop well short of a grind. {d.note} {b.rx.ramp_note(ramp, ex)}".strip()
            rx.append(b._rx(ex, "strength", 0, n, d.reps, None, rest, d.intensity, note, ramp))
        fitted = _fit(b, old, rx, limit)
        if fitted is not None:
            if memory is not None:
                _forget_left_out(b, s, fitted, memory)
            return _finish(b, s, fitted, lifts, tomorrow)
    return None


def _forget_left_out(
    b: SessionBuilder, s: Session, kept: list[Prescription], memory: tuple[dict[str, int], dict[str, float]]
) -> None:
    sets, loads = memory
    held = {p.id for p in kept}
    for p in s.exercises:
        if p.block == "strength" and p.id not in held:
            for now, before in ((b._last_sets, sets), (b.loads.last, loads)):
                if p.id in before:
                    now[p.id] = before[p.id]  # type: ignore[assignment]
                else:
                    now.pop(p.id, None)


def _capped(b: SessionBuilder, p: Prescription, cap: ReturnCap | None) -> Prescription:
    """A strength lift of the session under the day's cap (E-FIRST-LIFT, E-RETURN-STEPS)."""
    if cap is None or p.block != "strength":
        return p
    top = cap.rpe_for(p.reps)
    rpe = p.intensity.rpe
    if p.sets <= cap.max_sets and rpe is not None and rpe <= top:
        return p
    new_rpe = min(rpe if rpe is not None else top, top)
    inten = b.rx.heavy(b.library.get(p.id), p.reps, new_rpe).intensity if p.reps is not None else p.intensity
    if inten.rpe is None:
        inten = dataclasses.replace(inten, rpe=new_rpe)
    return dataclasses.replace(p, sets=min(p.sets, cap.max_sets), intensity=inten)


def _fit(b: SessionBuilder, old: list[Prescription], legs: list[Prescription], limit: int) -> list[Prescription] | None:
    """The session's work with the leg lifts after its own strength work; until it fits, mobility leaves
    (one stretch stays: the week's mobility, S4-FLEXIBILITY), core, balance and that stretch are shortened
    (one set, shorter holds), never dropped (every core target keeps its exercise, S3-CORE-ORDER); then the
    session's own upper lifts give a set (to 3, still heavy work), and all but one leave."""
    cut = max((i + 1 for i, p in enumerate(old) if p.block in ("warmup", "strength")), default=0)
    out = [*old[:cut], *legs, *old[cut:]]

    def drop_mobility(keep: int) -> None:
        while b.seconds(out) > limit:
            idx = [i for i, p in enumerate(out) if p.block == "mobility"]
            if len(idx) <= keep:
                return
            out.pop(idx[-1])

    drop_mobility(1)
    for block in ("core", "balance", "mobility"):
        if b.seconds(out) > limit:
            out = [b._compact(p) if p.block == block else p for p in out]
    if b.seconds(out) > limit:  # the session's own lifts a set lighter (3 sets still count as heavy work)
        out = [
            dataclasses.replace(p, sets=3) if p.block == "strength" and p.sets > 3 and p not in legs else p for p in out
        ]
    while b.seconds(out) > limit:  # then its second upper lift makes room (one pull or press stays)
        own = [i for i, p in enumerate(out) if p.block == "strength" and p not in legs]
        if len(own) <= 1:
            break
        out.pop(own[-1])
    if b.seconds(out) > limit:
        return None
    return out


def _finish(b: SessionBuilder, s: Session, rx: list[Prescription], lifts: list[Exercise], tomorrow: str) -> Session:
    ordered = tuple(dataclasses.replace(p, order=i + 1) for i, p in enumerate(rx))
    b._known.update(p.id for p in ordered)
    b._last_sets.update((p.id, p.sets) for p in ordered if p.block == "strength")
    if "E-DELOAD" not in s.why:  # the last ordinary effort a lighter week stays under (E-DELOAD-LIGHTER)
        b._last_rpe.update((p.id, p.intensity.rpe) for p in ordered if p.block == "strength" and p.intensity.rpe)
    words = b.rules.param("E-SESSION-TITLE", "words")
    legs = pattern_title([e.pattern for e in lifts], words)
    when = f"{s.date:%A}"
    run = RUN_WORDS.get(tomorrow, tomorrow)
    said = (
        f"{when}: the only strength days this week are eves of key runs, so on the eve of tomorrow's {run} "
        f"the legs get a short, heavy-but-low-volume dose ({legs}: few sets of {ordered_reps(ordered)} reps, "
        f"{in_hand(ordered)} reps in hand, full rest) that leaves them fresh; the rest of the session as usual."
    )
    title = s.title
    upper = [b.library.get(p.id).pattern for p in ordered if p.block == "strength" and p.region == "upper"]
    if title.startswith(UPPER_TITLE) and upper:  # the pulls and presses the session still holds (E-SESSION-TITLE)
        title = UPPER_TITLE + pattern_title(upper, words)
    return dataclasses.replace(
        s,
        exercises=ordered,
        title=f"{title} + short leg dose: {legs}",
        minutes=max(1, -(-int(b.seconds(ordered)) // 60)),
        why=tuple(dict.fromkeys((*s.why, "E-EVE-LIGHT", "E-HEAVY-REST"))),
        notes=(
            *(n for n in s.notes if "cannot take heavy leg work" not in n),  # it takes the reduced dose now
            "Short leg dose on a key run's eve: few heavy reps, long rests, no grinding; legs fresh tomorrow.",
        ),
        explanation=said,
    )


def in_hand(rx: tuple[Prescription, ...]) -> str:
    """The reps kept in reserve on the leg lifts, from their RPE (10 - RPE): "3" or "3-4"."""
    left = sorted({round(10 - p.intensity.rpe) for p in _leg_lifts(rx) if p.intensity.rpe is not None})
    if not left:
        return "a few"
    return str(left[0]) if len(left) == 1 else f"{left[0]}-{left[-1]}"


def _leg_lifts(rx: tuple[Prescription, ...]) -> list[Prescription]:
    return [p for p in rx if p.block == "strength" and p.region != "upper"]


def ordered_reps(rx: tuple[Prescription, ...]) -> str:
    reps = sorted({p.reps for p in rx if p.block == "strength" and p.region != "upper" and p.reps is not None})
    return "-".join(str(r) for r in reps) or "a few"


def with_dose_note(w: Warning, monday: dt.date, day: dt.date) -> Warning:
    """The week's lightened-session warning, saying the legs still get the reduced dose on `day`."""
    if w.code != "SESSION_LIGHTENED" or w.date != monday or "short leg dose" in w.message:
        return w
    note = (
        f" {day:%A} still takes a short leg dose (a few sets of 4-5 reps, legs fresh for the next "
        "day's run); a strength day that is not the eve of a key run would take the full session."
    )
    return dataclasses.replace(w, message=w.message + note)
