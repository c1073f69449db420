"""Source syncs as a job: each source fetched under its own lease, outside any transaction, and
its result written in one (:mod:`newsfeed.services.sources` says what a sync writes).

A sync holds the source's lease (:data:`newsfeed.adapters.leases.SOURCES`, taken by one
conditional UPDATE) so two schedulers, or a scheduler and ``newsfeed sources sync``, never fetch
the same source at once. The lease lasts the fetch's whole deadline and a minute more.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters import state
from newsfeed.adapters.fetch import Fetched, Fetcher, FetchError
from newsfeed.adapters.leases import SOURCES
from newsfeed.adapters.models import Source
from newsfeed.config import Config
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.importers import UnreadableDocument
from newsfeed.domain.scholarly import UnreadableAnswer
from newsfeed.domain.scholarly.sources import ACCEPT
from newsfeed.services.syncing import SyncFailed, SyncReport, apply_fetch, due, record_failure

log = logging.getLogger("newsfeed.sources")
LEASE_SLACK = dt.timedelta(seconds=60)


def sync(
    sessions: sessionmaker[Session],
    fetcher: Fetcher,
    source_id: int,
    *,
    now: dt.datetime,
    config: Config,
    owner: str,
    dry_run: bool = False,
    force: bool = False,
    clock: Callable[[], dt.datetime] | None = None,
) -> SyncReport:
    """Fetch one source and write what it says (nothing with ``dry_run``). ``force``: even when
    not due (the interval is still the floor: a source fetched less than ``min_every_minutes``
    ago is not fetched again)."""
    ttl = dt.timedelta(seconds=fetcher.timeout * 4) + LEASE_SLACK
    with sessions() as session:
        source = session.get(Source, source_id)
        if source is None:
            raise InvalidInput("source", f"no source {source_id}")
        report = SyncReport(source.name)
        floor = dt.timedelta(minutes=config.sources.min_every_minutes)
        if (
            source.fetched_at is not None
            and now - source.fetched_at < floor
            and source.last_status != "error"
        ):
            report.messages.append(f"fetched less than {config.sources.min_every_minutes} minutes ago")
            return report
        if not force and source.next_fetch_at is not None and source.next_fetch_at > now:
            report.messages.append(f"due at {source.next_fetch_at:%Y-%m-%d %H:%M} UTC")
            return report
        if not SOURCES.take(session, Source.id == source_id, owner, now=now, until=now + ttl):
            session.commit()
            report.status = "busy"
            return report
        session.commit()
        url, etag, last_modified, fmt = source.url, source.etag, source.last_modified, source.format
    if fmt == "arxiv":  # arXiv asks for one request every 3 seconds, from everyone together
        _keep_arxiv_rate(sessions, config.scholarly.arxiv_seconds)
    try:
        fetched: Fetched | None = fetcher.get(
            url, etag=etag, last_modified=last_modified, accept=ACCEPT.get(fmt)
        )
        problem = None
    except FetchError as exc:
        fetched, problem = None, str(exc)
    at = clock() if clock is not None else now
    with sessions() as session:
        source = session.get(Source, source_id)
        if source is None:  # removed meanwhile
            report.status, report.error = "error", "the source was removed while it was fetched"
            return report
        if fetched is not None:
            try:
                apply_fetch(
                    session,
                    source,
                    fetched,
                    report,
                    now=at,
                    host=config.host,
                    zone=config.site.timezone,
                    limit=config.sources.max_items,
                    config=config,
                )
            except Exception as exc:  # what was fetched cannot be used: the items stay as they were
                session.rollback()
                source = session.get(Source, source_id)
                assert source is not None
                if isinstance(exc, SyncFailed | UnreadableDocument | InvalidInput | UnreadableAnswer):
                    problem = str(exc)
                else:  # a page no importer foresaw: this source waits, the others go on
                    log.exception("source %s: reading %s failed", source_id, url)
                    problem = f"the answer could not be read ({exc.__class__.__name__}); the error is logged"
        if problem is not None:
            record_failure(source, problem, report, at=at)
        if dry_run:
            session.rollback()
        SOURCES.release(session, Source.id == source_id, owner)
        session.commit()
    return report


ARXIV_STATE = "arxiv_request"


def _keep_arxiv_rate(sessions: sessionmaker[Session], seconds: float) -> None:
    """Wait until ``seconds`` have passed since the last request to arXiv by any process (the
    time is kept in the database), then record this one."""
    with sessions() as session:
        last = state.last(session, ARXIV_STATE)
        if last is not None:
            at = last[0] if last[0].tzinfo else last[0].replace(tzinfo=dt.UTC)
            wait = seconds - (dt.datetime.now(dt.UTC) - at).total_seconds()
            if 0 < wait <= seconds:
                time.sleep(wait)
        state.mark(session, ARXIV_STATE, dt.datetime.now(dt.UTC))
        session.commit()


def sync_due(
    sessions: sessionmaker[Session],
    fetcher: Fetcher,
    *,
    now: dt.datetime,
    config: Config,
    owner: str,
    limit: int = 20,
    stop: Callable[[], bool] | None = None,
    clock: Callable[[], dt.datetime] | None = None,
) -> list[SyncReport]:
    """The scheduler's step: the due sources, one at a time, each under its own lease."""
    with sessions() as session:
        ids = due(session, now=now, limit=limit)
    reports = []
    for source_id in ids:
        if stop is not None and stop():
            break
        at = clock() if clock is not None else now
        reports.append(sync(sessions, fetcher, source_id, now=at, config=config, owner=owner, clock=clock))
    return reports
