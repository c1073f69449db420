"""Queries behind the public pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from ..dates import FuzzyDate
from ..models import Item, Milestone, Status, Visibility
from .feeds import FeedFilter, filtered
from .items import milestone_date


def timeline(session: Session, flt: FeedFilter, *, now: dt.datetime) -> list[Item]:
    """Public items matching the filter, newest posting first."""
    query = filtered(select(Item), flt, now).order_by(
        Item.posted_start.desc(),
        Item.posted_end.desc(),
        Item.created_at.desc(),
        Item.source_line.asc(),
        Item.id.desc(),
    )
    query = query.options(
        selectinload(Item.person),
        selectinload(Item.tags),
        selectinload(Item.milestones),
        selectinload(Item.links),
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class Upcoming:
    milestone: Milestone
    item: Item
    when: FuzzyDate
    starts: dt.datetime  # the UTC instant, or the start of the day in UTC for all-day ones
    days_left: int


def upcoming(session: Session, flt: FeedFilter, *, now: dt.datetime, days: int) -> list[Upcoming]:
    """Deadlines, talks and trips from now on, soonest first (day ones until their day is over)."""
    horizon = (now + dt.timedelta(days=days)).date()
    query = (
        filtered(select(Milestone).join(Milestone.item), flt, now)
        .where(Milestone.end >= now.date() - dt.timedelta(days=1), Milestone.start <= horizon)
        .options(selectinload(Milestone.item))
    )
    rows = []
    for m in session.scalars(query):
        when = milestone_date(m)
        if m.instant is not None:
            starts = m.instant
            if (m.end_instant or m.instant) < now:
                continue
        else:
            starts = dt.datetime(m.start.year, m.start.month, m.start.day, tzinfo=dt.UTC)
            if m.end < now.date():
                continue
        rows.append(Upcoming(m, m.item, when, starts, (starts.date() - now.date()).days))
    rows.sort(key=lambda r: (r.starts, r.milestone.id))
    return rows


def item_page(session: Session, item_id: int, *, now: dt.datetime) -> Item | None:
    """A published item that is public or unlisted (unlisted: reachable by its link, listed nowhere)."""
    query = select(Item).where(
        Item.id == item_id,
        or_(Item.status == Status.PUBLISHED, (Item.status == Status.SCHEDULED) & (Item.publish_at <= now)),
        Item.visibility.in_([Visibility.PUBLIC, Visibility.UNLISTED]),
    )
    return session.scalar(query.options(selectinload(Item.milestones), selectinload(Item.links)))
