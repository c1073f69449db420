"""The public page lists published items, newest first, grouped by year, with human dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lxml import html
from sqlalchemy.orm import Session

from newsfeed.domain.vocab import Kind, Status, Visibility
from tests import factories


def test_index_groups_by_year_with_kinds_and_human_dates(session: Session, client: Any) -> None:
    factories.item(session, "Trip to ICLR", "06/05/2024 to 12/05/2024", kind=Kind.TRAVEL)
    factories.item(session, "Paper accepted", "12/2023")
    factories.item(session, "Workshop", "01/2025", kind=Kind.ORGANIZING)
    factories.item(session, "Secret", "02/2025", visibility=Visibility.PRIVATE)
    factories.item(session, "Draft", "02/2025", status=Status.DRAFT)
    session.commit()
    response = client.get("/")
    assert response.status_code == 200
    doc = html.fromstring(response.data)
    years = [h.text_content() for h in doc.xpath("//section/h2")]
    assert years == ["2025", "2024", "2023"]
    rows = [
        (
            li.xpath("string(.//time)"),
            li.xpath("string(.//a[contains(@class,'kind')])"),
            li.xpath("string(.//a[contains(concat(' ', @class, ' '), ' title ')])"),
        )
        for li in doc.xpath("//li[contains(concat(' ', @class, ' '), ' item ')]")
    ]
    assert rows == [
        ("January 2025", "organizing", "Workshop"),
        ("6–12 May 2024", "travel", "Trip to ICLR"),
        ("December 2023", "acceptance", "Paper accepted"),
    ]


def test_titles_are_escaped(session: Session, client: Any) -> None:
    factories.item(session, "<script>alert(1)</script>", "05/2024")
    session.commit()
    body = client.get("/").data.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_an_empty_site_says_there_is_no_news_yet(client: Any) -> None:
    assert b"No news yet" in client.get("/").data


def test_scheduled_item_appears_when_its_time_comes(session: Session, client: Any, clock: Any) -> None:
    factories.item(
        session, "Embargoed", "03/2025", status=Status.SCHEDULED, publish_at=clock.now + dt.timedelta(hours=1)
    )
    session.commit()
    assert b"Embargoed" not in client.get("/").data
    clock.advance(hours=2)
    assert b"Embargoed" in client.get("/").data
