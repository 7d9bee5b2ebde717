"""Which messages and fields a caller of ``decode_fit`` needs, closed over what derives them.

An import reads about twenty fields of four messages, while a watch writes dozens of messages
with dozens of fields each; decoding only those fields (and whatever they are computed from:
components that expand into them, the fields that select a sub-field) gives the same values
for them as a full decode at a fraction of the work. Every message's ``timestamp`` is always
decoded, because a compressed timestamp counts from the last full one in file order, whatever
message carried it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Final

from .profile import MESSAGES, TIMESTAMP_FIELD, FieldSpec, MessageSpec

TIMESTAMP_ONLY: Final = frozenset({TIMESTAMP_FIELD})


@dataclass(frozen=True, slots=True)
class FieldSelection:
    """Field numbers to decode per global message number (messages not listed: timestamps only)."""

    fields: Mapping[int, frozenset[int]]

    def of(self, global_num: int) -> frozenset[int] | None:
        """The fields to decode of a message; None when none of it is wanted (but its timestamp)."""
        return self.fields.get(global_num)


def select_fields(wanted: Mapping[str, Collection[str]]) -> FieldSelection:
    """The selection for ``wanted`` (message name -> field or sub-field names, as ``FitFile``
    names them); raises ValueError for a name the profile does not have."""
    by_name = {spec.name: spec for spec in MESSAGES.values()}
    out: dict[int, frozenset[int]] = {}
    for mesg, names in wanted.items():
        spec = by_name.get(mesg)
        if spec is None:
            raise ValueError(f"no FIT message named {mesg!r}")
        out[spec.num] = _closure(spec, names)
    return FieldSelection(out)


def _closure(spec: MessageSpec, names: Collection[str]) -> frozenset[int]:
    need = {TIMESTAMP_FIELD}
    for name in names:
        hits = [f.num for f in spec.fields.values() if name in (f.name, *(s.spec.name for s in f.sub_fields))]
        if not hits:
            raise ValueError(f"no field {name!r} in FIT message {spec.name!r}")
        need.update(hits)
    grown = True
    while grown:  # a field is needed when any of its components (or its sub-fields') lands in one
        grown = False
        for f in spec.fields.values():
            deps = _sources_of(f, need)
            if deps and not deps <= need:
                need |= deps
                grown = True
    return frozenset(need)


def _sources_of(f: FieldSpec, need: set[int]) -> set[int]:
    """``f`` and the fields selecting its sub-fields, if its value or its components reach ``need``."""
    out: set[int] = set()
    if f.num in need or any(c.target in need for c in f.components):
        out.add(f.num)
    for sub in f.sub_fields:
        if f.num in need or any(c.target in need for c in sub.spec.components):
            out.add(f.num)
            out.update(ref for ref, _value in sub.selectors)
    return out
