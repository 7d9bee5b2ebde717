"""The error for history that cannot be read, apart from `history` so that planning without history
(which names it among its input errors) does not import the load model and the store to know it."""

from __future__ import annotations


class HistoryError(ValueError):
    """History that cannot be read; the message names the source."""
