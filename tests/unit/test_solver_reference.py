"""The week solver against a brute-force reference written from the rules, not from the code.

The reference enumerates every assignment of the demanded sessions to days (or to nothing), keeps
those that obey the hard rules as stated in data/rules.toml (E-48H, E-KEY-RUN-EVE via `legs_ok`,
E-LEG-FATIGUE, E-QUALITY-SAME-DAY, availability, weekly maximum), and scores them with the soft
preferences spelled out again here (S6-REST-DAYS weights, spreading, demand order). It shares no
function with `stridelift.domain.scheduling` beyond the data classes, so a mutant in the solver's
constraints or objective shows up as a disagreement.
"""

from __future__ import annotations

import itertools
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from stridelift.domain.scheduling import DayInfo, Placement, RunSlot, WeekProblem
from stridelift.solvers import ExactWeekSolver

QUALITY = frozenset({"long", "tempo", "interval", "hills"})
HEAVY = {"heavy", "maintenance"}
TIRING = {"heavy", "maintenance", "circuit"}
KINDS = ["heavy", "maintenance", "circuit", "core_balance", "mobility"]
HOUR = {"am": 7, "pm": 18}


def slot_for(kind: str, runs: tuple[RunSlot, ...]) -> str:
    """After the day's runs: a lone session goes pm when heavy, otherwise 'any'."""
    slots = {r.slot for r in runs}
    if not slots:
        return "pm" if kind in HEAVY else "any"
    return "pm" if "am" in slots else "am"


def ok(p: WeekProblem, placed: list[tuple[str, int]]) -> bool:
    day = {d.offset: d for d in p.days}
    if len(placed) > p.max_sessions or len({o for _, o in placed}) != len(placed):
        return False
    heavy_hours = []
    for k, o in placed:
        d = day[o]
        if k not in d.allowed_kinds:
            return False
        if k in TIRING and (not d.legs_ok or (o == 0 and p.tired_before and d.development)):
            return False
        if k in HEAVY:
            if not d.heavy_ok:
                return False
            slot = slot_for(k, d.runs)
            if any(r.type in QUALITY and (slot == "am" or r.slot == slot) for r in d.runs):
                return False
            h = o * 24 + HOUR[slot]
            if h + p.hours_since_heavy < p.min_gap_hours:
                return False
            heavy_hours.append(h)
    if any(abs(a - b) < p.min_gap_hours for a, b in itertools.combinations(heavy_hours, 2)):
        return False
    for (k1, o1), (k2, o2) in itertools.combinations(placed, 2):
        if k1 in TIRING and k2 in TIRING and abs(o1 - o2) == 1 and day[o1].development and day[o2].development:
            return False
    return True


def score(p: WeekProblem, placed: list[tuple[str, int]]) -> int:
    day = {d.offset: d for d in p.days}
    n = len(p.demands)
    total = 0
    for k, o in placed:
        first = p.demands.index(k)
        total += (1000 if first < p.required else 300) + 10 * (n - first)
        runs = {r.type for r in day[o].runs}
        if not runs:
            total += p.rest_day_weight
            continue
        if k in HEAVY:
            if runs & {"interval", "tempo", "hills"}:
                total += p.quality_pm_weight
            elif runs == {"easy"}:
                total -= p.easy_heavy_penalty
        elif runs == {"easy"}:
            total += 1
        if "long" in runs:
            total -= 2
        if len(day[o].runs) > 1:
            total -= 2
    used = {o for _, o in placed}
    total -= 3 * sum(1 for o in used if o + 1 in used)
    # E-HEAVY-KEEP's look-ahead: a heavy session on or after the wished day
    if p.heavy_late_from is not None and [o for k, o in placed if k in HEAVY and o >= p.heavy_late_from]:
        total += p.keep_weight
    if p.heavy_by is not None and [o for k, o in placed if k in HEAVY and o <= p.heavy_by]:
        total += p.keep_weight
    return total


