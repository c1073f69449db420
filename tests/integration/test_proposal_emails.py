"""The person hears of what was proposed: once a day, at the send hour, the accounts that speak
for a person get one email listing the news proposed since their last one, with a link to approve
each; a person nobody signs in for is told to the admins; a day with nothing new sends nothing,
and no second planner or sweep can add a second email for one day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.mail import mailer_from_config
from newsfeed.adapters.models import Delivery, Paper, Person, Proposal
from newsfeed.adapters.outbox import STORE
from newsfeed.config import Config
from newsfeed.domain.vocab import DeliveryKind, DeliveryStatus, Role
from newsfeed.jobs.sweep import sweep
from newsfeed.services.scholarly import dismiss, list_proposals, notice_rows
from newsfeed.services.users import create_user
from tests import factories
from tests.conftest import make_config
from tests.http_source import PageServer
from tests.integration.test_scholarly_sources import NOW, _follow, _sync_all
from tests.integration.test_scholarly_sources import server as _server_fixture

__all__ = ["_server_fixture"]
server = _server_fixture
DAY = dt.timedelta(days=1)
SEND = dt.datetime(2025, 8, 2, 8, 0, tzinfo=dt.UTC)  # the day after NOW, at [digests] send_hour (UTC)


@pytest.fixture
def config(tmp_path: Path, database_url: str, server: PageServer, smtp: Any) -> Config:
    return make_config(
        tmp_path,
        database_url,
        sources={"allow_networks": "127.0.0.0/8", "timeout": 5.0, "min_every_minutes": 1},
        scholarly={
            "arxiv_api": f"{server.base}/arxiv",
            "dblp_api": f"{server.base}/dblp",
            "orcid_api": f"{server.base}/orcid",
            "arxiv_seconds": 0.0,
        },
        mail={"transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": smtp.port, "timeout": 5.0},
        site={"base_url": "https://news.example.org/"},
    )


@pytest.fixture
def sessions(config: Config) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(config.database_url)
    yield session_factory(engine)
    engine.dispose()


def _accounts(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        create_user(s, "ada@example.org", "a long enough password", person_slug="ada", now=NOW)
        create_user(s, "admin@example.org", "a long enough password", role=Role.ADMIN, now=NOW)
        s.commit()


def _bobs_proposal(sessions: sessionmaker[Session], at: dt.datetime) -> None:
    """A proposal for a person no account speaks for (made as a sync makes them)."""
    with sessions() as s:
        bob = factories.person(s, "bob", "Bob Babbage")
        paper = Paper(person_id=bob.id, title="Engines", title_key="engines", first_author_key="babbage",
                      authors=["Bob Babbage"], sources=[], created_at=at, updated_at=at)  # fmt: skip
        s.add(paper)
        s.flush()
        s.add(Proposal(paper_id=paper.id, person_id=bob.id, event="preprint", title="New preprint: Engines",
                       body="", created_at=at))  # fmt: skip
        s.commit()


def _proposal_emails(sessions: sessionmaker[Session]) -> list[Delivery]:
    with sessions() as s:
        query = select(Delivery).where(Delivery.kind == DeliveryKind.PROPOSALS).order_by(Delivery.id)
        return list(s.scalars(query))


def _sweep(sessions: sessionmaker[Session], config: Config, at: dt.datetime) -> Any:
    return sweep(sessions, mailer_from_config(config), now=at, config=config)


def test_the_editor_gets_one_email_a_day_listing_what_was_proposed_with_approve_links(
    sessions: sessionmaker[Session], config: Config, smtp: Any
) -> None:
    ids = _follow(sessions, config)
    _accounts(sessions)
    _sync_all(sessions, config, ids, NOW)  # 09:00: after today's send hour
    _sweep(sessions, config, NOW + dt.timedelta(minutes=5))
    assert smtp.messages == []  # proposed after today's send time: tomorrow's email
    _sweep(sessions, config, SEND)
    _sweep(sessions, config, SEND + dt.timedelta(hours=3))  # later the same day: nothing more
    [message] = smtp.messages
    assert message["To"] == "ada@example.org"
    assert message["Subject"] == f"{config.site.title}: 2 news proposed from papers"
    assert message["List-Unsubscribe"] is None  # an account's own message, not the news list
    text = message.get_body(("plain",)).get_content()
    with sessions() as s:
        pending = list_proposals(s)
        assert len(pending) == 2
        for p in pending:
            assert p.title in text
            assert f"https://news.example.org/admin/proposals#proposal-{p.id}" in text
    assert "Ada Lovelace" in text and "https://arxiv.org/abs/2505.01234" in text
    [delivery] = _proposal_emails(sessions)
    assert delivery.status == DeliveryStatus.SENT and delivery.period == "2025-08-02"

    # the next day: nothing new was proposed, so nothing is sent, even after a re-sync
    _sync_all(sessions, config, ids, SEND + dt.timedelta(hours=5))
    _sweep(sessions, config, SEND + DAY)
    assert len(smtp.messages) == 1 and len(_proposal_emails(sessions)) == 1


def test_a_person_nobody_signs_in_for_is_told_to_the_admins_and_only_new_news_is_listed(
    sessions: sessionmaker[Session], config: Config, smtp: Any
) -> None:
    ids = _follow(sessions, config)
    _accounts(sessions)
    _sync_all(sessions, config, ids, NOW)
    _bobs_proposal(sessions, NOW)
    _sweep(sessions, config, SEND)
    by_address = {m["To"]: m.get_body(("plain",)).get_content() for m in smtp.messages}
    assert sorted(by_address) == ["ada@example.org", "admin@example.org"]
    assert "New preprint: Engines" in by_address["admin@example.org"]
    assert "Bob Babbage" in by_address["admin@example.org"]
    assert "Fast Graphs" not in by_address["admin@example.org"]  # Ada's own account hears of hers
    assert "Engines" not in by_address["ada@example.org"]

    # a day later Bob has one more proposal; Ada dismissed hers: only the admin hears, of the new one
    with sessions() as s:
        for p in list_proposals(s, person="ada"):
            dismiss(s, p.id, now=SEND)
        paper = s.scalar(select(Paper).where(Paper.title == "Engines"))
        assert paper is not None
        later = SEND + dt.timedelta(hours=2)
        s.add(Proposal(paper_id=paper.id, person_id=paper.person_id, event="acceptance",
                       title="Engines accepted at ICALP 2025", body="", created_at=later))  # fmt: skip
        s.commit()
    _sweep(sessions, config, SEND + DAY)
    [second] = smtp.messages[2:]
    assert second["To"] == "admin@example.org"
    text = second.get_body(("plain",)).get_content()
    assert "Engines accepted at ICALP 2025" in text and "New preprint: Engines" not in text


def test_two_planners_at_once_make_one_email_for_the_day(
    sessions: sessionmaker[Session], config: Config, smtp: Any
) -> None:
    ids = _follow(sessions, config)
    _accounts(sessions)
    _sync_all(sessions, config, ids, NOW)
    # both planners read the state before either writes: each finds Ada's email missing
    first, second = sessions(), sessions()
    rows = [notice_rows(s, now=SEND, zone="UTC", send_hour=8) for s in (first, second)]
    assert [len(r) for r in rows] == [1, 1]
    made = STORE.insert(first, rows[0])
    first.commit()
    made += STORE.insert(second, rows[1])
    second.commit()
    first.close()
    second.close()
    assert made == 1
    _sweep(sessions, config, SEND)
    _sweep(sessions, config, SEND + dt.timedelta(minutes=1))
    assert [m["To"] for m in smtp.messages] == ["ada@example.org"]


def test_a_proposal_decided_before_the_email_leaves_is_not_listed_and_an_empty_email_is_not_sent(
    sessions: sessionmaker[Session], config: Config, smtp: Any
) -> None:
    ids = _follow(sessions, config)
    _accounts(sessions)
    _sync_all(sessions, config, ids, NOW)
    with sessions() as s:  # planned at the send hour, but the sweep that sends it runs later
        assert STORE.insert(s, notice_rows(s, now=SEND, zone="UTC", send_hour=8)) == 1
        for p in list_proposals(s):
            dismiss(s, p.id, now=SEND)
        s.commit()
    _sweep(sessions, config, SEND + dt.timedelta(minutes=1))
    assert smtp.messages == []
    [delivery] = _proposal_emails(sessions)
    assert delivery.status == DeliveryStatus.CANCELLED


def test_the_daily_email_can_be_turned_off(
    sessions: sessionmaker[Session], config: Config, smtp: Any, tmp_path: Path
) -> None:
    ids = _follow(sessions, config)
    _accounts(sessions)
    _sync_all(sessions, config, ids, NOW)
    quiet = make_config(
        tmp_path, config.database_url, scholarly={"daily_email": False},
        mail={"transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": smtp.port, "timeout": 5.0},
    )  # fmt: skip
    _sweep(sessions, quiet, SEND)
    assert smtp.messages == [] and _proposal_emails(sessions) == []
    with sessions() as s:
        assert s.scalar(select(func.count(Person.id))) == 1
