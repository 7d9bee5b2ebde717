"""Garmin FIT workout export: one workout file per session, to copy onto a watch or import into Connect.

Every file is written with garmin-fit-sdk's own ``Encoder`` from message dicts; nothing here packs
bytes by hand. The layout follows Garmin's Workout file type: ``file_id`` (type ``workout``), one
``workout`` (sport ``training``, sub-sport ``strength_training``) and its ``workout_step`` messages.

How a session becomes steps (``message_index`` counts from 0, in this order):

* each prescription is an exercise step: ``exercise_category`` and, where the library names one,
  ``exercise_name`` (numbers from the SDK profile's ``exercise_category`` and
  ``<category>_exercise_name`` types); ``duration_type`` ``reps`` with the reps in
  ``duration_value`` (decoded as ``duration_reps``), or ``time`` with milliseconds in
  ``duration_value`` for holds (decoded as ``duration_time`` in seconds); ``target_type``
  ``open``; ``intensity`` ``active`` (``warmup`` for the warm-up block);
* a rest step follows each set when ``rest_s`` > 0: ``duration_type`` ``time``, ``intensity``
  ``rest``;
* sets are a repeat step placed after the steps it repeats, as Garmin's own strength workouts do:
  ``duration_type`` ``repeat_until_steps_cmplt``, ``duration_value`` = ``message_index`` of the
  first repeated step (decoded as ``duration_step``) and ``target_value`` = the total number of sets
  or rounds (decoded as ``repeat_steps``). A one-set prescription has no repeat step;
* a circuit (consecutive ``circuit``-block stations with the same number of sets) is its stations,
  each followed by its rest, then one repeat step over all of them for the rounds.

The SDK's encoder only knows a message's main fields, so the dynamic sub-fields (``duration_reps``,
``duration_time``, ``duration_step``, ``repeat_steps``) are written through their main fields
``duration_value`` and ``target_value``, in the main field's raw units.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from garmin_fit_sdk import Decoder, Encoder, Profile, Stream

from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.plan import Intensity, Plan, Prescription, Session
from stridelift.exporters.markdown import intensity_parts

PRODUCT = 1  # our own number under manufacturer "development"; Garmin only asks it to be stable
PRODUCT_NAME = "stridelift"
WKT_NAME_MAX = 24  # watches cut workout names short; our generated names stay within 16
STEP_NAME_MAX = 40
TEXT_MAX_BYTES = 200  # a FIT field holds at most 255 bytes, the string's NUL included

_FORMAT_SHORT: dict[str, str] = {
    "circuit": "Circuit",
    "straight_sets": "Strength",
    "core_balance": "Core+Bal",
    "mobility": "Mobility",
    "maintenance": "Maint",
}
_SLOT_RANK: dict[str, int] = {"am": 0, "any": 1, "pm": 2}
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def _mesg_num(name: str) -> int:
    num: int = Profile["mesg_num"][name]
    return num


def _enum(type_name: str, value_name: str) -> int:
    """The number the FIT profile gives `value_name` in `type_name`; a ValueError if it has none."""
    for number, name in Profile["types"].get(type_name, {}).items():
        if name == value_name:
            return int(number)
    raise ValueError(f"the FIT profile has no {value_name!r} in {type_name!r}")


FILE_ID = _mesg_num("FILE_ID")
WORKOUT = _mesg_num("WORKOUT")
WORKOUT_STEP = _mesg_num("WORKOUT_STEP")

FILE_WORKOUT = _enum("file", "workout")
MANUFACTURER_DEVELOPMENT = _enum("manufacturer", "development")
SPORT_TRAINING = _enum("sport", "training")
SUB_SPORT_STRENGTH = _enum("sub_sport", "strength_training")
DURATION_TIME = _enum("wkt_step_duration", "time")
DURATION_REPS = _enum("wkt_step_duration", "reps")
DURATION_OPEN = _enum("wkt_step_duration", "open")
DURATION_REPEAT = _enum("wkt_step_duration", "repeat_until_steps_cmplt")
TARGET_OPEN = _enum("wkt_step_target", "open")
INTENSITY_ACTIVE = _enum("intensity", "active")
INTENSITY_REST = _enum("intensity", "rest")
INTENSITY_WARMUP = _enum("intensity", "warmup")


def _clip(text: str, max_chars: int, max_bytes: int = TEXT_MAX_BYTES) -> str:
    """At most `max_chars` characters and `max_bytes` UTF-8 bytes, never cutting a character."""
    text = " ".join(text.split())[:max_chars]
    while len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    return text.rstrip()


def _short_name(name: str) -> str:
    """An exercise name for a step: a parenthetical that does not fit goes first, then whole words."""
    name = " ".join(name.split())
    if len(name) > STEP_NAME_MAX:
        name = re.sub(r"\s*\([^)]*\)", "", name).strip() or name
    if len(name) > STEP_NAME_MAX:
        cut = name[: STEP_NAME_MAX + 1].rsplit(" ", 1)[0]
        name = cut if cut else name[:STEP_NAME_MAX]
    return _clip(name, STEP_NAME_MAX)


def intensity_text(intensity: Intensity) -> str:
    """'78% 1RM, RPE 8' in plain ASCII (watch fonts lack some symbols); '' for bodyweight work."""
    return ", ".join(intensity_parts(intensity))


def _step_notes(p: Prescription) -> str | None:
    parts = [t for t in (intensity_text(p.intensity), p.note) if t]
    return _clip(". ".join(parts), TEXT_MAX_BYTES) if parts else None


@dataclass(slots=True)
class _Steps:
    """The workout steps being built; each step's `message_index` is its position."""

    items: list[dict[str, Any]]

    @property
    def next_index(self) -> int:
        return len(self.items)

    def add(self, fields: dict[str, Any]) -> None:
        step: dict[str, Any] = {"mesg_num": WORKOUT_STEP, "message_index": self.next_index}
        step.update({k: v for k, v in fields.items() if v is not None})
        self.items.append(step)

    def exercise(self, p: Prescription, library: ExerciseLibrary) -> None:
        ex = library.find(p.id)
        category = _enum("exercise_category", ex.fit_category if ex else "unknown")
        name = _enum(f"{ex.fit_category}_exercise_name", ex.fit_name) if ex and ex.fit_name else None
        if p.reps is not None:
            duration_type, duration_value = DURATION_REPS, p.reps
        elif p.duration_s is not None:
            duration_type, duration_value = DURATION_TIME, p.duration_s * 1000  # duration_time: ms
        else:
            duration_type, duration_value = DURATION_OPEN, None
        self.add(
            {
                "wkt_step_name": _short_name(p.name),
                "duration_type": duration_type,
                "duration_value": duration_value,
                "target_type": TARGET_OPEN,
                "intensity": INTENSITY_WARMUP if p.block == "warmup" else INTENSITY_ACTIVE,
                "notes": _step_notes(p),
                "exercise_category": category,
                "exercise_name": name,
            }
        )

    def rest(self, seconds: int) -> None:
        if seconds > 0:
            self.add(
                {
                    "wkt_step_name": "Rest",
                    "duration_type": DURATION_TIME,
                    "duration_value": seconds * 1000,
                    "target_type": TARGET_OPEN,
                    "intensity": INTENSITY_REST,
                }
            )

    def repeat(self, first_index: int, times: int) -> None:
        """Repeat the steps from `first_index` up to here until done `times` times in all."""
        if times > 1:
            self.add(
                {
                    "duration_type": DURATION_REPEAT,
                    "duration_value": first_index,  # decoded as duration_step
                    "target_type": TARGET_OPEN,
                    "target_value": times,  # decoded as repeat_steps
                }
            )


