"""Digests and reminders, each delivered exactly once.

A sweep:

1. **plans**: inserts one delivery row per (subscriber, cadence, period) whose send time has come
   and per (subscriber, reminder key) whose lead time has come. Unique keys in the database, and
   ``INSERT … ON CONFLICT DO NOTHING``, make a second or concurrent sweep unable to add a second one;
2. **claims** due rows with a lease (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, a conditional
   ``UPDATE … WHERE status = 'pending'`` on SQLite, which serialises writers), committed before
   anything is sent;
3. **sends** each claimed message over one reused SMTP connection and marks it sent only after the
   server accepted it, committing message by message.

A sweep killed after the server accepted a message but before its commit leaves that one row
"sending"; when its lease expires the next sweep sends it again. That single in-flight message is
the only one that can repeat; nothing is lost. Temporary failures (4xx, connection refused) go back
to pending with exponential backoff; permanent ones (5xx) are kept with their reason and count as
a bounce, and a subscriber with ``bounce_limit`` of them is marked bounced.

Periods (in the subscriber's zone, due at ``send_hour``): daily "2025-02-03", weekly "2025-W06"
(Mondays), monthly "2025-02" (the 1st). A digest holds the items new or updated since the last
digest that match the subscriber's filters, and what is coming up in the next ``upcoming_days``;
with neither, no email is sent (the row is cancelled, so the period is not tried again).

Reminders: for every milestone with a known instant (day-precision ones count from 00:00 in the
site's zone), at each of the subscriber's lead times, keyed by the item, the milestone's label and
its instant: moving a milestone cancels its pending reminders and makes new ones for the new date.
When several lead times have passed at once (the item was posted late), only the nearest is sent.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from sqlalchemy import Select, and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload, sessionmaker

from ..config import Config, secret_key
from ..digest import (
    Digest,
    DigestItem,
    Envelope,
    Recipient,
    Reminder,
    Site,
    UpcomingEvent,
    compose_confirmation,
    compose_digest,
    compose_reminder,
)
from ..mail import ConnectionFailure, Mailer, PermanentFailure, TemporaryFailure
from ..models import (
    Cadence,
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Item,
    Milestone,
    Subscriber,
    SubscriberStatus,
)
from .feeds import FeedFilter, filtered, item_url
from .items import milestone_date, posted_date, visible_condition
from .subscriptions import confirm_token

LEASE = dt.timedelta(minutes=10)


class LRU(OrderedDict[tuple[object, ...], "Digest"]):
    """Digests built in this sweep, shared by subscribers with the same filters and starting
    point; bounded so that a list of all-different subscribers cannot grow it without end."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __setitem__(self, key: tuple[object, ...], value: Digest) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


MAX_BACKOFF = dt.timedelta(hours=6)


# ---------------------------------------------------------------------------------------------
# periods


def period_due(cadence: Cadence, now: dt.datetime, zone: str, send_hour: int) -> tuple[str, dt.datetime]:
    """The latest period whose digest is due at or before ``now``: (key, due instant in UTC)."""
    tz = zoneinfo.ZoneInfo(zone)
    local = now.astimezone(tz)

    def at(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, send_hour, tzinfo=tz).astimezone(dt.UTC)

    if cadence == Cadence.DAILY:
        day = local.date()
        if now < at(day):
            day -= dt.timedelta(days=1)
        return day.isoformat(), at(day)
    if cadence == Cadence.WEEKLY:
        monday = local.date() - dt.timedelta(days=local.weekday())
        if now < at(monday):
            monday -= dt.timedelta(days=7)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}", at(monday)
    first = local.date().replace(day=1)
    if now < at(first):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first.strftime("%Y-%m"), at(first)


