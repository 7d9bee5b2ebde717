"""File names from the outside world, made safe to store and to show.

On Linux a file name is bytes: Python hands names that are not UTF-8 over with surrogate
escapes, which no database driver or UTF-8 terminal accepts; and a name may hold escape
sequences that a terminal would obey (colours, titles, cursor moves) or bidi controls that
reorder what is shown. Stored names keep every byte readable (``\\xff``); shown text has every
control character spelled out.
"""

from __future__ import annotations

from typing import Final

_BIDI: Final = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS: Final[dict[int, str]] = {
    **{c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]},
    **{ord(c): f"\\u{ord(c):04x}" for c in _BIDI},
    0x09: "\\t",
    0x0A: "\\n",
    0x0D: "\\r",
}


def storable(name: str) -> str:
    """``name`` as valid Unicode without NUL: undecodable bytes as ``\\xNN``, other lone surrogates as ``\\uNNNN``."""
    if "\x00" in name:
        name = name.replace("\x00", "\\x00")  # PostgreSQL text cannot hold NUL
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(_surrogate(ch) for ch in name)
    return name


def printable(text: str) -> str:
    """``text`` safe for a terminal: storable, with control and bidi characters written as escapes."""
    return storable(text).translate(_CONTROLS)


def _surrogate(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the surrogateescape handler
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return ch
