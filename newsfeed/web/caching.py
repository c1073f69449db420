"""Cached answers for feeds and list pages: one cache, one set of validators, one fast path.

Rendered bytes are cached per (route, filter, page, data version). The data version lives in the
database and every write bumps it, so each gunicorn worker sees a change at its next request; a
cache hit costs one small query (the version) and neither queries items nor renders. A cached
document is also dropped when a scheduled item's publication time passes. ETags are strong (a
hash of the bytes), so they agree across workers and 304 answers need no rendering.

:class:`FastFeeds` answers a repeated GET of such a route in front of Flask.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Response, current_app, request
from werkzeug.http import http_date

from newsfeed.adapters.state import data_state_fast
from newsfeed.domain.lru import LRU
from newsfeed.services.listings import Listing

from .database import get_config, now


@dataclass(frozen=True)
class Rendered:
    body: bytes
    etag: str
    last_modified: dt.datetime
    valid_until: dt.datetime | None
    headers: dict[str, str]  # ready to send: computed once per rendering, not per request


def rendered_cache(size: int = 512) -> LRU[tuple[object, ...], Rendered]:
    """The rendered feeds and pages of one worker (shared by its threads)."""
    return LRU(size)


def fresh(at: dt.datetime) -> Callable[[Rendered], bool]:
    """A cached rendering is served until its ``valid_until`` (the next scheduled publication)."""
    return lambda found: found.valid_until is None or at < found.valid_until


class VersionWatch:
    """The data version as this worker last saw it, trusted for ``ttl`` seconds.

    ``forget()`` is called after every commit made through this app, so its own writes show at
    once; writes by other processes show within ``ttl`` seconds.
    """

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._seen: tuple[int, dt.datetime] | None = None
        self._at = 0.0
        self._lock = threading.Lock()

    def current(self, engine: Any, *, ttl: float | None = None) -> tuple[int, dt.datetime]:
        """``ttl``: this once, how long a look may be trusted (0: ask the database now, one
        indexed read; HTML pages do, so a retraction shows on every worker at the next request)."""
        clock = time.monotonic()
        trust = self.ttl if ttl is None else ttl
        with self._lock:
            if self._seen is not None and clock - self._at < trust:
                return self._seen
        seen = data_state_fast(engine)
        with self._lock:
            self._seen, self._at = seen, clock
        return seen

    def forget(self) -> None:
        with self._lock:
            self._seen = None


# Headers that belong to one rendering (they come from Rendered.headers), not to the route.
_PER_RENDERING = {"etag", "last-modified", "cache-control", "content-length", "date"}


def _without_vary_cookie(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for name, value in headers:
        if name.lower() == "vary":
            value = ", ".join(v.strip() for v in value.split(",") if v.strip().lower() != "cookie")
            if not value:
                continue
        out.append((name, value))
    return out


class FastFeeds:
    """WSGI middleware in front of Flask: a repeated GET of a feed or list-page URL whose rendering
    is cached for the current data version is answered here, 200 or 304, without a request
    context, session, CSRF or login machinery. Anything else (a first request, a new version, an
    expired entry, HEAD, errors) goes to Flask, which renders and caches it.

    A cached answer (:func:`answer_cached`: feeds and list pages) sets ``environ["newsfeed.fast_key"]``;
    its address is then remembered with the headers Flask actually sent for it (type and security
    headers of that route), unless the answer set a cookie. A shared copy never varies on the
    cookie, so ``Vary: Cookie`` (Flask-Login reads the session on every request) is dropped."""

    def __init__(self, wsgi_app: Any, app: Any, size: int = 1024) -> None:
        self.wsgi_app = wsgi_app
        self.app = app
        # where (see _where) -> (cache key without the version, headers of the route, route rule)
        self.routes: LRU[tuple[str, ...], tuple[tuple[object, ...], list[tuple[str, str]], str]] = LRU(size)
        self.hits = 0

    @staticmethod
    def _where(environ: dict[str, Any]) -> tuple[str, ...]:
        """The address as this middleware sees it (outside ProxyFix): the scheme and the proxy's
        scheme are part of it, because https answers carry headers (HSTS) that http ones do not."""
        return (
            environ.get("wsgi.url_scheme", ""),
            environ.get("HTTP_X_FORWARDED_PROTO", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        )

    def remember(
        self, where: tuple[str, ...], key: tuple[object, ...], headers: list[tuple[str, str]], rule: str = ""
    ) -> None:
        """``where``: see :meth:`_where`; ``key``: the cache key without the data version;
        ``headers``: the route's, sent with every answer besides the rendering's own; ``rule``:
        the route, for the request metrics."""
        self.routes.put(where, (key, headers, rule))

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("REQUEST_METHOD") != "GET":
            return self.wsgi_app(environ, start_response)
        where = self._where(environ)
        route = self.routes.get(where)
        if route is not None:
            answer = self._answer(route, environ)
            if answer is not None:
                status, headers, body = answer
                start_response(status, headers)
                self.hits += 1
                metrics = self.app.extensions.get("newsfeed.metrics")
                if metrics is not None:
                    metrics.count(route[2], int(status[:3]))
                return [body]
        sent: list[tuple[str, list[tuple[str, str]]]] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            if environ.get("newsfeed.fast_key") is not None:
                # a shared cached copy does not depend on the cookie, whatever Flask-Login read
                headers = _without_vary_cookie(headers)
            sent.append((status, headers))
            return start_response(status, headers, exc_info)

        result = self.wsgi_app(environ, capture)
        key = environ.get("newsfeed.fast_key")
        if key is not None and sent and sent[0][0].startswith("200 "):
            headers = sent[0][1]
            if not any(name.lower() == "set-cookie" for name, _ in headers):
                kept = [(n, v) for n, v in headers if n.lower() not in _PER_RENDERING]
                self.remember(where, key, kept, str(environ.get("newsfeed.route", "")))
        return result

    def _answer(
        self, route: tuple[tuple[object, ...], list[tuple[str, str]], str], environ: dict[str, Any]
    ) -> tuple[str, list[tuple[str, str]], bytes] | None:
        extensions = self.app.extensions
        key, route_headers, _ = route
        version, _ = extensions["newsfeed.version_watch"].current(
            extensions["newsfeed.sessions"].kw["bind"], ttl=_trust(key)
        )
        rendered = extensions["newsfeed.feed_cache"].get(
            (*key, version), fresh(extensions["newsfeed.clock"]())
        )
        if rendered is None:
            return None
        headers = list(rendered.headers.items())
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            if etag_matches(if_none_match, rendered.headers["ETag"]):
                # a 304 carries the route's security headers too, not its body's type and length
                kept = [
                    (n, v) for n, v in route_headers if n.lower() not in ("content-type", "content-length")
                ]
                return "304 NOT MODIFIED", headers + kept, b""
        elif environ.get("HTTP_IF_MODIFIED_SINCE") is not None:
            return None  # rare: let Werkzeug parse the date
        headers += route_headers
        headers.append(("Content-Length", str(len(rendered.body))))
        return "200 OK", headers, rendered.body


def init_app(app: Any) -> None:
    """Attach the cache and the version watch; forget the version after this app's commits."""
    from sqlalchemy import event

    watch = VersionWatch(app.extensions["newsfeed.config"].feeds.version_ttl)
    app.extensions["newsfeed.version_watch"] = watch
    app.extensions["newsfeed.feed_cache"] = rendered_cache()
    app.extensions["newsfeed.listings"] = LRU(LISTINGS)
    event.listen(app.extensions["newsfeed.sessions"], "after_commit", lambda _session: watch.forget())
    fast = FastFeeds(app.wsgi_app, app)
    app.extensions["newsfeed.fast_feeds"] = fast
    app.wsgi_app = fast


