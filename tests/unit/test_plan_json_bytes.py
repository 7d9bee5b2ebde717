"""The fast JSON writer (orjson) writes byte for byte what the standard library's indent=2 writer does,
so files, diffs and the contract's consumers see no change."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from stridelift.exporters.plan_json import plan_from_dict, plan_to_dict, to_json, to_json_stdlib
from stridelift.services import plan_profile
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES[:3], ids=lambda p: p.stem)
def test_orjson_output_is_the_standard_librarys(path: Path) -> None:
    plan = plan_profile(path).plan
    plan = dataclasses.replace(plan, athlete_name="Zoë Ørsted — 東京")  # non-ASCII stays UTF-8, unescaped
    fast = to_json(plan)
    assert fast == to_json_stdlib(plan_to_dict(plan))
    assert fast.endswith(b"}\n") and "Zoë".encode() in fast
    assert plan_to_dict(plan_from_dict(json.loads(fast))) == plan_to_dict(plan)


def test_the_plan_document_the_cli_writes_is_the_standard_librarys_bytes() -> None:
    from stridelift.services.exports import plan_document

    plan = plan_profile(EXAMPLES[0]).plan
    written = plan_document(plan, "json")
    assert written == to_json_stdlib(json.loads(written))
