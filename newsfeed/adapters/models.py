"""The data model: typed declarations and nothing else (no queries, no commits, no Flask)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Composite, Mapped, composite, mapped_column, relationship

from newsfeed.domain.dates import FuzzyDate
from newsfeed.domain.dates.model import GRAINS
from newsfeed.domain.selection import Selection
from newsfeed.domain.vocab import (
    Cadence,
    DeliveryKind,
    DeliveryStatus,
    Kind,
    Role,
    Status,
    SubscriberStatus,
    Visibility,
)

from .db import Base, Flags, UTCDateTime, utcnow


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def _grain(name: str) -> Enum:
    return Enum(
        *GRAINS, name=name, native_enum=False, create_constraint=True, length=16, validate_strings=True
    )


# A FuzzyDate is stored whole, every field in a column of its own: the value (start, end, grain,
# time, end_time, tz, instants, approximate) and how it was read (text, ref, inferred, ambiguous,
# zone_ambiguous). This is the one place that maps the value to columns: the composite follows the
# dataclass's fields, so a field added to FuzzyDate without a column fails at start-up.
FUZZY_FIELDS = tuple(f.name for f in dataclasses.fields(FuzzyDate))


def fuzzy_date(prefix: str) -> Composite[FuzzyDate]:
    return composite(FuzzyDate, *(prefix + name for name in FUZZY_FIELDS))


item_tags = Table(
    "item_tags",
    Base.metadata,
    Column("item_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Person(Base):
    """Someone whose news this site publishes (a lab has several)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    homepage: Mapped[str | None] = mapped_column(String(500))
    orcid: Mapped[str | None] = mapped_column(String(19))  # "0000-0002-1825-0097"
    photo_url: Mapped[str | None] = mapped_column(String(500))
    bio: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    items: Mapped[list[Item]] = relationship(back_populates="person")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))


def stored_also(kinds: Sequence[Kind | str], primary: Kind | str | None) -> str:
    """Secondary kinds as stored: known kinds, in the vocabulary's order, without the primary."""
    chosen = {str(k) for k in kinds} - {str(primary)}
    ordered = [k.value for k in Kind if k.value in chosen and k is not Kind.OTHER]
    return f" {' '.join(ordered)} " if ordered else ""


