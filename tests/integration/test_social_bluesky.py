"""Posting to a real Bluesky PDS (the npm package @atproto/pds on loopback) with the atproto SDK:
the post read back from the PDS has the item's text, a link facet over the URL's bytes, tag
facets, an external embed card and the site's language; a sweep that dies after the PDS made the
record repeats nothing (the record key is the row's, found before creating); a retraction deletes
the record; the session is kept and refreshed, not re-created for each post."""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.models import Item, SocialAccount, SocialPost
from newsfeed.config import Config
from newsfeed.domain.vocab import Kind, Status
from newsfeed.jobs.social import deliver
from newsfeed.services.items import update_item, with_changes
from newsfeed.services.social import AccountInput, add_account, repost, secret_variable
from tests import factories
from tests.conftest import make_config
from tests.pds_server import Pds, start
from tests.smtp_sink import free_port
from tests.social_kill import signal, sweep_killed_after_the_answer

pytestmark = pytest.mark.slow
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


@pytest.fixture(scope="module")
def pds() -> Iterator[Pds]:
    running = start(free_port())
    yield running
    running.stop()


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Config:
    return make_config(
        tmp_path,
        database_url,
        sources={"allow_networks": "127.0.0.0/8, ::1/128"},
        site={"base_url": "https://news.example.org/", "language": "en"},
        social={"timeout": 20.0},
    )


@pytest.fixture
def sessions(config: Config) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(config.database_url)
    yield session_factory(engine)
    engine.dispose()


def _records(pds: Pds, did: str) -> list[dict[str, Any]]:
    url = f"{pds.url}/xrpc/com.atproto.repo.listRecords?repo={did}&collection=app.bsky.feed.post"
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310
        records: list[dict[str, Any]] = json.loads(answer.read())["records"]
        return records


def _follow(sessions: sessionmaker[Session], config: Config, pds: Pds, monkeypatch: Any, handle: str) -> str:
    did, password = pds.account(handle)
    monkeypatch.setenv(secret_variable("lab"), password)
    with sessions() as s:
        add_account(s, AccountInput(name="lab", network="bluesky", url=pds.url, handle=handle),
                    now=NOW - dt.timedelta(hours=1), config=config)  # fmt: skip
        s.commit()
    return did


