"""Rule ids to their plain statements, for showing a session's `why`."""

from __future__ import annotations

from functools import lru_cache

from stridelift.catalog import load_rules


@lru_cache(maxsize=1)
def rule_statements() -> dict[str, str]:
    return {r.id: r.statement for r in load_rules()}
