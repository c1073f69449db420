"""Errors services raise for bad input: the web answers 400 naming the field, the CLI exits 2."""

from __future__ import annotations


class InvalidInput(ValueError):
    """Bad input for a use case; ``field`` names what was wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(LookupError):
    """The thing asked for does not exist."""
