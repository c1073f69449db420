"""Which emails are due: digest and reminder deliveries planned, once each.

One delivery row per (subscriber, cadence, period) whose send time has come, and per (subscriber,
reminder key) whose lead time has come (:mod:`newsfeed.domain.periods`). Unique keys in the
database and ``INSERT … ON CONFLICT DO NOTHING`` make a second or concurrent plan unable to add a
second one. Reminders are keyed by the item, the milestone's label and its start: moving a
milestone cancels its pending reminders (their key no longer matches) and makes new ones for the
new date. Flushes; the sweep (:mod:`newsfeed.jobs.sweep`) commits.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Subscriber
from newsfeed.adapters.outbox import STORE
from newsfeed.config import Config
from newsfeed.domain.periods import period_due, reminder_due
from newsfeed.domain.vocab import DeliveryKind, DeliveryStatus, SubscriberStatus

from .digests import reminder_events, reminder_key
from .events import Event

PLAN_CHUNK = 1000


def plan(session: Session, *, now: dt.datetime, config: Config, errors: list[str] | None = None) -> int:
    """Insert the digest and reminder deliveries that are due; returns how many were new.
    Subscribers are read a chunk at a time, so memory does not grow with the list; a subscriber
    row that cannot be planned (a zone the system does not know) is reported in ``errors`` and
    skipped, never stopping the others."""
    coming = reminder_events(session, now=now, config=config)
    created = 0
    last_id = 0
    while True:
        chunk = list(
            session.scalars(
                select(Subscriber)
                .where(
                    Subscriber.status == SubscriberStatus.CONFIRMED,
                    Subscriber.address_problem.is_(None),
                    Subscriber.id > last_id,
                )
                .order_by(Subscriber.id)
                .limit(PLAN_CHUNK)
            )
        )
        if not chunk:
            break
        last_id = chunk[-1].id
        rows: list[dict[str, object]] = []
        for s in chunk:
            try:
                key, due = period_due(s.cadence, now, s.timezone, config.digests.send_hour)
            except ValueError as exc:
                if errors is not None:
                    errors.append(f"subscriber {s.id}: cannot plan a digest: {exc}")
                continue
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
        created += STORE.insert(session, rows)
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
