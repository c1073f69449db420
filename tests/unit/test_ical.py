"""The calendar renderer on its own: values in, bytes out."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

from newsfeed.domain.dates import parse
from newsfeed.render.ical import CalendarEvent, render_ics

STAMP = dt.datetime(2025, 1, 2, tzinfo=dt.UTC)


def _event(uid: str, text: str) -> CalendarEvent:
    when = parse(text, today=dt.date(2025, 1, 1))
    return CalendarEvent(uid, uid, "", f"https://news.example.org/{uid}", when, 1, STAMP)


def _starts(part: icalendar.cal.Component) -> list[dt.datetime]:
    """A STANDARD or DAYLIGHT part's DTSTART and RDATEs (one RDATE property, or a list of them)."""
    rdates = part.get("RDATE", [])
    rdates = rdates if isinstance(rdates, list) else [rdates]
    return [part.decoded("DTSTART"), *(d.dt for rdate in rdates for d in rdate.dts)]


def test_a_zone_is_described_over_the_years_of_its_events_and_reads_back_to_the_same_instants() -> None:
    events = [
        _event("talk", "14 March 2025, 10:00 Europe/Berlin"),
        _event("keynote", "2 July 2026, 15:30 Europe/Berlin"),
    ]
    cal = icalendar.Calendar.from_ical(render_ics("News", events))
    (zone,) = cal.walk("VTIMEZONE")
    assert isinstance(zone, icalendar.Timezone)
    assert str(zone["TZID"]) == "Europe/Berlin"
    starts = [when for part in zone.walk() if part.name in ("STANDARD", "DAYLIGHT") for when in _starts(part)]
    # the rules of 2025 and 2026 (both changes of each year), none from before or after
    assert min(starts).year == 2025 and max(starts).year == 2026
    assert {(s.year, s.month) for s in starts} >= {(2025, 3), (2025, 10), (2026, 3), (2026, 10)}
    # the zone the calendar itself describes gives each event its instant (winter and summer)
    described = zone.to_tz()
    for ev, expected in zip(
        cal.walk("VEVENT"),
        [dt.datetime(2025, 3, 14, 9, 0, tzinfo=dt.UTC), dt.datetime(2026, 7, 2, 13, 30, tzinfo=dt.UTC)],
        strict=True,
    ):
        local = ev.decoded("DTSTART").replace(tzinfo=None)
        assert local.replace(tzinfo=described).astimezone(dt.UTC) == expected
        assert local.replace(tzinfo=ZoneInfo("Europe/Berlin")).astimezone(dt.UTC) == expected


def test_a_calendar_without_zoned_times_has_no_zone() -> None:
    cal = icalendar.Calendar.from_ical(render_ics("News", [_event("deadline", "1 Feb 2025, 11.59pm AoE")]))
    assert cal.walk("VTIMEZONE") == []
