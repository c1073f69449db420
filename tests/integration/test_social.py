"""Cross-posting through the outbox, against a Mastodon instance on loopback (Mastodon.py as the
client): one post per item and account, even with a second sweep inside the first one's window
and a sweep that dies between the network's answer and its record; edits edit, retractions
delete; a rate-limited or failing account waits while the others go on; imports, backfill and
items published before the account are never posted."""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.models import Item, SocialAccount, SocialPost
from newsfeed.config import Config
from newsfeed.domain.importers import parse_text
from newsfeed.domain.vocab import Kind, Status
from newsfeed.jobs.social import deliver
from newsfeed.services.imports import apply_import
from newsfeed.services.items import update_item, with_changes
from newsfeed.services.social import AccountInput, add_account, secret_variable
from tests import factories
from tests.conftest import make_config
from tests.mastodon_server import TOKEN, Instance
from tests.social_kill import signal, sweep_killed_after_the_answer

NOW = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def instance() -> Iterator[Instance]:
    running = Instance()
    yield running
    running.close()


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Config:
    return make_config(
        tmp_path,
        database_url,
        sources={"allow_networks": "127.0.0.0/8"},
        site={"base_url": "https://news.example.org/"},
        social={"timeout": 5.0},
    )


@pytest.fixture
def sessions(config: Config) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(config.database_url)
    yield session_factory(engine)
    engine.dispose()


def _account(
    sessions: sessionmaker[Session], config: Config, name: str, url: str, monkeypatch: Any, *,
    token: str = TOKEN, at: dt.datetime = NOW - dt.timedelta(days=1), **extra: Any,
) -> None:  # fmt: skip
    monkeypatch.setenv(secret_variable(name), token)
    with sessions() as s:
        add_account(s, AccountInput(name=name, network="mastodon", url=url, **extra), now=at, config=config)
        s.commit()


def _item(sessions: sessionmaker[Session], title: str, *, at: dt.datetime = NOW, **extra: Any) -> int:
    with sessions() as s:
        item = factories.item(s, title, "1 Mar 2025", now=at, **extra)
        s.commit()
        return item.id


def _rows(sessions: sessionmaker[Session]) -> list[SocialPost]:
    with sessions() as s:
        return list(s.scalars(select(SocialPost).order_by(SocialPost.id)))


def test_a_second_sweep_inside_the_first_ones_window_posts_nothing_twice(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any
) -> None:
    _account(sessions, config, "lab", instance.url, monkeypatch)
    _account(sessions, config, "ada", instance.url, monkeypatch)
    first = _item(sessions, "Our paper was accepted at ICML 2025")
    second = _item(sessions, "Talk at the Vienna seminar", kind=Kind.TALK)
    inner: list[Any] = []

    def during_the_first(row: SocialPost) -> None:
        # the first sweep holds its rows and has just had the network's answer: a second sweep
        # (planning and delivering) runs now, before the first one records anything
        if not inner:
            inner.append(deliver(sessions, now=NOW, config=config))

    outer = deliver(sessions, now=NOW, config=config, after_answer=during_the_first)
    assert inner and inner[0].planned == 0 and inner[0].posted == 0  # it found everything taken
    assert outer.planned == 4 and outer.posted == 4
    rows = _rows(sessions)
    assert sorted((r.item_id, r.account_id) for r in rows) == sorted(
        (i, a) for i in (first, second) for a in (1, 2)
    )
    assert all(r.status == "done" and r.remote_id for r in rows)
    assert len(instance.statuses) == 4 and len({r.remote_id for r in rows}) == 4
    again = deliver(sessions, now=NOW + dt.timedelta(hours=1), config=config)
    assert again.planned == 0 and again.posted == 0 and len(instance.statuses) == 4


def test_a_sweep_killed_after_the_answer_repeats_nothing_on_mastodon(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any, tmp_path: Path,
    database_url: str,
) -> None:  # fmt: skip
    _account(sessions, config, "lab", instance.url, monkeypatch)
    _item(sessions, "Our paper was accepted at ICML 2025")
    data = {
        "instance_path": str(tmp_path / "instance"),
        "site": {"base_url": "https://news.example.org/"},
        "database": {"url": database_url},
        "sources": {"allow_networks": "127.0.0.0/8"},
        "social": {"timeout": 5.0},
    }
    code = sweep_killed_after_the_answer(data, NOW, {secret_variable("lab"): TOKEN})
    assert code == -signal.SIGKILL
    [row] = _rows(sessions)
    assert row.status == "sending" and row.remote_id is None  # the record never happened
    assert len(instance.statuses) == 1
    # within the lease nobody touches it; after it, the next sweep does it again: same key
    assert deliver(sessions, now=NOW + dt.timedelta(seconds=10), config=config).posted == 0
    later = deliver(sessions, now=NOW + dt.timedelta(minutes=5), config=config)
    assert later.posted == 1
    [row] = _rows(sessions)
    assert row.status == "done" and row.remote_id in instance.statuses
    assert len(instance.statuses) == 1  # Mastodon answered the repeat with the first status
    assert [p for p in instance.requests if p == ("POST", "/api/v1/statuses")] == [
        ("POST", "/api/v1/statuses")
    ] * 2


