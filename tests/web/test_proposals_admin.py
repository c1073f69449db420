"""The admin page's Proposed list: an editor approves their person's proposals (now, at a chosen
time, or as a draft to edit first) or dismisses them; another person's are not theirs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, Paper, Person, Proposal
from newsfeed.domain.vocab import Role, Status
from tests.web.test_admin import add_user, sign_in, token


def _proposals(session: Session, person: Person, *titles: str) -> list[int]:
    ids = []
    for title in titles:
        paper = Paper(person_id=person.id, title=title, title_key=title.lower().replace(" ", ""), authors=[],
                      sources=[])  # fmt: skip
        session.add(paper)
        session.flush()
        proposal = Proposal(paper_id=paper.id, person_id=person.id, event="preprint",
                            title=f"New preprint: {title}", body=f"New preprint: *{title}*.",
                            posted={"start": "2025-02-10", "end": "2025-02-10", "grain": "day", "text": ""},
                            link="https://arxiv.org/abs/2502.01234")  # fmt: skip
        session.add(proposal)
        session.flush()
        ids.append(proposal.id)
    session.commit()
    return ids


@pytest.fixture
def editor(session: Session, password_hash: str, client: Any) -> Any:
    ada = Person(slug="ada", name="Ada Lovelace")
    session.add(ada)
    session.flush()
    add_user(session, password_hash, "ada@example.org", role=Role.EDITOR, person_id=ada.id)
    assert sign_in(client, "ada@example.org").status_code == 302
    return client


def test_an_editor_approves_schedules_edits_and_dismisses_their_proposals(
    editor: Any, session: Session, clock: Any
) -> None:
    ada = session.scalar(select(Person).where(Person.slug == "ada"))
    assert ada is not None
    now_id, later_id, edit_id, drop_id = _proposals(session, ada, "Fast graphs one", "Fast graphs two",
                                                    "Fast graphs three", "Fast graphs four")  # fmt: skip
    page = html.fromstring(editor.get("/admin/proposals").data)
    assert len(page.xpath("//table[@class='proposals']/tbody/tr")) == 4
    assert "10 Feb 2025" in page.text_content()
    csrf = token(editor, "/admin/proposals")
    assert editor.post(f"/admin/proposals/{now_id}/approve", data={"csrf_token": csrf}).status_code == 302
    # a time in the site's zone (Vienna): 10:00 there is 09:00 UTC in winter
    at = {"csrf_token": csrf, "at": "2025-03-10T10:00"}
    assert editor.post(f"/admin/proposals/{later_id}/approve", data=at).status_code == 302
    edited = editor.post(f"/admin/proposals/{edit_id}/approve", data={"csrf_token": csrf, "then": "edit"})
    assert edited.status_code == 302 and "/admin/items/" in edited.headers["Location"]
    assert editor.post(f"/admin/proposals/{drop_id}/dismiss", data={"csrf_token": csrf}).status_code == 302
    session.expire_all()
    items = {i.title: i for i in session.scalars(select(Item))}
    assert items["New preprint: Fast graphs one"].status == Status.PUBLISHED
    later = items["New preprint: Fast graphs two"]
    assert later.status == Status.SCHEDULED and later.publish_at == dt.datetime(
        2025, 3, 10, 9, 0, tzinfo=dt.UTC
    )
    assert items["New preprint: Fast graphs three"].status == Status.DRAFT
    assert "New preprint: Fast graphs four" not in items
    statuses = {p.id: p.status for p in session.scalars(select(Proposal))}
    assert statuses == {now_id: "approved", later_id: "approved", edit_id: "approved", drop_id: "dismissed"}
    # final: a second decision is refused with the reason
    again = editor.post(f"/admin/proposals/{drop_id}/approve", data={"csrf_token": csrf})
    assert again.status_code == 400 and b"final" in again.data
    listing = html.fromstring(editor.get("/admin/proposals").data)
    assert (
        not listing.xpath("//table[@class='proposals']")
        and len(listing.xpath("//ul[@class='decided']/li")) == 4
    )


def test_an_editor_cannot_decide_another_persons_proposal(editor: Any, session: Session) -> None:
    alan = Person(slug="alan", name="Alan Turing")
    session.add(alan)
    session.flush()
    (theirs,) = _proposals(session, alan, "Computable numbers")
    assert b"Computable numbers" not in editor.get("/admin/proposals").data
    csrf = token(editor, "/admin/proposals")
    assert editor.post(f"/admin/proposals/{theirs}/approve", data={"csrf_token": csrf}).status_code == 404
    assert editor.post(f"/admin/proposals/{theirs}/dismiss", data={"csrf_token": csrf}).status_code == 404
    bad = editor.post(f"/admin/proposals/{theirs}/approve", data={"csrf_token": csrf, "at": "soon"})
    assert bad.status_code in (400, 404)
    session.expire_all()
    assert session.scalar(select(Proposal.status)) == "pending"