class Item(Base):
    """One piece of news: a paper accepted, a talk, a trip, a workshop being organised ..."""

    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_status_publish_at", "status", "publish_at"),
        Index("ix_items_posted_start", "posted_start"),
        Index("ix_items_source_key", "source_key", unique=True),
        Index("ix_items_link_token", "link_token", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The unguessable part of an unlisted item's address (/items/<id>/<link_token>).
    link_token: Mapped[str | None] = mapped_column(String(32), default=lambda: secrets.token_urlsafe(16))
    # A tag: URI (RFC 4151), fixed at creation and never changed by an edit.
    public_id: Mapped[str] = mapped_column(
        String(200), unique=True, default=lambda: f"urn:uuid:{uuid.uuid4()}"
    )
    kind: Mapped[Kind] = mapped_column(_enum(Kind, "item_kind"), default=Kind.OTHER)
    # Secondary kinds, space-separated with a space at each end (" talk travel "), so one LIKE
    # finds an item under any of them (an award of a travel grant to give a talk).
    also_kinds: Mapped[str] = mapped_column(String(120), default="", server_default="")

    @property
    def also(self) -> tuple[Kind, ...]:
        return tuple(Kind(k) for k in (self.also_kinds or "").split())

    @also.setter
    def also(self, kinds: Sequence[Kind | str]) -> None:
        self.also_kinds = stored_also(kinds, self.kind)

    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")
    # The posted date as written, with its precision: "05/2024" is 1–31 May 2024 at month grain.
    posted_start: Mapped[dt.date] = mapped_column(Date)
    posted_end: Mapped[dt.date] = mapped_column(Date)
    posted_grain: Mapped[str] = mapped_column(_grain("posted_grain"))
    posted_text: Mapped[str] = mapped_column(String(200), default="")
    posted_time: Mapped[str | None] = mapped_column(String(5))
    posted_end_time: Mapped[str | None] = mapped_column(String(5))
    posted_tz: Mapped[str | None] = mapped_column(String(64))
    posted_instant: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    posted_end_instant: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    posted_inferred: Mapped[tuple[str, ...]] = mapped_column(Flags(), default=())
    posted_ambiguous: Mapped[bool] = mapped_column(Boolean, default=False)
    posted_approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    posted_zone_ambiguous: Mapped[bool] = mapped_column(Boolean, default=False)
    posted_ref: Mapped[dt.date | None] = mapped_column(Date)
    posted_weekday_conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    posted: Mapped[FuzzyDate] = fuzzy_date("posted_")
    status: Mapped[Status] = mapped_column(_enum(Status, "item_status"), default=Status.DRAFT)
    visibility: Mapped[Visibility] = mapped_column(
        _enum(Visibility, "item_visibility"), default=Visibility.PUBLIC
    )
    publish_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # When it became public on this site (the feeds' "published"): never in the future.
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    venue: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    # Where an imported item came from: file, line, the original text, and a key that finds it
    # again: "<person id or 0>:<hash of the posted date's value and the text>", unique, so that
    # two imports of the same line at the same moment create it once.
    source_path: Mapped[str | None] = mapped_column(String(500))
    source_line: Mapped[int | None] = mapped_column(Integer)
    source_text: Mapped[str | None] = mapped_column(Text)
    source_key: Mapped[str | None] = mapped_column(String(64))
    # the synced source this item came from; fetches in a row without it; the source's version of
    # a hand-edited item differs from what is stored (the hand edit won)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), index=True)
    source_missing: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    source_differs: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())

    person: Mapped[Person | None] = relationship(back_populates="items")
    tags: Mapped[list[Tag]] = relationship(secondary=item_tags, order_by="Tag.slug")
    links: Mapped[list[ItemLink]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="ItemLink.position"
    )
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Milestone.position"
    )
    revisions: Mapped[list[ItemRevision]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="ItemRevision.revision"
    )


class ItemLink(Base):
    __tablename__ = "item_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    rel: Mapped[str] = mapped_column(String(16), default="url")  # one of LINK_RELS
    href: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str | None] = mapped_column(String(500))

    item: Mapped[Item] = relationship(back_populates="links")


class Milestone(Base):
    """A dated point of an item: a deadline, a talk, the days of a trip or of a workshop."""

    __tablename__ = "milestones"
    __table_args__ = (Index("ix_milestones_instant", "instant"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(200))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    grain: Mapped[str] = mapped_column(_grain("milestone_grain"))
    time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM", minute grain only
    end_time: Mapped[str | None] = mapped_column(String(5))
    tz: Mapped[str | None] = mapped_column(String(64))  # "AoE", "UTC+02:00" or an IANA name
    instant: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    end_instant: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    location: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(String(500), default="")
    inferred: Mapped[tuple[str, ...]] = mapped_column(Flags(), default=())
    ambiguous: Mapped[bool] = mapped_column(Boolean, default=False)
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    zone_ambiguous: Mapped[bool] = mapped_column(Boolean, default=False)
    ref: Mapped[dt.date | None] = mapped_column(Date)
    weekday_conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    date: Mapped[FuzzyDate] = fuzzy_date("")

    item: Mapped[Item] = relationship(back_populates="milestones")


class User(Base):
    """An admin or editor account. An editor posts only as their own person."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(_enum(Role, "user_role"), default=Role.EDITOR)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Rotated on sign-in and sign-out so that an old session cookie stops working (server-side logout).
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_urlsafe(32))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    person: Mapped[Person | None] = relationship()


class ItemRevision(Base):
    """Who changed what, when: one row per real edit of an item."""

    __tablename__ = "item_revisions"
    __table_args__ = (UniqueConstraint("item_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(String(200), default="")

    item: Mapped[Item] = relationship(back_populates="revisions")


class LoginAttempt(Base):
    """Sign-in attempts, counted in the database so a rate limit holds across workers."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_account_at", "account", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(320))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    success: Mapped[bool] = mapped_column(Boolean, default=False)


