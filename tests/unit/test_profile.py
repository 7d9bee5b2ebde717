from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from stridelift.profile import ProfileError, load_profile, parse_profile
from tests.conftest import BASE_PROFILE


def profile(**changes: Any) -> dict[str, Any]:
    p: dict[str, Any] = copy.deepcopy(BASE_PROFILE)
    for dotted, value in changes.items():
        *parents, leaf = dotted.split("__")
        node = p
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return p


def test_parses_the_contract_profile() -> None:
    a = parse_profile(profile())
    assert a.name == "Test" and a.experience == "intermediate"
    assert a.strength_days == frozenset(range(7))
    assert "bodyweight" in a.equipment and "bosu" in a.equipment
    assert a.races[0].distance_km == pytest.approx(42.195)
    assert a.start == dt.date(2026, 11, 30) and a.end == dt.date(2027, 5, 2)
    assert not a.end_defaulted


def test_end_defaults_to_two_weeks_after_last_a_race() -> None:
    p = profile()
    del p["plan"]["end"]
    a = parse_profile(p)
    assert a.end == dt.date(2027, 5, 2) and a.end_defaulted
    p["races"].append({"date": "2027-05-20", "distance": "10k", "priority": "C"})
    assert parse_profile(p).end == dt.date(2027, 5, 27)


def test_doubles_are_am_and_pm_runs() -> None:
    p = profile(
        running__week=[
            {"day": "mon", "type": "easy", "minutes": 40},
            {"day": "mon", "type": "easy", "minutes": 30, "slot": "pm"},
        ]
    )
    a = parse_profile(p)
    assert a.has_doubles
    with pytest.raises(ProfileError, match="two runs on mon am"):
        parse_profile(profile(running__week=[{"day": "mon", "type": "easy"}, {"day": "mon", "type": "tempo"}]))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"athlete__favourite": "x"}, "unknown key 'favourite' in athlete"),
        ({"bogus": 1}, "unknown key 'bogus' in the top level"),
        ({"equipment__available": ["dumbbells", "rowing_machine"]}, "unknown equipment 'rowing_machine'"),
        ({"plan__end": "2026-11-01"}, "is before plan.start"),
        ({"races": [{"date": "2026-10-01", "distance": "5k"}]}, r"races\[0\]\.date 2026-10-01 is before plan.start"),
        ({"races": [{"date": "2027-09-01", "distance": "5k"}]}, "is after plan.end"),
        ({"races": [{"date": "2027-02-30", "distance": "5k"}]}, r"races\[0\]\.date"),
        ({"races": [{"date": "2027-03-01", "distance": "15 miles"}]}, "unknown distance '15 miles'"),
        ({"availability__sessions_per_week_max": 9}, "sessions_per_week_max"),
        ({"availability__days": ["monday"]}, r"availability\.days\[0\]"),
        ({"availability__days": []}, r"availability\.days: List should have at least 1 item"),
        ({"athlete__hemisphere": "east"}, "athlete.hemisphere"),
        ({"athlete__timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"injuries": [{"area": "elbow"}]}, r"injuries\[0\]\.area"),
        ({"plan__start": "2026-01-01", "plan__end": "2030-01-01"}, "at most"),
    ],
)
def test_bad_input_names_the_problem(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        parse_profile(profile(**changes))


def test_missing_start_is_named() -> None:
    p = profile()
    del p["plan"]["start"]
    with pytest.raises(ProfileError, match=r"missing required key plan\.start"):
        parse_profile(p)


def test_toml_syntax_error_and_json_profiles(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[athlete\nname = 'x'\n")
    with pytest.raises(ProfileError, match="TOML syntax error"):
        load_profile(bad)
    import json

    good = tmp_path / "p.json"
    good.write_text(json.dumps(profile()))
    assert load_profile(good).name == "Test"
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "missing.toml")


def test_a_time_zone_is_known_exactly_when_the_database_lists_it() -> None:
    """The per-name check (no walk over the whole database) agrees with zoneinfo's own listing on
    every name it lists and on every other path under the database's folders."""
    import os
    import zoneinfo

    from stridelift.profile import _zone_name

    listed = zoneinfo.available_timezones()
    names = set(listed) | {
        "",
        "posixrules",
        "Europe",
        "europe/madrid",
        "Europe//Madrid",
        "Europe/./Madrid",
        "Europe/../Europe/Madrid",
        "../zoneinfo/UTC",
        "/UTC",
        "right/UTC",
        "posix/UTC",
        "UTC\0",
        "Nowhere/City",
    }
    for root in zoneinfo.TZPATH:
        for folder, dirs, files in os.walk(root):
            names.update(os.path.relpath(os.path.join(folder, n), root) for n in [*dirs, *files])
    wrong = sorted(n for n in names if _zone_name(n) != (n in listed))
    assert wrong == []
    assert len(listed) > 300
