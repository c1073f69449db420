"""Email with a real SMTP server (aiosmtpd): opt-in, digests, reminders, exactly-once delivery."""

from __future__ import annotations

import datetime as dt
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
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.mail import SMTPMailer, mailer_from_config
from newsfeed.adapters.models import Delivery, Item, Subscriber
from newsfeed.config import Config
from newsfeed.domain.periods import period_due
from newsfeed.domain.vocab import DeliveryStatus, Kind, Status, SubscriberStatus
from newsfeed.jobs.sweep import sweep
from newsfeed.services.digests import preview
from newsfeed.services.items import ItemInput, MilestoneInput, update_item
from newsfeed.services.subscriptions import Preferences, add_confirmed, read_preferences
from tests import factories
from tests.conftest import make_config
from tests.smtp_sink import SMTPSink, free_port

UTC = dt.UTC
# Monday 3 February 2025, 08:00 in Vienna (07:00 UTC): weekly digests are due.
MONDAY = dt.datetime(2025, 2, 3, 7, 0, tzinfo=UTC)


@pytest.fixture
def sessions(mail_config: Config) -> Any:
    engine = make_engine(mail_config.database_url)
    yield session_factory(engine)
    engine.dispose()


def _subscriber(sessions: sessionmaker[Session], email: str, *, at: dt.datetime, **prefs: Any) -> None:
    with sessions() as s:
        if "lead_days" in prefs:
            prefs["lead_days"] = ",".join(str(d) for d in prefs["lead_days"])
        add_confirmed(s, email, read_preferences(s, **prefs), now=at, confirmed=True)
        s.commit()


def _run(sessions: sessionmaker[Session], config: Config, now: dt.datetime) -> Any:
    return sweep(sessions, mailer_from_config(config), now=now, config=config)


def _count(sessions: sessionmaker[Session], **where: Any) -> int:
    with sessions() as s:
        query = select(func.count(Delivery.id))
        for key, value in where.items():
            query = query.where(getattr(Delivery, key) == value)
        return s.scalar(query) or 0


# ---------------------------------------------------------------------------------------------
# subscribing


def test_double_opt_in_through_the_web(
    app_factory: Any, mail_config: Config, smtp: Any, clock: Any, sessions: Any
) -> None:
    client = app_factory(mail_config).test_client()
    page = client.get("/subscribe").data.decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    form = {
        "csrf_token": csrf,
        "email": "Ada@Example.org",
        "cadence": "weekly",
        "kinds": ["talk", "travel"],
        "timezone": "Asia/Tokyo",
        "lead_days": "7, 1",
    }
    first = client.post("/subscribe", data=form)
    assert first.status_code == 200 and b"Check your inbox" in first.data
    assert smtp.messages == []  # no mail inside the request: the outbox has it
    assert _run(sessions, mail_config, clock.now).sent == 1  # what the scheduler does within a minute
    (message,) = smtp.recorder.to("ada@example.org")
    assert message["Subject"].startswith("Confirm your subscription")
    link = re.search(
        r"http://news\.example\.org(/subscribe/confirm/\S+)", message.get_body(("plain",)).get_content()
    )
    assert link
    with sessions() as s:
        sub = s.scalar(select(Subscriber))
        assert sub is not None and sub.status == SubscriberStatus.PENDING and sub.lead_days == [7, 1]
    shown = client.get(link.group(1))  # a GET (a person, or a link scanner) shows one button
    assert shown.status_code == 200 and b"Yes, subscribe me" in shown.data
    assert client.head(link.group(1)).status_code == 200
    with sessions() as s:
        assert s.scalar(select(Subscriber.status)) == SubscriberStatus.PENDING
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', shown.data.decode()).group(1)  # type: ignore[union-attr]
    assert b"Subscribed" in client.post(link.group(1), data={"csrf_token": csrf}).data
    with sessions() as s:
        sub = s.scalar(select(Subscriber))
        assert sub is not None and sub.status == SubscriberStatus.CONFIRMED and sub.timezone == "Asia/Tokyo"
    # subscribing again: the same answer, and a confirmed subscriber stays confirmed
    clock.advance(minutes=5)
    again = client.post("/subscribe", data={**form, "cadence": "daily"})
    assert again.data == first.data
    _run(sessions, mail_config, clock.now)
    assert smtp.recorder.to("ada@example.org")[-1]["Subject"].startswith("Your subscription to")
    with sessions() as s:
        sub = s.scalar(select(Subscriber))
        assert sub is not None and sub.status == SubscriberStatus.CONFIRMED and sub.cadence.value == "weekly"
    # a bad field is a 400 naming it
    bad = client.post("/subscribe", data={**form, "timezone": "Mars/Olympus"})
    assert bad.status_code == 400 and b"timezone" in bad.data
    # an expired link says so
    clock.advance(hours=73)
    assert client.get(link.group(1)).status_code == 400
    assert client.post(link.group(1), data={"csrf_token": csrf}).status_code == 400


# ---------------------------------------------------------------------------------------------
# digests


