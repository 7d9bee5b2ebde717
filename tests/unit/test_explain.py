"""The plain sentence of a session: why this day, why this format, and the order of a double day."""

from __future__ import annotations

import datetime as dt

from stridelift.domain.explain import DayContext, explain
from stridelift.domain.plan import Session
from stridelift.domain.scheduling import RunSlot

TUE = dt.date(2027, 3, 2)


def sess(fmt: str, slot: str = "pm", heavy: bool = False) -> Session:
    return Session(TUE, slot, "build", fmt, 40, (), (), heavy_lower=heavy)  # type: ignore[arg-type]


def test_heavy_after_the_morning_intervals_keeps_tomorrow_easy() -> None:
    ctx = DayContext((RunSlot("interval", "am", 60),), (RunSlot("easy", "am", 40),), "heavy", "", "")
    text = explain(sess("straight_sets", heavy=True), ctx)
    assert text.startswith("Tuesday evening: after the morning interval session")
    assert "tomorrow's easy run stays easy" in text and "heavy lifting" in text
    assert "Order today" not in text


def test_a_double_day_gets_its_order() -> None:
    today = (RunSlot("hills", "am", 60), RunSlot("easy", "pm", 30))
    ctx = DayContext(today, (RunSlot("easy", "am", 40),), "heavy", "", "")
    text = explain(sess("straight_sets", heavy=True), ctx)
    order = text[text.index("Order today") :]
    assert order.index("hill session in the morning") < order.index("easy run in the evening")
    assert order.index("easy run in the evening") < order.index("this session")


def test_a_light_day_before_the_long_run_says_why() -> None:
    ctx = DayContext(
        (RunSlot("easy", "am", 30),), (RunSlot("long", "am", 120),), "core_balance", "long the next day", "", True
    )
    text = explain(sess("core_balance"), ctx)
    assert "nothing that tires the legs: long the next day" in text
