"""When a dated thing happens, and whether it is still to come: one rule for every channel (pure).

The public /upcoming page, the iCalendar feed, the "Upcoming" part of digests and the reminders all
ask these functions, so a subscriber sees the same events in each.

**The rule.** A milestone is an *event* when its precision is a minute or a day (and a month too
when the site sets ``[site] month_events``); a year is too vague to count down to. Its span, as UTC
instants, is:

- minute precision: from its instant to its end instant (a deadline "1 Feb 2025, 23:59 AoE" is a
  point: both are 2 Feb 11:59 UTC). A time written without a zone is read in the site's zone;
- day precision: from 00:00 of its first day to 24:00 of its last day, in its own zone when one
  was written ("1 Feb 2025 AoE"), otherwise in the site's zone;
- month precision: from 00:00 on the first of its first month to 24:00 on the last day of its
  last month, in the same zone.

An event is **upcoming** from now until its span ends (a trip under way is still listed; a
deadline is gone the moment it passes), and within a horizon when it starts before the horizon
ends. Its **countdown** runs to the start of its span; reminders are due at each lead time before
that start, and an event already under way gets none.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from .dates import FuzzyDate, UnknownZone, zone_of

DAY_GRAINS: tuple[str, ...] = ("day", "minute")
WITH_MONTHS: tuple[str, ...] = ("month", "day", "minute")


def event_grains(month_events: bool) -> tuple[str, ...]:
    return WITH_MONTHS if month_events else DAY_GRAINS


@dataclass(frozen=True, slots=True)
class Span:
    """When an event happens: ``starts`` (the countdown's target) to ``ends`` (exclusive), UTC."""

    starts: dt.datetime
    ends: dt.datetime

    def upcoming(self, now: dt.datetime, until: dt.datetime | None = None) -> bool:
        """Not over yet at ``now``, and starting before ``until`` (when given)."""
        return self.ends > now and (until is None or self.starts <= until)

    def started(self, now: dt.datetime) -> bool:
        return self.starts <= now

    def days_until(self, now: dt.datetime) -> int:
        """Days from ``now`` to the start, rounded up ("in 13 days" for 12 days and 23 hours; 1
        for anything within a day; 0 once it has started)."""
        seconds = (self.starts - now).total_seconds()
        return max(0, math.ceil(seconds / 86400))

    def hours_until(self, now: dt.datetime) -> int:
        return max(0, math.ceil((self.starts - now).total_seconds() / 3600))


def _zone(d: FuzzyDate, site_zone: str) -> dt.tzinfo:
    for name in (d.tz, site_zone):
        if name:
            try:
                return zone_of(name)
            except UnknownZone:
                continue
    return dt.UTC


def _local(day: dt.date, hhmm: str | None, zone: dt.tzinfo) -> dt.datetime:
    hour, minute = (int(hhmm[:2]), int(hhmm[3:5])) if hhmm else (0, 0)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).astimezone(dt.UTC)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def span(d: FuzzyDate, site_zone: str, grains: tuple[str, ...] = DAY_GRAINS) -> Span | None:
    """The span of an event, or None when this date is not an event (too vague)."""
    if d.grain not in grains:
        return None
    zone = _zone(d, site_zone)
    if d.grain == "minute":
        if d.instant is not None:
            starts = d.instant
            ends = d.end_instant or d.instant
        else:
            starts = _local(d.start, d.time, zone)
            ends = _local(d.end, d.end_time or d.time, zone)
        return Span(starts, max(starts, ends))
    if d.grain == "day":
        return Span(_local(d.start, None, zone), _local(d.end + dt.timedelta(days=1), None, zone))
    first = d.start.replace(day=1)
    return Span(_local(first, None, zone), _local(_next_month(d.end), None, zone))
