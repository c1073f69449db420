"""Sources: a real HTTP server on loopback serves pages and feeds that change between fetches; the
database after each sync is exactly what the sync rules say."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.fetch import Fetcher, FetchError
from newsfeed.adapters.models import Item, Source, User
from newsfeed.config import Config
from newsfeed.domain.vocab import Role, Status
from newsfeed.jobs.sync import sync, sync_due
from newsfeed.services.items import input_of, update_item
from newsfeed.services.sources import add_source
from newsfeed.services.subscriptions import read_preferences
from newsfeed.services.syncing import fetcher_from_config
from tests import factories
from tests.conftest import make_config
from tests.http_source import Answer, PageServer

T0 = dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC)
LOOPBACK = "127.0.0.0/8"


@pytest.fixture
def server() -> Iterator[PageServer]:
    running = PageServer()
    yield running
    running.close()


@pytest.fixture
def source_config(tmp_path: Path, database_url: str) -> Config:
    return make_config(
        tmp_path,
        database_url,
        sources={"allow_networks": LOOPBACK, "timeout": 1.0, "max_kb": 2_000, "min_every_minutes": 1},
    )


@pytest.fixture
def sessions(source_config: Config) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(source_config.database_url)
    yield session_factory(engine)
    engine.dispose()


def page(*lines: str) -> bytes:
    items = "\n".join(f"  <li>{line}</li>" for line in lines)
    return f"""<!doctype html>