def _cache() -> LRU[tuple[object, ...], Rendered]:
    cache: LRU[tuple[object, ...], Rendered] = current_app.extensions["newsfeed.feed_cache"]
    return cache


LISTINGS = 16  # the orders of the lists and feeds being walked; 800 kB each at 100,000 items


def listing(key: tuple[object, ...], compute: Callable[[], Listing]) -> Listing:
    """The listing ``key`` names (an order and a selection) at the data version this request
    saw, ``compute()`` on a miss: the pages of one list or feed share one sorting, so a crawler
    or a static build walking 2,000 pages sorts once rather than once per page."""
    extensions = current_app.extensions
    version, _ = extensions["newsfeed.version_watch"].current(extensions["newsfeed.sessions"].kw["bind"])
    memo: LRU[tuple[object, ...], Listing] = extensions["newsfeed.listings"]
    at = now()
    found = memo.get((*key, version), lambda kept: kept.valid_until is None or at < kept.valid_until)
    if found is None:
        found = compute()
        memo.put((*key, version), found)
    return found


def _trust(key: tuple[object, ...]) -> float | None:
    """HTML pages check the data version on every request; feeds trust it ``[feeds] version_ttl``."""
    return 0.0 if key and key[0] == "html" else None


def rendering(
    body: bytes, last_modified: dt.datetime, valid_until: dt.datetime | None, *, page: bool = False
) -> Rendered:
    """A cached answer: the body and the headers that belong to this rendering (a strong ETag,
    Last-Modified, Cache-Control). The route's other headers (type, security) are the ones Flask
    sends, remembered by :class:`FastFeeds` for the answers it gives in front of Flask.

    Feeds may be kept ``[feeds] max_age`` by readers and proxies; an HTML ``page`` is ``no-cache``:
    a browser asks again each time (a 304 when nothing changed), so a retracted item is gone from
    the next view, never kept for minutes."""
    etag = hashlib.sha256(body).hexdigest()[:32]
    headers = {
        "ETag": f'"{etag}"',
        "Last-Modified": http_date(last_modified),
        "Cache-Control": "no-cache" if page else f"public, max-age={get_config().feeds.max_age}",
    }
    return Rendered(body, etag, last_modified, valid_until, headers)


