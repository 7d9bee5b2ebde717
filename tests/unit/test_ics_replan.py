"""Calendar files that update: re-plans parsed back with `icalendar`, as a calendar app reads them.

A calendar app keeps one event per UID and replaces it when SEQUENCE (then DTSTAMP) grows; an
event sent with STATUS:CANCELLED is removed. So across re-plans: a renamed runner keeps every UID,
a moved race changes and cancels events with a higher SEQUENCE, and what did not change keeps its
SEQUENCE and DTSTAMP.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from stridelift.services import PlanResult, plan_profile
from stridelift.services.exports import plan_calendar, plan_ics, plan_json, read_previous

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "examples" / "northern_marathoner.toml").read_text(encoding="utf-8")
NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 11, 27, 18, 0, tzinfo=dt.UTC)


def _profile(tmp_path: Path, name: str, *, runner: str = "Ana", race: str = "2027-04-18", ident: bool = True) -> Path:
    text = EXAMPLE.replace('name = "Ana"', f'name = "{runner}"' + ('\nid = "ana-7f3c"' if ident else ""))
    text = text.replace('date = "2027-04-18"', f'date = "{race}"')
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _export(tmp_path: Path, result: PlanResult, name: str, previous: Path | None, now: dt.datetime) -> bytes:
    """What `plan --format all` writes: the JSON (for the next --previous) and the .ics."""
    before = read_previous(previous) if previous else None
    events = plan_calendar(result.plan, result.athlete.id, before, now)
    (tmp_path / name).write_bytes(plan_json(result.plan, result.athlete.id, events))
    return plan_ics(result.plan, events, result.athlete.timezone)


def _events(data: bytes) -> dict[str, Any]:
    cal = Calendar.from_ical(data)
    out = {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}
    assert len(out) == len(cal.walk("VEVENT")), "duplicate UIDs"
    return out


def _seq(ev: Any) -> int:
    return int(ev.get("SEQUENCE", 0))


def _status(ev: Any) -> str:
    return str(ev.get("STATUS", "CONFIRMED"))


def test_renamed_runner_keeps_every_event(tmp_path: Path) -> None:
    first = plan_profile(_profile(tmp_path, "a.toml"))
    ics1 = _export(tmp_path, first, "plan1.json", None, NOW)
    renamed = plan_profile(_profile(tmp_path, "b.toml", runner="Ana García"))
    ics2 = _export(tmp_path, renamed, "plan2.json", tmp_path / "plan1.json", LATER)
    one, two = _events(ics1), _events(ics2)
    assert set(one) == set(two)  # no duplicate events, none cancelled
    assert len(two) == len(renamed.plan.sessions) > 40
    assert all(_status(ev) == "CONFIRMED" and _seq(ev) == 0 for ev in two.values())
    assert all(two[u].decoded("DTSTAMP") == one[u].decoded("DTSTAMP") for u in one)
    assert "Ana" not in "".join(one)  # the display name is not in any UID


def test_uids_never_come_from_the_display_name(tmp_path: Path) -> None:
    plain = plan_profile(_profile(tmp_path, "a.toml", ident=False))
    renamed = plan_profile(_profile(tmp_path, "b.toml", runner="Ana García", ident=False))
    with_id = plan_profile(_profile(tmp_path, "c.toml"))
    uids = [set(_events(_export(tmp_path, r, f"{k}.json", None, NOW))) for k, r in enumerate((plain, renamed, with_id))]
    assert uids[0] == uids[1]
    assert uids[0].isdisjoint(uids[2])  # another identity, other UIDs: two runners in one calendar


def test_moved_race_updates_cancels_and_keeps(tmp_path: Path) -> None:
    first = plan_profile(_profile(tmp_path, "a.toml"))
    ics1 = _export(tmp_path, first, "plan1.json", None, NOW)
    moved = plan_profile(_profile(tmp_path, "b.toml", race="2027-04-25"))
    ics2 = _export(tmp_path, moved, "plan2.json", tmp_path / "plan1.json", LATER)
    one, two = _events(ics1), _events(ics2)
    assert set(one) <= set(two)  # every old event is either kept, updated or cancelled
    confirmed = {u for u, ev in two.items() if _status(ev) == "CONFIRMED"}
    cancelled = {u for u, ev in two.items() if _status(ev) == "CANCELLED"}
    assert len(confirmed) == len(moved.plan.sessions)
    assert cancelled and cancelled <= set(one)
    changed = unchanged = 0
    for uid in confirmed & set(one):
        old, new = one[uid], two[uid]
        same = all(str(old[k]) == str(new[k]) for k in ("SUMMARY", "DESCRIPTION")) and old.decoded(
            "DTSTART"
        ) == new.decoded("DTSTART")
        if same:
            unchanged += 1
            assert (_seq(new), new.decoded("DTSTAMP")) == (0, old.decoded("DTSTAMP"))
        else:
            changed += 1
            assert (_seq(new), new.decoded("DTSTAMP")) == (1, LATER)
    assert changed and unchanged  # the early season stays, the build-up moves
    for uid in cancelled:
        assert (_seq(two[uid]), two[uid].decoded("DTSTAMP")) == (1, LATER)
        assert two[uid].decoded("DTSTART") == one[uid].decoded("DTSTART")
    for uid in confirmed - set(one):
        assert (_seq(two[uid]), two[uid].decoded("DTSTAMP")) == (0, LATER)


def test_versions_carry_over_several_replans(tmp_path: Path) -> None:
    """Back and forth: the race moves, then moves back; sequences only grow, cancelled events return."""
    _export(tmp_path, plan_profile(_profile(tmp_path, "a.toml")), "p1.json", None, NOW)
    moved = plan_profile(_profile(tmp_path, "b.toml", race="2027-04-25"))
    two = _events(_export(tmp_path, moved, "p2.json", tmp_path / "p1.json", LATER))
    back = plan_profile(_profile(tmp_path, "a.toml"))
    third = LATER + dt.timedelta(days=3)
    three = _events(_export(tmp_path, back, "p3.json", tmp_path / "p2.json", third))
    assert set(two) <= set(three)
    for uid, ev in three.items():
        assert _seq(ev) >= _seq(two[uid])
        if _status(two[uid]) == "CANCELLED" and _status(ev) == "CONFIRMED":
            assert (_seq(ev), ev.decoded("DTSTAMP")) == (2, third)  # a cancelled event returns newer
    # A fourth export of the same plan changes nothing: same versions, cancelled ones stay cancelled.
    four = _events(_export(tmp_path, back, "p4.json", tmp_path / "p3.json", third + dt.timedelta(days=1)))
    assert {u: (_seq(e), e.decoded("DTSTAMP"), _status(e)) for u, e in four.items()} == {
        u: (_seq(e), e.decoded("DTSTAMP"), _status(e)) for u, e in three.items()
    }


def test_plan_json_keeps_the_identity_and_calendar(tmp_path: Path) -> None:
    result = plan_profile(_profile(tmp_path, "a.toml"))
    _export(tmp_path, result, "plan.json", None, NOW)
    doc = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert doc["athlete"]["id"] == "ana-7f3c"
    assert doc["schema"] == "stridelift.plan/1"
    assert doc["calendar"]["schema"] == "stridelift.calendar/1"
    assert len(doc["calendar"]["events"]) == len(result.plan.sessions)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stridelift.cli", "plan", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_previous_round_trip(tmp_path: Path) -> None:
    done = _cli(str(_profile(tmp_path, "a.toml")), "--format", "all", "-o", str(tmp_path / "one"))
    assert done.returncode == 0, done.stderr
    moved = _profile(tmp_path, "b.toml", race="2027-04-25")
    prev = tmp_path / "one" / "plan.json"
    done = _cli(str(moved), "--format", "all", "-o", str(tmp_path / "two"), "--previous", str(prev))
    assert done.returncode == 0, done.stderr
    two = _events((tmp_path / "two" / "plan.ics").read_bytes())
    assert any(_status(ev) == "CANCELLED" for ev in two.values())
    assert set(_events((tmp_path / "one" / "plan.ics").read_bytes())) <= set(two)


@pytest.mark.parametrize(
    ("content", "needle"),
    [(None, "cannot read"), ("{not json", "not a JSON plan"), ('{"schema": "x"}', "schema")],
)
def test_cli_bad_previous_is_one_line(tmp_path: Path, content: str | None, needle: str) -> None:
    prev = tmp_path / "prev.json"
    if content is not None:
        prev.write_text(content, encoding="utf-8")
    out = tmp_path / "plan.ics"
    done = _cli(str(_profile(tmp_path, "a.toml")), "--format", "ics", "-o", str(out), "--previous", str(prev))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and needle in done.stderr, done.stderr
    assert "--previous" in done.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "calendar",
    [{"schema": "other"}, {"schema": "stridelift.calendar/1", "events": [{"uid": "x"}]}, "not an object"],
)
def test_a_broken_calendar_record_is_a_clear_error(tmp_path: Path, calendar: object) -> None:
    from stridelift.exporters.ics import CalendarStateError
    from stridelift.services.exports import previous_from_dict

    result = plan_profile(_profile(tmp_path, "a.toml"))
    _export(tmp_path, result, "plan.json", None, NOW)
    doc = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    doc["calendar"] = calendar
    with pytest.raises(CalendarStateError, match="calendar"):
        previous_from_dict(doc)