def test_weekly_digest_headers_parts_and_exactly_once(sessions: Any, mail_config: Config, smtp: Any) -> None:
    # confirmed on Tuesday 28 January: the week-5 digest (due Monday 27th) is not theirs
    confirmed = dt.datetime(2025, 1, 28, 9, tzinfo=UTC)
    _subscriber(sessions, "tokyo@example.org", at=confirmed, timezone="Asia/Tokyo", lead_days=())
    with sessions() as s:
        factories.item(s, "Paper accepted at ICML", "01/2025", now=MONDAY - dt.timedelta(days=2))
        factories.item(
            s,
            "We organise DeLTa",
            "12/2024",
            kind=Kind.ORGANIZING,
            now=MONDAY - dt.timedelta(days=3),
            milestones=[("Paper submission", "1 Feb 2025, 11.59pm AoE")],
        )
        s.commit()
    report = _run(sessions, mail_config, MONDAY - dt.timedelta(days=4))  # Thursday: nothing due for them
    assert report.sent == 0
    # Tokyo's Monday 08:00 is Sunday 23:00 UTC: their weekly digest
    with sessions() as s:
        key, due = period_due(s.scalar(select(Subscriber)).cadence, MONDAY, "Asia/Tokyo", 8)
    assert (key, due) == ("2025-W06", dt.datetime(2025, 2, 2, 23, 0, tzinfo=UTC))
    report = _run(sessions, mail_config, due + dt.timedelta(minutes=1))
    assert report.sent == 1
    (message,) = smtp.recorder.to("tokyo@example.org")
    assert message["Subject"] == "Test Lab News: 2 new (week 6, 2025)"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = " ".join(str(message["List-Unsubscribe"]).split())  # a long header may be folded
    assert re.fullmatch(
        r"<http://news\.example\.org/unsubscribe/\S+>, <mailto:news@example\.org\?subject=unsubscribe%20\S+>",
        unsubscribe,
    )
    assert message["List-Id"] == "Test Lab News <news.news.example.org>"
    with sessions() as s:
        delivery = s.scalar(select(Delivery).where(Delivery.status == DeliveryStatus.SENT))
        assert delivery is not None
        assert message["Message-ID"] == f"<digest.{delivery.id}@news.example.org>" == delivery.message_id
    assert message["Date"]
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    text = message.get_body(("plain",)).get_content()
    assert "Paper accepted at ICML" in text and "We organise DeLTa" in text
    # the deadline in its own zone and the reader's: 23:59 AoE is 20:59 the next day in Tokyo
    # (only "upcoming" when it is still ahead: it was on 1 Feb, so it is not)
    assert "Preferences" in text or "Change what you receive" in text
    # a second sweep in the same week sends nothing more
    assert _run(sessions, mail_config, due + dt.timedelta(hours=3)).sent == 0
    assert len(smtp.recorder.to("tokyo@example.org")) == 1


def test_the_preview_shows_the_digest_the_next_sweep_sends(
    sessions: Any, mail_config: Config, smtp: Any
) -> None:
    """On Thursday, after Monday's digest went out, the preview is next Monday's (not the week
    already sent, which no sweep would send again), and next Monday's sweep sends just that."""
    _subscriber(sessions, "vienna@example.org", at=MONDAY - dt.timedelta(days=10), timezone="Europe/Vienna")
    with sessions() as s:
        factories.item(s, "Paper accepted at ICML", "01/2025", now=MONDAY - dt.timedelta(days=2))
        s.commit()
    assert _run(sessions, mail_config, MONDAY).sent == 1  # week 6
    thursday = MONDAY + dt.timedelta(days=3)
    with sessions() as s:
        factories.item(s, "A talk at MIT", "02/2025", kind=Kind.TALK, now=thursday - dt.timedelta(hours=1))
        s.commit()
        subscriber = s.scalar(select(Subscriber))
        assert subscriber is not None
        why, message = preview(s, subscriber, now=thursday, config=mail_config)
    assert "period 2025-W07 due 2025-02-10 07:00 UTC" in why and "1 item(s) new" in why
    assert message is not None and message["Subject"] == "Test Lab News: 1 new item (week 7, 2025)"
    assert _run(sessions, mail_config, thursday).sent == 0  # what the preview said: nothing before Monday
    assert _run(sessions, mail_config, MONDAY + dt.timedelta(days=7)).sent == 1
    sent = smtp.recorder.to("vienna@example.org")[-1]
    assert sent["Subject"] == message["Subject"]
    assert "A talk at MIT" in sent.get_body(("plain",)).get_content()


