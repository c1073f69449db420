"""Every route answers through the Flask test client, signed in, with real data: none is a 500."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters import state
from newsfeed.adapters.models import Item, Subscriber, User
from newsfeed.config import secret_key
from newsfeed.domain.vocab import Role
from newsfeed.services.demo import load_demo
from newsfeed.services.subscriptions import Preferences, add_confirmed, confirm_token
from newsfeed.services.users import hash_password
from tests import factories


def test_every_get_route_answers(session: Session, app: Any, client: Any, clock: Any) -> None:
    load_demo(session, now=factories.NOW, host="news.example.org")
    session.add(User(email="root@example.org", password_hash=hash_password("p" * 16), role=Role.ADMIN))
    add_confirmed(session, "reader@example.org", Preferences(), now=clock.now, confirmed=True)
    factories.item(session, "Tagged news", "02/2025", tags=["workshop"])
    state.mark(session, state.SCHEDULER_TICK, clock.now, text="a scheduler")  # /healthz/scheduler: alive
    session.commit()
    item_id = session.scalar(select(Item.id).where(Item.title.like("DeLTa%")))
    subscriber = session.scalar(select(Subscriber))
    assert subscriber is not None
    page = client.get("/admin/login").data.decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert (
        client.post(
            "/admin/login", data={"email": "root@example.org", "password": "p" * 16, "csrf_token": csrf}
        ).status_code
        == 302
    )
    values = {
        "item_id": str(item_id),
        "subscriber_id": str(subscriber.id),
        "kind": "organizing",
        "slug": "wei-huang",
        "fmt": "atom",
        "token": subscriber.token,
        "filename": "admin.js",
    }
    seen = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        url = rule.rule
        for name in rule.arguments:
            value = values[name]
            if rule.endpoint == "feeds.personal_calendar":
                value = subscriber.calendar_token
            if rule.endpoint == "subscribe.confirm_page":
                value = confirm_token(secret_key(app.extensions["newsfeed.config"]), subscriber, clock.now)
            if rule.rule.startswith("/tags/") and name == "slug":
                value = "workshop"
            url = re.sub(rf"<(?:\w+:)?{name}>", value, url)
        response = client.get(url)
        status = response.status_code
        response.close()
        assert status in (200, 302), (url, status)
        seen.add(rule.endpoint)
    assert {
        "feeds.tag_calendar",
        "feeds.person_calendar",
        "feeds.kind_calendar",
        "ops.healthz",
        "ops.scheduler_health",
    } <= seen
    assert len(seen) >= 25
