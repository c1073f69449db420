"""Scholarly sources end to end: a person followed on arXiv, DBLP and ORCID (answers in each
API's real format, served on loopback) gets each paper once, its preprint proposed once and its
acceptance proposed once; re-syncs propose nothing new; decisions are final; a hand-written item
suppresses its proposal; old events are stored, not proposed; a 503 backs off and loses nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.models import Item, Paper, Proposal, Source
from newsfeed.config import Config
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.vocab import Kind, Status
from newsfeed.jobs.sync import sync
from newsfeed.services.scholarly import approve, dismiss, list_proposals
from newsfeed.services.sources import add_source
from newsfeed.services.syncing import fetcher_from_config
from tests import factories
from tests.conftest import make_config
from tests.http_source import Answer, PageServer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scholarly"
NOW = dt.datetime(2025, 8, 1, 9, 0, tzinfo=dt.UTC)
DOI = "10.5555/icml.2025.1234"
ORCID = "0000-0002-1825-0097"

ARXIV = f"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/x</id>
  <title>arXiv Query: search_query=au:Lovelace_A</title>
  <updated>2025-08-01T00:00:00Z</updated>
  <opensearch:totalResults>1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/2505.01234v2</id>
    <title>Fast Graphs for
  Everyone</title>
    <updated>2025-07-01T10:00:00Z</updated>
    <link href="https://arxiv.org/abs/2505.01234v2" rel="alternate" type="text/html"/>
    <summary>We make graphs fast.</summary>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <published>2025-05-20T17:59:01Z</published>
    <arxiv:journal_ref>ICML 2025</arxiv:journal_ref>
    <arxiv:doi>{DOI.upper()}</arxiv:doi>
    <author><name>Ada Lovelace</name></author>
    <author><name>Alan Turing</name></author>
  </entry>
</feed>
""".encode()

DBLP = f"""<?xml version="1.0"?>
<dblpperson name="Ada Lovelace 0001" pid="12/3456-1" n="1">
<person key="homepages/12/3456-1" mdate="2025-07-30">
<author pid="12/3456-1">Ada Lovelace 0001</author></person>
<r><inproceedings key="conf/icml/LovelaceT25" mdate="2025-07-30">
<author pid="12/3456-1">Ada Lovelace 0001</author>
<author pid="99/1">Alan Turing</author>
<title>Fast Graphs for Everyone.</title>
<year>2025</year>
<booktitle>ICML</booktitle>
<ee>https://doi.org/{DOI}</ee>
<url>db/conf/icml/icml2025.html#LovelaceT25</url>
</inproceedings></r>
<r><article key="journals/corr/abs-2101-00001" mdate="2021-01-05" publtype="informal">
<author pid="12/3456-1">Ada Lovelace 0001</author>
<title>An Old Preprint on Engines.</title>
<journal>CoRR</journal>
<volume>abs/2101.00001</volume>
<year>2021</year>
<ee type="oa">https://arxiv.org/abs/2101.00001</ee>
</article></r>
</dblpperson>
""".encode()

ORCID_WORKS = (
    '{"last-modified-date":{"value":1}, "group":[{"external-ids":{"external-id":[{"external-id-type":"doi",'
    f'"external-id-value":"{DOI}","external-id-relationship":"self"}}]}},'
    '"work-summary":[{"put-code":42,"title":{"title":{"value":"Fast graphs for everyone"}},'
    f'"external-ids":{{"external-id":[{{"external-id-type":"doi","external-id-value":"{DOI}",'
    '"external-id-relationship":"self"}]},"type":"conference-paper",'
    '"publication-date":{"year":{"value":"2025"},"month":{"value":"07"},"day":null},'
    '"journal-title":{"value":"ICML"}}]}],"path":"/0000-0002-1825-0097/works"}'
).encode()


@pytest.fixture
def server() -> Iterator[PageServer]:
    running = PageServer()
    running.answers["/arxiv"] = Answer(ARXIV, content_type="application/atom+xml")
    running.answers["/dblp/pid/12/3456-1.xml"] = Answer(DBLP, content_type="application/xml")
    running.answers[f"/orcid/{ORCID}/works"] = Answer(ORCID_WORKS, content_type="application/json")
    yield running
    running.close()


@pytest.fixture
def config(tmp_path: Path, database_url: str, server: PageServer) -> Config:
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
    )


@pytest.fixture
def sessions(config: Config) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(config.database_url)
    yield session_factory(engine)
    engine.dispose()


