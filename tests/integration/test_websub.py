"""WebSub: every feed names the hub and itself; after a change the scheduler tells a hub (a real
HTTP server on loopback) which feeds changed, and a hub that was down is told later, about the
changes made while it was down as well."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from lxml import etree
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.config import Config
from newsfeed.domain.vocab import Kind
from newsfeed.jobs.websub import tell_hub
from newsfeed.services.items import update_item, with_changes
from newsfeed.services.websub import told
from tests import factories
from tests.conftest import make_config

NOW = factories.NOW


class Hub:
    """A WebSub hub's publish endpoint on loopback: records each hub.url told; answers 503 while
    ``down``."""

    def __init__(self) -> None:
        self.told: list[str] = []
        self.down = False
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
                length = int(self.headers.get("Content-Length", "0"))
                fields = urllib.parse.parse_qs(self.rfile.read(length).decode())
                if hub.down:
                    self.send_response(503)
                else:
                    assert fields["hub.mode"] == ["publish"]
                    hub.told += fields["hub.url"]
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/publish"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub() -> Iterator[Hub]:
    running = Hub()
    yield running
    running.close()


@pytest.fixture
def hub_config(tmp_path: Path, database_url: str, hub: Hub) -> Config:
    return make_config(tmp_path, database_url, feeds={"websub_hub": hub.url, "version_ttl": 0.0})


@pytest.fixture
def sessions(hub_config: Config) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(hub_config.database_url)
    yield session_factory(engine)
    engine.dispose()


def test_every_feed_names_the_hub_and_itself(hub_config: Config, app_factory: Any, hub: Hub) -> None:
    client = app_factory(hub_config).test_client()
    atom = feedparser.parse(client.get("/feed.atom").data).feed
    assert {(link.rel, link.href) for link in atom.links} >= {
        ("hub", hub.url),
        ("self", "http://news.example.org/feed.atom"),
    }
    rss = etree.fromstring(client.get("/kinds/talk/feed.rss").data)
    atom_links = {(x.get("rel"), x.get("href")) for x in rss.iter("{http://www.w3.org/2005/Atom}link")}
    assert atom_links >= {("hub", hub.url), ("self", "http://news.example.org/feed.rss?kind=talk")}
    document = json.loads(client.get("/feed.json").data)
    assert document["hubs"] == [{"type": "WebSub", "url": hub.url}]
    assert document["feed_url"] == "http://news.example.org/feed.json"


def test_the_hub_is_told_after_a_change_and_again_after_it_was_down(
    sessions: sessionmaker[Session], hub_config: Config, hub: Hub
) -> None:
    with sessions() as s:
        talk = factories.item(s, "Talk in Vienna", "03/2025", kind=Kind.TALK)
        s.commit()
    assert tell_hub(sessions, hub_config, now=NOW) == "told"
    assert set(hub.told) == {f"http://news.example.org/feed.{f}" for f in ("atom", "rss", "json")}
    assert tell_hub(sessions, hub_config, now=NOW + dt.timedelta(minutes=1)) == "current"

    hub.told.clear()
    hub.down = True
    with sessions() as s:
        talk = s.merge(talk)
        update_item(s, talk, with_changes(talk, title="Talk in Graz"), now=NOW + dt.timedelta(minutes=2))
        s.commit()
    failed = tell_hub(sessions, hub_config, now=NOW + dt.timedelta(minutes=3))
    assert failed.startswith("failed") and "503" in failed
    with sessions() as s:
        state = told(s)
        assert state.failures == 1 and state.next_at == NOW + dt.timedelta(minutes=4)
    assert tell_hub(sessions, hub_config, now=NOW + dt.timedelta(minutes=3, seconds=30)) == "waiting"

    hub.down = False
    assert tell_hub(sessions, hub_config, now=NOW + dt.timedelta(minutes=5)) == "told"
    # the change made while the hub was down: the site's feeds and the talk feeds
    assert "http://news.example.org/feed.atom" in hub.told
    assert "http://news.example.org/feed.atom?kind=talk" in hub.told
    with sessions() as s:
        assert told(s).failures == 0


def test_the_scheduler_tick_tells_the_hub(
    sessions: sessionmaker[Session], tmp_path: Path, database_url: str, hub: Hub, smtp: Any
) -> None:
    from newsfeed.adapters.mail import SMTPMailer
    from newsfeed.jobs.scheduler import tick

    config = make_config(
        tmp_path,
        database_url,
        feeds={"websub_hub": hub.url},
        mail={"transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": smtp.port, "timeout": 5.0},
    )
    with sessions() as s:
        factories.item(s, "Paper accepted", "03/2025", kind=Kind.ACCEPTANCE)
        s.commit()
    mailer = SMTPMailer("127.0.0.1", smtp.port)
    held, _, _ = tick(sessions, mailer, config, owner="a", clock=lambda: NOW, lease=dt.timedelta(minutes=3))
    assert held and "http://news.example.org/feed.atom" in hub.told


def test_a_hub_address_that_is_no_url_is_refused(tmp_path: Path) -> None:
    from newsfeed.config import ConfigError

    with pytest.raises(ConfigError, match="websub_hub"):
        make_config(tmp_path, feeds={"websub_hub": "hub.example.org"})
