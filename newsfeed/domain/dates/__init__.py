"""The fuzzy date engine: every date an academic writes, with its precision and zone.

Pure: no Flask, no SQLAlchemy, and it never reads the clock (``today`` is always passed in).

>>> import datetime as dt
>>> parse("06/05/2024 to 12/05/2024", today=dt.date(2025, 3, 1), date_order="dmy").display()
'6–12 May 2024'
"""

from .model import DateMatch, DateOrder, DateParseError, FuzzyDate, Grain, Prefer, Venue
from .parser import apply_note, find_dates, find_note, find_venues, infer_date_order, parse
from .zones import UnknownZone, to_utc, tzinfo_for, unknown_zone, zone_of
from .zones import is_valid as is_valid_zone
from .zones import resolve as resolve_zone

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
    "is_valid_zone",
    "parse",
    "resolve_zone",
    "to_utc",
    "tzinfo_for",
    "unknown_zone",
    "UnknownZone",
    "zone_of",
]
