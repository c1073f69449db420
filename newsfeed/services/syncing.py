"""Syncing a source: what a fetched page or feed does to the source's items (the job that runs it
is :mod:`newsfeed.jobs.sync`; the sources themselves are :mod:`newsfeed.services.sources`).

The rules (matching, adoption of hand-imported lines, retraction after missing fetches, hand edits
kept) are described in :mod:`newsfeed.services.sources`. Kept apart so that listing or adding a
source does not load every importer (CLI start-up).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from newsfeed.adapters.fetch import Fetched, Fetcher
from newsfeed.adapters.models import Item, ItemRevision, Source
from newsfeed.config import Config, allowed_networks
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.importers import parse_text
from newsfeed.domain.importers.feed import looks_like_feed, parse_feed
from newsfeed.domain.periods import site_today
from newsfeed.domain.scholarly import PARSERS
from newsfeed.domain.scholarly.sources import SCHOLARLY_FORMATS
from newsfeed.domain.vocab import Status

from .imports import BATCH, _keep_status, plan_import, published_anchors, source_key, to_input
from .items import NewItem, check_new, create_many, input_of, update_item

log = logging.getLogger("newsfeed.sources")
MISSING_LIMIT = 2  # fetches in a row without an item before it is retracted
MAX_BACKOFF = dt.timedelta(days=7)


@dataclass
class SyncReport:
    name: str
    status: str = "not due"  # changed, unchanged, not modified, error, busy, not due
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retracted: int = 0
    restored: int = 0
    kept: int = 0  # edited by hand: the source's version left out
    failed: int = 0
    missing: int = 0  # not in this fetch, not retracted yet
    cut: int = 0  # items beyond [sources] max_items, not read
    error: str | None = None
    messages: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        names = (
            "created",
            "updated",
            "unchanged",
            "retracted",
            "restored",
            "kept",
            "failed",
            "missing",
            "cut",
        )
        return {n: getattr(self, n) for n in names}

    def summary(self) -> str:
        if self.status == "error":
            return f"{self.name}: error: {self.error}"
        if self.status in ("not modified", "busy", "not due"):
            return f"{self.name}: {self.status}"
        shown = ", ".join(f"{k} {v}" for k, v in self.counts().items() if v or k in ("created", "updated"))
        return f"{self.name}: {self.status} ({shown})"

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "status": self.status, **self.counts(), "error": self.error}


class SyncFailed(Exception):
    """What was fetched cannot be used (unreadable, or no items where there were some)."""


def fetcher_from_config(config: Config) -> Fetcher:
    sources = config.sources
    return Fetcher(
        user_agent=f"newsfeed/0.1 (+{config.urls.follow()}; syncs news pages and feeds)",
        timeout=sources.timeout,
        max_bytes=sources.max_kb * 1_000,
        max_redirects=sources.max_redirects,
        allow=allowed_networks(sources.allow_networks),
    )


def due(session: Session, *, now: dt.datetime, limit: int = 100) -> list[int]:
    """Ids of the sources due at ``now`` whose lease is free, the longest waiting first."""
    query = (
        select(Source.id)
        .where(Source.next_fetch_at <= now, or_(Source.lease_until.is_(None), Source.lease_until < now))
        .order_by(Source.next_fetch_at, Source.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def backoff(every_minutes: int, failures: int) -> dt.timedelta:
    wait: dt.timedelta = dt.timedelta(minutes=every_minutes * 2 ** min(failures, 4))
    return min(wait, MAX_BACKOFF)


def record_failure(source: Source, problem: str, report: SyncReport, *, at: dt.datetime) -> None:
    """A fetch that failed or could not be used: the error is kept, the source backs off, its
    items stay as they were."""
    report.status, report.error = "error", problem
    source.failures += 1
    source.fetched_at = at
    source.last_status = "error"
    source.last_error = problem[:2000]
    source.next_fetch_at = at + backoff(source.every_minutes, source.failures)


def _hand_edited(session: Session, ids: Sequence[int]) -> set[int]:
    if not ids:
        return set()
    rows = session.scalars(
        select(ItemRevision.item_id).where(ItemRevision.item_id.in_(ids), ItemRevision.user_id.is_not(None))
    )
    return set(rows)


def apply_fetch(
    session: Session,
    source: Source,
    fetched: Fetched,
    report: SyncReport,
    *,
    now: dt.datetime,
    host: str,
    zone: str = "UTC",
    limit: int | None = None,
    config: Config | None = None,
) -> None:
    """Write one fetch of ``source`` (flushes, never commits): at most ``limit`` items of it
    (``[sources] max_items``), the cut reported. A scholarly source's answer becomes papers and
    proposals (:mod:`newsfeed.services.scholarly`), never items."""
    source.fetched_at = now
    source.failures = 0
    source.last_error = None
    source.next_fetch_at = now + dt.timedelta(minutes=source.every_minutes)
    if fetched.status == 304:
        report.status = source.last_status = "not modified"
        return
    source.etag = (fetched.etag or "")[:300] or None
    source.last_modified = (fetched.last_modified or "")[:100] or None
    if source.format in SCHOLARLY_FORMATS:
        from newsfeed.services.scholarly import apply_records

        records = PARSERS[source.format](fetched.body)
        found = apply_records(session, source, records, now=now, config=config or Config())
        report.status = source.last_status = "changed" if found.new or found.proposed else "unchanged"
        report.messages.append(found.summary())
        source.synced_at = now
        source.last_report = {"papers": found.papers, "new": found.new, "proposed": found.proposed}
        return
    today = site_today(now, zone)
    path = source.url[:500]
    if source.format == "feed" or (
        source.format == "auto" and looks_like_feed(fetched.body, fetched.content_type)
    ):
        result = parse_feed(fetched.body, today=today, path=path)
    else:
        result = parse_text(fetched.text, today=today, fmt=source.format, path=path)
    most = limit if limit is not None else 1_000
    cut = len(result.items) - most
    if cut > 0:  # the newest first: a page lists them so, and a feed's entries are read in order
        result.items = result.items[:most]
        report.cut = cut
        report.messages.append(
            f"read the first {most:,} of {most + cut:,} items ([sources] max_items); the rest were left "
            "out, and nothing stored was retracted for being among them"
        )
    person = source.person.slug if source.person else None
    plan = plan_import(session, result, person=person, source_id=source.id)
    if not result.items and plan.stored:
        raise SyncFailed(
            f"no news items found in what {source.url[:200]} returned; everything was kept as it was"
        )
    report.unchanged = plan.unchanged
    report.messages += plan.messages + result.warnings[:20]
    held = _hand_edited(session, [item.id for item in plan.stored])
    tags = list(source.tags)
    for imported, item_id, revision in plan.updates:
        item = session.get(Item, item_id)
        if item is None:
            continue
        if item_id in held:
            item.source_differs = True
            report.kept += 1
            continue
        try:
            seen = item.posted.start  # an undated item keeps the day it was first seen
            data = to_input(imported, person=person, key=source_key(plan.owner, imported), seen=seen)
            data = dataclasses.replace(
                _keep_status(data, item), tags=[*{t.name for t in item.tags} | set(tags)]
            )
            if update_item(session, item, data, now=now, expected_revision=revision):
                report.updated += 1
            else:
                report.unchanged += 1
        except InvalidInput as exc:
            report.failed += 1
            report.messages.append(f"line {imported.source_line}: {exc}")
    anchors = published_anchors(plan.creates, now)
    # lines the person imported by hand before the source was added: adopted, never doubled
    by_hand_keys = {source_key(source.person_id or 0, imported): imported for imported in plan.creates}
    adopted = (
        {
            item.source_key: item
            for item in session.scalars(
                select(Item).where(Item.source_key.in_(list(by_hand_keys)), Item.source_id.is_(None))
            )
        }
        if by_hand_keys
        else {}
    )
    new: list[NewItem] = []
    for imported in plan.creates:
        by_hand = adopted.get(source_key(source.person_id or 0, imported))
        if by_hand is not None:
            by_hand.source_id = source.id
            by_hand.source_key = source_key(plan.owner, imported)
            by_hand.source_path, by_hand.source_line = imported.source_path or None, imported.source_line
            report.unchanged += 1
            report.messages.append(
                f"line {imported.source_line}: the item imported earlier now follows the source"
            )
            continue
        try:
            data = to_input(imported, person=person, key=source_key(plan.owner, imported), seen=now.date())
            data = check_new(dataclasses.replace(data, tags=tags))
        except InvalidInput as exc:
            report.failed += 1
            report.messages.append(f"line {imported.source_line}: {exc}")
            continue
        # past news found on the page is published as of its date: not news
        new.append(NewItem(data, anchors.get(id(imported)), source_id=source.id))
    for start in range(0, len(new), BATCH):
        for new_id in create_many(session, new[start : start + BATCH], now=now, host=host):
            if new_id is None:
                report.unchanged += 1
            else:
                report.created += 1
    for item in plan.stored:
        if item.id in plan.matched:
            if (
                item.source_missing >= MISSING_LIMIT
                and item.status == Status.RETRACTED
                and item.id not in held
            ):
                update_item(
                    session, item, dataclasses.replace(input_of(item), status=Status.PUBLISHED), now=now
                )
                report.restored += 1
            item.source_missing = 0
            if item.id not in held:
                item.source_differs = False
            continue
        if cut > 0:  # perhaps among the items left out: not missing
            continue
        item.source_missing += 1
        if item.source_missing < MISSING_LIMIT or item.id in held:
            report.missing += 1
        elif item.status in (Status.PUBLISHED, Status.SCHEDULED):
            update_item(session, item, dataclasses.replace(input_of(item), status=Status.RETRACTED), now=now)
            report.retracted += 1
    changed = report.created or report.updated or report.retracted or report.restored
    report.status = "changed" if changed else "unchanged"
    source.last_status = report.status
    source.synced_at = now
    source.last_report = report.counts()
    session.flush()
