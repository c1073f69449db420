"""The vocabularies: the kinds of news and every status, as enums every layer can name (pure).

The database stores these values (``adapters.models``); views, forms, templates and pure modules
name them from here without SQLAlchemy.
"""

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


class Status(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    RETRACTED = "retracted"


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    UNLISTED = "unlisted"
    PRIVATE = "private"


class Role(enum.StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"


class SubscriberStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"


class Cadence(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class DeliveryKind(enum.StrEnum):
    DIGEST = "digest"
    REMINDER = "reminder"
    CONFIRMATION = "confirmation"
    TEST = "test"


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
