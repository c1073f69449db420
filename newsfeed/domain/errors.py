"""Errors for bad input: the web answers 400 naming the field, the CLI exits 2 (pure)."""

from __future__ import annotations

from collections.abc import Sequence


class InvalidInput(ValueError):
    """Bad input for a use case; ``field`` names what was wrong.

    One error may carry several problems (``problems``: every bad value of a form or a query
    string, each with its field), so that a person sees them all at once.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.problems: tuple[tuple[str, str], ...] = ((field, message),)

    @classmethod
    def many(cls, problems: Sequence[tuple[str, str]]) -> InvalidInput:
        """One error for several problems (at least one): the message lists them all."""
        if not problems:
            raise ValueError("no problems to report")
        first_field, first_message = problems[0]
        error = cls(first_field, first_message)
        error.problems = tuple(problems)
        error.args = ("; ".join(f"{f}: {m}" for f, m in problems),)
        return error

    def fields(self) -> list[str]:
        return list(dict.fromkeys(field for field, _ in self.problems))


class NotFound(LookupError):
    """The thing asked for does not exist."""


class Conflict(Exception):
    """Someone else changed the thing since it was read: nothing was written."""

    def __init__(self, message: str, current: object = None) -> None:
        super().__init__(message)
        self.current = current
