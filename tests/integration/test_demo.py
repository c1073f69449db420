"""The demo content: real pages' news, every date through the engine."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.models import Item, Kind, User
from newsfeed.services.demo import load_demo
from newsfeed.services.users import verify_password

pytestmark = pytest.mark.db
NOW = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)


def test_demo_content(session: Session) -> None:
    login = load_demo(session, now=NOW, host="news.example.org")
    assert login is not None
    kinds = set(session.scalars(select(Item.kind)))
    assert {Kind.ACCEPTANCE, Kind.TRAVEL, Kind.TALK, Kind.REVIEWING, Kind.ORGANIZING, Kind.POSITION} <= kinds
    workshop = session.scalar(select(Item).where(Item.title.like("%DeLTa%")))
    assert workshop is not None
    deadlines = {m.label: m for m in workshop.milestones}
    assert deadlines["Paper submission deadline"].instant == dt.datetime(2025, 2, 2, 11, 59, tzinfo=dt.UTC)
    assert deadlines["Reviewer bidding dates"].grain == "day"
    assert (deadlines["Reviewer bidding dates"].start, deadlines["Reviewer bidding dates"].end) == (
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 5),
    )
    vienna = session.scalar(select(Item).where(Item.title.like("%ICLR 2024%")))
    assert vienna is not None
    trip = vienna.milestones[0]
    assert (trip.start, trip.end, trip.location) == (dt.date(2024, 5, 6), dt.date(2024, 5, 12), "Vienna")
    user = session.scalar(select(User))
    assert user is not None and verify_password(user, login[1])
    # A second run creates nothing.
    assert load_demo(session, now=NOW, host="news.example.org") is None
    assert session.scalar(select(func.count(User.id))) == 1
