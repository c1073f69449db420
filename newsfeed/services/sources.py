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

import datetime as dt
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from newsfeed.adapters.db import insert_ignore
from newsfeed.adapters.models import Item, Person, Source, User
from newsfeed.config import Config
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.scholarly.sources import SCHOLARLY_FORMATS, api_url, identifier
from newsfeed.domain.text import has_unsafe
from newsfeed.domain.vocab import IMPORT_FORMATS, Role

from .people import no_person

SOURCE_FORMATS = ("auto", "feed", *IMPORT_FORMATS, *SCHOLARLY_FORMATS)
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


def _default_name(session: Session, url: str, *, skip: int = 0) -> str:
    """A free name made of the address ("ada-example-org"), numbered when taken; ``skip`` more
    numbers on when the free one was taken meanwhile."""
    parts = urlsplit(url)
    base = re.sub(r"[^a-z0-9]+", "-", f"{parts.hostname}{parts.path}".lower()).strip("-")[:60] or "source"
    name, n = base, 2
    while session.scalar(select(Source.id).where(Source.name == name)) is not None:
        name, n = f"{base}-{n}", n + 1
    return name if not skip else f"{base}-{n + skip}"


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
    if fmt in SCHOLARLY_FORMATS:  # ``url`` is the paper service's id of the person
        try:
            url = api_url(fmt, identifier(fmt, url), getattr(config.scholarly, f"{fmt}_api"))
        except InvalidInput as exc:
            problems += exc.problems
        if not person and user is None:
            problems.append(("person", f"a {fmt} source proposes news for a person: give --person"))
    try:
        url = check_url(url)
    except InvalidInput as exc:
        if not problems:
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
    values: dict[str, object] = {
        "url": url,
        "format": fmt,
        "person_id": person_row.id if person_row is not None else None,
        "tags": clean_tags,
        "every_minutes": minutes,
        "added_by": user.id if user is not None else None,
        "created_at": now,
        "next_fetch_at": now,
        "last_status": "new",
        "last_report": {},
        "failures": 0,
    }
    # insert-or-fail on the unique name: two adds of one name at the same moment make one source
    # and tell the other, as if it had come second (a chosen name) or take the next free one
    for attempt in range(20):
        chosen = name or _default_name(session, url, skip=attempt)
        made = insert_ignore(
            session,
            Source.__table__,
            [{"name": chosen, **values}],
            index_elements=["name"],
            returning=Source.__table__.c.id,
        )
        if made:
            source = session.get(Source, made[0])
            assert source is not None
            return source
        if name is not None:
            raise InvalidInput("name", f"a source {name!r} exists already")
    raise InvalidInput("name", "no free name for this source: give one with --name")


def list_sources(session: Session, *, user: User | None = None) -> list[Source]:
    """Every source (an editor: those of their own person)."""
    query = select(Source).order_by(Source.name)
    if user is not None and user.role != Role.ADMIN:
        query = query.where(Source.person_id == (user.person_id or -1))
    return list(session.scalars(query))


def find_source(session: Session, name: str, *, user: User | None = None) -> Source:
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None or (
        user is not None
        and user.role != Role.ADMIN
        and (user.person_id is None or source.person_id != user.person_id)
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
