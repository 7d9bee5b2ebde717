"""The load chart: its Vega-Lite spec, the self-contained page around it, and the weekly table rows."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stridelift.domain.load import ActivityLoad, LoadReport, load_report
from stridelift.exporters.load_chart import fmt_num, load_chart_html, load_table_rows
from stridelift.exporters.load_spec import load_chart_spec

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


def _spec_schema() -> dict[str, object]:
    altair = pytest.importorskip("altair", reason="altair (dev extra) holds the Vega-Lite JSON schema")
    path = Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
    return json.loads(path.read_text())  # type: ignore[no-any-return]


def _embedded_spec(page: bytes) -> dict[str, object]:
    text = page.decode("utf-8")
    m = re.search(r'<script type="application/json" id="load-spec">(.*?)</script>', text, re.S)
    assert m is not None
    return json.loads(m.group(1))  # type: ignore[no-any-return]


SESSIONS = [
    (START + timedelta(days=1), "circuit", False),
    (START + timedelta(days=3), "straight_sets", True),
    (START + timedelta(days=40), "core_balance", False),
    (START - timedelta(days=3), "circuit", True),  # before the report: not drawn
]


def test_spec_is_valid_vega_lite_with_three_panels_on_one_date_axis() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    report = _report()
    spec = load_chart_spec(report, SESSIONS)
    jsonschema.validate(spec, _spec_schema())
    panels = spec["vconcat"]
    assert [p["title"]["text"] for p in panels] == [
        "Daily load (TRIMP)",
        "Acute:chronic workload ratio (ACWR)",
        "Fitness, fatigue and form",
    ]
    assert spec["resolve"]["scale"]["x"] == "shared"
    assert len(spec["data"]["values"]) == DAYS
    marks = next(layer for layer in panels[0]["layer"] if "data" in layer)["data"]["values"]
    assert [(m["date"], m["kind"]) for m in marks] == [
        ((START + timedelta(days=1)).isoformat(), "Strength session"),
        ((START + timedelta(days=3)).isoformat(), "Heavy lower body"),
        ((START + timedelta(days=40)).isoformat(), "Strength session"),
    ]
    flagged = [d["date"] for d in spec["data"]["values"] if d["spike"]]
    assert flagged == [d.isoformat() for d in report.spikes] and flagged


def test_axes_are_honest() -> None:
    report = _report()
    spec = load_chart_spec(report)
    load_panel, acwr_panel, _ = spec["vconcat"]
    # the load axis is left to Vega-Lite: zero-based, "nice" rounding just above the data
    for layer in load_panel["layer"]:
        assert "scale" not in layer["encoding"]["y"]
    top = max(d.acwr or 0.0 for d in report.days)
    ys = [layer["encoding"]["y"] for layer in acwr_panel["layer"]]
    domains = [y["scale"]["domain"] for y in ys if "scale" in y]
    assert domains and all(dom[0] == 0 and top < dom[1] <= max(2.0, top) + 0.25 for dom in domains)
    # the ACWR band and limit sit in the ratio's own panel, read against its own axis
    band = acwr_panel["layer"][0]
    assert band["mark"]["type"] == "rect" and band["data"]["values"] == [{"lo": 0.8, "hi": 1.3}]
    assert acwr_panel["layer"][1]["data"]["values"] == [{"limit": 1.5}]


def test_page_inlines_spec_bundle_table_and_notes() -> None:
    report = _report()
    page = load_chart_html(report, SESSIONS, weeks=4, bundle="/* vega */")
    text = page.decode("utf-8")
    parsed = _parse(page)
    assert parsed.tags["figure"] == 1 and parsed.tags["h1"] == 1
    assert "/* vega */" in text and "src=" not in text and "<link" not in text  # nothing fetched
    assert _embedded_spec(page) == json.loads(json.dumps(load_chart_spec(report, SESSIONS)))
    assert parsed.tags["tr"] == 1 + 4  # header and the four weeks asked for
    assert parsed.classes["spike"] >= 1  # the last week's ACWR, marked in the table
    assert "@media print" in text and 'name="viewport"' in text
    for note in report.notes:
        assert escape(note) in text


def test_page_without_a_bundle_loads_vega_from_the_cdn(monkeypatch: pytest.MonkeyPatch) -> None:
    import stridelift.exporters.load_chart as lc

    monkeypatch.setattr(lc, "vega_bundle", lambda: None)
    text = lc.load_chart_html(_report()).decode("utf-8")
    assert text.count("<script src=") == 3 and "the weekly table below has" in text


def test_text_cannot_break_out_of_the_page() -> None:
    page = load_chart_html(_report(), [(START + timedelta(days=2), "</script><b>odd</b>", False)], bundle="")
    text = page.decode("utf-8")
    parsed = _parse(page)
    assert parsed.tags["b"] == 0 and "</script><b>" not in text
    marks = next(layer for layer in _embedded_spec(page)["vconcat"][0]["layer"] if "data" in layer)  # type: ignore[index]
    assert marks["data"]["values"][0]["format"] == "</script><b>odd</b>"


def test_short_and_empty_reports() -> None:
    short = load_report([], start=START, end=START + timedelta(days=2))
    page = load_chart_html(short, bundle="")
    assert len(_embedded_spec(page)["data"]["values"]) == 3  # type: ignore[index]
    assert b"every ACWR is undefined" in page
    assert fmt_num(-0.3) == "0" and fmt_num(-0.6) == "-1" and fmt_num(None) == "-" and fmt_num(1.234, ".2f") == "1.23"


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