def test_upcoming_in_both_zones_and_no_email_when_nothing_is_new(
    sessions: Any, mail_config: Config, smtp: Any
) -> None:
    start = dt.datetime(2025, 1, 20, 7, 0, tzinfo=UTC)  # a Monday, 08:00 Vienna
    _subscriber(
        sessions, "jp@example.org", at=start - dt.timedelta(days=8), timezone="Asia/Tokyo", lead_days=()
    )
    _subscriber(
        sessions, "vie@example.org", at=start - dt.timedelta(days=8), timezone="Europe/Vienna", lead_days=()
    )
    with sessions() as s:
        factories.item(
            s,
            "DeLTa deadlines",
            "12/2024",
            kind=Kind.ORGANIZING,
            now=start - dt.timedelta(days=20),
            milestones=[("Paper submission", "1 Feb 2025, 11.59pm AoE")],
        )
        s.commit()
    _run(sessions, mail_config, start + dt.timedelta(minutes=5))
    text = smtp.recorder.to("vie@example.org")[0].get_body(("plain",)).get_content()
    assert "1 Feb 2025, 23:59 AoE — 2 Feb 2025, 12:59 CET" in text
    html = smtp.recorder.to("jp@example.org")[0].get_body(("html",)).get_content()
    assert "1 Feb 2025, 23:59 AoE — 2 Feb 2025, 20:59 JST" in html
    # after the deadline, with no news: the next week's digest is not sent at all
    later = start + dt.timedelta(days=14, minutes=5)
    report = _run(sessions, mail_config, later)
    assert report.sent == 0 and report.cancelled == 2
    assert len(smtp.messages) == 2


def test_two_sweeps_at_once_deliver_one_message_per_key(
    sessions: Any, mail_config: Config, smtp: Any
) -> None:
    for n in range(30):
        _subscriber(
            sessions, f"s{n}@example.org", at=MONDAY - dt.timedelta(days=30), timezone="Europe/Vienna"
        )
    with sessions() as s:
        factories.item(s, "News", "01/2025", now=MONDAY - dt.timedelta(days=1))
        s.commit()
    smtp.recorder.delay = 0.01
    reports: list[Any] = []
    barrier = threading.Barrier(2)

    def one() -> None:
        barrier.wait()
        reports.append(_run(sessions, mail_config, MONDAY + dt.timedelta(minutes=1)))

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sum(r.sent for r in reports) == 30
    recipients = [m["To"] for m in smtp.messages]
    assert len(recipients) == len(set(recipients)) == 30
    assert _count(sessions) == 30


def test_smtp_down_then_back_loses_nothing(
    sessions: Any, mail_config: Config, tmp_path: Path, database_url: str
) -> None:
    from tests.conftest import make_config

    port = free_port()
    config = make_config(
        tmp_path,
        database_url,
        # down is a refused connection, at once; back, a busy machine may be slow to answer
        mail={"transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": port, "timeout": 10.0},
    )
    for n in range(5):
        _subscriber(
            sessions, f"d{n}@example.org", at=MONDAY - dt.timedelta(days=30), timezone="Europe/Vienna"
        )
    with sessions() as s:
        factories.item(s, "News", "01/2025", now=MONDAY - dt.timedelta(days=1))
        s.commit()
    down = _run(sessions, config, MONDAY + dt.timedelta(minutes=1))
    assert (down.sent, down.retried) == (0, 5)
    assert "cannot reach the SMTP server" in down.errors[0]
    assert _count(sessions, status=DeliveryStatus.PENDING) == 5
    sink = SMTPSink(port).start()
    try:
        too_soon = _run(sessions, config, MONDAY + dt.timedelta(minutes=1, seconds=30))
        assert too_soon.sent == 0  # backoff: not before next_attempt_at
        back = _run(sessions, config, MONDAY + dt.timedelta(minutes=5))
        assert back.sent == 5
        assert sorted(m["To"] for m in sink.messages) == [f"d{n}@example.org" for n in range(5)]
        assert _run(sessions, config, MONDAY + dt.timedelta(hours=1)).sent == 0
    finally:
        sink.stop()


def test_permanent_failures_are_kept_and_bounce(sessions: Any, mail_config: Config, smtp: Any) -> None:
    _subscriber(
        sessions,
        "gone@example.org",
        at=MONDAY - dt.timedelta(days=40),
        timezone="Europe/Vienna",
        cadence="daily",
    )
    smtp.recorder.refuse["gone@example.org"] = "550 5.1.1 no such user"
    for day in range(3):
        with sessions() as s:
            factories.item(s, f"News {day}", "01/2025", now=MONDAY + dt.timedelta(days=day))
            s.commit()
        _run(sessions, mail_config, MONDAY + dt.timedelta(days=day, hours=1))
    with sessions() as s:
        sub = s.scalar(select(Subscriber))
        assert sub is not None and sub.bounce_count == 3 and sub.status == SubscriberStatus.BOUNCED
        failed = s.scalars(select(Delivery).where(Delivery.status == DeliveryStatus.FAILED)).all()
        assert len(failed) == 3 and all("550" in (d.last_error or "") for d in failed)
    with sessions() as s:
        factories.item(s, "After the bounce", "02/2025", now=MONDAY + dt.timedelta(days=3))
        s.commit()
    assert _run(sessions, mail_config, MONDAY + dt.timedelta(days=3, hours=1)).claimed == 0


