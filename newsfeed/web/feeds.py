"""Feed endpoints: Atom, RSS, JSON Feed and iCalendar, filtered, cached (:mod:`.caching`), with
conditional GET."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, request

from newsfeed.adapters.queries import described
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.selection import EVERYTHING, Selection
from newsfeed.domain.urls import FEED_FORMATS
from newsfeed.services.feeds import calendar_document, feed_document, feed_listing
from newsfeed.services.subscriptions import by_calendar_token

from .caching import Rendered, answer_cached, listing, rendering
from .database import get_config, get_session

bp = Blueprint("feeds", __name__)

MIMETYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "news": "application/json; charset=utf-8",
}


def _selection(kind: str | None = None, person: str | None = None, tag: str | None = None) -> Selection:
    if not request.args and kind is None and person is None and tag is None:
        return EVERYTHING
    kinds = request.args.getlist("kind") + ([kind] if kind else [])
    people = request.args.getlist("person") + ([person] if person else [])
    tags = request.args.getlist("tag") + ([tag] if tag else [])
    return Selection.parse(kinds, tags, people)


def _page() -> int | None:
    if not request.args:
        return None
    raw = request.args.get("page")
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
        raise InvalidInput("page", f"{raw[:20]!r} is not a page number")
    return int(raw)


def _render(
    fmt: str, selection: Selection, page: int | None, at: dt.datetime, changed_at: dt.datetime
) -> Rendered:
    session = get_session()
    kept = None
    if fmt in ("atom", "rss", "json"):  # the pages of all three formats share one listing
        kept = listing(("feed", selection.key), lambda: feed_listing(session, selection, now=at))
    config = get_config()
    document = feed_document(
        session, config, fmt, selection, page, now=at, changed_at=changed_at, listing=kept
    )
    return rendering(document.body, document.last_modified, document.valid_until)


def serve(fmt: str, flt: Selection) -> Response:
    page = None if fmt in ("ics", "news") else _page()
    return answer_cached(
        (fmt, flt.key, page),
        MIMETYPES[fmt],
        lambda at, changed_at: _render(fmt, flt, page, at, changed_at),
    )


def _check_format(fmt: str) -> None:
    if fmt not in FEED_FORMATS:
        abort(404)


@bp.get("/feed.<fmt>")
def feed(fmt: str) -> Response:
    _check_format(fmt)
    return serve(fmt, _selection())


@bp.get("/news.json")
def news() -> Response:
    """The items as data (``?person=``, ``?kind=``, ``?tag=`` as everywhere), for a static site
    generator to render a News section at build time."""
    return serve("news", _selection())


@bp.get("/calendars/<token>.ics")
def personal_calendar(token: str) -> Response:
    """A subscriber's own calendar: what they follow, with an alarm at each of their reminder
    lead times. The address is a secret they can replace from their preferences page; the body
    holds nothing personal, so it is cached per selection and lead times like the others."""
    session = get_session()
    subscriber = by_calendar_token(session, token)
    flt, leads = subscriber.selection, tuple(sorted(set(subscriber.lead_days)))
    config = get_config()

    def rendered(at: dt.datetime, changed_at: dt.datetime) -> Rendered:
        title = config.site.title + (f" — {shown}" if (shown := described(session, flt)) else "")
        document = calendar_document(
            session, config, flt, title=title, now=at, changed_at=changed_at, alarm_days=leads
        )
        return rendering(document.body, document.last_modified, document.valid_until)

    return answer_cached(("ics-alarms", flt.key, leads), MIMETYPES["ics"], rendered, in_front=False)


@bp.get("/calendar.ics")
def calendar() -> Response:
    return serve("ics", _selection())


@bp.get("/kinds/<kind>/feed.<fmt>")
def kind_feed(kind: str, fmt: str) -> Response:
    _check_format(fmt)
    return serve(fmt, _selection(kind=kind))


@bp.get("/kinds/<kind>/calendar.ics")
def kind_calendar(kind: str) -> Response:
    return serve("ics", _selection(kind=kind))


@bp.get("/people/<slug>/feed.<fmt>")
def person_feed(slug: str, fmt: str) -> Response:
    _check_format(fmt)
    return serve(fmt, _selection(person=slug))


@bp.get("/people/<slug>/calendar.ics")
def person_calendar(slug: str) -> Response:
    return serve("ics", _selection(person=slug))


@bp.get("/tags/<slug>/feed.<fmt>")
def tag_feed(slug: str, fmt: str) -> Response:
    _check_format(fmt)
    return serve(fmt, _selection(tag=slug))


@bp.get("/tags/<slug>/calendar.ics")
def tag_calendar(slug: str) -> Response:
    return serve("ics", _selection(tag=slug))
