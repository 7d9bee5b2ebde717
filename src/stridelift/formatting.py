"""Figures as the tables (terminal and HTML) print them."""

from __future__ import annotations


def fmt_num(x: float | None, fmt: str = ".0f") -> str:
    """A figure for a table: "-" when undefined, never "-0" for a small negative."""
    if x is None:
        return "-"
    text = format(x, fmt)
    return text[1:] if text.startswith("-") and float(text) == 0 else text
