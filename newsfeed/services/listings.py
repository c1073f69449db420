"""A listing: every visible item of a selection in one order, kept as ids, so that any page of a
list or feed is a slice of it."""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item
from newsfeed.adapters.queries import with_relations


@dataclass(frozen=True)
class Listing:
    """Every visible item of a selection in one order, as ids, with the count per year of
    posting: a page is a slice of it, so the last page costs what the first does.

    Paging with OFFSET sorted every visible row for each page (no index serves these orders with
    the visibility rule beside them), so walking all pages, as a crawler or a static build does,
    cost pages × items. A listing is sorted once; the web layer keeps it while the data version
    holds (:func:`newsfeed.web.caching.listing`), until ``valid_until`` (a scheduled item going
    live changes what is visible)."""

    ids: array[int]
    years: tuple[tuple[int, int], ...]  # (year, items) in the listing's order; timeline only
    valid_until: dt.datetime | None

    def page_ids(self, start: int, stop: int) -> list[int]:
        return list(self.ids[max(start, 0) : max(stop, 0)])


def items_by_id(session: Session, ids: list[int]) -> list[Item]:
    """The items of ``ids`` with what a page shows of them, in the order of ``ids``."""
    if not ids:
        return []
    found = {item.id: item for item in session.scalars(with_relations(select(Item).where(Item.id.in_(ids))))}
    return [found[i] for i in ids if i in found]
