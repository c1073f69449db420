"""The public pages: pages of 50 with year links, cached with conditional GET like the feeds, person,
kind and tag pages, item pages with their own calendar file, the embeddable list, HTML errors."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import icalendar
import pytest
from lxml import html
from sqlalchemy.orm import Session

from newsfeed.domain.dates import parse
from newsfeed.domain.vocab import Kind
from newsfeed.services.items import ItemInput, LinkInput, MilestoneInput, create_item
from tests import factories


def _titles(body: bytes) -> list[str]:
    return [
        a.text_content()
        for a in html.fromstring(body).xpath(
            "//li[contains(concat(' ', @class, ' '), ' item ')]"
            "//a[contains(concat(' ', @class, ' '), ' title ')]"
        )
    ]


def _many(session: Session, n: int, *, first_year: int = 2020) -> None:
    """``n`` items, one a month from January ``first_year``: titles "Item 0" (oldest) upwards."""
    for i in range(n):
        year, month = divmod(i, 12)
        factories.item(session, f"Item {i}", f"{month + 1:02d}/{first_year + year}")
    session.commit()


def test_the_news_list_comes_in_pages_of_fifty_with_newer_older_and_year_links(
    session: Session, client: Any
) -> None:
    _many(session, 120)  # 2020-01 .. 2029-12
    first = client.get("/")
    assert first.status_code == 200
    assert _titles(first.data) == [f"Item {i}" for i in range(119, 69, -1)]
    doc = html.fromstring(first.data)
    assert doc.xpath("//a[@rel='next']/@href") == ["/?page=2"] and not doc.xpath("//a[@rel='prev']")
    assert "page 1 of 3 · 120 items" in doc.xpath("string(//nav[@class='pager'])")
    last = client.get("/?page=3")
    assert _titles(last.data) == [f"Item {i}" for i in range(19, -1, -1)]
    assert html.fromstring(last.data).xpath("//a[@rel='prev']/@href") == ["/?page=2"]
    # each year links to the page where it starts: 2024 (items 48..59) starts on page 2
    years = {a.text_content(): a.get("href") for a in doc.xpath("//nav[@class='years']/a")}
    assert years["2029"] == "/#y2029"
    assert years["2024"] == "/?page=2#y2024" and years["2020"] == "/?page=3#y2020"
    second = client.get(years["2024"].split("#")[0])
    assert "Item 59" in _titles(second.data) and html.fromstring(second.data).xpath("//h2[@id='y2024']")
    # filters travel with the page links
    assert b'href="/?kind=acceptance&amp;page=2"' in client.get("/?kind=acceptance").data
    # past the last page: a 404 page in the site's look, not an empty list
    beyond = client.get("/?page=4", headers={"Accept": "text/html"})
    assert beyond.status_code == 404 and b"site.css" in beyond.data and b"page 4" in beyond.data


def test_a_page_of_a_large_list_stays_small(session: Session, client: Any) -> None:
    _many(session, 600)
    body = client.get("/").data
    assert len(_titles(body)) == 50
    assert len(body) < 60_000, len(body)


def test_list_pages_are_cached_with_etags_and_a_write_renders_them_again(
    session: Session, client: Any, app: Any
) -> None:
    _many(session, 3)
    cache = app.extensions["newsfeed.feed_cache"]
    first = client.get("/?kind=acceptance")
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"] and first.headers["Cache-Control"] == "no-cache"
    misses = cache.misses
    again = client.get("/?kind=acceptance")
    assert again.data == first.data and cache.misses == misses and again.headers["ETag"] == etag
    assert client.get("/?kind=acceptance", headers={"If-None-Match": etag}).status_code == 304
    factories.item(session, "Fresh news", "03/2025")
    session.commit()
    changed = client.get("/?kind=acceptance", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and b"Fresh news" in changed.data and changed.headers["ETag"] != etag


def test_person_kind_and_tag_pages_list_their_items_and_unknown_ones_are_404(
    session: Session, client: Any, clock: Any
) -> None:
    factories.person(session, "ada", "Ada Lovelace")
    factories.person(session, "alan", "Alan Turing")
    factories.item(
        session,
        "Ada talks in Vienna",
        "02/2025",
        kind=Kind.TALK,
        person="ada",
        tags=["seminar"],
        milestones=[("Talk", "10 Mar 2025, 14:00 CET")],
    )
    factories.item(session, "Alan's paper", "01/2025", person="alan", tags=["seminar"])
    factories.item(session, "Ada's old trip", "05/2023", kind=Kind.TRAVEL, person="ada")
    session.commit()
    ada = client.get("/people/ada")
    assert ada.status_code == 200
    assert _titles(ada.data) == ["Ada talks in Vienna", "Ada's old trip"]
    doc = html.fromstring(ada.data)
    assert doc.xpath("string(//h1)") == "Ada Lovelace"
    coming = doc.xpath("string(//ul[@class='milestones'])")
    assert "Talk" in coming and "in 10 days" in coming  # 1 March 09:00 UTC to 10 March 13:00 UTC
    assert _titles(client.get("/kinds/talk").data) == ["Ada talks in Vienna"]
    assert _titles(client.get("/tags/seminar").data) == ["Ada talks in Vienna", "Alan's paper"]
    assert _titles(client.get("/tags/seminar?person=alan").data) == ["Alan's paper"]
    for unknown in ("/people/nobody", "/kinds/bogus", "/tags/none"):
        response = client.get(unknown, headers={"Accept": "text/html"})
        assert response.status_code == 404, unknown
        assert response.content_type.startswith("text/html") and b"site.css" in response.data


def test_item_page_shows_venue_location_links_countdowns_and_its_own_calendar(
    session: Session, client: Any, clock: Any
) -> None:
    today = clock.now.date()
    found = create_item(
        session,
        ItemInput(
            title="Workshop on fuzzy dates",
            posted=parse("02/2025", today=today),
            kind=Kind.ORGANIZING,
            venue="ICLR 2025",
            location="Singapore EXPO",
            links=[LinkInput("https://example.org/cfp", title="Call for papers")],
            milestones=[
                MilestoneInput("Paper submission", parse("3 Mar 2025, 11.59pm AoE", today=today)),
                MilestoneInput("Workshop", parse("27 April 2025", today=today), location="Hall 4"),
                MilestoneInput("Abstract", parse("1 Feb 2025", today=today)),
            ],
        ),
        now=clock.now,
        host="news.example.org",
    )
    assert found is not None
    factories.item(session, "Another item with dates", "02/2025", milestones=[("Talk", "5 Mar 2025")])
    session.commit()
    page = client.get(f"/items/{found.id}")
    assert page.status_code == 200
    text = html.fromstring(page.data).text_content()
    assert "ICLR 2025" in text and "Singapore EXPO" in text and "Hall 4" in text
    assert "Call for papers" in text and b'href="https://example.org/cfp"' in page.data
    # 3 Mar 23:59 AoE is 4 Mar 11:59 UTC: 3 days 3 hours from 1 Mar 09:00 UTC
    assert re.search(r"Paper submission.*?in 4 days", " ".join(text.split()))
    assert re.search(r"Workshop.*?in 57 days", " ".join(text.split()))
    assert "tag:" not in text and "Revision" not in text
    assert f'/items/{found.id}/calendar.ics"'.encode() in page.data
    ics = client.get(f"/items/{found.id}/calendar.ics")
    assert ics.status_code == 200 and ics.content_type.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(ics.data)
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert len(summaries) == 3 and all("Workshop on fuzzy dates" in s for s in summaries)
    assert client.get("/items/99999/calendar.ics").status_code == 404


def test_embed_may_be_framed_by_any_site_and_nothing_else_may(session: Session, client: Any) -> None:
    _many(session, 15)
    embed = client.get("/embed/news?limit=5")
    assert embed.status_code == 200
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    doc = html.fromstring(embed.data)
    assert len(doc.xpath("//ol[@class='news']/li")) == 5
    assert all(h.startswith("http://news.example.org/") for h in doc.xpath("//ol//a/@href"))
    assert doc.xpath("//base/@target") == ["_top"]
    assert len(html.fromstring(client.get("/embed/news").data).xpath("//ol/li")) == 10
    for path in ("/", "/upcoming", "/subscribe", "/follow"):
        response = client.get(path)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), path
    for bad in ("0", "101", "ten", "1" * 50):
        refused = client.get(f"/embed/news?limit={bad}")
        assert refused.status_code == 400 and b"limit" in refused.data


def test_follow_offers_https_and_webcal_calendars_with_hints_and_the_embed_snippet(
    session: Session, client: Any
) -> None:
    body = client.get("/follow").data.decode()
    assert 'href="webcal://news.example.org/calendar.ics"' in body
    assert 'href="http://news.example.org/calendar.ics"' in body
    for app_name in ("Google Calendar", "Apple Calendar", "Outlook"):
        assert app_name in body
    assert "&lt;iframe" in body and "/embed/news" in body


@pytest.mark.parametrize(
    ("path", "status", "accept"),
    [
        ("/items/99999", 404, "text/html"),
        ("/nonexistent", 404, "text/html"),
        ("/?kind=bogus", 400, "text/html"),
        ("/upcoming?tag=%00", 400, "text/html"),
    ],
)
def test_browsers_get_error_pages_in_the_site_look(client: Any, path: str, status: int, accept: str) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == status
    assert response.content_type.startswith("text/html")
    doc = html.fromstring(response.data)
    assert doc.xpath("//link[@href='/static/site.css']") and doc.xpath("//nav[@aria-label='Site']")
    if status == 400:
        assert doc.xpath("string(//main)").count(path.split("=")[0].split("?")[1]) >= 1


def test_json_only_where_json_was_asked_for(client: Any) -> None:
    feed = client.get("/feed.json?kind=bogus")
    assert feed.status_code == 400 and feed.json["field"] == "kind"
    asked = client.get("/items/99999", headers={"Accept": "application/json"})
    assert asked.status_code == 404 and asked.json["error"]
    not_allowed = client.post("/", headers={"Accept": "text/html"})
    assert not_allowed.status_code == 405 and not_allowed.content_type.startswith("text/html")


def test_upcoming_says_how_far_it_looks_and_what_lies_beyond(session: Session, client: Any) -> None:
    factories.item(session, "Soon", "02/2025", milestones=[("Talk", "10 Mar 2025")])
    factories.item(session, "Far away", "02/2025", milestones=[("Conference", "10 Jun 2026")])
    session.commit()
    body = html.fromstring(client.get("/upcoming").data).text_content()
    assert "Soon" in body and "Far away" not in body
    assert "next 365 days" in body
    assert re.search(r"1 more event later", " ".join(body.split()))


def test_dates_are_shown_as_written_with_their_precision(session: Session, client: Any) -> None:
    for text in ("Fall 2023", "05/2024", "06/05/2024 to 12/05/2024", "2022"):
        factories.item(session, f"Posted {text}", text)
    session.commit()
    doc = html.fromstring(client.get("/").data)
    shown = {
        li.xpath("string(.//a[contains(concat(' ', @class, ' '), ' title ')])"): li.xpath("string(.//time)")
        for li in doc.xpath("//li[contains(concat(' ', @class, ' '), ' item ')]")
    }
    assert shown == {
        "Posted 06/05/2024 to 12/05/2024": "6–12 May 2024",
        "Posted 05/2024": "May 2024",
        "Posted Fall 2023": "Fall 2023",
        "Posted 2022": "2022",
    }


def test_posted_cache_ends_when_a_scheduled_item_is_due(session: Session, client: Any, clock: Any) -> None:
    """The cached page is not served past the moment a scheduled item goes out."""
    from newsfeed.domain.vocab import Status

    factories.item(
        session, "Embargoed", "03/2025", status=Status.SCHEDULED, publish_at=clock.now + dt.timedelta(hours=1)
    )
    session.commit()
    assert b"Embargoed" not in client.get("/kinds/acceptance").data
    clock.advance(hours=2)
    assert b"Embargoed" in client.get("/kinds/acceptance").data


def test_repeated_page_requests_are_answered_before_flask_with_the_same_headers(
    session: Session, app: Any, client: Any
) -> None:
    _many(session, 5)
    fast = app.extensions["newsfeed.fast_feeds"]
    for path in ("/", "/?kind=acceptance", "/kinds/acceptance", "/embed/news?limit=3"):
        first = client.get(path)
        hits = fast.hits
        second = client.get(path)
        assert fast.hits == hits + 1, path
        assert second.data == first.data
        dropped = {"Date", "Content-Length"}
        assert {k: v for k, v in first.headers.items() if k not in dropped} == {
            k: v for k, v in second.headers.items() if k not in dropped
        }, path
        assert "Content-Security-Policy" in second.headers and "X-Content-Type-Options" in second.headers
        not_modified = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert not_modified.status_code == 304
        # a 304 from the fast path carries the route's security headers too
        assert "Content-Security-Policy" in not_modified.headers, path
        assert "X-Content-Type-Options" in not_modified.headers, path
    factories.item(session, "Written meanwhile", "04/2025")
    session.commit()
    assert b"Written meanwhile" in client.get("/").data