def test_a_digest_lists_at_most_max_items_as_excerpts_and_counts_the_rest(
    sessions: Any, mail_config: Config, smtp: Any
) -> None:
    """A 120-item sync arrives: the digest lists the newest 50, each an excerpt, then "and 70
    more" with a link to them all; its size does not grow with the bodies."""
    _subscriber(sessions, "reader@example.org", at=MONDAY - dt.timedelta(days=10), timezone="Europe/Vienna")
    long_tail = "the end of a very long body " * 200
    with sessions() as s:
        for n in range(120):
            factories.item(
                s,
                f"Item number {n:03d}",
                "01/2025",
                now=MONDAY - dt.timedelta(days=1),
                body=f"Start. {long_tail}",
            )
        s.commit()
    assert _run(sessions, mail_config, MONDAY).sent == 1
    (message,) = smtp.recorder.to("reader@example.org")
    assert message["Subject"] == "Test Lab News: 120 new (week 6, 2025)"
    text = message.get_body(("plain",)).get_content()
    assert len(re.findall(r"http://news\.example\.org/items/\d+", text)) == 50
    assert "... and 70 more: http://news.example.org/" in text
    html = message.get_body(("html",)).get_content()
    assert "… and 70 more" in html and html.count("/items/") == 50
    assert text.count("the end of a very long body") < 50 * 15  # excerpts, not 50 × 200 repeats
    assert len(message.as_bytes()) < 200_000


def test_a_message_the_server_finds_too_large_is_the_sites_failure_not_a_bounce(
    sessions: Any, mail_config: Config, smtp: Any
) -> None:
    _subscriber(
        sessions,
        "reader@example.org",
        at=MONDAY - dt.timedelta(days=40),
        timezone="Europe/Vienna",
        cadence="daily",
    )
    smtp.recorder.max_size = 500  # every digest is larger
    for day in range(4):
        with sessions() as s:
            factories.item(s, f"News {day}", "01/2025", now=MONDAY + dt.timedelta(days=day))
            s.commit()
        _run(sessions, mail_config, MONDAY + dt.timedelta(days=day, hours=1))
    with sessions() as s:
        sub = s.scalar(select(Subscriber))
        assert sub is not None and sub.bounce_count == 0 and sub.status == SubscriberStatus.CONFIRMED
        failed = s.scalars(select(Delivery).where(Delivery.status == DeliveryStatus.FAILED)).all()
        assert len(failed) == 4 and all("552 5.3.4" in (d.last_error or "") for d in failed)


def test_a_message_over_max_message_kb_is_never_sent(
    sessions: Any, tmp_path: Path, database_url: str, smtp: Any
) -> None:
    config = make_config(
        tmp_path,
        database_url,
        mail={"transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": smtp.port, "max_message_kb": 1},
    )
    _subscriber(sessions, "reader@example.org", at=MONDAY - dt.timedelta(days=10), timezone="Europe/Vienna")
    with sessions() as s:
        factories.item(s, "A paper", "01/2025", now=MONDAY - dt.timedelta(days=1), body="word " * 2000)
        s.commit()
    report = _run(sessions, config, MONDAY)
    assert report.sent == 0 and smtp.messages == []
    with sessions() as s:
        (delivery,) = s.scalars(select(Delivery)).all()
        assert delivery.status == DeliveryStatus.FAILED and "too large to send" in (delivery.last_error or "")
        sub = s.scalar(select(Subscriber))
        assert sub is not None and sub.bounce_count == 0


@pytest.mark.slow
def test_a_sweep_killed_mid_way_then_a_new_one_delivers_everything(
    sessions: Any, mail_config: Config, smtp: Any, tmp_path: Path, config_file: Path
) -> None:
    """SIGKILL during a sweep; the next sweep (after the lease) delivers every message once,
    except that the single message in flight at the kill may arrive twice."""
    count = 40
    for n in range(count):
        _subscriber(
            sessions, f"k{n:02d}@example.org", at=MONDAY - dt.timedelta(days=30), timezone="Europe/Vienna"
        )
    with sessions() as s:
        factories.item(s, "News", "01/2025", now=MONDAY - dt.timedelta(days=1))
        s.commit()
    smtp.recorder.delay = 0.05
    env = {
        **os.environ,
        "NEWSFEED_MAIL_TRANSPORT": "smtp",
        "NEWSFEED_MAIL_SMTP_HOST": "127.0.0.1",
        "NEWSFEED_MAIL_SMTP_PORT": str(smtp.port),
    }
    now = (MONDAY + dt.timedelta(minutes=1)).isoformat()
    started = time.monotonic()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsfeed",
            "--config",
            str(config_file),
            "digest",
            "run",
            "--now",
            now,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(smtp.messages) < 10 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    ran = dt.timedelta(seconds=time.monotonic() - started)
    proc.wait(10)
    time.sleep(0.5)  # the sink may still be storing the message that was in flight at the kill
    delivered_before = len(smtp.messages)
    assert 10 <= delivered_before < count
    smtp.recorder.delay = 0
    # too early: the dead sweep's lease still holds its rows
    assert _run(sessions, mail_config, MONDAY + dt.timedelta(minutes=2)).sent == 0
    lease = dt.timedelta(seconds=mail_config.digests.lease_seconds)
    # the dead sweep's clock ran on from --now with real time, and each send renewed its lease:
    # its last lease ends at most `ran` after --now (seconds on a busy machine)
    at = MONDAY + dt.timedelta(minutes=1) + ran + lease + dt.timedelta(seconds=1)
    reports = [_run(sessions, mail_config, at)]
    while reports[-1].retried and len(reports) < 5:
        # a send the loaded machine let time out is retried later, as in production: sweep again
        at += dt.timedelta(hours=2)
        reports.append(_run(sessions, mail_config, at))
    seen = [r.summary() for r in reports]
    with sessions() as s:
        by_status = s.execute(select(Delivery.status, func.count()).group_by(Delivery.status)).all()
        seen.append(str(dict(by_status)))
    recipients = [m["To"] for m in smtp.messages]
    assert set(recipients) == {f"k{n:02d}@example.org" for n in range(count)}, seen
    duplicates = len(recipients) - len(set(recipients))
    assert duplicates <= 1, seen  # at most the one in flight at the kill
    assert sum(r.sent for r in reports) == count - delivered_before + duplicates, seen
    assert _count(sessions, status=DeliveryStatus.SENT) == count, seen


