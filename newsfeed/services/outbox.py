"""The outbox: digests, reminders and confirmations planned, claimed, sent and recorded, each once.

What each message says is :mod:`newsfeed.services.digests`; this module decides when it is due and
makes sure it leaves exactly once, whatever else runs at the same time.

A sweep:

1. **plans**: inserts one delivery row per (subscriber, cadence, period) whose send time has come
   and per (subscriber, reminder key) whose lead time has come. Unique keys in the database, and
   ``INSERT … ON CONFLICT DO NOTHING``, make a second or concurrent sweep unable to add a second one;
2. **claims** a batch of due rows (``[digests] batch_size``) under a token of its own, with a lease
   (``[digests] lease_seconds``): ``SELECT … FOR UPDATE SKIP LOCKED LIMIT n`` then an UPDATE of
   exactly those ids on PostgreSQL, one conditional ``UPDATE … WHERE status = 'pending'`` on
   SQLite (which serialises writers); committed before anything is sent. Rows whose lease ran out
   (their sweep died or stalled) are taken back first;
3. **sends** each message over one reused SMTP connection. Right before a message, one conditional
   UPDATE renews the lease of that row *only where this claim's token still holds it*; a row lost
   to another sweep is skipped. Right after the server's "250", one conditional UPDATE marks it sent
   (again only under the token) and commits. Composing the next messages (database reads, digest
   rendering) overlaps the SMTP round trip of the current one: a sender thread does the sending
   and recording, the sweep's own thread composes.

So a sweep that outlives its lease (a slow mail server) never sends a row that another sweep took
over, and two sweeps split the work between them. A sweep killed after the server accepted a
message but before its commit leaves that one row held; when its lease runs out the next sweep
sends it again: that single message in flight is the only one that can repeat, and nothing is lost.

**One bad row never blocks the rest.** Any error while composing or sending one message is recorded
on that delivery (``attempts``, ``last_error``) and retried with exponential backoff (2 minutes,
doubling, at most 6 hours), and after ``[digests] max_attempts`` it is marked failed; the sweep goes
on with the next one. A server that cannot be reached stops the sweep (the rest waits for the next
one, without counting an attempt). A 5xx reply is permanent at once: kept with its reason, it counts
a bounce, and ``bounce_limit`` of them mark the subscriber bounced. A non-ASCII address for a server
without SMTPUTF8 is kept pending with that reason.

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
import enum
import functools
import threading
import time
import uuid
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ARRAY, Integer, and_, any_, bindparam, case, literal, null, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload, sessionmaker

from ..config import Config
from ..digest import Email, Envelope, compose_digest
from ..mail import Connection, ConnectionFailure, Mailer, Pending, PermanentFailure, TemporaryFailure
from ..models import Cadence, Delivery, DeliveryKind, DeliveryStatus, Subscriber, SubscriberStatus
from .digests import (
    DigestCache,
    Undeliverable,
    build_digest,
    build_message,
    hidden_recipient,
    period_label,
    recipient,
    reminder_due,
    reminder_events,
    reminder_key,
    since_of,
    site_of,
)
from .events import Event

MAX_BACKOFF = dt.timedelta(hours=6)
_TABLE: Any = Delivery.__table__
Clock = Callable[[], dt.datetime]


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
    """INSERT … ON CONFLICT DO NOTHING: what a concurrent or earlier sweep made stays single.
    Rows are sent as one executemany (batched by SQLAlchemy's "insertmanyvalues"); RETURNING
    counts what was new (rowcount is not reliable for it on PostgreSQL)."""
    if not rows:
        return 0
    rows = [{key: None for key in _ROW_KEYS} | row for row in rows]  # one shape for every row
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(_TABLE).on_conflict_do_nothing().returning(_TABLE.c.id)
    return len(session.connection().execute(statement, rows).all())


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
            except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
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
        created += _insert_ignore(session, rows)
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
        .where(Delivery.status == DeliveryStatus.SENDING, Delivery.lease_until < lease_now)
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
_RENEW = update(_TABLE).where(_HELD).values(lease_until=bindparam("lease_until"))


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


def renew(session: Session, delivery_id: int, token: str, *, lease_until: dt.datetime) -> bool:
    """Extend the lease of one row, only while ``token`` still holds it."""
    result = session.connection().execute(
        _RENEW, {"delivery_id": delivery_id, "token": token, "lease_until": lease_until}
    )
    return bool(result.rowcount)


@functools.cache
def _record_statement(names: tuple[str, ...]) -> Any:
    values: dict[str, Any] = {name: bindparam(f"v_{name}") for name in names}
    return update(_TABLE).where(_HELD).values(lease_owner=None, lease_until=None, **values)


def _record(session: Session, delivery_id: int, token: str, **values: Any) -> bool:
    """Record what happened to a delivery (releasing its lease), only while ``token`` holds it."""
    statement = _record_statement(tuple(sorted(values)))
    params = {"delivery_id": delivery_id, "token": token, **{f"v_{k}": v for k, v in values.items()}}
    return bool(session.connection().execute(statement, params).rowcount)


def backoff(attempts: int) -> dt.timedelta:
    return min(MAX_BACKOFF, dt.timedelta(minutes=2 ** max(1, attempts)))


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
    lost: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"planned {self.planned}, claimed {self.claimed}, sent {self.sent}, "
            f"nothing to send {self.cancelled}, retry later {self.retried}, failed {self.failed}"
            + (f", taken over by another sweep {self.lost}" if self.lost else "")
        )


@dataclass(frozen=True)
class _Job:
    """One claimed delivery, composed: what to send, or why nothing is sent."""

    delivery_id: int
    token: str
    subscriber_id: int
    kind: DeliveryKind
    attempts: int
    email: Email | None = None
    skip: str | None = None  # nothing to send, with the reason
    error: str | None = None  # composing failed, with the reason


class _Recorder:
    """What happened to each delivery, written only while the claim's token still holds it."""

    def __init__(self, session: Session, *, now: dt.datetime, config: Config, report: SweepReport) -> None:
        self.session = session
        self.now = now
        self.config = config
        self.report = report
        self.digested: list[int] = []

    def count_sent(self, job: _Job, *, held: bool) -> None:
        """Count a message recorded as sent (by :func:`advance`)."""
        self.report.sent += 1
        if not held:
            self.report.errors.append(f"delivery {job.delivery_id}: sent, but its lease had been taken over")
        if job.kind == DeliveryKind.DIGEST:
            self.digested.append(job.subscriber_id)

    def failed(self, job: _Job, exc: BaseException) -> bool:
        """Record a failure to send; True when the mail server cannot be reached at all."""
        self.report.errors.append(f"delivery {job.delivery_id}: {exc}")
        if isinstance(exc, ConnectionFailure):
            self.retry(job, str(exc), count=False)
            return True
        if isinstance(exc, PermanentFailure):
            self.bounce(job, str(exc))
        elif isinstance(exc, TemporaryFailure):
            self.retry(job, str(exc), count=True)
        else:
            self.retry(job, f"{type(exc).__name__}: {exc}", count=True)
        return False

    def cancel(self, job: _Job, reason: str) -> None:
        if _record(
            self.session,
            job.delivery_id,
            job.token,
            status=DeliveryStatus.CANCELLED,
            last_error=reason[:1000],
        ):
            self.report.cancelled += 1

    def retry(self, job: _Job, error: str, *, count: bool) -> None:
        attempts = job.attempts + (1 if count else 0)
        if count and attempts >= self.config.digests.max_attempts:
            if _record(
                self.session,
                job.delivery_id,
                job.token,
                status=DeliveryStatus.FAILED,
                attempts=attempts,
                last_error=f"gave up after {attempts} attempts: {error}"[:1000],
            ):
                self.report.failed += 1
            return
        if _record(
            self.session,
            job.delivery_id,
            job.token,
            status=DeliveryStatus.PENDING,
            attempts=attempts,
            next_attempt_at=self.now + backoff(max(1, attempts)),
            last_error=error[:1000],
        ):
            self.report.retried += 1

    def bounce(self, job: _Job, error: str) -> None:
        if not _record(
            self.session,
            job.delivery_id,
            job.token,
            status=DeliveryStatus.FAILED,
            attempts=job.attempts + 1,
            last_error=error[:1000],
        ):
            return
        self.report.failed += 1
        subscriber = self.session.get(Subscriber, job.subscriber_id)
        if subscriber is not None:
            subscriber.bounce_count += 1
            if subscriber.bounce_count >= self.config.digests.bounce_limit:
                subscriber.status = SubscriberStatus.BOUNCED

    def move_since(self) -> None:
        """Move the "since" of the next digest. The emails are already recorded as sent; a crash
        before this only makes the next digest repeat some items, never an email."""
        if self.digested:
            self.session.execute(
                update(Subscriber)
                .where(_among(self.session, Subscriber.id, self.digested))
                .values(last_digest_at=self.now)
                .execution_options(synchronize_session=False)
            )
            self.session.commit()
            self.digested = []


def _clock_from(now: dt.datetime) -> Clock:
    """``now`` moving on with real time: what leases are measured with."""
    started = time.monotonic()
    return lambda: now + dt.timedelta(seconds=time.monotonic() - started)


def sweep(
    sessions: sessionmaker[Session],
    mailer: Mailer,
    *,
    now: dt.datetime,
    config: Config,
    ids: Iterable[int] | None = None,
    plan_first: bool = True,
    clock: Clock | None = None,
    stop: threading.Event | None = None,
) -> SweepReport:
    """Plan, then claim, compose and send what is due, batch by batch, until nothing is left.

    ``now`` decides what is due; leases are measured on ``clock`` (by default ``now`` moving on
    with real time). ``stop``: finish the message in flight and give the rest back.
    """
    report = SweepReport()
    lease_clock = clock or _clock_from(now)
    lease = dt.timedelta(seconds=config.digests.lease_seconds)
    if plan_first:
        with sessions() as session:
            report.planned = plan(session, now=now, config=config, errors=report.errors)
            session.commit()
    digests = DigestCache(256)
    wanted = list(ids) if ids is not None else None
    with (
        mailer.connect() as connection,
        sessions() as session,
        _Writer(sessions, now=now, config=config, report=report) as writer,
    ):
        stopped = False
        while not stopped and not (stop is not None and stop.is_set()):
            token = uuid.uuid4().hex
            reclaim_expired(session, lease_now=lease_clock())
            claimed = claim(
                session,
                now=now,
                token=token,
                limit=config.digests.batch_size,
                lease_until=lease_clock() + lease,
                ids=wanted,
            )
            session.commit()
            if not claimed:
                break
            report.claimed += len(claimed)
            batch = _Batch(session, connection, writer, token, lambda: lease_clock() + lease, stop)
            stopped = batch.run(claimed, now=now, config=config, digests=digests)
            writer.call(lambda: writer.recorder.move_since())  # in the writer's thread
            session.expunge_all()
            if wanted is not None:
                break
    return report


class _Writer:
    """The database writes of a sweep, in a thread of their own with a session of their own, so
    that they overlap the SMTP conversation of the next message (the thread waits on the
    database, the sweep's thread on the mail server)."""

    def __init__(
        self, sessions: sessionmaker[Session], *, now: dt.datetime, config: Config, report: SweepReport
    ) -> None:
        self.sessions = sessions
        self.now = now
        self.config = config
        self.report = report
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsfeed-outbox")
        self.session: Session | None = None
        self._recorder: _Recorder | None = None
        self._hot: Any = None

    @property
    def hot(self) -> Any:
        """A connection of its own in autocommit mode, for the one-statement hot path (use only
        inside the writer's thread).

        On PostgreSQL its commits do not wait for the write-ahead log to reach the disk
        (``synchronous_commit = off``, for this connection only): a record survives the sweep's
        process being killed, as with SQLite's WAL in ``synchronous=NORMAL``; only a crash of the
        database server or the machine within a fraction of a second could lose the last records,
        and then those messages are sent again (a duplicate, never a loss)."""
        if self._hot is None:
            engine = self.sessions.kw["bind"]
            self._hot = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            if self._hot.dialect.name == "postgresql":
                self._hot.exec_driver_sql("SET synchronous_commit TO OFF")
        return self._hot

    @property
    def recorder(self) -> _Recorder:
        """The recorder (use only inside the writer's thread)."""
        if self._recorder is None:
            self.session = self.sessions()
            self._recorder = _Recorder(self.session, now=self.now, config=self.config, report=self.report)
        return self._recorder

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        def close() -> None:
            if self.session is not None:
                self.session.close()
            if self._hot is not None:
                if self._hot.dialect.name == "postgresql":
                    self._hot.exec_driver_sql("RESET synchronous_commit")  # before it goes back to the pool
                self._hot.close()

        self.pool.submit(close).result()
        self.pool.shutdown(wait=True)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        return self.pool.submit(fn, *args)

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.pool.submit(fn, *args).result()


class _Batch:
    """One claimed batch: compose, send and record each message, overlapping the three."""

    def __init__(
        self,
        session: Session,
        connection: Connection,
        writer: _Writer,
        token: str,
        lease_until: Callable[[], dt.datetime],
        stop: threading.Event | None,
    ) -> None:
        self.session = session
        self.connection = connection
        self.writer = writer
        self.token = token
        self.lease_until = lease_until
        self.stop = stop
        self.unreachable = False

    def stopping(self) -> bool:
        return self.unreachable or (self.stop is not None and self.stop.is_set())

    def run(self, claimed: list[int], *, now: dt.datetime, config: Config, digests: DigestCache) -> bool:
        """True when the sweep must stop (the server cannot be reached, or ``stop`` was set).

        For each message: compose it (while the server is busy with the previous one), read the
        server's answer to the previous one, then at the same time record that answer and renew
        this message's lease (the writer, one transaction) and hand this message over to the
        server up to its final "." (this thread); send the "." only once the record is committed
        and the lease renewed (if the lease was lost, the connection is dropped instead and the
        server discards the message). So at most the one message in flight can be delivered
        without its record, and a row another sweep took over is never sent."""
        deliveries = {
            d.id: d
            for d in self.session.scalars(
                select(Delivery)
                .where(_among(self.session, Delivery.id, claimed))
                .options(joinedload(Delivery.subscriber))
            )
        }
        in_flight: tuple[_Job, Pending] | None = None
        for delivery_id in claimed:
            delivery = deliveries[delivery_id]
            job = _Job(delivery.id, self.token, delivery.subscriber_id, delivery.kind, delivery.attempts)
            if not self.stopping():
                job = _compose(self.session, delivery, job, now=now, config=config, digests=digests)
            answer: tuple[_Job, BaseException | None] | None = None
            if in_flight is not None:
                answer = (in_flight[0], _answer(in_flight[1]))
                in_flight = None
                if isinstance(answer[1], ConnectionFailure):
                    self.unreachable = True
            sends = job.email is not None and not self.stopping()
            recorded = self.writer.submit(self._record, answer, job, sends, self.stopping())
            pending: Pending | None = None
            failure: BaseException | None = None
            if sends:
                assert job.email is not None
                try:
                    pending = self.connection.start(job.email)
                except Exception as exc:  # recorded on this delivery; the sweep goes on
                    failure = exc
            held = recorded.result()
            if failure is not None:
                self.unreachable = self.writer.call(self._failed, job, failure) or self.unreachable
            elif pending is not None:
                if not held:
                    pending.abort()  # another sweep took it over: it must not be delivered by us
                    continue
                try:
                    pending.commit()
                except Exception as exc:  # recorded on this delivery; the sweep goes on
                    self.unreachable = self.writer.call(self._failed, job, exc) or self.unreachable
                    continue
                in_flight = (job, pending)
        if in_flight is not None:
            answer = (in_flight[0], _answer(in_flight[1]))
            if isinstance(answer[1], ConnectionFailure):
                self.unreachable = True
            self.writer.call(self._record, answer, None, False, True)
        return self.stopping()

    # -- in the writer's thread --------------------------------------------------------------

    def _record(
        self, answer: tuple[_Job, BaseException | None] | None, job: _Job | None, sends: bool, stopping: bool
    ) -> bool:
        """Record the previous message's answer and settle this one (renew its lease when it is
        to be sent). True when this message may be sent. The common case (the previous one was
        accepted, this one is to be sent) is one statement, committed by itself."""
        writer = self.writer
        recorder = writer.recorder
        session = writer.session
        assert session is not None
        done: _Job | None = None
        if answer is not None:
            if answer[1] is None:
                done = answer[0]
            else:
                recorder.failed(answer[0], answer[1])
                session.commit()
        renewing = job.delivery_id if job is not None and sends else None
        held = False
        if done is not None or renewing is not None:
            held_ids = advance(
                writer.hot,
                self.token,
                sent=(done.delivery_id, done.email["Message-ID"] or "") if done and done.email else None,
                renewing=renewing,
                sent_at=writer.now,
                lease_until=self.lease_until(),
            )
            if done is not None:
                recorder.count_sent(done, held=done.delivery_id in held_ids)
            if renewing is not None:
                held = renewing in held_ids
                if not held:
                    recorder.report.lost += 1  # another sweep took it over when our lease ran out
        if job is not None and not sends:
            if stopping:
                reason = "the mail server could not be reached" if self.unreachable else "the sweep stopped"
                recorder.retry(job, reason, count=False)  # back to pending, no attempt counted
            elif job.skip is not None:
                recorder.cancel(job, job.skip)
            elif job.error is not None:
                recorder.report.errors.append(f"delivery {job.delivery_id}: {job.error}")
                recorder.retry(job, job.error, count=True)
            session.commit()
        return held

    def _failed(self, job: _Job, failure: BaseException) -> bool:
        unreachable = self.writer.recorder.failed(job, failure)
        assert self.writer.session is not None
        self.writer.session.commit()
        return unreachable


def _answer(pending: Pending) -> BaseException | None:
    try:
        pending.wait()
    except Exception as exc:  # recorded on this delivery; the sweep goes on
        return exc
    return None


def _compose(session: Session, delivery: Delivery, job: _Job, **kw: Any) -> _Job:
    try:
        email = build_message(session, delivery, **kw)
    except Undeliverable as exc:
        return replace(job, skip=str(exc))
    except Exception as exc:  # one bad message must not stop the others
        return replace(job, error=f"could not be composed: {type(exc).__name__}: {exc}")
    if email is None:
        return replace(job, skip="nothing to send")
    email.data  # noqa: B018 - written now, while the server is busy with the previous message
    return replace(job, email=email)


def preview(
    session: Session, subscriber: Subscriber, *, now: dt.datetime, config: Config, hide_links: bool = False
) -> tuple[str, Email | None]:
    """What this subscriber would receive in their next digest, and why (nothing is recorded).
    ``hide_links``: without the subscriber's own links (their tokens), for the admin pages."""
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
    to = hidden_recipient(subscriber, config) if hide_links else recipient(subscriber, config)
    return why, compose_digest(digest, site=site_of(config), to=to, envelope=envelope)
