"""The migration scripts' heads, read from their files with the standard library (importing
alembic costs about half a second, and SQLAlchemy a third of one, which a command that only
checks the schema revision need not pay)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(.+)$", re.MULTILINE)


def migrations_dir() -> Path:
    return Path(__file__).with_name("migrations")


@functools.cache
def head_revisions() -> frozenset[str]:
    """The heads of the migration scripts, read from their ``revision``/``down_revision`` lines."""
    revs: set[str] = set()
    downs: set[str] = set()
    for path in migrations_dir().joinpath("versions").glob("*.py"):
        found = {m.group(1): m.group(2) for m in _REVISION_LINE.finditer(path.read_text("utf-8"))}
        if "revision" not in found:
            continue
        revs.update(re.findall(r"[\"']([^\"']+)[\"']", found["revision"]))
        downs.update(re.findall(r"[\"']([^\"']+)[\"']", found.get("down_revision", "")))
    return frozenset(revs - downs)
