"""``statistics.pstdev`` of floats, bit for bit, without its Fractions.

``statistics.pstdev`` is exact: it sums the data as Fractions and rounds the square root of the
exact variance once, correctly. That makes it slow (a Fraction per value: a fifth of the
statistics stored with every imported activity). Here the same exact value is reached with
plain integers: finite floats are integer multiples of one power of two, so after scaling by it
the sums are exact Python ints, and the square root of the exact ratio is rounded the way
``statistics`` rounds it (round-to-odd on enough bits, then one correctly rounded division).
A correctly rounded result is unique, so both give the same float; the tests check it.
"""

from __future__ import annotations

import math
import operator
import statistics
import sys
from collections.abc import Sequence
from typing import Final

_SQRT_BITS: Final = 2 * sys.float_info.mant_dig + 3  # as statistics._sqrt_bit_width
_MANT_BITS: Final = sys.float_info.mant_dig
_MAX_SPREAD: Final = 900  # binary exponents further apart than this go to statistics itself


def pstdev(values: Sequence[float]) -> float:
    """The population standard deviation, exactly ``statistics.pstdev(values)`` for floats."""
    if not values:
        raise statistics.StatisticsError("pstdev requires at least one data point")
    mags = list(map(abs, values))
    if not math.isfinite(sum(mags)):
        return statistics.pstdev(values)  # NaN or inf (or sums past the largest float): its own rules
    top = max(mags)
    if top == 0.0:
        return 0.0
    least = min(mags)
    if least == 0.0:
        least = min(m for m in mags if m)
    low, high = math.frexp(least)[1], math.frexp(top)[1]  # the exponents of the extremes bound all
    if high - low > _MAX_SPREAD:
        return statistics.pstdev(values)  # scaling would overflow a float
    shift = _MANT_BITS - low  # every value times 2**shift is an integer (and still a finite float)
    if -1000 < shift < 1000:
        scale = 2.0**shift  # a power of two: multiplying by it is exact
        ints = list(map(int, map(scale.__mul__, values)))
    else:
        ints = [int(math.ldexp(v, shift)) for v in values]
    n = len(ints)
    total = sum(ints)
    # variance = (n * sum(x^2) - sum(x)^2) / (n^2 * 4**shift), exactly
    num = n * sum(map(operator.mul, ints, ints)) - total * total
    den = n * n
    if shift >= 0:
        den <<= 2 * shift
    else:
        num <<= -2 * shift
    return _sqrt_of_fraction(num, den)


def _sqrt_of_fraction(n: int, m: int) -> float:
    """Square root of n/m as a float, correctly rounded (``statistics._float_sqrt_of_frac``)."""
    if n == 0:
        return 0.0
    q = (n.bit_length() - m.bit_length() - _SQRT_BITS) // 2
    if q >= 0:
        return float(_isqrt_rto(n, m << 2 * q) << q)
    return _isqrt_rto(n << -2 * q, m) / (1 << -q)


def _isqrt_rto(n: int, m: int) -> int:
    """Square root of n/m rounded to an integer with round-to-odd."""
    a = math.isqrt(n // m)
    return a | (a * a * m != n)
