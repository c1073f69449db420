"""Public pages: the news list (all, a person's, a kind's, a tag's), what is coming up, a page per
item with its own calendar file, and an embeddable news list for a homepage.

**Pages of 50 items**, newest first, with newer/older links and a link per year to the page where
that year starts. Pages of a fixed size rather than one page per year: a page's size and cost stay
bounded whatever a year holds (a lab with 2,000 items in a year would otherwise get a 2,000-item
page), and the year links keep the by-year navigation.

**Cached like the feeds**: a rendered list page is kept per (page, filter, data version) in the
feeds' cache, with a strong ETag, Last-Modified and conditional GET; every write bumps the data
version, and a scheduled item's publication time ends the cached copy. Pages with countdowns (an
item, /upcoming, a person's upcoming events) are rendered per request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import groupby
from typing import Any

from flask import Blueprint, Response, redirect, render_template, request
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.adapters.models import Item, Person
from newsfeed.adapters.queries import described, known_selection
from newsfeed.domain.errors import InvalidInput, NotFound
from newsfeed.domain.selection import EVERYTHING, Selection
from newsfeed.domain.upcoming import event_grains, span
from newsfeed.domain.urls import Urls
from newsfeed.domain.vocab import KINDS, Role, Visibility
from newsfeed.services.events import events
from newsfeed.services.feeds import calendar_document, next_publication
from newsfeed.services.listings import Listing
from newsfeed.services.public import item_page, timeline_listing, timeline_page

from .caching import Rendered, answer_cached, listing, rendering
from .database import get_config, get_session, now
from .edge import CSP, talisman

UPCOMING_DAYS = 365
UPCOMING_PER_PAGE = 50
COMING_SHOWN = 5  # a person's page lists their next five events, then "N more" links /upcoming
EMBED_LIMIT = 100
# A person's page shows countdowns to their coming events: a cached copy lasts this long at most.
COUNTDOWN_FRESH = dt.timedelta(minutes=10)

bp = Blueprint("public", __name__)
PAGES = Urls()  # root-relative addresses of the site's own pages


def _selection(**fixed: str) -> Selection:
    args = request.args
    return known_selection(
        get_session(),
        args.getlist("kind") + ([fixed["kind"]] if "kind" in fixed else []),
        args.getlist("tag") + ([fixed["tag"]] if "tag" in fixed else []),
        args.getlist("person") + ([fixed["person"]] if "person" in fixed else []),
    )


def _path_selection(**fixed: str) -> Selection:
    """The selection of /people/<slug>, /kinds/<kind>, /tags/<slug>: an unknown one is a 404."""
    try:
        return _selection(**fixed)
    except InvalidInput as exc:
        names = {"kind", "tag", "person"} & {field for field, _ in exc.problems}
        if names & set(fixed):
            raise NotFound(str(exc)) from None
        raise


def _number(name: str, *, default: int, most: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6) or not 1 <= int(raw) <= most:
        raise InvalidInput(name, f"{raw[:20]!r} is not a number from 1 to {most:,}")
    return int(raw)


def _listing(flt: Selection, at: dt.datetime) -> Listing:
    """The selection's timeline order, shared by its list pages and the embed."""
    return listing(("timeline", flt.key), lambda: timeline_listing(get_session(), flt, now=at))


def _cached(
    name: str, flt: Selection, page: int, render: Callable[[], str], *, lasts: dt.timedelta | None = None
) -> Response:
    """A list page from the feeds' cache for this data version, rendered on a miss. ``lasts``
    bounds how long a copy is served when the page shows countdowns (a person's coming events)."""

    def rendered(at: dt.datetime, changed_at: dt.datetime) -> Rendered:
        valid_until = next_publication(get_session(), at)
        if lasts is not None:
            valid_until = min(valid_until or at + lasts, at + lasts)
        return rendering(render().encode(), changed_at, valid_until, page=True)

    return answer_cached(("html", name, flt.key, page), "text/html; charset=utf-8", rendered)


