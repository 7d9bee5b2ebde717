"""The schedule checks at their limits: a hand-made plan broken just past each limit is reported, and
the same plan just within it is not. Plans are built here from runs and sessions, never by the
planner, so the checks are tested on their own."""

from __future__ import annotations

import datetime as dt

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, RunEntry, Session, Warning

D0 = dt.date(2027, 3, 1)  # a Monday
DAY = dt.timedelta(days=1)
RULES = load_rules()


def d(k: int) -> dt.date:
    return D0 + k * DAY


def rx(
    block: str, region: str = "lower", reps: int = 20, rpe: float | None = None, pct: float | None = None
) -> Prescription:
    return Prescription(
        id=f"{block}_{region}",
        name="x",
        block=block,  # type: ignore[arg-type]
        order=0,
        region=region,  # type: ignore[arg-type]
        core_target=None,
        muscles=("quadriceps",),
        equipment=(),
        balance=False,
        unilateral=False,
        planes=("sagittal",),
        sets=3,
        reps=reps,
        duration_s=None,
        rest_s=30,
        intensity=Intensity(pct_1rm=pct, rpe=rpe),
    )


KIND = {
    "circuit": ("circuit", (rx("circuit"),)),
    "heavy": ("straight_sets", (rx("strength", reps=5, pct=0.8),)),
    "plyo": ("core_balance", (rx("power", reps=10),)),
    "light": ("core_balance", (rx("core", region="core", reps=10),)),
    "upper": ("straight_sets", (rx("strength", region="upper", reps=5, pct=0.8),)),
}


def session(k: int, kind: str, phase: str = "base", explanation: str = "Because.") -> Session:
    fmt, exercises = KIND[kind]
    return Session(d(k), "pm", phase, fmt, 40, (), exercises, explanation=explanation)  # type: ignore[arg-type]


def run(k: int, type_: str, minutes: int = 40, slot: str = "am", km: float | None = None, prio: str = "A") -> RunEntry:
    if type_ == "race":
        return RunEntry(d(k), "race", minutes, slot, prio, "", km)  # type: ignore[arg-type]
    return RunEntry(d(k), type_, minutes, slot)  # type: ignore[arg-type]


def plan(
    runs: list[RunEntry],
    sessions: list[Session] = (),  # type: ignore[assignment]
    phases: list[tuple[str, int, int]] | None = None,
    experience: str = "intermediate",
    warnings: list[Warning] | None = None,
    days: int = 70,
) -> Plan:
    ph = [Phase(n, d(a), d(b), "focus") for n, a, b in (phases or [("base", 0, days - 1)])]  # type: ignore[arg-type]
    return Plan("T", experience, "north", d(0), d(days - 1), ph, runs, list(sessions), warnings or [])


def findings(rule_id: str, p: Plan) -> list[str]:
    rule = RULES[rule_id]
    ctx = Ctx(p, RULES, load_library(), load_templates(), None)
    return [m for m, _ in CHECKS[rule.check](rule, ctx)]


# ----- E-KEY-RUN-EVE: nothing leg-fatiguing the day before a key run --------------------------------
@pytest.mark.parametrize("key", ["long", "interval", "tempo", "hills", "race"])
@pytest.mark.parametrize("kind", ["circuit", "heavy", "plyo"])
def test_leg_fatigue_the_day_before_every_key_run(key: str, kind: str) -> None:
    build = [("build", 0, 69)]  # in the build every one of them is a key run, whatever its minutes
    assert findings("E-KEY-RUN-EVE", plan([run(11, key, km=10)], [session(10, kind)], build))
    assert not findings("E-KEY-RUN-EVE", plan([run(12, key, km=10)], [session(10, kind)], build))  # two days before
    assert not findings("E-KEY-RUN-EVE", plan([run(11, key, km=10)], [session(10, "light")], build))
    assert not findings("E-KEY-RUN-EVE", plan([run(11, key, km=10)], [session(10, "upper")], build))
    assert not findings("E-KEY-RUN-EVE", plan([run(11, "easy")], [session(10, kind)], build))


# ----- E-LONG-RUN-SAME-DAY: no leg work on the day of a long run ----------------------------------
@pytest.mark.parametrize("kind", ["circuit", "heavy", "plyo"])
def test_no_leg_work_on_the_day_of_a_long_run(kind: str) -> None:
    assert findings("E-LONG-RUN-SAME-DAY", plan([run(10, "long", 75)], [session(10, kind)]))
    assert not findings("E-LONG-RUN-SAME-DAY", plan([run(10, "long", 74)], [session(10, kind)]))
    assert not findings("E-LONG-RUN-SAME-DAY", plan([run(10, "long", 140)], [session(10, "upper")]))
    assert not findings("E-LONG-RUN-SAME-DAY", plan([run(10, "long", 140)], [session(10, "light")]))
    assert not findings("E-LONG-RUN-SAME-DAY", plan([run(10, "easy", 140)], [session(10, kind)]))


