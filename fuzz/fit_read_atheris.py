"""Coverage-guided fuzzing of the whole FIT read path (decode, then the activity summary) with atheris.

    pip install atheris
    PYTHONPATH=src:. python fuzz/fit_read_atheris.py [corpus_dir] -max_len=65536 -rss_limit_mb=1024

Unlike ``fit_atheris.py``, which fuzzes the decoder alone and sees most inputs fail at the CRC,
this target recomputes the header and file CRCs of every input first, so mutations reach the
record walker and ``to_activity``, where a hostile clock once asked numpy for 14.9 GiB. Seed it
with real files (``../shared/data/fit``). libFuzzer's ``-rss_limit_mb`` is the memory bound.
The property: ``read_activity`` returns an Activity or raises FitError, never the internal
catch-all, and its streams stay proportional to the file.
"""

from __future__ import annotations

import sys

import atheris  # type: ignore[import-not-found]

with atheris.instrument_imports():
    from tests.property.fit_read_fuzz import recrc

    from stridelift.importers.fit import FitError, read_activity


def test_one_input(data: bytes) -> None:
    data = recrc(data)
    try:
        act = read_activity(data, "fuzz.fit")
    except FitError as err:
        if err.reason == "internal":
            raise AssertionError(f"unforeseen failure: {err}") from err
        return
    if len(act.time_s) > 21 * max(len(data), 1):
        raise AssertionError(f"{len(act.time_s)} stream samples from {len(data)} bytes")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
