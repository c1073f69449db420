"""Sources: the pages and feeds people already keep, synced into items.

**A sync** is the import the CLI does, scoped to the source: its items are matched against what
the source gave last time (keys ``s<source id>:…``), never against the person's hand posts.

- a new line or entry is **created** (with the source's tags), an edited one **updated** (a new
  revision of the same item: feed readers see an update, not a new entry);
- an item **edited by hand** in the admin page (any revision made by a user, a retraction
  included) is never overwritten: the source's version is left out and the item is marked
  ``source_differs``, which the admin page shows;
- an item that is no longer in the source is **retracted only after two fetches in a row** without
  it (a page broken for an hour must not wipe a person's news), and published again if it comes
  back; nothing is ever deleted;
- a fetch that yields no item at all while the source had some is an **error**, not a deletion;
- a line the person imported by hand before the source was added is **adopted** by the source
  (the same date and text: the same item), never created a second time;
- a failed fetch records its error, backs off (the interval doubled per failure in a row, up to 16
  times and at most a week) and leaves the items as they were.

**When**: a source is due at ``next_fetch_at`` (its interval after the last fetch, never shorter
than ``[sources] min_every_minutes``). The job that fetches and commits, under the source's own
lease, is :mod:`newsfeed.jobs.sync`; this module flushes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from newsfeed.adapters.fetch import Fetched, Fetcher
from newsfeed.adapters.models import Item, ItemRevision, Person, Source, User
from newsfeed.config import Config, allowed_networks
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.importers import FORMATS, parse_text
from newsfeed.domain.importers.feed import looks_like_feed, parse_feed
from newsfeed.domain.periods import site_today
from newsfeed.domain.text import has_unsafe
from newsfeed.domain.vocab import Role, Status

from .imports import BATCH, _keep_status, plan_import, published_anchors, source_key, to_input
from .items import NewItem, check_new, create_many, input_of, update_item
from .people import no_person

log = logging.getLogger("newsfeed.sources")
SOURCE_FORMATS = ("auto", "feed", *FORMATS)
MISSING_LIMIT = 2  # fetches in a row without an item before it is retracted
MAX_BACKOFF = dt.timedelta(days=7)
_EVERY = re.compile(r"^\s*(\d{1,6}(?:\.\d{1,3})?)\s*(m|min|mins|minutes?|h|hours?|d|days?)?\s*$", re.I)
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def parse_every(text: str, *, least: int) -> int:
    """Minutes from "6h", "30m", "1d" or a number of hours; at least ``least`` minutes."""
    found = _EVERY.match(text or "")
    if not found:
        raise InvalidInput("every", f"{text[:40]!r} is not an interval such as 6h, 30m or 1d")
    number, unit = float(found.group(1)), (found.group(2) or "h").lower()
    minutes = round(number * (1 if unit.startswith("m") else 60 if unit.startswith("h") else 1440))
    if minutes < least:
        raise InvalidInput("every", f"at least {least} minutes between fetches")
    if minutes > 60 * 24 * 365:
        raise InvalidInput("every", "at most once a year")
    return minutes


def check_url(url: str) -> str:
    url = (url or "").strip()
    if not url or len(url) > 2000 or has_unsafe(url) or any(c.isspace() for c in url):
        raise InvalidInput("url", "an http(s) address of at most 2,000 characters, without spaces")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("url", f"{url[:80]!r} is not an http or https address")
    try:
        parts.port  # noqa: B018 (validates the port)
    except ValueError:
        raise InvalidInput("url", f"{url[:80]!r} has a port that is not a number") from None
    return url


def _default_name(session: Session, url: str) -> str:
    parts = urlsplit(url)
    base = re.sub(r"[^a-z0-9]+", "-", f"{parts.hostname}{parts.path}".lower()).strip("-")[:60] or "source"
    name, n = base, 2
    while session.scalar(select(Source.id).where(Source.name == name)) is not None:
        name, n = f"{base}-{n}", n + 1
    return name


def add_source(
    session: Session,
    url: str,
    *,
    fmt: str = "auto",
    person: str | None = None,
    tags: Sequence[str] = (),
    every: str | None = None,
    name: str | None = None,
    user: User | None = None,
    now: dt.datetime,
    config: Config,
) -> Source:
    """A new source, due at once. Every problem is reported together. An editor adds sources for
    their own person only; an admin (or the CLI, ``user`` None) for anyone."""
    problems: list[tuple[str, str]] = []
    try:
        url = check_url(url)
    except InvalidInput as exc:
        problems += exc.problems
    if fmt not in SOURCE_FORMATS:
        problems.append(("format", f"{fmt[:20]!r} is not one of {', '.join(SOURCE_FORMATS)}"))
    person_row = None
    if user is not None and user.role != Role.ADMIN:
        if user.person is None:
            problems.append(("person", "an editor without a person cannot add sources"))
        elif person and person != user.person.slug:
            problems.append(("person", "an editor adds sources for their own person only"))
        person = user.person.slug if user.person else None
    if person:
        person_row = session.scalar(select(Person).where(Person.slug == person))
        if person_row is None:
            problems.append(("person", no_person(person)))
    clean_tags = [t.strip() for t in tags if t.strip()]
    if len(clean_tags) > 20 or any(len(t) > 60 or has_unsafe(t) for t in clean_tags):
        problems.append(("tags", "at most 20 tags of at most 60 printable characters"))
    minutes = round(config.sources.every_hours * 60)
    if every:
        try:
            minutes = parse_every(every, least=config.sources.min_every_minutes)
        except InvalidInput as exc:
            problems += exc.problems
    if name is not None:
        name = name.strip().lower()
        if not _NAME.match(name):
            problems.append(("name", "lower-case letters, digits and dashes, at most 80"))
        elif session.scalar(select(Source.id).where(Source.name == name)) is not None:
            problems.append(("name", f"a source {name!r} exists already"))
    if not problems:
        same = session.scalar(
            select(Source.name).where(
                Source.url == url,
                Source.person_id.is_(None) if person_row is None else Source.person_id == person_row.id,
            )
        )
        if same is not None:
            problems.append(("url", f"already a source: {same}"))
    if problems:
        raise InvalidInput.many(problems)
    source = Source(
        name=name or _default_name(session, url),
        url=url,
        format=fmt,
        person=person_row,
        tags=clean_tags,
        every_minutes=minutes,
        added_by=user.id if user is not None else None,
        created_at=now,
        next_fetch_at=now,
        last_status="new",
        last_report={},
        failures=0,
    )
    session.add(source)
    session.flush()
    return source


def list_sources(session: Session, *, user: User | None = None) -> list[Source]:
    """Every source (an editor: those of their own person)."""
    query = select(Source).order_by(Source.name)
    if user is not None and user.role != Role.ADMIN:
        query = query.where(Source.person_id == (user.person_id or -1))
    return list(session.scalars(query))


def find_source(session: Session, name: str, *, user: User | None = None) -> Source:
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None or (
        user is not None and user.role != Role.ADMIN and source.person_id != user.person_id
    ):
        raise InvalidInput("source", f"no source {name[:80]!r}")
    return source


def remove_source(session: Session, name: str, *, user: User | None = None) -> int:
    """Remove the source; its items stay (no longer synced). The number of items it had."""
    source = find_source(session, name, user=user)
    detached = session.execute(
        update(Item)
        .where(Item.source_id == source.id)
        .values(source_id=None)
        .execution_options(synchronize_session=False)
    )
    count = int(detached.rowcount or 0)  # type: ignore[attr-defined]
    session.delete(source)
    session.flush()
    return count


# ---------------------------------------------------------------------------------------------
# syncing


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
    error: str | None = None
    messages: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        names = ("created", "updated", "unchanged", "retracted", "restored", "kept", "failed", "missing")
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
) -> None:
    """Write one fetch of ``source`` (flushes, never commits)."""
    source.fetched_at = now
    source.failures = 0
    source.last_error = None
    source.next_fetch_at = now + dt.timedelta(minutes=source.every_minutes)
    if fetched.status == 304:
        report.status = source.last_status = "not modified"
        return
    source.etag = (fetched.etag or "")[:300] or None
    source.last_modified = (fetched.last_modified or "")[:100] or None
    today = site_today(now, zone)
    path = source.url[:500]
    if source.format == "feed" or (
        source.format == "auto" and looks_like_feed(fetched.body, fetched.content_type)
    ):
        result = parse_feed(fetched.body, today=today, path=path)
    else:
        result = parse_text(fetched.text, today=today, fmt=source.format, path=path)
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
