"""E-UPPER-CONTENT: an all-upper strength session is a pull and a push of two sets or more each, judged
where the plan shows the runner doing both; hand-made sessions just within and just past the limit."""

from __future__ import annotations

import datetime as dt

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, Session

RULES = load_rules()
LIB = load_library()
D0 = dt.date(2027, 3, 1)
LEAST = int(RULES.param("E-UPPER-CONTENT", "min_sets"))


def rx(ex_id: str, sets: int) -> Prescription:
    ex = LIB.get(ex_id)
    return Prescription(
        ex.id,
        ex.name,
        "strength",
        0,
        ex.region,
        None,
        ex.muscles,
        ex.equipment,
        ex.balance,
        ex.unilateral,
        ex.planes,
        sets,
        6,
        None,
        150,
        Intensity(rpe=7.0),
    )


def found(*sessions: tuple[Prescription, ...]) -> list[str]:
    ss = [
        Session(D0 + dt.timedelta(days=7 * i), "pm", "build", "straight_sets", 35, (), lifts, title="Upper-body")
        for i, lifts in enumerate(sessions)
    ]
    p = Plan("T", "intermediate", "north", D0, D0 + dt.timedelta(days=28), [Phase("build", D0, D0, "")], [], ss, [])
    rule = RULES["E-UPPER-CONTENT"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, load_templates(), None))]


def test_a_pull_and_a_push_at_the_least_sets_pass_one_set_fewer_does_not() -> None:
    pair = (rx("dumbbell_row", LEAST), rx("db_bench_press", LEAST))
    assert not found(pair)
    assert found(pair, (rx("dumbbell_row", LEAST), rx("db_bench_press", LEAST - 1)))


def test_a_session_of_one_row_is_thin_where_the_plan_shows_a_push() -> None:
    pair = (rx("dumbbell_row", 3), rx("db_shoulder_press", 3))
    assert found(pair, (rx("dumbbell_row", 4),))
    assert not found((rx("dumbbell_row", 4),))  # no push anywhere: the runner may have none
    # two pulls and no push are no pull and push either
    assert found(pair, (rx("dumbbell_row", 3), rx("lat_pulldown", 3)))
