"""Warnings grouped for reading: one line per kind with its count, its dates and its first message in
words, so 39 near-identical "lightened" warnings read as one (the Markdown and the terminal share it);
an injury's stages stay one line each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from stridelift.domain.plan import Warning


@dataclass(frozen=True, slots=True)
class WarningGroup:
    code: str
    count: int
    dates: tuple[dt.date, ...]  # distinct, in order
    message: str  # the first one's, without its own leading date
    rule: str | None

    @property
    def label(self) -> str:
        return warning_label(self.code)

    def when(self, fmt: str, shown: int = 6) -> str:
        """The dates, the first `shown` of them written with `fmt` and the rest counted."""
        head = ", ".join(format(d, fmt) for d in self.dates[:shown])
        return head + (f" and {len(self.dates) - shown} more" if len(self.dates) > shown else "")


def warning_label(code: str) -> str:
    """'SESSION_LIGHTENED' reads 'Session lightened'."""
    return code.replace("_", " ").lower().capitalize() or "Note"


def undated(w: Warning) -> str:
    """The message without its own leading 'Mon 05 Jan: ' (the dates are listed once per group)."""
    if w.date is not None:
        prefix = f"{w.date:%a %d %b}: "
        if w.message.startswith(prefix):
            return w.message[len(prefix) :]
    return w.message


# kinds whose warnings each say something of their own (an injury's stage: what it enters and what it
# allows): only the same words are merged, or the first one's would stand for another stage (I-STAGE-WORDS)
DISTINCT = frozenset({"INJURY_PROGRESSED"})


def group_warnings(warnings: Iterable[Warning]) -> list[WarningGroup]:
    groups: dict[tuple[str, str], list[Warning]] = {}
    for w in warnings:
        groups.setdefault((w.code, undated(w) if w.code in DISTINCT else ""), []).append(w)
    return [
        WarningGroup(
            code,
            len(ws),
            tuple(sorted({w.date for w in ws if w.date is not None})),
            undated(ws[0]),
            ws[0].rule,
        )
        for (code, _), ws in groups.items()
    ]