def brute_force(p: WeekProblem) -> int:
    choices = [None, *(d.offset for d in p.days)]
    best = 0
    for assign in itertools.product(choices, repeat=len(p.demands)):
        placed = [(k, o) for k, o in zip(p.demands, assign, strict=True) if o is not None]
        if ok(p, placed):
            best = max(best, score(p, placed))
    return best


def as_pairs(placements: tuple[Placement, ...]) -> list[tuple[str, int]]:
    return [(pl.kind, pl.offset) for pl in placements]


@st.composite
def weeks(draw: st.DrawFn) -> WeekProblem:
    days = []
    for off in sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))):
        runs = tuple(
            RunSlot(draw(st.sampled_from(["easy", "long", "tempo", "interval", "hills"])), slot, 40)
            for slot in sorted(draw(st.sets(st.sampled_from(["am", "pm"]), max_size=2)))
        )
        allowed = frozenset(draw(st.sets(st.sampled_from(KINDS), max_size=5)))
        days.append(DayInfo(off, allowed, runs, draw(st.booleans()), "", draw(st.booleans()), draw(st.booleans())))
    demands = tuple(draw(st.lists(st.sampled_from(KINDS[:4]), min_size=1, max_size=4)))
    return WeekProblem(
        days=tuple(days),
        demands=demands,
        required=draw(st.integers(0, len(demands))),
        max_sessions=draw(st.integers(1, 5)),
        hours_since_heavy=draw(st.sampled_from([0, 10, 30, 48])),
        tired_before=draw(st.booleans()),
        heavy_late_from=draw(st.sampled_from([None, 1, 3, 5, 6])),
        heavy_by=draw(st.sampled_from([None, 0, 2, 4])),
    )


@settings(max_examples=int(os.environ.get("STRIDELIFT_REFERENCE_EXAMPLES", "250")), deadline=None)
@given(weeks())
def test_exact_solver_reaches_the_brute_force_optimum(p: WeekProblem) -> None:
    sol = ExactWeekSolver(QUALITY, cache_size=0).solve(p)
    placed = as_pairs(sol.placements)
    assert ok(p, placed), sol
    for pl in sol.placements:
        assert pl.slot == slot_for(pl.kind, {d.offset: d for d in p.days}[pl.offset].runs)
    assert score(p, placed) == brute_force(p)


def test_two_circuits_never_on_neighbouring_development_days() -> None:
    days = tuple(DayInfo(o, frozenset({"circuit"}), (), True, "") for o in (0, 1))
    p = WeekProblem(days=days, demands=("circuit", "circuit"), required=2, max_sessions=3, hours_since_heavy=48)
    assert len(ExactWeekSolver(QUALITY, cache_size=0).solve(p).placements) == 1
    # outside development phases (a taper, say) the neighbouring days are allowed
    calm = tuple(DayInfo(o, frozenset({"circuit"}), (), True, "", True, False) for o in (0, 1))
    p2 = WeekProblem(days=calm, demands=("circuit", "circuit"), required=2, max_sessions=3, hours_since_heavy=48)
    assert len(ExactWeekSolver(QUALITY, cache_size=0).solve(p2).placements) == 2


def test_no_circuit_on_the_eve_of_a_key_run_and_none_after_a_tiring_sunday() -> None:
    eve = DayInfo(2, frozenset({"circuit"}), (), True, "", legs_ok=False)
    monday = DayInfo(0, frozenset({"circuit"}), (), True, "")
    p = WeekProblem(days=(monday, eve), demands=("circuit",), required=1, max_sessions=2, hours_since_heavy=48)
    assert as_pairs(ExactWeekSolver(QUALITY, cache_size=0).solve(p).placements) == [("circuit", 0)]
    tired = WeekProblem(
        days=(monday, eve), demands=("circuit",), required=1, max_sessions=2, hours_since_heavy=48, tired_before=True
    )
    assert ExactWeekSolver(QUALITY, cache_size=0).solve(tired).placements == ()
