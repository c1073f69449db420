"""Feeds as readers and calendars see them: valid, stable, filtered, cached, never leaking."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import jsonschema
import pytest
import rnc2rng
from lxml import etree
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from newsfeed.adapters.files import read_path
from newsfeed.adapters.models import Item, Person
from newsfeed.adapters.state import data_state_fast
from newsfeed.domain.vocab import Kind, Status, Visibility
from newsfeed.services.imports import apply_import
from newsfeed.services.items import update_item
from tests import factories
from tests.conftest import make_config
from tests.html_checks import no_active_content

FIXTURES = Path(__file__).parent.parent / "fixtures"
ATOM_NS = {"a": "http://www.w3.org/2005/Atom", "fh": "http://purl.org/syndication/history/1.0"}


@pytest.fixture(scope="module")
def atom_schema() -> etree.RelaxNG:
    rng = rnc2rng.dumps(rnc2rng.load(str(FIXTURES / "schemas" / "atom.rnc")))
    # XML forbids declaring a prefix for the empty namespace; the grammar uses ns="" directly.
    rng = rng.replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


@pytest.fixture(scope="module")
def jsonfeed_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((FIXTURES / "schemas" / "jsonfeed-1.1.schema.json").read_text())
    return schema


def _seed(
    session: Session, name: str = "000_00131e9a34f93c5c.txt", today: dt.date = dt.date(2025, 3, 1)
) -> None:
    result = read_path(FIXTURES / "seeds" / name, today=today)
    apply_import(session, result, person=None, now=factories.NOW, host="news.example.org")
    session.commit()


def _parse(client: Any, url: str) -> Any:
    """Entries as a reader sees them: feedparser for Atom and RSS, plain JSON for JSON Feed
    (feedparser 6.0 does not read JSON Feed)."""
    response = client.get(url)
    if url.split("?")[0].endswith(".json"):
        doc = json.loads(response.data)
        entries = [feedparser.FeedParserDict(id=i["id"], title=i["title"]) for i in doc["items"]]
        return feedparser.FeedParserDict(bozo=0, entries=entries)
    return feedparser.parse(response.data)


def _atom(client: Any, url: str = "/feed.atom") -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, response.data
    return etree.fromstring(response.data)


def test_every_feed_parses_cleanly_with_the_right_entries_in_order(session: Session, client: Any) -> None:
    _seed(session)
    for url in ("/feed.atom", "/feed.rss", "/feed.json"):
        parsed = _parse(client, url)
        assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
        titles = [e.title for e in parsed.entries]
        assert len(titles) == 34
        assert titles[0].startswith("Our workshop on deep generative models")  # 01/2025, the newest
        assert titles[-1] == "I am invited to serve as a reviewer for ICML-2021"  # 12/2020, the oldest
        assert len({e.id for e in parsed.entries}) == 34
        assert all(e.id.startswith("tag:news.example.org,2025:news/") for e in parsed.entries)


def test_atom_validates_against_rfc_4287(session: Session, client: Any, atom_schema: etree.RelaxNG) -> None:
    _seed(session)
    factories.item(
        session, "Title with \x0b and <script>alert(1)</script>", "05/2024", body="<script>x</script> *ok*"
    )
    session.commit()
    doc = _atom(client)
    assert atom_schema.validate(doc), atom_schema.error_log
    # the Schematron rule of RFC 4287: an author on the feed, or on every entry
    assert doc.find("a:author", ATOM_NS) is not None
    self_links = doc.findall("a:link[@rel='self']", ATOM_NS)
    alternate = doc.findall("a:link[@rel='alternate']", ATOM_NS)
    assert len(self_links) == 1 and len(alternate) == 1
    assert self_links[0].get("href") == "http://news.example.org/feed.atom"
    assert alternate[0].get("href") == "http://news.example.org/"


def test_hostile_titles_still_give_valid_safe_feeds(session: Session, client: Any) -> None:
    factories.item(
        session,
        "Tab\x0bbed <script>alert(1)</script> & more",
        "05/2024",
        body="Body <img src=x onerror=alert(1)> [x](javascript:alert(2)) <script>bad()</script>",
    )
    session.commit()
    for url in ("/feed.atom", "/feed.rss"):
        data = client.get(url).data
        etree.fromstring(data)  # well-formed despite the control character
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0
        entry = parsed.entries[0]
        assert entry.title == "Tabbed <script>alert(1)</script> & more"  # text, escaped on the wire
        raw = etree.fromstring(data)
        for node in raw.iter(
            "{http://www.w3.org/2005/Atom}content", "description", "{http://www.w3.org/2005/Atom}summary"
        ):
            no_active_content(node.text or "")
        no_active_content(entry.content[0].value if "content" in entry else entry.summary)
    body = json.loads(client.get("/feed.json").data)
    no_active_content(body["items"][0]["content_html"])
    assert "&lt;script&gt;bad()" in body["items"][0]["content_html"]  # shown as text, not run
    assert "\x0b" not in body["items"][0]["title"]


def test_json_feed_validates(session: Session, client: Any, jsonfeed_schema: dict[str, Any]) -> None:
    _seed(session)
    doc = json.loads(client.get("/feed.json").data)
    jsonschema.validate(doc, jsonfeed_schema, format_checker=jsonschema.FormatChecker())
    trip = next(i for i in doc["items"] if i["title"].startswith("I will be attending ICLR 2024"))
    assert trip["_newsfeed"]["posted"] == "May 2024"
    assert trip["_newsfeed"]["events"][0]["start"] == "2024-05-06"


def test_published_is_when_it_was_published_and_the_posted_date_is_text(
    session: Session, client: Any, clock: Any
) -> None:
    factories.item(
        session,
        "Trip to Vienna",
        "05/2024",
        kind=Kind.TRAVEL,
        milestones=[("Trip", "06/05/2024 to 12/05/2024")],
    )
    # an item about a future event: its event date must not leak into "published"
    factories.item(
        session, "Talk next year", "03/2025", kind=Kind.TALK, milestones=[("Talk", "3 Jun 2026, 10:00 UTC")]
    )
    session.commit()
    doc = _atom(client)
    for entry in doc.findall("a:entry", ATOM_NS):
        published = dt.datetime.fromisoformat(entry.findtext("a:published", namespaces=ATOM_NS))
        assert published == factories.NOW
        assert published <= clock.now
    contents = [e.findtext("a:content", namespaces=ATOM_NS) for e in doc.findall("a:entry", ATOM_NS)]
    assert any("May 2024" in c and "6–12 May 2024" in c for c in contents)


def test_drafts_private_unlisted_retracted_appear_in_no_feed(session: Session, client: Any) -> None:
    factories.item(session, "Visible news", "05/2024", milestones=[("Talk", "6 May 2024")])
    hidden: dict[str, dict[str, Any]] = {
        "Draft news": {"status": Status.DRAFT},
        "Retracted news": {"status": Status.RETRACTED},
        "Private news": {"visibility": Visibility.PRIVATE},
        "Unlisted news": {"visibility": Visibility.UNLISTED},
    }
    ids = {}
    for title, extra in hidden.items():
        ids[title] = factories.item(
            session, title, "05/2024", milestones=[("Talk", "7 May 2024")], **extra
        ).id
    session.commit()
    for url in (
        "/feed.atom",
        "/feed.rss",
        "/feed.json",
        "/calendar.ics",
        "/",
        "/upcoming",
        "/kinds/acceptance/feed.atom",
    ):
        body = client.get(url).data.decode()
        for title in hidden:
            assert title not in body, (url, title)
    assert client.get(f"/items/{ids['Private news']}").status_code == 404
    assert client.get(f"/items/{ids['Draft news']}").status_code == 404
    unlisted = session.get(Item, ids["Unlisted news"])
    assert unlisted is not None and client.get(f"/items/{unlisted.id}").status_code == 404
    assert client.get(f"/items/{unlisted.id}/{unlisted.link_token}").status_code == 200  # by its link only


def test_scheduled_item_appears_once_its_time_passes_even_when_cached(
    session: Session, client: Any, clock: Any
) -> None:
    factories.item(session, "Old news", "01/2025")
    factories.item(
        session, "Embargoed", "03/2025", status=Status.SCHEDULED, publish_at=clock.now + dt.timedelta(hours=1)
    )
    session.commit()
    first = client.get("/feed.atom")
    assert b"Embargoed" not in first.data
    clock.advance(hours=2)  # no write happened: the cache must still let it through
    second = client.get("/feed.atom", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert b"Embargoed" in second.data
    published = feedparser.parse(second.data).entries[0].published_parsed
    assert dt.datetime(*published[:6]).replace(tzinfo=dt.UTC) <= clock.now


def test_ids_never_change_and_an_edit_updates_instead_of_duplicating(session: Session, client: Any) -> None:
    item = factories.item(session, "Paper accepted", "05/2024")
    session.commit()
    before = feedparser.parse(client.get("/feed.atom").data).entries
    from dataclasses import replace

    from newsfeed.services.items import ItemInput

    data = ItemInput(title="Paper accepted (oral)", posted=item.posted, kind=item.kind)
    update_item(session, item, replace(data), now=factories.NOW + dt.timedelta(days=1))
    session.commit()
    after = feedparser.parse(client.get("/feed.atom").data).entries
    assert len(after) == len(before) == 1
    assert after[0].id == before[0].id
    assert after[0].title == "Paper accepted (oral)"
    assert after[0].updated_parsed > before[0].updated_parsed


def test_identical_data_gives_identical_bytes(
    session: Session, app: Any, app_factory: Any, clock: Any
) -> None:
    _seed(session)
    other = app_factory(app.extensions["newsfeed.config"])  # another worker, its own cache
    for url in ("/feed.atom", "/feed.rss", "/feed.json", "/calendar.ics"):
        assert app.test_client().get(url).data == other.test_client().get(url).data
    clock.advance(days=3)  # time passing alone changes nothing
    assert app.test_client().get("/feed.atom").data == other.test_client().get("/feed.atom").data


def test_feeds_answer_304_to_their_strong_etag_and_date_until_a_write_changes_them(
    session: Session, client: Any
) -> None:
    _seed(session)
    first = client.get("/feed.atom")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert not first.headers["ETag"].startswith("W/")  # strong
    assert "max-age=300" in first.headers["Cache-Control"]
    assert client.get("/feed.atom", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/feed.atom", headers={"If-Modified-Since": modified}).status_code == 304
    factories.item(session, "Something new", "03/2025")
    session.commit()
    changed = client.get("/feed.atom", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_a_cache_hit_neither_queries_items_nor_renders(
    session: Session, app: Any, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsfeed.web.caching as web_caching
    import newsfeed.web.feeds as web_feeds

    _seed(session)
    client.get("/feed.atom")  # fills the cache
    engine = app.extensions["newsfeed.sessions"].kw["bind"]
    statements: list[str] = []
    version_checks: list[int] = []
    real_check = data_state_fast

    def counting_check(bound: Any) -> Any:
        version_checks.append(1)
        return real_check(bound)

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a cache hit must not query items or render")

    monkeypatch.setattr(web_caching, "data_state_fast", counting_check)
    monkeypatch.setattr(web_feeds, "feed_document", fail)

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get("/feed.atom").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert statements == []  # no ORM or Core statement at all
    assert version_checks == [1]  # only the data version, on a pooled DBAPI connection
    assert app.extensions["newsfeed.feed_cache"].hits >= 1


def test_version_ttl_own_writes_at_once_others_within_the_ttl(
    tmp_path: Path, database_url: str, app_factory: Any, session: Session
) -> None:
    app = app_factory(make_config(tmp_path, database_url, feeds={"version_ttl": 60.0}))
    client = app.test_client()
    factories.item(session, "First", "01/2025")
    session.commit()
    assert b"First" in client.get("/feed.atom").data
    factories.item(session, "Written elsewhere", "02/2025")  # another process, within the TTL
    session.commit()
    assert b"Written elsewhere" not in client.get("/feed.atom").data
    with app.extensions["newsfeed.sessions"]() as own:  # a write through this app
        factories.item(own, "Written here", "03/2025")
        own.commit()
    body = client.get("/feed.atom").data
    assert b"Written here" in body and b"Written elsewhere" in body


def test_a_write_through_another_worker_is_seen(session: Session, app: Any, app_factory: Any) -> None:
    other = app_factory(app.extensions["newsfeed.config"])
    factories.item(session, "First", "01/2025")
    session.commit()
    assert b"First" in other.test_client().get("/feed.atom").data
    factories.item(session, "Second", "02/2025")  # written by "this" worker
    session.commit()
    assert b"Second" in other.test_client().get("/feed.atom").data


def test_feed_filters_in_the_query_and_in_the_path_select_the_same_items(
    session: Session, client: Any
) -> None:
    session.add_all([Person(slug="ada", name="Ada"), Person(slug="alan", name="Alan")])
    session.flush()
    factories.item(session, "Ada's trip", "05/2024", kind=Kind.TRAVEL, person="ada", tags=["conference"])
    factories.item(session, "Alan's talk", "04/2024", kind=Kind.TALK, person="alan")
    factories.item(session, "Ada's paper", "03/2024", kind=Kind.ACCEPTANCE, person="ada")
    session.commit()

    def titles(url: str) -> list[str]:
        return [e.title for e in _parse(client, url).entries]

    assert titles("/kinds/travel/feed.atom") == ["Ada's trip"]
    assert titles("/feed.atom?kind=travel&kind=talk") == ["Ada's trip", "Alan's talk"]
    assert titles("/people/ada/feed.rss") == ["Ada's trip", "Ada's paper"]
    assert titles("/feed.json?person=ada&kind=acceptance") == ["Ada's paper"]
    assert titles("/tags/conference/feed.atom") == ["Ada's trip"]
    self_link = _atom(client, "/people/ada/feed.atom").find("a:link[@rel='self']", ATOM_NS)
    assert self_link is not None and self_link.get("href") == "http://news.example.org/feed.atom?person=ada"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/feed.atom?kind=party", "kind"),
        ("/kinds/party/feed.rss", "kind"),
        ("/people/nobody/feed.atom", "person"),
        ("/feed.json?tag=nothing", "tag"),
        ("/feed.atom?page=x", "page"),
        ("/feed.atom?page=7", "page"),
        ("/?kind=party", "kind"),
    ],
)
def test_bad_filters_are_400_naming_the_field(client: Any, url: str, field: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    text = response.data.decode()
    assert field in text
    assert "Traceback" not in text


def test_rfc_5005_archives_hold_the_whole_history(
    tmp_path: Path, database_url: str, app_factory: Any, session: Session
) -> None:
    app = app_factory(make_config(tmp_path, database_url, feeds={"limit": 3}))
    client = app.test_client()
    for n in range(8):
        factories.item(session, f"News {n}", f"{n + 1:02d}/2024", now=factories.NOW + dt.timedelta(minutes=n))
    session.commit()
    current = _atom(client)
    assert [e.findtext("a:title", namespaces=ATOM_NS) for e in current.findall("a:entry", ATOM_NS)] == [
        "News 7",
        "News 6",
        "News 5",
    ]
    seen = set()
    url = current.find("a:link[@rel='prev-archive']", ATOM_NS).get("href")
    pages = 0
    while url:
        doc = _atom(client, url.replace("http://news.example.org", ""))
        pages += 1
        assert doc.find("fh:archive", ATOM_NS) is not None
        assert doc.find("a:link[@rel='current']", ATOM_NS).get("href") == "http://news.example.org/feed.atom"
        seen |= {e.findtext("a:title", namespaces=ATOM_NS) for e in doc.findall("a:entry", ATOM_NS)}
        prev = doc.find("a:link[@rel='prev-archive']", ATOM_NS)
        url = prev.get("href") if prev is not None else None
    seen |= {"News 7", "News 6", "News 5"}
    assert pages == 2
    assert seen == {f"News {n}" for n in range(8)}
    # an archive page never changes when news is added
    page0 = client.get("/feed.atom?page=0").data
    factories.item(session, "News 8", "09/2024", now=factories.NOW + dt.timedelta(hours=1))
    session.commit()
    assert client.get("/feed.atom?page=0").data == page0


def test_calendar_round_trips_with_true_instants(session: Session, client: Any) -> None:
    _seed(session, "003_ed098f0169d864fe.txt", today=dt.date(2024, 12, 1))
    _seed(session)
    response = client.get("/calendar.ics")
    assert response.headers["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.data)
    events = {str(e["SUMMARY"]).split(" — ")[0]: e for e in cal.walk("VEVENT")}
    submission = events["Paper submission deadline"]
    assert submission.decoded("DTSTART") == dt.datetime(2025, 2, 2, 11, 59, tzinfo=dt.UTC)
    for label in ("Review Deadline", "Paper notification date", "Camera ready deadline"):
        start = events[label].decoded("DTSTART")
        assert (start.hour, start.minute, start.utcoffset()) == (11, 59, dt.timedelta(0))
    bidding = events["Reviewer bidding dates"]
    assert bidding.decoded("DTSTART") == dt.date(2025, 2, 1)
    assert bidding.decoded("DTEND") == dt.date(2025, 2, 6)  # exclusive end of an all-day range
    trip = next(e for e in cal.walk("VEVENT") if "ICLR 2024" in str(e["SUMMARY"]))
    assert (trip.decoded("DTSTART"), trip.decoded("DTEND")) == (dt.date(2024, 5, 6), dt.date(2024, 5, 13))
    assert str(trip["LOCATION"]) == "Vienna"
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert all(int(str(e["SEQUENCE"])) == 1 for e in cal.walk("VEVENT"))
    assert client.get("/calendar.ics").data == response.data  # deterministic DTSTAMP


def test_calendar_uses_vtimezone_for_iana_zones_and_sequence_follows_revisions(
    session: Session, client: Any
) -> None:
    item = factories.item(
        session,
        "Keynote",
        "05/2024",
        kind=Kind.TALK,
        milestones=[("Keynote", "3 June 2024, 9:00-9:50 Vancouver Time (GMT-7)")],
    )
    session.commit()
    cal = icalendar.Calendar.from_ical(client.get("/calendar.ics").data)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/Vancouver"]
    (ev,) = cal.walk("VEVENT")
    assert ev.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2024, 6, 3, 16, 0, tzinfo=dt.UTC)
    assert ev.decoded("DTEND").astimezone(dt.UTC) == dt.datetime(2024, 6, 3, 16, 50, tzinfo=dt.UTC)
    uid = str(ev["UID"])
    from newsfeed.domain.dates import parse
    from newsfeed.services.items import ItemInput, MilestoneInput

    moved = ItemInput(
        title="Keynote",
        posted=item.posted,
        kind=Kind.TALK,
        milestones=[
            MilestoneInput(
                "Keynote", parse("4 June 2024, 9:00-9:50 Vancouver Time", today=dt.date(2024, 1, 1))
            )
        ],
    )
    update_item(session, item, moved, now=factories.NOW + dt.timedelta(days=1))
    session.commit()
    (ev2,) = icalendar.Calendar.from_ical(client.get("/calendar.ics").data).walk("VEVENT")
    assert str(ev2["UID"]) == uid
    assert int(str(ev2["SEQUENCE"])) == 2


def test_month_events_are_left_out_unless_configured(
    session: Session, client: Any, tmp_path: Path, database_url: str, app_factory: Any
) -> None:
    factories.item(session, "Visiting", "05/2024", kind=Kind.TRAVEL, milestones=[("Visit", "June 2024")])
    session.commit()
    assert icalendar.Calendar.from_ical(client.get("/calendar.ics").data).walk("VEVENT") == []
    config = make_config(tmp_path, database_url, site={"month_events": True})
    other = app_factory(config).test_client()
    (ev,) = icalendar.Calendar.from_ical(other.get("/calendar.ics").data).walk("VEVENT")
    assert (ev.decoded("DTSTART"), ev.decoded("DTEND")) == (dt.date(2024, 6, 1), dt.date(2024, 7, 1))


def test_pages_link_their_feeds_for_autodiscovery(session: Session, client: Any) -> None:
    _seed(session)
    from lxml import html

    for url in ("/", "/upcoming", "/?kind=travel"):
        doc = html.fromstring(client.get(url).data)
        types = {link.get("type") for link in doc.xpath("//head/link[@rel='alternate']")}
        assert types == {
            "application/atom+xml",
            "application/rss+xml",
            "application/feed+json",
            "text/calendar",
        }
    doc = html.fromstring(client.get("/?kind=travel").data)
    atom = doc.xpath("//head/link[@type='application/atom+xml']")[0].get("href")
    assert atom == "http://news.example.org/feed.atom?kind=travel"
    assert doc.xpath("//a[starts-with(@href, 'webcal://news.example.org/calendar.ics')]")


def test_upcoming_page_shows_source_zone_and_utc(session: Session, client: Any, clock: Any) -> None:
    _seed(session, "003_ed098f0169d864fe.txt", today=dt.date(2024, 12, 1))
    clock.now = dt.datetime(2025, 1, 20, 12, 0, tzinfo=dt.UTC)
    page = client.get("/upcoming").data.decode()
    assert "1 Feb 2025, 23:59 AoE" in page
    assert "2 Feb 2025, 11:59 UTC" in page
    assert 'datetime="2025-02-02T11:59:00Z"' in page
    assert "in 13 days" in page
    item = session.scalar(select(Item))
    assert item is not None and f"/items/{item.id}" in page


def test_repeated_requests_are_answered_before_flask(session: Session, app: Any, client: Any) -> None:
    """The second GET of a feed URL comes from the cache in front of Flask: same bytes, same
    headers, 304 for a matching ETag, and a write still shows at once."""
    _seed(session)
    fast = app.extensions["newsfeed.fast_feeds"]
    first = client.get("/feed.atom?kind=travel")
    assert fast.hits == 0
    second = client.get("/feed.atom?kind=travel")
    assert fast.hits == 1
    assert second.data == first.data
    dropped = {"Date", "Content-Length"}  # every other header the same, security headers included
    assert {k: v for k, v in second.headers.items() if k not in dropped} == {
        k: v for k, v in first.headers.items() if k not in dropped
    }
    assert (
        client.get("/feed.atom?kind=travel", headers={"If-None-Match": first.headers["ETag"]}).status_code
        == 304
    )
    assert fast.hits == 2
    factories.item(session, "New trip", "03/2025", kind=Kind.TRAVEL)
    session.commit()
    assert b"New trip" in client.get("/feed.atom?kind=travel").data
    assert client.head("/feed.atom?kind=travel").status_code == 200
