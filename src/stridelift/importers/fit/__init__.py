"""FIT activity import: a fast numpy-backed decoder and the conversion to a domain Activity."""

from .decoder import FitFile, FitHeader, decode_fit
from .errors import FitError
from .profile import enum_name

__all__ = ["FitError", "FitFile", "FitHeader", "decode_fit", "enum_name"]