<html><head><title>Ada Lovelace</title></head>
<body>
<h1>Ada Lovelace</h1>
<p>I work on analytical engines.</p>
<h2>News</h2>
<ul>
{items}
</ul>
<h2>Publications</h2>
<p>See my list of papers.</p>
</body></html>
""".encode()


ACCEPTED = "05/2025 Our paper on analytical engines is accepted at ICML 2025."
ACCEPTED_EDITED = "05/2025 Our paper on analytical engines is accepted at ICML 2025 as a spotlight."
TALK = "03/2025 I gave an invited talk at the Vienna seminar on machine learning."
TALK_EDITED = "03/2025 I gave an invited talk at the Vienna seminar on machine learning theory."
REVIEWER = "01/2025 I am invited to serve as a reviewer for NeurIPS 2025."
TRIP = "06/2025 I will be attending ICML 2025 in Vancouver from 13/07/2025 to 19/07/2025."


def _items(sessions: sessionmaker[Session]) -> dict[str, Item]:
    with sessions() as s:
        rows = s.scalars(select(Item)).all()
        for item in rows:
            _ = item.tags, item.milestones
        s.expunge_all()
    return {item.body[:24]: item for item in rows}


def _sync(sessions: sessionmaker[Session], config: Config, source_id: int, at: dt.datetime, **kw: Any) -> Any:
    kw.setdefault("owner", "test")
    return sync(sessions, fetcher_from_config(config), source_id, now=at, config=config, **kw)


def test_a_homepage_source_follows_additions_edits_removals_and_survives_a_broken_page(
    sessions: sessionmaker[Session], source_config: Config, server: PageServer
) -> None:
    with sessions() as s:
        factories.person(s, "ada", "Ada Lovelace")
        source = add_source(
            s, f"{server.base}/ada/", person="ada", tags=["lab"], now=T0, config=source_config
        )
        source_id = source.id
        s.commit()
    server.answers["/ada/"] = Answer(page(ACCEPTED, TALK, REVIEWER), etag='"v1"')

    first = _sync(sessions, source_config, source_id, T0)
    assert (first.status, first.created, first.updated) == ("changed", 3, 0), first
    items = _items(sessions)
    assert len(items) == 3
    accepted = items["Our paper on analytical "]
    assert accepted.status == Status.PUBLISHED and accepted.source_id == source_id
    assert accepted.posted.display() == "May 2025" and accepted.kind.value == "acceptance"
    assert [t.slug for t in accepted.tags] == ["lab"] and accepted.person_id is not None
    assert (
        server.seen[-1].headers["user-agent"].startswith("newsfeed/")
        and "news.example.org" in (server.seen[-1].headers["user-agent"])
    )

    # an item added, one edited, one removed
    server.answers["/ada/"] = Answer(page(TRIP, ACCEPTED_EDITED, TALK), etag='"v2"')
    second = _sync(sessions, source_config, source_id, T0 + dt.timedelta(hours=7))
    assert (second.created, second.updated, second.unchanged, second.missing, second.retracted) == (
        1,
        1,
        1,
        1,
        0,
    )
    assert server.seen[-1].headers["if-none-match"] == '"v1"'  # conditional GET
    items = _items(sessions)
    assert len(items) == 4
    edited = items["Our paper on analytical "]
    assert (edited.id, edited.public_id, edited.revision) == (accepted.id, accepted.public_id, 2)
    assert "spotlight" in edited.body
    trip = items["I will be attending ICML"]
    assert [(m.label, m.date.display()) for m in trip.milestones] == [("Trip", "13–19 Jul 2025")]
    reviewer = items["I am invited to serve as"]
    assert reviewer.status == Status.PUBLISHED and reviewer.source_missing == 1  # once: kept

    # an editor changes the talk by hand in the admin page (a revision by a user)
    with sessions() as s:
        editor = User(email="ed@example.org", password_hash="x", role=Role.ADMIN)
        s.add(editor)
        s.flush()
        talk = s.scalars(select(Item).where(Item.body.like("%invited talk%"))).one()
        update_item(
            s, talk, replace(input_of(talk), title="Invited talk in Vienna"), now=T0, user_id=editor.id
        )
        s.commit()

    # the page is briefly broken (a maintenance page): an error, nothing changes, nothing counts
    server.answers["/ada/"] = Answer(b"<html><body><p>Down for maintenance</p></body></html>")
    broken = _sync(sessions, source_config, source_id, T0 + dt.timedelta(hours=14))
    assert broken.status == "error" and "no news items" in (broken.error or "")
    with sessions() as s:
        stored = s.get(Source, source_id)
        assert stored is not None and stored.failures == 1 and stored.last_status == "error"
        # backoff: twice the interval after one failure
        assert stored.next_fetch_at == T0 + dt.timedelta(hours=14) + dt.timedelta(hours=12)
        assert stored.etag == '"v2"'  # the broken answer did not replace what the last good one said
    assert _items(sessions)["I am invited to serve as"].source_missing == 1

    # back, with the talk edited at the source too and the reviewer still gone: the second fetch
    # in a row without the reviewer retracts it; the hand edit wins over the source's edit
    server.answers["/ada/"] = Answer(page(TRIP, ACCEPTED_EDITED, TALK_EDITED), etag='"v3"')
    third = _sync(sessions, source_config, source_id, T0 + dt.timedelta(days=2))
    assert (third.status, third.retracted, third.kept, third.updated, third.created) == (
        "changed",
        1,
        1,
        0,
        0,
    )
    items = _items(sessions)
    assert items["I am invited to serve as"].status == Status.RETRACTED
    talk = items["I gave an invited talk a"]
    assert talk.title == "Invited talk in Vienna" and "theory" not in talk.body and talk.source_differs
    with sessions() as s:
        assert s.get(Source, source_id).failures == 0  # type: ignore[union-attr]

    # unchanged: a 304, nothing written
    before = {k: (v.revision, v.status) for k, v in _items(sessions).items()}
    not_modified = _sync(sessions, source_config, source_id, T0 + dt.timedelta(days=3))
    assert not_modified.status == "not modified" and server.seen[-1].headers["if-none-match"] == '"v3"'
    assert {k: (v.revision, v.status) for k, v in _items(sessions).items()} == before

    # the reviewer line comes back: published again, same item
    reviewer_id = items["I am invited to serve as"].id
    server.answers["/ada/"] = Answer(page(TRIP, ACCEPTED_EDITED, TALK_EDITED, REVIEWER), etag='"v4"')
    fourth = _sync(sessions, source_config, source_id, T0 + dt.timedelta(days=4))
    assert (fourth.restored, fourth.created) == (1, 0)
    back = _items(sessions)["I am invited to serve as"]
    assert back.id == reviewer_id and back.status == Status.PUBLISHED and back.source_missing == 0
    with sessions() as s:
        assert s.scalar(select(func.count(Item.id))) == 4  # nothing ever deleted


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Grace's news</title><id>tag:grace.example,2025:news</id><updated>2025-05-20T10:00:00Z</updated>
  <entry><id>tag:grace.example,2025:1</id><title>Invited talk at the Oslo seminar</title>
    <link href="https://grace.example/news/1"/><published>2025-05-20T10:00:00Z</published>
    <updated>2025-05-21T10:00:00Z</updated>
    <summary type="html">&lt;p&gt;I will give an invited talk at the Oslo seminar
      on 12 June 2025.&lt;/p&gt;</summary></entry>
  <entry><id>tag:grace.example,2025:2</id><title>Paper accepted at COLT 2025</title>
    <link href="https://grace.example/news/2"/><updated>2025-04-02T23:30:00-05:00</updated>
    <summary>Our paper on compilers is accepted at COLT 2025.</summary></entry>
  <entry><id>tag:grace.example,2025:3</id><title>Undated thoughts</title>
    <summary>No date here.</summary></entry>
</feed>"""

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Lab news</title><link>https://lab.example/</link><description>x</description>
  <item><title>We are organizing a workshop at NeurIPS 2025</title><link>https://lab.example/ws</link>
    <pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate>
    <description>Paper submission deadline: 1 Sep 2025, 11.59pm AoE.</description></item>
