"""The admin page for sources: admins add any, editors their own person's; every problem at once;
"fetch soon" makes a source due for the scheduler (no fetch inside a request); an item from a
source says so, and says when the source differs from a hand edit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Source
from newsfeed.domain.vocab import Role
from tests import factories
from tests.web.test_admin import add_user, sign_in, token


def test_admins_add_sources_for_anyone_with_every_problem_at_once(
    session: Session, password_hash: str, client: Any, clock: Any
) -> None:
    factories.person(session, "ada", "Ada Lovelace")
    add_user(session, password_hash)
    assert sign_in(client).status_code == 302
    csrf = token(client, "/admin/sources")
    bad = client.post(
        "/admin/sources",
        data={
            "csrf_token": csrf,
            "url": "javascript:alert(1)",
            "every": "often",
            "format": "pdf",
            "person": "x",
        },
    )
    assert bad.status_code == 400
    fields = html.fromstring(bad.data).xpath("//div[@class='error']//li/@data-field")
    assert sorted(fields) == ["every", "format", "person", "url"]
    assert b'value="javascript:alert(1)"' in bad.data  # what was typed is kept
    good = client.post(
        "/admin/sources",
        data={
            "csrf_token": csrf,
            "url": "https://ada.example/",
            "person": "ada",
            "tags": "lab, ml",
            "every": "12h",
        },
    )
    assert good.status_code == 302
    source = session.scalars(select(Source)).one()
    assert (source.name, source.person.slug, source.tags, source.every_minutes) == (  # type: ignore[union-attr]
        "ada-example",
        "ada",
        ["lab", "ml"],
        720,
    )
    assert source.next_fetch_at == clock.now  # due at once: the scheduler fetches it
    listed = html.fromstring(client.get("/admin/sources").data)
    assert "ada-example" in listed.xpath("string(//table[@class='sources'])")
    source.next_fetch_at = clock.now + dt.timedelta(hours=12)
    session.commit()
    assert client.post(f"/admin/sources/{source.id}/sync", data={"csrf_token": csrf}).status_code == 302
    session.expire_all()
    assert session.get(Source, source.id).next_fetch_at == clock.now  # type: ignore[union-attr]


def test_editors_see_and_add_only_their_own_sources(
    session: Session, password_hash: str, client: Any, clock: Any
) -> None:
    ada = factories.person(session, "ada", "Ada Lovelace")
    factories.person(session, "alan", "Alan Turing")
    session.add(
        Source(name="alan-page", url="https://alan.example/", person_id=None, tags=[], last_report={})
    )
    add_user(session, password_hash, "ed@example.org", role=Role.EDITOR, person=ada)
    assert sign_in(client, "ed@example.org").status_code == 302
    csrf = token(client, "/admin/sources")
    assert b"alan-page" not in client.get("/admin/sources").data
    other = client.post(
        "/admin/sources", data={"csrf_token": csrf, "url": "https://x.example/", "person": "alan"}
    )
    assert other.status_code == 400 and b"their own person only" in other.data
    own = client.post("/admin/sources", data={"csrf_token": csrf, "url": "https://ada.example/"})
    assert own.status_code == 302
    mine = session.scalar(select(Source).where(Source.url == "https://ada.example/"))
    assert mine is not None and mine.person_id == ada.id
    alan = session.scalar(select(Source).where(Source.name == "alan-page"))
    assert alan is not None
    assert client.post(f"/admin/sources/{alan.id}/remove", data={"csrf_token": csrf}).status_code == 404
    assert client.post(f"/admin/sources/{mine.id}/remove", data={"csrf_token": csrf}).status_code == 302
    session.expire_all()
    assert session.scalar(select(Source.name)) == "alan-page"


def test_an_item_from_a_source_says_so_and_when_the_source_differs(
    session: Session, password_hash: str, client: Any
) -> None:
    add_user(session, password_hash)
    source = Source(name="ada-page", url="https://ada.example/", tags=[], last_report={})
    session.add(source)
    session.flush()
    item = factories.item(session, "From the page", "05/2025")
    item.source_id = source.id
    session.commit()
    assert sign_in(client).status_code == 302
    note = html.fromstring(client.get(f"/admin/items/{item.id}").data).xpath("string(//p[@id='source-note'])")
    assert "ada-page" in note and "differs" not in note
    item.source_differs = True
    session.commit()
    note = html.fromstring(client.get(f"/admin/items/{item.id}").data).xpath("string(//p[@id='source-note'])")
    assert "The source's version differs from this item" in note