def _follow(sessions: sessionmaker[Session], config: Config) -> list[int]:
    with sessions() as s:
        factories.person(s, "ada", "Ada Lovelace")
        ids = [
            add_source(s, ident, fmt=fmt, person="ada", now=NOW, config=config).id
            for fmt, ident in (("arxiv", "Lovelace_A"), ("dblp", "12/3456-1"), ("orcid", ORCID))
        ]
        s.commit()
    return ids


def _sync_all(sessions: sessionmaker[Session], config: Config, ids: list[int], at: dt.datetime) -> list[Any]:
    fetcher = fetcher_from_config(config)
    return [sync(sessions, fetcher, i, now=at, config=config, owner="t", force=True) for i in ids]


def test_a_paper_followed_in_three_places_is_one_paper_with_one_proposal_per_event(
    sessions: sessionmaker[Session], config: Config, server: PageServer
) -> None:
    ids = _follow(sessions, config)
    reports = _sync_all(sessions, config, ids, NOW)
    assert all(r.error is None for r in reports), [r.error for r in reports]
    orcid_request = next(seen for seen in server.seen if seen.path.startswith("/orcid/"))
    assert orcid_request.headers["accept"] == "application/json"  # ORCID answers XML otherwise
    with sessions() as s:
        papers = list(s.scalars(select(Paper)))
        assert sorted(p.title for p in papers) == ["An Old Preprint on Engines", "Fast Graphs for Everyone"]
        fast = next(p for p in papers if p.title.startswith("Fast"))
        assert fast.doi == DOI and fast.arxiv_id == "2505.01234" and fast.venue == "ICML 2025"
        assert len(fast.sources) == 4  # arXiv (preprint and published), DBLP, ORCID
        pending = list_proposals(s)
        assert sorted((p.event, p.title) for p in pending) == [
            ("acceptance", "Fast Graphs for Everyone accepted at ICML 2025"),
            ("preprint", "New preprint: Fast Graphs for Everyone"),
        ]
        preprint = next(p for p in pending if p.event == "preprint")
        assert preprint.posted is not None and preprint.posted["start"] == "2025-05-20"
        assert preprint.link == "https://arxiv.org/abs/2505.01234"
        assert "(with Alan Turing)" in preprint.body  # the person is not their own co-author
        # the 2021 preprint is older than propose_days: stored, not proposed
        assert s.scalar(select(func.count(Proposal.id))) == 2

    again = _sync_all(sessions, config, ids, NOW + dt.timedelta(days=1))
    assert all(r.error is None for r in again)
    with sessions() as s:
        assert s.scalar(select(func.count(Paper.id))) == 2
        assert s.scalar(select(func.count(Proposal.id))) == 2


def test_decisions_are_final_and_an_approved_proposal_is_an_item(
    sessions: sessionmaker[Session], config: Config
) -> None:
    ids = _follow(sessions, config)
    _sync_all(sessions, config, ids, NOW)
    with sessions() as s:
        by_event = {p.event: p.id for p in list_proposals(s)}
        item = approve(s, by_event["acceptance"], now=NOW, host="news.example.org")
        dismiss(s, by_event["preprint"], now=NOW)
        s.commit()
        assert item.kind == Kind.ACCEPTANCE and item.status == Status.PUBLISHED
        assert item.posted.grain == "month" and item.posted.start == dt.date(2025, 7, 1)  # ORCID's month
        assert item.person is not None and item.person.slug == "ada"
        with pytest.raises(InvalidInput, match="final"):
            approve(s, by_event["preprint"], now=NOW, host="news.example.org")
        with pytest.raises(InvalidInput, match="final"):
            dismiss(s, by_event["acceptance"], now=NOW)
    _sync_all(sessions, config, ids, NOW + dt.timedelta(days=2))
    with sessions() as s:
        assert list_proposals(s) == []
        assert s.scalar(select(func.count(Proposal.id))) == 2


def test_an_approval_may_wait_for_a_chosen_time(sessions: sessionmaker[Session], config: Config) -> None:
    ids = _follow(sessions, config)
    _sync_all(sessions, config, ids, NOW)
    with sessions() as s:
        first = list_proposals(s)[0]
        item = approve(s, first.id, now=NOW, host="news.example.org", at=NOW + dt.timedelta(days=3))
        assert item.status == Status.SCHEDULED and item.publish_at == NOW + dt.timedelta(days=3)