class Subscriber(Base):
    """Someone who receives digests and reminders by email."""

    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    status: Mapped[SubscriberStatus] = mapped_column(
        _enum(SubscriberStatus, "subscriber_status"), default=SubscriberStatus.PENDING
    )
    cadence: Mapped[Cadence] = mapped_column(_enum(Cadence, "subscriber_cadence"), default=Cadence.WEEKLY)
    # What they follow, as a Selection (empty lists: everything).
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    people: Mapped[list[str]] = mapped_column(JSON, default=list)
    selection: Mapped[Selection] = composite(Selection.stored, "kinds", "tags", "people")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    lead_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: [14, 3, 1])
    # Secret for links in emails (unsubscribe, preferences); rotated when compromised.
    token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_urlsafe(32))
    # Secret of their personal calendar's address (/calendars/<token>.ics); replaced on request.
    calendar_token: Mapped[str] = mapped_column(
        String(64), unique=True, index=True, default=lambda: secrets.token_urlsafe(24)
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    unsubscribed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_digest_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    bounce_count: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped by every unsubscribe: confirmation links issued before it no longer confirm.
    epoch: Mapped[int] = mapped_column(Integer, default=0)
    # Why the stored address cannot be used (rows from before addresses were checked strictly);
    # nothing is sent to such a row, and it is kept for an admin to see.
    address_problem: Mapped[str | None] = mapped_column(Text)

    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="subscriber", cascade="all, delete-orphan"
    )


class Delivery(Base):
    """One email due or sent. The unique keys make a second sweep unable to create a second one.
    It goes to a subscriber, or to an account (a test digest from the admin page; the day's
    proposed news, one per account and day: ``period`` is the day)."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("subscriber_id", "cadence", "period"),
        UniqueConstraint("subscriber_id", "reminder_key"),
        UniqueConstraint("user_id", "kind", "period"),
        Index("ix_deliveries_status_due_at", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[DeliveryKind] = mapped_column(_enum(DeliveryKind, "delivery_kind"))
    cadence: Mapped[Cadence | None] = mapped_column(_enum(Cadence, "delivery_cadence"))
    period: Mapped[str | None] = mapped_column(String(32))  # "2025-W05", "2025-02", "2025-02-03"
    reminder_key: Mapped[str | None] = mapped_column(String(200))  # milestone + lead time
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id", ondelete="SET NULL"))
    # a grouped reminder: the delivery whose email carries it (one reminder email per sweep)
    carrier_id: Mapped[int | None] = mapped_column(
        ForeignKey("deliveries.id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    status: Mapped[DeliveryStatus] = mapped_column(
        _enum(DeliveryStatus, "delivery_status"), default=DeliveryStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[str | None] = mapped_column(String(300))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    subscriber: Mapped[Subscriber | None] = relationship(back_populates="deliveries")
    user: Mapped[User | None] = relationship()


class SiteState(Base):
    """Small shared counters and values, e.g. the data version that keys the feed caches."""

    __tablename__ = "site_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    int_value: Mapped[int] = mapped_column(Integer, default=0)
    text_value: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ThrottleEvent(Base):
    """One counted request (a sign-up, a sign-in attempt): limits hold across workers."""

    __tablename__ = "throttle_events"
    __table_args__ = (Index("ix_throttle_events_scope_key_at", "scope", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(400))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Source(Base):
    """A page or feed someone already keeps, synced into items by the scheduler."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    format: Mapped[str] = mapped_column(String(16), default="auto")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    every_minutes: Mapped[int] = mapped_column(Integer, default=360)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # what the last fetch said (conditional GET) and what came of it
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    fetched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    synced_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    next_fetch_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)
    last_status: Mapped[str] = mapped_column(String(32), default="new")
    last_error: Mapped[str | None] = mapped_column(Text)
    last_report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    person: Mapped[Person | None] = relationship()


