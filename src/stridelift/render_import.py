"""Terminal output of ``stridelift import``: a progress display and the closing summary.

Progress goes to stderr (stdout keeps only the summary, for scripts): a transient Rich bar on a
terminal, plain lines every few seconds otherwise (logs and CI have no use for redraws). The bar
is refreshed from the import's own callback rather than by Rich's refresh thread, so the
process stays single-threaded and the decoding pool can be forked safely.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Final, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table
from rich.text import Text

from stridelift.safe_text import printable

if TYPE_CHECKING:
    from stridelift.importing import ImportProgress, ImportReport

_BAR_REFRESH_S: Final = 0.1
_LINE_EVERY_S: Final = 2.0


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


class ImportProgressView:
    """The import's ``progress`` callback, as a context manager around the import."""

    def __init__(self, stream: TextIO | None = None, *, live: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._t0 = time.monotonic()
        self._last = 0.0

    def __enter__(self) -> ImportProgressView:
        self._t0 = self._last = time.monotonic()  # a plain line only once the import has run a while
        if self.live:
            self._bar = Progress(
                TextColumn("importing"),
                BarColumn(),
                TextColumn("{task.fields[files]}"),
                DownloadColumn(),
                TransferSpeedColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
                auto_refresh=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("import", total=None, files="")
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, p: ImportProgress) -> None:
        now = time.monotonic()
        finished = p.files_total is not None and p.files_done >= p.files_total
        if self._bar is not None and self._task is not None:
            files = f"{p.files_done}/{p.files_total} files" if p.files_total is not None else f"{p.files_done} files"
            self._bar.update(self._task, total=p.bytes_total, completed=p.bytes_done, files=files)
            if finished or now - self._last >= _BAR_REFRESH_S:
                self._bar.refresh()
                self._last = now
            return
        if now - self._last < _LINE_EVERY_S or finished:
            return
        self._last = now
        elapsed = max(now - self._t0, 1e-9)
        rate = p.bytes_done / elapsed
        line = f"import: {p.files_done}"
        line += f"/{p.files_total} files" if p.files_total is not None else " files"
        line += f", {_mb(p.bytes_done)}"
        if p.bytes_total:
            line += f" of {_mb(p.bytes_total)}"
        line += f", {rate / 1e6:.1f} MB/s"
        if p.bytes_total and rate > 0:
            line += f", ETA {max(p.bytes_total - p.bytes_done, 0) / rate:.0f} s"
        line += f" ({p.imported} new, {p.duplicates} duplicates, {p.skipped} skipped)"
        self.stream.write(line + "\n")
        self.stream.flush()


def print_import_summary(report: ImportReport, console: Console | None = None) -> None:
    """The totals as a table, then one line per skipped file with its reason (never wrapped)."""
    c = console or Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
    t = Table(title="Import summary", show_header=False)
    t.add_column("")
    t.add_column("", justify="right")
    t.add_row("files found", str(report.files))
    t.add_row("imported", str(report.imported))
    t.add_row("duplicates", str(report.duplicates))
    if report.merged:
        t.add_row("  of them merged", str(len(report.merged)))
    t.add_row("skipped", str(len(report.skipped)))
    t.add_row("data", _mb(report.bytes))
    t.add_row("time", f"{report.seconds:.1f} s")
    t.add_row("speed", f"{report.mb_per_s:.1f} MB/s, {report.files_per_s:.0f} files/s")
    c.print(t)
    # one Text for all the lines: printing them one by one cost Rich more than a whole import's
    # database work (an export has hundreds of notes and skipped files)
    lines = Text("\n").join(
        [
            *(_line("merged ", "cyan", name, note) for name, note in report.merged),
            *(_line("note ", "cyan", name, note) for name, note in report.notes),
            *(_line("skipped ", "yellow", name, reason) for name, reason in report.skipped),
        ]
    )
    if lines:
        c.print(lines, soft_wrap=True)


def _line(label: str, style: str, name: str, text: str) -> Text:
    line = Text(label, style=style)
    line.append(f"{printable(name)}: {printable(text)}")  # names are bytes from anywhere
    return line
