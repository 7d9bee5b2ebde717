"""The running-load page: a Vega-Lite chart (``load_spec``) with the weekly figures beside it.

The page needs no network: the spec and its data are inline, and so is the Vega library when
``vl-convert-python`` (the ``charts`` extra) is installed, which builds the bundle once into the
user's cache. Without it the page loads Vega from a CDN. Either way the weekly table, the latest
figures, the flags and the notes are plain HTML: readable without the chart, on a phone, on paper.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Final

from stridelift.domain.load import DayLoad, LoadReport, local_date
from stridelift.exporters.load_spec import Session, load_chart_spec
from stridelift.formatting import fmt_num

__all__ = ["Session", "WeekRow", "fmt_num", "load_chart_html", "load_table_rows", "vega_bundle"]

CDN: Final = (
    "https://cdn.jsdelivr.net/npm/vega@6",
    "https://cdn.jsdelivr.net/npm/vega-lite@6",
    "https://cdn.jsdelivr.net/npm/vega-embed@7",
)

CSS: Final = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1rem auto; max-width: 1100px;
       padding: 0 0.75rem; color: #222; font-size: 16px; line-height: 1.4; }
h1 { font-size: 1.3rem; margin: 0.2rem 0 0.6rem; }
#chart { width: 100%; min-height: 120px; margin: 0.5rem 0; }
#chart .vega-embed { width: 100%; }
.latest { font-size: 1rem; }
.flags { color: #a8322d; }
.notes { font-size: 0.85rem; color: #444; }
.weeks { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
th, td { padding: 0.2rem 0.4rem; text-align: right; border-bottom: 1px solid #e5e5e5; white-space: nowrap; }
th { white-space: normal; vertical-align: bottom; }
th:first-child, td:first-child { text-align: left; }
td.spike { color: #a8322d; font-weight: 600; }
.nochart { padding: 0.5rem; background: #fff6e5; border: 1px solid #f0d9a8; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  #chart { break-inside: avoid; }
  .weeks { overflow: visible; }
  tr { break-inside: avoid; }
}
"""


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stridelift"


def vega_bundle() -> str | None:
    """Vega, Vega-Lite and vega-embed as one script, from ``vl-convert-python`` if installed.

    Building the bundle takes seconds, so it is kept in the user's cache, keyed by the
    vl-convert version; None when the package is not installed (the page then uses the CDN).
    """
    try:
        import vl_convert as vlc  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    version = str(getattr(vlc, "__version__", "0"))
    path = _cache_dir() / f"vega-bundle-{version}.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    globals_ = "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite; window.vega = vega;"
    bundle = str(vlc.javascript_bundle(globals_)).replace("</script", "<\\/script")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(bundle, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still gets its chart, only without the cache
    return bundle


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element (no "</script>" or "<!--" can close or confuse it)."""
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c")


EMBED: Final = """
(function () {
  var box = document.getElementById("chart");
  function fail(why) {
    box.innerHTML = '<p class="nochart">The chart could not be drawn (' + why + '); the weekly table below has '
      + 'the same figures.</p>';
  }
  if (typeof vegaEmbed !== "function") { fail("the Vega library did not load"); return; }
  var spec = JSON.parse(document.getElementById("load-spec").textContent);
  var drawn = 0;
  function draw() {
    var width = Math.max(220, box.clientWidth - 70);  /* room for the y axis and its title */
    if (Math.abs(width - drawn) < 8) { return; }
    drawn = width;
    spec.vconcat.forEach(function (v) { v.width = width; });
    spec.config.legend.columns = width < 420 ? 2 : undefined;  /* a phone: legends in two columns */
    vegaEmbed(box, spec, {renderer: "svg", actions: false}).catch(function (e) { fail(String(e)); });
  }
  draw();
  var timer = null;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(draw, 150); });
  window.addEventListener("beforeprint", draw);
})();
"""


def _week_table(rows: Sequence[WeekRow], threshold: float) -> str:
    head = ("week of", "runs", "minutes", "running load", "cross-training", "acute/day", "chronic/day", "ACWR", "TSB")

    f = fmt_num
    out = ["<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"]
    for r in rows:
        spike = r.acwr is not None and r.acwr > threshold
        cross = f"{r.cross:.0f} ({r.cross_sessions})" if r.cross_sessions else "-"
        cells = [
            f"{r.week_start:%d %b %Y}",
            str(r.runs),
            f(r.minutes),
            f(r.load),
            cross,
            f(r.acute),
            f(r.chronic),
            f(r.acwr, ".2f"),
            f(r.tsb),
        ]
        tds = "".join(
            f'<td class="spike">{escape(c)}</td>' if spike and i == 7 else f"<td>{escape(c)}</td>"
            for i, c in enumerate(cells)
        )
        out.append(f"<tr>{tds}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def load_chart_html(
    report: LoadReport,
    sessions: Iterable[Session] | None = None,
    *,
    weeks: int | None = None,
    bundle: str | None = None,
) -> bytes:
    """The report as one HTML page: title, latest figures, chart, weekly table, flags, notes.

    ``bundle``: the Vega script to inline (default: :func:`vega_bundle`, or the CDN without it).
    """
    title = f"Running load {report.start.isoformat()} to {report.end.isoformat()}"
    sess = sorted(sessions or (), key=lambda s: s[0])
    body: list[str] = [f"<h1>{escape(title)}</h1>"]
    latest = report.latest
    if latest is not None:
        acwr = f"{latest.acwr:.2f}" if latest.acwr is not None else "undefined"
        acwr_e = f"{latest.acwr_ewma:.2f}" if latest.acwr_ewma is not None else "undefined"
        body.append(
            '<p class="latest">'
            + escape(
                f"On {latest.date:%a %d %b %Y}: ACWR {acwr} (rolling), {acwr_e} (EWMA); "
                f"fitness (CTL) {latest.ctl:.0f}, fatigue (ATL) {latest.atl:.0f}, form (TSB) {latest.tsb:.0f}."
            )
            + "</p>"
        )
    flags = []
    if report.spikes:
        flags.append(
            f"{len(report.spikes)} day(s) with ACWR above {report.spike_threshold:g}: "
            + ", ".join(d.isoformat() for d in report.spikes[-5:])
            + (" (last 5 shown)" if len(report.spikes) > 5 else "")
        )
    if report.layoff.returning:
        flags.append(report.layoff.describe())
    if flags:
        body.append('<ul class="flags">' + "".join(f"<li>{escape(f)}</li>" for f in flags) + "</ul>")
    scripts = ""
    if report.days:
        spec = load_chart_spec(report, sess)
        body.append(f'<figure id="chart" role="img" aria-label="{escape(title)}"></figure>')
        body.append(
            "<noscript><p class='nochart'>The chart needs JavaScript; the table below has the figures.</p></noscript>"
        )
        js = bundle if bundle is not None else vega_bundle()
        lib = f"<script>{js}</script>" if js else "".join(f'<script src="{u}"></script>' for u in CDN)
        data = f'<script type="application/json" id="load-spec">{_script_json(spec)}</script>'
        scripts = f"{data}\n{lib}\n<script>{EMBED}</script>"
    else:
        body.append("<p>No days in this report.</p>")
    rows = load_table_rows(report, weeks if weeks is not None else math.ceil(len(report.days) / 7) + 1)
    if rows:
        table = _week_table(rows, report.spike_threshold)
        body.append(f'<section class="weeks"><h2>By week</h2>{table}</section>')
    if report.notes:
        body.append('<ul class="notes">' + "".join(f"<li>{escape(n)}</li>" for n in report.notes) + "</ul>")
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n"
        + scripts
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
