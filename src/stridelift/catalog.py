"""Loads the bundled data files (exercises, rules, sources, templates) into domain objects.

The files are the single source of truth: the generator, the checker and `stridelift rules` /
`stridelift exercises` all read what this module returns. Loading validates every cross-reference
(ids, sources, vocabularies) so a typo in the data fails at load time, not deep inside a plan.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from stridelift.domain.exercises import Exercise, ExerciseLibrary, Source
from stridelift.domain.rules import Rule, RuleBook
from stridelift.domain.templates import (
    CircuitTemplate,
    HeavyTemplate,
    InjuryPolicy,
    PhaseMenu,
    RunChanges,
    Station,
    StatusPolicy,
    Templates,
    Timing,
)
from stridelift.domain.vocab import (
    BLOCKS,
    CORE_TARGETS,
    EQUIPMENT,
    EXERCISE_TAGS,
    INJURY_AREAS,
    INJURY_STATUSES,
    MUSCLES,
    PHASES,
    PLANES,
    REGIONS,
)


class DataError(ValueError):
    """A bundled or user-supplied data file breaks its own schema."""


def read_data(name: str) -> dict[str, Any]:
    text = resources.files("stridelift.data").joinpath(name).read_text(encoding="utf-8")
    cached = _cache_path(name, text)
    if cached is not None:
        try:
            loaded = marshal.loads(cached.read_bytes())
            if isinstance(loaded, dict):
                return loaded
        except (OSError, EOFError, ValueError, TypeError):
            pass
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{name}: {exc}") from exc
    if cached is not None:
        _write_cache(cached, data)
    return data


def _cache_path(name: str, text: str) -> Path | None:
    """Where the parsed form of a data file is kept: parsing the 140 kB exercise library with tomllib
    costs 30-90 ms of every command's start, reading its marshalled form about 1 ms. The name holds
    a hash of the text and the Python version, so an edited file or another interpreter never reads
    a stale form. STRIDELIFT_CACHE_DIR="" turns the cache off."""
    root = os.environ.get("STRIDELIFT_CACHE_DIR")
    if root == "":
        return None
    if root is None:
        import platformdirs

        root = platformdirs.user_cache_dir("stridelift")
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()
    tag = f"py{sys.version_info.major}{sys.version_info.minor}"
    return Path(root) / f"{name}.{tag}.{digest}.marshal"


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    """Best effort and atomic (a temporary file renamed into place): a read-only home only costs the
    parse next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(data))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass


def _sources(raw: Mapping[str, Any]) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for item in raw.get("source", []):
        src = Source(
            id=item["id"],
            kind=item["kind"],
            title=item["title"],
            citation=item["citation"],
            quote=item.get("quote", ""),
        )
        if src.id in out:
            raise DataError(f"sources.toml: duplicate source {src.id!r}")
        out[src.id] = src
    return out


_EXERCISE_KEYS = {
    "id",
    "name",
    "aliases",
    "region",
    "muscles",
    "equipment",
    "planes",
    "unilateral",
    "balance",
    "core_target",
    "roles",
    "pattern",
    "cues",
    "regressions",
    "progressions",
    "substitutions",
    "loads",
    "source",
    "heavy",
    "testable",
    "plyometric",
    "plyo_level",
    "heavy_twice_weekly",
    "grip_limited",
    "max_circuit_reps",
    "leg_fatigue",
    "bodyweight_reps",
    "speed",
    "balance_level",
    "default_reps",
    "default_duration_s",
    "fit_category",
    "fit_name",
    "notes",
    "tags",
}


def _check_vocab(where: str, field: str, values: list[str], vocab: tuple[str, ...]) -> None:
    bad = [v for v in values if v not in vocab]
    if bad:
        raise DataError(f"{where}: {field} {bad} not in {list(vocab)}")


