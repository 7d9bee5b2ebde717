"""Week solvers behind the domain's `WeekSolver` protocol: an exact search and OR-Tools CP-SAT.

Both maximise the same objective (`stridelift.domain.scheduling.week_objective`) under the same hard
constraints, and a property test checks they reach the same optimum on thousands of random weeks.
The planner uses the exact search: a week has at most 7 days and a handful of sessions, so a
depth-first search with symmetry breaking visits a few hundred assignments, about ten times faster
than building a CP-SAT model from Python for a problem this small. CP-SAT stays as the reference.

Weeks with the same shape (days, runs, phase menu, limits, carry-over from the week before) have the
same answer, so solutions are memoised by that shape: a season has only a handful of distinct weeks,
and a process planning many athletes reuses them across athletes.
"""

from __future__ import annotations

from typing import Any

from stridelift.domain.scheduling import (
    HEAVY_KINDS,
    DayInfo,
    Placement,
    WeekProblem,
    WeekSolution,
    day_score,
    demand_weight,
    kind_allowed_on,
    session_hours,
    session_slot,
    tired_clash,
    week_objective,
)


class _Memo:
    def __init__(self, quality_types: frozenset[str], cache_size: int = 4096) -> None:
        self.quality_types = quality_types
        self._cache: dict[WeekProblem, WeekSolution] = {}
        self._cache_size = cache_size
        self.solves = 0
        self.hits = 0

    def solve(self, problem: WeekProblem) -> WeekSolution:
        hit = self._cache.get(problem)
        if hit is not None:
            self.hits += 1
            return hit
        sol = self._solve(problem)
        self.solves += 1
        if self._cache_size <= 0:
            return sol
        if len(self._cache) >= self._cache_size:
            self._cache.pop(next(iter(self._cache)))
        self._cache[problem] = sol
        return sol

    def _solve(self, p: WeekProblem) -> WeekSolution:
        raise NotImplementedError

    def _candidates(self, p: WeekProblem, kind: str) -> list[DayInfo]:
        return [d for d in p.days if kind_allowed_on(kind, d, p, self.quality_types)]


def _solution(p: WeekProblem, placements: list[Placement]) -> WeekSolution:
    placements.sort(key=lambda pl: pl.offset)
    dropped: list[str] = []
    for k in sorted(set(p.demands), key=p.demands.index):
        n = sum(1 for pl in placements if pl.kind == k)
        dropped.extend([k] * (p.demands.count(k) - n))
    return WeekSolution(tuple(placements), tuple(dropped))


class ExactWeekSolver(_Memo):
    """Depth-first search over the demanded sessions, most important first; identical sessions take
    days in increasing order (symmetry breaking). Exact: every feasible assignment is scored."""

    def _solve(self, p: WeekProblem) -> WeekSolution:
        kinds = sorted(set(p.demands), key=p.demands.index)
        instances = [k for k in kinds for _ in range(p.demands.count(k))]
        cands = {k: self._candidates(p, k) for k in kinds}
        slot_hours = {(k, d.offset): session_hours(d.offset, session_slot(k, d)) for k in kinds for d in cands[k]}
        best: list[Placement] = []
        best_score: int | None = None
        chosen: list[Placement] = []
        used_days: set[int] = set()
        heavy_hours: list[int] = []

        def rec(i: int, last_day_of_kind: dict[str, int]) -> None:
            nonlocal best, best_score
            if i == len(instances):
                score = week_objective(p, chosen)
                if best_score is None or score > best_score:
                    best_score, best = score, list(chosen)
                return
            k = instances[i]
            # leave this session unplaced, and with it the identical ones after it
            j = i + 1
            while j < len(instances) and instances[j] == k:
                j += 1
            rec(j, last_day_of_kind)
            if len(chosen) >= p.max_sessions:
                return
            lo = last_day_of_kind.get(k, -1)
            for d in cands[k]:
                if d.offset <= lo or d.offset in used_days:
                    continue
                if any(tired_clash(p, k, d.offset, c.kind, c.offset) for c in chosen):
                    continue
                if k in HEAVY_KINDS:
                    h = slot_hours[k, d.offset]
                    if h + p.hours_since_heavy < p.min_gap_hours:
                        continue
                    if any(abs(h - o) < p.min_gap_hours for o in heavy_hours):
                        continue
                    heavy_hours.append(h)
                chosen.append(Placement(k, d.offset, session_slot(k, d)))
                used_days.add(d.offset)
                rec(i + 1, {**last_day_of_kind, k: d.offset})
                used_days.discard(d.offset)
                chosen.pop()
                if k in HEAVY_KINDS:
                    heavy_hours.pop()

        rec(0, {})
        return _solution(p, best)


