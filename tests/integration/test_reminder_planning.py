"""Reminders: one email per subscriber per sweep gathering every reminder due, and planning that
looks only at what changed since the last plan (its cost does not grow with every tick)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.mail import mailer_from_config
from newsfeed.adapters.models import Delivery, Subscriber
from newsfeed.config import Config
from newsfeed.domain.vocab import DeliveryStatus, Kind
from newsfeed.jobs.sweep import sweep
from newsfeed.services import planning
from newsfeed.services.subscriptions import add_confirmed, read_preferences, update_preferences
from tests import factories

START = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def sessions(mail_config: Config) -> Any:
    engine = make_engine(mail_config.database_url)
    yield session_factory(engine)
    engine.dispose()


def _talks(s: Session, items: int, per_item: int, *, first_day: int = 10) -> None:
    for n in range(items):
        dates = [
            (f"Talk {k + 1}", f"{first_day + (n + k) % 15} Mar 2025, 15:00 UTC") for k in range(per_item)
        ]
        factories.item(s, f"Seminar series {n}", "02/2025", kind=Kind.TALK, now=START, milestones=dates)


def test_every_reminder_due_at_once_comes_in_one_email_per_subscriber(
    sessions: sessionmaker[Session], mail_config: Config, smtp: Any
) -> None:
    """Five items of ten talks each, all within the next month; a reader with a 30-day lead
    would once have had fifty emails in one sweep."""
    with sessions() as s:
        add_confirmed(s, "reader@example.org", read_preferences(s, lead_days="30"), now=START, confirmed=True)
        _talks(s, items=5, per_item=10)
        s.commit()
    report = sweep(
        sessions, mailer_from_config(mail_config), now=START + dt.timedelta(minutes=1), config=mail_config
    )
    (message,) = [m for m in smtp.recorder.to("reader@example.org") if m["Subject"].startswith("Reminder")]
    assert report.sent == 1
    assert message["Subject"].startswith("Reminders: 50 dates coming up — Talk")
    text = message.get_body(("plain",)).get_content()
    assert text.count("When: ") == 20  # [digests] max_reminders
    assert "... and 30 more: http://news.example.org/upcoming" in text
    with sessions() as s:
        rows = dict(s.execute(select(Delivery.status, func.count()).group_by(Delivery.status)).all())
    assert rows == {DeliveryStatus.SENT: 1, DeliveryStatus.GROUPED: 49}  # each reminder recorded once
    again = sweep(
        sessions, mailer_from_config(mail_config), now=START + dt.timedelta(hours=1), config=mail_config
    )
    assert again.sent == 0  # nothing twice


def test_a_quiet_tick_pairs_no_event_with_anyone(
    sessions: sessionmaker[Session], mail_config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs: list[int] = []
    real = planning._reminder_rows

    def counted(coming: Any, subscribers: Any, *, now: dt.datetime) -> Any:
        pairs.append(len(coming) * len(subscribers))
        return real(coming, subscribers, now=now)

    monkeypatch.setattr(planning, "_reminder_rows", counted)
    with sessions() as s:
        for n in range(40):
            add_confirmed(
                s, f"r{n}@example.org", read_preferences(s, lead_days="7,1"), now=START, confirmed=True
            )
        _talks(s, items=10, per_item=5, first_day=12)  # 50 events, from 12 to 26 March
        s.commit()

    def plan_at(at: dt.datetime) -> int:
        pairs.clear()
        with sessions() as s:
            planning.plan(s, now=at, config=mail_config)
            s.commit()
        return sum(pairs)

    assert plan_at(START) == 50 * 40  # the first plan pairs everything once
    assert plan_at(START + dt.timedelta(minutes=1)) == 0  # a minute later nothing changed
    assert plan_at(START + dt.timedelta(minutes=2)) == 0
    # 5 March, 15:00: seven days before the talks on the 12th; only those are paired
    crossing = plan_at(dt.datetime(2025, 3, 5, 15, 0, 30, tzinfo=dt.UTC))
    on_the_12th = 40 * sum(1 for n in range(10) for k in range(5) if (n + k) % 15 == 0)
    assert crossing == on_the_12th > 0
    # a subscriber changes what they follow: everything is looked at again, once
    with sessions() as s:
        token = s.scalars(select(Subscriber).order_by(Subscriber.id)).first().token  # type: ignore[union-attr]
        update_preferences(s, token, read_preferences(s, lead_days="3"))
        s.commit()
    assert plan_at(dt.datetime(2025, 3, 5, 15, 2, tzinfo=dt.UTC)) >= 50 * 40
    assert plan_at(dt.datetime(2025, 3, 5, 15, 3, tzinfo=dt.UTC)) == 0
    # an item is edited: likewise
    with sessions() as s:
        factories.item(
            s, "One more talk", "02/2025", kind=Kind.TALK, now=START, milestones=[("Talk", "20 Mar 2025")]
        )
        s.commit()
    assert plan_at(dt.datetime(2025, 3, 5, 15, 4, tzinfo=dt.UTC)) >= 51 * 40
