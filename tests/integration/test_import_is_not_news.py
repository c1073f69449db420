"""An import is not news: past items take their place in the feeds and never reach a digest as
new; undated ones stay where the author put them; this month's news is news."""

from __future__ import annotations

import datetime as dt
from typing import Any

import feedparser
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item
from newsfeed.config import Config
from newsfeed.domain.importers import parse_text
from newsfeed.services.digests import build_digest
from newsfeed.services.imports import apply_import
from newsfeed.services.subscriptions import add_confirmed, read_preferences
from tests import factories

NOW = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)  # the clock fixture's time
TEN_FROM_2024 = "\n".join(
    [
        "## News",
        *(f"* {month:02d}/2024 Paper number {month} accepted at a venue." for month in range(12, 2, -1)),
        "* Our lab moved to a new building.",  # undated, between two dated lines
        "* 02/2024 Attending COLT 2024 in Edmonton.",
    ]
)


def _import(session: Session, text: str) -> Any:
    result = parse_text(text, today=NOW.date(), path="news.md")
    report = apply_import(session, result, person=None, now=NOW, host="news.example.org")
    session.commit()
    return report


def test_imported_past_items_are_published_as_of_their_date_and_never_announced(
    session: Session, client: Any, config: Config
) -> None:
    subscriber = add_confirmed(
        session,
        "reader@example.org",
        read_preferences(session),
        now=NOW - dt.timedelta(days=30),
        confirmed=True,
    )
    subscriber.last_digest_at = NOW - dt.timedelta(days=1)
    hand = factories.item(session, "Fresh news posted today", "03/2025", now=NOW)
    session.commit()
    report = _import(session, TEN_FROM_2024)
    assert (report.created, report.failed) == (12, 0)

    # the feed: the hand post is the newest entry, the imported ones follow in their own order
    feed = feedparser.parse(client.get("/feed.atom").data)
    titles = [e.title for e in feed.entries]
    assert titles[0] == hand.title
    assert titles[1].startswith("Paper number 12") and titles[-1].startswith("Attending COLT")
    published = [dt.datetime(*e.published_parsed[:6]).replace(tzinfo=dt.UTC) for e in feed.entries[1:]]
    assert all(p < dt.datetime(2025, 1, 1, tzinfo=dt.UTC) for p in published)
    assert published == sorted(published, reverse=True)  # in place, never in the future

    # the undated line sits between its dated neighbours and says it is undated
    moved = session.scalar(select(Item).where(Item.title.like("Our lab moved%")))
    assert moved is not None and moved.posted.is_undated
    assert moved.posted.shown() == "undated (first seen 1 Mar 2025)"
    below = session.scalar(select(Item).where(Item.title.like("Paper number 3 %")))
    assert below is not None and moved.published_at == below.published_at

    # the next digest announces only what was posted today
    digest = build_digest(session, subscriber, now=NOW, config=config, label="test")
    assert [i.title for i in digest.items] == [hand.title]


def test_this_months_news_in_an_import_is_news(session: Session, config: Config) -> None:
    report = _import(session, "## News\n* 03/2025 Our paper was accepted at ICML.\n* 01/2025 Old news.\n")
    assert report.created == 2
    items = {i.title: i for i in session.scalars(select(Item))}
    current = items["Our paper was accepted at ICML."]
    assert current.published_at == NOW  # March 2025 is not over: published at the import
    old = items["Old news."]
    assert old.published_at == dt.datetime(2025, 1, 31, 23, 59, 59, tzinfo=dt.UTC)
    assert old.updated_at == old.published_at  # not "updated" since anyone's last digest either
