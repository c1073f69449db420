"""The outbox's rows in the database: every statement the sweep runs on ``deliveries``, in one place.

The sweep (:mod:`newsfeed.jobs.sweep`) and the planner (:mod:`newsfeed.services.planning`) read
and write deliveries only through :data:`STORE`:

- ``insert``: new rows, ``INSERT … ON CONFLICT DO NOTHING`` on the unique keys (a second or
  concurrent planner cannot add a second row);
- ``reclaim_expired``: rows whose lease ran out (their sweep died or stalled) go back to pending;
- ``claim``: lease up to n due rows under a token (``SELECT … FOR UPDATE SKIP LOCKED`` then an
  UPDATE of exactly those ids on PostgreSQL; one conditional UPDATE on SQLite, which serialises
  writers);
- ``load``: the claimed rows with their subscribers;
- ``advance``: the hot path, one statement: the message just accepted is marked sent and the next
  one's lease renewed, each only while the claim's token holds it;
- ``record``: what happened to one row (sent, retry later, failed, cancelled), only while the
  token holds it;
- ``move_since``: the subscribers whose digest left start their next one now.

A row is touched only while its lease (:data:`newsfeed.adapters.leases.DELIVERIES`) is held by the
claim's token, so a sweep that lost a row to another never writes it.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ARRAY, Integer, and_, any_, bindparam, case, literal, null, or_, select, update
from sqlalchemy.orm import Session, joinedload

from newsfeed.domain.vocab import DeliveryStatus

from .db import insert_ignore
from .leases import DELIVERIES
from .models import Delivery, Subscriber

_TABLE: Any = Delivery.__table__
_ROW_KEYS = ("cadence", "period", "reminder_key", "milestone_id")


def _due(now: dt.datetime) -> Any:
    return and_(
        Delivery.status == DeliveryStatus.PENDING,
        Delivery.due_at <= now,
        or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
    )


def reclaim_expired(session: Session, *, lease_now: dt.datetime) -> int:
    """Rows whose lease ran out go back to pending (their sweep died or stalled)."""
    result = session.execute(
        update(Delivery)
        .where(Delivery.status == DeliveryStatus.SENDING, DELIVERIES.expired(lease_now))
        .values(status=DeliveryStatus.PENDING, lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _among(session: Session, column: Any, ids: Sequence[int]) -> Any:
    """``column IN ids``. On PostgreSQL one array parameter (``= ANY``): a single placeholder
    however many ids, so the driver keeps the statement in its cache (a statement with hundreds of
    placeholders is parsed anew by psycopg on every execution, in Python)."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(literal(list(ids), ARRAY(Integer)))
    return column.in_(ids)


def claim(
    session: Session,
    *,
    now: dt.datetime,
    token: str,
    limit: int,
    lease_until: dt.datetime,
    ids: Iterable[int] | None = None,
) -> list[int]:
    """Lease up to ``limit`` due deliveries under ``token``; the ids taken, in order."""
    chosen = select(Delivery.id).where(_due(now)).order_by(Delivery.due_at, Delivery.id).limit(limit)
    if ids is not None:
        chosen = chosen.where(Delivery.id.in_(list(ids)))
    if session.get_bind().dialect.name == "postgresql":
        # Lock exactly `limit` rows, skipping those another sweep holds, then lease those ids: an
        # UPDATE with the LIMIT subquery inside IN (…) lets the planner run it again per row.
        picked = list(session.scalars(chosen.with_for_update(skip_locked=True)))
        if not picked:
            return []
        target: Any = _among(session, Delivery.id, picked)
    else:
        target = Delivery.id.in_(chosen.scalar_subquery())
    taken = session.scalars(
        update(Delivery)
        .where(target, Delivery.status == DeliveryStatus.PENDING)
        .values(status=DeliveryStatus.SENDING, lease_owner=token, lease_until=lease_until)
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    ).all()
    if not taken:
        return []
    return list(
        session.scalars(
            select(Delivery.id)
            .where(_among(session, Delivery.id, taken))
            .order_by(Delivery.due_at, Delivery.id)
        )
    )


# Plain Core statements on the hot path (compiled once, cached): a row is touched only while the
# claim's token still holds it.
_HELD = and_(
    _TABLE.c.id == bindparam("delivery_id"),
    _TABLE.c.lease_owner == bindparam("token"),
    _TABLE.c.status == DeliveryStatus.SENDING,
)


# The hot path in one statement (one round trip, committed by itself): the message just accepted
# is marked sent and the next one's lease renewed, each only while this claim's token holds it;
# RETURNING says which of the two it still held.
_ADVANCE = (
    update(_TABLE)
    .where(
        _TABLE.c.id.in_([bindparam("done"), bindparam("next")]),
        _TABLE.c.lease_owner == bindparam("token"),
        _TABLE.c.status == DeliveryStatus.SENDING,
    )
    .values(
        status=case(
            (_TABLE.c.id == bindparam("done"), literal(DeliveryStatus.SENT, _TABLE.c.status.type)),
            else_=_TABLE.c.status,
        ),
        sent_at=case(
            (_TABLE.c.id == bindparam("done"), bindparam("sent_at", type_=_TABLE.c.sent_at.type)),
            else_=_TABLE.c.sent_at,
        ),
        message_id=case(
            (_TABLE.c.id == bindparam("done"), bindparam("message_id", type_=_TABLE.c.message_id.type)),
            else_=_TABLE.c.message_id,
        ),
        attempts=case((_TABLE.c.id == bindparam("done"), _TABLE.c.attempts + 1), else_=_TABLE.c.attempts),
        lease_owner=case((_TABLE.c.id == bindparam("done"), null()), else_=_TABLE.c.lease_owner),
        lease_until=case(
            (_TABLE.c.id == bindparam("done"), null()),
            else_=bindparam("lease_until", type_=_TABLE.c.lease_until.type),
        ),
    )
    .returning(_TABLE.c.id)
)


