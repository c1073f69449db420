"""Queries behind the public pages."""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass
from typing import Any

from sqlalchemy import extract, or_, select
from sqlalchemy.orm import Session, selectinload

from newsfeed.adapters.models import Item
from newsfeed.adapters.queries import narrow, newest_posting_first, visible_condition, with_relations
from newsfeed.domain.selection import Selection
from newsfeed.domain.vocab import Status, Visibility

from .listings import Listing, items_by_id

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


def timeline_listing(session: Session, selection: Selection, *, now: dt.datetime) -> Listing:
    """The ids of the public items in the selection, newest posting first, and the count per year."""
    from newsfeed.services.feeds import next_publication

    year = extract("year", Item.posted_start)
    query: Any = select(Item.id, year).where(visible_condition(now))
    ids: array[int] = array("q")
    years: list[tuple[int, int]] = []
    for item_id, raw_year in session.execute(narrow(query, selection).order_by(*newest_posting_first())):
        ids.append(item_id)
        y = int(raw_year)
        if years and years[-1][0] == y:
            years[-1] = (y, years[-1][1] + 1)
        else:
            years.append((y, 1))
    return Listing(ids, tuple(years), next_publication(session, now))


def timeline_page(
    session: Session,
    selection: Selection,
    *,
    now: dt.datetime,
    page: int = 1,
    per_page: int = PER_PAGE,
    listing: Listing | None = None,
) -> TimelinePage:
    """Page ``page`` (from 1) of the public items in the selection, and on which page each year
    starts (for the year links); ``listing``: the selection's :func:`timeline_listing`, kept
    by the caller across pages."""
    if listing is None:
        listing = timeline_listing(session, selection, now=now)
    total = len(listing.ids)
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    year_pages = []
    before = 0
    for y, n in listing.years:
        year_pages.append((y, before // per_page + 1))
        before += n
    items = items_by_id(session, listing.page_ids((page - 1) * per_page, page * per_page))
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