def _exercise(item: Mapping[str, Any], sources: Mapping[str, Source]) -> Exercise:
    where = f"exercises.toml [{item.get('id', '?')}]"
    unknown = set(item) - _EXERCISE_KEYS
    if unknown:
        raise DataError(f"{where}: unknown keys {sorted(unknown)}")
    _check_vocab(where, "region", [item["region"]], REGIONS)
    _check_vocab(where, "muscles", item["muscles"], MUSCLES)
    _check_vocab(where, "equipment", item.get("equipment", []), EQUIPMENT)
    _check_vocab(where, "planes", item["planes"], PLANES)
    _check_vocab(where, "roles", item["roles"], BLOCKS)
    _check_vocab(where, "loads", item.get("loads", []), INJURY_AREAS)
    _check_vocab(where, "tags", item.get("tags", []), EXERCISE_TAGS)
    target = item.get("core_target")
    if target is not None:
        _check_vocab(where, "core_target", [target], CORE_TARGETS)
    for s in item["source"]:
        if s not in sources:
            raise DataError(f"{where}: unknown source {s!r}")
    if not item["planes"] or not item["muscles"] or not item["cues"] or not item["source"]:
        raise DataError(f"{where}: planes, muscles, cues and source must not be empty")
    if bool(item.get("plyometric", False)) != (int(item.get("plyo_level", 0)) in (1, 2, 3)):
        raise DataError(f"{where}: a plyometric exercise, and only one, has a plyo_level of 1, 2 or 3")
    if item.get("testable", False) and (item.get("unilateral", False) or not item.get("heavy", False)):
        raise DataError(f"{where}: a testable lift is a heavy two-legged lift")
    reps = item.get("default_reps", None if "default_duration_s" in item else 10)
    return Exercise(
        id=item["id"],
        name=item["name"],
        aliases=tuple(item.get("aliases", [])),
        region=item["region"],
        muscles=tuple(item["muscles"]),
        equipment=tuple(e for e in item.get("equipment", []) if e != "bodyweight"),
        planes=tuple(item["planes"]),
        unilateral=bool(item.get("unilateral", False)),
        balance=bool(item.get("balance", False)),
        core_target=target,
        roles=tuple(item["roles"]),
        pattern=item.get("pattern", ""),
        cues=tuple(item["cues"]),
        regressions=tuple(item.get("regressions", [])),
        progressions=tuple(item.get("progressions", [])),
        substitutions=tuple(item.get("substitutions", [])),
        loads=tuple(item.get("loads", [])),
        source=tuple(item["source"]),
        heavy=bool(item.get("heavy", False)),
        testable=bool(item.get("testable", False)),
        plyometric=bool(item.get("plyometric", False)),
        plyo_level=int(item.get("plyo_level", 0)),
        heavy_twice_weekly=bool(item.get("heavy_twice_weekly", False)),
        grip_limited=bool(item.get("grip_limited", False)),
        max_circuit_reps=item.get("max_circuit_reps"),
        leg_fatigue=bool(item.get("leg_fatigue", False)),
        bodyweight_reps=item.get("bodyweight_reps"),
        speed=item.get("speed", "moderate"),
        balance_level=int(item.get("balance_level", 0)),
        default_reps=reps,
        default_duration_s=item.get("default_duration_s"),
        fit_category=item.get("fit_category", "unknown"),
        fit_name=item.get("fit_name"),
        notes=item.get("notes", ""),
        tags=tuple(item.get("tags", [])),
    )


@lru_cache(maxsize=1)
def load_sources() -> dict[str, Source]:
    return _sources(read_data("sources.toml"))


@lru_cache(maxsize=1)
def load_library() -> ExerciseLibrary:
    sources = load_sources()
    raw = read_data("exercises.toml")
    library = ExerciseLibrary((_exercise(i, sources) for i in raw.get("exercise", [])), sources)
    for ex in library:
        for ref_field in ("regressions", "progressions", "substitutions"):
            for ref in getattr(ex, ref_field):
                if ref not in library:
                    raise DataError(f"exercises.toml [{ex.id}]: {ref_field} names unknown exercise {ref!r}")
    return library


@lru_cache(maxsize=1)
def load_rules() -> RuleBook:
    sources = load_sources()
    raw = read_data("rules.toml")
    rules = []
    for item in raw.get("rule", []):
        where = f"rules.toml [{item.get('id', '?')}]"
        for s in item.get("source", []):
            if s not in sources:
                raise DataError(f"{where}: unknown source {s!r}")
        if not item.get("source"):
            raise DataError(f"{where}: a rule needs a source")
        rules.append(
            Rule(
                id=item["id"],
                title=item["title"],
                statement=item["statement"],
                hard=bool(item["hard"]),
                phases=tuple(item.get("phases", [])),
                check=item["check"],
                source=tuple(item["source"]),
                params=dict(item.get("params", {})),
            )
        )
    return RuleBook(rules)


def _station(raw: Mapping[str, Any]) -> Station:
    return Station(region=raw["region"], pattern=raw["pattern"], prefer=tuple(raw.get("prefer", [])))


