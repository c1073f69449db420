"""Creating, editing and listing news items.

Edits are checked against the revision the editor started from: saving a form opened before
someone else's save raises :class:`~newsfeed.errors.Conflict` (nothing is written), and two saves
of one item at the same moment cannot both pass (a conditional UPDATE on the revision, which the
database serialises). Items with an import key are created with ``INSERT … ON CONFLICT DO
NOTHING`` on that key, so that the same line imported twice at the same moment makes one item.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from newsfeed.adapters.db import insert_ignore
from newsfeed.adapters.models import (
    FUZZY_FIELDS,
    Item,
    ItemLink,
    ItemRevision,
    Milestone,
    Person,
    Tag,
    stored_also,
)
from newsfeed.adapters.models import item_tags as item_tags_table
from newsfeed.adapters.state import bump_data_version
from newsfeed.domain.dates import DateOrder, DateParseError, FuzzyDate
from newsfeed.domain.dates import parse as parse_date
from newsfeed.domain.errors import Conflict, InvalidInput
from newsfeed.domain.links import InvalidLink, check_href, check_rel
from newsfeed.domain.text import clean, clean_line, slugify
from newsfeed.domain.vocab import Kind, Status, Visibility

from .people import no_person

TITLE_MAX = 500
BODY_MAX = 100_000
SHORT_MAX = 200  # venue, location, labels
# Dates (milestones) of one item: a workshop's call has a dozen at most. Each is an event in every
# calendar and a reminder for every subscriber who follows it, so more would multiply both.
MAX_MILESTONES = 20
TAG_MAX = 120
POSTED_TEXT_MAX = 200
MILESTONE_TEXT_MAX = 500


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
    also: Sequence[Kind] = ()  # secondary kinds: listed and filtered under them too
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


def parse_posted(
    text: str, *, today: dt.date, date_order: DateOrder | None = None, field: str = "posted"
) -> FuzzyDate:
    """The posted date of a form field; a bad one is an InvalidInput naming the field."""
    try:
        return parse_date(text, today=today, date_order=date_order, prefer="past")
    except DateParseError as exc:
        raise InvalidInput(field, str(exc)) from None


def new_public_id(host: str, now: dt.datetime) -> str:
    """A tag: URI (RFC 4151) that names the item for ever: ``tag:<host>,<year>:news/<id>``."""
    return f"tag:{host},{now.year}:news/{secrets.token_hex(8)}"


def reference_date(item: Item) -> dt.date:
    """The date an item's yearless and relative dates are read against: the one its posted date
    was read against, or the day it was created."""
    return item.posted.ref or item.created_at.date()


def _cleaned(data: ItemInput) -> ItemInput:
    """Every text of an item as it may be stored: no control characters (but tab and newline in
    long texts) and no bidi overrides (:func:`newsfeed.domain.text.clean`)."""

    def line(value: str | None) -> str | None:
        return None if value is None else clean_line(value)

    def date(value: FuzzyDate) -> FuzzyDate:
        return value if value.text == clean_line(value.text) else replace(value, text=clean_line(value.text))

    return replace(
        data,
        title=clean_line(data.title),
        body=clean(data.body),
        posted=date(data.posted),
        venue=line(data.venue),
        location=line(data.location),
        tags=[clean_line(t) for t in data.tags],
        links=[replace(link, href=link.href, title=line(link.title)) for link in data.links],
        milestones=[
            MilestoneInput(clean_line(m.label), date(m.date), line(m.location)) for m in data.milestones
        ],
        source_path=line(data.source_path),
        source_text=None if data.source_text is None else clean(data.source_text),
    )


def _validate(data: ItemInput) -> None:
    problems: list[tuple[str, str]] = []
    if not data.title.strip():
        problems.append(("title", "a title is required"))
    if len(data.title) > TITLE_MAX:
        problems.append(("title", f"at most {TITLE_MAX} characters"))
    if len(data.body) > BODY_MAX:
        problems.append(("body", f"at most {BODY_MAX:,} characters"))
    for name in ("venue", "location"):
        value = getattr(data, name)
        if value is not None and len(value) > SHORT_MAX:
            problems.append((name, f"at most {SHORT_MAX} characters"))
    for tag in data.tags:
        if len(tag) > TAG_MAX:
            problems.append(("tags", f"a tag has at most {TAG_MAX} characters"))
    if data.status == Status.SCHEDULED and data.publish_at is None:
        problems.append(("publish_at", "a scheduled item needs a publication time"))
    if data.publish_at is not None and data.publish_at.tzinfo is None:
        problems.append(("publish_at", "give a time zone"))
    for link in data.links:
        try:
            check_rel(link.rel)
            check_href(link.href)
        except InvalidLink as exc:
            problems.append(("links", str(exc)))
        if link.title is not None and len(link.title) > TITLE_MAX:
            problems.append(("links", f"a link title has at most {TITLE_MAX} characters"))
    if len(data.milestones) > MAX_MILESTONES:
        problems.append(
            (
                "milestones",
                f"at most {MAX_MILESTONES} dates per item, not {len(data.milestones)}: split it in two",
            )
        )
    for number, ms in enumerate(data.milestones[: MAX_MILESTONES + 1], start=1):
        if not ms.label.strip():
            problems.append((f"milestones[{number}]", "every milestone needs a label"))
        if ms.location is not None and len(ms.location) > SHORT_MAX:
            problems.append((f"milestones[{number}]", f"a location has at most {SHORT_MAX} characters"))
    if problems:
        raise InvalidInput.many(problems)


def _person(session: Session, slug: str | None) -> Person | None:
    if not slug:
        return None
    person = session.scalar(select(Person).where(Person.slug == slug))
    if person is None:
        raise InvalidInput("person", no_person(slug))
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
        if tag is None:  # insert-or-get: another save adding the same new tag at once is no error
            insert_ignore(
                session, Tag.__table__, [{"slug": slug, "name": name[:TAG_MAX]}], index_elements=["slug"]
            )
            tag = session.scalar(select(Tag).where(Tag.slug == slug))
            assert tag is not None
        out.append(tag)
    return out


def _fit(date: FuzzyDate, limit: int) -> FuzzyDate:
    """The date with its text cut to what its column holds (the value is untouched)."""
    return date if len(date.text) <= limit else replace(date, text=date.text[:limit])


def snapshot(item: Item) -> dict[str, Any]:
    """The fields whose change is a real edit (a revision), as plain values."""
    return {
        "title": item.title,
        "kind": str(item.kind),
        "also": [str(k) for k in item.also],
        "body": item.body,
        "posted": item.posted.value_key(),
        "posted_text": item.posted.text,
        "status": str(item.status),
        "visibility": str(item.visibility),
        "publish_at": item.publish_at.isoformat() if item.publish_at else None,
        "venue": item.venue,
        "location": item.location,
        "person": item.person.slug if item.person else None,
        "tags": [t.slug for t in item.tags],
        "links": [[link.rel, link.href, link.title] for link in item.links],
        "milestones": [[m.label, m.date.value_key(), m.date.text, m.location] for m in item.milestones],
    }


def _apply(session: Session, item: Item, data: ItemInput, now: dt.datetime) -> None:
    item.title = data.title.strip()
    item.kind = data.kind
    item.also = data.also
    item.body = data.body
    item.posted = _fit(data.posted, POSTED_TEXT_MAX)
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
    item.milestones = [
        Milestone(
            position=i,
            label=ms.label.strip(),
            date=_fit(ms.date, MILESTONE_TEXT_MAX),
            location=ms.location,
        )
        for i, ms in enumerate(data.milestones)
    ]
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
) -> Item | None:
    """A new item. With an import key (``source_key``) already taken, nothing is created: None."""
    data = _cleaned(data)
    _validate(data)
    if data.source_key is not None:
        item_id = _insert_keyed(session, data, now=now, host=host)
        if item_id is None:
            return None
        item = session.get(Item, item_id)
        assert item is not None
    else:
        item = Item(public_id=new_public_id(host, now), created_at=now, updated_at=now, revision=1)
        session.add(item)
    _apply(session, item, data, now)
    session.flush()
    session.add(
        ItemRevision(
            item=item, revision=1, user_id=user_id, changed_at=now, changes={"created": snapshot(item)}
        )
    )
    bump_data_version(session, now)
    return item


def _insert_keyed(session: Session, data: ItemInput, *, now: dt.datetime, host: str) -> int | None:
    """INSERT the item's row unless its import key exists: the id, or None when it was taken."""
    posted = _fit(data.posted, POSTED_TEXT_MAX)
    row: dict[str, Any] = {f"posted_{name}": getattr(posted, name) for name in FUZZY_FIELDS}
    row.update(
        public_id=new_public_id(host, now),
        kind=data.kind,
        also_kinds=stored_also(data.also, data.kind),
        title=data.title.strip(),
        body=data.body,
        status=Status.DRAFT,
        visibility=data.visibility,
        created_at=now,
        updated_at=now,
        revision=1,
        source_key=data.source_key,
    )
    taken = insert_ignore(
        session, Item.__table__, [row], index_elements=["source_key"], returning=Item.__table__.c.id
    )
    return int(taken[0]) if taken else None