def period_label(cadence: Cadence, key: str) -> str:
    if cadence == Cadence.WEEKLY:
        year, week = key.split("-W")
        return f"week {int(week)}, {year}"
    if cadence == Cadence.MONTHLY:
        return dt.date.fromisoformat(key + "-01").strftime("%B %Y")
    return dt.date.fromisoformat(key).strftime("%-d %B %Y")


# ---------------------------------------------------------------------------------------------
# who follows what


def follows(subscriber: Subscriber, item: Item) -> bool:
    if subscriber.kinds and item.kind.value not in subscriber.kinds:
        return False
    if subscriber.people and (item.person is None or item.person.slug not in subscriber.people):
        return False
    return not (subscriber.tags and not ({t.slug for t in item.tags} & set(subscriber.tags)))


def _filter_items(query: Select[Any], subscriber: Subscriber, now: dt.datetime) -> Select[Any]:
    """Visible items this subscriber follows: the same filter as the feeds."""
    return filtered(
        query, FeedFilter(tuple(subscriber.kinds), tuple(subscriber.tags), tuple(subscriber.people)), now
    )


def reference_instant(m: Milestone, site_zone: str) -> dt.datetime | None:
    """When a milestone happens: its instant, or 00:00 of its first day in the site's zone."""
    if m.instant is not None:
        return m.instant
    if m.grain.value != "day":
        return None
    tz = zoneinfo.ZoneInfo(site_zone)
    return dt.datetime(m.start.year, m.start.month, m.start.day, tzinfo=tz).astimezone(dt.UTC)


def reminder_key(item: Item, m: Milestone, instant: dt.datetime, lead: int) -> str:
    return f"{item.public_id}|{m.label[:60]}|{instant.strftime('%Y-%m-%dT%H:%MZ')}|{lead}d"


# ---------------------------------------------------------------------------------------------
# planning


_ROW_KEYS = ("cadence", "period", "reminder_key", "milestone_id")


def _insert_ignore(session: Session, rows: list[dict[str, object]]) -> int:
    """INSERT … ON CONFLICT DO NOTHING: what a concurrent or earlier sweep made stays single."""
    if not rows:
        return 0
    rows = [{key: None for key in _ROW_KEYS} | row for row in rows]  # one shape for a multi-row VALUES
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    result = session.execute(insert(Delivery).values(rows).on_conflict_do_nothing())
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


PLAN_CHUNK = 1000


def plan(session: Session, *, now: dt.datetime, config: Config) -> int:
    """Insert the digest and reminder deliveries that are due; returns how many were new.
    Subscribers are read a chunk at a time, so memory does not grow with the list."""
    milestones = _reminder_candidates(session, now=now)
    created = 0
    last_id = 0
    while True:
        chunk = list(
            session.scalars(
                select(Subscriber)
                .where(Subscriber.status == SubscriberStatus.CONFIRMED, Subscriber.id > last_id)
                .order_by(Subscriber.id)
                .limit(PLAN_CHUNK)
            )
        )
        if not chunk:
            break
        last_id = chunk[-1].id
        rows: list[dict[str, object]] = []
        for s in chunk:
            key, due = period_due(s.cadence, now, s.timezone, config.digests.send_hour)
            if s.confirmed_at is not None and due >= s.confirmed_at:
                rows.append(
                    {
                        "subscriber_id": s.id,
                        "kind": DeliveryKind.DIGEST,
                        "cadence": s.cadence,
                        "period": key,
                        "due_at": due,
                        "status": DeliveryStatus.PENDING,
                        "attempts": 0,
                        "created_at": now,
                    }
                )
        rows += _reminder_rows(milestones, chunk, now=now, config=config)
        for start in range(0, len(rows), 500):
            created += _insert_ignore(session, rows[start : start + 500])
        for s in chunk:
            session.expunge(s)
    session.flush()
    return created


