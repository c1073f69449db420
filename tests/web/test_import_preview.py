"""Import truth on the admin page and in storage: secondary kinds kept and filtered on (feeds,
admin list, the SQL rule and the Python rule agree), the kind suggested live with its reason, the
preview that says where a year came from and lets the reference date be set."""

from __future__ import annotations

import datetime as dt
from typing import Any

import feedparser
import pytest
from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item
from newsfeed.adapters.queries import where
from newsfeed.domain.importers import parse_text
from newsfeed.domain.selection import Selection, item_kinds
from newsfeed.domain.vocab import Kind, Status
from newsfeed.services.imports import apply_import
from tests.factories import NOW
from tests.web.test_admin import add_user, item_form, sign_in, token

NEWS = """## News

* **Feb 2:** Awarded a travel grant to present our talk at NeurIPS.
* **15 Jan 2024:** Joined the lab as a postdoc.
* **18th Dec:** Gave a keynote at the winter school.
"""


@pytest.fixture
def admin(session: Session, password_hash: str, client: Any) -> Any:
    add_user(session, password_hash)
    assert sign_in(client).status_code == 302
    return client


def _import(session: Session) -> None:
    result = parse_text(NEWS, today=dt.date(2026, 11, 30))
    apply_import(session, result, person=None, now=NOW, host="news.example.org")
    for item in session.scalars(select(Item)):
        item.status = Status.PUBLISHED
        item.published_at = NOW
    session.commit()


def test_secondary_kinds_are_stored_and_every_filter_matches_them(session: Session, client: Any) -> None:
    _import(session)
    award = session.scalars(select(Item).where(Item.kind == Kind.AWARD)).one()
    assert award.also == (Kind.TALK, Kind.TRAVEL)
    assert award.posted.start == dt.date(2024, 2, 2)  # the year of the item below it
    for kinds in (("travel",), ("talk",), ("award",), ("reviewing",)):
        sql = {i.title for i in session.scalars(select(Item).where(where(Selection(kinds=kinds))))}
        python = {i.title for i in session.scalars(select(Item)) if set(item_kinds(i)) & set(kinds)}
        assert sql == python, kinds
    feed = feedparser.parse(client.get("/feed.atom?kind=travel").data)
    assert [e.title for e in feed.entries] == [award.title]
    assert [t.term for t in feed.entries[0].tags][:3] == ["award", "talk", "travel"]
    assert feedparser.parse(client.get("/feed.atom?kind=reviewing").data).entries == []


def test_the_form_saves_secondary_kinds_and_refuses_unknown_ones(admin: Any, session: Session) -> None:
    csrf = token(admin, "/admin/items/new")
    data = item_form(csrf, title="Travel grant for NeurIPS", kind="award")
    response = admin.post("/admin/items/new", data={**data, "also": ["travel", "talk"]})
    assert response.status_code in (200, 302), response.data[:300]
    item = session.scalars(select(Item).where(Item.title == "Travel grant for NeurIPS")).one()
    assert item.also == (Kind.TALK, Kind.TRAVEL)
    page = admin.get(f"/admin/items/{item.id}").data.decode()
    checked = html.fromstring(page).xpath('//input[@name="also"][@checked]/@value')
    assert sorted(checked) == ["talk", "travel"]
    bad = admin.post("/admin/items/new", data={**item_form(csrf, title="x"), "also": ["party"]})
    assert bad.status_code == 400
    assert b"also" in bad.data and b"party" in bad.data


def test_the_kind_is_suggested_with_the_phrase_that_decided(admin: Any) -> None:
    answer = admin.get("/admin/api/kind", query_string={"title": "Gave a keynote at MIT", "body": ""}).json
    assert answer["kind"] == "talk"
    assert answer["rule"] in "gave a keynote at mit"
    grant = admin.get(
        "/admin/api/kind", query_string={"title": "Awarded a travel grant", "body": "to present our talk"}
    ).json
    assert (grant["kind"], sorted(grant["also"])) == ("award", ["talk", "travel"])


def test_the_preview_says_where_years_came_from_and_rereads_with_another_reference_date(admin: Any) -> None:
    csrf = token(admin, "/admin/import")
    text = (
        "## News\n\n* **Feb 2:** Gave a talk at MIT.\n* **18th Nov:** Visited Oxford.\n"
        "* **3 Nov 2023:** Joined.\n"
    )
    first = admin.post("/admin/import/preview", data={"csrf_token": csrf, "text": text, "format": "auto"})
    assert first.status_code == 200
    page = html.fromstring(first.data)
    years = [e.text_content().strip() for e in page.xpath('//*[contains(@class, "year-from")]')]
    assert years == ["year inferred from the items around it"] * 2
    alone = "## News\n\n* **Feb 2:** Gave a talk at MIT.\n"
    for day, shown in (("2025-03-01", "2 Feb 2025"), ("2024-03-01", "2 Feb 2024")):
        again = admin.post(
            "/admin/import/preview", data={"csrf_token": csrf, "text": alone, "format": "auto", "today": day}
        )
        body = again.data.decode()
        assert shown in body and "year inferred from the reference date" in body
    refused = admin.post(
        "/admin/import/preview", data={"csrf_token": csrf, "text": alone, "format": "auto", "today": "soon"}
    )
    assert refused.status_code == 400 and b"today" in refused.data
