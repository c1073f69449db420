"""Counting requests in the database, so that a limit holds across workers and processes.

``take`` records the request *before* counting, and the caller commits at once: concurrent
requests each see the others' records, so no more than the limit pass, however many arrive at
the same moment.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import ThrottleEvent


def take(
    session: Session, scope: str, key: str, *, now: dt.datetime, limit: int, window: dt.timedelta
) -> bool:
    """Record one request of ``key`` in ``scope``; True while at most ``limit`` fall in ``window``."""
    session.add(ThrottleEvent(scope=scope, key=key[:400], at=now))
    session.flush()
    return count(session, scope, key, since=now - window) <= limit


def count(session: Session, scope: str, key: str, *, since: dt.datetime) -> int:
    return int(
        session.scalar(
            select(func.count(ThrottleEvent.id)).where(
                ThrottleEvent.scope == scope, ThrottleEvent.key == key[:400], ThrottleEvent.at > since
            )
        )
        or 0
    )


def prune(session: Session, *, before: dt.datetime) -> int:
    result = session.execute(delete(ThrottleEvent).where(ThrottleEvent.at < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
