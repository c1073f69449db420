"""Calendars as calendar users expect them: a timed talk lasts an hour unless an end is written,
every calendar has a name, a refresh interval and categories, and an event keeps its UID when the
milestones are reordered or moved. Read by the icalendar package and by vobject."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import vobject
from icalendar import Calendar
from sqlalchemy.orm import Session

from newsfeed.domain.dates import parse
from newsfeed.domain.vocab import Kind
from newsfeed.services.items import input_of, update_item
from tests import factories
from tests.conftest import make_config


def _events(body: bytes) -> dict[str, Any]:
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def test_a_talk_with_a_start_and_no_end_lasts_an_hour_and_an_end_is_kept(
    client: Any, session: Session
) -> None:
    factories.item(session, "Talk at Vienna", "03/2025", kind=Kind.TALK,
                   milestones=[("Talk", "12 Mar 2025, 14:00 CET")], tags=["Seminars"])  # fmt: skip
    factories.item(session, "Workshop", "03/2025", kind=Kind.ORGANIZING,
                   milestones=[("Session", "13 Mar 2025, 09:00-12:30 CET")])  # fmt: skip
    session.commit()
    body = client.get("/calendar.ics").data
    found = _events(body)
    talk, workshop = found["Talk — Talk at Vienna"], found["Session — Workshop"]
    assert talk.end - talk.start == dt.timedelta(hours=1)
    assert workshop.end - workshop.start == dt.timedelta(hours=3, minutes=30)
    assert set(map(str, talk["CATEGORIES"].cats)) >= {"talk", "seminars"}
    # a second parser reads the same
    parsed = vobject.readOne(body.decode())
    by_summary = {e.summary.value: e for e in parsed.vevent_list}
    second = by_summary["Talk — Talk at Vienna"]
    assert second.dtend.value - second.dtstart.value == dt.timedelta(hours=1)
    assert parsed.contents["x-wr-calname"][0].value == "Test Lab News"
    assert parsed.contents["name"][0].value == "Test Lab News"
    assert parsed.contents["refresh-interval"][0].value in ("PT6H", dt.timedelta(hours=6))
    assert parsed.contents["refresh-interval"][0].params["VALUE"] == ["DURATION"]
    assert parsed.contents["x-published-ttl"][0].value == "PT6H"


def test_the_default_length_is_a_setting(
    tmp_path: Path, database_url: str, app_factory: Any, session: Session
) -> None:
    factories.item(
        session, "Talk", "03/2025", kind=Kind.TALK, milestones=[("Talk", "12 Mar 2025, 14:00 CET")]
    )
    session.commit()
    app = app_factory(make_config(tmp_path, database_url, feeds={"event_minutes": 30, "version_ttl": 0.0}))
    talk = _events(app.test_client().get("/calendar.ics").data)["Talk — Talk"]
    assert talk.end - talk.start == dt.timedelta(minutes=30)


def test_an_event_keeps_its_uid_when_milestones_are_reordered_or_moved(client: Any, session: Session) -> None:
    dates = [("Submission deadline", "20 Mar 2025"), ("Workshop", "10 Apr 2025")]
    created = factories.item(session, "Workshop", "03/2025", kind=Kind.ORGANIZING, milestones=dates)
    session.commit()
    before = {str(e["SUMMARY"]): str(e["UID"]) for e in _events(client.get("/calendar.ics").data).values()}
    data = input_of(created)
    later = parse("27 Mar 2025", today=dt.date(2025, 3, 1), date_order="dmy")
    moved = [data.milestones[1], dataclasses.replace(data.milestones[0], date=later)]
    update_item(
        session,
        created,
        dataclasses.replace(data, milestones=moved),
        now=factories.NOW + dt.timedelta(hours=1),
    )
    session.commit()
    after = _events(client.get("/calendar.ics").data)
    assert {s: str(e["UID"]) for s, e in after.items()} == before
    deadline = after["Submission deadline — Workshop"]
    assert deadline.start == dt.date(2025, 3, 27) and int(deadline["SEQUENCE"]) == 2
