"""The load page as a runner sees it: drawn by Vega in headless Chromium, on a 375 px phone and a
desktop, and printed. Needs playwright, Chromium (/usr/bin/chromium or STRIDELIFT_CHROMIUM) and
vl-convert-python (the `charts` extra, for the inlined Vega library); skips, saying which is
missing, without them."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from stridelift.domain.load import ActivityLoad, load_report
from stridelift.exporters.load_chart import load_chart_html, vega_bundle

START = date(2026, 1, 5)
CHROMIUM = os.environ.get("STRIDELIFT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _page(tmp_path: Path) -> Path:
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    pytest.importorskip("vl_convert", reason="vl-convert-python (the charts extra) is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    loads = []
    for i in range(120):
        at = datetime(2026, 1, 5, 7, tzinfo=UTC) + timedelta(days=i)
        if i % 7 not in (0, 3):
            trimp = 60.0 + 40.0 * (i % 7 == 5) + 100.0 * (i > 110)
            loads.append(ActivityLoad(at, "running", trimp, "banister-hr", 3000))
        if i % 7 == 3:
            loads.append(ActivityLoad(at, "cycling", 90.0, "banister-hr", 5400))
    report = load_report(loads, start=START, end=START + timedelta(days=119))
    sessions = [(START + timedelta(days=d), "circuit", d % 14 == 2) for d in range(2, 119, 4)]
    path = tmp_path / "load.html"
    bundle = vega_bundle()
    assert bundle is not None
    path.write_bytes(load_chart_html(report, sessions, bundle=bundle))
    return path


MEASURE = """() => {
  const svg = document.querySelector('#chart svg');
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize));
  const titles = [...svg.querySelectorAll('text')].map(t => t.textContent);
  return {svgWidth: svg.getBoundingClientRect().width, docWidth: document.documentElement.scrollWidth,
          minFont: Math.min(...sizes), texts: titles};
}"""


def test_the_chart_draws_and_reads_on_a_phone_and_a_desktop(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    page_file = _page(tmp_path)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        errors: list[str] = []
        try:
            for width in (375, 1100):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.goto(page_file.as_uri())
                page.wait_for_selector("#chart svg", timeout=30_000)
                got: dict[str, Any] = page.evaluate(MEASURE)
                assert errors == []
                assert got["docWidth"] <= width, got  # nothing wider than the phone
                assert got["svgWidth"] <= width and got["svgWidth"] >= 0.8 * (min(width, 1100) - 24)
                assert got["minFont"] >= 11, got  # CSS pixels, not scaled down
                for title in ("Daily load (TRIMP, cross-training at 0.5x)", "Fitness, fatigue and form"):
                    assert title in got["texts"]
                shot = tmp_path / f"load-{width}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 10_000
                page.close()
            page = browser.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_selector("#chart svg", timeout=30_000)
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4")
            assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
        finally:
            browser.close()
