"""What the feeds show: filtered public items, their order and archive pages, as feed values.

Order. Entries are ordered by when they were published on this site, then by their posted date
(an import publishes a whole news list at once: its items keep the order of their dates). The
current feed holds the newest ``limit`` entries. RFC 5005 archive pages hold complete pages of
``limit`` entries counted from the oldest, so an archive page never changes when news is added.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item
from newsfeed.adapters.queries import (
    check_known,
    described,
    narrow,
    newest_posting_first,
    published_at,
    published_column,
    visible_condition,
    with_relations,
)
from newsfeed.config import Config
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.selection import Selection
from newsfeed.domain.text import after_title
from newsfeed.domain.upcoming import event_grains
from newsfeed.domain.urls import Urls
from newsfeed.domain.vocab import Status
from newsfeed.render.ical import CalendarEvent, render_ics
from newsfeed.render.safe_html import markdown_html, summary
from newsfeed.render.syndication import (
    Entry,
    EntryLink,
    Feed,
    render_atom,
    render_json,
    render_news,
    render_rss,
)

from .events import events
from .listings import Listing, items_by_id


def _visible(query: Any, selection: Selection, now: dt.datetime) -> Any:
    return narrow(query.where(visible_condition(now)), selection)


def oldest_first() -> list[Any]:
    """The feeds' order: RFC 5005 archive pages count from the oldest publication."""
    return [published_column().asc(), Item.posted_start.asc(), Item.posted_end.asc(), Item.id.desc()]


@dataclass(frozen=True)
class Page:
    items: list[Item]
    archives: int  # complete archive pages
    page: int | None  # None: the current feed


def feed_listing(session: Session, selection: Selection, *, now: dt.datetime) -> Listing:
    """The ids of the public items in the selection in the feeds' order, oldest first."""
    query = _visible(select(Item.id), selection, now).order_by(*oldest_first())
    return Listing(array("q", session.scalars(query)), (), next_publication(session, now))


def feed_page(
    session: Session,
    selection: Selection,
    *,
    now: dt.datetime,
    limit: int,
    page: int | None,
    listing: Listing | None = None,
) -> Page:
    """The current feed (``page`` None: the newest ``limit`` entries) or archive page ``page``
    (from 0, the oldest), newest first inside the document; ``listing``: the selection's
    :func:`feed_listing`, kept by the caller across pages."""
    if listing is None:
        listing = feed_listing(session, selection, now=now)
    total = len(listing.ids)
    archives = total // limit
    if page is None:
        ids = listing.page_ids(total - limit, total)
    elif not 0 <= page < archives:
        raise InvalidInput("page", f"no archive page {page} (there are {archives})")
    else:
        ids = listing.page_ids(page * limit, (page + 1) * limit)
    ids.reverse()  # newest first inside the document
    return Page(items_by_id(session, ids), archives, page)