def test_an_edit_edits_the_status_and_a_retraction_deletes_it(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any
) -> None:
    _account(sessions, config, "lab", instance.url, monkeypatch)
    item_id = _item(sessions, "Our paper was accepted at ICML 2025")
    deliver(sessions, now=NOW, config=config)
    [row] = _rows(sessions)
    assert "Our paper was accepted at ICML 2025" in instance.statuses[row.remote_id or ""]["text"]
    with sessions() as s:
        item = s.get(Item, item_id)
        assert item is not None
        update_item(s, item, with_changes(item, title="Our paper was accepted at ICML 2025 as an oral"),
                    now=NOW + dt.timedelta(hours=1))  # fmt: skip
        s.commit()
    report = deliver(sessions, now=NOW + dt.timedelta(hours=1), config=config)
    assert report.edited == 1 and report.posted == 0
    status = instance.statuses[row.remote_id or ""]
    assert "as an oral" in status["text"] and status["edited_at"]
    # nothing changed since: nothing is edited again
    assert deliver(sessions, now=NOW + dt.timedelta(hours=2), config=config).edited == 0
    with sessions() as s:
        item = s.get(Item, item_id)
        assert item is not None
        update_item(s, item, with_changes(item, status=Status.RETRACTED), now=NOW + dt.timedelta(hours=3))
        s.commit()
    assert deliver(sessions, now=NOW + dt.timedelta(hours=3), config=config).deleted == 1
    assert row.remote_id in instance.deleted and not instance.statuses
    [done] = _rows(sessions)
    assert (done.action, done.status) == ("delete", "done")


def test_a_rate_limited_account_waits_and_the_others_go_on(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any
) -> None:
    other = Instance()
    try:
        _account(sessions, config, "busy", instance.url, monkeypatch)
        _account(sessions, config, "calm", other.url, monkeypatch)
        _item(sessions, "Our paper was accepted at ICML 2025")
        instance.limited = 5  # the instance's own answer: 429 with X-RateLimit-Reset in 5 minutes
        report = deliver(sessions, now=NOW, config=config)
        assert report.posted == 1 and report.waiting == 1 and report.failed == 0
        assert len(other.statuses) == 1 and not instance.statuses
        with sessions() as s:
            busy = s.scalar(select(SocialAccount).where(SocialAccount.name == "busy"))
            assert busy is not None and busy.limit_until is not None and busy.failing is None
        [waiting] = [r for r in _rows(sessions) if r.status != "done"]
        assert waiting.status == "pending" and waiting.attempts == 0  # a wait is not an attempt
        # until the reset the account is left alone (no request reaches the instance)
        asked = len(instance.requests)
        assert deliver(sessions, now=NOW + dt.timedelta(minutes=1), config=config).posted == 0
        assert len(instance.requests) == asked
        instance.limited = 0
        assert busy.limit_until is not None
        later = deliver(sessions, now=max(busy.limit_until, NOW) + dt.timedelta(seconds=1), config=config)
        assert later.posted == 1 and len(instance.statuses) == 1
    finally:
        other.close()


def test_a_503_backs_off_and_loses_nothing(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any
) -> None:
    _account(sessions, config, "lab", instance.url, monkeypatch)
    _item(sessions, "Our paper was accepted at ICML 2025")
    instance.failing = 2  # the instance answer (a limit look-up first) and the post
    assert deliver(sessions, now=NOW, config=config).posted == 0
    [row] = _rows(sessions)
    assert row.status == "pending" and row.attempts == 1 and row.next_attempt_at is not None
    assert deliver(sessions, now=NOW + dt.timedelta(minutes=1), config=config).posted == 0  # backing off
    assert deliver(sessions, now=row.next_attempt_at + dt.timedelta(seconds=1), config=config).posted == 1


def test_a_revoked_token_marks_the_account_failing_with_the_reason(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any
) -> None:
    _account(sessions, config, "lab", instance.url, monkeypatch, token="revoked-token")
    _item(sessions, "Our paper was accepted at ICML 2025")
    report = deliver(sessions, now=NOW, config=config)
    assert report.posted == 0 and report.waiting == 1
    with sessions() as s:
        account = s.scalar(select(SocialAccount))
        assert account is not None and "The access token is invalid" in (account.failing or "")
        assert TOKEN not in (account.failing or "") and "revoked-token" not in (account.failing or "")
    [row] = _rows(sessions)
    assert row.status == "pending"  # kept for when the account works again


