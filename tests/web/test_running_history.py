"""Running history uploaded in the web app: each activity stored once per runner, bad files named,
and the progress page's running load against strength load, for the runner who uploaded it only."""

from __future__ import annotations

import datetime as dt
import uuid

from fastapi.testclient import TestClient

from stridelift.services.progress import LOAD_WEEKS, week_loads
from tests.conftest import shared_path
from tests.web.conftest import bearer, csrf_of, sign_up


def gpx_run(start: dt.datetime, minutes: int, speed_m_s: float = 3.0) -> bytes:
    """A run along a meridian at a steady pace, a point every 10 s."""
    points = []
    for i in range(minutes * 6 + 1):
        lat = 46.0 + i * 10 * speed_m_s / 111_320
        when = (start + dt.timedelta(seconds=10 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(f'<trkpt lat="{lat:.6f}" lon="14.5"><ele>300</ele><time>{when}</time></trkpt>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        + "".join(points)
        + "</trkseg></trk></gpx>"
    ).encode()


def _log_a_session(client: TestClient, headers: dict[str, str], start: str, end: str) -> str:
    s = next(x for x in client.get(f"/api/v1/sessions?start={start}&end={end}", headers=headers).json())
    ex = client.get(f"/api/v1/sessions/{s['key']}", headers=headers).json()["session"]["exercises"][0]
    for i in range(2):
        body = {"client_uuid": str(uuid.uuid4()), "session_key": s["key"], "exercise_id": ex["id"], "set_index": i,
                "reps": 8, "load_kg": 20, "rpe": 7}  # fmt: skip
        assert client.post("/api/v1/sets", json=body, headers=headers).status_code == 201
    return str(s["date"])


def test_history_is_stored_once_and_set_against_strength_load(app_client: TestClient, runner: dict[str, str]) -> None:
    week = dt.datetime(2027, 1, 11, 7, 0, tzinfo=dt.UTC)  # a Monday inside the example's plan
    files = [
        ("files", ("mon.gpx", gpx_run(week, 40), "application/gpx+xml")),
        ("files", ("thu.gpx", gpx_run(week + dt.timedelta(days=3), 60), "application/gpx+xml")),
        ("files", ("notes.txt", b"not an activity", "text/plain")),
    ]
    first = app_client.post("/api/v1/history", files=files, headers=runner).json()
    assert (first["read"], first["added"]) == (2, 2)
    assert [f["file"] for f in first["failed"]] == ["notes.txt"]
    assert "not an activity file" in first["failed"][0]["error"]
    again = app_client.post("/api/v1/history", files=files[:2], headers=runner).json()
    assert (again["read"], again["added"]) == (2, 0)  # the same activities, stored once

    before = app_client.get("/api/v1/progress", headers=runner).json()
    (row,) = [w for w in before["loads"] if w["monday"] == "2027-01-11"]
    assert row["running_trimp"] > 0 and row["strength_au"] == 0
    longer = row["running_trimp"]
    day = _log_a_session(app_client, runner, "2027-01-11", "2027-01-17")
    after = app_client.get("/api/v1/progress", headers=runner).json()
    (row,) = [w for w in after["loads"] if w["monday"] == "2027-01-11"]
    assert row["running_trimp"] == longer and row["strength_au"] > 0, day
    page = app_client.get("/progress").text
    assert 'id="load-chart"' in page and page.count('class="run"') == len(after["loads"])


def test_the_page_uploads_and_says_what_it_read(app_client: TestClient, engine: object) -> None:
    sign_up(app_client, "p@example.com")
    from tests.web.conftest import example_profile

    headers = bearer(engine, "p@example.com")  # type: ignore[arg-type]
    assert app_client.put("/api/v1/profile", json=example_profile(), headers=headers).status_code == 200
    page = app_client.get("/progress").text
    assert 'id="history-form"' in page and 'id="load-chart"' not in page  # nothing to compare yet
    run = gpx_run(dt.datetime(2027, 1, 19, 6, 30, tzinfo=dt.UTC), 30)
    r = app_client.post("/progress/history", data={"csrf_token": csrf_of(page)},
                        files=[("files", ("run.gpx", run, "application/gpx+xml"))])  # fmt: skip
    assert r.status_code == 200 and "Read 1 activity, 1 new." in r.text and 'id="load-chart"' in r.text
    forged = app_client.post("/progress/history", data={"csrf_token": "x"},
                             files=[("files", ("run.gpx", run, "application/gpx+xml"))])  # fmt: skip
    assert forged.status_code == 403


def test_history_is_private(app_client: TestClient, runner: dict[str, str], engine: object) -> None:
    run = [("files", ("run.gpx", gpx_run(dt.datetime(2027, 1, 12, 7, tzinfo=dt.UTC), 30), "application/gpx+xml"))]
    assert app_client.post("/api/v1/history", files=run, headers=runner).json()["added"] == 1
    other = TestClient(app_client.app)
    sign_up(other, "bo@example.com")
    bo = bearer(engine, "bo@example.com")  # type: ignore[arg-type]
    from tests.web.conftest import example_profile

    assert other.put("/api/v1/profile", json=example_profile(), headers=bo).status_code == 200
    assert other.get("/api/v1/progress", headers=bo).json()["loads"] == []
    assert other.post("/api/v1/history", files=run, headers=bo).json()["added"] == 1  # his own copy
    assert TestClient(app_client.app).post("/api/v1/history", files=run).status_code == 401


def test_the_chart_spans_half_a_year_up_to_the_last_load() -> None:
    monday = dt.date(2027, 1, 4)
    running = {monday - dt.timedelta(weeks=100): 50.0, monday: 80.0}
    weeks = week_loads(running, {monday - dt.timedelta(weeks=1): 300.0})
    assert len(weeks) == LOAD_WEEKS and weeks[-1].monday == monday
    assert [w.strength_au for w in weeks[-2:]] == [300.0, 0.0]
    assert week_loads({}, {monday: 300.0}) == []  # no running history: nothing to set it against


def test_real_activity_files_upload(app_client: TestClient, runner: dict[str, str]) -> None:
    folder = shared_path("data", "tcx")
    files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in sorted(folder.glob("*.tcx"))[:6]]
    out = app_client.post("/api/v1/history", files=files, headers=runner).json()
    assert out["read"] >= 1 and out["read"] + len(out["failed"]) == len(files)
