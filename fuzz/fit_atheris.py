"""Coverage-guided fuzzing of the FIT decoder with atheris (run by hand; atheris is not a dependency).

    pip install atheris
    PYTHONPATH=src python fuzz/fit_atheris.py [corpus_dir] -max_len=65536 -runs=1000000

Seed it with real files, e.g. ``python fuzz/fit_atheris.py ../shared/data/fit/fitdecode``.
The property: decode_fit returns a FitFile or raises FitError, and a FitError is never the
internal catch-all (which would mean an unforeseen exception inside the decoder).
"""

from __future__ import annotations

import sys

import atheris  # type: ignore[import-not-found]

with atheris.instrument_imports():
    from stridelift.importers.fit import FitError, decode_fit


def test_one_input(data: bytes) -> None:
    try:
        decode_fit(data)
    except FitError as err:
        if err.reason == "internal":
            raise AssertionError(f"unforeseen failure: {err}") from err


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
