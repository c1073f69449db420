"""Shared counters kept in the database so that every worker process sees the same value."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from .db import insert_ignore
from .models import SiteState

DATA_VERSION = "data_version"


def bump_data_version(session: Session, now: dt.datetime) -> None:
    """The version of the published data: any write to items bumps it (feed caches key on it).
    Increment the data version in the database, atomically (safe with several workers)."""
    result = session.execute(
        update(SiteState)
        .where(SiteState.key == DATA_VERSION)
        .values(int_value=SiteState.int_value + 1, updated_at=now)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        session.add(SiteState(key=DATA_VERSION, int_value=1, updated_at=now))
    session.flush()


def data_version(session: Session) -> int:
    """The current data version (0 before the first write)."""
    value = session.scalar(select(SiteState.int_value).where(SiteState.key == DATA_VERSION))
    return int(value or 0)


SCHEDULER_TICK = "scheduler_tick"
LAST_SWEEP = "last_sweep"  # text: the last outbox sweep's report as JSON (seconds, sent, …)


def mark(session: Session, key: str, now: dt.datetime, text: str | None = None) -> None:
    """Record that ``key`` happened at ``now`` (counting how many times), e.g. a scheduler's tick."""
    result = session.execute(
        update(SiteState)
        .where(SiteState.key == key)
        .values(int_value=SiteState.int_value + 1, updated_at=now, text_value=text)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        insert_ignore(
            session,
            SiteState.__table__,
            [{"key": key, "int_value": 1, "updated_at": now, "text_value": text}],
            index_elements=["key"],
        )


def last(session: Session, key: str) -> tuple[dt.datetime, str | None] | None:
    """When ``key`` last happened, and what was recorded with it (None: never)."""
    row = session.execute(
        select(SiteState.updated_at, SiteState.text_value).where(SiteState.key == key)
    ).first()
    return (row[0], row[1]) if row is not None else None


_STATE_SQL = "SELECT int_value, updated_at FROM site_state WHERE key = 'data_version'"


def data_state_fast(engine: Engine) -> tuple[int, dt.datetime]:
    """(data version, when it last changed), read on a pooled DBAPI connection, without a
    Session or SQL compilation.

    The feed cache asks this on every request; it costs a few dozen microseconds where the ORM
    path costs several hundred, which is most of the price of serving a cached feed.
    """
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(_STATE_SQL)
        row = cursor.fetchone()
        cursor.close()
    finally:
        connection.close()
    if row is None:
        return 0, dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    version, changed = row
    if isinstance(changed, str):
        changed = dt.datetime.fromisoformat(changed)
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=dt.UTC)
    return int(version), changed
