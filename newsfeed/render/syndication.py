"""Feed rendering: values in, bytes out (pure). Atom and RSS through feedgen, JSON Feed 1.1 written
directly (iCalendar is :mod:`.ical`).

feedgen's traps are handled here: entries are appended in the order given (its default
prepends), the self link is distinct from the alternate link (and the alternate is added last,
since feedgen's RSS <link> is the last link), ``updated``/``lastBuildDate`` come from the data
(never "now": identical data gives identical bytes), XML-invalid characters are removed from every
string, and every datetime is aware UTC.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .safe_html import xml_safe

HISTORY_NS = "http://purl.org/syndication/history/1.0"
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class EntryLink:
    href: str
    rel: str = "related"
    title: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    published: dt.datetime
    updated: dt.datetime
    content_html: str
    summary: str
    kind: str
    posted: str
    tags: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # secondary kinds: categories after the primary one
    links: tuple[EntryLink, ...] = ()
    author: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    self_url: str
    alternate_url: str
    updated: dt.datetime
    entries: Sequence[Entry]
    language: str = "en"
    # RFC 5005 archived feeds: the current feed links its newest archive; archives link each other.
    archive: bool = False
    current_url: str | None = None
    prev_archive_url: str | None = None
    next_archive_url: str | None = None
    # WebSub (W3C): the hub readers may subscribe at for pushed updates of this feed (self_url)
    hub_url: str | None = None


def utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("feeds take aware datetimes only")
    return value.astimezone(dt.UTC)


class _ArchiveMarker(BaseExtension):  # type: ignore[misc]
    """Adds <fh:archive/> (RFC 5005) to an archive document."""

    def extend_ns(self) -> dict[str, str]:
        return {"fh": HISTORY_NS}

    def extend_atom(self, feed: Any) -> Any:
        etree.SubElement(feed, f"{{{HISTORY_NS}}}archive")
        return feed

    def extend_rss(self, feed: Any) -> Any:
        channel = feed[0]
        etree.SubElement(channel, f"{{{HISTORY_NS}}}archive")
        return feed


def _hub_for_rss(hub: str) -> type[BaseExtension]:
    """An extension writing <atom:link rel="hub"> into an RSS channel (feedgen writes only the
    self link there), as WebSub asks of RSS feeds."""

    class HubLink(BaseExtension):  # type: ignore[misc]
        def extend_rss(self, feed: Any) -> Any:
            channel = feed[0]
            link = etree.SubElement(channel, "{http://www.w3.org/2005/Atom}link")
            link.set("href", hub)
            link.set("rel", "hub")
            return feed

    return HubLink


def _generator(feed: Feed) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(xml_safe(feed.id))
    fg.title(xml_safe(feed.title) or "News")
    fg.subtitle(xml_safe(feed.subtitle) or xml_safe(feed.title) or "News")
    fg.language(feed.language)
    fg.generator("newsfeed")
    # RFC 4287 4.1.1: a feed has an author unless every entry has one; the site is the fallback.
    fg.author(name=xml_safe(feed.title) or "News")
    fg.updated(utc(feed.updated))
    fg.lastBuildDate(utc(feed.updated))
    fg.link(href=feed.self_url, rel="self")
    if feed.hub_url:
        fg.link(href=feed.hub_url, rel="hub")
        fg.register_extension("websub", _hub_for_rss(feed.hub_url), atom=False, rss=True)
    if feed.current_url:
        fg.link(href=feed.current_url, rel="current")
    if feed.prev_archive_url:
        fg.link(href=feed.prev_archive_url, rel="prev-archive")
    if feed.next_archive_url:
        fg.link(href=feed.next_archive_url, rel="next-archive")
    fg.link(href=feed.alternate_url, rel="alternate")  # last: feedgen's RSS <link> is the last link
    if feed.archive:
        fg.register_extension("archive", _ArchiveMarker, atom=True, rss=True)
    for entry in feed.entries:
        fe = fg.add_entry(order="append")
        fe.id(xml_safe(entry.id))
        fe.guid(xml_safe(entry.id), permalink=False)
        fe.title(xml_safe(entry.title))
        fe.link(href=entry.url, rel="alternate")
        for link in entry.links:
            fe.link(href=xml_safe(link.href), rel="related", title=xml_safe(link.title or link.rel))
        fe.published(utc(entry.published))
        fe.updated(utc(entry.updated))
        # RSS readers render <description> as HTML, so the plain-text summary goes out escaped.
        # feedgen's description() also sets Atom <content>, so it comes before content().
        summary_html = html.escape(xml_safe(entry.summary), quote=False)
        fe.description(summary_html)
        fe.content(xml_safe(entry.content_html), type="html")
        fe.summary(summary_html, type="html")
        categories = [{"term": k, "label": k} for k in (entry.kind, *entry.also)] + [
            {"term": t, "label": t} for t in entry.tags
        ]
        fe.category([{k: xml_safe(v) for k, v in c.items()} for c in categories])
        if entry.author:
            fe.author(name=xml_safe(entry.author))
    return fg


def render_atom(feed: Feed) -> bytes:
    return bytes(_generator(feed).atom_str(pretty=True, encoding="UTF-8"))


def render_rss(feed: Feed) -> bytes:
    return bytes(_generator(feed).rss_str(pretty=True, encoding="UTF-8"))


def _rfc3339(value: dt.datetime) -> str:
    return utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_news(feed: Feed) -> bytes:
    """``news.json``: the items as plain data, newest posting first, for a static site generator
    to render at build time (Jekyll's ``site.data``, Hugo's ``getJSON``/``resources.GetRemote``)::

        {"title": …, "home_page_url": …, "items": [{"id", "url", "title", "kind", "also",
          "posted" (as written), "posted_start", "posted_end" (ISO dates), "posted_grain",
          "approximate", "person", "tags", "summary", "content_html",
          "links": [{"href", "rel", "title"}], "events": [{"label", "location", …}]}]}
    """
    items = []
    for entry in feed.entries:
        extra = dict(entry.extra)
        items.append(
            {
                "id": entry.id,
                "url": entry.url,
                "title": xml_safe(entry.title),
                "kind": entry.kind,
                "also": list(entry.also),
                "posted": entry.posted,
                "posted_start": extra.pop("posted_start", None),
                "posted_end": extra.pop("posted_end", None),
                "posted_grain": extra.pop("posted_grain", None),
                "approximate": extra.pop("posted_approximate", False),
                "person": entry.author,
                "tags": list(entry.tags),
                "summary": xml_safe(entry.summary),
                "content_html": xml_safe(entry.content_html),
                "links": [{"href": x.href, "rel": x.rel, "title": x.title} for x in entry.links],
                "events": extra.pop("events", []),
            }
        )
    doc = {"title": xml_safe(feed.title), "home_page_url": feed.alternate_url, "items": items}
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode()


def render_json(feed: Feed, *, next_url: str | None = None) -> bytes:
    """JSON Feed 1.1; our own fields sit under "_newsfeed" as the spec asks of extensions."""
    items = []
    for entry in feed.entries:
        item: dict[str, Any] = {
            "id": entry.id,
            "url": entry.url,
            "title": xml_safe(entry.title),
            "content_html": xml_safe(entry.content_html),
            "summary": xml_safe(entry.summary),
            "date_published": _rfc3339(entry.published),
            "date_modified": _rfc3339(entry.updated),
            "tags": [entry.kind, *entry.also, *entry.tags],
            "_newsfeed": {
                "kind": entry.kind,
                "also": list(entry.also),
                "posted": entry.posted,
                **entry.extra,
            },
        }
        if entry.author:
            item["authors"] = [{"name": entry.author}]
        if entry.links:
            item["external_url"] = entry.links[0].href
        items.append(item)
    doc: dict[str, Any] = {
        "version": JSONFEED_VERSION,
        "title": xml_safe(feed.title),
        "home_page_url": feed.alternate_url,
        "feed_url": feed.self_url,
        "description": xml_safe(feed.subtitle),
        "language": feed.language,
        "items": items,
    }
    if next_url:
        doc["next_url"] = next_url
    if feed.hub_url:
        doc["hubs"] = [{"type": "WebSub", "url": feed.hub_url}]
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)
    # HTML-safe JSON: "<", ">" and "&" as \u escapes, so no consumer that pastes a value into a
    # page can be tricked by a title; the values decode to the same text.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.encode()
