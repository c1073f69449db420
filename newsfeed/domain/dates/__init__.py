"""The fuzzy date engine: every date an academic writes, with its precision and zone.

Pure: no Flask, no SQLAlchemy, and it never reads the clock (``today`` is always passed in).

>>> import datetime as dt
>>> parse("06/05/2024 to 12/05/2024", today=dt.date(2025, 3, 1), date_order="dmy").display()
'6–12 May 2024'
"""

from typing import TYPE_CHECKING, Any

from .model import DateMatch, DateOrder, DateParseError, FuzzyDate, Grain, Prefer, Venue, instant_text
from .zones import UnknownZone, to_utc, tzinfo_for, unknown_zone, zone_of
from .zones import is_valid as is_valid_zone
from .zones import resolve as resolve_zone

if TYPE_CHECKING:
    from .parser import apply_note, find_dates, find_note, find_venues, infer_date_order, parse

# The parser compiles its grammar when first imported (tens of milliseconds): it is loaded on the
# first use of one of its names, so that what only stores or shows dates (the models, most CLI
# commands) starts without it.
_PARSER = frozenset({"apply_note", "find_dates", "find_note", "find_venues", "infer_date_order", "parse"})


def __getattr__(name: str) -> Any:
    if name in _PARSER:
        from . import parser

        return getattr(parser, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DateMatch",
    "DateOrder",
    "DateParseError",
    "FuzzyDate",
    "Grain",
    "Prefer",
    "Venue",
    "apply_note",
    "find_dates",
    "find_note",
    "find_venues",
    "infer_date_order",
    "instant_text",
    "is_valid_zone",
    "parse",
    "resolve_zone",
    "to_utc",
    "tzinfo_for",
    "unknown_zone",
    "UnknownZone",
    "zone_of",
]