def update_item(
    session: Session,
    item: Item,
    data: ItemInput,
    *,
    now: dt.datetime,
    user_id: int | None = None,
    expected_revision: int | None = None,
    bump: bool = True,
) -> bool:
    """Apply an edit. Returns whether anything really changed (then the revision goes up by one).

    ``bump=False``: the caller bumps the data version once for many edits in one transaction
    (an import's updates), instead of one counter update per edit.

    ``expected_revision``: the revision the editor's form was opened at; if the item has moved on
    since, :class:`Conflict` carries the current item and nothing is written. The same check is
    made in the database, so two saves racing each other cannot both pass.
    """
    data = _cleaned(data)
    _validate(data)
    if expected_revision is not None and item.revision != expected_revision:
        raise Conflict(f"changed since you opened it: it is at revision {item.revision} now", item)
    held = session.execute(
        update(Item)
        .where(Item.id == item.id, Item.revision == item.revision)
        .values(revision=Item.revision)
        .execution_options(synchronize_session=False)
    )
    if held.rowcount != 1:  # type: ignore[attr-defined]
        session.expire(item)
        raise Conflict("changed by someone else while you were saving it", item)
    before = snapshot(item)
    _apply(session, item, data, now)
    session.flush()
    after = snapshot(item)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return False
    item.revision += 1
    item.updated_at = now
    session.add(
        ItemRevision(item=item, revision=item.revision, user_id=user_id, changed_at=now, changes=changes)
    )
    if bump:
        bump_data_version(session, now)
    return True