# ----- E-LEG-FATIGUE: no two tiring days in a row in development phases ----------------------------
def test_two_tiring_days_in_a_row() -> None:
    assert findings("E-LEG-FATIGUE", plan([], [session(10, "circuit"), session(11, "heavy")]))
    assert not findings("E-LEG-FATIGUE", plan([], [session(10, "circuit"), session(12, "circuit")]))
    assert not findings("E-LEG-FATIGUE", plan([], [session(10, "circuit"), session(11, "light")]))
    taper = [session(10, "circuit", "taper"), session(11, "circuit", "taper")]
    assert not findings("E-LEG-FATIGUE", plan([], taper, [("taper", 0, 69)]))
    offseason = [session(10, "heavy", "offseason_strength"), session(11, "circuit", "offseason_strength")]
    assert findings("E-LEG-FATIGUE", plan([], offseason, [("offseason_strength", 0, 69)]))


# ----- E-RACE-RECOVERY: counted from the race date, by distance ----------------------------------
@pytest.mark.parametrize(("km", "days"), [(42.2, 14), (30.0, 14), (21.1, 7), (15.0, 7), (14.9, 3), (5.0, 3)])
def test_recovery_by_distance(km: float, days: int) -> None:
    race = run(10, "race", km=km)
    assert findings("E-RACE-RECOVERY", plan([race, run(10 + days, "interval")]))
    assert not findings("E-RACE-RECOVERY", plan([race, run(11 + days, "interval")]))
    assert findings("E-RACE-RECOVERY", plan([race, run(10 + days, "long")]))
    assert findings("E-RACE-RECOVERY", plan([race], [session(10 + days, "circuit")]))
    assert not findings("E-RACE-RECOVERY", plan([race], [session(11 + days, "heavy")]))
    assert not findings("E-RACE-RECOVERY", plan([race, run(10 + days, "easy")], [session(10 + days, "light")]))


def test_recovery_ignores_the_phase_labels() -> None:
    """The planner labelling the days 'build' does not shorten the recovery after a marathon."""
    p = plan([run(10, "race", km=42.2), run(19, "tempo")], phases=[("build", 0, 69)])
    assert findings("E-RACE-RECOVERY", p)


def test_rest_the_day_after_a_half_or_longer() -> None:
    assert findings("E-RACE-RECOVERY", plan([run(10, "race", km=21.1)], [session(11, "light")]))
    assert findings("E-RACE-RECOVERY", plan([run(10, "race", km=15.0)], [session(11, "light")]))
    assert not findings("E-RACE-RECOVERY", plan([run(10, "race", km=14.9)], [session(11, "light")]))
    assert not findings("E-RACE-RECOVERY", plan([run(10, "race", km=42.2)], [session(12, "light")]))
    assert findings("E-RACE-RECOVERY", plan([run(10, "race", km=21.1), run(11, "easy", 20)]))
    assert not findings("E-RACE-RECOVERY", plan([run(10, "race", km=10.0), run(11, "easy", 20)]))
    assert not findings("E-RACE-RECOVERY", plan([run(10, "race", km=21.1), run(11, "race", km=5.0)]))


# ----- R-RECOVERY-LABELS: the labels follow the recovery from the race dates ------------------------
def test_recovery_labels_follow_the_race_dates() -> None:
    marathon = run(10, "race", km=42.2)
    ok = [("base", 0, 10), ("recovery", 11, 24), ("base", 25, 69)]
    assert not findings("R-RECOVERY-LABELS", plan([marathon], phases=ok))
    short = [("base", 0, 10), ("recovery", 11, 23), ("taper", 24, 24), ("base", 25, 69)]  # day 14 is taper
    assert findings("R-RECOVERY-LABELS", plan([marathon], phases=short))


