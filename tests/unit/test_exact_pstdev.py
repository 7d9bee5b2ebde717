"""``domain.exact.pstdev`` is ``statistics.pstdev`` bit for bit (the stored speed_cv and hr_cv
must not change with the faster code)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridelift.domain.exact import pstdev

finite = st.floats(allow_nan=False, allow_infinity=False)
block_means = st.floats(min_value=0.5, max_value=250.0)


@given(st.lists(finite, min_size=1, max_size=60))
def test_any_finite_floats(values: list[float]) -> None:
    assert math.copysign(1, pstdev(values)) == 1
    assert pstdev(values) == statistics.pstdev(values)


@given(st.lists(block_means, min_size=1, max_size=400))
def test_block_means_like_the_load_code_stores(values: list[float]) -> None:
    assert pstdev(values) == statistics.pstdev(values)


@pytest.mark.parametrize(
    "values",
    [
        [0.0],
        [0.0, 0.0, 0.0],
        [3.5, 3.5, 3.5],
        [1.0, 2.0],
        [-1.0, 1.0],
        [5e-324, 0.0, 1e-300],  # subnormal
        [1e300, -1e300, 1.0],  # huge: the exponents far apart, statistics decides
        [1.5, 2.5, 2.5, 2.75, 3.25, 4.75],  # statistics' own doctest: 0.986893273527251
        [0.1] * 7 + [0.2] * 5,
    ],
)
def test_edges(values: list[float]) -> None:
    assert pstdev(values) == statistics.pstdev(values)


@pytest.mark.parametrize("values", [[math.nan, 1.0], [math.inf, 1.0], [1.0, -math.inf]])
def test_non_finite_values_follow_statistics(values: list[float]) -> None:
    def outcome(f: Callable[[list[float]], float]) -> object:
        try:
            value = f(values)
        except Exception as exc:  # statistics 3.11 raises AttributeError on a NaN: the same here
            return type(exc)
        return "nan" if math.isnan(value) else value

    assert outcome(pstdev) == outcome(statistics.pstdev)


def test_empty_is_an_error_as_in_statistics() -> None:
    with pytest.raises(statistics.StatisticsError):
        pstdev([])
