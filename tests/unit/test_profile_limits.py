"""Issue 7 item 6: bad profiles exit 2 with one line, always, for TOML and JSON alike.

Each case builds the profile that once raised a traceback (OverflowError, RecursionError,
ValueError, IsADirectoryError, AssertionError in icalendar) or was accepted though meaningless.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import icalendar
import pytest

from stridelift.profile import ProfileError, load_profile
from tests.cli_errors import assert_one_line_error, cli, to_toml, write_profile
from tests.conftest import BASE_PROFILE


def short(**changes: Any) -> dict[str, Any]:
    """The test profile over four weeks (quick to plan), with dotted changes (`athlete__name`)."""
    p: dict[str, Any] = copy.deepcopy(BASE_PROFILE)
    p["plan"] = {"start": "2027-03-01", "end": "2027-03-28"}
    p["races"] = [{"date": "2027-03-21", "distance": "10k", "priority": "B"}]
    for dotted, value in changes.items():
        *parents, leaf = dotted.split("__")
        node = p
        for key in parents:
            node = node[key]
        node[leaf] = value
    return p


def deep(n: int) -> Any:
    out: Any = []
    for _ in range(n):
        out = [out]
    return out


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("start-9999", short(plan={"start": "9999-12-01"}, races=[]), "plan.start: 9999-12-01 is outside the supported"),
    ("race-9999", short(races=[{"date": "9999-12-30", "distance": "5k"}]), "races[0].date: 9999-12-30 is outside"),
    ("start-0001", short(plan={"start": "0001-01-01"}, races=[]), "plan.start: 0001-01-01 is outside"),
    ("end-9999", short(plan={"start": "2027-03-01", "end": "9999-12-31"}), "plan.end: 9999-12-31 is outside"),
    ("distance-inf", short(races=[{"date": "2027-03-21", "distance": "inf"}]), "distance inf km is out of range"),
    ("distance-1e308", short(races=[{"date": "2027-03-21", "distance": "1e308"}]), "1e308 km is out of range"),
    ("distance-nan", short(races=[{"date": "2027-03-21", "distance": "nan"}]), "nan km is out of range"),
    ("distance-neg", short(races=[{"date": "2027-03-21", "distance": "-42"}]), "-42 km is out of range"),
    ("distance-zero", short(races=[{"date": "2027-03-21", "distance": "0"}]), "0 km is out of range"),
    ("distance-huge-int", short(races=[{"date": "2027-03-21", "distance": 10**400}]), "out of range"),
    ("distance-bool", short(races=[{"date": "2027-03-21", "distance": True}]), "races[0].distance"),
    ("tz-folder", short(athlete__timezone="Europe"), "unknown time zone 'Europe'"),
    ("tz-long", short(athlete__timezone="A" * 5000), "athlete.timezone"),
    ("tz-path", short(athlete__timezone="../../../etc/passwd"), "unknown time zone"),
    ("tz-empty", short(athlete__timezone=""), "unknown time zone ''"),
    ("tz-nul", short(athlete__timezone="Europe/Madrid\x00"), "unknown time zone"),
    ("name-newline", short(athlete__name="Ana\nBEGIN:VEVENT"), "athlete.name: contains the control character"),
    ("name-escape", short(athlete__name="\x1b[2J"), "athlete.name: contains the control character"),
    ("name-long", short(athlete__name="A" * 5000), "athlete.name: longer than"),
    ("race-name-cr", short(races=[{"date": "2027-03-21", "distance": "5k", "name": "x\r\n"}]), "races[0].name"),
    ("date-as-number", short(plan={"start": 20270301}), "plan.start: give a date as YYYY-MM-DD"),
    ("hr-huge", short(athlete__max_hr=10**4000), "athlete.max_hr"),
    ("deep", short(athlete__name=deep(40)), "nested more than"),
    ("week-huge", short(running={"week": [{"day": "mon", "type": "rest"}] * 20_000}), "running.week: List should"),
    ("races-many", short(races=[{"date": "2027-03-21", "distance": "5k"}] * 401), "races: List should have at most"),
    ("days-many", short(availability__days=["mon"] * 8), "availability.days: List should have at most 7"),
]


@pytest.mark.parametrize("kind", ["toml", "json"])
@pytest.mark.parametrize(("label", "doc", "needle"), CASES, ids=[c[0] for c in CASES])
def test_hostile_profile_is_one_line_exit_2(tmp_path: Path, kind: str, label: str, doc: Any, needle: str) -> None:
    path = write_profile(tmp_path, doc, kind)
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert needle in str(err.value) and "\n" not in str(err.value)
    assert_one_line_error(cli("plan", str(path), "--format", "ics"), needle)


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_numbers_beyond_python_digit_limit(tmp_path: Path, kind: str) -> None:
    text = to_toml(short()) if kind == "toml" else None
    body = "9" * 5000
    if text is not None:
        raw = text + f'"x" = {body}\n'
    else:
        import json

        raw = json.dumps(short())[:-1] + f', "x": {body}}}'
    path = write_profile(tmp_path, raw, kind)
    assert_one_line_error(cli("plan", str(path)), "a number with more than 4300 digits")


@pytest.mark.parametrize(
    ("kind", "text", "needle"),
    [
        ("toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than"),
        ("toml", "x = " + "{a=" * 100_000 + "1" + "}" * 100_000 + "\n", "nested more than"),
        ("toml", "a" + ".b" * 100_000 + " = 1\n", "dotted key"),
        ("toml", "[a" + ".b" * 100_000 + "]\n", "dotted key"),
        ("json", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested more than"),
        ("json", '{"x": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}", "nested more than"),
        ("json", '{"plan": {"start": "2027-03-01"}, "x": NaN}', "NaN is not a number"),
        ("json", '{"plan": {"start": "2027-03-01"}, "x": Infinity}', "Infinity is not a number"),
        ("json", '{"athlete": {"name": "\\ud800"}, "plan": {"start": "2027-03-01"}}', "athlete.name"),
        ("toml", "x = 1\n" * 200_000, "larger than"),
    ],
)
def test_hostile_text_is_refused_before_parsing(tmp_path: Path, kind: str, text: str, needle: str) -> None:
    path = write_profile(tmp_path, text, kind)
    assert_one_line_error(cli("plan", str(path)), needle)


def test_sane_values_still_plan(tmp_path: Path) -> None:
    """The limits refuse the hostile, not the unusual: numeric-string distances, any zone of the
    database, names in any script."""
    doc = short(athlete__timezone="America/Argentina/Buenos_Aires", athlete__name="José Núñez 田中")
    doc["races"] = [{"date": "2027-03-21", "distance": "42.2", "name": "Maratón"}]
    for kind in ("toml", "json"):
        path = write_profile(tmp_path, doc, kind, name=f"ok-{kind}")
        a = load_profile(path)
        assert a.races[0].distance_km == pytest.approx(42.2) and a.timezone == "America/Argentina/Buenos_Aires"
    out = tmp_path / "plan.ics"
    r = cli("plan", str(tmp_path / "ok-toml.toml"), "--format", "ics", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert any(c.name == "VEVENT" for c in cal.walk())


def test_names_that_look_like_markup_are_printed_as_text(tmp_path: Path) -> None:
    """Rich reads `[...]` as markup: a name `[/]` once raised MarkupError in the summary."""
    doc = short(athlete__name="[/] [bold red]Ana")
    doc["races"] = [{"date": "2027-03-21", "distance": "10k", "priority": "B", "name": "[/link]"}]
    path = write_profile(tmp_path, doc)
    r = cli("plan", str(path), "--format", "all", "-o", str(tmp_path / "out [x]"))
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("[/] [bold red]Ana: ") and "out [x]" in r.stdout
