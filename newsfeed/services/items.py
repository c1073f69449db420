"""Creating, editing and listing news items."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from ..dates import DateParseError, FuzzyDate
from ..dates import parse as parse_date
from ..models import (
    LINK_RELS,
    GrainKind,
    Item,
    ItemLink,
    ItemRevision,
    Kind,
    Milestone,
    Person,
    Status,
    Tag,
    Visibility,
)
from .errors import InvalidInput
from .state import bump_data_version


@dataclass(frozen=True)
class MilestoneInput:
    label: str
    date: FuzzyDate
    location: str | None = None


@dataclass(frozen=True)
class LinkInput:
    href: str
    rel: str = "url"
    title: str | None = None


@dataclass(frozen=True)
class ItemInput:
    """Everything an item holds, already parsed: what the admin form, importers and demo produce."""

    title: str
    posted: FuzzyDate
    kind: Kind = Kind.OTHER
    body: str = ""
    status: Status = Status.PUBLISHED
    visibility: Visibility = Visibility.PUBLIC
    publish_at: dt.datetime | None = None
    venue: str | None = None
    location: str | None = None
    person: str | None = None  # slug
    tags: Sequence[str] = ()
    links: Sequence[LinkInput] = ()
    milestones: Sequence[MilestoneInput] = ()
    source_path: str | None = None
    source_line: int | None = None
    source_text: str | None = None
    source_key: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def parse_posted(text: str, *, today: dt.date, date_order: str | None = None) -> FuzzyDate:
    """The posted date of a form field; a bad one is an InvalidInput naming the field."""
    try:
        return parse_date(text, today=today, date_order=date_order, prefer="past")  # type: ignore[arg-type]
    except DateParseError as exc:
        raise InvalidInput("posted", str(exc)) from None


def new_public_id(host: str, now: dt.datetime) -> str:
    """A tag: URI (RFC 4151) that names the item for ever: ``tag:<host>,<year>:news/<id>``."""
    return f"tag:{host},{now.year}:news/{secrets.token_hex(8)}"


_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:80] or "x"


def _validate(data: ItemInput) -> None:
    if not data.title.strip():
        raise InvalidInput("title", "a title is required")
    if len(data.title) > 500:
        raise InvalidInput("title", "at most 500 characters")
    if data.status == Status.SCHEDULED and data.publish_at is None:
        raise InvalidInput("publish_at", "a scheduled item needs a publication time")
    if data.publish_at is not None and data.publish_at.tzinfo is None:
        raise InvalidInput("publish_at", "give a time zone")
    for link in data.links:
        if link.rel not in LINK_RELS:
            raise InvalidInput("links", f"unknown link kind {link.rel!r} (one of {', '.join(LINK_RELS)})")
        if not re.match(r"^(https?://|mailto:|/)", link.href):
            raise InvalidInput("links", f"{link.href!r} is not an http(s) link")
    for ms in data.milestones:
        if not ms.label.strip():
            raise InvalidInput("milestones", "every milestone needs a label")


def _person(session: Session, slug: str | None) -> Person | None:
    if not slug:
        return None
    person = session.scalar(select(Person).where(Person.slug == slug))
    if person is None:
        raise InvalidInput("person", f"no person {slug!r}")
    return person


def _tags(session: Session, names: Sequence[str]) -> list[Tag]:
    out: list[Tag] = []
    seen: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        slug = slugify(name)
        if slug in seen:
            continue
        seen.add(slug)
        tag = session.scalar(select(Tag).where(Tag.slug == slug))
        if tag is None:
            tag = Tag(slug=slug, name=name)
            session.add(tag)
        out.append(tag)
    return out


def _milestone(position: int, ms: MilestoneInput) -> Milestone:
    d = ms.date
    return Milestone(
        position=position,
        label=ms.label.strip(),
        start=d.start,
        end=d.end,
        grain=GrainKind(d.grain),
        time=d.time,
        end_time=d.end_time,
        tz=d.tz,
        instant=d.instant,
        end_instant=d.end_instant,
        location=ms.location,
        text=d.text[:500],
    )


def snapshot(item: Item) -> dict[str, Any]:
    """The fields whose change is a real edit (a revision), as plain values."""
    return {
        "title": item.title,
        "kind": str(item.kind),
        "body": item.body,
        "posted": [item.posted_start.isoformat(), item.posted_end.isoformat(), str(item.posted_grain)],
        "posted_text": item.posted_text,
        "status": str(item.status),
        "visibility": str(item.visibility),
        "publish_at": item.publish_at.isoformat() if item.publish_at else None,
        "venue": item.venue,
        "location": item.location,
        "person": item.person.slug if item.person else None,
        "tags": [t.slug for t in item.tags],
        "links": [[link.rel, link.href, link.title] for link in item.links],
        "milestones": [
            [
                m.label,
                m.start.isoformat(),
                m.end.isoformat(),
                str(m.grain),
                m.time,
                m.end_time,
                m.tz,
                m.location,
            ]
            for m in item.milestones
        ],
    }


def _apply(session: Session, item: Item, data: ItemInput, now: dt.datetime) -> None:
    item.title = data.title.strip()
    item.kind = data.kind
    item.body = data.body
    item.posted_start = data.posted.start
    item.posted_end = data.posted.end
    item.posted_grain = GrainKind(data.posted.grain)
    item.posted_text = (data.posted.text or data.posted.display())[:200]
    item.visibility = data.visibility
    item.publish_at = data.publish_at
    item.venue = data.venue
    item.location = data.location
    item.person = _person(session, data.person)
    item.tags = _tags(session, data.tags)
    item.source_path = data.source_path
    item.source_line = data.source_line
    item.source_text = data.source_text
    item.source_key = data.source_key
    item.links = [
        ItemLink(position=i, rel=link.rel, href=link.href, title=link.title)
        for i, link in enumerate(data.links)
    ]
    item.milestones = [_milestone(i, ms) for i, ms in enumerate(data.milestones)]
    _set_status(item, data.status, now)


def _set_status(item: Item, status: Status, now: dt.datetime) -> None:
    """Scheduled items whose time has come are published at once; published_at never lies ahead."""
    if status == Status.SCHEDULED and item.publish_at is not None and item.publish_at <= now:
        status = Status.PUBLISHED
    item.status = status
    if status == Status.PUBLISHED and item.published_at is None:
        item.published_at = min(now, item.publish_at) if item.publish_at else now


def create_item(
    session: Session, data: ItemInput, *, now: dt.datetime, host: str, user_id: int | None = None
) -> Item:
    _validate(data)
    item = Item(public_id=new_public_id(host, now), created_at=now, updated_at=now, revision=1)
    session.add(item)
    _apply(session, item, data, now)
    session.flush()
    item.revisions.append(
        ItemRevision(revision=1, user_id=user_id, changed_at=now, changes={"created": snapshot(item)})
    )
    bump_data_version(session, now)
    return item


def update_item(
    session: Session, item: Item, data: ItemInput, *, now: dt.datetime, user_id: int | None = None
) -> bool:
    """Apply an edit. Returns whether anything really changed (then the revision goes up by one)."""
    _validate(data)
    before = snapshot(item)
    _apply(session, item, data, now)
    session.flush()
    after = snapshot(item)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return False
    item.revision += 1
    item.updated_at = now
    item.revisions.append(
        ItemRevision(revision=item.revision, user_id=user_id, changed_at=now, changes=changes)
    )
    bump_data_version(session, now)
    return True


def publish_due(session: Session, now: dt.datetime) -> int:
    """Publish scheduled items whose publish_at has passed; the count published."""
    due = session.scalars(
        select(Item)
        .where(Item.status == Status.SCHEDULED, Item.publish_at <= now)
        .with_for_update(skip_locked=True)
    ).all()
    for item in due:
        _set_status(item, Status.PUBLISHED, now)
    if due:
        bump_data_version(session, now)
    return len(due)


def visible_condition(now: dt.datetime) -> Any:
    """Items anyone may see: published (or scheduled and due) and public."""
    return (
        or_(
            Item.status == Status.PUBLISHED,
            (Item.status == Status.SCHEDULED) & (Item.publish_at <= now),
        )
    ) & (Item.visibility == Visibility.PUBLIC)


def public_items(
    session: Session, *, now: dt.datetime, limit: int | None = None, kinds: Sequence[str] = ()
) -> list[Item]:
    """Public items, newest posting first (the posted date, then when they were published)."""
    query = (
        select(Item)
        .where(visible_condition(now))
        .options(
            selectinload(Item.person),
            selectinload(Item.tags),
            selectinload(Item.links),
            selectinload(Item.milestones),
        )
        # Newest posting first; items posted in the same period: the latest created first, and
        # those imported together in the order of their source (a news list is newest first).
        .order_by(
            Item.posted_start.desc(),
            Item.posted_end.desc(),
            Item.created_at.desc(),
            Item.source_line.asc(),
            Item.id.desc(),
        )
    )
    if kinds:
        query = query.where(Item.kind.in_([Kind(k) for k in kinds]))
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def posted_date(item: Item) -> FuzzyDate:
    """The stored posted date as a FuzzyDate (its grain kept), for display."""
    return FuzzyDate(
        start=item.posted_start,
        end=item.posted_end,
        grain=item.posted_grain.value,
        text=item.posted_text,
    )


def milestone_date(ms: Milestone) -> FuzzyDate:
    """A stored milestone as a FuzzyDate: its grain, time and zone kept."""
    return FuzzyDate(
        start=ms.start,
        end=ms.end,
        grain=ms.grain.value,
        text=ms.text,
        time=ms.time,
        end_time=ms.end_time,
        tz=ms.tz,
        instant=ms.instant,
        end_instant=ms.end_instant,
    )
