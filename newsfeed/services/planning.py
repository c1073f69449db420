"""Which emails are due: digest and reminder deliveries planned, once each (and the day's
proposals email to an account, :func:`newsfeed.services.scholarly.notice_rows`).

One delivery row per (subscriber, cadence, period) whose send time has come, and per (subscriber,
reminder key) whose lead time has come (:mod:`newsfeed.domain.periods`). Unique keys in the
database and ``INSERT … ON CONFLICT DO NOTHING`` make a second or concurrent plan unable to add a
second one. Reminders are keyed by the item, the milestone's label and its start: moving a
milestone cancels its pending reminders (their key no longer matches) and makes new ones for the
new date. Flushes; the sweep (:mod:`newsfeed.jobs.sweep`) commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters import state
from newsfeed.adapters.models import Subscriber
from newsfeed.adapters.outbox import STORE
from newsfeed.config import Config
from newsfeed.domain.periods import period_due, reminder_due
from newsfeed.domain.vocab import DeliveryKind, DeliveryStatus, SubscriberStatus

from .digests import reminder_events, reminder_key
from .events import Event
from .scholarly import notice_rows

PLAN_CHUNK = 1000
REMINDERS_PLANNED = "reminders_planned"  # site_state: the last plan's time, data version, fingerprint


def plan(session: Session, *, now: dt.datetime, config: Config, errors: list[str] | None = None) -> int:
    """Insert the digest and reminder deliveries that are due; returns how many were new.
    Subscribers are read a chunk at a time, so memory does not grow with the list; a subscriber
    row that cannot be planned (a zone the system does not know) is reported in ``errors`` and
    skipped, never stopping the others.

    **Reminders are planned incrementally.** Pairing every coming event with every subscriber on
    every tick costs events × subscribers each minute, however little changed. So each plan records
    when it ran, the data version and a fingerprint of what the subscribers follow; the next one
    pairs only the events one of whose reminder points (the leads the subscribers asked for, in
    days before the start) passed since, unless items or subscribers changed meanwhile, in which
    case it looks at every event again (the unique keys keep what was planned before from being
    planned twice).
    """
    every_event = reminder_events(session, now=now, config=config)
    last = state.last(session, REMINDERS_PLANNED)
    version = state.data_version(session)
    previous: dict[str, object] = json.loads(last[1] or "{}") if last is not None else {}
    trusted = last is not None and last[0] <= now and previous.get("data") == version
    leads_before = [int(d) for d in previous.get("leads", ())]  # type: ignore[attr-defined]
    if trusted and last is not None:
        coming = [e for e in every_event if _passes_a_point(e, leads_before, last[0], now)]
    else:
        coming = every_event
    leads: set[int] = set()
    created = 0
    fingerprint = hashlib.blake2b(digest_size=16)
    for chunk in _confirmed(session):
        rows: list[dict[str, object]] = []
        for s in chunk:
            fingerprint.update(
                repr((s.id, s.selection.key, s.lead_days, s.timezone, s.confirmed_at)).encode()
            )
            leads.update(s.lead_days)
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
        created += STORE.insert(session, rows)
        created += STORE.insert_grouped(session, _reminder_rows(coming, chunk, now=now))
        for s in chunk:
            session.expunge(s)
    followed = fingerprint.hexdigest()
    if coming is not every_event and previous.get("subscribers") != followed:
        # someone subscribed or changed what they follow: every event, for everyone, once
        created += _plan_reminders(session, every_event, now=now)
    if config.scholarly.daily_email:
        told = notice_rows(session, now=now, zone=config.site.timezone, send_hour=config.digests.send_hour)
        created += STORE.insert(session, told)
    recorded = {"data": version, "subscribers": followed, "leads": sorted(leads)}
    state.mark(session, REMINDERS_PLANNED, now, text=json.dumps(recorded))
    session.flush()
    return created


def _passes_a_point(event: Event, leads: list[int], since: dt.datetime, now: dt.datetime) -> bool:
    """One of the reminder points of the event (``leads`` days before its start, the leads any
    subscriber asked for) lies in (``since``, ``now``]."""
    return any(since < event.span.starts - dt.timedelta(days=lead) <= now for lead in leads)


def _confirmed(session: Session) -> Iterator[list[Subscriber]]:
    """The subscribers that are sent to, PLAN_CHUNK at a time (memory does not grow with the list)."""
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
            return
        last_id = chunk[-1].id
        yield chunk


def _plan_reminders(session: Session, coming: list[Event], *, now: dt.datetime) -> int:
    created = 0
    for chunk in _confirmed(session):
        created += STORE.insert_grouped(session, _reminder_rows(coming, chunk, now=now))
        for s in chunk:
            session.expunge(s)
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