# ---------------------------------------------------------------------------------------------
# reminders


def test_reminders_at_each_lead_time_and_moving_the_milestone(
    sessions: Any, mail_config: Config, smtp: Any
) -> None:
    deadline = dt.datetime(2025, 2, 2, 11, 59, tzinfo=UTC)  # 1 Feb 2025, 23:59 AoE
    joined = dt.datetime(2025, 1, 2, tzinfo=UTC)  # after January's monthly digest was due
    _subscriber(
        sessions,
        "r@example.org",
        at=joined,
        timezone="Europe/Vienna",
        cadence="monthly",
        lead_days=(7, 3),
        kinds=("organizing",),
    )
    _subscriber(sessions, "other@example.org", at=joined, kinds=("talk",), cadence="monthly")
    with sessions() as s:
        item = factories.item(
            s,
            "DeLTa",
            "12/2024",
            kind=Kind.ORGANIZING,
            now=joined,
            milestones=[("Paper submission", "1 Feb 2025, 11.59pm AoE")],
        )
        item_id = item.id
        s.commit()

    def reminders(address: str) -> list[str]:
        return [m["Subject"] for m in smtp.recorder.to(address) if m["Subject"].startswith("Reminder")]

    quiet = dt.datetime(2025, 1, 20, 12, tzinfo=UTC)
    assert _run(sessions, mail_config, quiet).sent == 0  # nothing due: 7 days before is 26 Jan
    _run(sessions, mail_config, deadline - dt.timedelta(days=7) + dt.timedelta(minutes=1))
    assert reminders("r@example.org") == ["Reminder: Paper submission in 7 days — DeLTa"]
    (seven,) = smtp.recorder.to("r@example.org")
    assert "1 Feb 2025, 23:59 AoE — 2 Feb 2025, 12:59 CET" in seven.get_body(("plain",)).get_content()
    assert _run(sessions, mail_config, deadline - dt.timedelta(days=5)).sent == 0
    # the deadline moves a week later: no reminder for the old date; the 3-day one comes 3 days
    # before the new date
    with sessions() as s:
        item = s.get(Item, item_id)
        from newsfeed.domain.dates import parse

        moved = ItemInput(
            title=item.title,
            posted=item.posted,
            kind=item.kind,
            milestones=[
                MilestoneInput("Paper submission", parse("8 Feb 2025, 11.59pm AoE", today=quiet.date()))
            ],
        )
        update_item(s, item, moved, now=deadline - dt.timedelta(days=4))
        s.commit()
    _run(sessions, mail_config, deadline - dt.timedelta(days=3) + dt.timedelta(minutes=1))
    assert len(reminders("r@example.org")) == 1
    new_deadline = deadline + dt.timedelta(days=7)
    _run(sessions, mail_config, new_deadline - dt.timedelta(days=3) + dt.timedelta(minutes=1))
    assert reminders("r@example.org")[-1] == "Reminder: Paper submission in 3 days — DeLTa"
    # no reminder for an instant already past, and none for those who do not follow the kind
    _run(sessions, mail_config, new_deadline + dt.timedelta(hours=1))
    assert reminders("other@example.org") == []
    assert len(reminders("r@example.org")) == 2


def test_daily_digest_across_a_dst_change(sessions: Any, mail_config: Config, smtp: Any) -> None:
    """Vienna moves to summer time on 30 March 2025: 08:00 is 07:00 UTC before, 06:00 UTC after."""
    from newsfeed.domain.vocab import Cadence

    before = period_due(Cadence.DAILY, dt.datetime(2025, 3, 29, 12, tzinfo=UTC), "Europe/Vienna", 8)
    after = period_due(Cadence.DAILY, dt.datetime(2025, 3, 30, 12, tzinfo=UTC), "Europe/Vienna", 8)
    assert before == ("2025-03-29", dt.datetime(2025, 3, 29, 7, 0, tzinfo=UTC))
    assert after == ("2025-03-30", dt.datetime(2025, 3, 30, 6, 0, tzinfo=UTC))
    # joined after the 28 March digest was due: the first is that of the 29th
    _subscriber(
        sessions,
        "dst@example.org",
        at=dt.datetime(2025, 3, 28, 8, tzinfo=UTC),
        timezone="Europe/Vienna",
        cadence="daily",
    )
    for day, hour in ((29, 7), (30, 6), (31, 6)):
        with sessions() as s:
            factories.item(
                s, f"News of the {day - 1}th", "03/2025", now=dt.datetime(2025, 3, day - 1, 12, tzinfo=UTC)
            )
            s.commit()
        early = _run(
            sessions, mail_config, dt.datetime(2025, 3, day, hour, tzinfo=UTC) - dt.timedelta(minutes=1)
        )
        on_time = _run(sessions, mail_config, dt.datetime(2025, 3, day, hour, 1, tzinfo=UTC))
        assert (early.sent, on_time.sent) == (0, 1), day
    assert [m["Subject"].split("(")[1] for m in smtp.messages] == [
        "29 March 2025)",
        "30 March 2025)",
        "31 March 2025)",
    ]


