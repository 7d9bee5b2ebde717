"""The limits measured on raw text before a parser sees it, and the checks on what comes out."""

from __future__ import annotations

import datetime as dt
import json
import tomllib

import pytest

from stridelift.input_limits import (
    MAX_DEPTH,
    InputLimitError,
    check_json_depth,
    check_nesting,
    check_toml_depth,
    date_in_window,
    printable,
)


def test_json_depth_counts_brackets_outside_strings_only() -> None:
    check_json_depth(json.dumps({"a": [[{"b": "[[[[" * 100}]]}))
    check_json_depth("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    with pytest.raises(InputLimitError, match="nested more than"):
        check_json_depth("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    with pytest.raises(InputLimitError):
        check_json_depth('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}")


@pytest.mark.parametrize(
    "text",
    [
        "a = '" + "[" * 100 + "'",
        'a = "' + "{" * 100 + '"',
        "a = '''" + "[" * 100 + "'''",
        'a = """\\"""' + "[" * 100 + '"""',
        "# " + "[" * 100,
        "x = [" + ", ".join(["1.5"] * 200) + "]",  # dots of floats are not key parts
        "".join(f"t{i} = 1979-05-27T07:32:00.999999Z\n" for i in range(50)),
        "x = [\n" + "{a.b.c = 1.5},\n" * 100 + "]",
        "[[races]]\ndate = 2027-04-18\n" * 50,
    ],
)
def test_toml_scan_accepts_what_only_looks_deep(text: str) -> None:
    tomllib.loads(text)  # valid TOML
    check_toml_depth(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("x = " + "[" * 100_000 + "]" * 100_000, "nested"),
        ("x = " + "{a=" * 40 + "1" + "}" * 40, "nested"),
        ("a" + ".b" * 100_000 + " = 1", "dotted key"),  # tomllib needs memory in the square of this
        ("[a" + ".b" * 100 + "]\nx = 1", "dotted key"),
        ("x = {" + "a." * 40 + "b = 1}", "dotted key"),
        ("x = [{y = 1}, {" + "a." * 40 + "b = 1}]", "dotted key"),
    ],
)
def test_toml_scan_refuses_deep_documents(text: str, reason: str) -> None:
    with pytest.raises(InputLimitError, match=reason):
        check_toml_depth(text)


@pytest.mark.parametrize(
    "text",
    ['"' + '\\"' * 200_000, "'''" + "x" * 500_000, '"""' * 100_000, 'a = "' + "x\\" * 200_000],
)
def test_unclosed_strings_are_one_token(text: str) -> None:
    """Each alternative can end at the end of the text, so these scan once (linear), not once
    per quote (quadratic: minutes for these inputs)."""
    check_toml_depth(text)
    check_json_depth(text)


def test_nesting_of_parsed_data_is_checked_without_recursion() -> None:
    deep: list[object] = []
    node = deep
    for _ in range(100_000):
        child: list[object] = []
        node.append(child)
        node = child
    with pytest.raises(InputLimitError):
        check_nesting({"x": deep})
    check_nesting({"a": {"b": [1, {"c": [2]}]}})


def test_dates_have_a_window() -> None:
    assert date_in_window(dt.date(2027, 4, 18)) == dt.date(2027, 4, 18)
    for bad in (dt.date(1, 1, 1), dt.date(9999, 12, 30), dt.date(1899, 12, 31), dt.date(2200, 1, 1)):
        with pytest.raises(ValueError, match="outside the supported dates"):
            date_in_window(bad)


@pytest.mark.parametrize("bad", ["a\nb", "a\rb", "\x1b[31mred", "a\x00", "a\u2028b", "\ud800", "\x85"])
def test_printable_refuses_control_characters(bad: str) -> None:
    with pytest.raises(ValueError, match="control character"):
        printable(bad)


def test_printable_keeps_names_of_every_script() -> None:
    for good in ("Ana", "José Müller", "田中 太郎", "Zoë 🏃", "O'Brien-Smith"):
        assert printable(good) == good
    with pytest.raises(ValueError, match="longer than"):
        printable("x" * 201)
