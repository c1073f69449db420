"""The admin page's People, and people shown by name on the public side: person pages with their
profile, "showing … by Ada Lovelace" (not "by ada"), feed titles, "Coming up" with "N more"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import feedparser
from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Person
from newsfeed.domain.vocab import Kind, Role
from tests import factories
from tests.web.test_admin import add_user, admin, sign_in, token

__all__ = ["admin"]  # the signed-in admin fixture


def test_an_admin_adds_a_person_who_then_has_a_page(admin: Any, session: Session) -> None:
    form = {
        "csrf_token": token(admin, "/admin/people"),
        "slug": "ada",
        "name": "Ada Lovelace",
        "homepage": "https://ada.example.org/",
        "orcid": "0000-0002-1825-0097",
        "photo_url": "https://ada.example.org/ada.jpg",
        "bio": "Works on *analytical engines*.",
    }
    assert admin.post("/admin/people", data=form).status_code == 302
    listing = admin.get("/admin/people").data.decode()
    assert "Ada Lovelace" in listing and "0000-0002-1825-0097" in listing

    page = html.fromstring(admin.get("/people/ada").data)
    assert page.xpath("string(//h1)") == "Ada Lovelace"
    assert page.xpath("//img[@class='u-photo']/@src") == ["https://ada.example.org/ada.jpg"]
    assert page.xpath("string(//div[@class='p-note']//em)") == "analytical engines"
    assert page.xpath("//a[@href='https://orcid.org/0000-0002-1825-0097']")


def test_a_bad_profile_answers_400_naming_every_field_and_keeps_what_was_typed(admin: Any) -> None:
    form = {
        "csrf_token": token(admin, "/admin/people"),
        "slug": "Ada!",
        "name": "Ada",
        "orcid": "1234",
        "photo_url": "http://insecure.example.org/a.jpg",
    }
    answer = admin.post("/admin/people", data=form)
    assert answer.status_code == 400
    page = html.fromstring(answer.data)
    fields = set(page.xpath("//div[@class='error']//li/@data-field"))
    assert fields == {"slug", "orcid", "photo_url"}
    assert page.xpath("//input[@name='orcid']/@value") == ["1234"]


def test_an_editor_edits_their_own_profile_and_nobody_elses(
    session: Session, client: Any, password_hash: str
) -> None:
    own = factories.person(session, "ed", "Ed")
    factories.person(session, "ada", "Ada Lovelace")
    add_user(session, password_hash, "ed@example.org", role=Role.EDITOR, person=own)
    assert sign_in(client, "ed@example.org").status_code == 302

    listing = html.fromstring(client.get("/admin/people").data)
    assert listing.xpath("//table[@class='people']//tbody//strong/text()") == ["Ed"]
    assert not listing.xpath("//form[@id='person-form']")  # adding is for admins
    saved = client.post(
        "/admin/people/ed",
        data={"csrf_token": token(client, "/admin/people/ed"), "name": "Ed Wood", "bio": "Hi"},
    )
    assert saved.status_code == 302
    assert client.get("/admin/people/ada").status_code == 404
    assert (
        client.post(
            "/admin/people/ada", data={"csrf_token": token(client, "/admin/people/ed"), "name": "X"}
        ).status_code
        == 404
    )
    session.expire_all()
    names = dict(session.execute(select(Person.slug, Person.name)).all())
    assert names == {"ed": "Ed Wood", "ada": "Ada Lovelace"}


def test_readers_see_names_never_slugs(client: Any, session: Session) -> None:
    factories.person(session, "wei-huang", "Wei Huang")
    factories.item(session, person="wei-huang")
    session.commit()
    page = html.fromstring(client.get("/?person=wei-huang").data)
    shown = page.xpath("string(//form[@role='search']//span[@class='muted'])")
    assert "by Wei Huang" in shown and "wei-huang" not in shown
    follow = page.xpath("string(//*[contains(@class, 'follow')]//strong)")
    assert "Wei Huang" in follow, follow
    feed = feedparser.parse(client.get("/feed.atom?person=wei-huang").data)
    assert feed.feed.title.endswith("by Wei Huang")


def test_a_persons_page_says_how_many_more_events_are_coming(client: Any, session: Session) -> None:
    factories.person(session, "ada", "Ada Lovelace")
    for day in range(10, 18):  # eight talks in the coming weeks (the clock is 1 March 2025)
        factories.item(
            session,
            f"Talk {day}",
            "02/2025",
            kind=Kind.TALK,
            person="ada",
            milestones=[("Talk", f"{day} Mar 2025")],
        )
    session.commit()
    page = html.fromstring(client.get("/people/ada").data)
    assert len(page.xpath("//h2[.='Coming up']/following-sibling::ul[1]/li")) == 5
    more = page.xpath("//a[contains(text(), 'more coming up')]")
    assert [a.text for a in more] == ["3 more coming up"]
    assert more[0].get("href") == "/upcoming?person=ada"


def test_an_item_page_does_not_repeat_its_title_from_the_body(client: Any, session: Session) -> None:
    body = "# DeLTa: Deep Generative Models\n\nWe are organizing the DeLTa workshop at ICLR 2025."
    created = factories.item(
        session, "DeLTa: Deep Generative Models", "12/2024", kind=Kind.ORGANIZING, body=body
    )
    session.commit()
    page = html.fromstring(client.get(f"/items/{created.id}").data)
    headings = [h.text_content() for h in page.xpath("//h1 | //h2 | //h3")]
    assert headings.count("DeLTa: Deep Generative Models") == 1
    assert "We are organizing" in page.xpath("string(//div[contains(concat(' ', @class, ' '), ' body ')])")


def test_upcoming_is_paged_and_cached_like_the_list_pages(client: Any, session: Session) -> None:
    for day in range(120):  # 120 talks over the coming months (the clock is 1 March 2025)
        when = factories.NOW.date() + dt.timedelta(days=day + 2)
        factories.item(
            session, f"Talk {day:03d}", "02/2025", kind=Kind.TALK, milestones=[("Talk", f"{when:%d %b %Y}")]
        )
    session.commit()
    first = client.get("/upcoming")
    page = html.fromstring(first.data)
    assert len(page.xpath("//table[@class='upcoming']/tbody/tr")) == 50
    assert "page 1 of 3 · 120 events" in page.xpath("string(//nav[@class='pager'])")
    assert page.xpath("//a[@rel='next']/@href") == ["/upcoming?page=2"]
    last = html.fromstring(client.get("/upcoming?page=3").data)
    assert len(last.xpath("//table[@class='upcoming']/tbody/tr")) == 20
    assert last.xpath("string(//table[@class='upcoming']/tbody/tr[last()]//a)") == "Talk 119"
    assert client.get("/upcoming?page=4").status_code == 404
    again = client.get("/upcoming", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
