"""Feeds as a source: Atom and RSS (read with feedparser) and JSON Feed 1.0/1.1, one item per entry.

An entry's posted date is the date the feed gives it: a feed written by newsfeed carries the date
as written ("05/2024", with its precision) under ``_newsfeed.posted`` in JSON Feed; otherwise the
day of ``published`` (or ``updated``) in UTC — a feed's timestamp says when the entry was posted,
not the time of day of the news. An entry without any date is skipped with a warning. Its kind is
weighed from its title and summary like any imported line; a link to the entry becomes its link.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import feedparser

from ..dates import DateParseError, FuzzyDate, parse
from .classify import classify_item
from .events import events_in
from .model import ImportedItem, ImportResult, Link, UnreadableDocument
from .text import html_to_markdown, looks_like_html, plain

FEED_TYPES = (
    "application/atom+xml",
    "application/rss+xml",
    "application/feed+json",
    "application/xml",
    "text/xml",
    "application/json",
)


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """A feed by its media type, or by its first element or key when the server says little."""
    if content_type in FEED_TYPES[:3]:
        return True
    head = body[:2048].lstrip().lower()
    if head.startswith(b"{"):
        return b"jsonfeed.org/version" in body[:4096]
    return (
        head.startswith(b"<?xml")
        and (b"<feed" in head or b"<rss" in head or b"<rdf:rdf" in head)
        or (head.startswith((b"<feed", b"<rss")))
    )


def parse_feed(body: bytes, *, today: dt.date, path: str = "") -> ImportResult:
    if body[:2048].lstrip().startswith(b"{"):
        return _json_feed(body, today=today, path=path)
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "no entries"
        raise UnreadableDocument(f"{path or 'the feed'}: not an Atom or RSS feed ({reason})")
    result = ImportResult(format="feed")
    for index, entry in enumerate(parsed.entries, start=1):
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        content = entry.get("content") or []
        summary = entry.get("summary") or (content[0].get("value") if content else "") or ""
        _add(
            result,
            index,
            title=entry.get("title") or "",
            summary=summary,
            link=entry.get("link"),
            posted=_day(stamp, today) if stamp else None,
            path=path,
        )
    return result


def _json_feed(body: bytes, *, today: dt.date, path: str) -> ImportResult:
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise UnreadableDocument(f"{path or 'the feed'}: not JSON ({exc})") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise UnreadableDocument(f"{path or 'the feed'}: not a JSON Feed (no jsonfeed.org version)")
    items = doc.get("items")
    if not isinstance(items, list):
        raise UnreadableDocument(f"{path or 'the feed'}: a JSON Feed without items")
    result = ImportResult(format="feed")
    for index, entry in enumerate(items, start=1):
        if not isinstance(entry, dict):
            continue
        posted = None
        ours = entry.get("_newsfeed")
        if isinstance(ours, dict) and isinstance(ours.get("posted"), str):
            try:
                posted = parse(ours["posted"][:200], today=today, prefer="past")
            except DateParseError:
                posted = None
        stamp = entry.get("date_published") or entry.get("date_modified")
        if posted is None and isinstance(stamp, str):
            try:
                when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
                when = when.astimezone(dt.UTC) if when.tzinfo else when.replace(tzinfo=dt.UTC)
                posted = _day(when.timetuple(), today)
            except ValueError:
                posted = None
        summary = entry.get("summary") or entry.get("content_html") or entry.get("content_text") or ""
        _add(
            result,
            index,
            title=str(entry.get("title") or ""),
            summary=str(summary),
            link=entry.get("url") if isinstance(entry.get("url"), str) else None,
            posted=posted,
            path=path,
        )
    return result


def _day(stamp: time.struct_time | Any, today: dt.date) -> FuzzyDate | None:
    """The day of a feed's timestamp; None for one no calendar of news holds (Hugo writes
    ``Mon, 01 Jan 0001`` for a page without a date), as for an entry without any."""
    try:
        day = dt.date(stamp[0], stamp[1], stamp[2])
        return parse(day.isoformat(), today=today)
    except (DateParseError, ValueError, TypeError, IndexError):
        return None


def _add(
    result: ImportResult,
    index: int,
    *,
    title: str,
    summary: str,
    link: str | None,
    posted: FuzzyDate | None,
    path: str,
) -> None:
    title = plain(title)[:500]
    text = html_to_markdown(summary) if looks_like_html(summary) else summary
    text = text.strip()[:20_000]
    if title and not plain(text).startswith(title[:60]):
        text = f"{title.rstrip('.')}. {text}" if text else title
    if posted is None:
        result.warnings.append(f"{path or 'feed'}: entry {index} ({title[:60]!r}) has no date: skipped")
        return
    if not title and not text:
        return
    decided = classify_item(plain(text))
    result.items.append(
        ImportedItem(
            kind=decided.kind,
            also=decided.also,
            rule=decided.rule,
            title=title or plain(text)[:120],
            text=text,
            posted=posted,
            events=events_in(plain(text), decided.kind, posted=posted, order=None),
            links=(Link(href=link, title=title or None),) if link else (),
            source_path=path,
            source_line=index,
            source_text=summary[:5_000],
        )
    )
