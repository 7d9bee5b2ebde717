"""Limits for text that comes from outside (profiles, plans, command-line dates).

The parsers and the code after them trust their input to be of human size: the standard TOML and
JSON parsers recurse once per level of nesting (100,000 levels end in RecursionError), TOML's
dotted keys cost the square of their length in memory, Python refuses integers of more than 4,300
digits, and date arithmetic overflows near year 1 and year 9999. So the raw text is measured
before parsing, and what comes out is checked again, each failure being one line for the user.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import accumulate
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BeforeValidator, ValidationError

MAX_DEPTH: Final = 32  # a profile nests 3 levels, a plan 5
MAX_DOTTED_KEY: Final = 32  # parts of one TOML dotted key ("a.b.c" has 3)
EARLIEST: Final = dt.date(1900, 1, 1)  # dates outside this window are typos, and would overflow
LATEST: Final = dt.date(2199, 12, 31)  # date arithmetic (plans, windows) long before year 9999
MAX_NAME: Final = 200  # characters in a name or label


class InputLimitError(ValueError):
    """Input beyond what stridelift reads; the message says which limit, for one line of output."""


# Unicode categories Cc (C0, DEL, C1), Zl, Zp and Cs (lone surrogates, which JSON can spell)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_BLOCK_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Every string alternative ends at its quote, at the end of its line (single-line strings) or at
# the end of the text, so an unclosed string is one token and the scan stays linear in the size.
_JSON_STRING = re.compile(r'"[^"\\]*+(?:\\.?[^"\\]*+)*+(?:"|\Z)', re.DOTALL)  # unrolled: runs, escapes
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP: Final = {"[": 1, "{": 1, "]": -1, "}": -1}
_TOML_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.?)*?(?:"""|\Z)'
    r"|'''.*?(?:'''|\Z)"
    r'|"(?:[^"\\\n]|\\[^\n]?)*+(?:"|(?=\n)|\Z)'
    r"|'[^'\n]*+(?:'|(?=\n)|\Z)"
    r"|#[^\n]*"
    r"|[\[\]{}=,.\n]",
    re.DOTALL,
)


def check_json_depth(text: str, max_depth: int = MAX_DEPTH) -> None:
    """Refuse JSON nested deeper than `max_depth`, before the recursive parser sees it.

    Strings go first and everything but brackets next (both in the regex engine), so a plan of
    megabytes costs milliseconds; the running depth is then summed over the brackets alone.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > max_depth:
        raise InputLimitError(f"nested more than {max_depth} levels deep")


def check_toml_depth(text: str, max_depth: int = MAX_DEPTH, max_key: int = MAX_DOTTED_KEY) -> None:
    """Refuse TOML nested deeper than `max_depth` (arrays, inline tables) or with a dotted key of
    more than `max_key` parts, before tomllib sees it.

    A small tokenizer: strings and comments are skipped, brackets counted, and dots counted only
    where a key is expected (line starts, table headers, after `{` or `,` in an inline table), so
    the dots of floats and times do not count. A text it misreads is still caught by the parser
    or by `check_nesting` afterwards.
    """
    stack: list[str] = []  # "[" array, "{" inline table, "h" table header
    in_key = True
    parts = 1
    for m in _TOML_TOKENS.finditer(text):
        tok = m.group()
        if tok == "\n":
            if not stack or stack[-1] == "h":
                stack.clear()
                in_key, parts = True, 1
        elif tok == "[":
            if in_key and (not stack or stack[-1] == "h"):
                stack.append("h")  # [table] or [[array of tables]]
            else:
                stack.append("[")
                in_key = False
        elif tok == "{":
            stack.append("{")
            in_key, parts = True, 1
        elif tok in "]}":
            if stack:
                stack.pop()
            in_key = bool(stack) and stack[-1] == "h"
        elif tok == "=":
            in_key = False
        elif tok == ",":
            if stack and stack[-1] == "{":
                in_key, parts = True, 1
        elif tok == "." and in_key:
            parts += 1
            if parts > max_key:
                raise InputLimitError(f"a dotted key of more than {max_key} parts")
        if len(stack) > max_depth:
            raise InputLimitError(f"nested more than {max_depth} levels deep")


def check_nesting(value: Any, max_depth: int = MAX_DEPTH) -> None:
    """Refuse a parsed document nested deeper than `max_depth` (iterative: deep data cannot make
    this check itself recurse)."""
    todo: list[tuple[Any, int]] = [(value, 0)]
    while todo:
        node, depth = todo.pop()
        if depth > max_depth:
            raise InputLimitError(f"nested more than {max_depth} levels deep")
        if isinstance(node, dict):
            todo.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            todo.extend((v, depth + 1) for v in node)


def parse_error_reason(exc: BaseException) -> str | None:
    """The plain reason for a parser failure caused by a limit rather than by syntax, else None."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    text = str(exc)
    if "digits" in text and "integer string conversion" in text:
        return "a number with more than 4300 digits"
    return None


def _not_a_number(value: Any) -> Any:
    """Pydantic reads a number as seconds since 1970; in a profile or plan it is a mistake."""
    if isinstance(value, int | float):
        raise ValueError("give a date as YYYY-MM-DD")
    return value


def date_in_window(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"{value} is outside the supported dates ({EARLIEST} to {LATEST})")
    return value


def printable(value: str, max_len: int = MAX_NAME) -> str:
    """A name or label that is safe to print and to put in a calendar file: one line, no control
    characters, no lone surrogates, bounded length."""
    if len(value) > max_len:
        raise ValueError(f"longer than {max_len} characters")
    if m := _CONTROL.search(value):
        raise ValueError(f"contains the control character {m.group()!r}; give plain one-line text")
    return value


def text_block(value: str) -> str:
    """Longer text (notes, cues) may hold line breaks and tabs, but no other control character
    (terminal escapes) and no lone surrogate (JSON's "\\ud800"), which no UTF-8 file can take."""
    if m := _BLOCK_CONTROL.search(value):
        raise ValueError(f"contains the control character {m.group()!r}")
    return value


WindowDate = Annotated[dt.date, BeforeValidator(_not_a_number), AfterValidator(date_in_window)]
PrintableText = Annotated[str, AfterValidator(printable)]


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_message(exc: ValidationError) -> str:
    """Pydantic's first error as one line naming the field, e.g. `sessions[3].exercises[0].id: ...`."""
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    if err["type"] == "extra_forbidden":
        parent = _where(loc[:-1]) or "the top level"
        return f"unknown key {str(loc[-1])[:80]!r} in {parent}"
    if err["type"] == "missing":
        return f"missing required key {_where(loc)}"
    msg = str(err["msg"]).removeprefix("Value error, ")
    where = _where(loc)
    return f"{where}: {msg}" if where else msg
