"""The outbox sweep: digests, reminders, confirmations and test digests claimed, sent and recorded,
each once. A job: it owns its transactions.

What each message says is :mod:`newsfeed.services.digests`; which are due is
:mod:`newsfeed.services.planning`; every statement on the deliveries is
:mod:`newsfeed.adapters.outbox`. This module makes sure each leaves exactly once, whatever else
runs at the same time.

A sweep:

1. **plans** (:mod:`newsfeed.services.planning`): one delivery row per (subscriber, cadence,
   period) whose send time has come and per (subscriber, reminder key) whose lead time has come,
   committed before anything is claimed;
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

A digest with nothing in it is not sent (the row is cancelled, so the period is not tried again).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.mail import (
    Connection,
    ConnectionFailure,
    Mailer,
    MessageTooLarge,
    Pending,
    PermanentFailure,
    TemporaryFailure,
)
from newsfeed.adapters.models import Delivery, Subscriber
from newsfeed.adapters.outbox import STORE
from newsfeed.config import Config
from newsfeed.domain.lru import LRU
from newsfeed.domain.vocab import DeliveryKind, DeliveryStatus, SubscriberStatus
from newsfeed.render.messages import Digest, Email
from newsfeed.services.digests import Undeliverable, build_message, digest_cache
from newsfeed.services.planning import plan

MAX_BACKOFF = dt.timedelta(hours=6)
Clock = Callable[[], dt.datetime]


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
    subscriber_id: int | None
    kind: DeliveryKind
    attempts: int
    email: Email | None = None
    skip: str | None = None  # nothing to send, with the reason
    error: str | None = None  # composing failed, with the reason
    refused: str | None = None  # never to be sent (too large): failed, the site's failure


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
        if job.kind == DeliveryKind.DIGEST and job.subscriber_id is not None:
            self.digested.append(job.subscriber_id)

    def failed(self, job: _Job, exc: BaseException) -> bool:
        """Record a failure to send; True when the mail server cannot be reached at all."""
        self.report.errors.append(f"delivery {job.delivery_id}: {exc}")
        if isinstance(exc, ConnectionFailure):
            self.retry(job, str(exc), count=False)
            return True
        if isinstance(exc, MessageTooLarge):  # the site's failure, not the address's: no bounce
            self.give_up(job, f"the mail server refused it for its size: {exc}")
        elif isinstance(exc, PermanentFailure):
            self.bounce(job, str(exc))
        elif isinstance(exc, TemporaryFailure):
            self.retry(job, str(exc), count=True)
        else:
            self.retry(job, f"{type(exc).__name__}: {exc}", count=True)
        return False

    def cancel(self, job: _Job, reason: str) -> None:
        if STORE.record(
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
            if STORE.record(
                self.session,
                job.delivery_id,
                job.token,
                status=DeliveryStatus.FAILED,
                attempts=attempts,
                last_error=f"gave up after {attempts} attempts: {error}"[:1000],
            ):
                self.report.failed += 1
            return
        if STORE.record(
            self.session,
            job.delivery_id,
            job.token,
            status=DeliveryStatus.PENDING,
            attempts=attempts,
            next_attempt_at=self.now + backoff(max(1, attempts)),
            last_error=error[:1000],
        ):
            self.report.retried += 1

    def give_up(self, job: _Job, error: str) -> None:
        if STORE.record(
            self.session,
            job.delivery_id,
            job.token,
            status=DeliveryStatus.FAILED,
            attempts=job.attempts + 1,
            last_error=error[:1000],
        ):
            self.report.failed += 1

    def bounce(self, job: _Job, error: str) -> None:
        if not STORE.record(
            self.session,
            job.delivery_id,
            job.token,
            status=DeliveryStatus.FAILED,
            attempts=job.attempts + 1,
            last_error=error[:1000],
        ):
            return
        self.report.failed += 1
        subscriber = self.session.get(Subscriber, job.subscriber_id) if job.subscriber_id else None
        if subscriber is not None:
            subscriber.bounce_count += 1
            if subscriber.bounce_count >= self.config.digests.bounce_limit:
                subscriber.status = SubscriberStatus.BOUNCED

    def move_since(self) -> None:
        """Move the "since" of the next digest. The emails are already recorded as sent; a crash
        before this only makes the next digest repeat some items, never an email."""
        if self.digested:
            STORE.move_since(self.session, self.digested, self.now)
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
    digests = digest_cache(256)
    wanted = list(ids) if ids is not None else None
    with (
        mailer.connect() as connection,
        sessions() as session,
        _Writer(sessions, now=now, config=config, report=report) as writer,
    ):
        stopped = False
        while not stopped and not (stop is not None and stop.is_set()):
            token = uuid.uuid4().hex
            STORE.reclaim_expired(session, lease_now=lease_clock())
            claimed = STORE.claim(
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

    def run(
        self,
        claimed: list[int],
        *,
        now: dt.datetime,
        config: Config,
        digests: LRU[tuple[object, ...], Digest],
    ) -> bool:
        """True when the sweep must stop (the server cannot be reached, or ``stop`` was set).

        For each message: compose it (while the server is busy with the previous one), read the
        server's answer to the previous one, then at the same time record that answer and renew
        this message's lease (the writer, one transaction) and hand this message over to the
        server up to its final "." (this thread); send the "." only once the record is committed
        and the lease renewed (if the lease was lost, the connection is dropped instead and the
        server discards the message). So at most the one message in flight can be delivered
        without its record, and a row another sweep took over is never sent."""
        deliveries = STORE.load(self.session, claimed)
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
            held_ids = STORE.advance(
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
            elif job.refused is not None:
                recorder.report.errors.append(f"delivery {job.delivery_id}: {job.refused}")
                recorder.give_up(job, job.refused)
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
    size = len(email.data)  # written now, while the server is busy with the previous message
    most = kw["config"].mail.max_message_kb * 1000
    if size > most:  # the site's failure, recorded as such: never sent, never the address's bounce
        return replace(job, refused=f"too large to send: {size:,} bytes, more than [mail] max_message_kb")
    return replace(job, email=email)
