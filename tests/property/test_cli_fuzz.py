"""Many broken profiles and plans thrown at the command line (in-process, typer's CliRunner).

Two kinds of damage:
- a value no field accepts (deep nesting, control characters, lone surrogates, NaN, a huge
  number, an unknown key) put anywhere in a valid document: always exit 2 with one line;
- random edits of the text (cut, repeat, insert hostile chunks): the result may still be valid,
  so any exit the contract allows (0, 1 for `check`, 2), but never a traceback or a second line.

STRIDELIFT_PROPERTY_EXAMPLES sets the number of examples per test (CI-sized by default).
"""

from __future__ import annotations

import copy
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stridelift.exporters.plan_json import plan_to_dict
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.cli_errors import assert_one_line_error, cli, to_toml, write_profile
from tests.conftest import BASE_PROFILE

EXAMPLES = int(os.environ.get("STRIDELIFT_PROPERTY_EXAMPLES", "60"))  # each a process-free CLI run
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
Path_ = tuple[str | int, ...]


def small_profile() -> dict[str, Any]:
    p: dict[str, Any] = copy.deepcopy(BASE_PROFILE)
    p["athlete"]["timezone"] = "Europe/Madrid"
    p["plan"] = {"start": "2027-03-01", "end": "2027-03-21"}
    p["races"] = [{"date": "2027-03-14", "distance": "10k", "priority": "B", "name": "Spring 10k"}]
    return p


@lru_cache(maxsize=1)
def _plan_text() -> str:
    return json.dumps(plan_to_dict(plan_athlete(parse_profile(small_profile()))))


def paths(doc: Any) -> list[Path_]:
    """Every node below the root, as a key path (iterative: documents may be deep)."""
    out: list[Path_] = []
    todo: list[tuple[Path_, Any]] = [((), doc)]
    while todo:
        where, node = todo.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            out.append((*where, k))
            todo.append(((*where, k), v))
    return sorted(out, key=repr)


def put(doc: Any, where: Path_, value: Any) -> None:
    node = doc
    for k in where[:-1]:
        node = node[k]
    node[where[-1]] = value


def nested(depth: int) -> Any:
    out: Any = "x"
    for _ in range(depth):
        out = [out]
    return out


# refused in names and ids (one line) and in notes and cues (which may break lines) alike
CONTROL = st.sampled_from(["\x00", "\x1b[2J", "\x1b]0;title\x07", "\x7f", "\x85", "\x9b"])
never_valid = st.one_of(
    st.integers(33, 200).map(nested),
    st.tuples(st.text(max_size=8), CONTROL, st.text(max_size=8)).map("".join),
    st.just("\ud800"),
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    st.integers(300, 1000).map(lambda n: 10**n),
)
hostile_chunk = st.one_of(
    st.sampled_from(
        ["[" * 5000, "{" * 3000, "a" + ".b" * 5000, "9" * 5000, "NaN", "inf", '"\\ud800"', "\x00", "9999-12-31"]
    ),
    st.text(max_size=20),
)


def _get(doc: Any, where: Path_) -> Any:
    for k in where:
        doc = doc[k]
    return doc


PROFILE_PATHS = paths(small_profile())
PROFILE_TABLES = [()] + [w for w in PROFILE_PATHS if isinstance(_get(small_profile(), w), dict)]
KINDS = st.sampled_from(["toml", "json"])


@st.composite
def edited_text(draw: st.DrawFn, text: str) -> str:
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 200)))
        how = draw(st.sampled_from(["cut", "insert", "replace", "repeat"]))
        if how == "cut":
            text = text[:i] + text[j:]
        elif how == "repeat":
            text = text[:j] + text[i:j] * draw(st.integers(2, 50)) + text[j:]
        else:
            chunk = draw(hostile_chunk)
            text = text[:i] + chunk + (text[i:] if how == "insert" else text[j:])
    return text


def assert_clean(r: Any, allowed: tuple[int, ...]) -> None:
    """Never a traceback: an allowed exit code, and an error is one line."""
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code in allowed, (r.exit_code, r.stderr)
    assert "Traceback" not in r.stderr
    if r.exit_code == 2:
        assert_one_line_error(r)


