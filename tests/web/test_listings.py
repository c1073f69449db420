"""Walking every page of a list or feed sorts the items once: the pages are slices of one kept
listing (OFFSET paging sorted every visible item for each page, quadratic over a crawl or a
static build), and a change to the data shows at the next page all the same."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import feedparser
from lxml import html
from sqlalchemy import event
from sqlalchemy.orm import Session

from newsfeed.domain.selection import EVERYTHING
from newsfeed.services.feeds import feed_page
from newsfeed.services.public import timeline_page
from tests import factories


@contextmanager
def sortings(app: Any) -> Iterator[list[str]]:
    """The statements that read every visible item's id in an order (a listing being made)."""
    seen: list[str] = []
    engine = app.extensions["newsfeed.sessions"].kw["bind"]

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().startswith("SELECT items.id") and "ORDER BY" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _titles(body: bytes) -> list[str]:
    links = html.fromstring(body).xpath("//li[contains(@class, 'item')]//a[contains(@class, 'title')]")
    return [a.text_content() for a in links]


def test_every_page_of_the_list_and_the_feeds_costs_one_sorting(
    session: Session, client: Any, app: Any, clock: Any
) -> None:
    for i in range(230):
        year, month = divmod(i, 12)
        factories.item(session, f"Item {i}", f"{month + 1:02d}/{2000 + year}")
    session.commit()
    with sortings(app) as seen:
        pages = [client.get(f"/?page={n}") for n in range(1, 6)]
        feeds = [client.get(f"/feed.{fmt}?page={n}") for fmt in ("atom", "rss", "json") for n in range(4)]
    assert all(r.status_code == 200 for r in pages + feeds)
    # one sorting for the five list pages, one for the twelve archive pages of three formats
    assert len(seen) == 2, seen
    # and the pages are those the service gives when it sorts afresh for each page
    for n, answer in enumerate(pages, start=1):
        expected = timeline_page(session, EVERYTHING, now=clock(), page=n).items
        assert _titles(answer.data) == [item.title for item in expected]
    for n in range(4):
        expected = feed_page(session, EVERYTHING, now=clock(), limit=50, page=n).items
        parsed = feedparser.parse(feeds[n].data)
        assert [e.title for e in parsed.entries] == [item.title for item in expected]
    assert [e.title for e in feedparser.parse(feeds[3].data).entries][-1] == "Item 150"


def test_a_new_item_shows_on_the_next_page_asked_for(session: Session, client: Any, app: Any) -> None:
    for i in range(120):
        factories.item(session, f"Item {i}", f"{i % 12 + 1:02d}/{2000 + i // 12}")
    session.commit()
    assert "Item 69" in _titles(client.get("/?page=2").data)
    factories.item(session, "Newest of all", "01/2030")
    session.commit()
    with sortings(app) as seen:
        second = client.get("/?page=2")
        first = client.get("/")
    assert _titles(first.data)[0] == "Newest of all"
    # every item moved one place down: page 2 now starts with what ended page 1
    assert _titles(second.data)[0] == "Item 70" and "Item 69" in _titles(second.data)
    assert len(seen) == 1
