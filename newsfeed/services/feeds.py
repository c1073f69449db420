"""What the feeds show: filtered public items, their order and archive pages, as feed values.

Order. Entries are ordered by when they were published on this site, then by their posted date
(an import publishes a whole news list at once: its items keep the order of their dates). The
current feed holds the newest ``limit`` entries. RFC 5005 archive pages hold complete pages of
``limit`` entries counted from the oldest, so an archive page never changes when news is added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from ..feeds import CalendarEvent, Entry, EntryLink
from ..importers import KINDS
from ..models import Item, Milestone, Person, Status, Tag
from ..render import markdown_html, summary
from .errors import InvalidInput
from .items import milestone_date, posted_date, visible_condition


@dataclass(frozen=True)
class FeedFilter:
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    @classmethod
    def build(
        cls, kinds: Sequence[str] = (), tags: Sequence[str] = (), people: Sequence[str] = ()
    ) -> FeedFilter:
        for kind in kinds:
            if kind not in KINDS:
                raise InvalidInput("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
        for name, values in (("tag", tags), ("person", people)):
            for value in values:
                if not value or len(value) > 80:
                    raise InvalidInput(name, f"{value!r} is not a valid {name}")
        return cls(tuple(sorted(set(kinds))), tuple(sorted(set(tags))), tuple(sorted(set(people))))

    @property
    def key(self) -> str:
        return self.query_string()

    def query_string(self) -> str:
        pairs = [("kind", k) for k in self.kinds] + [("tag", t) for t in self.tags]
        pairs += [("person", p) for p in self.people]
        return urlencode(pairs)

    def describe(self) -> str:
        parts = []
        if self.kinds:
            parts.append(", ".join(self.kinds))
        if self.tags:
            parts.append("tagged " + ", ".join(self.tags))
        if self.people:
            parts.append("by " + ", ".join(self.people))
        return "; ".join(parts)


def check_known(session: Session, flt: FeedFilter) -> None:
    """Unknown people or tags are a mistake in the URL, not an empty feed."""
    for slug in flt.people:
        if session.scalar(select(Person.id).where(Person.slug == slug)) is None:
            raise InvalidInput("person", f"no person {slug!r}")
    for slug in flt.tags:
        if session.scalar(select(Tag.id).where(Tag.slug == slug)) is None:
            raise InvalidInput("tag", f"no tag {slug!r}")


def _published() -> Any:
    return func.coalesce(Item.published_at, Item.publish_at)


def filtered(query: Select[Any], flt: FeedFilter, now: dt.datetime) -> Select[Any]:
    query = query.where(visible_condition(now))
    if flt.kinds:
        query = query.where(Item.kind.in_(flt.kinds))
    if flt.people:
        query = query.where(Item.person.has(Person.slug.in_(flt.people)))
    if flt.tags:
        query = query.where(Item.tags.any(Tag.slug.in_(flt.tags)))
    return query


def _oldest_first() -> list[Any]:
    return [_published().asc(), Item.posted_start.asc(), Item.posted_end.asc(), Item.id.desc()]


def _newest_first() -> list[Any]:
    return [_published().desc(), Item.posted_start.desc(), Item.posted_end.desc(), Item.id.asc()]


def _with_relations(query: Select[Any]) -> Select[Any]:
    return query.options(
        selectinload(Item.person),
        selectinload(Item.tags),
        selectinload(Item.links),
        selectinload(Item.milestones),
    )


@dataclass(frozen=True)
class Page:
    items: list[Item]
    archives: int  # complete archive pages
    page: int | None  # None: the current feed


def feed_page(session: Session, flt: FeedFilter, *, now: dt.datetime, limit: int, page: int | None) -> Page:
    total = session.scalar(filtered(select(func.count(Item.id)), flt, now)) or 0
    archives = total // limit
    if page is None:
        query = filtered(select(Item), flt, now).order_by(*_newest_first()).limit(limit)
        return Page(list(session.scalars(_with_relations(query))), archives, None)
    if not 0 <= page < archives:
        raise InvalidInput("page", f"no archive page {page} (there are {archives})")
    query = filtered(select(Item), flt, now).order_by(*_oldest_first()).offset(page * limit).limit(limit)
    items = list(session.scalars(_with_relations(query)))
    items.reverse()  # newest first inside the document too
    return Page(items, archives, page)


def next_publication(session: Session, now: dt.datetime) -> dt.datetime | None:
    """When the next scheduled item becomes visible: cached feeds are valid until then."""
    value: dt.datetime | None = session.scalar(
        select(func.min(Item.publish_at)).where(Item.status == Status.SCHEDULED, Item.publish_at > now)
    )
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def item_url(base_url: str, item: Item) -> str:
    return f"{base_url.rstrip('/')}/items/{item.id}"


def _events_html(item: Item) -> str:
    if not item.milestones:
        return ""
    rows = []
    for m in item.milestones:
        where = f" · {m.location}" if m.location else ""
        rows.append(f"<li>{_esc(m.label)}: {_esc(milestone_date(m).display())}{_esc(where)}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def entry_of(item: Item, *, base_url: str) -> Entry:
    posted = posted_date(item).display()
    published = item.published_at or item.publish_at or item.created_at
    links_html = "".join(
        f'<li><a href="{_esc(link.href)}">{_esc(link.title or link.rel)}</a></li>' for link in item.links
    )
    content = (
        f"<p><strong>{_esc(posted)}</strong> · {_esc(item.kind.value)}</p>"
        + markdown_html(item.body or item.title)
        + _events_html(item)
        + (f"<ul>{links_html}</ul>" if links_html else "")
    )
    return Entry(
        id=item.public_id,
        title=item.title,
        url=item_url(base_url, item),
        published=published,
        updated=max(item.updated_at, published),
        content_html=content,
        summary=f"{posted} · {summary(item.body or item.title)}",
        kind=item.kind.value,
        posted=posted,
        tags=tuple(t.slug for t in item.tags),
        links=tuple(EntryLink(href=link.href, rel=link.rel, title=link.title) for link in item.links),
        author=item.person.name if item.person else None,
        extra={
            "posted_start": item.posted_start.isoformat(),
            "posted_end": item.posted_end.isoformat(),
            "posted_grain": item.posted_grain.value,
            "events": [
                milestone_date(m).as_dict() | {"label": m.label, "location": m.location}
                for m in item.milestones
            ],
        },
    )


def calendar_events(
    session: Session, flt: FeedFilter, *, now: dt.datetime, base_url: str, include_months: bool
) -> list[CalendarEvent]:
    """One event per milestone of every visible item, oldest first."""
    grains = {"day", "minute"} | ({"month"} if include_months else set())
    query = filtered(select(Milestone).join(Milestone.item), flt, now).order_by(
        Milestone.start, Milestone.instant, Milestone.id
    )
    out = []
    for m in session.scalars(query.options(selectinload(Milestone.item).selectinload(Item.tags))):
        if m.grain.value not in grains:
            continue
        item = m.item
        when = milestone_date(m)
        out.append(
            CalendarEvent(
                uid=f"{item.public_id}#m{m.position}",
                summary=f"{m.label} — {item.title}",
                description=f"{item.title}\n{when.display()}\n{item_url(base_url, item)}",
                url=item_url(base_url, item),
                when=when,
                sequence=item.revision,
                stamp=item.updated_at,
                location=m.location or item.location,
                categories=(item.kind.value, *(t.slug for t in item.tags)),
            )
        )
    return out