@FUZZ
@given(where=st.sampled_from(PROFILE_PATHS), value=never_valid, kind=KINDS)
def test_broken_profiles_are_one_line_exit_2(tmp_path: Path, where: Path_, value: Any, kind: str) -> None:
    doc = small_profile()
    put(doc, where, value)
    path = write_profile(tmp_path, doc, kind)
    assert_one_line_error(cli("plan", str(path), "--format", "ics"))


@FUZZ
@given(
    where=st.sampled_from(PROFILE_TABLES),
    key=st.text(min_size=1, max_size=30),
    value=st.one_of(st.integers(), st.text(max_size=10), st.booleans()),
    kind=KINDS,
)
def test_unknown_keys_are_one_line_exit_2(tmp_path: Path, where: Path_, key: str, value: Any, kind: str) -> None:
    doc = small_profile()
    node = _get(doc, where)
    node[key + "_x" if key in node else key] = value
    path = write_profile(tmp_path, doc, kind)
    assert_one_line_error(cli("plan", str(path)))


@FUZZ
@given(data=st.data(), kind=st.sampled_from(["toml", "json"]))
def test_edited_profile_text_never_gives_a_traceback(tmp_path: Path, data: st.DataObject, kind: str) -> None:
    doc = small_profile()
    text = data.draw(edited_text(to_toml(doc) if kind == "toml" else json.dumps(doc, indent=1)))
    path = write_profile(tmp_path, text, kind)
    assert_clean(cli("plan", str(path), "--format", "ics"), (0, 2))


def plan_paths() -> list[Path_]:
    """One path per field (the first session, exercise, run... stand for all of them)."""
    seen: dict[Path_, Path_] = {}
    for w in paths(json.loads(_plan_text())):
        seen.setdefault(tuple(k if isinstance(k, str) else 0 for k in w), w)
    return sorted(seen.values(), key=repr)


def broken_plan(where: Path_, value: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(_plan_text())
    put(doc, where, value)
    return doc


@FUZZ
@given(where=st.deferred(lambda: st.sampled_from(plan_paths())), value=never_valid)
def test_broken_plans_are_one_line_exit_2(tmp_path: Path, where: Path_, value: Any) -> None:
    doc = broken_plan(where, value)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8", errors="surrogatepass")
    assert_one_line_error(cli("check", str(path)))


@FUZZ
@given(data=st.data())
def test_edited_plan_text_never_gives_a_traceback(tmp_path: Path, data: st.DataObject) -> None:
    text = data.draw(edited_text(json.dumps(json.loads(_plan_text()), indent=1)))
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_clean(cli("check", str(path)), (0, 1, 2))


@FUZZ
@given(where=st.deferred(lambda: st.sampled_from(plan_paths())), value=never_valid)
def test_broken_plan_with_profile(tmp_path: Path, where: Path_, value: Any) -> None:
    """`check --profile` reads both files; a broken plan is still exit 2, one line."""
    doc = broken_plan(where, value)
    profile = write_profile(tmp_path, small_profile(), "toml")
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8", errors="surrogatepass")
    assert_one_line_error(cli("check", str(path), "--profile", str(profile)))


plausible = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", "base", "circuit", "strength", "lower", "am", "any", "A", "marathon", "S1-CIRCUIT"]),
    st.just([]),
    st.just({}),
)


@FUZZ
@given(where=st.deferred(lambda: st.sampled_from(plan_paths())), value=plausible)
def test_odd_but_plausible_plans_never_give_a_traceback(tmp_path: Path, where: Path_, value: Any) -> None:
    """Values of roughly the right kind in the wrong place: whatever `check` decides (0, 1 or 2),
    it decides it without a traceback."""
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(broken_plan(where, value)))
    profile = write_profile(tmp_path, small_profile(), "toml")
    assert_clean(cli("check", str(path), "--profile", str(profile)), (0, 1, 2))
