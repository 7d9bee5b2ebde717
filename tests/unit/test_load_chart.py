"""The load chart page (inline SVG, self-contained) and the weekly table rows."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

import pytest

from stridelift.domain.load import ActivityLoad, LoadReport, load_report
from stridelift.exporters.load_chart import load_chart_html, load_table_rows

START = date(2026, 1, 5)  # a Monday
DAYS = 70


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.classes: Counter[str] = Counter()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name == "class" and value:
                self.classes[value] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _report(days: int = DAYS) -> LoadReport:
    loads = []
    for i in range(days):
        if i % 7 in (0, 3):  # rest Mondays and Thursdays
            continue
        trimp = 60.0 + (120.0 if i >= days - 7 else 0.0) + (30.0 if i % 7 == 5 else 0.0)
        start = datetime(START.year, START.month, START.day, 7, tzinfo=UTC) + timedelta(days=i)
        loads.append(ActivityLoad(start, "running", trimp, "banister-hr", 3000.0))
    return load_report(loads, start=START, end=START + timedelta(days=days - 1))


def _parse(page: bytes) -> _Collect:
    parser = _Collect()
    parser.feed(page.decode("utf-8"))
    parser.close()
    return parser


def test_chart_is_one_self_contained_svg() -> None:
    sessions = [
        (START + timedelta(days=1), "circuit", False),
        (START + timedelta(days=3), "straight_sets", True),
        (START + timedelta(days=40), "core_balance", False),
        (START - timedelta(days=3), "circuit", True),  # before the report: not drawn
    ]
    page = load_chart_html(_report(), sessions)
    text = page.decode("utf-8")
    parsed = _parse(page)
    assert parsed.tags["svg"] == 1 and parsed.tags["script"] == 0
    assert parsed.classes["bar"] == DAYS
    assert parsed.classes["session"] == 3
    assert parsed.tags["polygon"] >= 2  # one heavy-lower marker plus the legend's
    assert parsed.classes["sweet-spot"] == 1 and parsed.classes["acwr-limit"] == 1
    assert parsed.classes["line-acute"] == parsed.classes["line-chronic"] == parsed.classes["line-acwr"] == 1
    assert parsed.classes["legend"] == 1 and parsed.tags["h1"] == 1
    assert "http" not in text and "src=" not in text and "<link" not in text
    assert "viewBox" in text and "width: 100%" in text
    for label in ("Daily load (TRIMP)", "ACWR (acute:chronic)", "Date", "Sweet spot 0.8-1.3", "Heavy lower body"):
        assert label in text


def test_chart_marks_spikes_and_escapes_text() -> None:
    report = _report()
    assert report.spikes  # the last week is heavier
    page = load_chart_html(report, [(START + timedelta(days=2), "<b>odd</b>", False)])
    parsed = _parse(page)
    assert parsed.classes["spike"] == len(report.spikes)
    assert parsed.tags["b"] == 0 and b"&lt;b&gt;odd&lt;/b&gt;" in page


def test_short_and_empty_reports() -> None:
    short = load_report([], start=START, end=START + timedelta(days=2))
    parsed = _parse(load_chart_html(short))
    assert parsed.classes["bar"] == 3 and parsed.classes["session"] == 0
    assert b"every ACWR is undefined" in load_chart_html(short)


def test_weekly_rows() -> None:
    report = _report()
    rows = load_table_rows(report, 4)
    assert len(rows) == 4
    assert [r.week_start for r in rows] == [START + timedelta(days=7 * w) for w in range(6, 10)]
    last = rows[-1]
    assert last.runs == 5 and last.minutes == pytest.approx(250.0)
    assert last.load == pytest.approx(5 * 180.0 + 30.0)
    final = report.days[-1]
    assert (last.acute, last.chronic, last.acwr, last.tsb) == (
        final.acute_mean,
        final.chronic_mean,
        final.acwr,
        final.tsb,
    )
    assert rows[0].load == pytest.approx(5 * 60.0 + 30.0)
    assert len(load_table_rows(report, 100)) == DAYS // 7
    assert load_table_rows(report, 0) == []