def test_imports_backfill_and_what_came_before_the_account_are_never_posted(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any
) -> None:
    _item(sessions, "Accepted before the account existed", at=NOW - dt.timedelta(days=3))
    _account(sessions, config, "lab", instance.url, monkeypatch, at=NOW - dt.timedelta(days=2))
    _item(sessions, "Accepted two days ago, posted by nobody then", at=NOW - dt.timedelta(hours=30))
    with sessions() as s:
        news = "## News\n* 02/2025 Our paper was accepted at ICML 2025.\n* 01/2025 Best paper award at X.\n"
        apply_import(s, parse_text(news, today=NOW.date(), path="news.md"), person=None, now=NOW, host="h")
        s.commit()
    fresh = _item(sessions, "Our new paper was accepted at NeurIPS 2025")
    talk_of_other_kind = _item(sessions, "Moved to a new office", kind=Kind.OTHER)
    report = deliver(sessions, now=NOW, config=config)
    assert report.posted == 1
    [row] = _rows(sessions)
    assert row.item_id == fresh and row.item_id != talk_of_other_kind
    assert [s["text"].splitlines()[0] for s in instance.statuses.values()] == [
        "Our new paper was accepted at NeurIPS 2025"
    ]


def test_a_scheduled_item_is_posted_when_it_goes_live(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any
) -> None:
    from newsfeed.services.items import publish_due

    _account(sessions, config, "lab", instance.url, monkeypatch)
    _item(sessions, "Our paper will be public at noon", status=Status.SCHEDULED,
          publish_at=NOW + dt.timedelta(hours=3))  # fmt: skip
    assert deliver(sessions, now=NOW, config=config).posted == 0
    live = NOW + dt.timedelta(hours=3, minutes=1)
    with sessions() as s:
        publish_due(s, live)
        s.commit()
    assert deliver(sessions, now=live, config=config).posted == 1


def _jwt(did: str) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    exp = int((dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)).timestamp())
    head, claims = part({"alg": "ES256K", "typ": "at+jwt"}), part({"sub": did, "exp": exp, "scope": "x"})
    return f"{head}.{claims}.c2ln"


class _LimitedPds(BaseHTTPRequestHandler):
    """A PDS whose answers say the account's rate limit is used up, as a PDS says it
    (https://docs.bsky.app/docs/advanced-guides/rate-limits): ``ratelimit-remaining: 0`` with
    ``ratelimit-reset`` (epoch seconds) on the sign-in, then 429 ``RateLimitExceeded``."""

    reset = 0
    seen: list[str] = []

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: dict[str, Any], remaining: int) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ratelimit-limit", "30")
        self.send_header("ratelimit-remaining", str(remaining))
        self.send_header("ratelimit-reset", str(self.reset))
        self.send_header("ratelimit-policy", "30;w=300")
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append(self.path)
        if self.path.startswith("/xrpc/com.atproto.server.createSession"):
            did = "did:plc:ratelimitedaccount"
            made = {"did": did, "handle": "busy.test", "accessJwt": _jwt(did), "refreshJwt": _jwt(did)}
            self._send(200, made, remaining=0)
            return
        self._send(429, {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}, remaining=0)

    do_GET = do_POST


def test_a_bluesky_rate_limit_read_from_the_answers_makes_that_account_wait(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any
) -> None:
    reset = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=5)  # the PDS's clock
    _LimitedPds.reset = int(reset.timestamp())
    _LimitedPds.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LimitedPds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv(secret_variable("busy"), "app-pass-word")
        with sessions() as s:
            add_account(s, AccountInput(name="busy", network="bluesky", handle="busy.test",
                                        url=f"http://127.0.0.1:{server.server_address[1]}"),
                        now=NOW - dt.timedelta(days=1), config=config)  # fmt: skip
            s.commit()
        _account(sessions, config, "calm", instance.url, monkeypatch)
        _item(sessions, "Our paper was accepted at ICML 2025")
        report = deliver(sessions, now=NOW, config=config)
        assert report.posted == 1 and report.waiting == 1  # the Mastodon account went on
        # signed in, the answer said nothing is left: the post was not even asked for
        assert _LimitedPds.seen == ["/xrpc/com.atproto.server.createSession"]
        with sessions() as s:
            busy = s.scalar(select(SocialAccount).where(SocialAccount.name == "busy"))
            assert busy is not None and busy.limit_until == reset and busy.failing is None
            assert busy.session  # the session is kept: the next run does not sign in again
    finally:
        server.shutdown()
        server.server_close()


def test_the_schedulers_tick_posts_with_the_email(
    sessions: sessionmaker[Session], config: Config, instance: Instance, monkeypatch: Any
) -> None:
    from newsfeed.adapters.mail import mailer_from_config
    from newsfeed.jobs.scheduler import tick

    _account(sessions, config, "lab", instance.url, monkeypatch)
    _item(sessions, "Our paper was accepted at ICML 2025")
    mailer, lease = mailer_from_config(config), dt.timedelta(minutes=2)
    held, _published, report = tick(sessions, mailer, config, owner="t", clock=lambda: NOW, lease=lease)
    assert held and report is not None
    assert len(instance.statuses) == 1 and [r.status for r in _rows(sessions)] == ["done"]
