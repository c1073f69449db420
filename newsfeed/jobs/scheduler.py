"""`newsfeed scheduler`: APScheduler 3.x in its own process, never inside web workers.

Two jobs, every ``interval`` seconds each (UTC, coalesced, one instance of each at a time, a
misfire grace of hours, fixed ids with ``replace_existing``), running side by side in the
scheduler's thread pool:

- **the mail tick** holds the database lease "scheduler" (a second scheduler process stays idle
  while the first is alive), publishes scheduled items whose time has come and sweeps the outbox
  (digests, reminders, confirmations);
- **the sources job** holds the lease "sources" and syncs the sources that are due, one at a
  time, each under its own lease (:mod:`newsfeed.services.syncing`).

Apart, because a followed page is someone else's server: however slowly it answers (each fetch
ends at its whole-answer deadline, :mod:`newsfeed.adapters.fetch`), no email and no scheduled
publication waits for it. Every step is safe to run twice.

The lease is renewed by a heartbeat every third of its length *while a tick runs*, so a tick that
outlasts the lease (a slow mail server) keeps it, and a second scheduler never starts a tick of its
own meanwhile; if a renewal fails (the lease was lost), the running sweep is asked to stop after
the message in flight. On SIGTERM or SIGINT the process lets the running tick stop the same way,
then releases the lease at once, so another scheduler can take over without waiting for it to
run out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters import leases, state
from newsfeed.adapters.mail import Mailer
from newsfeed.config import Config
from newsfeed.jobs.sync import sync_due
from newsfeed.jobs.websub import tell_hub
from newsfeed.services import throttle
from newsfeed.services.items import publish_due
from newsfeed.services.syncing import fetcher_from_config

from .social import deliver
from .sweep import SweepReport, sweep

log = logging.getLogger("newsfeed.scheduler")
LEASE_NAME = "scheduler"
SOURCES_LEASE = "sources"


@contextmanager
def heartbeat(
    sessions: sessionmaker[Session],
    owner: str,
    *,
    clock: Callable[[], dt.datetime],
    lease: dt.timedelta,
    lost: threading.Event,
    name: str = LEASE_NAME,
) -> Iterator[None]:
    """Renew the lease ``name`` every third of its length until the block ends; set ``lost`` if
    someone else holds it."""
    done = threading.Event()

    def beat() -> None:
        while not done.wait(lease.total_seconds() / 3):
            with sessions() as session:
                held = leases.hold(session, name, owner, now=clock(), ttl=lease)
                session.commit()
            if not held:
                log.warning("the %s lease was lost: stopping this run", name)
                lost.set()
                return

    thread = threading.Thread(target=beat, name="newsfeed-lease", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def tick(
    sessions: sessionmaker[Session],
    mailer: Mailer,
    config: Config,
    *,
    owner: str,
    clock: Callable[[], dt.datetime],
    lease: dt.timedelta,
    stop: threading.Event | None = None,
) -> tuple[bool, int, SweepReport | None]:
    """One run: (held the lease, items published, sweep report)."""
    now = clock()
    with sessions() as session:
        if not leases.hold(session, LEASE_NAME, owner, now=now, ttl=lease):
            session.commit()
            return False, 0, None
        published = publish_due(session, now)
        throttle.prune(session, before=now - dt.timedelta(days=2))
        state.mark(session, state.SCHEDULER_TICK, now, text=owner)  # what /healthz/scheduler reads
        session.commit()
    log.info("tick started at %.3f", time.time())
    halt = threading.Event()
    if stop is not None and stop.is_set():
        halt.set()
    with heartbeat(sessions, owner, clock=clock, lease=lease, lost=halt):
        watcher = _forward(stop, halt)
        try:
            started = time.monotonic()
            report = sweep(sessions, mailer, now=now, config=config, stop=halt)
            _record_sweep(sessions, report, now=now, seconds=time.monotonic() - started)
            if not halt.is_set():
                posts = deliver(sessions, now=now, config=config, stop=halt)
                for error in posts.errors:
                    log.warning("%s", error)
            if not halt.is_set():
                tell_hub(sessions, config, now=clock())
        finally:
            watcher.set()
    log.info("tick finished at %.3f", time.time())
    return True, published, report


def sources_tick(
    sessions: sessionmaker[Session],
    config: Config,
    *,
    owner: str,
    clock: Callable[[], dt.datetime],
    lease: dt.timedelta,
    stop: threading.Event | None = None,
) -> tuple[bool, int]:
    """One run of the sources job: (held the lease, sources synced)."""
    with sessions() as session:
        held = leases.hold(session, SOURCES_LEASE, owner, now=clock(), ttl=lease)
        session.commit()
    if not held:
        return False, 0
    halt = threading.Event()
    with heartbeat(sessions, owner, clock=clock, lease=lease, lost=halt, name=SOURCES_LEASE):
        watcher = _forward(stop, halt)
        try:
            synced = sync_due(
                sessions,
                fetcher_from_config(config),
                now=clock(),
                config=config,
                owner=owner,
                stop=halt.is_set,
                clock=clock,
            )
        finally:
            watcher.set()
    for done in synced:
        log.info("source %s", done.summary())
    return True, len(synced)


def _record_sweep(
    sessions: sessionmaker[Session], report: SweepReport, *, now: dt.datetime, seconds: float
) -> None:
    """The last sweep's duration and outcome, for /metrics."""
    counts = {"seconds": round(seconds, 3), "sent": report.sent, "retried": report.retried}
    counts |= {"failed": report.failed, "cancelled": report.cancelled, "planned": report.planned}
    with sessions() as session:
        state.mark(session, state.LAST_SWEEP, now, text=json.dumps(counts))
        session.commit()