@lru_cache(maxsize=1)
def load_templates() -> Templates:
    raw = read_data("templates.toml")
    inj = read_data("injuries.toml")
    phases = {
        name: PhaseMenu(tuple(v["sessions"]), int(v["required"]), v.get("single"))
        for name, v in raw["phases"].items()
    }
    missing = set(PHASES) - set(phases)
    if missing:
        raise DataError(f"templates.toml: no session menu for phases {sorted(missing)}")
    t = raw["timing"]
    timing = Timing(
        float(t["rep_seconds"]), float(t["circuit_rep_seconds"]), int(t["transition_s"]), int(t["per_side_factor"])
    )
    circuits = tuple(
        CircuitTemplate(c["id"], c["name"], tuple(c["source"]), tuple(_station(s) for s in c["stations"]))
        for c in raw["circuit"]
    )
    heavy = tuple(
        HeavyTemplate(
            h["id"],
            h["name"],
            tuple(h["source"]),
            _station(h["main"]),
            _station(h["second"]),
            _station(h["calf"]),
            _station(h["upper"]),
        )
        for h in raw["heavy"]
    )
    injuries: dict[str, InjuryPolicy] = {}
    for item in inj["injury"]:
        by_status = {}
        for status in INJURY_STATUSES:
            p = item.get(status, {})
            by_status[status] = StatusPolicy(
                exclude_loads=tuple(p.get("exclude_loads", [])),
                no_plyometrics=bool(p.get("no_plyometrics")),
                no_heavy_loads=tuple(p.get("no_heavy_loads", [])),
                rpe_cap=p.get("rpe_cap"),
                add=tuple(p.get("add", [])),
                cap_patterns=tuple(p.get("cap_patterns", [])),
                progress_weeks=p.get("progress", {}).get("after_weeks"),
                progress_to=p.get("progress", {}).get("to"),
                runs=_run_changes(p.get("runs")),
                exclude_tags=tuple(p.get("exclude_tags", [])),
                stage=str(p.get("stage", "")),
            )
            where = f"injuries.toml {item['area']} {status}"
            _check_vocab(where, "exclude_tags", list(p.get("exclude_tags", [])), EXERCISE_TAGS)
        for status, sp in by_status.items():
            if sp.progress_to is not None and sp.progress_to not in INJURY_STATUSES:
                raise ValueError(f"injury {item['area']} {status}: progress to unknown status {sp.progress_to!r}")
        injuries[item["area"]] = InjuryPolicy(
            item["area"],
            item["rule"],
            item["advice"],
            tuple(item["source"]),
            by_status,
            tuple(item.get("runs_source", ())),
            str(item.get("held", "")),
        )
        unstaged = [st for st, sp in by_status.items() if st != "history" and sp.progress_to is None]
        if unstaged and not injuries[item["area"]].held:
            raise DataError(f"injuries.toml {item['area']}: {unstaged} never move on and there is no `held` warning")
        if any(sp.runs for sp in by_status.values()) and not injuries[item["area"]].runs_source:
            raise DataError(f"injuries.toml {item['area']}: running changes without `runs_source`")
    missing = set(INJURY_AREAS) - set(injuries)
    if missing:
        raise DataError(f"injuries.toml: no policy for {sorted(missing)}")
    sources = load_sources()
    for pol in injuries.values():
        for s in (*pol.runs_source, *pol.source):
            if s not in sources:
                raise DataError(f"injuries.toml {pol.area}: unknown source {s!r}")
    for c in circuits:
        for s in c.source:
            if s not in sources:
                raise DataError(f"templates.toml circuit {c.id}: unknown source {s!r}")
    return Templates(phases, timing, circuits, heavy, injuries)


def _run_changes(raw: dict[str, Any] | None) -> RunChanges | None:
    if not raw:
        return None
    share = raw.get("long_share")
    if share is not None and not 0 < float(share) <= 1:
        raise DataError(f"injuries.toml: long_share {share!r} is not a share of the usual long run")
    growth = raw.get("long_growth")
    if growth is not None and not 0 < float(growth) < 1:
        raise DataError(f"injuries.toml: long_growth {growth!r} is not a weekly share")
    return RunChanges(
        tuple(raw.get("easy_instead", ())),
        None if share is None else float(share),
        str(raw["note"]),
        None if growth is None else float(growth),
        bool(raw.get("no_strides", False)),
    )
