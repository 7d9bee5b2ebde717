"""How deep an XML document nests, measured before any parser builds a tree from it.

gpxpy deep-copies ``<extensions>`` element trees, and that recursion in C crashes the process
(SIGSEGV, no message) at a few hundred thousand levels. Real GPX and TCX files nest about ten
deep, so anything past ``MAX_XML_DEPTH`` is refused before parsing.
"""

from __future__ import annotations

import xml.parsers.expat
from typing import Final

import numpy as np

MAX_XML_DEPTH: Final = 100
_LT: Final = ord("<")
_SLASH: Final = ord("/")


class _TooDeep(Exception):
    pass


def too_deep(text: str, limit: int = MAX_XML_DEPTH) -> bool:
    """Whether elements nest more than ``limit`` deep (counting stops there).

    A vectorised upper bound first (every start tag opens, every ``</`` closes; self-closing tags
    only make it larger), exact only when that bound is over the limit or when comments, CDATA or
    processing instructions could hide a ``</``: then expat counts, stopping at the limit.
    """
    if "<!" not in text and "<?" not in text:
        raw = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        lt = np.flatnonzero(raw[:-1] == _LT)
        if len(lt) == 0 or int(np.cumsum(np.where(raw[lt + 1] == _SLASH, -1, 1)).max()) <= limit:
            return False
    return _exact(text, limit)


def _exact(text: str, limit: int) -> bool:
    parser = xml.parsers.expat.ParserCreate()
    depth = 0

    def start(name: str, attrs: object) -> None:
        nonlocal depth
        depth += 1
        if depth > limit:
            raise _TooDeep

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(text, True)
    except _TooDeep:
        return True
    except xml.parsers.expat.ExpatError:
        return False  # not well-formed: the reader's own parser says so, with its message
    return False
