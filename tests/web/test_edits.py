"""Editing an item a year later never moves a date nobody touched; a stale form never overwrites."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item
from newsfeed.domain.dates import parse
from newsfeed.domain.importers import parse_text
from newsfeed.services.imports import apply_import
from newsfeed.services.items import MilestoneInput, update_item, with_changes
from tests.conftest import PASSWORD
from tests.web.test_admin import add_user, sign_in

MARCH_2025 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
A_YEAR_LATER = dt.datetime(2026, 4, 15, 9, 0, tzinfo=dt.UTC)


def form_of(client: Any, url: str) -> dict[str, str]:
    """What a browser would send back for the item form on ``url``, untouched."""
    page = html.fromstring(client.get(url).data)
    (form,) = page.xpath('//form[@id="item-form"]')
    values: dict[str, str] = {}
    for field in form.xpath(".//input[@name]"):
        if field.get("type") in ("checkbox", "radio") and field.get("checked") is None:
            continue
        values[field.get("name")] = field.get("value") or ""
    for field in form.xpath(".//textarea[@name]"):
        values[field.get("name")] = field.text or ""
    for field in form.xpath(".//select[@name]"):
        values[field.get("name")] = _option(field)
    return values


def _option(select: Any) -> str:
    chosen = select.xpath(".//option[@selected]") or select.xpath(".//option")
    if not chosen:
        return ""
    value = chosen[0].get("value")
    return value if value is not None else (chosen[0].text or "")


@pytest.fixture
def admin(session: Session, password_hash: str, client: Any) -> Any:
    add_user(session, password_hash)
    assert sign_in(client).status_code == 302
    return client


NEWS = """## News
* Feb 2: Gave a talk at MIT. Trip: Nov 18 in Boston. Deadline: 1 Feb 2025, 11.59pm AoE.
"""


def _imported(session: Session) -> Item:
    """An item imported in March 2025 ("Feb 2" is 2 February 2025, its year inferred), with a
    vague milestone added by hand."""
    result = parse_text(NEWS, today=MARCH_2025.date(), path="news.md")
    apply_import(session, result, person=None, now=MARCH_2025, host="news.example.org")
    session.commit()
    item = session.scalar(select(Item))
    assert item is not None
    assert item.posted.start == dt.date(2025, 2, 2) and item.posted.inferred == ("year",)
    visit = MilestoneInput("Visit", parse("Fall 2023", today=MARCH_2025.date()), "Tokyo")
    milestones = [MilestoneInput(m.label, m.date, m.location) for m in item.milestones] + [visit]
    assert update_item(session, item, with_changes(item, milestones=milestones), now=MARCH_2025)
    session.commit()
    assert [m.label for m in item.milestones] == ["Trip", "Deadline", "Visit"]
    found: Item = item
    return found


def test_fixing_a_typo_a_year_later_keeps_every_date(admin: Any, session: Session, clock: Any) -> None:
    clock.now = MARCH_2025
    item = _imported(session)
    before_posted = dataclasses.astuple(item.posted)
    before_milestones = [dataclasses.astuple(m.date) for m in item.milestones]
    assert len(before_milestones) == 3
    clock.now = A_YEAR_LATER
    form = form_of(admin, f"/admin/items/{item.id}")
    assert form["posted"] == "2 Feb 2025"  # the date as stored, never the yearless "Feb 2"
    form["title"] = "Gave a talk at MIT (slides online)"
    assert admin.post(f"/admin/items/{item.id}", data=form).status_code == 302
    session.expire_all()
    item = _reloaded(session, item.id)
    assert item is not None and item.revision == 3
    assert item.title == "Gave a talk at MIT (slides online)"
    assert dataclasses.astuple(item.posted) == before_posted  # flags, text and reference date too
    assert [dataclasses.astuple(m.date) for m in item.milestones] == before_milestones
    assert item.milestones[2].date.display() == "Fall 2023"
    assert item.milestones[1].date.instant == dt.datetime(2025, 2, 2, 11, 59, tzinfo=dt.UTC)


def test_a_changed_date_is_read_against_the_items_own_date(admin: Any, session: Session, clock: Any) -> None:
    clock.now = MARCH_2025
    item = _imported(session)
    clock.now = A_YEAR_LATER
    form = form_of(admin, f"/admin/items/{item.id}")
    form["posted"] = "Feb 3"
    form["m0_date"] = "Nov 19"
    assert admin.post(f"/admin/items/{item.id}", data=form).status_code == 302
    session.expire_all()
    item = _reloaded(session, item.id)
    assert item is not None
    assert item.posted.start == dt.date(2025, 2, 3)  # read against 1 March 2025, not April 2026
    assert item.posted.ref == MARCH_2025.date()
    assert item.milestones[0].date.start == dt.date(2024, 11, 19)  # nearest to the item's date


def test_a_removed_row_does_not_shift_the_dates_of_the_others(
    admin: Any, session: Session, clock: Any
) -> None:
    clock.now = MARCH_2025
    item = _imported(session)
    later = [dataclasses.astuple(m.date) for m in item.milestones[1:]]
    clock.now = A_YEAR_LATER
    form = form_of(admin, f"/admin/items/{item.id}")
    form["m0_label"] = form["m0_date"] = form["m0_location"] = ""
    assert admin.post(f"/admin/items/{item.id}", data=form).status_code == 302
    session.expire_all()
    item = _reloaded(session, item.id)
    assert item is not None
    assert [m.label for m in item.milestones] == ["Deadline", "Visit"]
    assert [dataclasses.astuple(m.date) for m in item.milestones] == later


def test_the_date_preview_reads_against_the_items_own_date(admin: Any, session: Session, clock: Any) -> None:
    clock.now = A_YEAR_LATER
    answer = admin.get("/admin/api/date", query_string={"text": "Feb 3", "ref": "2025-03-01"}).json
    assert answer["start"] == "2025-02-03"
    assert "year inferred from 2025-03-01" in answer["label"]
    bad = admin.get("/admin/api/date", query_string={"text": "Feb 3", "ref": "soon"})
    assert bad.status_code == 400 and bad.json["field"] == "ref"


def test_a_stale_form_is_refused_with_both_versions(
    admin: Any, session: Session, clock: Any, app: Any, password_hash: str
) -> None:
    clock.now = MARCH_2025
    item = _imported(session)
    mine = form_of(admin, f"/admin/items/{item.id}")  # opened at revision 1
    add_user(session, password_hash, email="other@example.org")
    other = app.test_client()
    assert sign_in(other, "other@example.org", PASSWORD).status_code == 302
    theirs = form_of(other, f"/admin/items/{item.id}")
    theirs["title"] = "Their title"
    assert other.post(f"/admin/items/{item.id}", data=theirs).status_code == 302  # revision 2
    mine["title"] = "My title"
    response = admin.post(f"/admin/items/{item.id}", data=mine)
    assert response.status_code == 409
    page = response.data.decode()
    assert "changed since you opened it" in page
    doc = html.fromstring(page)
    (compare,) = doc.xpath('//table[@class="compare"]')
    title_row = compare.xpath('.//tr[th="title"]')[0]
    assert [td.text_content() for td in title_row.xpath("td")] == ["My title", "Their title"]
    session.expire_all()
    stored = session.get(Item, item.id)
    assert stored is not None and (stored.title, stored.revision) == ("Their title", 3)
    # the answer carries the current revision: saving it again replaces theirs, knowingly
    again = form_of_page(doc)
    assert again["revision"] == "3" and again["title"] == "My title"
    assert admin.post(f"/admin/items/{item.id}", data=again).status_code == 302
    session.expire_all()
    stored = session.get(Item, item.id)
    assert stored is not None and (stored.title, stored.revision) == ("My title", 4)


def form_of_page(doc: Any) -> dict[str, str]:
    (form,) = doc.xpath('//form[@id="item-form"]')
    values = {f.get("name"): f.get("value") or "" for f in form.xpath(".//input[@name]")}
    values.update({f.get("name"): f.text or "" for f in form.xpath(".//textarea[@name]")})
    for field in form.xpath(".//select[@name]"):
        values[field.get("name")] = _option(field)
    return values


def _reloaded(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    assert item is not None
    return item
