"""FIT activity import: a fast numpy-backed decoder and the conversion to a domain Activity.

>>> fit = decode_fit(data)                       # FitFile: columns per message type
>>> fit.messages["record"]["heart_rate"]         # float64 array, NaN where invalid
>>> activity = to_activity(fit, source="run.fit")
"""

from .activity import decoded_activity, read_activity, read_decoded, to_activity
from .decoder import FitFile, FitHeader, decode_fit
from .errors import FitError
from .parallel import decode_many, decode_path
from .profile import enum_name

__all__ = [
    "FitError",
    "FitFile",
    "FitHeader",
    "decode_fit",
    "decode_many",
    "decode_path",
    "decoded_activity",
    "enum_name",
    "read_activity",
    "read_decoded",
    "to_activity",
]
