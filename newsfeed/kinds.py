"""The kinds of news: one vocabulary for the model, the importers, the forms and the filters (pure)."""

from __future__ import annotations

import enum


class Kind(enum.StrEnum):
    """What a piece of news is about. The order is the order shown in forms and filters."""

    ACCEPTANCE = "acceptance"
    TALK = "talk"
    REVIEWING = "reviewing"
    TRAVEL = "travel"
    ORGANIZING = "organizing"
    AWARD = "award"
    POSITION = "position"
    PREPRINT = "preprint"
    OTHER = "other"


KINDS: tuple[str, ...] = tuple(k.value for k in Kind)


def is_kind(value: str) -> bool:
    return value in _VALUES


_VALUES = frozenset(KINDS)