def test_an_a_race_inside_a_recovery_is_told() -> None:
    races_ = [run(10, "race", km=42.2), run(24, "race", km=21.1)]  # day 14 of the marathon's recovery
    phases = [("base", 0, 10), ("recovery", 11, 23), ("race_week", 24, 24), ("recovery", 25, 69)]
    assert findings("R-RECOVERY-LABELS", plan(races_, phases=phases))
    told = Warning("A_RACE_IN_RECOVERY", "told", d(24), "R-RECOVERY-LABELS")
    assert not findings("R-RECOVERY-LABELS", plan(races_, phases=phases, warnings=[told]))
    later = [run(10, "race", km=42.2), run(25, "race", km=21.1)]  # day 15: after the recovery
    phases = [("base", 0, 10), ("recovery", 11, 24), ("race_week", 25, 25), ("recovery", 26, 69)]
    assert not findings("R-RECOVERY-LABELS", plan(later, phases=phases))


# ----- R-RUNS-BY-PHASE ----------------------------------------------------------------------------
def test_the_eve_of_a_race() -> None:
    race = run(20, "race", km=10)
    assert not findings("R-RUNS-BY-PHASE", plan([race, run(19, "easy", 30)]))
    assert findings("R-RUNS-BY-PHASE", plan([race, run(19, "easy", 31)]))
    assert findings("R-RUNS-BY-PHASE", plan([race, run(19, "tempo", 20)]))


@pytest.mark.parametrize(("prio", "span"), [("A", 6), ("B", 4), ("C", 2)])
def test_no_long_run_in_race_week(prio: str, span: int) -> None:
    race = run(30, "race", km=42.2, prio=prio)
    assert findings("R-RUNS-BY-PHASE", plan([race, run(30 - span, "long", 60)]))
    assert not findings("R-RUNS-BY-PHASE", plan([race, run(29 - span, "long", 60)]))


def test_light_quality_in_race_week() -> None:
    race = run(30, "race", km=42.2)
    assert not findings("R-RUNS-BY-PHASE", plan([race, run(27, "interval", 35)]))
    assert findings("R-RUNS-BY-PHASE", plan([race, run(28, "interval", 35)]))  # two days before
    assert findings("R-RUNS-BY-PHASE", plan([race, run(25, "interval"), run(27, "tempo")]))  # two sessions
    c_race = run(30, "race", km=10, prio="C")
    assert findings("R-RUNS-BY-PHASE", plan([c_race, run(28, "tempo", 30)]))


def test_taper_steps_down() -> None:
    """Long runs and quality are cut to 80% of the usual 15-21 days before the A race, 60% 8-14 days
    before it and 45% 7 days before it (Bosquet 2007), so two taper weekends never hold the same long run."""
    phases = [("build", 0, 40), ("taper", 41, 54), ("race_week", 55, 61)]
    usual = [run(62, "race", km=42.2), run(26, "interval", 45), run(33, "long", 120)]

    def taper(*runs: RunEntry) -> list[str]:
        return findings("R-RUNS-BY-PHASE", plan([*usual, *runs], phases=phases))

    assert not taper(run(47, "long", 96), run(54, "long", 72), run(55, "long", 54), run(49, "interval", 27))
    assert taper(run(47, "long", 97))
    assert taper(run(54, "long", 73))  # eight days before: 60% of 120
    assert taper(run(55, "long", 55))  # seven days before: 45% of 120
    assert taper(run(49, "interval", 28))  # the same intervals two weeks running are not a taper
    assert not taper(run(56, "easy", 60))  # race week is checked by its own limits


# ----- R-RETURN-AFTER-RACE: long runs and quality come back in steps ------------------------------
@pytest.mark.parametrize(
    ("km", "first", "last", "share"),
    [(42.2, 20, 26, 0.6), (42.2, 41, 47, 0.9), (21.1, 13, 19, 0.8), (21.1, 20, 26, 0.9)],
)
def test_return_after_a_race_in_steps(km: float, first: int, last: int, share: float) -> None:
    usual = [run(1, "long", 150), run(2, "tempo", 60), run(5, "race", km=km)]
    cap = int(150 * share)
    for k in (first, last):
        assert not findings("R-RETURN-AFTER-RACE", plan([*usual, run(k, "long", cap)]))
        assert findings("R-RETURN-AFTER-RACE", plan([*usual, run(k, "long", cap + 1)]))
        assert findings("R-RETURN-AFTER-RACE", plan([*usual, run(k, "tempo", int(60 * share) + 1)]))


def test_full_week_once_the_return_is_over() -> None:
    usual = [run(1, "long", 150), run(5, "race", km=42.2), run(48, "long", 150), run(13, "race", km=21.1)]
    assert not findings("R-RETURN-AFTER-RACE", plan(usual))
    assert not findings("R-RETURN-AFTER-RACE", plan([run(1, "long", 150), run(5, "race", km=10), run(9, "long", 150)]))
    # two races: the stricter step of the two applies (the half's first week, the marathon's fourth)
    one = [run(1, "long", 150), run(5, "race", km=42.2), run(41, "long", 121)]
    assert not findings("R-RETURN-AFTER-RACE", plan(one))
    assert findings("R-RETURN-AFTER-RACE", plan([*one, run(30, "race", km=21.1)]))


