"""Leases in the database: one rule for who may work on a row, whatever the row is.

A lease is an owner and an end. A row may be taken by a worker when its lease is free (no end, or
an end in the past) or already its own; taking is one conditional UPDATE, so of two workers
racing for a row exactly one wins, on SQLite and on PostgreSQL alike. Three kinds of row are
leased this way:

- a **named lease** (table ``leases``): the scheduler process that holds "scheduler" runs the
  jobs, any other stays idle (:func:`hold`, :func:`release`);
- a **source** while it is fetched and written (:data:`SOURCES`);
- a **delivery** while its email is sent (:data:`DELIVERIES`; claimed in batches by the outbox
  store, :mod:`newsfeed.adapters.outbox`);
- a **social post** while it is posted, edited or deleted (:data:`SOCIAL_POSTS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from .db import insert_ignore
from .models import Delivery, Lease, SocialPost, Source

RELEASED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Leased:
    """A table whose rows carry a lease: the columns of its owner and of its end."""

    table: Any
    owner: Any
    until: Any

    def free(self, now: dt.datetime) -> ColumnElement[bool]:
        """No one holds it: never leased, released, or run out."""
        return or_(self.until.is_(None), self.until < now)

    def held_by(self, owner: str) -> ColumnElement[bool]:
        return self.owner == owner  # type: ignore[no-any-return]

    def expired(self, now: dt.datetime) -> ColumnElement[bool]:
        return self.until < now  # type: ignore[no-any-return]

    def take(
        self,
        session: Session,
        where: ColumnElement[bool],
        owner: str,
        *,
        now: dt.datetime,
        until: dt.datetime,
    ) -> int:
        """Lease the rows of ``where`` that are free or already ``owner``'s; how many it took."""
        result = session.execute(
            update(self.table)
            .where(where, or_(self.free(now), self.held_by(owner)))
            .values({self.owner.key: owner, self.until.key: until})
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def release(self, session: Session, where: ColumnElement[bool], owner: str) -> int:
        """Give the rows of ``where`` back, where ``owner`` still holds them."""
        result = session.execute(
            update(self.table)
            .where(where, self.held_by(owner))
            .values({self.owner.key: None, self.until.key: None})
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


SOURCES = Leased(Source, Source.lease_owner, Source.lease_until)
DELIVERIES = Leased(Delivery, Delivery.lease_owner, Delivery.lease_until)
NAMED = Leased(Lease, Lease.owner, Lease.expires_at)
SOCIAL_POSTS = Leased(SocialPost, SocialPost.lease_owner, SocialPost.lease_until)


def hold(session: Session, name: str, owner: str, *, now: dt.datetime, ttl: dt.timedelta) -> bool:
    """Take or renew the named lease ``name`` for ``owner`` until now + ttl; False if someone else
    holds an unexpired one. Safe when several processes race: one UPDATE or INSERT wins."""
    if not NAMED.take(session, Lease.name == name, owner, now=now, until=now + ttl):
        insert_ignore(session, Lease.__table__, [{"name": name, "owner": owner, "expires_at": now + ttl}])
    holder = session.scalar(select(Lease.owner).where(Lease.name == name))
    return holder == owner


def release(session: Session, name: str, owner: str) -> None:
    """Give the named lease up at once (if ``owner`` still holds it): anyone may take it now."""
    session.execute(
        update(Lease)
        .where(Lease.name == name, NAMED.held_by(owner))
        .values(expires_at=RELEASED)
        .execution_options(synchronize_session=False)
    )
