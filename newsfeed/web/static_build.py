"""The public site as static files (``newsfeed build OUT/``), for GitHub Pages or any CDN.

The build asks the app itself, in-process, for every public address and writes the answers, so
a built page is what the running site serves at that moment (same items, same order, same
feeds). It starts from the home page, /upcoming, /follow, the embed, the site's feeds and
calendars and ``news.json``, and follows every link to the site in what it gets back (pages,
feeds, archive pages, calendars, the static files), so nothing linked is left out and nothing
unlinked (an unlisted item) is put in.

A static host has no query strings: an address with one is kept under folders named after it
(:func:`newsfeed.domain.urls.static_address`: ``/?page=2`` is ``/page-2/``,
``/upcoming?person=ada`` is ``/upcoming/person-ada/``; a list of one kind, person or tag is kept
once, at its own address: ``/feed.atom?person=ada`` is ``/people/ada/feed.atom``), and every
link in every page, feed and calendar is rewritten to that address under the site's base path
(``https://user.github.io/site/`` works as well as a host of its own). Links to what only a
server can answer (the email forms, the admin pages) are dropped. The pages know they are built
(``static_build`` in their templates): the filter form becomes links, and countdowns and the
upcoming/past split are recomputed in the browser from the instants the page carries, with the
built text as the fallback without JavaScript.

Only files whose bytes changed are written (:mod:`newsfeed.adapters.site_files`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from icalendar import Calendar
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from newsfeed.adapters.models import Person
from newsfeed.adapters.site_files import SiteFolder, WriteReport
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.selection import Selection
from newsfeed.domain.urls import canonical, server_only, static_address, static_file
from newsfeed.services.build_keys import BuildKeys
from newsfeed.services.feeds import NEWS_JSON_ITEMS

SEEDS = ("/", "/upcoming", "/follow", "/embed/news", "/embed/news?theme=dark", "/embed/news?theme=auto",
         "/embed/news?layout=compact", "/feed.atom", "/feed.rss", "/feed.json", "/calendar.ics",
         "/news.json", "/static/favicon.svg")  # fmt: skip
# What a page may link to and the build follows: links in attributes, and absolute links anywhere.
_ATTRIBUTE = re.compile(r'\b(href|src|action)="([^"]*)"')
_TEXTUAL = {"text/html", "application/atom+xml", "application/rss+xml", "application/feed+json",
            "application/json", "text/calendar", "application/xml", "text/css"}  # fmt: skip


@dataclass
class BuildReport:
    pages: int = 0
    rendered: int = 0  # addresses asked of the app (the others were kept by their key)
    files: WriteReport = field(default_factory=WriteReport)
    dropped: set[str] = field(default_factory=set)  # server-only addresses linked to
    broken: dict[str, str] = field(default_factory=dict)  # address -> the page linking it
    odd: set[str] = field(default_factory=set)  # links to the site that name no file: as written
    next_build: dt.datetime | None = None


class _Rewriter:
    """Maps the site's addresses (root-relative, or absolute under ``base_url``) to the built
    ones, and remembers the live addresses it saw, for the crawl."""

    def __init__(self, base_url: str, ours: Callable[[str], bool]) -> None:
        self.ours = ours
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.base_path = parts.path.rstrip("/")
        host_path = re.escape(parts.netloc + self.base_path)
        # the site's absolute links, https or webcal, up to a quote, space or markup
        # (in JSON an "&" is written \u0026)
        self.absolute = re.compile(r"(?:https?|webcal)://" + host_path + r"(/(?:[^\s\"'<>\\)]|\\u0026)*)?")
        self.found: list[str] = []
        self.dropped: set[str] = set()
        self.odd: set[str] = set()  # links to the site naming no file: left as written

    def _map(self, address: str) -> str | None:
        """The built address of a live one (``/path?query#fragment``), None when only a server
        can answer it, or the address as it was when it is no page of this site (an item's
        body may link ``/assets/talk.pdf`` on its author's own homepage)."""
        written = address
        address = html.unescape(address.replace("\\u0026", "&"))
        path_query, _, fragment = address.partition("#")
        path, _, query = path_query.partition("?")
        path = path or "/"
        if self.base_path and (path == self.base_path or path.startswith(self.base_path + "/")):
            path = path[len(self.base_path) :] or "/"
        if server_only(path):
            self.dropped.add(path)
            return None
        if not self.ours(path):
            return written
        path, pairs = canonical(path, parse_qsl(query, keep_blank_values=False))
        built = static_address(path, pairs)
        try:
            static_file(built)
        except ValueError:  # "/tags/..%2F..": names no file inside the build; left as written
            self.odd.add(written[:200])
            return written
        query = urlencode(pairs)
        self.found.append(path + (f"?{query}" if query else ""))
        return self.base_path + built + (f"#{fragment}" if fragment else "")

    def text(self, body: str) -> str:
        def absolute(match: re.Match[str]) -> str:
            mapped = self._map(match.group(1) or "/")
            if mapped is None or mapped == (match.group(1) or "/"):
                return match.group(0)
            scheme = match.group(0).split("://", 1)[0]
            return f"{scheme}://{urlsplit(self.base_url).netloc}{mapped}"

        return self.absolute.sub(absolute, body)

    def page(self, body: str) -> str:
        def attribute(match: re.Match[str]) -> str:
            name, value = match.group(1), match.group(2)
            if not value.startswith("/") or value.startswith("//"):
                return match.group(0)
            mapped = self._map(value)
            if mapped == value:
                return match.group(0)
            return "" if mapped is None else f'{name}="{html.escape(mapped)}"'

        return self.text(_ATTRIBUTE.sub(attribute, body))


def code_digest(app: Any) -> str:
    """What every built file is made with: this newsfeed's templates, static files and
    version, and the configuration the pages show."""
    from newsfeed import __version__

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for folder in ("templates", "static"):
        for path in sorted((package / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    config = app.extensions["newsfeed.config"]
    digest.update(repr((config.site, config.feeds, config.digests.max_items)).encode())
    return digest.hexdigest()


def _page_number(args: Any, name: str) -> int | None:
    raw = args.get(name)
    return int(raw) if raw is not None and raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


def key_function(app: Any, keys: BuildKeys) -> Callable[[str], str | None]:
    """The key of what the app answers at an address (None: render it every time: /follow, the
    embed, the static files; they are few)."""
    routes = app.url_map.bind("build.invalid")
    people = {slug: person_id for slug, person_id in keys.session.execute(select(Person.slug, Person.id))}

    def key_of(address: str) -> str | None:
        path, _, query = address.partition("?")
        try:
            endpoint, values = routes.match(path, method="GET")
        except HTTPException:
            return None
        args = MultiDict(parse_qsl(query))
        if set(args) - {"kind", "tag", "person", "page"}:
            return None
        try:
            fixed = {"kind": values.get("kind"), "tag": values.get("slug") if "tag" in endpoint else None,
                     "person": values.get("slug") if "person" in endpoint else None}  # fmt: skip
            selection = Selection.parse(
                args.getlist("kind") + ([fixed["kind"]] if fixed["kind"] else []),
                args.getlist("tag") + ([fixed["tag"]] if fixed["tag"] else []),
                args.getlist("person") + ([fixed["person"]] if fixed["person"] else []),
            )
        except InvalidInput:
            return None
        page = _page_number(args, "page")
        if endpoint == "public.item":
            return keys.item(values["item_id"])
        if endpoint == "public.item_calendar":
            return keys.item(values["item_id"], calendar=True)
        if endpoint in ("public.index", "public.person_page", "public.kind_page", "public.tag_page"):
            person = people.get(fixed["person"] or "") if endpoint == "public.person_page" else None
            return keys.news_page(selection, page or 1, person_id=person)
        if endpoint in ("feeds.feed", "feeds.kind_feed", "feeds.person_feed", "feeds.tag_feed"):
            return keys.feed_page(values["fmt"], selection, page)
        if endpoint == "public.upcoming_page":
            return keys.upcoming(selection, page or 1)
        if endpoint == "feeds.news":
            return keys.news_json(selection, NEWS_JSON_ITEMS)
        if endpoint in (
            "feeds.calendar",
            "feeds.kind_calendar",
            "feeds.person_calendar",
            "feeds.tag_calendar",
        ):
            return keys.calendar(selection)
        return None

    return key_of


def build_site(
    app: Any,
    out: Path,
    *,
    base_url: str,
    next_change: Callable[[], dt.datetime | None] | None = None,
    key_of: Callable[[str], str | None] | None = None,
) -> BuildReport:
    """Write the public site answered by ``app`` (made with ``base_url`` as its site address and
    ``static_build`` set) into ``out``. ``key_of`` gives the key of an address's inputs: a file
    whose key is the last build's is kept without being rendered."""
    folder = SiteFolder(out)
    report = BuildReport()
    routes = app.url_map.bind("build.invalid")

    def ours(path: str) -> bool:
        try:
            routes.match(path, method="GET")
        except HTTPException:
            return False
        return True

    rewriter = _Rewriter(base_url, ours)
    client = app.test_client()
    queue: deque[tuple[str, str]] = deque((seed, "(start)") for seed in SEEDS)
    seen: set[str] = {seed for seed, _ in queue}
    pages: list[str] = []

    def follow(links: list[str], address: str) -> None:
        for found in links:
            if found not in seen:
                seen.add(found)
                queue.append((found, address))

    while queue:
        address, linked_from = queue.popleft()
        path, _, query = address.partition("?")
        built = static_address(path, parse_qsl(query))
        relative = static_file(built)
        key = key_of(address) if key_of is not None else None
        if key is not None:
            kept = folder.keep(relative, key)
            if kept is not None:
                follow(kept, address)
                if relative.endswith("index.html"):
                    pages.append(rewriter.base_path + built)
                continue
        answer = client.get(address)
        report.rendered += 1
        if answer.status_code != 200:
            report.broken[address] = linked_from
            answer.close()
            continue
        mimetype = answer.mimetype
        body: bytes = answer.get_data()
        answer.close()
        if mimetype == "text/calendar":  # long lines are folded: rewrite unfolded, fold again
            unfolded = re.sub(r"\r\n[ \t]", "", body.decode("utf-8"))
            body = bytes(Calendar.from_ical(rewriter.text(unfolded)).to_ical())
        elif mimetype in _TEXTUAL:
            text = body.decode("utf-8")
            text = rewriter.page(text) if mimetype == "text/html" else rewriter.text(text)
            body = text.encode("utf-8")
        links = list(dict.fromkeys(rewriter.found))
        rewriter.found.clear()
        follow(links, address)
        if mimetype == "text/html":
            pages.append(rewriter.base_path + built)
        folder.write(relative, body, key=key, links=links)
    folder.write("sitemap.xml", _sitemap(base_url, pages))
    folder.write(".nojekyll", b"")  # GitHub Pages: serve the files as they are
    report.pages = len(pages)
    report.dropped = rewriter.dropped
    report.odd = rewriter.odd
    report.files = folder.finish()
    report.next_build = next_change() if next_change is not None else None
    return report


def _sitemap(base_url: str, pages: list[str]) -> bytes:
    """The built pages for search engines (sitemaps.org 0.9), without dates so that the file
    changes only when pages come or go; at most 50,000 addresses (the protocol's limit)."""
    root = urlsplit(base_url)
    origin = f"{root.scheme}://{root.netloc}"
    listed = [p for p in sorted(set(pages)) if "/embed/" not in p][:50_000]
    rows = "".join(f"<url><loc>{html.escape(origin + p)}</loc></url>\n" for p in listed)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + rows + "</urlset>\n"
    ).encode()