def test_base_far_from_any_race_is_base_running() -> None:
    """No intervals or tempo in base more than six weeks before the next race (or with none ahead)."""
    race = run(60, "race", km=10, prio="B")
    assert findings("R-RUNS-BY-PHASE", plan([race, run(17, "interval", 45)]))  # 43 days before
    assert not findings("R-RUNS-BY-PHASE", plan([race, run(18, "interval", 45)]))  # 42 days before
    assert findings("R-RUNS-BY-PHASE", plan([run(18, "tempo", 45)]))  # no race ahead
    assert not findings("R-RUNS-BY-PHASE", plan([run(7, "hills", 45), run(12, "long", 150)]))
    assert findings("R-RUNS-BY-PHASE", plan([run(7, "hills"), run(9, "hills")]))
    build = [("build", 0, 69)]
    assert not findings("R-RUNS-BY-PHASE", plan([run(18, "tempo", 45)], phases=build))


def test_offseason_runs() -> None:
    phases = [("offseason_strength", 0, 69)]
    assert not findings("R-RUNS-BY-PHASE", plan([run(7, "hills", 45), run(12, "long", 90)], phases=phases))
    assert findings("R-RUNS-BY-PHASE", plan([run(7, "interval", 45)], phases=phases))
    assert findings("R-RUNS-BY-PHASE", plan([run(7, "tempo", 45)], phases=phases))
    assert findings("R-RUNS-BY-PHASE", plan([run(12, "long", 91)], phases=phases))
    assert findings("R-RUNS-BY-PHASE", plan([run(7, "hills"), run(9, "hills")], phases=phases))
    assert not findings("R-RUNS-BY-PHASE", plan([run(7, "hills"), run(14, "hills")], phases=phases))


# ----- R-RUNS-KNOWN, E-NOVICE-LATE, S2-HEAVY-HONEST, D-EXPLAIN --------------------------------------
def test_every_full_week_has_runs() -> None:
    runs = [run(k, "easy") for k in range(0, 14, 7)]
    assert not findings("R-RUNS-KNOWN", plan(runs, days=14))
    assert findings("R-RUNS-KNOWN", plan(runs[:1], days=14))
    # the rest days after a long race (E-RACE-RECOVERY `rest_by_km`: 5 after 80 km or more) excuse a
    # week whose run days all fall in them (property test: an ultra on a Thursday, runs only on Mondays)
    rest = plan([run(2, "race", km=100), run(14, "easy")], days=21)
    assert not findings("R-RUNS-KNOWN", rest)  # day 7 is the 5th rest day
    short = plan([run(1, "race", km=100), run(14, "easy")], days=21)
    assert findings("R-RUNS-KNOWN", short)  # the 5 rest days end on day 6: days 7-13 are not excused


def test_novice_starting_close_to_an_a_race() -> None:
    squat = [session(3, "light"), session(5, "heavy")]
    near = plan([run(55, "race", km=42.2)], squat, experience="novice")
    far = plan([run(56, "race", km=42.2)], squat, experience="novice")
    assert findings("E-NOVICE-LATE", near)
    assert not findings("E-NOVICE-LATE", far)
    assert not findings("E-NOVICE-LATE", plan([run(55, "race", km=42.2)], squat, experience="intermediate"))
    # after the race and its 14 days of recovery, lifting is fine
    later = plan([run(20, "race", km=42.2)], [session(35, "heavy")], experience="novice")
    assert not findings("E-NOVICE-LATE", later)
    assert findings("E-NOVICE-LATE", plan([run(20, "race", km=42.2)], [session(34, "heavy")], experience="novice"))


def test_a_heavy_block_without_heavy_legs_says_so() -> None:
    phases = [("offseason_strength", 0, 13), ("base", 14, 69)]
    base_circuit = session(30, "circuit", "base")
    light = [session(3, "light", "offseason_strength"), base_circuit]
    assert findings("S2-HEAVY-HONEST", plan([], light, phases))
    week = [("offseason_strength", 0, 6), ("base", 7, 69)]  # a week: at the rule's limit
    assert findings("S2-HEAVY-HONEST", plan([], light, week))
    short = [("offseason_strength", 0, 5), ("base", 6, 69)]  # under a week
    assert not findings("S2-HEAVY-HONEST", plan([], light, short))
    assert not findings("S2-HEAVY-HONEST", plan([], [session(3, "heavy", "offseason_strength"), base_circuit], phases))
    honest = plan([], light, phases, warnings=[Warning("HEAVY_BLOCK_NOT_HEAVY", "free a day", None, "S2-HEAVY-HONEST")])
    honest.phases[0] = Phase("offseason_strength", d(0), d(13), "Off-season block WITHOUT heavy leg work")
    assert not findings("S2-HEAVY-HONEST", honest)


