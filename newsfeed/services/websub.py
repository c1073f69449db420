"""WebSub publishing: which feeds changed since the hub was last told, and what was told.

Every feed names the configured hub (``[feeds] websub_hub``) and itself (``rel="self"``); a
reader subscribed at the hub gets each change pushed instead of polling. After a change the
scheduler tells the hub which feeds changed (``hub.mode=publish``, one ``hub.url`` per feed).

What has been told is kept in the database as a watermark, the data version last told and when
(``site_state`` row ``websub``), like the outbox keeps each email: a hub that is down is tried
again with a growing pause, and the change is never lost, because the next try compares the
watermark with the current data version. A change is told at least once; telling a hub twice
costs it one more fetch of the feed, which readers never see.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from newsfeed.adapters.models import Item, SiteState
from newsfeed.adapters.state import data_version
from newsfeed.config import Config
from newsfeed.domain.selection import EVERYTHING, Selection
from newsfeed.domain.urls import FEED_FORMATS

STATE_KEY = "websub"
MAX_TOPICS = 300  # more changed lists at once than this: the site-wide feeds only
LONGEST_PAUSE = dt.timedelta(hours=6)


@dataclass
class Told:
    """The watermark: the data version the hub was last told, when, and the failures since."""

    version: int = 0
    at: dt.datetime | None = None
    failures: int = 0
    next_at: dt.datetime | None = None
    error: str | None = None


def told(session: Session) -> Told:
    row = session.scalar(select(SiteState).where(SiteState.key == STATE_KEY))
    if row is None:
        return Told()
    data = json.loads(row.text_value or "{}")
    when = dt.datetime.fromisoformat(data["at"]) if data.get("at") else None
    next_at = dt.datetime.fromisoformat(data["next_at"]) if data.get("next_at") else None
    return Told(row.int_value, when, int(data.get("failures", 0)), next_at, data.get("error"))


def record(session: Session, state: Told, *, now: dt.datetime) -> None:
    text = json.dumps(
        {
            "at": state.at.isoformat() if state.at else None,
            "failures": state.failures,
            "next_at": state.next_at.isoformat() if state.next_at else None,
            "error": state.error,
        }
    )
    row = session.scalar(select(SiteState).where(SiteState.key == STATE_KEY))
    if row is None:
        session.add(SiteState(key=STATE_KEY, int_value=state.version, updated_at=now, text_value=text))
    else:
        row.int_value, row.updated_at, row.text_value = state.version, now, text
    session.flush()


def pending(session: Session) -> tuple[int, Told]:
    """The current data version and the watermark (equal versions: nothing to tell)."""
    return data_version(session), told(session)


def pause_after(failures: int) -> dt.timedelta:
    """How long to wait after ``failures`` failures in a row: 1, 2, 4 … minutes, at most 6 hours."""
    return min(dt.timedelta(minutes=2 ** max(failures - 1, 0)), LONGEST_PAUSE)


def changed_topics(session: Session, config: Config, *, since: dt.datetime | None) -> list[str]:
    """The feeds to tell the hub about: the site's own, and those of every kind, person and tag
    of an item changed since ``since`` (the last time the hub was told; None: the site's only).
    Each is the feed's ``rel="self"`` address, as the hub and its subscribers know it."""
    selections: dict[str, Selection] = {"": EVERYTHING}
    if since is not None:
        changed = session.scalars(
            select(Item)
            .where(Item.updated_at > since)
            .options(selectinload(Item.person), selectinload(Item.tags))
            .limit(MAX_TOPICS)
        )
        for item in changed:
            for kind in (item.kind, *item.also):
                selections.setdefault(f"k:{kind.value}", Selection(kinds=(kind.value,)))
            if item.person is not None:
                selections.setdefault(f"p:{item.person.slug}", Selection(people=(item.person.slug,)))
            for tag in item.tags:
                selections.setdefault(f"t:{tag.slug}", Selection(tags=(tag.slug,)))
    urls = config.urls
    topics = [urls.feed(fmt, selection) for selection in selections.values() for fmt in FEED_FORMATS]
    return topics if len(topics) <= MAX_TOPICS else [urls.feed(fmt) for fmt in FEED_FORMATS]
