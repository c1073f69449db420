"""Races answer as if the requests had come one after the other: every read-then-insert of a
unique value (a subscriber's address, a tag, a person's slug, a source's name) is an insert-or-get,
so requests that arrive together get no 5xx and lose no action. Real threads against a real
server on loopback; the requests are released together by a barrier."""

from __future__ import annotations

import functools
import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Delivery, Item, Subscriber, Tag, User
from newsfeed.domain.vocab import Role
from tests import factories
from tests.conftest import PASSWORD


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def token(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as answer:
            page = answer.read().decode()
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert found is not None, page[:300]
        return found.group(1)

    def post(self, path: str, fields: dict[str, str]) -> int:
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=60) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)


def _together(actions: list[Callable[[], int]]) -> list[int]:
    """Run the actions in threads released at the same moment; their HTTP statuses."""
    start = threading.Barrier(len(actions), timeout=60)
    statuses: list[int] = []

    def run(action: Callable[[], int]) -> None:
        start.wait()
        statuses.append(action())

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def test_one_address_subscribed_twelve_times_at_once(live_server: str, session: Session) -> None:
    browsers = [Browser(live_server) for _ in range(12)]
    forms = [
        {
            "csrf_token": b.token("/subscribe"),
            "email": "same@example.org",
            "cadence": "weekly",
            "lead_days": "",
        }
        for b in browsers
    ]
    statuses = _together(
        [functools.partial(b.post, "/subscribe", f) for b, f in zip(browsers, forms, strict=True)]
    )
    assert sorted(statuses) == [200] * 12
    session.expire_all()
    assert session.scalar(select(func.count(Subscriber.id))) == 1
    assert session.scalar(select(func.count(Delivery.id))) == 1  # one confirmation, keyed per minute


def test_four_saves_adding_the_same_new_tag_at_once(
    live_server: str, session: Session, password_hash: str
) -> None:
    for n in range(4):  # an account each (signing in again elsewhere ends an account's other session)
        session.add(User(email=f"admin{n}@example.org", password_hash=password_hash, role=Role.ADMIN))
    ids = [factories.item(session, f"Item {n}", "05/2024").id for n in range(4)]
    session.commit()
    browsers = [Browser(live_server) for _ in ids]
    forms = []
    for n, (browser, item_id) in enumerate(zip(browsers, ids, strict=True)):
        login = {
            "csrf_token": browser.token("/admin/login"),
            "email": f"admin{n}@example.org",
            "password": PASSWORD,
        }
        assert browser.post("/admin/login", login) == 200
        with browser.opener.open(f"{live_server}/admin/items/{item_id}", timeout=30) as answer:
            page = answer.read().decode()
        fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
        fields |= {"title": f"Item {item_id}", "kind": "other", "posted": "05/2024", "status": "published",
                   "visibility": "public", "tags": "brand new tag", "milestone_count": "0"}  # fmt: skip
        forms.append((browser, item_id, fields))
    statuses = _together([functools.partial(b.post, f"/admin/items/{i}", f) for b, i, f in forms])
    assert all(s < 500 for s in statuses), statuses
    session.expire_all()
    assert session.scalar(select(func.count(Tag.id)).where(Tag.slug == "brand-new-tag")) == 1
    tagged = session.scalars(select(Item).where(Item.tags.any(Tag.slug == "brand-new-tag"))).all()
    assert len(tagged) == 4  # no save lost


def test_two_sources_named_alike_at_once(runner: Any, engine: Any, config: Any, session: Session) -> None:
    """Two adds of one name released together (each with its own connection, as two CLI
    processes would): one source is made, the other is told the name is taken."""
    import datetime as dt

    from newsfeed.adapters.db import session_factory
    from newsfeed.adapters.models import Source
    from newsfeed.domain.errors import InvalidInput
    from newsfeed.services.sources import add_source

    runner(["db", "upgrade"])
    start = threading.Barrier(2, timeout=30)
    made = session_factory(engine)
    outcomes: list[str] = []

    def add(n: int) -> None:
        with made() as own:
            start.wait()
            try:
                add_source(own, f"https://example.org/page{n}", name="lab-news", config=config,
                           now=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))  # fmt: skip
                own.commit()
                outcomes.append("made")
            except InvalidInput as exc:
                own.rollback()
                outcomes.append(str(exc))

    threads = [threading.Thread(target=add, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert outcomes.count("made") == 1, outcomes
    assert any("a source 'lab-news' exists already" in o for o in outcomes), outcomes
    assert session.scalar(select(func.count(Source.id)).where(Source.name == "lab-news")) == 1
