"""Public pages: the news timeline, what is coming up, and a permalink per item."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, render_template, request

from ..importers import KINDS
from ..services.errors import NotFound
from ..services.feeds import FeedFilter, check_known
from ..services.public import item_page, timeline, upcoming
from .database import get_config, get_session, now

bp = Blueprint("public", __name__)


def _filter() -> FeedFilter:
    return FeedFilter.build(
        request.args.getlist("kind"), request.args.getlist("tag"), request.args.getlist("person")
    )


@bp.get("/")
def index() -> str:
    flt = _filter()
    session = get_session()
    check_known(session, flt)
    items = timeline(session, flt, now=now())
    years = [(year, list(group)) for year, group in groupby(items, key=lambda i: i.posted_start.year)]
    return render_template("public/index.html", years=years, flt=flt, kinds=KINDS, **_feed_links(flt))


@bp.get("/upcoming")
def upcoming_page() -> str:
    flt = _filter()
    session = get_session()
    check_known(session, flt)
    at = now()
    rows = upcoming(session, flt, now=at, days=365)
    return render_template("public/upcoming.html", rows=rows, now=at, **_feed_links(flt))


@bp.get("/items/<int:item_id>")
def item(item_id: int) -> str:
    found = item_page(get_session(), item_id, now=now())
    if found is None:
        raise NotFound(f"no public item {item_id}")
    return render_template("public/item.html", item=found, **_feed_links(FeedFilter()))


@bp.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


def _feed_links(flt: FeedFilter) -> dict[str, object]:
    config = get_config()
    base = config.site.base_url.rstrip("/")
    query = flt.query_string()
    suffix = f"?{query}" if query else ""
    host_path = base.split("://", 1)[1]
    return {
        "site": config.site,
        "feeds": {
            "atom": f"{base}/feed.atom{suffix}",
            "rss": f"{base}/feed.rss{suffix}",
            "json": f"{base}/feed.json{suffix}",
            "ics": f"{base}/calendar.ics{suffix}",
            "webcal": f"webcal://{host_path}/calendar.ics{suffix}",
        },
    }
