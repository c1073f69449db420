"""One rule for "upcoming": the page, the calendar, the digest and the reminders list the same events.

One data set goes through all four channels: AoE deadlines (one whose UTC date is already
"today" but whose instant is still ahead), all-day trips (one under way), a time written without
a zone, a talk after the daylight-saving change in the site's zone (Vienna moves to summer time
on 30 March 2025), a month-precision visit and a year-precision plan.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import Any

import icalendar
import pytest
from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Delivery, Milestone, Subscriber
from newsfeed.config import Config
from newsfeed.domain.dates import parse
from newsfeed.domain.vocab import DeliveryKind, Kind
from newsfeed.services.digests import build_digest
from newsfeed.services.items import ItemInput, MilestoneInput, create_item
from newsfeed.services.planning import plan
from newsfeed.services.subscriptions import add_confirmed, read_preferences
from tests.conftest import make_config

VIENNA = zoneinfo.ZoneInfo("Europe/Vienna")
NOW = dt.datetime(2025, 3, 28, 10, 0, tzinfo=dt.UTC)  # Friday; summer time starts on Sunday
POSTED = dt.date(2025, 3, 1)

MILESTONES = [
    # label, written as, upcoming at NOW (with month events / without)
    ("Paper deadline", "1 Apr 2025, 11.59pm AoE", True),
    ("Abstract deadline", "27 Mar 2025, 11.59pm AoE", True),  # 28 Mar 11:59 UTC: still ahead
    ("Old deadline", "20 Mar 2025, 11.59pm AoE", False),
    ("Trip", "30 Mar 2025 to 2 Apr 2025", True),  # starts at 23:00 UTC on 29 March
    ("Workshop day", "28 Mar 2025", True),  # under way in Vienna
    ("Yesterday", "27 Mar 2025", False),  # over at 23:00 UTC on 27 March
    ("Seminar", "29 Mar 2025, 14:00", True),  # no zone: the site's
    ("Talk", "31 Mar 2025, 10:00 Europe/Vienna", True),  # after the change: 08:00 UTC
    ("Far trip", "10 Feb 2026 to 12 Feb 2026", True),
    ("Too far", "1 Jun 2026", False),  # beyond a year
    ("Visit", "April 2025", "month"),  # an event only where month events count
    ("Plan", "2026", False),  # a year is never an event
]


@pytest.fixture(params=[False, True], ids=["day-events", "month-events"])
def month_events(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def config(tmp_path: Path, database_url: str, month_events: bool) -> Config:
    return make_config(
        tmp_path, database_url, site={"month_events": month_events}, digests={"upcoming_days": 365}
    )


def _expected(month_events: bool) -> set[str]:
    return {label for label, _, up in MILESTONES if up is True or (up == "month" and month_events)}


def _seed(session: Session) -> None:
    data = ItemInput(
        title="Everything at once",
        posted=parse("03/2025", today=POSTED),
        kind=Kind.ORGANIZING,
        milestones=[MilestoneInput(label, parse(text, today=POSTED)) for label, text, _ in MILESTONES],
    )
    create_item(session, data, now=dt.datetime(2025, 3, 1, tzinfo=dt.UTC), host="news.example.org")
    prefs = read_preferences(session, timezone="Asia/Tokyo", lead_days="365")
    add_confirmed(
        session, "reader@example.org", prefs, now=dt.datetime(2025, 3, 1, tzinfo=dt.UTC), confirmed=True
    )
    session.commit()


def _page(client: Any) -> set[str]:
    doc = html.fromstring(client.get("/upcoming").data)
    return {cell.text_content() for cell in doc.xpath("//table[@class='upcoming']//td/strong")}


def _calendar(client: Any) -> set[str]:
    """Calendar events not over at NOW (all-day events end at midnight in the site's zone)."""
    out = set()
    for event in icalendar.Calendar.from_ical(client.get("/calendar.ics").data).walk("VEVENT"):
        end = event.decoded("DTEND")
        if not isinstance(end, dt.datetime):
            end = dt.datetime(end.year, end.month, end.day, tzinfo=VIENNA)
        start = event.decoded("DTSTART")
        if not isinstance(start, dt.datetime):
            start = dt.datetime(start.year, start.month, start.day, tzinfo=VIENNA)
        if end > NOW and start <= NOW + dt.timedelta(days=365):
            out.add(str(event["SUMMARY"]).split(" — ")[0])
    return out


def test_page_calendar_digest_and_reminders_list_the_same_events(
    session: Session, client: Any, clock: Any, config: Config, month_events: bool
) -> None:
    _seed(session)
    clock.now = NOW
    expected = _expected(month_events)
    assert _page(client) == expected
    assert _calendar(client) == expected
    subscriber = session.scalar(select(Subscriber))
    assert subscriber is not None
    digest = build_digest(session, subscriber, now=NOW, config=config, label="test")
    assert {event.label for event in digest.upcoming} == expected
    plan(session, now=NOW, config=config)
    reminded = session.scalars(
        select(Milestone.label)
        .join(Delivery, Delivery.milestone_id == Milestone.id)
        .where(Delivery.kind == DeliveryKind.REMINDER)
    ).all()
    # reminders are for what has not started: the trip under way gets none
    assert set(reminded) == expected - {"Workshop day"}
    assert len(reminded) == len(set(reminded))


def test_countdowns_run_to_the_start_of_the_span(session: Session, client: Any, clock: Any) -> None:
    _seed(session)
    clock.now = NOW
    doc = html.fromstring(client.get("/upcoming").data)
    rows = {
        row.xpath("td/strong")[0].text_content(): row.xpath("td[@class='countdown-cell']")[0].text_content()
        for row in doc.xpath("//table[@class='upcoming']/tbody/tr")
    }
    assert rows["Abstract deadline"] == "in 2 hours"  # 11:59 UTC, it is 10:00
    assert rows["Workshop day"] == "now"
    assert rows["Trip"] == "in 2 days"  # 23:00 UTC on the 29th: 1 day 13 hours, rounded up
    assert rows["Paper deadline"] == "in 6 days"
