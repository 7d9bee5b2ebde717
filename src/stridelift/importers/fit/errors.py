"""The one exception the FIT decoder raises."""

from __future__ import annotations


class FitError(ValueError):
    """A FIT input could not be decoded; ``str(err)`` is a one-line reason.

    ``reason`` is a short machine-friendly category (``"empty"``, ``"not_fit"``,
    ``"corrupt_header"``, ``"header_crc"``, ``"file_crc"``, ``"truncated"``,
    ``"unknown_local_message"``, ``"bad_definition"``, ``"developer_data"``,
    ``"io"``, ``"too_large"``, ``"no_activity"``, ``"internal"``); ``offset`` is the byte offset
    where it was noticed, if known.
    """

    def __init__(self, reason: str, message: str, offset: int | None = None) -> None:
        where = f" (at byte {offset})" if offset is not None else ""
        super().__init__(f"{message}{where}")
        self.reason = reason
        self.offset = offset
        self._message = message

    def __reduce__(self) -> tuple[type[FitError], tuple[str, str, int | None]]:
        # so that errors cross process boundaries (decode_many) intact
        return (FitError, (self.reason, self._message, self.offset))
