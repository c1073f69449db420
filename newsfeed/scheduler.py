"""`newsfeed scheduler`: APScheduler 3.x in its own process, never inside web workers.

One job, every ``interval`` seconds (UTC, coalesced, one instance at a time, a misfire grace of
hours, a fixed id with ``replace_existing``): hold the database lease "scheduler" (a second
scheduler process stays idle while the first is alive), publish scheduled items whose time has
come, then sweep the deliveries. Every step is safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from .config import Config
from .mail import Mailer
from .services import leases
from .services.items import publish_due
from .services.outbox import SweepReport, sweep

log = logging.getLogger("newsfeed.scheduler")
LEASE_NAME = "scheduler"


def tick(
    sessions: sessionmaker[Session],
    mailer: Mailer,
    config: Config,
    *,
    owner: str,
    clock: Callable[[], dt.datetime],
    lease: dt.timedelta,
) -> tuple[bool, int, SweepReport | None]:
    """One run: (held the lease, items published, sweep report)."""
    now = clock()
    with sessions() as session:
        if not leases.hold(session, LEASE_NAME, owner, now=now, ttl=lease):
            session.commit()
            return False, 0, None
        published = publish_due(session, now)
        session.commit()
    report = sweep(sessions, mailer, now=now, config=config)
    return True, published, report


def run(
    sessions: sessionmaker[Session],
    mailer: Mailer,
    config: Config,
    *,
    clock: Callable[[], dt.datetime],
    interval: int = 60,
) -> None:
    from apscheduler.schedulers.blocking import BlockingScheduler

    owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    lease = dt.timedelta(seconds=max(3 * interval, 60))

    def job() -> None:
        held, published, report = tick(sessions, mailer, config, owner=owner, clock=clock, lease=lease)
        if not held:
            log.info("idle: another scheduler holds the lease")
        else:
            log.info("published %d; %s", published, report.summary() if report else "")

    scheduler = BlockingScheduler(
        timezone=dt.UTC,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600},
    )
    scheduler.add_job(
        job, "interval", seconds=interval, id="newsfeed-tick", replace_existing=True, next_run_time=clock()
    )
    log.info("scheduler %s: every %d s", owner, interval)
    try:
        scheduler.start()
    finally:
        with sessions() as session:
            leases.release(session, LEASE_NAME, owner)
            session.commit()
