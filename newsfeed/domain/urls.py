"""Every public URL, built in one place (pure).

Emails, feeds, calendars, pages and the embed all name the same places; each is spelled here
once, so renaming a route is one edit and no channel is left pointing at the old address. A
:class:`Urls` is made from a base:

- the site's ``[site] base_url`` (``https://news.example.org``): absolute links for everything
  that leaves the site (emails, feeds, calendars, the embed framed on another site, webcal);
- ``""``: root-relative links for the site's own pages (``/items/3``), right whatever host name
  the request came in on;
- a path (``/site``): the same pages served under a sub-path, as a static build on GitHub Pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode

from .selection import EVERYTHING, Selection

FEED_FORMATS = ("atom", "rss", "json")


@dataclass(frozen=True, slots=True)
class Urls:
    base: str = ""

    @classmethod
    def of(cls, base: str) -> Urls:
        return cls(base.rstrip("/"))

    def _at(self, path: str, query: list[tuple[str, str]] | str = "") -> str:
        text = query if isinstance(query, str) else urlencode(query)
        return f"{self.base}{path}" + (f"?{text}" if text else "")

    @staticmethod
    def _query(selection: Selection, page: int | None = None, **extra: object) -> str:
        query = selection.query_string()
        rest = [(k, str(v)) for k, v in extra.items() if v is not None]
        if page is not None:
            rest.append(("page", str(page)))
        if rest:
            query = "&".join(filter(None, [query, urlencode(rest)]))
        return query

    # -- pages ----------------------------------------------------------------------------------

    def home(self, selection: Selection = EVERYTHING, page: int | None = None) -> str:
        return self._at("/", self._query(selection, page if page and page > 1 else None))

    def item(self, item_id: int, token: str | None = None) -> str:
        """An item's page; an unlisted one is only at the address with its ``token``."""
        return self._at(f"/items/{item_id}" + (f"/{quote(token)}" if token else ""))

    def item_calendar(self, item_id: int) -> str:
        return self._at(f"/items/{item_id}/calendar.ics")

    def person(self, slug: str) -> str:
        return self._at(f"/people/{quote(slug)}")

    def kind(self, kind: str) -> str:
        return self._at(f"/kinds/{quote(kind)}")

    def tag(self, slug: str) -> str:
        return self._at(f"/tags/{quote(slug)}")

    def upcoming(self, selection: Selection = EVERYTHING, page: int | None = None) -> str:
        return self._at("/upcoming", self._query(selection, page if page and page > 1 else None))

    def follow(self) -> str:
        return self._at("/follow")

    def subscribe(self, selection: Selection = EVERYTHING) -> str:
        return self._at("/subscribe", self._query(selection))

    def embed(self, selection: Selection = EVERYTHING, limit: int | None = None) -> str:
        return self._at("/embed/news", self._query(selection, limit=limit))

    # -- feeds and calendars --------------------------------------------------------------------

    def feed(self, fmt: str, selection: Selection = EVERYTHING, page: int | None = None) -> str:
        if fmt not in FEED_FORMATS:
            raise ValueError(f"{fmt!r} is not a feed format")
        return self._at(f"/feed.{fmt}", self._query(selection, page))

    def calendar(self, selection: Selection = EVERYTHING) -> str:
        return self._at("/calendar.ics", self._query(selection))

    def webcal(self, selection: Selection = EVERYTHING) -> str:
        """The calendar for apps that subscribe to ``webcal://`` links."""
        return "webcal://" + self.calendar(selection).split("://", 1)[-1].lstrip("/")

    def feeds(self, selection: Selection = EVERYTHING) -> dict[str, str]:
        """The feed and calendar links of a selection, by name (what pages link to)."""
        return {
            **{fmt: self.feed(fmt, selection) for fmt in FEED_FORMATS},
            "ics": self.calendar(selection),
            "webcal": self.webcal(selection),
        }

    # -- a subscriber's own links (their token in the path) ------------------------------------

    def confirm(self, token: str) -> str:
        return self._at(f"/subscribe/confirm/{token}")

    def unsubscribe(self, token: str) -> str:
        return self._at(f"/unsubscribe/{token}")

    def preferences(self, token: str) -> str:
        return self._at(f"/preferences/{token}")

    def personal_calendar(self, calendar_token: str) -> str:
        """A subscriber's own calendar: what they follow, with their reminders as alarms."""
        return self._at(f"/calendars/{calendar_token}.ics")

    # -- an account's links (the admin pages, behind sign-in) -------------------------------------

    def proposals(self, proposal_id: int | None = None) -> str:
        """The admin page's Proposed list, at one proposal (its approve and dismiss buttons)."""
        return self._at("/admin/proposals") + (f"#proposal-{proposal_id}" if proposal_id is not None else "")

    @staticmethod
    def unsubscribe_mailto(sender: str, token: str) -> str:
        return f"mailto:{sender}?subject=unsubscribe%20{token}"


# -- the static build -------------------------------------------------------------------------

# Addresses only a running server can answer (forms, a subscriber's own links, the admin pages,
# operations): a static build has no file for them and drops links to them.
SERVER_ONLY = ("/subscribe", "/preferences", "/unsubscribe", "/admin", "/login", "/logout", "/healthz",
               "/metrics", "/static/admin", "/calendars")  # fmt: skip


def server_only(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") or path.startswith(p + ".") for p in SERVER_ONLY)


_FACETS = {"kind": "/kinds/", "person": "/people/", "tag": "/tags/"}
_UNDER_FACET = ("/", "/feed.atom", "/feed.rss", "/feed.json", "/calendar.ics")


def canonical(path: str, query: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """One address per list: ``/?kind=talk`` is ``/kinds/talk`` and ``/feed.atom?person=ada`` is
    ``/people/ada/feed.atom`` (the same answer; a build keeps it once)."""
    facets = [(k, v) for k, v in query if k in _FACETS]
    if path not in _UNDER_FACET or len(facets) != 1 or "/" in facets[0][1]:
        return path, query
    key, value = facets[0]
    rest = [(k, v) for k, v in query if k not in _FACETS]
    return _FACETS[key] + value + ("" if path == "/" else path), rest


def static_address(path: str, query: list[tuple[str, str]] | tuple[tuple[str, str], ...] = ()) -> str:
    """Where a built site keeps what the server answers at ``path?query``, as a root-relative
    address a static host serves (pure).

    A static host has no query strings: each ``key=value`` becomes a ``key-value`` folder, in
    the order given, before the file name of a document (``/feed.atom?person=ada`` is
    ``/person-ada/feed.atom``, so the host still sees the ``.atom`` extension) or after a page's
    path (``/people/ada?page=2`` is ``/people/ada/page-2/``). A page is a folder with an
    ``index.html``, so its address ends with ``/``. Keys are plain words and values are slugs
    or numbers, so the address is readable; anything else is percent-encoded."""
    parts = [f"{quote(k, safe='')}-{quote(v, safe='')}" for k, v in query]
    head, _, last = path.rpartition("/")
    if "." in last:  # a document: the query's folders go before its name
        return "/".join([head, *parts, last])
    stem = path.rstrip("/")
    return "/".join([stem, *parts]) + "/" if (stem or parts) else "/"


def static_file(address: str) -> str:
    """The file (relative to the build's folder) of a :func:`static_address`."""
    folder = address.endswith("/")
    segments = [unquote(s) for s in address.strip("/").split("/") if s]
    if any(s in (".", "..") or "/" in s or "\x00" in s or "\\" in s for s in segments):
        raise ValueError(f"{address[:80]!r} names no file inside the build")
    return "/".join([*segments, "index.html"] if folder else segments)
