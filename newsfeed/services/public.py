"""Queries behind the public pages."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from ..models import Item, Status, Visibility
from ..selection import Selection
from .items import newest_posting_first, visible_condition, with_relations


def timeline(session: Session, selection: Selection, *, now: dt.datetime) -> list[Item]:
    """Public items in the selection, newest posting first."""
    query = selection.narrow(select(Item).where(visible_condition(now))).order_by(*newest_posting_first())
    return list(session.scalars(with_relations(query)))


def item_page(session: Session, item_id: int, *, now: dt.datetime) -> Item | None:
    """A published item that is public or unlisted (unlisted: reachable by its link, listed nowhere)."""
    query = select(Item).where(
        Item.id == item_id,
        or_(Item.status == Status.PUBLISHED, (Item.status == Status.SCHEDULED) & (Item.publish_at <= now)),
        Item.visibility.in_([Visibility.PUBLIC, Visibility.UNLISTED]),
    )
    return session.scalar(query.options(selectinload(Item.milestones), selectinload(Item.links)))
