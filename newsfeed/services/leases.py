"""Named leases in the database: one scheduler runs the jobs, any other stays idle."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import Lease


def hold(session: Session, name: str, owner: str, *, now: dt.datetime, ttl: dt.timedelta) -> bool:
    """Take or renew the lease ``name`` for ``owner`` until now + ttl; False if someone else
    holds an unexpired one. Safe when several processes race: one UPDATE or INSERT wins."""
    result = session.execute(
        update(Lease)
        .where(Lease.name == name, or_(Lease.owner == owner, Lease.expires_at < now))
        .values(owner=owner, expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        session.execute(
            insert(Lease).values(name=name, owner=owner, expires_at=now + ttl).on_conflict_do_nothing()
        )
    holder = session.scalar(select(Lease.owner).where(Lease.name == name))
    return holder == owner


RELEASED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def release(session: Session, name: str, owner: str) -> None:
    """Give the lease up at once (if ``owner`` still holds it): anyone may take it now."""
    session.execute(
        update(Lease)
        .where(Lease.name == name, Lease.owner == owner)
        .values(expires_at=RELEASED)
        .execution_options(synchronize_session=False)
    )