# ---------------------------------------------------------------------------------------------
# unsubscribing


def test_one_click_unsubscribe(app_factory: Any, mail_config: Config, sessions: Any, smtp: Any) -> None:
    _subscriber(sessions, "bye@example.org", at=MONDAY - dt.timedelta(days=30), timezone="Europe/Vienna")
    with sessions() as s:
        factories.item(s, "News", "01/2025", now=MONDAY - dt.timedelta(days=1))
        s.commit()
    _run(sessions, mail_config, MONDAY + dt.timedelta(minutes=1))
    (message,) = smtp.messages
    url = re.search(
        r"<http://news\.example\.org(/unsubscribe/[^>]+)>", str(message["List-Unsubscribe"])
    ).group(1)  # type: ignore[union-attr]
    client = app_factory(mail_config).test_client()
    page = client.get(url)
    assert page.status_code == 200 and b"<button" in page.data and b"bye@example.org" in page.data
    with sessions() as s:
        assert s.scalar(select(Subscriber.status)) == SubscriberStatus.CONFIRMED  # a GET changes nothing
    # RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click", with no CSRF token
    done = client.post(
        url, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert done.status_code == 200 and b"Unsubscribed" in done.data
    with sessions() as s:
        assert s.scalar(select(Subscriber.status)) == SubscriberStatus.UNSUBSCRIBED
        factories.item(s, "More news", "02/2025", now=MONDAY + dt.timedelta(days=2))
        s.commit()
    assert _run(sessions, mail_config, MONDAY + dt.timedelta(days=7, minutes=1)).sent == 0
    assert client.post("/unsubscribe/not-a-token").status_code == 404


def test_scheduled_items_are_published_by_the_scheduler_tick_and_a_second_scheduler_idles(
    sessions: Any, mail_config: Config, smtp: Any
) -> None:
    from newsfeed.jobs.scheduler import tick

    with sessions() as s:
        factories.item(
            s,
            "Embargoed",
            "02/2025",
            status=Status.SCHEDULED,
            publish_at=MONDAY + dt.timedelta(minutes=30),
            now=MONDAY,
        )
        s.commit()
    mailer = SMTPMailer("127.0.0.1", smtp.port)
    lease = dt.timedelta(minutes=3)
    at = {"now": MONDAY}
    first = tick(sessions, mailer, mail_config, owner="a", clock=lambda: at["now"], lease=lease)
    second = tick(sessions, mailer, mail_config, owner="b", clock=lambda: at["now"], lease=lease)
    assert first[0] is True and second == (False, 0, None)
    at["now"] = MONDAY + dt.timedelta(minutes=31)
    held, published, _ = tick(sessions, mailer, mail_config, owner="a", clock=lambda: at["now"], lease=lease)
    assert (held, published) == (True, 1)
    with sessions() as s:
        assert s.scalar(select(Item.status)) == Status.PUBLISHED
    at["now"] = MONDAY + dt.timedelta(minutes=40)  # "a" died; its lease ran out: "b" takes over
    assert tick(sessions, mailer, mail_config, owner="b", clock=lambda: at["now"], lease=lease)[0] is True


# ---------------------------------------------------------------------------------------------
# operators' commands and the admin pages


def test_cli_subscribers_add_import_preview_and_run(
    runner: Any, tmp_path: Path, sessions: Any, config_file: Path
) -> None:
    added = runner(
        [
            "subscribers",
            "add",
            "ops@example.org",
            "--cadence",
            "daily",
            "--kind",
            "talk",
            "--lead-days",
            "7,1",
            "--timezone",
            "Europe/Vienna",
            "--confirmed",
        ]
    )
    assert added.exit_code == 0 and "ops@example.org: confirmed" in added.output
    bad = runner(["subscribers", "add", "x@example.org", "--kind", "party"])
    assert bad.exit_code == 2 and "kinds: 'party' is not a kind (one of" in bad.output
    csv_bad = tmp_path / "bad.csv"
    csv_bad.write_text(
        "email,cadence,kinds,timezone,lead_days,confirmed\n"
        "a@example.org,weekly,talk;travel,Europe/Vienna,14;3,yes\n"
        "not-an-email,weekly,,UTC,,yes\n"
        "c@example.org,hourly,,UTC,,yes\n"
        "d@example.org,weekly,,Mars/Base,,yes\n"
    )
    result = runner(["subscribers", "import", str(csv_bad)])
    assert result.exit_code == 2
    for line in ("line 3: email:", "line 4: cadence: 'hourly'", "line 5: timezone: 'Mars/Base'"):
        assert line in result.output
    with sessions() as s:
        assert s.scalar(select(func.count(Subscriber.id))) == 1  # nothing of the file was imported
    good = tmp_path / "good.csv"
    good.write_text(
        "email,cadence,kinds,confirmed\na@example.org,weekly,talk,yes\nb@example.org,monthly,,no\n"
    )
    assert "imported 2 subscriber(s)" in runner(["subscribers", "import", str(good)]).output
    # the CLI works on the wall clock; --now moves "now" for the sweep and the preview
    real_now = dt.datetime.now(UTC)
    with sessions() as s:
        factories.item(s, "A talk at MIT", "01/2025", kind=Kind.TALK, now=real_now)
        s.commit()
    tomorrow = (real_now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%MZ")
    preview = runner(["digest", "preview", "ops@example.org", "--now", tomorrow])
    assert preview.exit_code == 0
    assert "daily digest" in preview.output and "1 item(s) new or updated" in preview.output
    assert "A talk at MIT" in preview.output
    assert runner(["digest", "preview", "nobody@example.org"]).exit_code == 2
    assert "--now: 'soon'" in runner(["digest", "run", "--now", "soon"]).output
    run = runner(["digest", "run", "--now", tomorrow])
    assert run.exit_code == 0 and "sent" in run.output


def test_admin_subscriber_pages_queue_resends_and_test_digests_and_show_no_token(
    app_factory: Any, mail_config: Config, sessions: Any, smtp: Any, clock: Any
) -> None:
    from newsfeed.adapters.models import User
    from newsfeed.domain.vocab import Role
    from newsfeed.services.users import hash_password

    with sessions() as s:
        s.add(User(email="boss@example.org", password_hash=hash_password("x" * 16), role=Role.ADMIN))
        add_confirmed(s, "pending@example.org", Preferences(), now=clock.now, confirmed=False)
        add_confirmed(
            s, "reader@example.org", Preferences(), now=clock.now - dt.timedelta(days=3), confirmed=True
        )
        factories.item(s, "Fresh news", "02/2025", now=clock.now - dt.timedelta(days=1))
        s.commit()
    client = app_factory(mail_config).test_client()
    page = client.get("/admin/login").data.decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.post("/admin/login", data={"email": "boss@example.org", "password": "x" * 16, "csrf_token": csrf})
    listing = client.get("/admin/subscribers").data.decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', listing).group(1)  # type: ignore[union-attr]  # a new session
    assert "pending@example.org" in listing and "reader@example.org" in listing
    with sessions() as s:
        pending_id = s.scalar(select(Subscriber.id).where(Subscriber.email == "pending@example.org"))
        reader_id = s.scalar(select(Subscriber.id).where(Subscriber.email == "reader@example.org"))
    clock.advance(minutes=2)
    assert (
        client.post(f"/admin/subscribers/{pending_id}/resend", data={"csrf_token": csrf}).status_code == 302
    )
    assert smtp.recorder.to("pending@example.org") == []  # queued, not sent inside the request
    _run(sessions, mail_config, clock.now)
    assert smtp.recorder.to("pending@example.org")[-1]["Subject"].startswith("Confirm your subscription")
    preview = client.get(f"/admin/subscribers/{reader_id}/preview").data.decode()
    assert "Fresh news" in preview and "weekly digest" in preview
    with sessions() as s:  # no admin page shows a subscriber's token
        tokens = s.scalars(select(Subscriber.token)).all()
    for page_url in ("/admin/subscribers", f"/admin/subscribers/{reader_id}/preview"):
        shown = client.get(page_url).data.decode()
        assert not any(token in shown for token in tokens), page_url
    assert client.post("/admin/subscribers/test-digest", data={"csrf_token": csrf}).status_code == 302
    assert smtp.recorder.to("boss@example.org") == []  # queued, not sent inside the request
    _run(sessions, mail_config, clock.now)
    (test,) = smtp.recorder.to("boss@example.org")
    assert "Fresh news" in test.get_body(("plain",)).get_content()
    assert (
        client.post(f"/admin/subscribers/{pending_id}/remove", data={"csrf_token": csrf}).status_code == 302
    )
    with sessions() as s:
        assert s.get(Subscriber, pending_id) is None


@pytest.mark.browser
def test_html_digest_renders_in_chromium(sessions: Any, mail_config: Config, smtp: Any) -> None:
    import shutil

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    from tests.web.test_browser import OUTPUT

    start = dt.datetime(2025, 1, 20, 7, 0, tzinfo=UTC)
    _subscriber(
        sessions, "see@example.org", at=start - dt.timedelta(days=8), timezone="Asia/Tokyo", lead_days=()
    )
    with sessions() as s:
        factories.item(
            s,
            "Seven papers accepted at NeurIPS 2024",
            "09/2024",
            body="**Seven** papers, see [the list](https://example.org).",
            now=start - dt.timedelta(days=2),
        )
        factories.item(
            s,
            "DeLTa deadlines",
            "12/2024",
            kind=Kind.ORGANIZING,
            now=start - dt.timedelta(days=1),
            milestones=[("Paper submission", "1 Feb 2025, 11.59pm AoE")],
        )
        s.commit()
    _run(sessions, mail_config, start + dt.timedelta(minutes=1))
    (message,) = smtp.recorder.to("see@example.org")
    html = message.get_body(("html",)).get_content()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 800, "height": 900})
        page.set_content(html)
        assert page.locator("div.item").count() == 2
        assert "20:59 JST" in page.locator("tr.upcoming").inner_text()
        page.screenshot(path=str(OUTPUT / "digest.png"), full_page=True)
        browser.close()
    assert (OUTPUT / "digest.png").stat().st_size > 5_000


