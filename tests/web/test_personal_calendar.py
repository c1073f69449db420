"""A subscriber's own calendar: what they follow, with an alarm at each of their reminder lead
times, at a secret address shown on their preferences page and replaceable from there."""

from __future__ import annotations

import datetime as dt
from typing import Any

import vobject
from icalendar import Calendar
from lxml import html
from sqlalchemy.orm import Session

from newsfeed.domain.vocab import Kind
from newsfeed.services.subscriptions import add_confirmed, read_preferences, unsubscribe
from tests import factories
from tests.web.test_admin import token


def _calendar_link(client: Any, subscriber_token: str) -> str:
    page = html.fromstring(client.get(f"/preferences/{subscriber_token}").data)
    links = page.xpath("//section[@id='calendar']//a[contains(., '.ics address')]/@href")
    assert len(links) == 1
    assert links[0].startswith("http://news.example.org/calendars/")
    return str(links[0]).removeprefix("http://news.example.org")


def test_a_subscribers_calendar_has_what_they_follow_with_their_reminders_as_alarms(
    client: Any, session: Session
) -> None:
    factories.item(session, "Talk in Vienna", "03/2025", kind=Kind.TALK, milestones=[("Talk", "20 Mar 2025")])
    factories.item(session, "Trip to Kyoto", "03/2025", kind=Kind.TRAVEL, milestones=[("Trip", "2 Apr 2025")])
    prefs = read_preferences(session, kinds=["talk"], lead_days="7, 1")
    reader = add_confirmed(session, "reader@example.org", prefs, now=factories.NOW, confirmed=True)
    session.commit()
    address = _calendar_link(client, reader.token)
    answer = client.get(address)
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    events = Calendar.from_ical(answer.data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Talk — Talk in Vienna"]
    triggers = sorted(a.decoded("TRIGGER") for a in events[0].walk("VALARM"))
    assert triggers == [dt.timedelta(days=-7), dt.timedelta(days=-1)]
    assert {str(a["ACTION"]) for a in events[0].walk("VALARM")} == {"DISPLAY"}
    # a second parser reads the alarms alike
    second = vobject.readOne(answer.data.decode()).vevent
    assert sorted(a.trigger.value for a in second.valarm_list) == triggers
    # the public calendar has no alarms: they are the subscriber's own
    public = Calendar.from_ical(client.get("/calendar.ics").data)
    assert not public.walk("VALARM")


def test_a_new_address_ends_the_old_one_and_leaving_ends_the_calendar(client: Any, session: Session) -> None:
    reader = add_confirmed(
        session, "reader@example.org", read_preferences(session), now=factories.NOW, confirmed=True
    )
    session.commit()
    old = _calendar_link(client, reader.token)
    assert client.get(old).status_code == 200
    form = {"csrf_token": token(client, f"/preferences/{reader.token}")}
    answer = client.post(f"/preferences/{reader.token}/calendar", data=form)
    assert answer.status_code == 303
    new = _calendar_link(client, reader.token)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    unsubscribe(session, reader.token, now=factories.NOW)
    session.commit()
    assert client.get(new).status_code == 404
    assert client.get("/calendars/%00.ics").status_code in (400, 404)
