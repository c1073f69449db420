"""A newcomer's first hour, page by page: each test is a defect a new user met (issue 24)."""

from __future__ import annotations

import re
from typing import Any

from lxml import html
from sqlalchemy.orm import Session

from newsfeed.domain.vocab import Status
from newsfeed.services.subscriptions import add_confirmed, read_preferences
from tests import factories
from tests.web.test_admin import admin, token

__all__ = ["admin"]  # the signed-in admin fixture


def test_the_zone_select_is_grouped_by_region_with_common_zones_first_and_no_legacy_aliases(
    client: Any,
) -> None:
    page = html.fromstring(client.get("/subscribe").data)
    groups = page.xpath("//select[@id='f-timezone']/optgroup/@label")
    assert groups[0] == "Common" and {"Europe", "America", "Asia", "Pacific"} <= set(groups)
    common = page.xpath("//select[@id='f-timezone']/optgroup[@label='Common']/option/@value")
    assert "UTC" in common and "Asia/Kolkata" in common and len(common) <= 20
    values = page.xpath("//select[@id='f-timezone']//option/@value")
    for legacy in ("US/Pacific", "Asia/Calcutta", "Europe/Kiev", "GB", "Canada/Eastern"):
        assert legacy not in values
    assert "Asia/Kolkata" in values and "America/Argentina/Buenos_Aires" in values
    labels = page.xpath("//optgroup[@label='America']/option[@value='America/New_York']/text()")
    assert labels == ["New York"]
    assert len(page.xpath("//select[@id='f-timezone']//option[@selected]")) == 1  # the site's zone


def test_a_stored_legacy_zone_stays_chosen_on_the_preferences_page(client: Any, session: Session) -> None:
    prefs = read_preferences(session, timezone="US/Pacific")
    subscriber = add_confirmed(session, "old@example.org", prefs, now=factories.NOW, confirmed=True)
    session.commit()
    page = html.fromstring(client.get(f"/preferences/{subscriber.token}").data)
    chosen = page.xpath("//select[@id='f-timezone']//option[@selected]/@value")
    assert chosen == ["US/Pacific"]
    # the browser's zone is offered to new subscribers only: a stored zone is never replaced
    assert page.xpath("//select[@id='f-timezone']/@data-browser-zone") == []


def test_a_first_post_from_the_form_is_published(admin: Any) -> None:
    form = html.fromstring(admin.get("/admin/items/new").data)
    assert form.xpath("//select[@id='status']/option[@selected]/text()") == [Status.PUBLISHED.value]


def titles(doc: Any) -> set[str]:
    return set(doc.xpath("//table[@class='items']/tbody/tr/td[3]/a/text()"))


def test_the_admin_item_list_is_paged_with_a_count_and_search(admin: Any, session: Session) -> None:
    for n in range(120):
        factories.item(session, f"Talk number {n:03d}", "05/2024")
    factories.item(session, "100% reproducible results", "04/2024")
    session.commit()
    first = html.fromstring(admin.get("/admin/").data)
    assert "121 items · page 1 of 3" in first.xpath("string(//p[contains(@class, 'count')])")
    assert len(first.xpath("//table[@class='items']/tbody/tr")) == 50
    second = html.fromstring(admin.get(first.xpath("//a[@rel='next']/@href")[0]).data)
    assert len(titles(second)) == 50 and not titles(first) & titles(second)
    last = html.fromstring(admin.get("/admin/?page=3").data)
    assert len(last.xpath("//table[@class='items']/tbody/tr")) == 21
    # search is literal: "%" is a percent sign, not a wildcard
    found = html.fromstring(admin.get("/admin/?q=100%25").data)
    assert titles(found) == {"100% reproducible results"}
    assert "1 item" in found.xpath("string(//p[contains(@class, 'count')])")
    paged = html.fromstring(admin.get("/admin/?q=Talk&page=2").data)
    assert set(paged.xpath("//a[@rel='prev']/@href")) == {"/admin/?q=Talk"}
    assert admin.get("/admin/?page=abc").status_code == 400


def test_the_subscriber_list_is_paged_and_searchable(admin: Any, session: Session) -> None:
    for n in range(60):
        add_confirmed(
            session, f"reader{n}@example.org", read_preferences(session), now=factories.NOW, confirmed=True
        )
    session.commit()
    page = html.fromstring(admin.get("/admin/subscribers").data)
    assert "60 subscribers · page 1 of 2" in page.xpath("string(//p[contains(@class, 'count')])")
    found = html.fromstring(admin.get("/admin/subscribers?q=reader5").data)
    addresses = found.xpath("//table[@class='subscribers']/tbody/tr/td[1]/text()")
    assert sorted(addresses) == sorted(
        ["reader5@example.org", *(f"reader5{n}@example.org" for n in range(10))]
    )


def test_the_sign_in_page_links_back_to_the_site(client: Any) -> None:
    page = html.fromstring(client.get("/admin/login").data)
    assert page.xpath("//a[@id='back-to-site']/@href") == ["/"]


def test_unknown_page_numbers_are_clamped_not_errors(admin: Any) -> None:
    answer = admin.get("/admin/?page=99")
    assert answer.status_code == 200 and re.search(rb"0 items", answer.data)
    assert token(admin, "/admin/")
