"""One way to show a time: the zone as the author wrote it ("CET", "AoE"), one style per cell
("12 Mar 2025, 14:00 CET") on pages, in feeds and calendars, and the reader's own time written in
that same style by the browser; /upcoming in the order of the start instants."""

from __future__ import annotations

import re
from typing import Any

import pytest
from icalendar import Calendar
from lxml import html
from sqlalchemy.orm import Session

from newsfeed.domain.vocab import Kind
from tests import factories
from tests.web.test_look import browser

__all__ = ["browser"]
STYLE = re.compile(
    r"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d (?:[A-Za-z]{2,5}|UTC[+-]\d\d:\d\d|[A-Za-z_]+/[A-Za-z_]+)$"
)


def _talk(session: Session) -> int:
    created = factories.item(session, "Talk in Vienna", "03/2025", kind=Kind.TALK,
                             milestones=[("Talk", "12 Mar 2025, 14:00 CET")])  # fmt: skip
    session.commit()
    return created.id


def test_a_zone_is_shown_as_written_on_the_page_in_feeds_and_calendars(client: Any, session: Session) -> None:
    item_id = _talk(session)
    page = client.get(f"/items/{item_id}").data.decode()
    assert "12 Mar 2025, 14:00 CET" in page and "UTC+01:00" not in page
    assert "12 Mar 2025, 13:00 UTC" in page  # the no-JavaScript "your time"
    assert "12 Mar 2025, 14:00 CET" in client.get("/feed.atom").data.decode()
    event = Calendar.from_ical(client.get("/calendar.ics").data).walk("VEVENT")[0]
    assert "12 Mar 2025, 14:00 CET" in str(event["DESCRIPTION"])


def test_upcoming_is_ordered_by_start_instant_with_one_style_per_line(client: Any, session: Session) -> None:
    # the clock is 1 March 2025, 09:00 UTC; the site's zone is Vienna
    factories.item(
        session, "Workshop", "02/2025", kind=Kind.ORGANIZING, milestones=[("Workshop", "17-20 Mar 2025")]
    )
    factories.item(session, "Paper deadline", "02/2025", kind=Kind.OTHER,
                   milestones=[("Deadline", "16 Mar 2025, 23:59 AoE")])  # fmt: skip
    factories.item(
        session, "Talk", "02/2025", kind=Kind.TALK, milestones=[("Talk", "16 Mar 2025, 09:00 PDT")]
    )
    session.commit()
    rows = html.fromstring(client.get("/upcoming").data).xpath("//table[@class='upcoming']/tbody/tr")
    # 16 Mar 09:00 PDT is 16:00 UTC; 17 Mar 00:00 in Vienna is 16 Mar 23:00 UTC; 16 Mar 23:59
    # AoE is 17 Mar 11:59 UTC
    assert [r.xpath("string(td[2]/strong)") for r in rows] == ["Talk", "Workshop", "Deadline"]
    for row in rows:
        for line in row.xpath("td[1]//span"):
            text = line.text_content().removeprefix("Your time: ").strip()
            if "," in text:  # a time (an all-day date has none)
                assert STYLE.match(text), text


@pytest.mark.browser
@pytest.mark.filterwarnings("ignore:unclosed file:ResourceWarning")
@pytest.mark.filterwarnings("ignore:Exception ignored in. <_io:pytest.PytestUnraisableExceptionWarning")
def test_the_browser_writes_the_readers_time_in_the_same_style(
    session: Session, live_server: str, browser: Any
) -> None:
    item_id = _talk(session)
    seen = {}
    for zone in ("Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"):
        page = browser.new_page(timezone_id=zone)
        page.goto(f"{live_server}/items/{item_id}")
        seen[zone] = page.locator("time.local").first.text_content()
        page.close()
    assert seen["Europe/Berlin"] == "12 Mar 2025, 14:00 CET"
    assert seen["America/Los_Angeles"] == "12 Mar 2025, 06:00 PDT"
    assert seen["Asia/Kolkata"] in ("12 Mar 2025, 18:30 IST", "12 Mar 2025, 18:30 UTC+05:30")
