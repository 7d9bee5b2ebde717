"""Running load as a self-contained HTML page (inline SVG, no scripts, no network) and weekly rows.

Layout of the chart (one SVG, scaled to the page width by its viewBox)::

    legend
    ┌──────────────────────────────────────────────┐
    │ ░░░░░░░░░░░ sweet spot 0.8-1.3 ░░░░░░░░░░░░░░ │ ACWR (right axis)
    │ - - - - - - - - ACWR 1.5 - - - - - - - - - - │
    │   ▌ ▌  ▌▌ ▌  ── acute   ── chronic  ── ACWR   │ daily load (left axis)
    │ ▲   ●     ▲  strength sessions                │
    └──────────────────────────────────────────────┘
      dates (Mondays)

Each bar and marker carries an SVG ``<title>``, which browsers show as a tooltip.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

from stridelift.domain.load import SPIKE_ACWR, SWEET_SPOT, DayLoad, LoadReport, local_date

Session = tuple[dt.date, str, bool]  # (date, format, heavy_lower)

W: Final = 960.0
H: Final = 440.0
LEFT, RIGHT, TOP, BOTTOM = 64.0, 64.0, 70.0, 56.0
PW, PH = W - LEFT - RIGHT, H - TOP - BOTTOM

COLORS: Final = {
    "bar": "#9db4c8",
    "acute": "#e07b39",
    "chronic": "#2f5d8a",
    "acwr": "#7b3fa0",
    "band": "#d8f0d2",
    "limit": "#c0392b",
    "session": "#178f7a",
    "heavy": "#a8322d",
    "axis": "#555",
}

CSS: Final = """
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1200px; padding: 0 1rem; color: #222; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 12px; fill: #333; }
.notes { font-size: 0.9rem; color: #444; }
"""


def _f(x: float) -> str:
    return f"{x:.1f}"


def _nice_ceiling(x: float) -> float:
    """The smallest 1, 2, 2.5 or 5 x 10^k at or above x (at least 1)."""
    if x <= 1.0:
        return 1.0
    base = 10.0 ** math.floor(math.log10(x))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * base >= x - 1e-9:
            return m * base
    return 10.0 * base


def _path(points: Sequence[tuple[float, float] | None]) -> str:
    """An SVG path through the points, lifting the pen at None (undefined values)."""
    out: list[str] = []
    pen_up = True
    for p in points:
        if p is None:
            pen_up = True
            continue
        out.append(f"{'M' if pen_up else 'L'}{_f(p[0])},{_f(p[1])}")
        pen_up = False
    return " ".join(out)


def _svg(report: LoadReport, sessions: Sequence[Session], title: str) -> str:
    days = report.days
    n = len(days)
    bw = PW / n
    top_load = _nice_ceiling(
        max([d.load for d in days] + [v for d in days for v in (d.acute_mean, d.chronic_mean) if v is not None])
    )
    ratios = [r for d in days if (r := d.acwr) is not None]
    top_acwr = max(2.0, math.ceil(max(ratios, default=0.0) * 2.0) / 2.0)

    def x_mid(i: int) -> float:
        return LEFT + (i + 0.5) * bw

    def y_load(v: float) -> float:
        return TOP + PH - v / top_load * PH

    def y_acwr(v: float) -> float:
        return TOP + PH - min(v, top_acwr) / top_acwr * PH

    parts: list[str] = [
        f'<svg viewBox="0 0 {W:.0f} {H:.0f}" preserveAspectRatio="xMidYMid meet" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect class="background" x="{LEFT:.0f}" y="{TOP:.0f}" width="{PW:.0f}" height="{PH:.0f}" fill="#fff"/>',
    ]
    lo, hi = SWEET_SPOT
    parts.append(
        f'<rect class="sweet-spot" x="{LEFT:.0f}" y="{_f(y_acwr(hi))}" width="{PW:.0f}" '
        f'height="{_f(y_acwr(lo) - y_acwr(hi))}" fill="{COLORS["band"]}" opacity="0.7">'
        f"<title>ACWR sweet spot {lo}-{hi} (Gabbett 2016)</title></rect>"
    )

    # grid and left axis ticks
    for k in range(6):
        v = top_load * k / 5
        y = y_load(v)
        parts.append(f'<line x1="{LEFT:.0f}" x2="{LEFT + PW:.0f}" y1="{_f(y)}" y2="{_f(y)}" stroke="#eee"/>')
        parts.append(f'<text x="{LEFT - 6:.0f}" y="{_f(y + 4)}" text-anchor="end">{v:g}</text>')
    # right axis ticks
    step = 0.5
    k = 0
    while k * step <= top_acwr + 1e-9:
        v = k * step
        parts.append(f'<text x="{LEFT + PW + 6:.0f}" y="{_f(y_acwr(v) + 4)}" text-anchor="start">{v:.1f}</text>')
        k += 1

    # bars
    for i, d in enumerate(days):
        y = y_load(d.load)
        parts.append(
            f'<rect class="bar" x="{_f(LEFT + i * bw + bw * 0.1)}" y="{_f(y)}" width="{_f(bw * 0.8)}" '
            f'height="{_f(TOP + PH - y)}" fill="{COLORS["bar"]}"><title>{d.date.isoformat()}: load {d.load:.0f}'
            f"{_day_detail(d)}</title></rect>"
        )

    # ACWR limit, acute/chronic lines, ACWR line
    y15 = y_acwr(SPIKE_ACWR)
    parts.append(
        f'<line class="acwr-limit" x1="{LEFT:.0f}" x2="{LEFT + PW:.0f}" y1="{_f(y15)}" y2="{_f(y15)}" '
        f'stroke="{COLORS["limit"]}" stroke-dasharray="6 4"/>'
    )
    for key, attr in (("acute", "acute_mean"), ("chronic", "chronic_mean")):
        pts: list[tuple[float, float] | None] = []
        for i, d in enumerate(days):
            v = getattr(d, attr)
            pts.append(None if v is None else (x_mid(i), y_load(v)))
        parts.append(f'<path class="line-{key}" d="{_path(pts)}" fill="none" stroke="{COLORS[key]}" stroke-width="2"/>')
    acwr_pts = [None if d.acwr is None else (x_mid(i), y_acwr(d.acwr)) for i, d in enumerate(days)]
    parts.append(
        f'<path class="line-acwr" d="{_path(acwr_pts)}" fill="none" stroke="{COLORS["acwr"]}" '
        f'stroke-width="1.5" stroke-dasharray="2 2"/>'
    )
    spike_days = set(report.spikes)
    for i, d in enumerate(days):
        if d.date in spike_days:
            y = y_acwr(d.acwr) if d.acwr is not None else y15
            parts.append(
                f'<circle class="spike" cx="{_f(x_mid(i))}" cy="{_f(y)}" r="3.5" fill="{COLORS["limit"]}">'
                f"<title>{d.date.isoformat()}: ACWR spike</title></circle>"
            )

    # strength sessions
    for s_date, fmt, heavy in sessions:
        i = (s_date - report.start).days
        if not 0 <= i < n:
            continue
        cx, cy = x_mid(i), TOP + PH - 8
        label = f"{s_date.isoformat()}: {fmt}{' (heavy lower body)' if heavy else ''}"
        if heavy:
            shape = (
                f'<polygon points="{_f(cx)},{_f(cy - 6)} {_f(cx - 5)},{_f(cy + 4)} {_f(cx + 5)},{_f(cy + 4)}" '
                f'fill="{COLORS["heavy"]}"/>'
            )
        else:
            shape = f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="4" fill="{COLORS["session"]}"/>'
        parts.append(
            f'<g class="session" data-date="{s_date.isoformat()}" data-format="{escape(fmt)}">{shape}'
            f"<title>{escape(label)}</title></g>"
        )

    # x axis: Mondays (every k-th so labels do not collide)
    mondays = [i for i, d in enumerate(days) if d.date.weekday() == 0] or [0]
    every = max(1, math.ceil(len(mondays) * 70 / PW))
    for i in mondays[::every]:
        x = LEFT + i * bw
        parts.append(f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{TOP + PH:.0f}" y2="{TOP + PH + 5:.0f}" stroke="#555"/>')
        parts.append(
            f'<text x="{_f(x)}" y="{TOP + PH + 18:.0f}" text-anchor="middle">{days[i].date.strftime("%d %b")}</text>'
        )
    axis = COLORS["axis"]
    parts += [
        f'<line x1="{LEFT:.0f}" x2="{LEFT + PW:.0f}" y1="{TOP + PH:.0f}" y2="{TOP + PH:.0f}" stroke="{axis}"/>',
        f'<line x1="{LEFT:.0f}" x2="{LEFT:.0f}" y1="{TOP:.0f}" y2="{TOP + PH:.0f}" stroke="{axis}"/>',
        f'<line x1="{LEFT + PW:.0f}" x2="{LEFT + PW:.0f}" y1="{TOP:.0f}" y2="{TOP + PH:.0f}" stroke="{axis}"/>',
        f'<text class="axis-label" x="{LEFT + PW / 2:.0f}" y="{H - 12:.0f}" text-anchor="middle">Date</text>',
        f'<text class="axis-label" transform="translate(16 {TOP + PH / 2:.0f}) rotate(-90)" '
        f'text-anchor="middle">Daily load (TRIMP)</text>',
        f'<text class="axis-label" transform="translate({W - 14:.0f} {TOP + PH / 2:.0f}) rotate(90)" '
        f'text-anchor="middle">ACWR (acute:chronic)</text>',
    ]
    parts.append(_legend())
    parts.append("</svg>")
    return "\n".join(parts)


def _day_detail(d: DayLoad) -> str:
    bits = []
    if d.acute_mean is not None:
        bits.append(f"acute {d.acute_mean:.0f}")
    if d.chronic_mean is not None:
        bits.append(f"chronic {d.chronic_mean:.0f}")
    bits.append(f"ACWR {d.acwr:.2f}" if d.acwr is not None else "ACWR undefined")
    bits.append(f"TSB {d.tsb:.0f}")
    return "; " + ", ".join(bits)


def _legend() -> str:
    items = [
        f'<rect x="0" y="-9" width="14" height="10" fill="{COLORS["bar"]}"/>',
        f'<line x1="0" x2="16" y1="-4" y2="-4" stroke="{COLORS["acute"]}" stroke-width="2"/>',
        f'<line x1="0" x2="16" y1="-4" y2="-4" stroke="{COLORS["chronic"]}" stroke-width="2"/>',
        f'<line x1="0" x2="16" y1="-4" y2="-4" stroke="{COLORS["acwr"]}" stroke-width="1.5" stroke-dasharray="2 2"/>',
        f'<rect x="0" y="-9" width="14" height="10" fill="{COLORS["band"]}"/>',
        f'<line x1="0" x2="16" y1="-4" y2="-4" stroke="{COLORS["limit"]}" stroke-dasharray="6 4"/>',
        f'<circle cx="7" cy="-4" r="4" fill="{COLORS["session"]}"/>',
        f'<polygon points="7,-10 2,0 12,0" fill="{COLORS["heavy"]}"/>',
    ]
    labels = [
        "Daily load",
        "Acute (7-day mean)",
        "Chronic (28-day mean)",
        "ACWR (right axis)",
        f"Sweet spot {SWEET_SPOT[0]}-{SWEET_SPOT[1]}",
        f"ACWR {SPIKE_ACWR}",
        "Strength session",
        "Heavy lower body",
    ]
    out = ['<g class="legend" transform="translate(64 22)">']
    per_row = 4
    for k, (icon, label) in enumerate(zip(items, labels, strict=True)):
        x, y = (k % per_row) * 210, (k // per_row) * 20
        out.append(f'<g transform="translate({x} {y})">{icon}<text x="22" y="0">{escape(label)}</text></g>')
    out.append("</g>")
    return "".join(out)


def load_chart_html(report: LoadReport, sessions: Iterable[Session] | None = None) -> bytes:
    """The report as one HTML page: title, chart, latest figures, flags and notes. UTF-8 bytes."""
    title = f"Running load {report.start.isoformat()} to {report.end.isoformat()}"
    sess = sorted(sessions or (), key=lambda s: s[0])
    body: list[str] = [f"<h1>{escape(title)}</h1>"]
    if report.days:
        body.append(f'<figure class="chart">{_svg(report, sess, title)}</figure>')
    else:
        body.append("<p>No days in this report.</p>")
    latest = report.latest
    if latest is not None:
        acwr = f"{latest.acwr:.2f}" if latest.acwr is not None else "undefined"
        acwr_e = f"{latest.acwr_ewma:.2f}" if latest.acwr_ewma is not None else "undefined"
        body.append(
            "<p>"
            + escape(
                f"On {latest.date.isoformat()}: ACWR {acwr} (rolling), {acwr_e} (EWMA); "
                f"CTL {latest.ctl:.0f}, ATL {latest.atl:.0f}, TSB {latest.tsb:.0f}."
            )
            + "</p>"
        )
    flags = []
    if report.spikes:
        flags.append(
            f"{len(report.spikes)} day(s) with ACWR above {report.spike_threshold}: "
            + ", ".join(d.isoformat() for d in report.spikes[-5:])
            + (" (last 5 shown)" if len(report.spikes) > 5 else "")
        )
    if report.layoff.returning:
        flags.append(
            f"Returning from a {report.layoff.days}-day layoff" + (" (ongoing)" if report.layoff.ongoing else "")
        )
    if flags:
        body.append("<ul class='flags'>" + "".join(f"<li>{escape(f)}</li>" for f in flags) + "</ul>")
    if report.notes:
        body.append("<ul class='notes'>" + "".join(f"<li>{escape(n)}</li>" for n in report.notes) + "</ul>")
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One Monday-to-Sunday week of the report; acute/chronic/ACWR/TSB as of its last day in range.

    ``runs``, ``minutes`` and ``load`` count running activities only; ``cross`` is the week's
    cross-training TRIMP (``cross_sessions`` activities), shown apart. ``acute`` and ``chronic``
    are the 7- and 28-day rolling means (per day) of running plus weighted cross-training.
    """

    week_start: dt.date
    runs: int
    minutes: float
    load: float
    acute: float | None
    chronic: float | None
    acwr: float | None
    tsb: float
    cross: float = 0.0
    cross_sessions: int = 0


def load_table_rows(report: LoadReport, weeks: int) -> list[WeekRow]:
    """The last ``weeks`` weeks (Monday starts) overlapping the report, oldest first."""
    if not report.days or weeks <= 0:
        return []
    runs: dict[dt.date, list[float]] = {}
    cross: dict[dt.date, int] = {}
    for ld in report.loads:
        d = local_date(ld.start, report.tz)
        monday = d - dt.timedelta(days=d.weekday())
        if ld.sport == "running":
            runs.setdefault(monday, []).append(ld.duration_s)
        else:
            cross[monday] = cross.get(monday, 0) + 1
    grouped: dict[dt.date, list[DayLoad]] = {}
    for day in report.days:
        grouped.setdefault(day.date - dt.timedelta(days=day.date.weekday()), []).append(day)
    rows: list[WeekRow] = []
    for monday in sorted(grouped)[-weeks:]:
        days = grouped[monday]
        last = days[-1]
        durations = runs.get(monday, [])
        rows.append(
            WeekRow(
                week_start=monday,
                runs=len(durations),
                minutes=math.fsum(durations) / 60.0,
                load=math.fsum(d.load for d in days),
                acute=last.acute_mean,
                chronic=last.chronic_mean,
                acwr=last.acwr,
                tsb=last.tsb,
                cross=math.fsum(d.cross for d in days),
                cross_sessions=cross.get(monday, 0),
            )
        )
    return rows
