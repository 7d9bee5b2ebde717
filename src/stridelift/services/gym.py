"""Gym mode: each exercise of a session with its prescription, what was done last time, a suggested
load from the logs (and why), warm-up sets and plates for barbell lifts, and substitutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from stridelift.catalog import read_data
from stridelift.domain import gym
from stridelift.services.library import exercise
from stridelift.services.training import SetOut, describe_sets, last_time

_RULES = read_data("log_progression.toml")  # the numbers, with their sources
MISSED_DAYS = int(_RULES["load_step"]["missed_days"])
MAX_STEP = float(_RULES["load_step"]["max_step"])
COMEBACK = float(_RULES["load_step"]["comeback"])
DOUBLE = _RULES["double_progression"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    load_kg: float | None
    why: str
    reps: int | None = None  # the reps to aim for (double progression); None: as prescribed


@dataclass(slots=True)
class GymExercise:
    id: str
    name: str
    block: str
    sets: int
    reps: int | None
    duration_s: int | None
    rest_s: int
    pct_1rm: float | None
    rpe: float | None
    cues: list[str]
    prescription: str
    last: str
    suggestion: Suggestion
    warmups: list[tuple[float, int]] = field(default_factory=list)
    plates: list[float] = field(default_factory=list)
    substitutes: list[tuple[str, str]] = field(default_factory=list)
    logged: list[SetOut] = field(default_factory=list)


def prescription_text(ex: dict[str, Any]) -> str:
    """'4 x 5 reps at 86% 1RM, RPE 8, rest 150 s'."""
    dose = f"{ex['reps']} reps" if ex.get("reps") else f"{ex.get('duration_s') or 0} s"
    text = f"{ex['sets']} x {dose}"
    intensity = ex.get("intensity") or {}
    if intensity.get("pct_1rm"):
        text += f" at {intensity['pct_1rm'] * 100:.0f}% 1RM"
    if intensity.get("rpe"):
        text += f", RPE {intensity['rpe']:g}"
    if ex.get("rest_s"):
        text += f", rest {ex['rest_s']} s"
    return text


def suggest_load(ex: dict[str, Any], history: Sequence[SetOut], day: dt.date) -> Suggestion:
    """From the logs: %1RM of the estimated 1RM when the prescription gives one; otherwise last
    time's load, a small step up when every prescribed rep was done at or under the target RPE
    (double progression: reps first, then load), held otherwise, and lighter after missed weeks."""
    mine = [x for x in history if x.exercise_id == ex["id"] and x.day < day and not x.warmup and x.load_kg]
    if not mine:
        return Suggestion(None, "no logged sets yet: start light and log what you lift")
    intensity = ex.get("intensity") or {}
    target_rpe = intensity.get("rpe")
    recent = [x for x in mine if (day - x.day).days <= 42]
    last_day = max(x.day for x in mine)
    gap = (day - last_day).days
    pct = intensity.get("pct_1rm")
    if pct and recent:
        best = max(recent, key=lambda x: gym.e1rm(x.load_kg or 0, x.reps or 0, x.rpe, x.rir))
        est = gym.e1rm(best.load_kg or 0, best.reps or 0, best.rpe, best.rir)
        if est > 0:
            load = gym.round_load(pct * est)
            return Suggestion(
                load,
                f"{pct * 100:.0f}% of your estimated 1RM {est:.0f} kg "
                f"(from {best.load_kg:g} kg x {best.reps} on {best.day:%d %b})",
            )
    last = [x for x in mine if x.day == last_day]
    top = max(x.load_kg or 0 for x in last)
    if gap > MISSED_DAYS:
        return Suggestion(
            gym.round_load(top * COMEBACK),
            f"{gap} days since last time: {(1 - COMEBACK) * 100:.0f}% lighter to come back",
        )
    if is_accessory(ex):
        return double_progression(ex, last, target_rpe)
    want = ex.get("reps") or 0
    all_reps = all((x.reps or 0) >= want for x in last) and len(last) >= ex.get("sets", 1)
    easy_enough = _easy_enough(last, target_rpe)
    if all_reps and easy_enough:
        return Suggestion(_step_up(top), f"last time every rep at or under the target effort: up from {top:g} kg")
    return Suggestion(top, f"hold {top:g} kg until every prescribed rep is done at the target effort")


def _step_up(top: float) -> float:
    """One small step heavier: 2.5 kg (1 kg under 10 kg), never more than MAX_STEP."""
    step = min(2.5, top * MAX_STEP) if top >= 10 else min(1.0, top * MAX_STEP)
    return gym.round_load(top + step, 1.0 if top < 10 else 2.5) or top


def _easy_enough(sets: Sequence[SetOut], target_rpe: float | None) -> bool:
    """Every set at or under the target effort (RPE 8 = 2 reps in reserve); unrated sets count."""
    if target_rpe is None:
        return True
    in_reserve = [gym.reps_in_reserve(x.rpe, x.rir) for x in sets]
    return all(r is None or r >= 10 - target_rpe for r in in_reserve)


def is_accessory(ex: dict[str, Any]) -> bool:
    """A loaded accessory lift (double progression): a block listed in the data, no %1RM, and
    enough reps for a range to be worked up."""
    reps = ex.get("reps") or 0
    pct = (ex.get("intensity") or {}).get("pct_1rm")
    return ex.get("block") in DOUBLE["blocks"] and not pct and reps >= int(DOUBLE["min_reps"])


def double_progression(ex: dict[str, Any], last: Sequence[SetOut], target_rpe: float | None) -> Suggestion:
    """Reps first, then load: the same load with one more rep a set until every set reaches the top
    of the range at the target effort; then one step heavier and back to the bottom of the range."""
    low = int(ex["reps"])
    high = low + int(DOUBLE["extra_reps"])
    top = max(x.load_kg or 0 for x in last)
    at_top = [x for x in last if x.load_kg == top]
    fewest = min(x.reps or 0 for x in at_top)
    full = len(at_top) >= int(ex.get("sets", 1))
    easy = _easy_enough(at_top, target_rpe)
    effort = f" at RPE {target_rpe:g} or easier" if target_rpe else ""
    label = f"double progression, {low}-{high} reps"
    if full and easy and fewest >= high:
        up = _step_up(top)
        return Suggestion(
            up, f"{label}: every set reached {high} reps at {top:g} kg{effort}, so {up:g} kg and back to {low}", low
        )
    if full and easy and fewest >= low:
        aim = min(fewest + 1, high)
        return Suggestion(
            top, f"{label}: {top:g} kg again, aim for {aim} reps a set; at {high} in every set the load goes up", aim
        )
    if full and fewest >= low:  # the reps were there, but harder than the target: repeat them
        again = min(fewest, high)
        return Suggestion(top, f"{label}: {top:g} kg for {again} reps again until it feels{effort or ' easier'}", again)
    return Suggestion(top, f"{label}: hold {top:g} kg until every set reaches {low} reps{effort}", low)


def gym_session(session: dict[str, Any], history: Sequence[SetOut], units: str) -> list[GymExercise]:
    day = dt.date.fromisoformat(session["date"])
    out = []
    for ex in session["exercises"]:
        lib = exercise(ex["id"])
        prior = last_time(history, ex["id"], day)
        suggestion = suggest_load(ex, history, day)
        barbell = bool({"barbell", "trap_bar"} & set(ex.get("equipment", [])))
        item = GymExercise(
            id=ex["id"],
            name=ex["name"],
            block=ex["block"],
            sets=ex["sets"],
            reps=ex.get("reps"),
            duration_s=ex.get("duration_s"),
            rest_s=ex.get("rest_s") or 0,
            pct_1rm=(ex.get("intensity") or {}).get("pct_1rm"),
            rpe=(ex.get("intensity") or {}).get("rpe"),
            cues=list(ex.get("cues", [])),
            prescription=prescription_text(ex),
            last=describe_sets(prior, units),
            suggestion=suggestion,
            logged=[x for x in history if x.day == day and x.exercise_id == ex["id"]],
        )
        if barbell and suggestion.load_kg:
            item.warmups = gym.warmup_ramp(suggestion.load_kg)
            item.plates = gym.plates_per_side(suggestion.load_kg)
        if lib is not None:
            item.substitutes = [(s, sub.name) for s in lib.substitutions if (sub := exercise(s)) is not None]
        out.append(item)
    return out
