"""Events out of the database: the milestones of visible items, with their spans.

The rule of what is an event and when it is upcoming is :mod:`newsfeed.domain.upcoming`; this module is
the one query every channel uses to find them (the /upcoming page, the calendar, digests and
reminders).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from newsfeed.adapters.models import Item, Milestone
from newsfeed.adapters.queries import narrow, visible_condition
from newsfeed.domain.dates import FuzzyDate
from newsfeed.domain.selection import EVERYTHING, Selection
from newsfeed.domain.upcoming import Span, span

# A day in any zone starts at most 14 hours from its UTC day: the SQL prefilter on calendar dates
# keeps this much slack, the exact test is made on the spans.
_SLACK = dt.timedelta(days=2)


@dataclass(frozen=True)
class Event:
    milestone: Milestone
    item: Item
    span: Span

    @property
    def when(self) -> FuzzyDate:
        return self.milestone.date


def events(
    session: Session,
    selection: Selection = EVERYTHING,
    *,
    now: dt.datetime,
    site_zone: str,
    grains: tuple[str, ...],
    until: dt.datetime | None = None,
    upcoming_only: bool = True,
    item_id: int | None = None,
) -> list[Event]:
    """Events of visible items in the selection, soonest first. ``upcoming_only``: those not over
    at ``now`` (and starting by ``until`` when given); otherwise every event, past ones too."""
    query = (
        narrow(select(Milestone).join(Milestone.item).where(visible_condition(now)), selection)
        .where(Milestone.grain.in_(grains))
        .options(
            selectinload(Milestone.item).selectinload(Item.tags),
            selectinload(Milestone.item).selectinload(Item.person),
        )
    )
    if item_id is not None:
        query = query.where(Milestone.item_id == item_id)
    if upcoming_only:
        query = query.where(Milestone.end >= (now - _SLACK).date())
        if until is not None:
            query = query.where(Milestone.start <= (until + _SLACK).date())
    out = []
    for m in session.scalars(query):
        when = span(m.date, site_zone, grains)
        if when is None or (upcoming_only and not when.upcoming(now, until)):
            continue
        out.append(Event(m, m.item, when))
    out.sort(key=lambda e: (e.span.starts, e.span.ends, e.milestone.id))
    return out