def test_every_email_carries_a_preferences_link_and_preferences_can_change(
    app_factory: Any, mail_config: Config, smtp: Any, sessions: Any, clock: Any
) -> None:
    client = app_factory(mail_config).test_client()
    page = client.get("/subscribe").data.decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.post(
        "/subscribe",
        data={"csrf_token": csrf, "email": "p@example.org", "cadence": "weekly", "lead_days": "3"},
    )
    _run(sessions, mail_config, clock.now)
    (message,) = smtp.messages
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"http://news\.example\.org(/preferences/\S+)", text)
    assert link, text
    form = client.get(link.group(1)).data.decode()
    assert "p@example.org" in form and 'value="3"' in form
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    saved = client.post(
        link.group(1),
        data={
            "csrf_token": csrf,
            "cadence": "monthly",
            "kinds": ["award"],
            "timezone": "Asia/Tokyo",
            "lead_days": "7,1",
        },
    )
    assert saved.status_code == 200 and b"Saved." in saved.data
    with sessions() as s:
        sub = s.scalar(select(Subscriber))
        assert sub is not None
        assert (sub.cadence.value, sub.kinds, sub.timezone, sub.lead_days) == (
            "monthly",
            ["award"],
            "Asia/Tokyo",
            [7, 1],
        )
    bad = client.post(link.group(1), data={"csrf_token": csrf, "cadence": "hourly"})
    assert bad.status_code == 400 and b"cadence" in bad.data
    assert client.get("/preferences/nope").status_code == 404