def _groups(exercises: Sequence[Prescription]) -> list[list[Prescription]]:
    """By `order`: consecutive circuit stations with equal sets form one group, others stand alone."""
    groups: list[list[Prescription]] = []
    for p in sorted(exercises, key=lambda e: e.order):
        last = groups[-1] if groups else None
        if last and p.block == "circuit" and last[0].block == "circuit" and last[0].sets == p.sets:
            last.append(p)
        else:
            groups.append([p])
    return groups


def workout_steps(session: Session, library: ExerciseLibrary) -> list[dict[str, Any]]:
    """The session's `workout_step` message dicts, ready for the SDK encoder."""
    steps = _Steps([])
    for group in _groups(session.exercises):
        first = steps.next_index
        for p in group:
            steps.exercise(p, library)
            steps.rest(p.rest_s)
        steps.repeat(first, group[0].sets)
    return steps.items


def _serial(key: str) -> int:
    """A non-zero uint32 (serial_number is uint32z: 0 means invalid) derived from `key`."""
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:4], "big") or 1


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def session_to_fit(
    session: Session,
    library: ExerciseLibrary,
    *,
    name: str,
    serial: int | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    """One FIT workout file for `session`, named `name` (cut to WKT_NAME_MAX characters).

    Loads: the plan prescribes %1RM and RPE, never kilograms, so steps carry no
    ``exercise_weight``/``weight_display_unit``; the %1RM and RPE go in each step's ``notes``
    (e.g. "78% 1RM, RPE 8") for the runner to pick the weight.

    `serial` (file_id.serial_number) and `created` (file_id.time_created) default to values
    derived from the session, so the same session always gives the same bytes; a device keys
    workout files by type, manufacturer, product and serial, so give each file its own serial.
    """
    steps = workout_steps(session, library)
    wkt_name = _clip(name, WKT_NAME_MAX) or "Strength"
    key = f"{session.date.isoformat()}|{session.slot}|{session.format}|{session.variation}|{wkt_name}"
    encoder = Encoder()
    encoder.write_mesg(
        {
            "mesg_num": FILE_ID,
            "type": FILE_WORKOUT,
            "manufacturer": MANUFACTURER_DEVELOPMENT,
            "product": PRODUCT,
            "serial_number": serial if serial is not None else _serial(key),
            "time_created": created if created is not None else _midnight_utc(session.date),
            "product_name": PRODUCT_NAME,
        }
    )
    workout: dict[str, Any] = {
        "mesg_num": WORKOUT,
        "wkt_name": wkt_name,
        "sport": SPORT_TRAINING,
        "sub_sport": SUB_SPORT_STRENGTH,
        "num_valid_steps": len(steps),
    }
    if session.title:
        workout["wkt_description"] = _clip(session.title, TEXT_MAX_BYTES)
    encoder.write_mesg(workout)
    for step in steps:
        encoder.write_mesg(step)
    return encoder.close()


def workout_name(session: Session) -> str:
    """'12-02 Circuit A': short enough for a watch's list, and tells a week's sessions apart."""
    label = _FORMAT_SHORT.get(session.format, session.format.replace("_", " ").title()[:8])
    parts = [session.date.strftime("%m-%d"), label]
    if session.variation:
        parts.append(session.variation)
    return " ".join(parts)


def file_stem(session: Session) -> str:
    """'2026-12-02_pm_circuit_A': date, slot, format and variation, in file-name-safe characters."""
    parts = [session.date.isoformat(), session.slot, session.format]
    if session.variation:
        parts.append(session.variation)
    return _UNSAFE.sub("-", "_".join(parts))


def plan_to_fit_files(
    plan: Plan, library: ExerciseLibrary, *, identity: str | None = None
) -> list[tuple[str, bytes]]:
    """(file name, FIT bytes) for every session, in date order; names are unique and stable.

    Two sessions that would share a name get '-2', '-3'... in plan order. Serial numbers come from
    the athlete's stable `identity` (profile athlete.id; never the display name, so renaming the
    runner does not duplicate workouts on a watch) and the file name; time_created is the plan's
    start (midnight UTC): exporting the same plan twice gives byte-identical files.
    """
    created = _midnight_utc(plan.start)
    ordered = sorted(plan.sessions, key=lambda s: (s.date, _SLOT_RANK.get(s.slot, 3)))
    taken: set[str] = set()
    serials: set[int] = set()
    out: list[tuple[str, bytes]] = []
    for session in ordered:
        stem = file_stem(session)
        file_name, n = f"{stem}.fit", 1
        while file_name.lower() in taken:  # case-insensitive file systems too
            n += 1
            file_name = f"{stem}-{n}.fit"
        taken.add(file_name.lower())
        serial = _serial(f"{identity or 'runner'}|{file_name}")
        while serial in serials:
            serial = serial % 0xFFFFFFFF + 1
        serials.add(serial)
        data = session_to_fit(session, library, name=workout_name(session), serial=serial, created=created)
        out.append((file_name, data))
    return out


def is_stridelift_workout(data: bytes) -> bool:
    """True for a FIT workout file written by this module (file_id says so), whatever its name."""
    try:
        if not Decoder(Stream.from_byte_array(bytearray(data))).is_fit():
            return False
        messages, _ = Decoder(Stream.from_byte_array(bytearray(data))).read(convert_datetimes_to_dates=False)
    except Exception:  # a damaged or foreign file is simply not ours
        return False
    ids = messages.get("file_id_mesgs") or [{}]
    first = ids[0]
    return bool(
        first.get("type") == "workout"
        and first.get("manufacturer") == "development"
        and first.get("product") == PRODUCT
        and first.get("product_name") == PRODUCT_NAME
    )