def test_a_hand_written_item_suppresses_the_proposal(sessions: sessionmaker[Session], config: Config) -> None:
    ids = _follow(sessions, config)
    with sessions() as s:
        factories.item(s, "Our paper Fast Graphs for Everyone was accepted at ICML!", "06/2025",
                       kind=Kind.ACCEPTANCE, person="ada")  # fmt: skip
        s.commit()
    _sync_all(sessions, config, ids, NOW)
    with sessions() as s:
        assert list_proposals(s) == []
        statuses = sorted(p.status for p in list_proposals(s, status=None))
        assert statuses == ["suppressed", "suppressed"]
        assert s.scalar(select(func.count(Item.id))) == 1


def test_the_first_sync_of_an_old_list_proposes_nothing(
    sessions: sessionmaker[Session], config: Config
) -> None:
    ids = _follow(sessions, config)
    _sync_all(sessions, config, ids, NOW + dt.timedelta(days=400))
    with sessions() as s:
        assert s.scalar(select(func.count(Paper.id))) == 2
        assert s.scalar(select(func.count(Proposal.id))) == 0


def test_a_503_backs_off_and_loses_nothing(
    sessions: sessionmaker[Session], config: Config, server: PageServer
) -> None:
    ids = _follow(sessions, config)
    _sync_all(sessions, config, ids, NOW)
    server.answers["/dblp/pid/12/3456-1.xml"] = Answer(b"Service Unavailable", status=503)
    server.answers["/arxiv"] = Answer(b"Rate exceeded.", status=429)
    reports = _sync_all(sessions, config, ids[:2], NOW + dt.timedelta(days=1))
    assert all(r.error and ("503" in r.error or "429" in r.error) for r in reports), [
        r.error for r in reports
    ]
    with sessions() as s:
        sources = {src.format: src for src in s.scalars(select(Source))}
        assert sources["dblp"].failures == 1 and sources["arxiv"].failures == 1
        assert sources["dblp"].next_fetch_at is not None and sources[
            "dblp"
        ].next_fetch_at > NOW + dt.timedelta(days=1)
        assert s.scalar(select(func.count(Paper.id))) == 2 and len(list_proposals(s)) == 2


def test_bad_identifiers_are_refused_naming_the_field(
    sessions: sessionmaker[Session], config: Config
) -> None:
    with sessions() as s:
        factories.person(s, "ada", "Ada Lovelace")
        for fmt, ident in (("orcid", "0000-0002-1825-0098"), ("dblp", "not a pid"), ("openreview", "Ada")):
            with pytest.raises(InvalidInput) as caught:
                add_source(s, ident, fmt=fmt, person="ada", now=NOW, config=config)
            assert caught.value.fields() == ["id"]
        with pytest.raises(InvalidInput) as caught:
            add_source(s, ORCID, fmt="orcid", now=NOW, config=config)
        assert "person" in caught.value.fields()


def test_the_cli_follows_a_person_on_arxiv_and_decides_proposals(
    runner: Any, config_file: Path, server: PageServer
) -> None:
    config_file.write_text(
        config_file.read_text()
        + '[sources]\nallow_networks = "127.0.0.0/8"\nmin_every_minutes = 1\n'
        + f'[scholarly]\narxiv_api = "{server.base}/arxiv"\narxiv_seconds = 0.0\npropose_days = 100000\n'
    )
    assert runner(["db", "upgrade"]).exit_code == 0
    assert runner(["person", "add", "ada", "--name", "Ada Lovelace"]).exit_code == 0
    added = runner(["sources", "add", "Lovelace_A", "--format", "arxiv", "--person", "ada"])
    assert added.exit_code == 0, added.output
    assert runner(["sources", "sync", "--all"]).exit_code == 0
    listed = json.loads(runner(["proposals", "list", "--json"]).output)
    assert [p["title"] for p in listed] == ["New preprint: Fast Graphs for Everyone"]
    assert listed[0]["posted"] == "20 May 2025"
    proposal = str(listed[0]["id"])
    bad = runner(["proposals", "approve", proposal, "--at", "next tuesday"])
    assert bad.exit_code == 2 and "--at" in bad.output
    approved = runner(["proposals", "approve", proposal])
    assert approved.exit_code == 0 and "published" in approved.output
    again = runner(["proposals", "approve", proposal])
    assert again.exit_code == 2 and "final" in again.output
    missing = runner(["proposals", "dismiss", "999"])
    assert missing.exit_code == 2 and "no proposal 999" in missing.output
    assert "no proposals waiting" in runner(["proposals", "list"]).output
    everything = runner(["proposals", "list", "--all"]).output
    assert "approved" in everything