</channel></rss>"""

# Hugo dates a page without a date "Mon, 01 Jan 0001" in its feed: such an entry has no date
# (it had raised out of the feed reader and failed the whole sync)
HUGO_RSS = b"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0"><channel><title>Kelvin Aerospace Lab</title><link>https://kal.example/</link>
  <item><title>Paper accepted at AIAA SciTech 2026</title><link>https://kal.example/updates/1/</link>
    <pubDate>Sun, 08 Feb 2026 00:00:00 +0000</pubDate><description>Our nozzle paper.</description></item>
  <item><title>About</title><link>https://kal.example/about/</link>
    <pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate><description>Who we are.</description></item>
</channel></rss>"""

JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "Lab", "items": [
  {"id": "1", "url": "https://lab.example/a", "title": "Best paper award at ICML",
   "content_text": "Our paper received the best paper award at ICML 2025.",
   "date_published": "2025-07-20T12:00:00Z", "_newsfeed": {"posted": "07/2025"}},
  {"id": "2", "url": "https://lab.example/b", "title": "New preprint",
   "summary": "New preprint on arXiv about sheaves.", "date_published": "2025-02-11T08:00:00+01:00"}
]}"""


@pytest.mark.parametrize(
    ("path", "body", "content_type", "expected"),
    [
        (
            "/atom",
            ATOM,
            "application/atom+xml",
            {
                ("Invited talk at the Oslo seminar", "20 May 2025", "talk", (("Talk", "12 Jun 2025"),)),
                ("Paper accepted at COLT 2025", "3 Apr 2025", "acceptance", ()),
            },
        ),
        (
            "/rss",
            RSS,
            "application/rss+xml",
            {
                (
                    "We are organizing a workshop at NeurIPS 2025",
                    "3 Mar 2025",
                    "organizing",
                    (("Paper submission deadline", "1 Sep 2025, 23:59 AoE"),),
                )
            },
        ),
        (
            "/index.xml",
            HUGO_RSS,
            "application/rss+xml",
            {("Paper accepted at AIAA SciTech 2026", "8 Feb 2026", "acceptance", ())},
        ),
        (
            "/feed.json",
            JSON_FEED,
            "application/feed+json",
            {
                ("Best paper award at ICML", "July 2025", "award", ()),
                ("New preprint", "11 Feb 2025", "preprint", ()),
            },
        ),
    ],
)
def test_feed_sources_give_one_item_per_dated_entry(
    sessions: sessionmaker[Session],
    source_config: Config,
    server: PageServer,
    path: str,
    body: bytes,
    content_type: str,
    expected: set[tuple[Any, ...]],
) -> None:
    server.answers[path] = Answer(body, content_type=content_type)
    with sessions() as s:
        source_id = add_source(s, f"{server.base}{path}", now=T0, config=source_config).id
        s.commit()
    report = _sync(sessions, source_config, source_id, T0)
    assert report.status == "changed" and report.created == len(expected), report
    with sessions() as s:
        found = {
            (
                item.title,
                item.posted.display(),
                item.kind.value,
                tuple((m.label, m.date.display()) for m in item.milestones),
            )
            for item in s.scalars(select(Item))
        }
        links = {link.href for item in s.scalars(select(Item)) for link in item.links}
    assert found == expected
    assert links and all(href.startswith("https://") for href in links)
    again = _sync(sessions, source_config, source_id, T0 + dt.timedelta(hours=7))
    assert (again.created, again.updated) == (0, 0)


# ---------------------------------------------------------------------------------------------
# fetching like a good citizen


def _fetcher(**kw: Any) -> Fetcher:
    import ipaddress

    return Fetcher(
        user_agent="newsfeed-test",
        timeout=kw.pop("timeout", 1.0),
        allow=(ipaddress.ip_network(LOOPBACK),),
        **kw,
    )


def test_private_addresses_are_refused_unless_allowed(server: PageServer) -> None:
    server.answers["/"] = Answer(b"hello")
    refused = Fetcher(user_agent="t")
    for url in (f"{server.base}/", server.base.replace("127.0.0.1", "localhost") + "/"):
        with pytest.raises(FetchError, match="private, loopback or link-local"):
            refused.get(url)
    assert server.seen == []  # refused before connecting
    resolved = {"intranet.example": ["10.1.2.3"], "mapped.example": ["::ffff:192.168.0.1"]}
    sneaky = Fetcher(user_agent="t", resolve=lambda host, port: resolved[host])
    for host in resolved:
        with pytest.raises(FetchError, match="private"):
            sneaky.get(f"http://{host}/news")
    assert _fetcher().get(f"{server.base}/").body == b"hello"
    for bad in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x"):
        with pytest.raises(FetchError, match="only http and https"):
            _fetcher().get(bad)


def test_redirects_are_followed_checked_at_each_hop_and_capped(server: PageServer) -> None:
    server.answers["/old"] = Answer(status=301, location="/new")
    server.answers["/new"] = Answer(b"moved here")
    server.answers["/loop"] = Answer(status=302, location="/loop")
    server.answers["/inside"] = Answer(status=302, location="http://10.0.0.1/admin")
    fetched = _fetcher().get(f"{server.base}/old")
    assert (fetched.body, fetched.url) == (b"moved here", f"{server.base}/new")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        _fetcher(max_redirects=3).get(f"{server.base}/loop")
    assert sum(1 for seen in server.seen if seen.path == "/loop") == 4
    with pytest.raises(FetchError, match="10.0.0.1"):
        _fetcher().get(f"{server.base}/inside")


def test_a_slow_answer_times_out_and_a_huge_one_is_cut_short(server: PageServer) -> None:
    server.answers["/slow"] = Answer(b"late", delay=60)
    server.answers["/huge"] = Answer(stream_mb=200)
    server.answers["/declared"] = Answer(b"x" * 3_000_000)
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer within 1 s"):
        _fetcher().get(f"{server.base}/slow")
    # the 1 s timeout gave up long before the answer (60 s away) came, however busy the machine
    assert time.monotonic() - started < 60 / 2
    with pytest.raises(FetchError, match="more than the 2,000,000 bytes"):
        _fetcher(max_bytes=2_000_000).get(f"{server.base}/huge")
    assert server.finished.wait(60)
    assert server.streamed["/huge"] < 200 / 4  # stopped reading after 2 MB (and socket buffers), not 200
    with pytest.raises(FetchError, match="3,000,000 bytes, more than"):
        _fetcher(max_bytes=2_000_000).get(f"{server.base}/declared")


@pytest.mark.parametrize("where", ["status", "headers", "chunks"])
def test_a_server_trickling_its_answer_is_cut_at_the_whole_answer_deadline(
    server: PageServer, where: str
) -> None:
    """A byte (or a chunk) every 0.2 s keeps every single read under the 0.5 s timeout; the server
    would go on for two minutes. The fetch ends at the deadline of the whole answer (4 × 0.5 s),
    whichever part is trickling: the status line, a header, or chunk after chunk."""
    server.answers["/trickle"] = Answer(trickle=where, every=0.2, lasting=120)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"the answer took longer than 2 s"):
        _fetcher(timeout=0.5).get(f"{server.base}/trickle")
    # cut by the deadline, not by the server giving up (a generous bound: the server trickles 120 s)
    assert time.monotonic() - started < 120 / 4


def test_a_sync_reads_at_most_max_items_reports_the_cut_and_retracts_none_of_the_rest(
    sessions: sessionmaker[Session], source_config: Config, server: PageServer
) -> None:
    lines = [f"{(n % 12) + 1:02d}/{2024 - n // 12} I gave talk number {n} at a seminar." for n in range(30)]
    server.answers["/long"] = Answer(page(*lines))
    with sessions() as s:
        source_id = add_source(s, f"{server.base}/long", now=T0, config=source_config).id
        s.commit()
    first = _sync(sessions, source_config, source_id, T0)  # max_items 1,000: all 30
    assert first.created == 30 and first.cut == 0
    small = dataclasses.replace(
        source_config, sources=dataclasses.replace(source_config.sources, max_items=10)
    )
    for hours in (7, 14, 21):  # three syncs that read only the first ten: nothing is retracted
        report = _sync(sessions, small, source_id, T0 + dt.timedelta(hours=hours), force=True)
        assert (report.cut, report.retracted, report.missing) == (20, 0, 0), report
        assert any("first 10 of 30 items" in m for m in report.messages)
    with sessions() as s:
        assert s.scalar(select(func.count(Item.id)).where(Item.status == Status.PUBLISHED)) == 30
        assert s.scalars(select(Source)).one().last_report["cut"] == 20


def test_errors_are_recorded_and_the_items_stay(
    sessions: sessionmaker[Session], source_config: Config, server: PageServer
) -> None:
    server.answers["/p"] = Answer(page(ACCEPTED, TALK))
    with sessions() as s:
        source_id = add_source(s, f"{server.base}/p", now=T0, config=source_config).id
        s.commit()
    assert _sync(sessions, source_config, source_id, T0).created == 2
    answers = [(Answer(b"gone", status=500), "HTTP 500"), (Answer(b"late", delay=2.0), "no answer within")]
    for n, (answer, reason) in enumerate(answers, start=1):
        server.answers["/p"] = answer
        at = T0 + dt.timedelta(days=n * 10)
        report = _sync(sessions, source_config, source_id, at)
        assert report.status == "error" and reason in (report.error or ""), report
        with sessions() as s:
            stored = s.get(Source, source_id)
            assert stored is not None and stored.failures == n and stored.last_error == report.error
            assert stored.next_fetch_at == at + dt.timedelta(hours=6 * 2**n)
            assert s.scalar(select(func.count(Item.id)).where(Item.status == Status.PUBLISHED)) == 2


def test_two_syncs_of_one_source_at_once_fetch_it_once(
    sessions: sessionmaker[Session],
    source_config: Config,
    server: PageServer,
    tmp_path: Path,
    database_url: str,
) -> None:
    # the first fetch is held 0.8 s so the second sync meets it in flight; the timeout is the
    # product's, not the suite's 1 s, which a busy machine could overrun on top of 0.8 s
    source_config = make_config(
        tmp_path,
        database_url,
        sources={"allow_networks": LOOPBACK, "timeout": 30.0, "max_kb": 2_000, "min_every_minutes": 1},
    )
    server.answers["/slow"] = Answer(page(ACCEPTED), delay=0.8)
    with sessions() as s:
        source_id = add_source(s, f"{server.base}/slow", now=T0, config=source_config).id
        s.commit()
    results: list[Any] = []
    first = threading.Thread(
        target=lambda: results.append(_sync(sessions, source_config, source_id, T0, owner="scheduler-1"))
    )
    first.start()
    assert server.started.wait(5)  # the first sync is fetching now
    second = _sync(sessions, source_config, source_id, T0, owner="scheduler-2")
    first.join(10)
    assert second.status == "busy" and results[0].status == "changed"
    assert len(server.seen) == 1
    with sessions() as s:
        stored = s.get(Source, source_id)
        assert stored is not None and stored.lease_owner is None  # released
        assert s.scalar(select(func.count(Item.id))) == 1


def test_not_due_sources_wait_and_the_scheduler_step_syncs_what_is_due(
    sessions: sessionmaker[Session], source_config: Config, server: PageServer
) -> None:
    server.answers["/a"] = Answer(page(ACCEPTED))
    server.answers["/b"] = Answer(page(TALK))
    with sessions() as s:
        a = add_source(s, f"{server.base}/a", now=T0, config=source_config, every="2h").id
        add_source(s, f"{server.base}/b", now=T0, config=source_config, every="1d")
        s.commit()
    fetcher = fetcher_from_config(source_config)
    reports = sync_due(sessions, fetcher, now=T0, config=source_config, owner="scheduler")
    assert sorted(r.created for r in reports) == [1, 1] and len(server.seen) == 2
    assert sync_due(sessions, fetcher, now=T0 + dt.timedelta(hours=1), config=source_config, owner="x") == []
    later = sync_due(sessions, fetcher, now=T0 + dt.timedelta(hours=2), config=source_config, owner="x")
    assert [r.name for r in later] == ["127-0-0-1-a"] and len(server.seen) == 3
    early = _sync(sessions, source_config, a, T0 + dt.timedelta(hours=2, minutes=30))
    assert early.status == "not due" and len(server.seen) == 3


def test_sources_commands_add_refuse_private_addresses_sync_dry_run_and_list(
    runner: Any, config_file: Path, session: Session, server: PageServer
) -> None:
    server.answers["/ada"] = Answer(page(ACCEPTED, TALK))
    server.answers["/feed.json"] = Answer(JSON_FEED, content_type="application/feed+json")
    # without allowing loopback, the local server is a private address: refused, reported, exit 1
    factories.person(session, "ada", "Ada Lovelace")
    session.commit()
    added = runner(
        ["sources", "add", f"{server.base}/ada", "--person", "ada", "--tag", "lab", "--every", "12h"]
    )
    assert added.exit_code == 0 and added.output.strip() == "added 127-0-0-1-ada: every 12h", added.output
    refused = runner(["sources", "sync", "127-0-0-1-ada"])
    assert refused.exit_code == 1 and "private, loopback or link-local" in refused.output
    config_file.write_text(
        config_file.read_text() + '[sources]\nallow_networks = "127.0.0.0/8"\nmin_every_minutes = 1\n'
    )
    forced = runner(["sources", "sync", "127-0-0-1-ada", "--force"])  # backing off after the error
    assert forced.exit_code == 0, forced.output
    assert "127-0-0-1-ada: changed (created 2, updated 0" in forced.output
    assert runner(["sources", "sync", "127-0-0-1-ada"]).output.startswith("127-0-0-1-ada: not due")
    dry = runner(["sources", "add", f"{server.base}/feed.json", "--name", "lab-feed", "--format", "feed"])
    assert dry.exit_code == 0
    preview = runner(["sources", "sync", "lab-feed", "--dry-run"])
    assert "lab-feed: changed (created 2" in preview.output and "dry run: nothing written" in preview.output
    session.expire_all()
    assert session.scalar(select(func.count(Item.id))) == 2
    assert runner(["sources", "sync", "--all"]).output.startswith("lab-feed: changed (created 2")
    listed = runner(["sources", "list", "--json"])
    rows = {row["name"]: row for row in json.loads(listed.output)}
    assert rows["127-0-0-1-ada"]["person"] == "ada" and rows["127-0-0-1-ada"]["tags"] == ["lab"]
    assert rows["127-0-0-1-ada"]["report"]["created"] == 2 and rows["lab-feed"]["status"] == "changed"
    assert "127-0-0-1-ada\t" in runner(["sources", "list"]).output
    removed = runner(["sources", "remove", "lab-feed"])
    assert removed.output.strip() == "removed lab-feed; its 2 item(s) stay"
    session.expire_all()
    assert session.scalar(select(func.count(Item.id))) == 4
    for args, message in [
        (
            ["sources", "add", "ftp://example.org/news"],
            "url: 'ftp://example.org/news' is not an http or https",
        ),
        (["sources", "add", "https://example.org/n", "--every", "soon"], "every: 'soon' is not an interval"),
        (["sources", "add", "https://example.org/n", "--every", "10s"], "every:"),
        (["sources", "add", "https://example.org/n", "--person", "nobody"], "person: no person 'nobody'"),
        (["sources", "add", "https://example.org/n", "--format", "pdf"], "format: 'pdf' is not one of"),
        (["sources", "add", f"{server.base}/ada", "--person", "ada"], "url: already a source: 127-0-0-1-ada"),
        (["sources", "sync", "nothing-here"], "source: no source 'nothing-here'"),
        (["sources", "sync"], "name one source, or --all"),
        (["sources", "remove", "nothing-here"], "source: no source"),
    ]:
        result = runner(args)
        assert result.exit_code == 2 and message in result.output, (args, result.output)
    both = runner(["sources", "add", "nope", "--every", "x", "--format", "y"])
    assert both.exit_code == 2 and all(f in both.output for f in ("url:", "every:", "format:"))


def test_the_sources_job_syncs_due_sources_and_a_second_scheduler_does_not(
    sessions: sessionmaker[Session], source_config: Config, server: PageServer
) -> None:
    from newsfeed.adapters.mail import ConsoleMailer
    from newsfeed.jobs.scheduler import sources_tick, tick

    server.answers["/ada"] = Answer(page(ACCEPTED, TALK, REVIEWER))
    with sessions() as s:
        add_source(s, f"{server.base}/ada", now=T0, config=source_config)
        s.commit()
    lease = dt.timedelta(minutes=3)
    assert tick(
        sessions, ConsoleMailer(io.StringIO()), source_config, owner="a", clock=lambda: T0, lease=lease
    )[0]
    assert server.seen == []  # the mail tick fetches nothing: sources have their own job
    first = sources_tick(sessions, source_config, owner="a", clock=lambda: T0, lease=lease)
    second = sources_tick(sessions, source_config, owner="b", clock=lambda: T0, lease=lease)
    assert first == (True, 1) and second == (False, 0)
    assert len(server.seen) == 1
    with sessions() as s:
        assert s.scalar(select(func.count(Item.id)).where(Item.status == Status.PUBLISHED)) == 3
        stored = s.scalars(select(Source)).one()
        assert stored.last_status == "changed" and stored.next_fetch_at == T0 + dt.timedelta(hours=6)
    sources_tick(sessions, source_config, owner="a", clock=lambda: T0 + dt.timedelta(hours=1), lease=lease)
    assert len(server.seen) == 1  # not due for another five hours


def test_a_source_trickling_its_answer_delays_no_email(
    tmp_path: Path, database_url: str, server: PageServer, smtp: Any
) -> None:
    """The scheduler runs; a followed page answers one byte every half second (its fetch ends only
    at the whole-answer deadline, two minutes here). A reader subscribes while that fetch is under
    way: the confirmation leaves within the minute all the same."""
    from newsfeed.adapters.mail import mailer_from_config
    from newsfeed.adapters.models import Subscriber
    from newsfeed.jobs.scheduler import start_background
    from newsfeed.services.subscriptions import subscribe

    config = make_config(
        tmp_path,
        database_url,
        sources={"allow_networks": LOOPBACK, "timeout": 30.0, "min_every_minutes": 1},
        mail={"transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": smtp.port, "timeout": 5.0},
    )
    server.answers["/slow"] = Answer(trickle="chunks", every=0.5, lasting=600)
    engine = make_engine(config.database_url)
    sessions = session_factory(engine)
    with sessions() as s:
        add_source(s, f"{server.base}/slow", now=dt.datetime.now(dt.UTC), config=config)
        s.commit()
    stop = start_background(
        sessions, mailer_from_config(config), config, clock=lambda: dt.datetime.now(dt.UTC), interval=5
    )
    try:
        assert server.started.wait(60)  # the fetch is under way (and will be for up to 120 s)
        with sessions() as s:
            subscribe(s, "reader@example.org", read_preferences(s), now=dt.datetime.now(dt.UTC))
            s.commit()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not smtp.recorder.to("reader@example.org"):
            time.sleep(0.2)
        (confirmation,) = smtp.recorder.to("reader@example.org")
        assert confirmation["Subject"].startswith("Confirm")
        with sessions() as s:  # and the slow fetch had not finished meanwhile
            assert s.scalars(select(Source)).one().fetched_at is None
            assert s.scalar(select(func.count(Subscriber.id))) == 1
    finally:
        server.close()  # the trickle stops, so the fetch ends and the job can stop
        stop()
        engine.dispose()


def test_items_imported_by_hand_before_the_source_was_added_are_adopted_not_doubled(
    sessions: sessionmaker[Session], source_config: Config, server: PageServer
) -> None:
    from newsfeed.domain.importers import parse_text
    from newsfeed.services.imports import apply_import

    body = page(ACCEPTED, TALK)
    server.answers["/ada"] = Answer(body)
    with sessions() as s:
        factories.person(s, "ada", "Ada Lovelace")
        result = parse_text(body.decode(), today=T0.date(), path="homepage.html")
        assert apply_import(s, result, person="ada", now=T0, host="news.example.org").created == 2
        source_id = add_source(s, f"{server.base}/ada", person="ada", now=T0, config=source_config).id
        s.commit()
    first = _sync(sessions, source_config, source_id, T0)
    assert (first.created, first.unchanged) == (0, 2), first
    server.answers["/ada"] = Answer(page(ACCEPTED_EDITED, TALK, TRIP))
    second = _sync(sessions, source_config, source_id, T0 + dt.timedelta(hours=7))
    assert (second.created, second.updated, second.unchanged) == (1, 1, 1), second
    with sessions() as s:
        assert s.scalar(select(func.count(Item.id))) == 3
        assert s.scalar(select(func.count(Item.id)).where(Item.source_id == source_id)) == 3


def test_a_moved_page_is_followed_and_a_huge_one_changes_nothing(
    sessions: sessionmaker[Session], source_config: Config, server: PageServer
) -> None:
    server.answers["/old"] = Answer(status=301, location="/new")
    server.answers["/new"] = Answer(page(ACCEPTED, TALK))
    with sessions() as s:
        source_id = add_source(s, f"{server.base}/old", now=T0, config=source_config).id
        s.commit()
    assert _sync(sessions, source_config, source_id, T0).created == 2
    server.answers["/new"] = Answer(stream_mb=200)
    report = _sync(sessions, source_config, source_id, T0 + dt.timedelta(hours=7))
    assert report.status == "error" and "more than the 2,000,000 bytes" in (report.error or "")
    assert server.finished.wait(60)
    assert server.streamed["/new"] < 200 / 4  # stopped reading after 2 MB, not 200
    with sessions() as s:
        assert s.scalar(select(func.count(Item.id)).where(Item.status == Status.PUBLISHED)) == 2
        assert s.scalar(select(func.sum(Item.source_missing))) == 0