def answer_cached(
    key: tuple[object, ...],
    content_type: str,
    render: Callable[[dt.datetime, dt.datetime], Rendered],
    *,
    in_front: bool = True,
) -> Response:
    """The cached rendering for ``key`` at the current data version (``render(now, changed_at)``
    on a miss), 304 for a matching conditional request; a repeat of this address is then answered
    in front of Flask while the copy holds (feeds and list pages alike). ``in_front=False``: the
    view runs every time (it checks something the data version does not cover, as a personal
    calendar's secret), and only the rendering is shared."""
    extensions = current_app.extensions
    at = now()
    watch: VersionWatch = extensions["newsfeed.version_watch"]
    version, changed_at = watch.current(extensions["newsfeed.sessions"].kw["bind"], ttl=_trust(key))
    cache = _cache()
    rendered = cache.get((*key, version), fresh(at))
    if rendered is None:
        started = time.perf_counter()
        rendered = render(at, changed_at)
        metrics = extensions.get("newsfeed.metrics")
        if metrics is not None:
            metrics.render.labels(kind=str(key[0])).observe(time.perf_counter() - started)
        cache.put((*key, version), rendered)
    if in_front:
        request.environ["newsfeed.fast_key"] = key
    request.environ["newsfeed.route"] = request.url_rule.rule if request.url_rule is not None else ""
    if _not_modified(rendered):
        return Response(status=304, headers=rendered.headers)
    return Response(rendered.body, headers=rendered.headers, content_type=content_type)


def etag_matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 13.1.2: "*" or any listed tag, compared weakly (as GET allows)."""
    if if_none_match.strip() == "*":
        return True
    return etag in {t.strip().removeprefix("W/") for t in if_none_match.split(",")}


def _not_modified(rendered: Rendered) -> bool:
    """RFC 9110 13.1: If-None-Match decides when present; otherwise If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag_matches(if_none_match, rendered.headers["ETag"])
    if "If-Modified-Since" not in request.headers:
        return False
    since = request.if_modified_since
    return since is not None and rendered.last_modified.replace(microsecond=0) <= since
