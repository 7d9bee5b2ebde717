"""The REST API: the season, idempotent set logging, symptoms, the library, 401 and 422."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.web.conftest import example_profile


def _first_heavy(client: TestClient, headers: dict[str, str]) -> tuple[str, str]:
    sessions = client.get("/api/v1/sessions", headers=headers).json()
    s = next(x for x in sessions if x["format"] == "straight_sets")
    detail = client.get(f"/api/v1/sessions/{s['key']}", headers=headers).json()
    ex = next(e for e in detail["session"]["exercises"] if e["block"] == "strength")
    return s["key"], ex["id"]


def test_plan_and_sessions(app_client: TestClient, runner: dict[str, str]) -> None:
    plan = app_client.get("/api/v1/plan", headers=runner).json()
    assert plan["start"] == "2026-12-01" and plan["sessions"] > 20 and plan["profile_version"] == 1
    sessions = app_client.get("/api/v1/sessions?start=2027-01-01&end=2027-01-31", headers=runner).json()
    assert sessions and all("2027-01-01" <= s["date"] <= "2027-01-31" for s in sessions)
    assert all(s["why"] for s in sessions)
    exported = app_client.get("/api/v1/plan/export?format=json", headers=runner)
    assert exported.json()["schema"] == "stridelift.plan/1"
    md = app_client.get("/api/v1/plan/export?format=md", headers=runner)
    assert md.headers["content-type"].startswith("text/markdown") and "Ana" in md.text


def test_replanning_keeps_versions_and_logs(app_client: TestClient, runner: dict[str, str]) -> None:
    key, ex = _first_heavy(app_client, runner)
    body = {"client_uuid": str(uuid.uuid4()), "session_key": key, "exercise_id": ex, "set_index": 0, "reps": 5,
            "load_kg": 60}  # fmt: skip
    assert app_client.post("/api/v1/sets", json=body, headers=runner).status_code == 201
    profile = example_profile()
    profile["availability"]["minutes_per_session"] = 45
    r = app_client.put("/api/v1/profile", json=profile, headers=runner)
    assert r.status_code == 200 and r.json()["profile_version"] == 2
    assert app_client.get("/api/v1/profile", headers=runner).json()["availability"]["minutes_per_session"] == 45
    assert [s["client_uuid"] for s in app_client.get("/api/v1/sets", headers=runner).json()] == [body["client_uuid"]]


def test_a_set_is_stored_once_whatever_the_retries(app_client: TestClient, runner: dict[str, str]) -> None:
    key, ex = _first_heavy(app_client, runner)
    sid = str(uuid.uuid4())
    body = {"session_key": key, "exercise_id": ex, "set_index": 0, "reps": 5, "load_kg": 80.0, "rpe": 8}
    first = app_client.post("/api/v1/sets", json=body, headers=runner | {"Idempotency-Key": sid})
    again = app_client.post("/api/v1/sets", json=body | {"client_uuid": sid}, headers=runner)
    third = app_client.post("/api/v1/sets", json=body, headers=runner | {"Idempotency-Key": sid})
    assert (first.status_code, again.status_code, third.status_code) == (201, 200, 200)
    stored = app_client.get("/api/v1/sets", headers=runner).json()
    assert len(stored) == 1 and stored[0]["client_uuid"] == sid and stored[0]["load_kg"] == 80.0
    assert app_client.get(f"/api/v1/sets/{sid}", headers=runner).json()["reps"] == 5
    detail = app_client.get(f"/api/v1/sessions/{key}", headers=runner).json()
    assert [s["client_uuid"] for s in detail["logged"]] == [sid]


def test_last_time_shows_the_previous_session(app_client: TestClient, runner: dict[str, str]) -> None:
    sessions = app_client.get("/api/v1/sessions", headers=runner).json()
    keyed = {}
    for s in sessions:
        for e in app_client.get(f"/api/v1/sessions/{s['key']}", headers=runner).json()["session"]["exercises"]:
            keyed.setdefault(e["id"], []).append(s["key"])
        repeated = [(i, k) for i, k in keyed.items() if len(k) >= 2]
        if repeated:
            break
    ex, (first, second, *_) = repeated[0]
    for i in range(3):
        body = {"client_uuid": str(uuid.uuid4()), "session_key": first, "exercise_id": ex, "set_index": i,
                "reps": 8, "load_kg": 40, "rpe": 7}  # fmt: skip
        assert app_client.post("/api/v1/sets", json=body, headers=runner).status_code == 201
    last = app_client.get(f"/api/v1/sessions/{second}", headers=runner).json()["last_time"]
    assert [(x["exercise_id"], x["summary"]) for x in last] == [(ex, "3x8 @ 40 kg, RPE 7")]


def test_reps_in_reserve_is_logged_beside_rpe(app_client: TestClient, runner: dict[str, str]) -> None:
    key, ex = _first_heavy(app_client, runner)
    sets: list[dict[str, object]] = [{"rir": 2}, {"rir": 1}, {"rpe": 8.5}]
    for i, effort in enumerate(sets):
        body: dict[str, object] = {"client_uuid": str(uuid.uuid4()), "session_key": key, "exercise_id": ex,
                                   "set_index": i, "reps": 8, "load_kg": 40} | effort  # fmt: skip
        assert app_client.post("/api/v1/sets", json=body, headers=runner).status_code == 201
    stored = app_client.get(f"/api/v1/sets?exercise_id={ex}", headers=runner).json()
    assert sorted((s["rpe"], s["rir"]) for s in stored if s["rir"] is not None) == [(None, 1), (None, 2)]
    detail = app_client.get(f"/api/v1/sessions/{key}", headers=runner).json()
    assert sorted(s["rir"] for s in detail["logged"] if s["rir"] is not None) == [1, 2]
    bad = app_client.post("/api/v1/sets", json={"session_key": key, "exercise_id": ex, "set_index": 3, "rir": 1.5,
                                                 "client_uuid": str(uuid.uuid4())}, headers=runner)  # fmt: skip
    assert bad.status_code == 422 and "rir" in bad.text


def test_bad_input_is_422_naming_the_field(app_client: TestClient, runner: dict[str, str]) -> None:
    key, ex = _first_heavy(app_client, runner)
    r = app_client.post("/api/v1/sets", json={"session_key": key, "exercise_id": ex, "set_index": 0, "rpe": 11,
                                                "client_uuid": str(uuid.uuid4())}, headers=runner)  # fmt: skip
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "rpe"
    r = app_client.post("/api/v1/sets", json={"session_key": key, "exercise_id": "not_in_session", "set_index": 0,
                                                "client_uuid": str(uuid.uuid4())}, headers=runner)  # fmt: skip
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "exercise_id"
    bad = example_profile()
    bad["races"][0]["date"] = "2027-02-30"
    r = app_client.put("/api/v1/profile", json=bad, headers=runner)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][1:3] == ["races[0]", "date"]
    assert app_client.get("/api/v1/profile", headers=runner).json()["races"][0]["date"] != "2027-02-30"


def test_symptoms_and_library(app_client: TestClient, runner: dict[str, str]) -> None:
    r = app_client.post("/api/v1/symptoms", json={"day": "2027-01-05", "site": "knee", "score": 6}, headers=runner)
    assert r.status_code == 201
    sid = r.json()["id"]
    assert app_client.get(f"/api/v1/symptoms/{sid}", headers=runner).json()["site"] == "knee"
    found = app_client.get("/api/v1/exercises?q=deadlift", headers=runner).json()
    assert found and all("deadlift" in (e["name"] + e["id"]).lower() for e in found)


def test_anonymous_data_requests_get_401(app_client: TestClient) -> None:
    schema = app_client.get("/api/v1/openapi.json").json()
    assert schema["paths"]
    for path, ops in schema["paths"].items():
        concrete = path.replace("{key}", "2027-01-05-pm").replace("{client_uuid}", str(uuid.uuid4()))
        concrete = concrete.replace("{symptom_id}", "1").replace("{exercise_id}", "back_squat")
        for method in ops:
            r = app_client.request(method.upper(), f"/api/v1{concrete}", json={})
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.headers["www-authenticate"] == "Bearer"
    bad = app_client.get("/api/v1/me", headers={"Authorization": "Bearer slt_not_a_token"})
    assert bad.status_code == 401


def test_double_progression_is_in_the_sessions_why(app_client: TestClient, runner: dict[str, str]) -> None:
    """An accessory lift (no %1RM) done for every rep last time: the next session says what to aim
    for, in the API's suggestions and in the page's why."""
    seen: dict[str, list[tuple[str, dict[str, object]]]] = {}
    for s in app_client.get("/api/v1/sessions", headers=runner).json():
        for e in app_client.get(f"/api/v1/sessions/{s['key']}", headers=runner).json()["session"]["exercises"]:
            if e["block"] == "strength" and not e["intensity"]["pct_1rm"] and (e["reps"] or 0) >= 6:
                seen.setdefault(e["id"], []).append((s["key"], e))
        if any(len(v) >= 2 for v in seen.values()):
            break
    ex_id, ((first, ex), (second, _), *_) = next((k, v) for k, v in seen.items() if len(v) >= 2)
    rpe = ex["intensity"]["rpe"] or 7  # type: ignore[index]
    rir = max(3, int(10 - rpe))  # every rep at or under the target effort (an RPE 6 swing or row: 4 in reserve)
    for i in range(int(ex["sets"])):  # type: ignore[call-overload]
        body = {"client_uuid": str(uuid.uuid4()), "session_key": first, "exercise_id": ex_id, "set_index": i,
                "reps": ex["reps"], "load_kg": 30, "rir": rir}  # fmt: skip
        assert app_client.post("/api/v1/sets", json=body, headers=runner).status_code == 201
    detail = app_client.get(f"/api/v1/sessions/{second}", headers=runner).json()
    (tip,) = [x for x in detail["suggestions"] if x["exercise_id"] == ex_id]
    assert tip["load_kg"] == 30 and "double progression" in tip["why"]
    assert tip["reps"] == ex["reps"] + 1  # type: ignore[operator]
    page = app_client.get(f"/sessions/{second}").text
    assert "Loads from your logs" in page and tip["why"] in page
