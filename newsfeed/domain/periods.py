"""When digests and reminders are due (pure: ``now`` is an argument).

Periods are counted in the subscriber's zone and are due at the site's ``send_hour``: daily
"2025-02-03", weekly "2025-W06" (Mondays), monthly "2025-02" (the 1st). A reminder is due at each
of the subscriber's lead times before an event starts; when several have passed at once (the item
was posted late), only the nearest is sent.
"""

from __future__ import annotations

import datetime as dt

from .dates.zones import zone_of
from .upcoming import Span
from .vocab import Cadence


def period_due(cadence: Cadence, now: dt.datetime, zone: str, send_hour: int) -> tuple[str, dt.datetime]:
    """The latest period whose digest is due at or before ``now``: (key, due instant in UTC)."""
    tz = zone_of(zone)
    local = now.astimezone(tz)

    def at(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, send_hour, tzinfo=tz).astimezone(dt.UTC)

    if cadence == Cadence.DAILY:
        day = local.date()
        if now < at(day):
            day -= dt.timedelta(days=1)
        return day.isoformat(), at(day)
    if cadence == Cadence.WEEKLY:
        monday = local.date() - dt.timedelta(days=local.weekday())
        if now < at(monday):
            monday -= dt.timedelta(days=7)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}", at(monday)
    first = local.date().replace(day=1)
    if now < at(first):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first.strftime("%Y-%m"), at(first)


def next_period(cadence: Cadence, after: dt.datetime, zone: str, send_hour: int) -> tuple[str, dt.datetime]:
    """The first period whose digest falls due strictly after ``after``: (key, due instant in UTC)."""
    key, due = period_due(cadence, after, zone, send_hour)
    probe = due
    step = {Cadence.DAILY: 1, Cadence.WEEKLY: 7}.get(cadence, 31)
    while True:  # the latest due instant of a probe a whole period later is the next one (DST-proof)
        probe += dt.timedelta(days=step, hours=12)
        key, due = period_due(cadence, probe, zone, send_hour)
        if due > after:
            return key, due


def site_today(now: dt.datetime, zone: str) -> dt.date:
    """The day it is at ``now`` in ``zone`` (the site's): what "today" means for yearless and
    relative dates read by the admin form, imports and sources."""
    return now.astimezone(zone_of(zone)).date()


def period_label(cadence: Cadence, key: str) -> str:
    """A period as a digest's subject names it: "week 6, 2025", "February 2025", "3 February 2025"."""
    if cadence == Cadence.WEEKLY:
        year, week = key.split("-W")
        return f"week {int(week)}, {year}"
    if cadence == Cadence.MONTHLY:
        return dt.date.fromisoformat(key + "-01").strftime("%B %Y")
    return dt.date.fromisoformat(key).strftime("%-d %B %Y")


def reminder_due(span_: Span, leads: list[int], now: dt.datetime) -> int | None:
    """The lead time whose reminder is due now (the nearest of those passed), or None."""
    passed = [lead for lead in leads if span_.starts - dt.timedelta(days=lead) <= now]
    return min(passed) if passed else None