@pytest.mark.parametrize(("name", "kind"), [("base", "circuit"), ("build", "heavy"), ("peak", "heavy")])
def test_every_phase_holds_what_its_name_promises_or_says_so(name: str, kind: str) -> None:
    phases = [(name, 0, 13), ("recovery", 14, 69)]
    light = [session(3, "light", name)]
    assert findings("S2-HEAVY-HONEST", plan([], light, phases))
    assert not findings("S2-HEAVY-HONEST", plan([], [session(3, kind, name)], phases))
    assert findings("S2-HEAVY-HONEST", plan([], light, [(name, 0, 6), ("recovery", 7, 69)]))  # a week: the limit
    assert not findings("S2-HEAVY-HONEST", plan([], light, [(name, 0, 5), ("recovery", 6, 69)]))  # under a week
    told = Warning("PHASE_WITHOUT", "free a day", d(0), "S2-HEAVY-HONEST")
    honest = plan([], light, phases, warnings=[told])
    assert findings("S2-HEAVY-HONEST", honest)  # the warning alone is not enough: the focus says it too
    honest.phases[0] = Phase(name, d(0), d(13), "Base WITHOUT circuits")  # type: ignore[arg-type]
    assert not findings("S2-HEAVY-HONEST", honest)


def test_explanations_and_the_order_of_a_double_day() -> None:
    double = [run(10, "hills"), run(10, "easy", 30, "pm")]
    assert findings("D-EXPLAIN", plan([], [session(10, "light", explanation="")]))
    assert findings("D-EXPLAIN", plan(double, [session(10, "heavy", explanation="After the hills.")]))
    ordered = session(10, "heavy", explanation="Order today: hills am; easy run pm, then this session.")
    assert not findings("D-EXPLAIN", plan(double, [ordered]))


def test_the_planner_reads_leg_fatigue_costs_from_the_rule_data() -> None:
    import copy

    from stridelift.domain.planner import fatiguing_kinds
    from stridelift.domain.rules import RuleBook

    assert fatiguing_kinds(RULES) == {"heavy", "maintenance", "circuit"}
    cheap = copy.deepcopy(RULES["E-LEG-FATIGUE"])
    cheap.params["circuit"] = 1  # a circuit costing less than the threshold no longer counts
    book = RuleBook([cheap if r.id == "E-LEG-FATIGUE" else r for r in RULES])
    assert fatiguing_kinds(book) == {"heavy", "maintenance"}


def test_a_week_of_race_rest_days_needs_no_runs() -> None:
    """Races on Sat 12 and Sun 13 and a runner who only runs Mondays: Monday 14 is the day after the
    race (rest), so the week of the 14th has no runs and that is right (found by the property test)."""
    from stridelift.domain.athlete import RunDay

    runs = [run(0, "easy"), run(5, "race", km=5.0), run(6, "race", km=21.1)]
    p = plan(runs, days=14)
    rule = RULES["R-RUNS-KNOWN"]
    ctx = Ctx(p, RULES, load_library(), load_templates(), None)
    assert not list(CHECKS[rule.check](rule, ctx))  # without the profile: a day after a race is in the week
    broke = plan([run(0, "easy"), run(4, "race", km=5.0)], days=14)  # Fri race: Mon 8 is no rest day
    assert list(CHECKS[rule.check](rule, Ctx(broke, RULES, load_library(), load_templates(), None)))

    class _A:  # the athlete's usual week is all the check reads
        def __init__(self, days: list[int]) -> None:
            self.running_week = tuple(RunDay(w, "easy", 30, "am") for w in days)

    on_monday = Ctx(p, RULES, load_library(), load_templates(), _A([0]))  # type: ignore[arg-type]
    assert not list(CHECKS[rule.check](rule, on_monday))
    mon_wed = Ctx(p, RULES, load_library(), load_templates(), _A([0, 2]))  # type: ignore[arg-type]
    assert list(CHECKS[rule.check](rule, mon_wed))  # Wednesday 16 is an ordinary day: runs were due
