"""Compact FIT profile tables, built once at import time from ``garmin_fit_sdk.profile.Profile``.

Only what the decoder needs is kept: message numbers and names, and per field its number, name,
declared type, scale, offset, units, components (target field, bit width, accumulate flag) and
sub-fields (with the reference field values that select them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from garmin_fit_sdk.profile import Profile

# FIT base types: number -> (name, size in bytes, numpy kind, invalid value)
BASE_TYPES: Final[dict[int, tuple[str, int, str, int]]] = {
    0x00: ("enum", 1, "u1", 0xFF),
    0x01: ("sint8", 1, "i1", 0x7F),
    0x02: ("uint8", 1, "u1", 0xFF),
    0x03: ("sint16", 2, "i2", 0x7FFF),
    0x04: ("uint16", 2, "u2", 0xFFFF),
    0x05: ("sint32", 4, "i4", 0x7FFFFFFF),
    0x06: ("uint32", 4, "u4", 0xFFFFFFFF),
    0x07: ("string", 1, "u1", 0x00),
    0x08: ("float32", 4, "f4", 0xFFFFFFFF),
    0x09: ("float64", 8, "f8", 0xFFFFFFFFFFFFFFFF),
    0x0A: ("uint8z", 1, "u1", 0x00),
    0x0B: ("uint16z", 2, "u2", 0x0000),
    0x0C: ("uint32z", 4, "u4", 0x00000000),
    0x0D: ("byte", 1, "u1", 0xFF),
    0x0E: ("sint64", 8, "i8", 0x7FFFFFFFFFFFFFFF),
    0x0F: ("uint64", 8, "u8", 0xFFFFFFFFFFFFFFFF),
    0x10: ("uint64z", 8, "u8", 0x0000000000000000),
}
BASE_TYPE_BY_NAME: Final[dict[str, int]] = {v[0]: k for k, v in BASE_TYPES.items()}
STRING: Final = 0x07
BYTE: Final = 0x0D
UINT8: Final = 0x02
FLOAT32: Final = 0x08
FLOAT64: Final = 0x09
NUMERIC_TYPES: Final = frozenset(name for name in BASE_TYPE_BY_NAME if name not in ("enum", "string"))
TIMESTAMP_FIELD: Final = 253
FIELD_DESCRIPTION: Final = 206
DEVELOPER_DATA_ID: Final = 207


@dataclass(frozen=True, slots=True)
class Component:
    """One component of a field: ``bits`` bits expand into field ``target``."""

    target: int
    bits: int
    scale: float
    offset: float
    units: str


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A profile field or sub-field."""

    num: int
    name: str
    type: str
    scale: float
    offset: float
    multi_scale: bool  # several scales (a component field): its own value is left raw
    units: str
    components: tuple[Component, ...]
    accumulated: bool
    sub_fields: tuple[SubFieldSpec, ...]

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    @property
    def profile_base_type(self) -> int | None:
        return BASE_TYPE_BY_NAME.get(self.type)

    @property
    def invalid_for_expansion(self) -> int:
        base = BASE_TYPE_BY_NAME.get(self.type)
        return BASE_TYPES[base][3] if base is not None else 0xFF


@dataclass(frozen=True, slots=True)
class SubFieldSpec:
    """A sub-field: used when field ``ref_num`` of the message holds one of ``ref_values``."""

    spec: FieldSpec
    selectors: tuple[tuple[int, int], ...]  # (reference field number, raw value)


@dataclass(frozen=True, slots=True)
class MessageSpec:
    num: int
    name: str
    fields: dict[int, FieldSpec]


def _first(values: Any, default: float) -> float:
    if isinstance(values, list) and values:
        return float(values[0])
    if isinstance(values, (int, float)):
        return float(values)
    return default


def _units(units: Any, index: int = 0) -> str:
    if isinstance(units, list):
        return str(units[index]) if index < len(units) else ""
    return str(units or "")


def _components(raw: dict[str, Any]) -> tuple[Component, ...]:
    comps: list[Component] = []
    scales = raw.get("scale") or []
    offsets = raw.get("offset") or []
    for i, (target, bits) in enumerate(zip(raw.get("components") or [], raw.get("bits") or [], strict=False)):
        scale = float(scales[i]) if i < len(scales) else 1.0
        offset = float(offsets[i]) if i < len(offsets) else 0.0
        comps.append(Component(int(target), int(bits), scale, offset, _units(raw.get("units"), i)))
    return tuple(comps)


def _field(raw: dict[str, Any], num: int, accumulated: bool, subs: tuple[SubFieldSpec, ...]) -> FieldSpec:
    scales = raw.get("scale") or [1]
    return FieldSpec(
        num=num,
        name=str(raw["name"]),
        type=str(raw["type"]),
        scale=_first(scales, 1.0),
        offset=_first(raw.get("offset") or [0], 0.0),
        multi_scale=len(scales) > 1,
        units=_units(raw.get("units")),
        components=_components(raw) if raw.get("has_components") else (),
        accumulated=accumulated,
        sub_fields=subs,
    )


def _build() -> dict[int, MessageSpec]:
    out: dict[int, MessageSpec] = {}
    for mesg_num, mesg in Profile["messages"].items():
        fields: dict[int, FieldSpec] = {}
        for field_num, raw in mesg["fields"].items():
            subs = tuple(
                SubFieldSpec(
                    _field(sub, int(field_num), False, ()),
                    tuple((int(m["num"]), int(m["raw_value"])) for m in sub["map"]),
                )
                for sub in raw.get("sub_fields") or []
            )
            fields[int(field_num)] = _field(raw, int(field_num), bool(raw.get("is_accumulated")), subs)
        out[int(mesg_num)] = MessageSpec(int(mesg_num), str(mesg["name"]), fields)
    return out


MESSAGES: Final[dict[int, MessageSpec]] = _build()
TYPES: Final[dict[str, dict[int, str]]] = {
    str(name): {int(k): str(v) for k, v in values.items()} for name, values in Profile["types"].items()
}
PROFILE_VERSION: Final[str] = (
    str(Profile.get("version", {}).get("major", ""))
    if isinstance(Profile.get("version"), dict)
    else str(Profile.get("version", ""))
)


def message_name(num: int) -> str:
    spec = MESSAGES.get(num)
    return spec.name if spec is not None else f"unknown_{num}"


def enum_name(type_name: str, value: float) -> str | None:
    """The profile's label for a raw enum value (``enum_name("sport", 1) == "running"``)."""
    if value != value:  # NaN
        return None
    return TYPES.get(type_name, {}).get(int(value))