def _forward(source: threading.Event | None, target: threading.Event) -> threading.Event:
    """Set ``target`` when ``source`` is set, until the returned event is set."""
    finished = threading.Event()
    if source is None:
        return finished

    def watch() -> None:
        while not finished.wait(0.2):
            if source.is_set():
                target.set()
                return

    threading.Thread(target=watch, name="newsfeed-stop", daemon=True).start()
    return finished


class Runner:
    """The scheduler's job, its lease and how it stops: shared by the scheduler process
    (:func:`run`) and the one a development server runs beside itself (:func:`start_background`)."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        mailer: Mailer,
        config: Config,
        *,
        clock: Callable[[], dt.datetime],
        interval: int,
        lease_seconds: int | None,
    ) -> None:
        self.sessions = sessions
        self.mailer = mailer
        self.config = config
        self.clock = clock
        self.interval = interval
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease = dt.timedelta(seconds=lease_seconds or max(3 * interval, 60))
        self.stopping = threading.Event()
        self.idle = threading.Event()
        self.idle.set()
        self.sources_idle = threading.Event()
        self.sources_idle.set()

    def job(self) -> None:
        self.idle.clear()
        try:
            held, published, report = tick(
                self.sessions,
                self.mailer,
                self.config,
                owner=self.owner,
                clock=self.clock,
                lease=self.lease,
                stop=self.stopping,
            )
        finally:
            self.idle.set()
        if not held:
            log.info("idle: another scheduler holds the lease")
        else:
            log.info("published %d; %s", published, report.summary() if report else "")

    def sources_job(self) -> None:
        self.sources_idle.clear()
        try:
            sources_tick(
                self.sessions,
                self.config,
                owner=self.owner,
                clock=self.clock,
                lease=self.lease,
                stop=self.stopping,
            )
        except Exception:  # a source's failure is recorded on it; anything else must not stop the job
            log.exception("the sources job failed")
        finally:
            self.sources_idle.set()

    def schedule(self, scheduler: Any) -> None:
        scheduler.add_job(
            self.job,
            "interval",
            seconds=self.interval,
            id="newsfeed-tick",
            replace_existing=True,
            next_run_time=self.clock(),
        )
        scheduler.add_job(
            self.sources_job,
            "interval",
            seconds=self.interval,
            id="newsfeed-sources",
            replace_existing=True,
            next_run_time=self.clock(),
        )
        log.info(
            "scheduler %s: every %d s, lease %d s", self.owner, self.interval, int(self.lease.total_seconds())
        )

    def finish(self) -> None:
        """Let the tick under way stop after the message in flight, then give the lease up."""
        self.stopping.set()
        self.idle.wait(timeout=max(60.0, self.config.mail.timeout * 2))
        # a fetch under way ends at its deadline at most (4 × [sources] timeout)
        self.sources_idle.wait(timeout=self.config.sources.timeout * 4 + 5)
        with self.sessions() as session:
            leases.release(session, LEASE_NAME, self.owner)
            leases.release(session, SOURCES_LEASE, self.owner)
            session.commit()
        log.info("lease released")


_JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600}


def run(
    sessions: sessionmaker[Session],
    mailer: Mailer,
    config: Config,
    *,
    clock: Callable[[], dt.datetime],
    interval: int = 60,
    lease_seconds: int | None = None,
) -> None:
    """The scheduler process (`newsfeed scheduler`): until SIGTERM or SIGINT."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    runner = Runner(sessions, mailer, config, clock=clock, interval=interval, lease_seconds=lease_seconds)
    scheduler = BlockingScheduler(timezone=dt.UTC, job_defaults=_JOB_DEFAULTS)
    runner.schedule(scheduler)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: finishing the message in flight, then releasing the lease", signum)
        runner.stopping.set()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        scheduler.start()
    finally:
        runner.finish()


def start_background(
    sessions: sessionmaker[Session],
    mailer: Mailer,
    config: Config,
    *,
    clock: Callable[[], dt.datetime],
    interval: int = 15,
    lease_seconds: int | None = None,
) -> Callable[[], None]:
    """The scheduler in a thread of this process, beside a development server (``newsfeed demo
    --serve``, ``newsfeed serve --with-scheduler``): the same job and lease as the scheduler
    process, so a scheduler process started meanwhile stays idle. Returns the function that stops
    it (after the message in flight) and gives the lease up."""
    from apscheduler.schedulers.background import BackgroundScheduler

    runner = Runner(sessions, mailer, config, clock=clock, interval=interval, lease_seconds=lease_seconds)
    scheduler = BackgroundScheduler(timezone=dt.UTC, job_defaults=_JOB_DEFAULTS)
    runner.schedule(scheduler)
    scheduler.start()

    def stop() -> None:
        runner.stopping.set()
        scheduler.shutdown(wait=False)
        runner.finish()

    return stop
