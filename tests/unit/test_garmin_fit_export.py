"""The Garmin FIT workout export, decoded back with garmin-fit-sdk and with our own decoder."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from garmin_fit_sdk import Decoder, Profile, Stream

from stridelift.catalog import load_library
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.plan import Plan, Prescription, Session
from stridelift.exporters.garmin_fit import WKT_NAME_MAX, file_stem, plan_to_fit_files, session_to_fit
from stridelift.importers.fit import decode_fit
from stridelift.services import plan_profile

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "northern_marathoner.toml"
NAME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}_(am|pm|any)_[a-z_]+(_[A-Z])?(-\d+)?\.fit$")


@pytest.fixture(scope="module")
def plan() -> Plan:
    return plan_profile(PROFILE).plan


@pytest.fixture(scope="module")
def library() -> ExerciseLibrary:
    return load_library()


@pytest.fixture(scope="module")
def files(plan: Plan, library: ExerciseLibrary) -> list[tuple[str, bytes]]:
    return plan_to_fit_files(plan, library)


@pytest.fixture(scope="module")
def decoded(files: list[tuple[str, bytes]]) -> dict[str, Any]:
    """Every file through the SDK decoder, after checking it is a sound FIT file.

    A fresh Decoder reads: the SDK's check_integrity() leaves its stream at the end, after which
    read() on the same Decoder returns no messages and no errors.
    """
    out: dict[str, Any] = {}
    for name, data in files:
        checker = Decoder(Stream.from_byte_array(bytearray(data)))
        assert checker.is_fit(), name
        assert checker.check_integrity(), name
        messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
        assert errors == [], (name, errors)
        assert set(messages) == {"file_id_mesgs", "workout_mesgs", "workout_step_mesgs"}, name
        out[name] = messages
    return out


def _by_file(plan: Plan) -> dict[str, Session]:
    return {f"{file_stem(s)}.fit": s for s in plan.sessions}


def _is_repeat(step: dict[str, Any]) -> bool:
    return bool(step["duration_type"] == "repeat_until_steps_cmplt")


def _is_rest(step: dict[str, Any]) -> bool:
    return step.get("intensity") == "rest"


def _exercise_name_number(category: str, name: str) -> int:
    table: dict[int, str] = Profile["types"][f"{category}_exercise_name"]
    return next(num for num, value in table.items() if value == name)


def test_one_file_per_session_with_unique_stable_names(plan: Plan, files: list[tuple[str, bytes]]) -> None:
    names = [n for n, _ in files]
    assert len(files) == len(plan.sessions)
    assert len(set(names)) == len(names)
    assert len({n.lower() for n in names}) == len(names)
    assert all(NAME_RE.match(n) for n in names), names
    assert set(names) == set(_by_file(plan))
    first_circuit = next(s for s in plan.sessions if s.format == "circuit")
    assert f"{first_circuit.date}_{first_circuit.slot}_circuit_A.fit" in names


def test_file_id_and_workout_messages(plan: Plan, decoded: dict[str, dict[str, Any]]) -> None:
    serials = set()
    for name, m in decoded.items():
        [file_id] = m["file_id_mesgs"]
        assert file_id["type"] == "workout"
        assert file_id["manufacturer"] == "development"
        assert file_id["product"] == 1
        assert file_id["time_created"].date() == plan.start
        serials.add(file_id["serial_number"])
        [workout] = m["workout_mesgs"]
        assert workout["sport"] == "training"
        assert workout["sub_sport"] == "strength_training"
        assert 0 < len(workout["wkt_name"]) <= WKT_NAME_MAX
        steps = m["workout_step_mesgs"]
        assert workout["num_valid_steps"] == len(steps), name
        assert [s["message_index"] for s in steps] == list(range(len(steps)))
    assert len(serials) == len(decoded)  # a device keys workouts by type/manufacturer/product/serial


def test_every_prescription_is_a_step_with_its_dose_rest_and_sets(
    plan: Plan, library: ExerciseLibrary, decoded: dict[str, dict[str, Any]]
) -> None:
    sessions = _by_file(plan)
    for name, m in decoded.items():
        session = sessions[name]
        steps: list[dict[str, Any]] = m["workout_step_mesgs"]
        exercise_at: list[tuple[int, Prescription]] = []
        i = 0
        for p in sorted(session.exercises, key=lambda e: e.order):
            while _is_repeat(steps[i]):
                i += 1
            step = steps[i]
            ex = library.get(p.id)
            assert step["exercise_category"] == ex.fit_category, (name, p.id)
            if ex.fit_name:
                assert step["exercise_name"] == _exercise_name_number(ex.fit_category, ex.fit_name), (name, p.id)
            else:
                assert "exercise_name" not in step, (name, p.id)
            assert step["intensity"] == ("warmup" if p.block == "warmup" else "active")
            assert step["target_type"] == "open"
            if p.reps is not None:
                assert (step["duration_type"], step["duration_reps"]) == ("reps", p.reps)
            else:
                assert (step["duration_type"], step["duration_time"]) == ("time", p.duration_s)
            assert "exercise_weight" not in step  # only %1RM is known, never kilograms
            if p.intensity.pct_1rm is not None:
                assert f"{round(p.intensity.pct_1rm * 100)}% 1RM" in step["notes"]
            if p.intensity.rpe is not None:
                assert f"RPE {p.intensity.rpe:g}" in step["notes"]
            exercise_at.append((i, p))
            i += 1
            if p.rest_s > 0:
                rest = steps[i]
                assert _is_rest(rest), (name, p.id)
                assert (rest["duration_type"], rest["duration_time"]) == ("time", p.rest_s)
                i += 1
        assert all(_is_repeat(s) for s in steps[i:]), name
        repeats = [(k, s) for k, s in enumerate(steps) if _is_repeat(s)]
        for k, rep in repeats:  # a repeat points back at an exercise step and closes right before itself
            assert rep["duration_step"] < k
            assert any(at == rep["duration_step"] for at, _ in exercise_at)
            assert rep["repeat_steps"] >= 2
        for at, p in exercise_at:
            covering = [s["repeat_steps"] for k, s in repeats if s["duration_step"] <= at < k]
            assert covering == ([p.sets] if p.sets > 1 else []), (name, p.id)


def test_circuit_is_one_repeat_over_eight_stations_for_three_rounds(
    plan: Plan, decoded: dict[str, dict[str, Any]]
) -> None:
    first_circuit = next(s for s in plan.sessions if s.format == "circuit")
    steps = decoded[f"{first_circuit.date}_{first_circuit.slot}_circuit_A.fit"]["workout_step_mesgs"]
    stations = [p for s in plan.sessions if s.format == "circuit" for p in s.exercises if p.block == "circuit"]
    assert stations
    [(k, rep)] = [(k, s) for k, s in enumerate(steps) if _is_repeat(s) and s["repeat_steps"] == 3]
    body = steps[rep["duration_step"] : k]
    work = [s for s in body if not _is_rest(s)]
    rests = [s for s in body if _is_rest(s)]
    assert len(work) == 8
    assert len(rests) == 8
    # the seed's 20 reps, 10 on each side of a one-sided station, or the fewer a station's exercise data
    # caps it at (E-CIRCUIT-DOSE)
    want = [p.reps for p in first_circuit.exercises if p.block == "circuit"]
    assert [s["duration_reps"] for s in work] == want and set(want) <= {20, 12, 10}
    assert all(s["duration_type"] == "reps" for s in work)
    assert all(s["duration_time"] == 30 for s in rests)
    assert [_is_rest(s) for s in body] == [False, True] * 8  # 30 s rest after each station


def test_exports_are_byte_identical(files: list[tuple[str, bytes]], library: ExerciseLibrary) -> None:
    again = plan_to_fit_files(plan_profile(PROFILE).plan, library)
    assert again == files


def test_clashing_sessions_get_distinct_names(plan: Plan, library: ExerciseLibrary) -> None:
    first = plan.sessions[0]
    twin = dataclasses.replace(plan, sessions=[first, dataclasses.replace(first, title="Second")])
    names = [n for n, _ in plan_to_fit_files(twin, library)]
    assert names == [f"{file_stem(first)}.fit", f"{file_stem(first)}-2.fit"]


def test_session_name_is_cut_and_unknown_exercises_still_export(plan: Plan, library: ExerciseLibrary) -> None:
    session = plan.sessions[0]
    odd = dataclasses.replace(session.exercises[0], id="not_in_library", reps=None, duration_s=None)
    data = session_to_fit(dataclasses.replace(session, exercises=(odd,)), library, name="x" * 80)
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    assert messages["workout_mesgs"][0]["wkt_name"] == "x" * WKT_NAME_MAX
    step = messages["workout_step_mesgs"][0]
    assert (step["exercise_category"], step["duration_type"]) == ("unknown", "open")


def test_every_library_exercise_exports_with_its_fit_category_and_name(plan: Plan, library: ExerciseLibrary) -> None:
    """The whole library in one workout, decoded by the SDK: each step names its FIT exercise."""
    session = plan.sessions[0]
    template = dataclasses.replace(session.exercises[0], block="strength", sets=1, rest_s=0, reps=5)
    every = tuple(
        dataclasses.replace(template, id=ex.id, name=ex.name, order=k + 1) for k, ex in enumerate(library)
    )
    data = session_to_fit(dataclasses.replace(session, exercises=every), library, name="Library")
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    steps = messages["workout_step_mesgs"]
    assert len(steps) == len(library)
    for step, ex in zip(steps, library, strict=True):
        assert ex.fit_name is not None, ex.id
        assert step["exercise_category"] == ex.fit_category, ex.id
        assert step["exercise_name"] == _exercise_name_number(ex.fit_category, ex.fit_name), ex.id


def test_our_decoder_reads_the_workout_steps(files: list[tuple[str, bytes]], decoded: dict[str, Any]) -> None:
    name, data = next((n, d) for n, d in files if "circuit" in n)
    fit = decode_fit(data)
    sdk_steps = decoded[name]["workout_step_mesgs"]
    assert fit.count("workout_step") == len(sdk_steps) == int(fit.messages["workout"]["num_valid_steps"][0])
    cols = fit.messages["workout_step"]
    category_nums = {v: k for k, v in Profile["types"]["exercise_category"].items()}
    for k, sdk in enumerate(sdk_steps):
        assert cols["message_index"][k] == k
        assert cols["wkt_step_name"][k] == sdk.get("wkt_step_name")
        if "exercise_category" in sdk:
            assert cols["exercise_category"][k] == category_nums[sdk["exercise_category"]]
        for field in ("duration_reps", "duration_time", "duration_step", "repeat_steps"):
            if field in sdk:
                assert cols[field][k] == sdk[field], (k, field)
            else:
                assert math.isnan(cols[field][k]), (k, field)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stridelift.cli", "plan", str(PROFILE), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_cli_writes_one_fit_file_per_session(tmp_path: Path, plan: Plan) -> None:
    out = tmp_path / "watch"
    done = _cli("--format", "fit", "-o", str(out))
    assert done.returncode == 0, done.stderr
    written = sorted(out.glob("*.fit"))
    assert len(written) == len(plan.sessions)
    # No temporary files left behind; the manifest names the workouts to replace on re-export.
    assert sorted(p.name for p in out.iterdir()) == sorted([".stridelift-workouts.json", *(p.name for p in written)])
    mask = os.umask(0o022)
    os.umask(mask)
    assert {p.stat().st_mode & 0o777 for p in written} == {0o666 & ~mask}  # 0644 under umask 022
    assert str(written[0]) in done.stdout


def test_cli_fit_needs_a_folder(tmp_path: Path) -> None:
    done = _cli("--format", "fit")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "-o" in done.stderr
    assert done.stdout == ""
    not_a_folder = tmp_path / "plan.fit"
    not_a_folder.write_bytes(b"")
    done = _cli("--format", "fit", "-o", str(not_a_folder))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert not_a_folder.read_bytes() == b""


def test_reexport_replaces_only_the_workouts_stridelift_wrote(tmp_path: Path, plan: Plan) -> None:
    from stridelift.services.exports import WORKOUT_MANIFEST, write_workout_folder

    library = load_library()
    out = tmp_path / "watch"
    out.mkdir()
    mine = {"notes.txt": b"my notes", "run.fit": b"not ours", "manifest.json": b"{}"}
    for name, blob in mine.items():
        (out / name).write_bytes(blob)
    first = write_workout_folder(out, plan, "ana")
    assert len(first) == len(plan.sessions)
    # A re-plan with half the sessions: the other half's files go, the runner's files stay.
    shorter = dataclasses.replace(plan, sessions=plan.sessions[: len(plan.sessions) // 2])
    # One old workout name is now the runner's own file: it is not ours any more, so it stays.
    replaced = first[-1]
    replaced.write_bytes(b"my own workout")
    second = write_workout_folder(out, shorter, "ana")
    assert set(second) < set(first)
    fits = {p.name for p in out.glob("*.fit")}
    assert fits == {p.name for p in second} | {"run.fit", replaced.name}
    for name, blob in mine.items():
        assert (out / name).read_bytes() == blob
    assert replaced.read_bytes() == b"my own workout"
    manifest = json.loads((out / WORKOUT_MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"] == sorted(p.name for p in second)
    # A manifest that names files outside the folder or non-workouts is not followed.
    (tmp_path / "outside.fit").write_bytes(plan_to_fit_files(plan, library)[0][1])
    (out / WORKOUT_MANIFEST).write_text(
        json.dumps({"schema": "stridelift.workouts/1", "files": ["../outside.fit", "notes.txt"]}), encoding="utf-8"
    )
    write_workout_folder(out, shorter, "ana")
    assert (tmp_path / "outside.fit").exists() and (out / "notes.txt").exists()


def test_renamed_runner_keeps_workout_serials(plan: Plan, library: ExerciseLibrary) -> None:
    renamed = dataclasses.replace(plan, athlete_name="Someone Else")
    assert plan_to_fit_files(renamed, library, identity="ana") == plan_to_fit_files(plan, library, identity="ana")
    assert plan_to_fit_files(plan, library, identity="ana") != plan_to_fit_files(plan, library, identity="bo")
