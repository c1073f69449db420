"""Queries behind the public pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session, selectinload

from newsfeed.adapters.models import Item
from newsfeed.adapters.queries import narrow, newest_posting_first, visible_condition, with_relations
from newsfeed.domain.selection import Selection
from newsfeed.domain.vocab import Status, Visibility

PER_PAGE = 50


@dataclass(frozen=True)
class TimelinePage:
    """One page of the news list: its items (newest posting first), which page of how many, and
    on which page each year starts (for the year links)."""

    items: list[Item]
    page: int
    pages: int
    total: int
    year_pages: list[tuple[int, int]]


def timeline(session: Session, selection: Selection, *, now: dt.datetime) -> list[Item]:
    """Public items in the selection, newest posting first."""
    query = narrow(select(Item).where(visible_condition(now)), selection).order_by(*newest_posting_first())
    return list(session.scalars(with_relations(query)))


def timeline_page(
    session: Session, selection: Selection, *, now: dt.datetime, page: int = 1, per_page: int = PER_PAGE
) -> TimelinePage:
    """Page ``page`` (from 1) of the public items in the selection: a bounded page whatever the
    number of items, and the count per year to link each year to the page where it starts."""
    year = extract("year", Item.posted_start)
    per_year: Any = select(year.label("year"), func.count(Item.id)).where(visible_condition(now))
    rows = session.execute(narrow(per_year, selection).group_by(year).order_by(year.desc())).all()
    counts: list[tuple[int, int]] = [(int(row[0]), int(row[1])) for row in rows]
    total = sum(n for _, n in counts)
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    year_pages = []
    before = 0
    for y, n in counts:
        year_pages.append((y, before // per_page + 1))
        before += n
    # the page's ids first (a sort of narrow rows), then those items whole
    ids = list(
        session.scalars(
            narrow(select(Item.id).where(visible_condition(now)), selection)
            .order_by(*newest_posting_first())
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
    )
    query = select(Item).where(Item.id.in_(ids)).order_by(*newest_posting_first())
    items = list(session.scalars(with_relations(query))) if ids else []
    return TimelinePage(items=items, page=page, pages=pages, total=total, year_pages=year_pages)


def item_page(session: Session, item_id: int, *, now: dt.datetime, token: str | None = None) -> Item | None:
    """A published item that is public, or unlisted and asked for with its link token (unlisted:
    reachable by its link, listed nowhere, not found by walking the ids)."""
    shown = Item.visibility == Visibility.PUBLIC
    if token:
        shown = or_(shown, (Item.visibility == Visibility.UNLISTED) & (Item.link_token == token))
    query = select(Item).where(
        Item.id == item_id,
        or_(Item.status == Status.PUBLISHED, (Item.status == Status.SCHEDULED) & (Item.publish_at <= now)),
        shown,
    )
    return session.scalar(
        query.options(selectinload(Item.milestones), selectinload(Item.links), selectinload(Item.tags))
    )


def next_change(
    session: Session, *, now: dt.datetime, site_zone: str, grains: tuple[str, ...]
) -> dt.datetime | None:
    """When a page built at ``now`` next goes out of date by itself: a scheduled item goes live,
    or an event starts or ends (it moves from upcoming to now to past). A static build must run
    again by then; the browser corrects countdowns in between."""
    from newsfeed.services.events import events
    from newsfeed.services.feeds import next_publication

    moments = [next_publication(session, now)]
    for event in events(session, now=now, site_zone=site_zone, grains=grains):
        moments.append(event.span.starts if event.span.starts > now else event.span.ends)
    return min((m for m in moments if m is not None), default=None)