def _news(
    name: str,
    flt: Selection,
    *,
    heading: str,
    person: Any = None,
    path: str = "/",
    fixed: Selection = EVERYTHING,
) -> Response:
    """A news list page: ``path`` is the page's own address and ``fixed`` what that address
    selects (/people/ada: person ada); its links (pages, years) are built from the parsed filter
    and page alone, never from the request's query, so a cached copy's links are the same
    whoever asked first (an ignored ?utm_source=… stays out of them)."""
    page = _number("page", default=1, most=1_000_000)
    extra = Selection(
        tuple(k for k in flt.kinds if k not in fixed.kinds),
        tuple(t for t in flt.tags if t not in fixed.tags),
        tuple(p for p in flt.people if p not in fixed.people),
    )

    def page_url(n: int) -> str:
        query = "&".join(filter(None, [extra.query_string(), f"page={n}" if n > 1 else ""]))
        return path + (f"?{query}" if query else "")

    def render() -> str:
        at = now()
        found = timeline_page(get_session(), flt, now=at, page=page, listing=_listing(flt, at))
        if page > found.pages:
            raise NotFound(f"there is no page {page}: the list has {found.pages}")
        years = [
            (year, list(group)) for year, group in groupby(found.items, key=lambda i: i.posted_start.year)
        ]
        coming, more = [], 0
        if person is not None:
            within, later = _coming(flt)
            coming, more = within[:COMING_SHOWN], len(within) - COMING_SHOWN + later
        return render_template(
            "public/index.html",
            years=years,
            timeline=found,
            flt=flt,
            kinds=KINDS,
            heading=heading,
            person=person,
            coming=coming,
            more=max(more, 0),
            now=at,
            page_url=page_url,
            **feed_links(flt),
        )

    lasts = COUNTDOWN_FRESH if person is not None else None
    return _cached(f"{name}:{path}", flt, page, render, lasts=lasts)


def _coming(flt: Selection, *, limit: int | None = None) -> tuple[list[Any], int]:
    """Events within UPCOMING_DAYS, soonest first (at most ``limit``), and how many come later
    (shown as such, so the horizon is never silent; the calendar feed has them all)."""
    config = get_config()
    at = now()
    rows = events(
        get_session(),
        flt,
        now=at,
        site_zone=config.site.timezone,
        grains=event_grains(config.site.month_events),
    )
    horizon = at + dt.timedelta(days=UPCOMING_DAYS)
    within = [row for row in rows if row.span.starts <= horizon]
    return (within[:limit] if limit else within), len(rows) - len(within)


@bp.get("/")
def index() -> Response:
    flt = _selection()
    return _news("index", flt, heading="News")


@bp.get("/people/<slug>")
def person_page(slug: str) -> Response:
    flt = _path_selection(person=slug)
    person = get_session().scalar(select(Person).where(Person.slug == slug))
    if person is None:
        raise NotFound(f"no person {slug!r}")
    return _news(
        "person",
        flt,
        heading=person.name,
        person=person,
        path=PAGES.person(slug),
        fixed=Selection(people=(slug,)),
    )


@bp.get("/kinds/<kind>")
def kind_page(kind: str) -> Response:
    flt = _path_selection(kind=kind)
    return _news("kind", flt, heading=f"News: {kind}", path=PAGES.kind(kind), fixed=Selection(kinds=(kind,)))


@bp.get("/tags/<slug>")
def tag_page(slug: str) -> Response:
    flt = _path_selection(tag=slug)
    return _news(
        "tag", flt, heading=f"News tagged {slug}", path=PAGES.tag(slug), fixed=Selection(tags=(slug,))
    )


