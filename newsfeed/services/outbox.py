"""The outbox: digests, reminders and confirmations planned, claimed, sent and recorded, each once.

What each message says is :mod:`newsfeed.services.digests`; this module decides when it is due and
makes sure it leaves exactly once.

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
(Mondays), monthly "2025-02" (the 1st). A digest with nothing in it is not sent (the row is
cancelled, so the period is not tried again).

Reminders: for every upcoming event that has not started (:mod:`newsfeed.upcoming`), at each of the
subscriber's lead times before its start, keyed by the item, the milestone's label and its start:
moving a milestone cancels its pending reminders and makes new ones for the new date. When several
lead times have passed at once (the item was posted late), only the nearest is sent.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload, sessionmaker

from ..config import Config
from ..digest import Envelope, compose_digest
from ..mail import ConnectionFailure, Mailer, PermanentFailure, TemporaryFailure
from ..models import Cadence, Delivery, DeliveryKind, DeliveryStatus, Subscriber, SubscriberStatus
from .digests import (
    DigestCache,
    build_digest,
    build_message,
    period_label,
    recipient,
    reminder_due,
    reminder_events,
    reminder_key,
    since_of,
    site_of,
)
from .events import Event

LEASE = dt.timedelta(minutes=10)


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
    coming = reminder_events(session, now=now, config=config)
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
        rows += _reminder_rows(coming, chunk, now=now)
        for start in range(0, len(rows), 500):
            created += _insert_ignore(session, rows[start : start + 500])
        for s in chunk:
            session.expunge(s)
    session.flush()
    return created


def _reminder_rows(
    coming: list[Event], subscribers: list[Subscriber], *, now: dt.datetime
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for event in coming:
        for s in subscribers:
            if not s.lead_days or not s.selection.matches(event.item):
                continue
            lead = reminder_due(event.span, s.lead_days, now)
            if lead is None:
                continue  # the nearest reminder point; skipped ones are not sent late
            rows.append(
                {
                    "subscriber_id": s.id,
                    "kind": DeliveryKind.REMINDER,
                    "reminder_key": reminder_key(event.item, event.milestone, event.span.starts, lead),
                    "milestone_id": event.milestone.id,
                    "due_at": event.span.starts - dt.timedelta(days=lead),
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
    digests = DigestCache(256)
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
    digests: DigestCache,
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
    since = since_of(subscriber)
    selection = subscriber.selection
    why = (
        f"{subscriber.email}: {subscriber.status.value}, {subscriber.cadence.value} digest, period {key} due "
        f"{due:%Y-%m-%d %H:%M} UTC; {len(digest.items)} item(s) new or updated since "
        f"{since:%Y-%m-%d %H:%M} UTC matching {selection.describe() or 'everything'}; "
        f"{len(digest.upcoming)} upcoming in {config.digests.upcoming_days} days"
    )
    if digest.empty:
        return why + "; nothing to send", None
    envelope = Envelope(delivery_id=0, kind="preview", now=now)
    return why, compose_digest(
        digest, site=site_of(config), to=recipient(subscriber, config), envelope=envelope
    )