def input_of(item: Item) -> ItemInput:
    """An item as the input that would recreate it (to change one thing and save)."""
    return ItemInput(
        title=item.title,
        posted=item.posted,
        kind=item.kind,
        also=item.also,
        body=item.body,
        status=item.status,
        visibility=item.visibility,
        publish_at=item.publish_at,
        venue=item.venue,
        location=item.location,
        person=item.person.slug if item.person else None,
        tags=[t.name for t in item.tags],
        links=[LinkInput(href=link.href, rel=link.rel, title=link.title) for link in item.links],
        milestones=[MilestoneInput(m.label, m.date, m.location) for m in item.milestones],
        source_path=item.source_path,
        source_line=item.source_line,
        source_text=item.source_text,
        source_key=item.source_key,
    )


def with_changes(item: Item, **changes: Any) -> ItemInput:
    return dataclasses.replace(input_of(item), **changes)


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


# ---------------------------------------------------------------------------------------------
# many keyed items at once (imports and syncs)


@dataclass(frozen=True)
class NewItem:
    """One item of a bulk creation: its input (with an import key), and when it is published as
    of (an import is not news: see :mod:`newsfeed.services.imports`)."""

    data: ItemInput
    published_as_of: dt.datetime | None = None
    source_id: int | None = None


def check_new(data: ItemInput) -> ItemInput:
    """The input cleaned and validated as :func:`create_item` would (InvalidInput naming the
    field otherwise), for a bulk creation that checks each item before writing any."""
    data = _cleaned(data)
    _validate(data)
    return data


