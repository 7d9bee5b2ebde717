"""The app in real headless Chromium (Debian's, driven by Playwright): sign-up, onboarding, the
season, a gym-mode session with logging and the rest timer, the same session logged with the
network cut and synced after (each set stored once), and screenshots at 375 and 1280 px.

Without /usr/bin/chromium the tests skip, saying so; under CI (env CI set) they fail instead."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine

from stridelift.services import accounts, training
from stridelift.web import create_app
from tests.conftest import ROOT
from tests.web.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("STRIDELIFT_TEST_ARTIFACTS", ROOT / "test-artifacts"))
pytestmark = pytest.mark.slow
WORKING = '.exercise-card:not([data-rest="0"])'  # an exercise with a rest between sets


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def server(engine: Engine) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def _sign_up_and_plan(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/signup")
    page.fill('input[name="email"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(f"{base}/onboarding")
    page.fill('input[name="athlete.name"]', "Ana")
    page.select_option('select[name="athlete.experience"]', "intermediate")
    for e in ("dumbbells", "barbell", "bench", "band"):
        page.check(f'input[name="equipment.available"][value="{e}"]')
    page.fill('input[name="availability.sessions_per_week_max"]', "3")
    page.fill('input[name="availability.minutes_per_session"]', "50")
    for d in ("mon", "wed", "fri"):
        page.check(f'input[name="availability.days"][value="{d}"]')
    for i, (kind, minutes) in enumerate(
        [("rest", ""), ("interval", "60"), ("easy", "45"), ("tempo", "50"), ("easy", "40"), ("long", "120"),
         ("easy", "40")]
    ):  # fmt: skip
        page.select_option(f'select[name="running.week[{i}].type"]', kind)
        if minutes:
            page.fill(f'input[name="running.week[{i}].minutes"]', minutes)
    page.fill('input[name="races[0].date"]', "2027-04-18")
    page.fill('input[name="races[0].distance"]', "marathon")
    page.fill('input[name="plan.start"]', "2026-12-01")
    page.click('button[type="submit"]')
    page.wait_for_url(f"{base}/season", timeout=60_000)


def _stored_sets(engine: Engine, email: str) -> list[training.SetOut]:
    account = next(a for a in accounts.list_accounts(engine) if a.email == email)
    return training.logged_sets(engine, account)


def test_signup_onboarding_season_and_gym_mode(browser: Any, server: str, engine: Engine) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    _sign_up_and_plan(page, server, "ana@example.com")
    assert page.locator(".session").count() > 20
    assert page.locator("#rest-timer").is_hidden()
    _shot(page, "season-1280.png")
    href = page.locator('.session.fmt-straight_sets a[href^="/sessions/"]').first.get_attribute("href")
    ctx.close()

    phone = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{server}/login")
    page.fill('input[name="email"]', "ana@example.com")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.goto(f"{server}{href}")
    card = page.locator(WORKING).first
    assert card.locator(".cues li").count() >= 2 and "rest" in card.locator(".rx").inner_text()
    assert page.locator("#rest-timer").is_hidden()  # no rest before the first set
    sets = card.locator(".set")
    for i in range(sets.count()):
        sets.nth(i).locator(".reps").fill("5")
        sets.nth(i).locator(".load").fill("60")
        if i == 0:  # reps in reserve instead of the pre-filled RPE: typing it clears the RPE
            sets.nth(i).locator(".rir").type("2")
            assert sets.nth(i).locator(".rpe").input_value() == ""
        sets.nth(i).locator(".log-set").click()
    timer = page.locator("#rest-timer")
    timer.wait_for(state="visible")
    assert page.locator("#rest-left").inner_text() != "0:00"
    page.goto(f"{server}/season")  # leave the page: the timer keeps running
    page.locator("#rest-timer").wait_for(state="visible")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone
    page.goto(f"{server}{href}")
    _shot(page, "gym-375.png")
    deadline = time.monotonic() + 20
    while len(_stored_sets(engine, "ana@example.com")) < sets.count():
        assert time.monotonic() < deadline, "sets were not stored"
        time.sleep(0.2)
    stored = _stored_sets(engine, "ana@example.com")
    assert len(stored) == sets.count() and {s.load_kg for s in stored} == {60.0}
    first = next(s for s in stored if s.set_index == 0)
    assert (first.rir, first.rpe) == (2, None) and all(s.rir is None for s in stored if s.set_index)
    phone.close()


def test_offline_logging_syncs_each_set_once(browser: Any, server: str, engine: Engine) -> None:
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    _sign_up_and_plan(page, server, "off@example.com")
    href = page.locator('.session.fmt-straight_sets a[href^="/sessions/"]').first.get_attribute("href")
    page.goto(f"{server}{href}")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now the service worker controls the page and keeps it
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    ctx.set_offline(True)
    page.reload()  # opens from the service worker's cache with no network
    card = page.locator(WORKING).first
    n = card.locator(".set").count()
    for i in range(n):
        card.locator(".set").nth(i).locator(".load").fill("50")
        card.locator(".set").nth(i).locator(".log-set").click()
    card.locator(".set").nth(0).locator(".log-set").click()  # a second tap on a logged set resends the same UUID
    page.wait_for_function(f"outboxAll().then(a => a.length === {n})")
    _shot(page, "gym-offline-375.png")
    assert _stored_sets(engine, "off@example.com") == []
    ctx.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function("outboxAll().then(a => a.length === 0)", timeout=20_000)
    page.evaluate("outboxFlush()")  # a retry after success stores nothing new
    stored = _stored_sets(engine, "off@example.com")
    assert len(stored) == n and len({s.client_uuid for s in stored}) == n
    assert sorted(s.set_index for s in stored) == list(range(n))
    ctx.close()


def test_progress_chart_and_calendar_feed(browser: Any, server: str, engine: Engine) -> None:
    """Logged sets and an uploaded run draw the progress charts (readable at 375 px too); the
    account page makes a secret calendar address that a calendar app reads with no log-in."""
    import datetime as dt
    import uuid

    from tests.web.test_running_history import gpx_run

    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    _sign_up_and_plan(page, server, "chart@example.com")
    account = next(a for a in accounts.list_accounts(engine) if a.email == "chart@example.com")
    plan = training.current_plan(engine, account).plan
    heavy = [s for s in plan["sessions"] if s["format"] == "straight_sets"][:2]
    for s in heavy:
        ex = next(e for e in s["exercises"] if e["block"] == "strength")
        for i in range(2):
            training.log_set(engine, account, training.SetIn(str(uuid.uuid4()), training.session_key(s), ex["id"], i,
                                                             reps=5, load_kg=60.0, rir=2))  # fmt: skip
    monday = dt.date.fromisoformat(heavy[0]["date"])
    start = dt.datetime.combine(monday, dt.time(7), tzinfo=dt.UTC)
    page.goto(f"{server}/progress")
    assert page.locator("#load-chart").count() == 0  # nothing to set strength against yet
    page.set_input_files('#history-form input[name="files"]', files=[
        {"name": "run.gpx", "mimeType": "application/gpx+xml", "buffer": gpx_run(start, 50)},
        {"name": "long.gpx", "mimeType": "application/gpx+xml", "buffer": gpx_run(start + dt.timedelta(days=5), 100)},
    ])  # fmt: skip
    page.click("#history-form button[type=submit]")
    page.locator("#upload-result").wait_for()
    assert "Read 2 activities, 2 new." in page.locator("#upload-result").inner_text()
    chart = page.locator("#load-chart")
    assert chart.is_visible() and chart.locator("rect.run").count() >= 1
    heights = [float(h) for h in chart.locator("rect").evaluate_all("rs => rs.map(r => r.getAttribute('height'))")]
    assert max(heights) == 100 and sum(h > 0 for h in heights) >= 2  # both loads drawn, each to its own scale
    assert page.locator("#volume-chart rect").count() >= 1
    _shot(page, "progress-1280.png")

    page.goto(f"{server}/account")
    page.click('form[action="/account/calendar"] button')
    url = page.locator("#calendar-url").inner_text()
    anonymous = browser.new_context()
    feed = anonymous.request.get(url)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert body.startswith("BEGIN:VCALENDAR") and body.count("BEGIN:VEVENT") >= len(plan["sessions"])
    assert "chart@example.com" not in body  # the UIDs come from the account's identity, not its email
    anonymous.close()
    cookies = ctx.cookies()
    ctx.close()

    phone = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    phone.add_cookies(cookies)
    page = phone.new_page()
    page.goto(f"{server}/progress")
    assert page.locator("#load-chart").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = page.locator("#load-chart").bounding_box()
    assert box is not None and box["width"] <= 375 and box["height"] > 60  # readable, not a sliver
    page.locator("#load-chart").scroll_into_view_if_needed()
    _shot(page, "progress-375.png")
    page.goto(f"{server}/account")
    _shot(page, "calendar-375.png")
    phone.close()