def next_publication(session: Session, now: dt.datetime) -> dt.datetime | None:
    """When the next scheduled item becomes visible: cached feeds are valid until then."""
    value: dt.datetime | None = session.scalar(
        select(func.min(Item.publish_at)).where(Item.status == Status.SCHEDULED, Item.publish_at > now)
    )
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _events_html(item: Item) -> str:
    if not item.milestones:
        return ""
    rows = []
    for m in item.milestones:
        where = f" · {m.location}" if m.location else ""
        rows.append(f"<li>{_esc(m.label)}: {_esc(m.date.display())}{_esc(where)}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def entry_of(item: Item, *, urls: Urls) -> Entry:
    posted = item.posted.shown()
    published = published_at(item)
    body = after_title(item.body, item.title) or item.title
    links_html = "".join(
        f'<li><a href="{_esc(link.href)}">{_esc(link.title or link.rel)}</a></li>' for link in item.links
    )
    content = (
        f"<p><strong>{_esc(posted)}</strong> · {_esc(item.kind.value)}</p>"
        + markdown_html(body)
        + _events_html(item)
        + (f"<ul>{links_html}</ul>" if links_html else "")
    )
    return Entry(
        id=item.public_id,
        title=item.title,
        url=urls.item(item.id),
        published=published,
        updated=max(item.updated_at, published),
        content_html=content,
        summary=f"{posted} · {summary(body)}",
        kind=item.kind.value,
        also=tuple(k.value for k in item.also),
        posted=posted,
        tags=tuple(t.slug for t in item.tags),
        links=tuple(EntryLink(href=link.href, rel=link.rel, title=link.title) for link in item.links),
        author=item.person.name if item.person else None,
        extra={
            "posted_start": item.posted.start.isoformat(),
            "posted_end": item.posted.end.isoformat(),
            "posted_grain": item.posted.grain,
            "posted_approximate": item.posted.approximate,
            "events": [
                m.date.as_dict() | {"label": m.label, "location": m.location} for m in item.milestones
            ],
        },
    )


def milestone_uid(item: Item, milestone: Any) -> str:
    """A milestone's UID in calendars: the item's id and the milestone's label, so it survives
    reordering the milestones or changing their dates (the event moves, SEQUENCE goes up);
    renaming a milestone makes it another event. Two milestones of one label are told apart by
    their order among those of that label."""
    label = re.sub(r"[^a-z0-9]+", "-", milestone.label.lower()).strip("-")[:60] or "event"
    same = [m for m in item.milestones if m.label == milestone.label]
    nth = next((n for n, m in enumerate(same) if m is milestone), 0)
    return f"{item.public_id}#{label}" + (f"-{nth + 1}" if nth else "")


def calendar_events(
    session: Session,
    selection: Selection,
    *,
    now: dt.datetime,
    config: Config,
    item_id: int | None = None,
) -> list[CalendarEvent]:
    """One event per milestone of every visible item that is an event (the rule of
    :mod:`newsfeed.domain.upcoming`), past ones too, soonest first."""
    out = []
    found = events(
        session,
        selection,
        now=now,
        site_zone=config.site.timezone,
        grains=event_grains(config.site.month_events),
        upcoming_only=False,
        item_id=item_id,
    )
    urls = config.urls
    for event in found:
        m, item = event.milestone, event.item
        when = m.date
        out.append(
            CalendarEvent(
                uid=milestone_uid(item, m),
                summary=f"{m.label} — {item.title}",
                description=f"{item.title}\n{when.display()}\n{urls.item(item.id)}",
                url=urls.item(item.id),
                when=when,
                sequence=item.revision,
                stamp=item.updated_at,
                location=m.location or item.location,
                categories=(item.kind.value, *(k.value for k in item.also), *(t.slug for t in item.tags)),
                starts=event.span.starts,
                ends=event.span.ends,
            )
        )
    return out


@dataclass(frozen=True)
class Document:
    """A rendered feed or calendar: its bytes, when its data last changed, and until when it is
    valid (the next scheduled publication, which changes what it shows)."""

    body: bytes
    last_modified: dt.datetime
    valid_until: dt.datetime | None


def calendar_document(
    session: Session,
    config: Config,
    selection: Selection,
    *,
    title: str,
    now: dt.datetime,
    changed_at: dt.datetime,
    item_id: int | None = None,
    alarm_days: Sequence[int] = (),
) -> Document:
    """The calendar of a selection, or of one item (its "add to calendar" file): one renderer and
    one PRODID for both. ``alarm_days``: a subscriber's reminder lead times, as an alarm that many
    days before each event (their personal calendar)."""
    found = calendar_events(session, selection, now=now, config=config, item_id=item_id)
    body = render_ics(
        title,
        found,
        prodid=f"-//{config.host}//newsfeed//EN",
        event_length=dt.timedelta(minutes=config.feeds.event_minutes),
        refresh=dt.timedelta(hours=config.feeds.calendar_refresh_hours),
        alarms=[dt.timedelta(days=d) for d in sorted(set(alarm_days), reverse=True)],
    )
    return Document(body, max([changed_at, *(e.stamp for e in found)]), next_publication(session, now))


def feed_document(
    session: Session,
    config: Config,
    fmt: str,
    selection: Selection,
    page: int | None,
    *,
    now: dt.datetime,
    changed_at: dt.datetime,
    listing: Listing | None = None,
) -> Document:
    """The feed (``atom``, ``rss``, ``json``) or calendar (``ics``) of a selection, rendered;
    ``listing``: the selection's :func:`feed_listing` if the caller keeps it across pages."""
    check_known(session, selection)
    urls = config.urls
    shows = described(session, selection)
    title = config.site.title + (f" — {shows}" if shows else "")
    if fmt == "ics":
        return calendar_document(session, config, selection, title=title, now=now, changed_at=changed_at)
    if fmt == "news":
        return news_document(session, config, selection, title=title, now=now, changed_at=changed_at)
    result = feed_page(session, selection, now=now, limit=config.feeds.limit, page=page, listing=listing)
    entries = [entry_of(item, urls=urls) for item in result.items]
    if page is None:  # the current feed links its newest archive page
        prev_archive = result.archives - 1 if result.archives else None
        next_archive = None
    else:
        prev_archive = page - 1 if page > 0 else None
        next_archive = page + 1 if page + 1 < result.archives else None
    updated = max([e.updated for e in entries], default=changed_at)
    query = selection.query_string()
    feed = Feed(
        id=f"tag:{config.host},2024:feed/{fmt}" + (f"?{query}" if query else ""),
        title=title,
        subtitle=config.site.description,
        self_url=urls.feed(fmt, selection, page),
        alternate_url=urls.home(selection),
        updated=updated,
        entries=entries,
        language=config.site.language,
        archive=page is not None,
        current_url=urls.feed(fmt, selection) if page is not None else None,
        prev_archive_url=urls.feed(fmt, selection, prev_archive) if prev_archive is not None else None,
        next_archive_url=urls.feed(fmt, selection, next_archive) if next_archive is not None else None,
        hub_url=config.feeds.websub_hub or None,
    )
    if fmt == "atom":
        body = render_atom(feed)
    elif fmt == "rss":
        body = render_rss(feed)
    else:
        body = render_json(feed, next_url=feed.prev_archive_url)
    return Document(body, max(updated, changed_at), next_publication(session, now))


NEWS_JSON_ITEMS = 1000  # news.json holds the newest 1,000 postings: a homepage's whole News


def news_document(
    session: Session,
    config: Config,
    selection: Selection,
    *,
    title: str,
    now: dt.datetime,
    changed_at: dt.datetime,
) -> Document:
    """``news.json``: the selection's items as data, newest posting first (the order of the news
    pages), for a static site generator (:func:`newsfeed.render.syndication.render_news`)."""
    query = _visible(select(Item), selection, now).order_by(*newest_posting_first()).limit(NEWS_JSON_ITEMS)
    items = list(session.scalars(with_relations(query)))
    entries = [entry_of(item, urls=config.urls) for item in items]
    feed = Feed(
        id="", title=title, subtitle="", self_url="", alternate_url=config.urls.home(selection),
        updated=changed_at, entries=entries,
    )  # fmt: skip
    updated = max([e.updated for e in entries], default=changed_at)
    return Document(render_news(feed), max(updated, changed_at), next_publication(session, now))
