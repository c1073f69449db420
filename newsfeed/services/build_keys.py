"""What a built file depends on, read cheaply, so a rebuild renders only what changed.

A file's key is a digest of everything its bytes are made from: the site's common part (the
code, the configuration, every person and tag: names show on every page), then per kind of file

- an item's page and calendar: that item's version (its ``updated_at``, status, visibility,
  posted year); its page shows countdowns, so while one of its events is not over, also the
  hour (the countdown text changes at most hourly; the browser corrects it in between);
- a page of a news list: the ids and versions of the items on that page, in order, and the
  list's size per year (the pager and the year links); a person's pages show their coming events
  with countdowns, so also the hour while they have one;
- a feed page (the current feed or an RFC 5005 archive page): the ids and versions of its
  entries in feed order and the number of archive pages;
- a list's calendar: the versions of its items that have events (past events stay in it);
- a page of ``/upcoming``: the same, and the hour (countdowns; the upcoming/past split moves at
  an event's start or end, which the build names as the time to build again);
- ``news.json``: the ids and versions of the postings it holds.

Every list's order comes from one query of ids per list (no rows rendered), and all versions
from one query; the keys are only ever compared with the keys of the last build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, Milestone, Person, Tag
from newsfeed.adapters.queries import narrow, newest_posting_first, visible_condition
from newsfeed.domain.selection import Selection
from newsfeed.services.public import PER_PAGE

from .events import events
from .feeds import oldest_first


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


@dataclass
class BuildKeys:
    """Keys for one build at ``now``."""

    session: Session
    now: dt.datetime
    common: str  # the code and the configuration, from the caller
    site_zone: str
    grains: tuple[str, ...]
    feed_limit: int
    versions: dict[int, tuple[str, int]] = field(default_factory=dict)  # id -> (version, year)
    with_events: set[int] = field(default_factory=set)
    live_events: set[int] = field(default_factory=set)  # items with an event not over
    live_people: set[int] = field(default_factory=set)
    _orders: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    _years: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # per timeline
    _evented: dict[str, str] = field(default_factory=dict)  # per selection: its items with events

    def __post_init__(self) -> None:
        people = self.session.execute(
            select(
                Person.id,
                Person.slug,
                Person.name,
                Person.homepage,
                Person.orcid,
                Person.photo_url,
                Person.bio,
            )
        ).all()
        tags = self.session.execute(select(Tag.id, Tag.slug, Tag.name)).all()
        self.common = _digest(self.common, sorted(map(tuple, people)), sorted(map(tuple, tags)))
        rows = self.session.execute(
            select(Item.id, Item.updated_at, Item.status, Item.visibility, Item.publish_at, Item.posted_start)
        ).all()
        self.versions = {
            r.id: (f"{r.updated_at}|{r.status}|{r.visibility}|{r.publish_at}", r.posted_start.year)
            for r in rows
        }
        self.with_events = set(self.session.scalars(select(Milestone.item_id).distinct()))
        for event in events(self.session, now=self.now, site_zone=self.site_zone, grains=self.grains):
            self.live_events.add(event.item.id)
            if event.item.person_id is not None:
                self.live_people.add(event.item.person_id)

    @property
    def _hour(self) -> str:
        return self.now.strftime("%Y-%m-%dT%H")

    def _order(self, name: str, selection: Selection) -> list[int]:
        key = (name, selection.key)
        if key not in self._orders:
            order = newest_posting_first() if name == "timeline" else oldest_first()
            query = narrow(select(Item.id).where(visible_condition(self.now)), selection).order_by(*order)
            self._orders[key] = list(self.session.scalars(query))
        return self._orders[key]

    def item(self, item_id: int, *, calendar: bool = False) -> str:
        live = item_id in self.live_events and not calendar
        return _digest(
            self.common, "item", calendar, item_id, self.versions.get(item_id), live and self._hour
        )

    def news_page(self, selection: Selection, page: int, *, person_id: int | None = None) -> str:
        ids = self._order("timeline", selection)
        years = self._years.get(selection.key)
        if years is None:  # once per list, not once per page (2,000 pages of 100,000 items)
            years = self._years[selection.key] = sorted(Counter(self.versions[i][1] for i in ids).items())
        shown = ids[(page - 1) * PER_PAGE : page * PER_PAGE]
        hour = person_id in self.live_people and self._hour
        return _digest(
            self.common, "news", selection.key, page, years, [(i, self.versions[i]) for i in shown], hour
        )

    def feed_page(self, fmt: str, selection: Selection, page: int | None) -> str:
        ids = self._order("feed", selection)
        limit = self.feed_limit
        archives = len(ids) // limit
        shown = ids[-limit:] if page is None else ids[page * limit : (page + 1) * limit]
        return _digest(
            self.common, "feed", fmt, selection.key, page, archives, [(i, self.versions[i]) for i in shown]
        )

    def news_json(self, selection: Selection, limit: int) -> str:
        shown = self._order("timeline", selection)[:limit]
        return _digest(self.common, "news.json", selection.key, [(i, self.versions[i]) for i in shown])

    def _events_of(self, selection: Selection) -> str:
        """The versions of the selection's items that have events, as one digest (once per list)."""
        found = self._evented.get(selection.key)
        if found is None:
            ids = [i for i in self._order("timeline", selection) if i in self.with_events]
            found = self._evented[selection.key] = _digest([(i, self.versions[i]) for i in ids])
        return found

    def calendar(self, selection: Selection) -> str:
        return _digest(self.common, "calendar", selection.key, self._events_of(selection))

    def upcoming(self, selection: Selection, page: int) -> str:
        """A page of /upcoming: the events of the selection's items, with countdowns (the hour)
        and the upcoming/past split, which moves at an event's start or end: the build says
        when that is, and the rebuild then comes in another hour."""
        return _digest(self.common, "upcoming", selection.key, page, self._events_of(selection), self._hour)
