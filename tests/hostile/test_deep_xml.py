"""Issue 7.4: deep XML cannot kill the process; it is refused before any parser builds a tree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stridelift.importers.dispatch import read_activity_file
from stridelift.importers.errors import ImportFileError
from stridelift.importers.xmldepth import MAX_XML_DEPTH, too_deep
from tests.hostile.limits import run_limited
from tests.unit.test_importers_text import gpx, tcx


def _nest(n: int, tag: str = "x") -> str:
    return f"<{tag}>" * n + f"</{tag}>" * n


def _deep_gpx(n: int, *, comment: str = "") -> str:
    return gpx(n=20, hr=False).replace("</trkpt>", f"<extensions>{comment}{_nest(n)}</extensions></trkpt>", 1)


def _deep_tcx(n: int) -> str:
    return tcx(n=20).replace("</Trackpoint>", f"<Extensions>{_nest(n)}</Extensions></Trackpoint>", 1)


@pytest.mark.parametrize(("name", "build"), [("deep.gpx", _deep_gpx), ("deep.tcx", _deep_tcx)])
def test_200000_levels_are_refused_in_a_process_that_survives(
    tmp_path: Path, name: str, build: Callable[[int], str]
) -> None:
    path = tmp_path / name
    path.write_text(build(200_000))
    out = run_limited({"read": str(path)}, timeout_s=60)  # a SIGSEGV would be a non-zero exit here
    assert out["error"] == "xml_depth", out
    assert f"more than {MAX_XML_DEPTH} deep" in out["message"]


def test_closing_tags_hidden_in_a_comment_do_not_fool_the_gate() -> None:
    hide = "<!-- " + "</x>" * 5_000 + " -->"
    with pytest.raises(ImportFileError) as err:
        read_activity_file("deep.gpx", _deep_gpx(5_000, comment=hide).encode())
    assert err.value.reason == "xml_depth"


def test_real_depths_and_self_closing_tags_still_read() -> None:
    # many self-closing tags push the quick bound over the limit; the exact count lets them through
    text = gpx(n=300).replace("</trkpt>", "<extensions/></trkpt>")
    assert not too_deep(text)
    assert read_activity_file("run.gpx", text.encode()).duration_s == pytest.approx(299)
    assert not too_deep(_nest(MAX_XML_DEPTH)) and too_deep(_nest(MAX_XML_DEPTH + 1))
    fine = _deep_gpx(50)
    assert read_activity_file("run.gpx", fine.encode()).duration_s == pytest.approx(19)
