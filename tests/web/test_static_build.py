"""`newsfeed build OUT/`: the public site as files under any base path. Every link in every
built file leads to a built file; every feed and calendar parses; the pages and feeds hold what
the running app serves; a rebuild writes only the files whose bytes changed."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from icalendar import Calendar
from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, Person
from newsfeed.adapters.site_files import MANIFEST
from newsfeed.domain.vocab import KINDS, Kind
from newsfeed.services.demo import load_demo
from newsfeed.services.items import update_item, with_changes

BASE = "https://user.github.io/site/"
PREFIX = "/site/"
_ABSOLUTE = re.compile(r"(?:https|webcal)://user\.github\.io(/[^\s\"'<>\\)]*)")


def _target(out: Path, address: str) -> Path:
    path = unquote(urlsplit(address).path)
    assert path.startswith(PREFIX), f"{address} is outside the base path"
    relative = path[len(PREFIX) :]
    return out / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def _links(out: Path) -> list[tuple[Path, str]]:
    """Every link to the site in every built file: attributes of the pages, and the absolute
    addresses in feeds, calendars and JSON."""
    found: list[tuple[Path, str]] = []
    for file in out.rglob("*"):
        if not file.is_file() or file.name == MANIFEST:
            continue
        if file.suffix == ".html":
            doc = html.fromstring(file.read_bytes())
            for _element, _attribute, link, _pos in doc.iterlinks():
                if link.startswith("/") and not link.startswith("//"):
                    found.append((file, link))
        if file.suffix in (".html", ".atom", ".rss", ".json", ".ics", ".xml"):
            text = file.read_bytes().decode().replace("\r\n ", "")
            found += [(file, m.group(1) or "/") for m in _ABSOLUTE.finditer(text)]
    return found


def _count(output: str, what: str) -> int:
    found = re.search(rf"([\d,]+) {what}", output)
    assert found is not None, output
    return int(found.group(1).replace(",", ""))


def _build(runner: Any, out: Path) -> Any:
    result = runner(["build", str(out), "--base-url", BASE])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def demo(runner: Any, session: Session) -> Session:
    runner(["db", "upgrade"])
    load_demo(session, now=dt.datetime.now(dt.UTC), host="news.example.org")
    session.commit()
    return session


def test_every_link_in_the_built_site_leads_to_a_built_file(
    runner: Any, demo: Session, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = _build(runner, out)
    assert "broken link" not in result.output
    links = _links(out)
    assert len(links) > 500  # pages, feeds and calendars of every person, kind and tag
    missing = sorted(
        {(str(f.relative_to(out)), link) for f, link in links if not _target(out, link).is_file()}
    )
    assert missing == []
    # no link to what only a server answers, and the filter form became links
    assert not [link for _, link in links if "/subscribe" in link or "/admin" in link]
    assert not html.fromstring((out / "index.html").read_bytes()).xpath("//form")
    # fragments point at ids on their page
    for file, link in links:
        if "#" in link and file.suffix == ".html":
            target = html.fromstring(_target(out, link).read_bytes())
            assert target.get_element_by_id(link.split("#", 1)[1], None) is not None, link


def test_every_built_feed_and_calendar_parses(runner: Any, demo: Session, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(runner, out)
    feeds = [p for p in out.rglob("feed.*")]
    calendars = list(out.rglob("*.ics"))
    lists = 1 + len(KINDS)  # the whole site's and every kind's, then people's and tags'
    assert len(feeds) >= 3 * lists and len(calendars) >= lists
    for path in feeds:
        if path.suffix == ".json":  # JSON Feed 1.1
            document = json.loads(path.read_bytes())
            assert document["version"] == "https://jsonfeed.org/version/1.1"
            links = [i["url"] for i in document["items"]] + [document["feed_url"], document["home_page_url"]]
        else:
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
            links = [x.href for e in parsed.entries for x in e.links] + [parsed.feed.link]
        ours = [link for link in links if urlsplit(link).netloc == "user.github.io"]
        assert len(ours) > len(links) / 3 and all(_target(out, link).is_file() for link in ours), (
            path,
            links,
        )
    for path in calendars:
        calendar = Calendar.from_ical(path.read_bytes())
        for event in calendar.walk("VEVENT"):
            assert _target(out, str(event["URL"])).is_file()
    news = json.loads((out / "news.json").read_bytes())
    assert len(news["items"]) == demo.query(Item).count()
    assert all(_target(out, i["url"]).is_file() for i in news["items"])
    sitemap = html.fromstring((out / "sitemap.xml").read_bytes())
    assert all(_target(out, loc.text).is_file() for loc in sitemap.iter("loc"))


def test_built_pages_and_feeds_hold_what_the_app_serves(
    runner: Any, demo: Session, tmp_path: Path, app_factory: Any, config: Any, clock: Any
) -> None:
    out = tmp_path / "out"
    _build(runner, out)
    clock.now = dt.datetime.now(dt.UTC)
    live = app_factory(config).test_client()
    kind = demo.scalars(select(Item.kind)).first()
    with_person = demo.scalars(select(Item).where(Item.person_id.is_not(None))).first()
    assert kind is not None and with_person is not None and with_person.person is not None
    person = with_person.person.slug
    pages = {"/": "index.html", f"/kinds/{kind.value}": f"kinds/{kind.value}/index.html",
             f"/people/{person}": f"people/{person}/index.html"}  # fmt: skip
    for address, file in pages.items():

        def titles(body: bytes) -> list[str]:
            return [
                a.text_content()
                for a in html.fromstring(body).xpath(
                    "//ol[@class='news']//a[contains(concat(' ', @class, ' '), ' title ')]"
                )
            ]

        assert titles((out / file).read_bytes()) == titles(live.get(address).data) != []
    for fmt in ("atom", "rss"):
        built = [e.id for e in feedparser.parse((out / f"feed.{fmt}").read_bytes()).entries]
        served = [e.id for e in feedparser.parse(live.get(f"/feed.{fmt}").data).entries]
        assert built == served != []
    built_json = [i["id"] for i in json.loads((out / "feed.json").read_bytes())["items"]]
    assert built_json == [i["id"] for i in json.loads(live.get("/feed.json").data)["items"]] != []


def test_a_rebuild_writes_only_the_files_that_changed(runner: Any, demo: Session, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _build(runner, out)
    total = _count(first.output, "files written")
    again = _build(runner, out)
    assert _count(again.output, "files written") == 0, again.output

    edited = demo.scalars(select(Item).where(Item.milestones.any()).order_by(Item.id)).first()
    assert edited is not None
    other = demo.scalars(select(Item).where(Item.id != edited.id).order_by(Item.id)).first()
    assert other is not None
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    update_item(
        demo, edited, with_changes(edited, title="A new title for this item"), now=dt.datetime.now(dt.UTC)
    )
    demo.commit()
    result = _build(runner, out)
    written = _count(result.output, "files written")
    assert 0 < written < total / 4, result.output
    changed = {p for p in before if p.exists() and p.stat().st_mtime_ns != before[p]}
    assert out / f"items/{edited.id}/index.html" in changed
    assert out / f"items/{other.id}/index.html" not in changed
    assert "A new title for this item" in (out / f"items/{edited.id}/index.html").read_text()
    assert "A new title for this item" in (out / "index.html").read_text()
    assert "A new title for this item" in (out / "feed.atom").read_text()

    # a person's new name shows on every page that names them, though no item changed
    person = demo.scalars(select(Person).where(Person.items.any())).first()
    assert person is not None
    person.name = "Another Name Entirely"
    demo.commit()
    _build(runner, out)
    assert "Another Name Entirely" in (out / f"people/{person.slug}/index.html").read_text()
    assert "Another Name Entirely" in (out / "index.html").read_text()

    demo.delete(other)
    demo.commit()
    result = _build(runner, out)
    assert not (out / f"items/{other.id}").exists()
    assert _count(result.output, "removed") >= 1  # its page (and its calendar file, if it had one)


def test_a_build_says_when_it_must_run_again_and_refuses_a_bad_base_url(
    runner: Any, demo: Session, tmp_path: Path
) -> None:
    result = _build(runner, tmp_path / "out")
    when = re.search(r"build again by (\d{4}-\d\d-\d\d \d\d:\d\d) UTC", result.output)
    assert when is not None, result.output
    assert dt.datetime.strptime(when.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=dt.UTC) > dt.datetime.now(
        dt.UTC
    )
    bad = runner(["build", str(tmp_path / "x"), "--base-url", "ftp://example.org/"])
    assert bad.exit_code == 2 and "--base-url" in bad.output


def test_a_rebuild_renders_only_what_changed_and_full_renders_everything(
    runner: Any, demo: Session, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = _build(runner, out)
    everything = _count(first.output, "rendered")
    again = _build(runner, out)
    assert _count(again.output, "rendered") < everything / 4  # /upcoming, /follow, the embed…
    full = runner(["build", str(out), "--base-url", BASE, "--full"])
    assert full.exit_code == 0, full.output
    assert _count(full.output, "rendered") == everything
    assert _count(full.output, "files written") == 0


def test_links_in_an_items_body_to_missing_or_odd_pages_are_reported_not_fatal(
    runner: Any, session: Session, tmp_path: Path
) -> None:
    from tests import factories

    runner(["db", "upgrade"])
    body = "See [the old talk](/items/99999) and [this](/tags/..%2F..%2Fetc) and [slides](/assets/s.pdf)."
    created = factories.item(session, "A talk with links", "05/2024", kind=Kind.TALK, body=body)
    session.commit()
    out = tmp_path / "out"
    result = runner(["build", str(out), "--base-url", BASE])
    assert result.exit_code == 0, result.output
    assert "broken link: /items/99999" in result.output
    assert "link left as written: /tags/..%2F..%2Fetc" in result.output
    page = (out / f"items/{created.id}/index.html").read_text()
    assert 'href="/assets/s.pdf"' in page  # the author's own homepage's file, untouched
    assert not (tmp_path / "etc").exists()
    strict = runner(["build", str(out), "--base-url", BASE, "--strict"])
    assert strict.exit_code == 1
