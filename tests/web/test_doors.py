"""The smaller doors of issue 25, each closed: cached pages' links, the secret key, HTML freshness,
unlisted items, sign-in ceilings."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import html
from sqlalchemy.orm import Session

from tests import factories


def test_a_cached_page_links_only_the_parsed_filter_and_page(client: Any, session: Session) -> None:
    factories.person(session, "ada", "Ada Lovelace")
    for n in range(60):
        factories.item(session, f"Talk {n}", "05/2024", person="ada")
    session.commit()
    for path in ("/?utm_source=mail&x=" + "y" * 500, "/people/ada?ref=twitter&kind=acceptance"):
        first = html.fromstring(client.get(path).data)
        links = first.xpath("//nav[@class='pager']//a/@href | //nav[@class='years']//a/@href")
        assert links and not [a for a in links if "utm_source" in a or "ref=" in a or "x=" in a], links
    # the same cached copy for a plain request: its links are the ones any visitor gets
    plain = html.fromstring(client.get("/").data)
    assert plain.xpath("//a[@rel='next']/@href") == ["/?page=2"]
    person = html.fromstring(client.get("/people/ada?kind=acceptance&page=2").data)
    assert person.xpath("//a[@rel='prev']/@href") == ["/people/ada?kind=acceptance"]


def _key_in_a_process(folder: str, barrier: Any, out: Any) -> None:
    from newsfeed.config import Config, secret_key

    barrier.wait()
    out.put(secret_key(Config(instance_path=folder)))


@pytest.mark.parametrize("trial", range(5))
def test_processes_starting_together_share_one_secret_key(tmp_path: Any, trial: int) -> None:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    barrier, out = context.Barrier(6), context.Queue()
    folder = str(tmp_path / f"instance{trial}")
    processes = [context.Process(target=_key_in_a_process, args=(folder, barrier, out)) for _ in range(6)]
    for p in processes:
        p.start()
    keys = {out.get(timeout=60) for _ in processes}
    for p in processes:
        p.join(timeout=60)
    assert len(keys) == 1 and len(next(iter(keys))) > 40
    assert sorted(p.name for p in (tmp_path / f"instance{trial}").iterdir()) == ["secret_key"]


def test_a_retraction_shows_on_every_worker_at_the_next_request(
    app_factory: Any, config: Any, session: Session
) -> None:
    """Two workers (two apps on one database), feeds trusting the version for a minute: the
    HTML pages still ask the database each time (one indexed read), and say so to browsers."""
    import dataclasses

    from newsfeed.domain.vocab import Status
    from newsfeed.services.items import input_of, update_item

    slow = dataclasses.replace(config, feeds=dataclasses.replace(config.feeds, version_ttl=60.0))
    first, second = app_factory(slow).test_client(), app_factory(slow).test_client()
    item = factories.item(session, "Soon retracted", "05/2024")
    session.commit()
    for worker in (first, second):
        page = worker.get("/")
        assert b"Soon retracted" in page.data and page.headers["Cache-Control"] == "no-cache"
        assert worker.get("/", headers={"If-None-Match": page.headers["ETag"]}).status_code == 304
    update_item(
        session, item, dataclasses.replace(input_of(item), status=Status.RETRACTED), now=factories.NOW
    )
    session.commit()  # written by neither worker (the CLI, the scheduler, another worker)
    for worker in (first, second):
        assert b"Soon retracted" not in worker.get("/").data


def test_sign_in_counts_an_ipv6_client_as_its_64_and_each_account_has_a_ceiling(
    session: Session, password_hash: str, app_factory: Any, config: Any, clock: Any
) -> None:
    from newsfeed.config import replace
    from newsfeed.services.auth import client_network
    from tests.web.test_admin import add_user, sign_in

    assert (
        client_network("2001:db8:1:2:aaaa::1")
        == client_network("2001:db8:1:2:ffff::9")
        == "2001:db8:1:2::/64"
    )
    assert client_network("::ffff:192.0.2.1") == "192.0.2.1" and client_network("192.0.2.1") == "192.0.2.1"
    app = app_factory(replace(config, admin={"login_attempts": 3, "account_attempts": 8}))
    add_user(session, password_hash)

    def client_at(address: str) -> Any:
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        return client

    # one machine rotating through its /64: the fourth try is refused, whatever the address
    for n in range(3):
        assert sign_in(client_at(f"2001:db8:1:2::{n + 1}"), password="wrong").status_code == 400
    assert sign_in(client_at("2001:db8:1:2::99")).status_code == 429
    assert sign_in(client_at("2001:db8:1:3::1")).status_code == 302  # another network: its owner
    # a guess spread over many addresses: after eight failures the account waits for everyone
    for n in range(8):
        assert sign_in(client_at(f"198.51.100.{n + 1}"), password="wrong").status_code == 400
    assert sign_in(client_at("203.0.113.50")).status_code == 429
    clock.advance(minutes=16)
    assert sign_in(client_at("203.0.113.50")).status_code == 302


def test_unlisted_items_are_found_only_by_their_link(
    client: Any, session: Session, password_hash: str
) -> None:
    from newsfeed.domain.vocab import Visibility
    from tests.web.test_admin import add_user, sign_in

    public = factories.item(session, "A public talk", "05/2024")
    hidden = factories.item(session, "A draft shared by link", "05/2024", visibility=Visibility.UNLISTED)
    session.commit()
    assert hidden.link_token and len(hidden.link_token) >= 20
    # walking the ids finds the public item only
    found = [i for i in range(1, 20) if client.get(f"/items/{i}").status_code == 200]
    assert found == [public.id]
    page = client.get(f"/items/{hidden.id}/{hidden.link_token}")
    assert page.status_code == 200 and b"A draft shared by link" in page.data
    assert page.headers["Cache-Control"] == "no-cache"
    assert client.get(f"/items/{hidden.id}/{hidden.link_token[:-1]}x").status_code == 404
    assert client.get(f"/items/{public.id}/{hidden.link_token}").status_code == 200  # a public one anyhow
    assert client.get(f"/items/{hidden.id}/calendar.ics").status_code == 404
    # an editor of it who follows an old /items/<id> link is sent to the new address
    add_user(session, password_hash)
    assert sign_in(client).status_code == 302
    moved = client.get(f"/items/{hidden.id}")
    assert moved.status_code == 302 and moved.headers["Location"].endswith(
        f"/items/{hidden.id}/{hidden.link_token}"
    )