def test_the_post_read_back_from_the_pds_has_its_text_facets_card_and_language(
    sessions: sessionmaker[Session], config: Config, pds: Pds, monkeypatch: Any
) -> None:
    did = _follow(sessions, config, pds, monkeypatch, "ada.test")
    title = "🎉 Our paper on fast graphs 👩🏽‍🔬 was accepted at ICML 2025 " + "with many words " * 20
    with sessions() as s:
        item = factories.item(
            s, title.strip(), "05/2025", now=NOW, venue="ICML 2025", tags=["graphs", "machine-learning"]
        )
        s.commit()
        item_id = item.id
    report = deliver(sessions, now=NOW, config=config)
    assert report.posted == 1, report.errors
    [record] = _records(pds, did)
    value = record["value"]
    text: str = value["text"]
    url = f"https://news.example.org/items/{item_id}"
    assert text.startswith("🎉 Our paper on fast graphs 👩🏽‍🔬 was accepted at ICML 2025 with many")
    assert "…\n05/2025 · ICML 2025\n" + url in text  # the title cut at a word, the link whole
    import regex

    assert len(regex.findall(r"\X", text)) <= 300
    encoded = text.encode()
    link = next(f for f in value["facets"] if f["features"][0]["$type"] == "app.bsky.richtext.facet#link")
    assert encoded[link["index"]["byteStart"] : link["index"]["byteEnd"]].decode() == url
    assert link["features"][0]["uri"] == url
    tags = [f for f in value["facets"] if f["features"][0]["$type"] == "app.bsky.richtext.facet#tag"]
    for facet in tags:
        shown = encoded[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode()
        assert shown == "#" + facet["features"][0]["tag"]
    assert value["embed"]["$type"] == "app.bsky.embed.external"
    assert value["embed"]["external"]["uri"] == url and value["embed"]["external"]["title"].startswith(
        "🎉 Our paper"
    )
    assert value["langs"] == ["en"]
    with sessions() as s:
        row = s.scalar(select(SocialPost))
        account = s.scalar(select(SocialAccount))
        assert row is not None and row.remote_id == record["uri"] and row.remote_cid == record["cid"]
        assert account is not None and account.session  # kept for the next run, never shown
        assert "password" not in (account.failing or "")


def test_a_sweep_killed_after_the_pds_made_the_record_repeats_nothing_and_a_retraction_deletes(
    sessions: sessionmaker[Session], config: Config, pds: Pds, monkeypatch: Any
) -> None:
    did = _follow(sessions, config, pds, monkeypatch, "bob.test")
    with sessions() as s:
        item = factories.item(s, "New preprint on engines", "05/2025", now=NOW, kind=Kind.PREPRINT)
        s.commit()
        item_id = item.id

    data = {
        "instance_path": str(config.instance_path),
        "site": {"base_url": "https://news.example.org/", "language": "en"},
        "database": {"url": config.database_url},
        "sources": {"allow_networks": "127.0.0.0/8, ::1/128"},
        "social": {"timeout": 20.0},
    }
    secret = {secret_variable("lab"): os.environ[secret_variable("lab")]}
    assert sweep_killed_after_the_answer(data, NOW, secret) == -signal.SIGKILL
    with sessions() as s:
        held = s.scalar(select(SocialPost))
        assert held is not None and held.status == "sending" and held.remote_id is None
    assert len(_records(pds, did)) == 1
    later = deliver(sessions, now=NOW + dt.timedelta(minutes=5), config=config)
    assert later.posted == 1, later.errors
    [record] = _records(pds, did)  # the repeat found the record under its key: still one
    with sessions() as s:
        row = s.scalar(select(SocialPost))
        assert row is not None and row.remote_id == record["uri"] and row.status == "done"
        found = s.get(Item, item_id)
        assert found is not None
        update_item(s, found, with_changes(found, status=Status.RETRACTED), now=NOW + dt.timedelta(minutes=6))
        s.commit()
    assert deliver(sessions, now=NOW + dt.timedelta(minutes=6), config=config).deleted == 1
    assert _records(pds, did) == []


def test_a_bluesky_post_is_reposted_as_the_item_now_is_and_the_session_is_reused(
    sessions: sessionmaker[Session], config: Config, pds: Pds, monkeypatch: Any
) -> None:
    from atproto import Client

    did = _follow(sessions, config, pds, monkeypatch, "cyril.test")
    sign_ins: list[str] = []
    login = Client.login

    def counted(
        self: Any, login_name: Any = None, password: Any = None, session_string: Any = None, **kw: Any
    ) -> Any:
        sign_ins.append("session" if session_string else "password")
        return login(self, login_name, password, session_string, **kw)

    monkeypatch.setattr(Client, "login", counted)
    with sessions() as s:
        item = factories.item(s, "Talk at the graph seminar", "05/2025", now=NOW, kind=Kind.TALK)
        s.commit()
        item_id = item.id
    assert deliver(sessions, now=NOW, config=config).posted == 1
    with sessions() as s:
        found = s.get(Item, item_id)
        assert found is not None
        update_item(s, found, with_changes(found, title="Keynote at the graph seminar"), now=NOW)
        s.commit()
    edited = deliver(sessions, now=NOW + dt.timedelta(minutes=1), config=config)
    assert edited.edited == 0 and edited.posted == 0  # Bluesky has no edit: left as posted
    [record] = _records(pds, did)
    assert record["value"]["text"].startswith("Talk at the graph seminar")
    with sessions() as s:
        account = s.scalar(select(SocialAccount))
        assert account is not None
        repost(s, item_id, account, now=NOW + dt.timedelta(minutes=2))
        s.commit()
    again = deliver(sessions, now=NOW + dt.timedelta(minutes=2), config=config)
    assert (again.deleted, again.posted) == (1, 1), again.errors
    [record] = _records(pds, did)
    assert record["value"]["text"].startswith("Keynote at the graph seminar")
    # the first run signed in with the app password; the repost's run took up the kept session
    # (the run in between asked Bluesky nothing)
    assert sign_ins == ["password", "session"]
