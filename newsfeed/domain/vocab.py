"""The vocabularies: the kinds of news and every status, as enums every layer can name (pure).

The database stores these values (``adapters.models``); views, forms, templates and pure modules
name them from here without SQLAlchemy.
"""

from __future__ import annotations

import enum

from .errors import InvalidInput


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

# The shapes of page an import reads (`newsfeed import --format`, a source's format): see
# newsfeed.domain.importers.
IMPORT_FORMATS = ("news", "alfolio", "publications", "listing", "cfp")


def is_kind(value: str) -> bool:
    return value in _VALUES


def kind_problem(value: object) -> str | None:
    """The one message for a value that is not a kind (None when it is one)."""
    if isinstance(value, str) and value in _VALUES:
        return None
    shown = value[:40] if isinstance(value, str) else value
    return f"{shown!r} is not a kind (one of {', '.join(KINDS)})"


def check_kind(value: object, field: str = "kind") -> Kind:
    """The kind named by ``value``, or InvalidInput naming ``field`` (every form, query string,
    command line option and filter checks a kind here)."""
    problem = kind_problem(value)
    if problem is not None:
        raise InvalidInput(field, problem)
    return Kind(str(value))


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
    PROPOSALS = "proposals"  # to an account: the news proposed from papers since the last one


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    GROUPED = "grouped"  # a reminder sent within another delivery's email (its carrier)
