"""The one error type entry points catch from a use case: a one-line message and an exit code."""

from __future__ import annotations


class ServiceError(Exception):
    """Bad input or an unusable resource, said in one line; `code` is the CLI's exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code
