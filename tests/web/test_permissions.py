"""The permission matrix of the README, enforced over the whole URL map.

| who | public pages, feeds, subscribing | items, import, previews (own person) | subscribers, users |
| --- | --- | --- | --- |
| anonymous | yes | no (sign-in page; 401 for the API) | no |
| editor | yes | yes | no (403) |
| editor without a person | yes | no (403) | no (403) |
| admin | yes | yes | yes |
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, Paper, Person, Proposal, SocialAccount, Source, Subscriber, User
from newsfeed.domain.vocab import Role
from newsfeed.services.subscriptions import add_confirmed, read_preferences
from tests import factories
from tests.web.test_admin import sign_in

# ops: /healthz for anyone (a load balancer), /metrics for the addresses [metrics] allow names
PUBLIC = {"public", "feeds", "subscribe", "static", "ops"}
SIGN_IN = {"auth.login", "auth.logout"}
EDITORS = {
    "admin.items",
    "admin.new_item",
    "admin.create",
    "admin.edit",
    "admin.update",
    "admin.retract",
    "admin.history",
    "admin.date_preview",
    "admin.kind_suggestion",
    "admin.markdown_preview",
    "admin.import_form",
    "admin.import_preview",
    "admin.import_confirm",
    "admin.sources",
    "admin.add_source",
    "admin.sync_source",
    "admin.remove_source",
    "admin.people",
    "admin.person_form",
    "admin.save_person",
    "admin.proposals",
    "admin.approve_proposal",
    "admin.dismiss_proposal",
    "admin.social",
    "admin.add_social",
    "admin.remove_social",
    "admin.resume_social",
    "admin.repost_social",
}
ADMINS = {
    "admin.users",
    "admin.add_user",
    "admin.add_person",
    "admin.remove_person",
    "admin.subscribers",
    "admin.resend",
    "admin.remove_subscriber",
    "admin.preview_digest",
    "admin.test_digest",
}


def test_every_route_is_in_the_matrix(app: Any) -> None:
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.split(".")[0]
        assert blueprint in PUBLIC or rule.endpoint in SIGN_IN | EDITORS | ADMINS, rule.endpoint


def test_the_matrix_holds_for_every_route_and_method(session: Session, app: Any, password_hash: str) -> None:
    person = Person(slug="ed", name="Ed")
    session.add(person)
    session.add(User(email="root@example.org", password_hash=password_hash, role=Role.ADMIN))
    session.add(User(email="ed@example.org", password_hash=password_hash, role=Role.EDITOR, person=person))
    # made before editors needed a person (user create now refuses one): allowed nothing
    session.add(User(email="nobody@example.org", password_hash=password_hash, role=Role.EDITOR))
    add_confirmed(session, "reader@example.org", read_preferences(session), now=factories.NOW, confirmed=True)
    factories.item(session, person="ed")
    session.add(Source(name="ed-page", url="https://ed.example/", person=person, tags=[], last_report={}))
    session.flush()
    paper = Paper(person_id=person.id, title="Fast graphs", title_key="fastgraphs", authors=[], sources=[])
    session.add(paper)
    session.flush()
    session.add(
        Proposal(paper_id=paper.id, person_id=person.id, event="preprint", title="New preprint: Fast graphs")
    )
    session.add(SocialAccount(name="ed-mastodon", network="mastodon", url="https://m.example", person=person,
                              kinds=["talk"], tags=[]))  # fmt: skip
    session.commit()
    values = {
        "item_id": str(session.scalar(select(Item.id))),
        "subscriber_id": str(session.scalar(select(Subscriber.id))),
        "source_id": str(session.scalar(select(Source.id))),
        "proposal_id": str(session.scalar(select(Proposal.id))),
        "account_id": str(session.scalar(select(SocialAccount.id))),
        "slug": "ed",
    }
    clients: dict[str, Any] = {"anonymous": app.test_client()}
    for who, email in (
        ("editor", "ed@example.org"),
        ("admin", "root@example.org"),
        ("personless", "nobody@example.org"),
    ):
        clients[who] = app.test_client()
        assert sign_in(clients[who], email).status_code == 302
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in EDITORS | ADMINS:
            continue
        url = rule.rule
        for name in rule.arguments:
            url = re.sub(rf"<(?:\w+:)?{name}>", values[name], url)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            for who, client in clients.items():
                token = ""
                if who != "anonymous":
                    page = client.get("/admin/login").data.decode()  # every signed-in client sees it
                    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
                status = client.open(url, method=method, data={"csrf_token": token}).status_code
                if who == "anonymous":
                    assert status in (302, 400, 401), (who, method, url, status)  # 400: no CSRF token
                elif who == "personless" or (who == "editor" and rule.endpoint in ADMINS):
                    assert status == 403, (who, method, url, status)
                else:
                    assert status not in (401, 403), (who, method, url, status)
                checked += 1
    assert checked >= 4 * (len(EDITORS) + len(ADMINS))