def _reminder_candidates(session: Session, *, now: dt.datetime) -> list[Milestone]:
    """Milestones of visible items that have not happened yet (reminders look up to a year ahead)."""
    horizon = now + dt.timedelta(days=366)
    return list(
        session.scalars(
            select(Milestone)
            .join(Milestone.item)
            .where(visible_condition(now), Milestone.end >= (now - dt.timedelta(days=1)).date())
            .where(Milestone.start <= horizon.date())
            .options(
                selectinload(Milestone.item).selectinload(Item.tags),
                selectinload(Milestone.item).selectinload(Item.person),
            )
        )
    )


def _reminder_rows(
    milestones: list[Milestone], subscribers: list[Subscriber], *, now: dt.datetime, config: Config
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for m in milestones:
        instant = reference_instant(m, config.site.timezone)
        if instant is None or instant <= now:
            continue  # no reminder for what has already happened
        for s in subscribers:
            if not s.lead_days or not follows(s, m.item):
                continue
            passed = [lead for lead in s.lead_days if instant - dt.timedelta(days=lead) <= now]
            if not passed:
                continue
            lead = min(passed)  # the nearest reminder point; skipped ones are not sent late
            rows.append(
                {
                    "subscriber_id": s.id,
                    "kind": DeliveryKind.REMINDER,
                    "reminder_key": reminder_key(m.item, m, instant, lead),
                    "milestone_id": m.id,
                    "due_at": instant - dt.timedelta(days=lead),
                    "status": DeliveryStatus.PENDING,
                    "attempts": 0,
                    "created_at": now,
                }
            )
    return rows


# ---------------------------------------------------------------------------------------------
# claiming


def _due(now: dt.datetime) -> object:
    return and_(
        Delivery.status == DeliveryStatus.PENDING,
        Delivery.due_at <= now,
        or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
    )


def claim(
    session: Session, *, now: dt.datetime, owner: str, limit: int, ids: Iterable[int] | None = None
) -> list[int]:
    """Lease up to ``limit`` due deliveries to ``owner``; rows whose lease expired are taken back
    first (their sweep died)."""
    session.execute(
        update(Delivery)
        .where(Delivery.status == DeliveryStatus.SENDING, Delivery.lease_until < now)
        .values(status=DeliveryStatus.PENDING, lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    chosen = select(Delivery.id).where(_due(now)).order_by(Delivery.due_at, Delivery.id).limit(limit)  # type: ignore[arg-type]
    if ids is not None:
        chosen = chosen.where(Delivery.id.in_(list(ids)))
    if session.get_bind().dialect.name == "postgresql":
        chosen = chosen.with_for_update(skip_locked=True)
    session.execute(
        update(Delivery)
        .where(Delivery.id.in_(chosen.scalar_subquery()), Delivery.status == DeliveryStatus.PENDING)
        .values(status=DeliveryStatus.SENDING, lease_owner=owner, lease_until=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    return list(
        session.scalars(
            select(Delivery.id)
            .where(Delivery.lease_owner == owner, Delivery.status == DeliveryStatus.SENDING)
            .order_by(Delivery.due_at, Delivery.id)
        )
    )


# ---------------------------------------------------------------------------------------------
# building messages


def site_of(config: Config) -> Site:
    return Site(
        title=config.site.title,
        base_url=config.site.base_url.rstrip("/"),
        host=config.host,
        sender=config.mail.sender,
    )


def recipient(subscriber: Subscriber, config: Config) -> Recipient:
    base = config.site.base_url.rstrip("/")
    return Recipient(
        email=subscriber.email,
        timezone=subscriber.timezone,
        unsubscribe_url=f"{base}/unsubscribe/{subscriber.token}",
        unsubscribe_mailto=f"mailto:{config.mail.sender}?subject=unsubscribe%20{subscriber.token}",
        preferences_url=f"{base}/preferences/{subscriber.token}",
    )


def _upcoming(
    session: Session, subscriber: Subscriber, *, now: dt.datetime, config: Config
) -> tuple[UpcomingEvent, ...]:
    horizon = now + dt.timedelta(days=config.digests.upcoming_days)
    query = (
        select(Milestone)
        .join(Milestone.item)
        .where(visible_condition(now), Milestone.end >= now.date(), Milestone.start <= horizon.date())
        .options(
            selectinload(Milestone.item).selectinload(Item.tags),
            selectinload(Milestone.item).selectinload(Item.person),
        )
    )
    out = []
    base = config.site.base_url
    for m in session.scalars(query):
        if m.grain.value not in ("day", "minute") or not follows(subscriber, m.item):
            continue
        if m.instant is not None and (m.end_instant or m.instant) < now:
            continue
        out.append(
            (
                reference_instant(m, config.site.timezone) or now,
                UpcomingEvent(m.label, m.item.title, item_url(base, m.item), milestone_date(m), m.location),
            )
        )
    out.sort(key=lambda pair: pair[0])
    return tuple(event for _, event in out)


def build_digest(
    session: Session, subscriber: Subscriber, *, now: dt.datetime, config: Config, label: str
) -> Digest:
    since = subscriber.last_digest_at or subscriber.confirmed_at or subscriber.created_at
    query = _filter_items(
        select(Item)
        .where(or_(Item.published_at > since, Item.updated_at > since, Item.publish_at > since))
        .options(selectinload(Item.person), selectinload(Item.tags))
        .order_by(Item.posted_start.desc(), Item.id.desc()),
        subscriber,
        now,
    )
    base = config.site.base_url
    items = []
    for item in session.scalars(query):
        published = item.published_at or item.publish_at or item.created_at
        items.append(
            DigestItem(
                title=item.title,
                url=item_url(base, item),
                kind=item.kind.value,
                posted=posted_date(item).display(),
                body=item.body or "",
                updated=published <= since,
            )
        )
    return Digest(
        period_label=label,
        items=tuple(items),
        upcoming=_upcoming(session, subscriber, now=now, config=config),
    )


def build_message(
    session: Session,
    delivery: Delivery,
    *,
    now: dt.datetime,
    config: Config,
    digests: LRU | None = None,
) -> Message | None:
    """The message a delivery sends now, or None when there is nothing to send any more."""
    subscriber = delivery.subscriber
    site = site_of(config)
    to = recipient(subscriber, config)
    envelope = Envelope(delivery_id=delivery.id, kind=delivery.kind.value, now=now)
    if delivery.kind == DeliveryKind.CONFIRMATION:
        if subscriber.status in (SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCED):
            return None
        url = f"{site.base_url}/subscribe/confirm/{confirm_token(secret_key(config), subscriber, now)}"
        already = subscriber.status == SubscriberStatus.CONFIRMED
        return compose_confirmation(confirm_url=url, already=already, site=site, to=to, envelope=envelope)
    if subscriber.status != SubscriberStatus.CONFIRMED:
        return None
    if delivery.kind == DeliveryKind.DIGEST:
        assert delivery.cadence is not None
        assert delivery.period is not None
        label = period_label(delivery.cadence, delivery.period)
        since = subscriber.last_digest_at or subscriber.confirmed_at or subscriber.created_at
        key = (tuple(subscriber.kinds), tuple(subscriber.tags), tuple(subscriber.people), since, label)
        digest = digests.get(key) if digests is not None else None
        if digest is None:
            digest = build_digest(session, subscriber, now=now, config=config, label=label)
            if digests is not None:
                digests[key] = digest
        return None if digest.empty else compose_digest(digest, site=site, to=to, envelope=envelope)
    if delivery.kind == DeliveryKind.REMINDER:
        return _reminder_message(
            session, delivery, subscriber, now=now, config=config, site=site, to=to, envelope=envelope
        )
    return None


def _reminder_message(
    session: Session,
    delivery: Delivery,
    subscriber: Subscriber,
    *,
    now: dt.datetime,
    config: Config,
    site: Site,
    to: Recipient,
    envelope: Envelope,
) -> Message | None:
    m = session.get(Milestone, delivery.milestone_id) if delivery.milestone_id else None
    if m is None or not delivery.reminder_key:
        return None  # the milestone was edited away (or moved: its new date has its own key)
    item = m.item
    visible = session.scalar(select(Item.id).where(Item.id == item.id, visible_condition(now)))
    instant = reference_instant(m, config.site.timezone)
    lead = int(delivery.reminder_key.rsplit("|", 1)[1].rstrip("d"))
    if visible is None or instant is None or instant <= now or not follows(subscriber, item):
        return None
    if reminder_key(item, m, instant, lead) != delivery.reminder_key:
        return None
    days = max(0, (instant - now).days)
    event = UpcomingEvent(
        m.label, item.title, item_url(config.site.base_url, item), milestone_date(m), m.location
    )
    return compose_reminder(Reminder(days=days, event=event), site=site, to=to, envelope=envelope)


# ---------------------------------------------------------------------------------------------
# the sweep


@dataclass
class SweepReport:
    planned: int = 0
    claimed: int = 0
    sent: int = 0
    cancelled: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"planned {self.planned}, claimed {self.claimed}, sent {self.sent}, "
            f"nothing to send {self.cancelled}, retry later {self.retried}, failed {self.failed}"
        )


def backoff(attempts: int) -> dt.timedelta:
    return min(MAX_BACKOFF, dt.timedelta(minutes=2 ** max(0, attempts - 1)))


def sweep(
    sessions: sessionmaker[Session],
    mailer: Mailer,
    *,
    now: dt.datetime,
    config: Config,
    ids: Iterable[int] | None = None,
    plan_first: bool = True,
) -> SweepReport:
    """Plan, then claim and send what is due batch by batch until nothing is left.

    Each claim and each sent message is its own committed transaction. Digests with the same
    filters and the same starting point are built once per sweep and only addressed per person,
    so memory and work per message stay flat however many subscribers there are.
    """
    report = SweepReport()
    owner = uuid.uuid4().hex
    if plan_first:
        with sessions() as session:
            report.planned = plan(session, now=now, config=config)
            session.commit()
    digests: LRU = LRU(256)
    wanted = list(ids) if ids is not None else None
    with mailer.connect() as connection:
        while True:
            with sessions() as session:
                claimed = claim(session, now=now, owner=owner, limit=config.digests.batch_size, ids=wanted)
                session.commit()
            if not claimed:
                break
            report.claimed += len(claimed)
            if not _send_batch(
                sessions, connection, claimed, owner, now=now, config=config, report=report, digests=digests
            ):
                break  # the mail server cannot be reached: the rest waits for the next sweep
            if wanted is not None:
                break
    return report


def _send_batch(
    sessions: sessionmaker[Session],
    connection: Any,
    claimed: list[int],
    owner: str,
    *,
    now: dt.datetime,
    config: Config,
    report: SweepReport,
    digests: LRU,
) -> bool:
    digested: list[int] = []
    with sessions() as session:
        deliveries = session.scalars(
            select(Delivery).where(Delivery.id.in_(claimed)).options(selectinload(Delivery.subscriber))
        ).all()
        for position, delivery in enumerate(sorted(deliveries, key=lambda d: (d.due_at, d.id))):
            if delivery.status != DeliveryStatus.SENDING or delivery.lease_owner != owner:
                continue
            message = build_message(session, delivery, now=now, config=config, digests=digests)
            if message is None:
                delivery.status = DeliveryStatus.CANCELLED
                delivery.lease_owner = None
                delivery.last_error = "nothing to send"
                report.cancelled += 1
                session.commit()
                continue
            attempts = delivery.attempts + 1
            try:
                connection.send(message)
            except TemporaryFailure as exc:
                delivery.attempts = attempts
                _retry_later(delivery, now, str(exc))
                report.retried += 1
                report.errors.append(f"delivery {delivery.id}: {exc}")
                if isinstance(exc, ConnectionFailure):
                    for rest in sorted(deliveries, key=lambda d: (d.due_at, d.id))[position + 1 :]:
                        if rest.status == DeliveryStatus.SENDING and rest.lease_owner == owner:
                            _retry_later(rest, now, str(exc))
                            report.retried += 1
                    session.commit()
                    _digested(sessions, digested, now)
                    return False
            except PermanentFailure as exc:
                delivery.attempts = attempts
                delivery.status = DeliveryStatus.FAILED
                delivery.lease_owner = None
                delivery.last_error = str(exc)[:1000]
                subscriber = delivery.subscriber
                subscriber.bounce_count += 1
                if subscriber.bounce_count >= config.digests.bounce_limit:
                    subscriber.status = SubscriberStatus.BOUNCED
                report.failed += 1
                report.errors.append(f"delivery {delivery.id}: {exc}")
            else:
                # The hot path: two plain UPDATEs, no unit of work, then the commit that records
                # the send right after the server took it (so nothing else can repeat).
                session.execute(
                    update(Delivery)
                    .where(Delivery.id == delivery.id)
                    .values(
                        status=DeliveryStatus.SENT,
                        sent_at=now,
                        message_id=str(message["Message-ID"]),
                        lease_owner=None,
                        attempts=attempts,
                    )
                    .execution_options(synchronize_session=False)
                )
                if delivery.kind == DeliveryKind.DIGEST:
                    digested.append(delivery.subscriber_id)
                report.sent += 1
                session.commit()
                continue
            session.commit()
    _digested(sessions, digested, now)
    return True


def _digested(sessions: sessionmaker[Session], subscriber_ids: list[int], now: dt.datetime) -> None:
    """Move the "since" of the next digest, once per batch. The email itself is already recorded
    as sent; a crash before this only makes the next digest repeat some items, never an email."""
    if not subscriber_ids:
        return
    with sessions() as session:
        session.execute(
            update(Subscriber)
            .where(Subscriber.id.in_(subscriber_ids))
            .values(last_digest_at=now)
            .execution_options(synchronize_session=False)
        )
        session.commit()


def _retry_later(delivery: Delivery, now: dt.datetime, error: str) -> None:
    delivery.status = DeliveryStatus.PENDING
    delivery.lease_owner = None
    delivery.lease_until = None
    delivery.next_attempt_at = now + backoff(max(1, delivery.attempts))
    delivery.last_error = error[:1000]


def preview(
    session: Session, subscriber: Subscriber, *, now: dt.datetime, config: Config
) -> tuple[str, Message | None]:
    """What this subscriber would receive in their next digest, and why (nothing is recorded)."""
    key, due = period_due(subscriber.cadence, now, subscriber.timezone, config.digests.send_hour)
    digest = build_digest(
        session, subscriber, now=now, config=config, label=period_label(subscriber.cadence, key)
    )
    since = subscriber.last_digest_at or subscriber.confirmed_at or subscriber.created_at
    why = (
        f"{subscriber.email}: {subscriber.status.value}, {subscriber.cadence.value} digest, period {key} due "
        f"{due:%Y-%m-%d %H:%M} UTC; {len(digest.items)} item(s) new or updated since "
        f"{since:%Y-%m-%d %H:%M} UTC matching kinds={subscriber.kinds or 'all'} "
        f"tags={subscriber.tags or 'all'} people={subscriber.people or 'all'}; "
        f"{len(digest.upcoming)} upcoming in {config.digests.upcoming_days} days"
    )
    if digest.empty:
        return why + "; nothing to send", None
    envelope = Envelope(delivery_id=0, kind="preview", now=now)
    return why, compose_digest(
        digest, site=site_of(config), to=recipient(subscriber, config), envelope=envelope
    )