def _cp_model() -> Any:
    """ortools' CP-SAT module, imported lazily (CLI start-up) and made cheap to instantiate.

    CpModel.__init__ in ortools 9.x re-attaches camelCase aliases of every method on each new model
    (about 1.5 ms, a quarter of a week's solve); the aliases are only for pre-PEP 8 callers, which
    this module is not, so that step is skipped when the hook exists.
    """
    try:
        from ortools.sat.python import cp_model
    except ImportError:  # a dev/bench extra: the planner itself uses ExactWeekSolver
        raise ImportError("the CP-SAT reference solver needs ortools: pip install 'stridelift[bench]'") from None

    if hasattr(cp_model.CpModel, "_add_pre_pep8_methods"):
        setattr(cp_model.CpModel, "_add_pre_pep8_methods", _no_aliases)  # noqa: B010
    return cp_model


def _no_aliases(self: Any) -> None:
    return None


class CpSatWeekSolver(_Memo):
    """The reference solver: the same model in OR-Tools CP-SAT."""

    _cp_solver: Any = None

    def _solve(self, p: WeekProblem) -> WeekSolution:
        cp_model = _cp_model()

        kinds = sorted(set(p.demands), key=p.demands.index)
        count = {k: p.demands.count(k) for k in kinds}
        m = cp_model.CpModel()
        x: dict[tuple[str, int], Any] = {}
        for k in kinds:
            for d in p.days:
                if not kind_allowed_on(k, d, p, self.quality_types):
                    continue
                x[k, d.offset] = m.new_bool_var(f"{k}_{d.offset}")
        by_day: dict[int, list[Any]] = {}
        for (_, off), v in x.items():
            by_day.setdefault(off, []).append(v)
        for vs in by_day.values():
            m.add(sum(vs) <= 1)
        placed = {k: sum(v for (kk, _), v in x.items() if kk == k) for k in kinds}
        for k in kinds:
            m.add(placed[k] <= count[k])
        m.add(sum(x.values()) <= p.max_sessions)
        # 48 h between heavy sessions, also against last week's
        heavy = [(k, off, v) for (k, off), v in x.items() if k in HEAVY_KINDS]
        day_of = {d.offset: d for d in p.days}
        for i, (k1, o1, v1) in enumerate(heavy):
            h1 = session_hours(o1, session_slot(k1, day_of[o1]))
            if h1 + p.hours_since_heavy < p.min_gap_hours:
                m.add(v1 == 0)
            for k2, o2, v2 in heavy[i + 1 :]:
                if o2 == o1:
                    continue
                h2 = session_hours(o2, session_slot(k2, day_of[o2]))
                if abs(h2 - h1) < p.min_gap_hours:
                    m.add(v1 + v2 <= 1)
        # no two leg-fatiguing sessions on neighbouring days of a development phase
        items = list(x.items())
        for i, ((k1, o1), v1) in enumerate(items):
            for (k2, o2), v2 in items[i + 1 :]:
                if tired_clash(p, k1, o1, k2, o2):
                    m.add(v1 + v2 <= 1)
        # objective: place demanded sessions (required ones weigh most), then day preferences,
        # then spread (penalise sessions on consecutive days)
        terms = []
        for k in kinds:
            terms.append(demand_weight(p, k) * placed[k])
        for (k, off), v in x.items():
            terms.append(day_score(k, day_of[off], p) * v)
        offs = sorted(by_day)
        for o in offs:
            if o + 1 in by_day:
                both = m.new_bool_var(f"adj_{o}")
                m.add(sum(by_day[o]) + sum(by_day[o + 1]) - 1 <= both)
                terms.append(-3 * both)
        # E-HEAVY-KEEP's wishes: a heavy session late enough for next week, early enough after the last
        for name, wish in (
            ("late_heavy", None if p.heavy_late_from is None else (lambda o: o >= p.heavy_late_from)),
            ("heavy_by", None if p.heavy_by is None else (lambda o: o <= p.heavy_by)),
        ):
            if wish is None:
                continue
            met = [v for (k, off), v in x.items() if k in HEAVY_KINDS and wish(off)]
            if met:
                kept = m.new_bool_var(name)
                m.add(kept <= sum(met))
                terms.append(p.keep_weight * kept)
        m.maximize(sum(terms))
        solver = self._cp_solver
        if solver is None:  # building a CpSolver is costly in ortools' Python layer: reuse one
            solver = self._cp_solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1
            solver.parameters.max_time_in_seconds = 5.0
        status = solver.solve(m)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # pragma: no cover - always feasible
            return WeekSolution((), tuple(p.demands))
        placements = [Placement(k, off, session_slot(k, day_of[off])) for (k, off), v in x.items() if solver.value(v)]
        placements.sort(key=lambda pl: pl.offset)
        dropped: list[str] = []
        for k in kinds:
            n = sum(1 for pl in placements if pl.kind == k)
            dropped.extend([k] * (count[k] - n))
        return WeekSolution(tuple(placements), tuple(dropped))
