"""The load chart as a Vega-Lite specification (plain JSON data, no library needed to build it).

The same spec serves the CLI's HTML page and the web app (which renders it with vega-embed).
Three panels share the date axis, so nothing reads against another panel's axis::

    Daily load (TRIMP/day)        bars: running, cross-training as counted; lines: acute, chronic;
                                  markers: the plan's strength sessions (triangle: heavy legs)
    Acute:chronic ratio           line, the 0.8-1.3 band, the 1.5 limit, spike days
    Fitness, fatigue and form     CTL, ATL lines and TSB bars (TrainingPeaks' Performance
                                  Management Chart: CTL 42-day, ATL 7-day, TSB = CTL - ATL)

Axes start at zero (ratio and load) and end near the data (Vega-Lite's "nice" rounding), font
sizes are fixed in CSS pixels (the chart is laid out at the page's width, not scaled down).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, Final

from stridelift.domain.load import SPIKE_ACWR, SWEET_SPOT, LoadReport, cross_weight

Session = tuple[dt.date, str, bool]  # (date, format, heavy_lower)
Spec = dict[str, Any]

SCHEMA: Final = "https://vega.github.io/schema/vega-lite/v6.json"
SERIES: Final = {
    "Running": "#4f81b0",
    "Cross-training (counted)": "#b7b7b7",
    "Acute (7 d)": "#e07b39",
    "Chronic (28 d)": "#1f3f66",
    "ACWR": "#7b3fa0",
    "Fitness (CTL)": "#1f77b4",
    "Fatigue (ATL)": "#d62728",
    "Form (TSB)": "#4f9a3a",
}
FONT: Final = 12


def _r(x: float | None, nd: int = 1) -> float | None:
    return None if x is None else round(x, nd)


def _days(report: LoadReport) -> list[dict[str, Any]]:
    spikes = set(report.spikes)
    return [
        {
            "date": d.date.isoformat(),
            "running": _r(d.load),
            "cross": _r(d.cross),
            "cross_counted": _r(d.cross_counted),
            "acute": _r(d.acute_mean),
            "chronic": _r(d.chronic_mean),
            "acwr": _r(d.acwr, 2),
            "ctl": _r(d.ctl),
            "atl": _r(d.atl),
            "tsb": _r(d.tsb),
            "spike": d.date in spikes,
        }
        for d in report.days
    ]


def _color(names: Sequence[str]) -> dict[str, Any]:
    return {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": list(names), "range": [SERIES[n] for n in names]},
        "legend": {"orient": "top", "direction": "horizontal", "labelLimit": 160},
    }


def _fold(labels: dict[str, str]) -> list[Spec]:
    """Fold data fields into (series, value) rows, the series named by ``labels``.

    The fold runs on the plain field names: a label such as "x0.5" used as a field name would
    read as a nested field ("x0" then "5").
    """
    expr = "''"
    for key, label in reversed(labels.items()):
        expr = f"datum.key === {json.dumps(key)} ? {json.dumps(label)} : {expr}"
    return [{"fold": list(labels), "as": ["key", "value"]}, {"calculate": expr, "as": "series"}]


X: Final = {
    "field": "date",
    "type": "temporal",
    "timeUnit": "yearmonthdate",
    "title": None,
    "axis": {"format": "%d %b", "labelOverlap": "greedy", "labelSeparation": 10, "labelFlush": True},
}
TIP_DAY: Final = [
    {"field": "date", "type": "temporal", "title": "Date", "format": "%a %d %b %Y"},
    {"field": "running", "type": "quantitative", "title": "Running load"},
    {"field": "cross", "type": "quantitative", "title": "Cross-training (measured)"},
    {"field": "acute", "type": "quantitative", "title": "Acute /day"},
    {"field": "chronic", "type": "quantitative", "title": "Chronic /day"},
    {"field": "acwr", "type": "quantitative", "title": "ACWR"},
    {"field": "tsb", "type": "quantitative", "title": "TSB"},
]


def _load_panel(report: LoadReport, sessions: list[dict[str, Any]]) -> Spec:
    bars = ["Running", "Cross-training (counted)"]
    lines = ["Acute (7 d)", "Chronic (28 d)"]
    layers: list[Spec] = [
        {
            "transform": [
                *_fold({"running": bars[0], "cross_counted": bars[1]}),
            ],
            "mark": {"type": "bar", "width": {"band": 0.8}},
            "encoding": {
                "x": X,
                "y": {"field": "value", "type": "quantitative", "stack": "zero", "title": "TRIMP per day"},
                "color": _color([*bars, *lines]),
                "order": {"field": "series", "sort": "descending"},
                "tooltip": TIP_DAY,
            },
        },
        {
            "transform": [
                *_fold({"acute": lines[0], "chronic": lines[1]}),
                {"filter": "datum.value != null"},
            ],
            "mark": {"type": "line", "strokeWidth": 2, "interpolate": "monotone"},
            "encoding": {"x": X, "y": {"field": "value", "type": "quantitative"}, "color": _color([*bars, *lines])},
        },
    ]
    if sessions:
        layers.append(
            {
                "data": {"values": sessions},
                "mark": {"type": "point", "filled": True, "size": 70, "yOffset": -7, "color": "#178f7a"},
                "encoding": {
                    "x": X,
                    "y": {"datum": 0, "type": "quantitative"},
                    "shape": {
                        "field": "kind",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": ["Strength session", "Heavy lower body"],
                            "range": ["circle", "triangle-up"],
                        },
                        "legend": {"orient": "top"},
                    },
                    "tooltip": [
                        {"field": "date", "type": "temporal", "title": "Date", "format": "%a %d %b %Y"},
                        {"field": "format", "type": "nominal", "title": "Session"},
                        {"field": "kind", "type": "nominal", "title": "Kind"},
                    ],
                },
            }
        )
    factors = sorted({cross_weight(ld.sport) for ld in report.loads if ld.sport != "running"})
    note = f", cross-training at {'/'.join(f'{f:g}' for f in factors)}x" if factors else ""
    return {"title": {"text": f"Daily load (TRIMP{note})", "anchor": "start"}, "height": 170, "layer": layers}


def _acwr_panel(report: LoadReport) -> Spec:
    lo, hi = SWEET_SPOT
    top = max([2.0, *[(d.acwr or 0.0) for d in report.days]])
    y = {
        "field": "acwr",
        "type": "quantitative",
        "title": "ratio",
        "scale": {"domain": [0, round(top + 0.25, 1)], "nice": False},
    }
    return {
        "title": {"text": "Acute:chronic workload ratio (ACWR)", "anchor": "start"},
        "height": 110,
        "layer": [
            {
                "data": {"values": [{"lo": lo, "hi": hi}]},
                "mark": {"type": "rect", "color": "#d8f0d2", "opacity": 0.8},
                "encoding": {"y": {"field": "lo", "type": "quantitative"}, "y2": {"field": "hi"}},
            },
            {
                "data": {"values": [{"limit": SPIKE_ACWR}]},
                "mark": {"type": "rule", "color": "#c0392b", "strokeDash": [6, 4]},
                "encoding": {"y": {"field": "limit", "type": "quantitative"}},
            },
            {
                "transform": [{"filter": "datum.acwr != null"}],
                "mark": {"type": "line", "color": SERIES["ACWR"], "strokeWidth": 1.8, "point": False},
                "encoding": {"x": X, "y": y, "tooltip": TIP_DAY},
            },
            {
                "transform": [{"filter": "datum.spike"}],
                "mark": {"type": "point", "filled": True, "color": "#c0392b", "size": 50},
                "encoding": {"x": X, "y": y, "tooltip": TIP_DAY},
            },
        ],
    }


def _pmc_panel() -> Spec:
    lines = ["Fitness (CTL)", "Fatigue (ATL)"]
    names = [*lines, "Form (TSB)"]
    return {
        "title": {"text": "Fitness, fatigue and form", "anchor": "start"},
        "height": 150,
        "layer": [
            {
                "transform": [{"calculate": "'Form (TSB)'", "as": "series"}],
                "mark": {"type": "bar", "width": {"band": 0.8}},
                "encoding": {
                    "x": X,
                    "y": {"field": "tsb", "type": "quantitative", "title": "TRIMP per day"},
                    "color": _color(names),
                    "tooltip": [
                        {"field": "date", "type": "temporal", "title": "Date", "format": "%a %d %b %Y"},
                        {"field": "ctl", "type": "quantitative", "title": "CTL"},
                        {"field": "atl", "type": "quantitative", "title": "ATL"},
                        {"field": "tsb", "type": "quantitative", "title": "TSB"},
                    ],
                },
            },
            {
                "transform": [
                    *_fold({"ctl": lines[0], "atl": lines[1]}),
                ],
                "mark": {"type": "line", "strokeWidth": 2},
                "encoding": {"x": X, "y": {"field": "value", "type": "quantitative"}, "color": _color(names)},
            },
            {
                "data": {"values": [{"zero": 0}]},
                "mark": {"type": "rule", "color": "#777"},
                "encoding": {"y": {"field": "zero", "type": "quantitative"}},
            },
        ],
    }


def load_chart_spec(report: LoadReport, sessions: Sequence[Session] = ()) -> Spec:
    """The Vega-Lite spec of the report: three panels over one date axis, data inline."""
    start, end = report.start, report.end
    marks = [
        {"date": d.isoformat(), "format": fmt, "kind": "Heavy lower body" if heavy else "Strength session"}
        for d, fmt, heavy in sorted(sessions)
        if start <= d <= end
    ]
    return {
        "$schema": SCHEMA,
        "description": f"Running load {start.isoformat()} to {end.isoformat()}",
        "data": {"values": _days(report)},
        "autosize": {"type": "pad"},
        "spacing": 18,
        "vconcat": [_load_panel(report, marks), _acwr_panel(report), _pmc_panel()],
        "resolve": {"scale": {"x": "shared", "color": "independent"}, "legend": {"color": "independent"}},
        "config": {
            "font": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
            "view": {"stroke": None, "continuousWidth": 300},
            "axis": {"labelFontSize": FONT, "titleFontSize": FONT, "gridColor": "#eee"},
            "legend": {"labelFontSize": FONT, "symbolSize": 90},
            "title": {"fontSize": FONT + 2, "fontWeight": 600},
        },
    }