class Lease(Base):
    """A named lease: the scheduler process that holds it runs the jobs; others stay idle."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Paper(Base):
    """A paper of a person, as the scholarly sources describe it (one row per person and paper,
    whichever sources list it: :func:`newsfeed.domain.scholarly.group`). Dates are kept as the
    sources give them (a FuzzyDate's dictionary: a year, a month or a day)."""

    __tablename__ = "papers"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    title_key: Mapped[str] = mapped_column(String(300), index=True)
    first_author_key: Mapped[str] = mapped_column(String(120), default="")
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    venue: Mapped[str | None] = mapped_column(String(300))
    doi: Mapped[str | None] = mapped_column(String(300), index=True)
    arxiv_id: Mapped[str | None] = mapped_column(String(40), index=True)
    openreview_id: Mapped[str | None] = mapped_column(String(40), index=True)
    preprinted: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    published: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    url: Mapped[str | None] = mapped_column(String(2000))
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)  # "arxiv:2401.01234", …
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Proposal(Base):
    """A draft news item newsfeed proposes for one event of a paper: its first public version
    ("preprint") or its acceptance or publication at a venue ("acceptance"). One per paper and
    event, ever: a dismissed one never comes back, an approved one is never proposed again."""

    __tablename__ = "proposals"
    __table_args__ = (UniqueConstraint("paper_id", "event"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(16))  # preprint | acceptance
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")
    posted: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    link: Mapped[str | None] = mapped_column(String(2000))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    paper: Mapped[Paper] = relationship()
    person: Mapped[Person | None] = relationship()


class SocialAccount(Base):
    """An account newsfeed posts news to: the site's, or a person's (``person_id``), on Bluesky
    or Mastodon. Its secret (the Bluesky app password, the Mastodon access token) is never
    stored here: it is read from the environment (``NEWSFEED_SOCIAL_<NAME>_SECRET``) or from
    ``secret_file``. Bluesky's session (its refreshable tokens) is kept in ``session`` so that
    it is refreshed, not re-created for each post; it is never shown."""

    __tablename__ = "social_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    network: Mapped[str] = mapped_column(String(16))  # bluesky | mastodon
    url: Mapped[str] = mapped_column(String(500))  # the PDS or the Mastodon instance
    handle: Mapped[str | None] = mapped_column(String(300))
    secret_file: Mapped[str | None] = mapped_column(String(500))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    failing: Mapped[str | None] = mapped_column(Text)  # why posting stopped (a revoked token …)
    session: Mapped[str | None] = mapped_column(Text)
    limit_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # the network's rate limit
    max_characters: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    person: Mapped[Person | None] = relationship()


class SocialPost(Base):
    """An item's post on one account: one row per (item, account), ever, so an item is posted
    at most once there. ``action`` is what the outbox does next (``post``, ``edit`` the text,
    ``delete`` it) and ``status`` where that stands (``pending``, ``sending`` under a lease,
    ``done``, ``failed``, ``cancelled``); the remote's ids are recorded as soon as it answers."""

    __tablename__ = "social_posts"
    __table_args__ = (
        UniqueConstraint("item_id", "account_id"),
        Index("ix_social_posts_status_due_at", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(8), default="post")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    # sent with the post (Mastodon's Idempotency-Key; Bluesky's record key): a repeat is the same post
    idempotency_key: Mapped[str] = mapped_column(String(64))
    remote_id: Mapped[str | None] = mapped_column(String(300))  # at:// URI, or Mastodon status id
    remote_cid: Mapped[str | None] = mapped_column(String(200))
    remote_url: Mapped[str | None] = mapped_column(String(500))
    text_hash: Mapped[str | None] = mapped_column(String(64))  # of what the remote shows
    posted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    account: Mapped[SocialAccount] = relationship()
    item: Mapped[Item | None] = relationship()