@pytest.mark.slow
def test_the_scheduler_process_sends_once_and_a_second_one_stays_idle(
    sessions: Any, smtp: Any, config_file: Path, tmp_path: Path
) -> None:
    """Two `newsfeed scheduler` processes against one database: one holds the lease and sends."""
    now = dt.datetime.now(UTC)
    _subscriber(sessions, "live@example.org", at=now - dt.timedelta(days=40), timezone="UTC", cadence="daily")
    with sessions() as s:
        factories.item(s, "Live news", "01/2025", now=now - dt.timedelta(hours=1))
        # make today's digest due already, whatever the hour: yesterday's was the last one sent
        sub = s.scalar(select(Subscriber))
        assert sub is not None
        sub.last_digest_at = now - dt.timedelta(days=1)
        s.commit()
    env = {
        **os.environ,
        "NEWSFEED_MAIL_TRANSPORT": "smtp",
        "NEWSFEED_MAIL_SMTP_HOST": "127.0.0.1",
        "NEWSFEED_MAIL_SMTP_PORT": str(smtp.port),
        "NEWSFEED_DIGESTS_SEND_HOUR": "0",
    }
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    procs = []
    for log in logs:
        with log.open("w") as out:
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "newsfeed",
                        "--config",
                        str(config_file),
                        "scheduler",
                        "--interval",
                        "5",
                    ],
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        time.sleep(1.5)
    try:
        deadline = time.monotonic() + 30
        while not smtp.messages and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(6)  # another round of both schedulers
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGINT)
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
    assert [m["To"] for m in smtp.messages] == ["live@example.org"]
    text = logs[0].read_text() + logs[1].read_text()
    assert "idle: another scheduler holds the lease" in text
    assert "sent 1" in text


def test_console_transport_prints_a_readable_message_with_whole_links(
    sessions: Any, mail_config: Config
) -> None:
    """The development transport: headers and the text part decoded (no base64, no MIME
    boundaries), non-ASCII text as written and every link on one line, so it can be clicked."""
    import io

    from newsfeed.adapters.mail import ConsoleMailer
    from newsfeed.config import replace

    _subscriber(sessions, "reader@example.org", at=MONDAY - dt.timedelta(days=10), timezone="Europe/Vienna")
    with sessions() as s:
        factories.item(s, "Vortrag über Schätzer in Zürich", "01/2025", now=MONDAY - dt.timedelta(days=2))
        s.commit()
    out = io.StringIO()
    config = replace(mail_config, mail={"transport": "console"})
    report = sweep(sessions, ConsoleMailer(out), now=MONDAY + dt.timedelta(hours=1), config=config)
    assert report.sent == 1
    printed = out.getvalue()
    assert "base64" not in printed and "--=" not in printed and "Content-Transfer-Encoding" not in printed
    assert "To: reader@example.org" in printed
    assert re.search(r"^Subject: Test Lab News: 1 new item \(week 6, 2025\)$", printed, re.M)
    assert "Vortrag über Schätzer in Zürich" in printed
    with sessions() as s:
        token = s.scalar(select(Subscriber.token))
    links = re.findall(r"https?://\S+", printed)
    assert any(link.endswith(str(token)) for link in links), links