def create_many(session: Session, new: Sequence[NewItem], *, now: dt.datetime, host: str) -> list[int | None]:
    """Create keyed items (checked by :func:`check_new`) in a few statements whatever their
    number: the same rows :func:`create_item` writes, items, tags, links, milestones and the first
    revision, with one data version bump. The id of each, or None where its key was taken
    (the same line stored by another import, even one running at this moment)."""
    if not new:
        return []
    table: Any = Item.__table__
    slugs = {n.data.person for n in new if n.data.person}
    known = session.execute(select(Person.slug, Person.id).where(Person.slug.in_(slugs)))
    people: dict[str, int] = {slug: person_id for slug, person_id in known}
    missing = slugs - set(people)
    if missing:
        raise InvalidInput("person", no_person(sorted(missing)[0]))
    rows = []
    for n in new:
        data = n.data
        posted = _fit(data.posted, POSTED_TEXT_MAX)
        status = data.status
        if status == Status.SCHEDULED and data.publish_at is not None and data.publish_at <= now:
            status = Status.PUBLISHED
        published = None
        if status == Status.PUBLISHED:
            published = min(now, data.publish_at) if data.publish_at else now
            if n.published_as_of is not None:
                published = min(published, n.published_as_of)
        row: dict[str, Any] = {f"posted_{name}": getattr(posted, name) for name in FUZZY_FIELDS}
        row.update(
            public_id=new_public_id(host, now),
            kind=data.kind,
            also_kinds=stored_also(data.also, data.kind),
            title=data.title.strip(),
            body=data.body,
            status=status,
            visibility=data.visibility,
            publish_at=data.publish_at,
            published_at=published,
            created_at=now,
            updated_at=published if published is not None and published < now else now,
            revision=1,
            venue=data.venue,
            location=data.location,
            person_id=people.get(data.person) if data.person else None,
            source_path=data.source_path,
            source_line=data.source_line,
            source_text=data.source_text,
            source_key=data.source_key,
            source_id=n.source_id,
            source_missing=0,
            source_differs=False,
        )
        rows.append(row)
    taken = insert_ignore(
        session, table, rows, index_elements=["source_key"], returning=(table.c.id, table.c.source_key)
    )
    ids = {key: item_id for item_id, key in taken}
    created = [(n, ids[n.data.source_key]) for n in new if n.data.source_key in ids]
    tag_ids = _tag_ids(session, [name for n, _ in created for name in n.data.tags])
    item_tags, links, milestones, revisions = [], [], [], []
    for n, item_id in created:
        data = n.data
        tags = _tag_slugs(data.tags)
        item_tags += [{"item_id": item_id, "tag_id": tag_ids[slug]} for slug in tags]
        links += [
            {"item_id": item_id, "position": i, "rel": link.rel, "href": link.href, "title": link.title}
            for i, link in enumerate(data.links)
        ]
        for i, ms in enumerate(data.milestones):
            date = _fit(ms.date, MILESTONE_TEXT_MAX)
            milestone: dict[str, Any] = {name: getattr(date, name) for name in FUZZY_FIELDS}
            milestone.update(item_id=item_id, position=i, label=ms.label.strip(), location=ms.location)
            milestones.append(milestone)
        revisions.append(
            {
                "item_id": item_id,
                "revision": 1,
                "user_id": None,
                "changed_at": now,
                "changes": {"created": _snapshot_of(data, tags, _status(data, now))},
                "note": "",
            }
        )
    tables: list[tuple[Any, list[dict[str, Any]]]] = [
        (item_tags_table, item_tags),
        (ItemLink, links),
        (Milestone, milestones),
    ]
    for target, values in tables:
        if values:
            session.execute(insert(target), values)
    if revisions:
        session.execute(insert(ItemRevision), revisions)
    if created:
        bump_data_version(session, now)
    return [ids.get(n.data.source_key) for n in new]


def _status(data: ItemInput, now: dt.datetime) -> Status:
    if data.status == Status.SCHEDULED and data.publish_at is not None and data.publish_at <= now:
        return Status.PUBLISHED
    return data.status


def _tag_slugs(names: Sequence[str]) -> list[str]:
    """The slugs of an item's tags, once each, in the order :func:`_tags` keeps (by slug)."""
    return sorted({slugify(name.strip()) for name in names if name.strip()})


def _tag_ids(session: Session, names: Sequence[str]) -> dict[str, int]:
    """Tag ids by slug, the missing tags created (insert-or-get: a concurrent import adds the
    same tag once)."""
    wanted: dict[str, str] = {}
    for name in names:
        name = name.strip()
        if name:
            wanted.setdefault(slugify(name), name[:TAG_MAX])
    if not wanted:
        return {}
    insert_ignore(
        session, Tag.__table__, [{"slug": s, "name": n} for s, n in wanted.items()], index_elements=["slug"]
    )
    found = session.execute(select(Tag.slug, Tag.id).where(Tag.slug.in_(list(wanted))))
    return {slug: tag_id for slug, tag_id in found}


def _snapshot_of(data: ItemInput, tags: list[str], status: Status) -> dict[str, Any]:
    """:func:`snapshot` of the item :func:`create_many` writes, from its input."""
    posted = _fit(data.posted, POSTED_TEXT_MAX)
    also = stored_also(data.also, data.kind).split()
    return {
        "title": data.title.strip(),
        "kind": str(data.kind),
        "also": also,
        "body": data.body,
        "posted": posted.value_key(),
        "posted_text": posted.text,
        "status": str(status),
        "visibility": str(data.visibility),
        "publish_at": data.publish_at.isoformat() if data.publish_at else None,
        "venue": data.venue,
        "location": data.location,
        "person": data.person or None,
        "tags": tags,
        "links": [[link.rel, link.href, link.title] for link in data.links],
        "milestones": [
            [
                m.label.strip(),
                _fit(m.date, MILESTONE_TEXT_MAX).value_key(),
                _fit(m.date, MILESTONE_TEXT_MAX).text,
                m.location,
            ]
            for m in data.milestones
        ],
    }