def advance(
    connection: Any,
    token: str,
    *,
    sent: tuple[int, str] | None,
    renewing: int | None,
    sent_at: dt.datetime,
    lease_until: dt.datetime,
) -> set[int]:
    """Mark ``sent`` (delivery id, Message-ID) sent and renew the lease of ``renewing``, in one
    statement; the ids of the two that ``token`` still held."""
    params = {
        "done": sent[0] if sent else -1,
        "next": renewing if renewing is not None else -1,
        "token": token,
        "sent_at": sent_at,
        "message_id": sent[1] if sent else None,
        "lease_until": lease_until,
    }
    if connection.dialect.name == "postgresql":
        # The same statement, compiled once, run as a prepared statement on the driver: the hot
        # path costs a round trip and little else (it runs beside the SMTP conversation, and its
        # Python work would otherwise take the interpreter from it).
        sql, fixed = _advance_sql(connection.dialect)
        with connection.connection.driver_connection.cursor() as cursor:
            cursor.execute(sql, {**fixed, **params}, prepare=True)
            return {row[0] for row in cursor.fetchall()}
    return set(connection.execute(_ADVANCE, params).scalars())


@functools.cache
def _advance_sql(dialect: Any) -> tuple[str, dict[str, Any]]:
    """_ADVANCE as the driver's SQL, with its constants as the driver takes them (enum values)."""
    compiled = _ADVANCE.compile(dialect=dialect)
    fixed = {
        name: value.value if isinstance(value, enum.Enum) else value
        for name, value in compiled.params.items()
        if value is not None
    }
    return str(compiled), fixed


@functools.cache
def _record_statement(names: tuple[str, ...]) -> Any:
    values: dict[str, Any] = {name: bindparam(f"v_{name}") for name in names}
    return update(_TABLE).where(_HELD).values(lease_owner=None, lease_until=None, **values)


def record(session: Session, delivery_id: int, token: str, **values: Any) -> bool:
    """Record what happened to a delivery (releasing its lease), only while ``token`` holds it."""
    statement = _record_statement(tuple(sorted(values)))
    params = {"delivery_id": delivery_id, "token": token, **{f"v_{k}": v for k, v in values.items()}}
    return bool(session.connection().execute(statement, params).rowcount)


def insert(session: Session, rows: list[dict[str, object]]) -> int:
    """New deliveries, each unless its unique key exists; how many were new."""
    if not rows:
        return 0
    rows = [{key: None for key in _ROW_KEYS} | row for row in rows]  # one shape for every row
    return len(insert_ignore(session, _TABLE, rows, returning=_TABLE.c.id))


def insert_grouped(session: Session, rows: list[dict[str, object]]) -> int:
    """New reminder deliveries, each unless its unique key exists, sent as one email per
    subscriber: of those that were new for one subscriber, the first carries the others (they are
    ``grouped`` under it). How many were new."""
    if not rows:
        return 0
    rows = [{key: None for key in _ROW_KEYS} | row for row in rows]
    new = insert_ignore(session, _TABLE, rows, returning=(_TABLE.c.id, _TABLE.c.subscriber_id))
    by_subscriber: dict[int, list[int]] = {}
    for delivery_id, subscriber_id in new:
        by_subscriber.setdefault(subscriber_id, []).append(delivery_id)
    for ids in by_subscriber.values():
        if len(ids) > 1:
            carrier, *carried = sorted(ids)
            session.execute(
                update(Delivery)
                .where(_among(session, Delivery.id, carried))
                .values(status=DeliveryStatus.GROUPED, carrier_id=carrier)
                .execution_options(synchronize_session=False)
            )
    return len(new)


def load(session: Session, ids: Sequence[int]) -> dict[int, Delivery]:
    """The claimed deliveries, with their subscribers, by id."""
    return {
        d.id: d
        for d in session.scalars(
            select(Delivery).where(_among(session, Delivery.id, ids)).options(joinedload(Delivery.subscriber))
        )
    }


def move_since(session: Session, subscriber_ids: Sequence[int], at: dt.datetime) -> None:
    """The next digest of these subscribers holds what is new from ``at``."""
    session.execute(
        update(Subscriber)
        .where(_among(session, Subscriber.id, subscriber_ids))
        .values(last_digest_at=at)
        .execution_options(synchronize_session=False)
    )


class OutboxStore:
    """The outbox's statements as one object (what the sweep and the planner are given)."""

    insert = staticmethod(insert)
    insert_grouped = staticmethod(insert_grouped)
    reclaim_expired = staticmethod(reclaim_expired)
    claim = staticmethod(claim)
    load = staticmethod(load)
    advance = staticmethod(advance)
    record = staticmethod(record)
    move_since = staticmethod(move_since)


STORE = OutboxStore()