@bp.get("/upcoming")
def upcoming_page() -> Response:
    """Events within UPCOMING_DAYS, soonest first, UPCOMING_PER_PAGE to a page; cached like the
    list pages (per filter, page and data version), for COUNTDOWN_FRESH at most (countdowns)."""
    flt = _selection()
    page = _number("page", default=1, most=100_000)

    def render() -> str:
        rows, later = _coming(flt)
        pages = max(1, -(-len(rows) // UPCOMING_PER_PAGE))
        if page > pages:
            raise NotFound(f"there is no page {page}: the list has {pages}")
        shown = rows[(page - 1) * UPCOMING_PER_PAGE : page * UPCOMING_PER_PAGE]
        return render_template(
            "public/upcoming.html",
            rows=shown,
            total=len(rows),
            page=page,
            pages=pages,
            page_url=lambda n: Urls().upcoming(flt, n),
            later=later,
            now=now(),
            flt=flt,
            days=UPCOMING_DAYS,
            **feed_links(flt),
        )

    return _cached("upcoming", flt, page, render, lasts=COUNTDOWN_FRESH)


@bp.get("/items/<id:item_id>")
def item(item_id: int) -> Response | WerkzeugResponse:
    """A public item's page. An unlisted one is not here: a signed-in editor of it is sent to
    its address with the link token, anyone else gets 404 (as for an id that does not exist)."""
    found = item_page(get_session(), item_id, now=now())
    if found is None:
        unlisted = _unlisted_for_editor(item_id)
        if unlisted is not None:
            return redirect(PAGES.item(item_id, unlisted))
        raise NotFound(f"no public item {item_id}")
    return _item_answer(item_id, None, found)


@bp.get("/items/<id:item_id>/<token>")
def unlisted_item(item_id: int, token: str) -> Response:
    """An item at its address with its link token (how an unlisted item is shared)."""
    found = item_page(get_session(), item_id, now=now(), token=token) if len(token) <= 64 else None
    if found is None:
        raise NotFound(f"no public item {item_id}")
    return _item_answer(item_id, token, found)


def _item_answer(item_id: int, token: str | None, found: Item) -> Response:
    """The item page (``found``, just read in this request), cached per data version like the
    list pages (its Markdown rendered once per revision, not per view), for COUNTDOWN_FRESH at
    most (its countdowns)."""

    def render() -> str:
        at = now()
        public = found.visibility == Visibility.PUBLIC
        calendar = PAGES.item_calendar(item_id) if found.milestones and public else None
        config = get_config()
        grains = event_grains(config.site.month_events)
        # the countdowns of /upcoming, the digests and the reminders: one notion of "when"
        spans = {m.id: span(m.date, config.site.timezone, grains) for m in found.milestones}
        return render_template(
            "public/item.html", item=found, now=at, calendar=calendar, spans=spans, **feed_links(EVERYTHING)
        )

    return _cached(f"item:{item_id}:{token or ''}", EVERYTHING, 1, render, lasts=COUNTDOWN_FRESH)


def _unlisted_for_editor(item_id: int) -> str | None:
    """The link token of an unlisted item the signed-in account may edit, else None."""
    from flask_login import current_user

    if not current_user.is_authenticated:
        return None
    found = get_session().get(Item, item_id)
    if found is None or found.visibility != Visibility.UNLISTED:
        return None
    if current_user.role != Role.ADMIN and (
        current_user.person_id is None or found.person_id != current_user.person_id
    ):
        return None
    return found.link_token


@bp.get("/items/<id:item_id>/calendar.ics")
def item_calendar(item_id: int) -> Response:
    """The dates of one item as an .ics file ("add to calendar"), from the calendar service."""
    at = now()
    session = get_session()
    found = item_page(session, item_id, now=at)
    if found is None:
        raise NotFound(f"no public item {item_id}")
    document = calendar_document(
        session, get_config(), EVERYTHING, title=found.title, now=at, changed_at=at, item_id=item_id
    )
    return Response(
        document.body,
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="item-{item_id}.ics"'},
    )


# Framing is the point of this route (a homepage's iframe): it alone may be framed by any site.
_EMBED_CSP = {**CSP, "frame-ancestors": "*"}


@bp.get("/embed/news")
@talisman(frame_options=None, content_security_policy=_EMBED_CSP)  # type: ignore[untyped-decorator]
def embed_news() -> Response:
    """The news list as a small self-contained HTML document for an iframe on a homepage:
    filters as everywhere (``?kind=…&tag=…&person=…``), ``limit`` (1–100, default 10),
    ``theme`` (``light``, the default, as most homepages are; ``dark``; ``auto``: as the reader's
    system) and ``layout`` (``list``, with kind chips; ``compact``: al-folio's date | text table)."""
    flt = _selection()
    limit = _number("limit", default=10, most=EMBED_LIMIT)
    theme = _choice("theme", EMBED_THEMES)
    layout = _choice("layout", EMBED_LAYOUTS)

    def render() -> str:
        at = now()
        found = timeline_page(get_session(), flt, now=at, page=1, per_page=limit, listing=_listing(flt, at))
        return render_template(
            "public/embed.html", items=found.items, flt=flt, theme=theme, layout=layout, **feed_links(flt)
        )

    return _cached(f"embed:{theme}:{layout}", flt, limit, render)


EMBED_THEMES = ("light", "dark", "auto")
EMBED_LAYOUTS = ("list", "compact")


def _choice(name: str, choices: tuple[str, ...]) -> str:
    """A query value from ``choices`` (the first when absent); anything else is a 400 naming it."""
    raw = request.args.get(name) or choices[0]
    if raw not in choices:
        raise InvalidInput(name, f"{raw[:20]!r} is not one of {', '.join(choices)}")
    return raw


@bp.get("/follow")
def follow() -> str:
    return render_template("public/follow.html", flt=EVERYTHING, **feed_links(EVERYTHING))


def feed_links(flt: Selection) -> dict[str, object]:
    """What every public page links to: the feeds and calendars of its selection (absolute, to be
    copied into a reader or a calendar app)."""
    config = get_config()
    return {"site": config.site, "feeds": config.urls.feeds(flt), "shows": described(get_session(), flt)}
