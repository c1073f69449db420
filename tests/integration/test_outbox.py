"""The outbox under a slow mail server, concurrent sweeps, hostile addresses and link scanners.

A real SMTP server (aiosmtpd) on loopback, SQLite or PostgreSQL. Every "at once" test checks
that the work really overlapped (both sweeps sent, one lost rows to the other).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.mail import mailer_from_config
from newsfeed.adapters.models import Delivery, Subscriber
from newsfeed.adapters.outbox import STORE
from newsfeed.config import Config
from newsfeed.domain.vocab import DeliveryKind, DeliveryStatus, SubscriberStatus
from newsfeed.jobs import sweep as outbox
from newsfeed.jobs.sweep import sweep
from newsfeed.services.digests import build_message
from newsfeed.services.planning import plan
from newsfeed.services.subscriptions import add_confirmed, read_preferences
from tests import factories
from tests.conftest import make_config
from tests.smtp_sink import SMTPSink

UTC = dt.UTC
MONDAY = dt.datetime(2025, 2, 3, 7, 0, tzinfo=UTC)  # weekly digests are due at 08:00 in Vienna


def _plain(message: Any) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def _config(tmp_path: Path, database_url: str, port: int, **digests: Any) -> Config:
    # the product's own timeout, or half a short lease (a lease must outlast the timeout): a busy
    # machine may take over a second to answer one message, and a 1 s timeout had failed a
    # delivery (to be retried later) and so a test that expects every message, once in CI
    timeout = min(30.0, float(digests.get("lease_seconds", 60)) / 2)
    return make_config(
        tmp_path,
        database_url,
        mail={"transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": port, "timeout": timeout},
        digests=digests,
    )


@pytest.fixture
def sessions(config: Config) -> Any:
    engine = make_engine(config.database_url)
    yield session_factory(engine)
    engine.dispose()


def _readers(sessions: sessionmaker[Session], n: int, prefix: str = "r") -> list[str]:
    addresses = [f"{prefix}{i:03d}@example.org" for i in range(n)]
    with sessions() as s:
        prefs = read_preferences(s, timezone="Europe/Vienna", lead_days="")
        for address in addresses:
            add_confirmed(s, address, prefs, now=MONDAY - dt.timedelta(days=30), confirmed=True)
        factories.item(s, "News", "01/2025", now=MONDAY - dt.timedelta(days=1))
        s.commit()
    return addresses


def _clock() -> Any:
    """Monday moving on with real time, shared by every sweep of a test (as the wall clock is)."""
    started = time.monotonic()
    return lambda: MONDAY + dt.timedelta(minutes=1, seconds=time.monotonic() - started)


def _recipients(smtp: SMTPSink) -> list[str]:
    return [m["To"] for m in smtp.messages]


@pytest.mark.slow
def test_a_sweep_that_outlives_its_lease_never_sends_twice(
    tmp_path: Path, database_url: str, smtp: SMTPSink
) -> None:
    config = _config(tmp_path, database_url, smtp.port, lease_seconds=2, batch_size=50)
    engine = make_engine(config.database_url)
    sessions = session_factory(engine)
    addresses = _readers(sessions, 20)
    smtp.recorder.delay = 0.25  # 20 messages take 5 s; the first sweep's lease lasts 2
    clock = _clock()
    reports: dict[str, Any] = {}

    def run(name: str) -> None:
        reports[name] = sweep(sessions, mailer_from_config(config), now=clock(), config=config, clock=clock)

    first = threading.Thread(target=run, args=("first",))
    first.start()
    time.sleep(3)  # the first sweep holds all 20; those it has not reached yet ran out at 2 s
    second = threading.Thread(target=run, args=("second",))
    second.start()
    first.join(60)
    second.join(60)
    engine.dispose()
    assert sorted(_recipients(smtp)) == addresses  # every message, once
    assert reports["first"].sent + reports["second"].sent == 20
    assert reports["second"].sent > 0 and reports["first"].lost > 0  # they really overlapped


def test_two_sweeps_with_more_rows_than_a_batch_split_the_work(
    tmp_path: Path, database_url: str, smtp: SMTPSink
) -> None:
    config = _config(tmp_path, database_url, smtp.port, batch_size=5)
    engine = make_engine(config.database_url)
    sessions = session_factory(engine)
    addresses = _readers(sessions, 30)
    smtp.recorder.delay = 0.02
    with sessions() as s:
        assert plan(s, now=MONDAY + dt.timedelta(minutes=1), config=config) == 30
        s.commit()
    barrier = threading.Barrier(2)
    reports: list[Any] = []

    def run() -> None:
        barrier.wait()
        reports.append(
            sweep(sessions, mailer_from_config(config), now=MONDAY + dt.timedelta(minutes=1), config=config)
        )

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    engine.dispose()
    assert sorted(_recipients(smtp)) == addresses
    assert all(r.sent > 0 for r in reports), [r.summary() for r in reports]  # both sent
    assert sum(r.sent for r in reports) == 30


def test_a_claim_takes_no_more_than_its_limit(sessions: Any, config: Config) -> None:
    _readers(sessions, 30)
    with sessions() as s:
        assert plan(s, now=MONDAY + dt.timedelta(minutes=1), config=config) == 30
        s.commit()
        now = MONDAY + dt.timedelta(minutes=1)
        taken = STORE.claim(s, now=now, token="a" * 32, limit=5, lease_until=now + dt.timedelta(minutes=5))
        s.commit()
        assert len(taken) == 5
        held = s.scalar(select(func.count(Delivery.id)).where(Delivery.status == DeliveryStatus.SENDING))
        assert held == 5


def test_plan_reports_what_it_created(sessions: Any, config: Config) -> None:
    _readers(sessions, 7)
    with sessions() as s:
        now = MONDAY + dt.timedelta(minutes=1)
        assert plan(s, now=now, config=config) == 7
        assert plan(s, now=now, config=config) == 0  # a second plan adds nothing
        s.commit()


def test_one_message_that_raises_never_blocks_the_others(
    tmp_path: Path, database_url: str, smtp: SMTPSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path, database_url, smtp.port, max_attempts=3)
    engine = make_engine(config.database_url)
    sessions = session_factory(engine)
    addresses = _readers(sessions, 12)
    bad = addresses[4]
    real = build_message

    def planted(session: Session, delivery: Delivery, **kw: Any) -> Any:
        if delivery.subscriber is not None and delivery.subscriber.email == bad:
            raise RuntimeError("a template that cannot be rendered")
        return real(session, delivery, **kw)

    monkeypatch.setattr(outbox, "build_message", planted)
    now = MONDAY + dt.timedelta(minutes=1)
    report = sweep(sessions, mailer_from_config(config), now=now, config=config)
    assert sorted(_recipients(smtp)) == sorted(a for a in addresses if a != bad)  # the same sweep
    assert report.sent == 11 and report.retried == 1
    with sessions() as s:
        row = s.scalar(select(Delivery).join(Delivery.subscriber).where(Subscriber.email == bad))
        assert row is not None and row.status == DeliveryStatus.PENDING and row.attempts == 1
        assert "a template that cannot be rendered" in (row.last_error or "")
        assert row.next_attempt_at is not None and row.next_attempt_at > now
    for hours in (1, 2):  # retried with backoff, then given up
        sweep(sessions, mailer_from_config(config), now=now + dt.timedelta(hours=hours), config=config)
    with sessions() as s:
        row = s.scalar(select(Delivery).join(Delivery.subscriber).where(Subscriber.email == bad))
        assert row is not None and row.status == DeliveryStatus.FAILED and row.attempts == 3
        assert "gave up after 3 attempts" in (row.last_error or "")
    engine.dispose()


@pytest.mark.parametrize("smtputf8", [True, False], ids=["server-with-smtputf8", "server-without"])
def test_international_addresses_go_out_as_punycode_or_wait_for_smtputf8_without_holding_others(
    tmp_path: Path, database_url: str, smtputf8: bool
) -> None:
    sink = SMTPSink(smtputf8=smtputf8).start()
    try:
        config = _config(tmp_path, database_url, sink.port)
        engine = make_engine(config.database_url)
        sessions = session_factory(engine)
        others = _readers(sessions, 5)
        with sessions() as s:
            prefs = read_preferences(s, timezone="Europe/Vienna", lead_days="")
            for address in ("ünï@exämple.org", "uni@exämple.org"):
                add_confirmed(s, address, prefs, now=MONDAY - dt.timedelta(days=30), confirmed=True)
            s.commit()
        report = sweep(
            sessions, mailer_from_config(config), now=MONDAY + dt.timedelta(minutes=1), config=config
        )
        recipients = [rcpt for _, rcpts in sink.recorder.envelopes for rcpt in rcpts]
        # the domain in punycode: any server takes it
        assert "uni@xn--exmple-cua.org" in recipients
        assert set(others) <= set(recipients)  # nobody else is held up
        with sessions() as s:
            row = s.scalar(
                select(Delivery).join(Delivery.subscriber).where(Subscriber.email == "ünï@exämple.org")
            )
            assert row is not None
            if smtputf8:
                assert "ünï@exämple.org" in recipients and row.status == DeliveryStatus.SENT
                assert report.sent == 7
            else:  # kept, with its reason, for a server that can take it
                assert row.status == DeliveryStatus.PENDING and "SMTPUTF8" in (row.last_error or "")
                assert report.sent == 6
        engine.dispose()
    finally:
        sink.stop()


# ---------------------------------------------------------------------------------------------
# the public form and its links


def _csrf(page: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m, page[:300]
    return m.group(1)


HOSTILE = [
    "root,postmaster,x@attacker.example",
    "a<b@attacker.example>",
    "g:a,b@attacker.example;",
    "Ada <ada@example.org>",
    "ada@example.org\r\nBcc: x@attacker.example",
    "\x00@example.org",
    "x" * 300 + "@example.org",
]


@pytest.mark.parametrize("address", HOSTILE, ids=range(len(HOSTILE)))
def test_an_address_that_is_not_one_mailbox_is_refused_naming_the_field(
    client: Any, session: Session, address: str
) -> None:
    page = client.get("/subscribe").data.decode()
    response = client.post(
        "/subscribe", data={"csrf_token": _csrf(page), "email": address, "cadence": "weekly", "lead_days": ""}
    )
    assert response.status_code == 400
    assert 'data-field="email"' in response.data.decode()
    assert session.scalar(select(func.count(Subscriber.id))) == 0


def test_an_international_address_is_welcome_at_the_form(client: Any, session: Session) -> None:
    page = client.get("/subscribe").data.decode()
    response = client.post(
        "/subscribe", data={"csrf_token": _csrf(page), "email": "Ünï@Exämple.org", "lead_days": ""}
    )
    assert response.status_code == 200
    assert session.scalar(select(Subscriber.email)) == "ünï@exämple.org"


def test_cli_refuses_a_list_of_addresses(runner: Any) -> None:
    result = runner(["subscribers", "add", "root,postmaster,x@attacker.example"])
    assert result.exit_code == 2 and "email:" in result.output


def test_subscribing_sends_nothing_in_the_request_and_is_throttled(
    app_factory: Any, tmp_path: Path, database_url: str, smtp: SMTPSink, clock: Any, sessions: Any
) -> None:
    config = make_config(
        tmp_path,
        database_url,
        mail={"transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": smtp.port},
        digests={"signups_per_hour": 5, "confirmations_per_day": 2},
    )
    client = app_factory(config).test_client()
    csrf = _csrf(client.get("/subscribe").data.decode())
    answers = []
    for _ in range(7):
        clock.advance(minutes=1)  # a new minute: not the same burst
        answers.append(
            client.post("/subscribe", data={"csrf_token": csrf, "email": "same@example.org", "lead_days": ""})
        )
    assert [a.status_code for a in answers] == [200] * 5 + [429] * 2
    assert "too many sign-ups" in answers[-1].data.decode()
    assert smtp.messages == []  # nothing sent inside a request
    with sessions() as s:
        queued = s.scalar(select(func.count(Delivery.id)).where(Delivery.kind == DeliveryKind.CONFIRMATION))
    assert queued == 2  # at most confirmations_per_day for one address, however often it is entered


def test_a_link_scanner_cannot_undo_an_unsubscribe(
    app_factory: Any, mail_config: Config, smtp: SMTPSink, clock: Any, sessions: Any
) -> None:
    client = app_factory(mail_config).test_client()
    csrf = _csrf(client.get("/subscribe").data.decode())
    client.post("/subscribe", data={"csrf_token": csrf, "email": "scan@example.org", "lead_days": ""})
    sweep(sessions, mailer_from_config(mail_config), now=clock.now, config=mail_config)
    (message,) = smtp.messages
    link = re.search(r"http://news\.example\.org(/subscribe/confirm/\S+)", _plain(message))
    assert link
    path = link.group(1)
    # the link carries no secret: its payload is the id, an epoch and the time it was issued
    payload = json.loads(base64.urlsafe_b64decode(path.rsplit("/", 1)[1].split(".")[0] + "=="))
    assert set(payload) == {"id", "e", "iat"}
    with sessions() as s:
        token = s.scalar(select(Subscriber.token))
    assert token not in path
    page = client.get(path)
    client.post(path, data={"csrf_token": _csrf(page.data.decode())})
    with sessions() as s:
        assert s.scalar(select(Subscriber.status)) == SubscriberStatus.CONFIRMED
    client.post(
        f"/unsubscribe/{token}",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    # a scanner fetches the old link, a person even clicks its button: nothing changes
    assert client.head(path).status_code == 400
    scanned = client.get(path)
    assert scanned.status_code == 400 and b"before an unsubscribe" in scanned.data
    assert client.post(path, data={"csrf_token": csrf}).status_code == 400
    with sessions() as s:
        assert s.scalar(select(Subscriber.status)) == SubscriberStatus.UNSUBSCRIBED


# ---------------------------------------------------------------------------------------------
# scheduler processes


INTERVAL, LEASE = 5, 10


@pytest.mark.slow
def test_two_scheduler_processes_never_run_two_ticks_at_once(
    sessions: Any, smtp: SMTPSink, config_file: Path, tmp_path: Path
) -> None:
    """A slow mail server makes a tick outlast the scheduler lease (10 s); the heartbeat keeps
    it, so the second scheduler stays idle; SIGTERM releases it at once for the other."""
    now = dt.datetime.now(UTC)
    with sessions() as s:
        prefs = read_preferences(s, timezone="UTC", lead_days="", cadence="daily")
        for i in range(60):
            add_confirmed(s, f"t{i:02d}@example.org", prefs, now=now - dt.timedelta(days=40), confirmed=True)
        factories.item(s, "Live news", "01/2025", now=now - dt.timedelta(hours=1))
        s.execute(update(Subscriber).values(last_digest_at=now - dt.timedelta(days=1)))
        s.commit()
    smtp.recorder.delay = 0.3  # 60 messages: about 18 s, longer than the 10 s lease
    env = {
        **os.environ,
        "NEWSFEED_MAIL_TRANSPORT": "smtp",
        "NEWSFEED_MAIL_SMTP_HOST": "127.0.0.1",
        "NEWSFEED_MAIL_SMTP_PORT": str(smtp.port),
        "NEWSFEED_DIGESTS_SEND_HOUR": "0",
        "NEWSFEED_DIGESTS_BATCH_SIZE": "10",
    }
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    procs = []
    for log in logs:
        with log.open("w") as out:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "newsfeed", "--config", str(config_file), "scheduler"]
                    + ["--interval", str(INTERVAL), "--lease", str(LEASE)],
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        time.sleep(1)
    try:
        deadline = time.monotonic() + 60
        while len(smtp.messages) < 60 and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(6)  # another round of both
        texts = [log.read_text() for log in logs]
        active = 0 if "tick started" in texts[0] else 1
        procs[active].send_signal(signal.SIGTERM)
        procs[active].wait(30)
        released = time.monotonic()
        other = logs[1 - active]
        while "tick started" not in other.read_text() and time.monotonic() - released < 20:
            time.sleep(0.2)
        took_over = time.monotonic() - released
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
    texts = [log.read_text() for log in logs]
    spans = []
    for n, text in enumerate(texts):
        starts = [float(x) for x in re.findall(r"tick started at ([\d.]+)", text)]
        ends = [float(x) for x in re.findall(r"tick finished at ([\d.]+)", text)]
        spans += [
            (start, end, n) for start, end in zip(starts, ends + [float("inf")] * len(starts), strict=False)
        ]
    spans.sort()
    assert any(end - start > 10 for start, end, _ in spans)  # a tick did outlast the lease
    for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False):
        assert start >= end, texts  # never two ticks at once
    recipients = _recipients(smtp)
    assert len(recipients) == len(set(recipients)) == 60
    assert "lease released" in texts[active], texts[active][-3000:]
    # released at once: the other took over at its next tick (every INTERVAL), before the lease it
    # held (renewed every LEASE / 3 up to the kill) could have run out on its own
    assert took_over < LEASE
