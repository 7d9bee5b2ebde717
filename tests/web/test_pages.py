"""Pages: onboarding (errors next to the field), season calendar with each session's why, gym mode,
the exercise library, downloads, and the offline files."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import sign_up

RUN_TYPES = ("rest", "interval", "easy", "tempo", "easy", "long", "easy")
FORM = {
    "athlete.name": "Ana",
    "athlete.experience": "intermediate",
    "athlete.hemisphere": "north",
    "athlete.timezone": "Europe/Madrid",
    "availability.sessions_per_week_max": "3",
    "availability.minutes_per_session": "50",
    "plan.start": "2026-12-01",
    "races[0].date": "2027-04-18",
    "races[0].distance": "marathon",
    "races[0].priority": "A",
    **{f"running.week[{i}].type": t for i, t in enumerate(RUN_TYPES)},
    **{f"running.week[{i}].minutes": m for i, m in enumerate(["", "60", "45", "50", "40", "120", "40"])},
}
LISTS = [("equipment.available", e) for e in ("dumbbells", "barbell", "bench", "band")] + [
    ("availability.days", d) for d in ("mon", "wed", "fri")
]


def _post_form(client: TestClient, csrf: str, form: dict[str, str]) -> object:
    body = "&".join(
        f"{k}={v}" for k, v in [*form.items(), *LISTS, ("csrf_token", csrf)]
    ).replace("[", "%5B").replace("]", "%5D")
    return client.post("/onboarding", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"},
                       follow_redirects=False)  # fmt: skip


def test_onboarding_error_is_next_to_its_field_and_nothing_is_stored(app_client: TestClient) -> None:
    csrf = sign_up(app_client, "o@example.com")
    r = _post_form(app_client, csrf, FORM | {"races[0].date": "2026-11-01"})  # before the start
    assert r.status_code == 422  # type: ignore[attr-defined]
    html = r.text  # type: ignore[attr-defined]
    field = html.index('name="races[0].date"')
    error = html.index('class="error" data-field="races')
    assert field < error < html.index('name="races[1].date"'), "the message sits right after the race field"
    assert 'value="Ana"' in html  # what was typed is kept
    assert app_client.get("/season", follow_redirects=False).headers["location"] == "/onboarding"


def test_onboarding_to_season_to_gym_mode(app_client: TestClient) -> None:
    csrf = sign_up(app_client, "g@example.com")
    r = _post_form(app_client, csrf, FORM)
    assert r.headers["location"] == "/season"  # type: ignore[attr-defined]
    season = app_client.get("/season").text
    keys = re.findall(r'href="/sessions/([0-9-]+(?:am|pm|any))"', season)
    assert len(keys) > 20 and "E-HEAVY" in season
    assert "Heavy" in season  # rule statements and titles are shown
    gym = app_client.get(f"/sessions/{keys[-1]}")
    assert gym.status_code == 200
    assert gym.text.count('class="log-set"') >= 3 and 'class="cues"' in gym.text and "rest" in gym.text
    assert 'data-session-key="' + keys[-1] + '"' in gym.text
    sets = gym.text.count('class="log-set"')
    assert gym.text.count('class="rpe"') == sets == gym.text.count('class="rir"')  # either effort, every set
    assert app_client.get("/exercises?q=squat").text.count('class="exercise"') >= 2
    assert app_client.get("/plan.json").json()["schema"] == "stridelift.plan/1"


def test_offline_files_are_served(app_client: TestClient) -> None:
    sw = app_client.get("/sw.js")
    assert sw.status_code == 200 and "outboxFlush" in sw.text and sw.headers["service-worker-allowed"] == "/"
    assert "htmx" in app_client.get("/static/htmx.min.js").text[:2000].lower()
    assert "indexedDB" in app_client.get("/static/outbox.js").text


def test_progress_page_and_calendar_feed(app_client: TestClient, engine: object) -> None:
    import datetime as dt
    import uuid

    from tests.web.conftest import bearer, example_profile

    csrf = sign_up(app_client, "p@example.com")
    headers = bearer(engine, "p@example.com")  # type: ignore[arg-type]
    profile = example_profile()
    start = dt.date.today() - dt.timedelta(weeks=3)
    profile["plan"] = {"start": start.isoformat()}
    profile["races"] = [{"date": (start + dt.timedelta(weeks=20)).isoformat(), "distance": "marathon",
                         "priority": "A"}]  # fmt: skip
    app_client.put("/api/v1/profile", json=profile, headers=headers)
    past = [s for s in app_client.get("/api/v1/sessions", headers=headers).json() if s["date"] < str(dt.date.today())]
    detail = app_client.get(f"/api/v1/sessions/{past[0]['key']}", headers=headers).json()
    ex = next(e for e in detail["session"]["exercises"] if e.get("reps"))
    for i in range(3):
        app_client.post("/api/v1/sets", headers=headers, json={"client_uuid": str(uuid.uuid4()),
                        "session_key": past[0]["key"], "exercise_id": ex["id"], "set_index": i, "reps": 5,
                        "load_kg": 50})  # fmt: skip
    page = app_client.get("/progress").text
    assert 'id="volume-chart"' in page and "750 kg" in page  # 3 x 5 x 50 kg in that week
    everything = app_client.get("/api/v1/sessions", headers=headers).json()
    so_far = [s for s in everything if s["date"] <= str(dt.date.today())]
    share = round(100 / len(so_far))
    assert f'<strong id="adherence">{share}%</strong>' in page
    assert ex["name"] in page
    r = app_client.post("/account/calendar", data={"csrf_token": csrf})
    url = re.search(r'<code id="calendar-url">([^<]+)</code>', r.text).group(1)  # type: ignore[union-attr]
    path = url.replace("http://testserver", "")
    anon = TestClient(app_client.app)
    feed = anon.get(path)
    assert feed.status_code == 200 and feed.text.startswith("BEGIN:VCALENDAR")
    assert feed.headers["content-type"].startswith("text/calendar")
    app_client.post("/account/calendar", data={"csrf_token": csrf})
    assert anon.get(path).status_code == 404  # a new address retires the old one
    assert anon.get("/calendar/not-a-secret.ics").status_code == 404


def test_printable_week_cards(app_client: TestClient) -> None:
    csrf = sign_up(app_client, "w@example.com")
    _post_form(app_client, csrf, FORM)
    season = app_client.get("/season").text
    link = re.search(r'href="(/week/[0-9-]+/cards)"', season).group(1)  # type: ignore[union-attr]
    weeks = re.findall(r'href="(/week/[0-9-]+/cards)"', season)
    cards = app_client.get(weeks[2]).text
    assert link.startswith("/week/") and cards.count('class="card"') >= 1
    assert "break-inside: avoid" in cards and cards.count('class="write"') >= 3
    assert "set 1" in cards and "RPE" in cards


def test_calendar_feed_keeps_uids_across_replans_and_cancels_removed_sessions(
    app_client: TestClient, engine: object
) -> None:
    from tests.web.conftest import bearer, example_profile

    csrf = sign_up(app_client, "cal@example.com")
    headers = bearer(engine, "cal@example.com")  # type: ignore[arg-type]
    profile = example_profile()
    app_client.put("/api/v1/profile", json=profile, headers=headers)
    r = app_client.post("/account/calendar", data={"csrf_token": csrf})
    path = re.search(r'<code id="calendar-url">http://testserver([^<]+)</code>', r.text).group(1)  # type: ignore[union-attr]

    def events(text: str) -> dict[str, str]:
        out = {}
        for block in text.split("BEGIN:VEVENT")[1:]:
            uid = re.search(r"UID:(\S+)", block).group(1)  # type: ignore[union-attr]
            out[uid] = block
        return out

    first = events(app_client.get(path).text)
    assert first and all("SEQUENCE" in b and "DTSTAMP" in b for b in first.values())
    assert all("Ana" not in uid for uid in first)
    profile["availability"]["days"] = ["mon", "wed"]  # fewer days: some sessions move or go
    profile["athlete"]["name"] = "Ana B."  # a new name changes no UID
    app_client.put("/api/v1/profile", json=profile, headers=headers)
    second = events(app_client.get(path).text)
    assert set(first) <= set(second)  # nothing vanishes: removed events come back cancelled
    cancelled = [u for u, b in second.items() if "STATUS:CANCELLED" in b]
    assert cancelled and all(u in first for u in cancelled)
    assert any("SEQUENCE:1" in second[u] for u in cancelled)
    assert events(app_client.get(path).text) == second  # reading the feed again changes nothing
