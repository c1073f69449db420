"""The demo content: real pages' news, every date through the engine."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, User
from newsfeed.domain.vocab import Kind
from newsfeed.services.demo import load_demo
from newsfeed.services.users import verify_password

NOW = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)


def test_demo_holds_every_kind_real_deadlines_and_a_login_and_a_second_load_adds_nothing(
    session: Session,
) -> None:
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


@pytest.mark.parametrize("today", [dt.date(2026, 11, 30), dt.date(2027, 6, 15)])
def test_demo_is_live_on_the_day_it_is_created(session: Session, today: dt.date) -> None:
    """Whatever the day, the demo has a talk next week, a trip next month, AoE deadlines in the
    coming weeks, news from the last year, and subscribers whose digest previews show them."""
    from newsfeed.adapters.models import Subscriber
    from newsfeed.config import build_config
    from newsfeed.domain.vocab import SubscriberStatus
    from newsfeed.services.digests import preview
    from newsfeed.services.events import events

    now = dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC)
    load_demo(session, now=now, host="news.example.org")
    coming = events(session, now=now, site_zone="UTC", grains=("day", "minute"))
    by_kind: dict[Kind, list[dt.timedelta]] = {}
    for row in coming:
        by_kind.setdefault(row.item.kind, []).append(row.span.starts - now)
    week, month = dt.timedelta(days=7), dt.timedelta(days=31)
    assert any(dt.timedelta(0) < d <= week + dt.timedelta(days=2) for d in by_kind[Kind.TALK])
    assert any(month - dt.timedelta(days=10) < d <= 2 * month for d in by_kind[Kind.TRAVEL])
    deadlines = [row for row in coming if row.item.kind == Kind.ORGANIZING]
    assert len(deadlines) >= 4
    assert all(row.when.tz == "AoE" for row in deadlines if row.when.grain == "minute")
    assert min(row.span.starts for row in deadlines) - now < 3 * week
    posted = sorted(
        session.scalars(
            select(Item.posted_start).where(Item.posted_start > today.replace(day=1) - dt.timedelta(days=366))
        )
    )
    assert len(posted) >= 6
    subscribers = list(session.scalars(select(Subscriber).order_by(Subscriber.email)))
    assert len(subscribers) == 3
    assert {s.status for s in subscribers} == {SubscriberStatus.CONFIRMED}
    assert len({s.timezone for s in subscribers}) == 3 and len({s.cadence for s in subscribers}) == 3
    config = build_config({})
    for subscriber in subscribers:
        why, message = preview(session, subscriber, now=now + dt.timedelta(hours=1), config=config)
        assert message is not None, why
        assert " 0 upcoming" not in why
