"""Public pages: the news timeline, what is coming up, and a permalink per item."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from flask import Blueprint, render_template, request

from ..errors import NotFound
from ..kinds import KINDS
from ..selection import EVERYTHING, Selection
from ..services.events import events
from ..services.public import item_page, timeline
from ..upcoming import event_grains
from .database import get_config, get_session, now

UPCOMING_DAYS = 365

bp = Blueprint("public", __name__)


def _selection() -> Selection:
    args = request.args
    return Selection.parse(
        args.getlist("kind"), args.getlist("tag"), args.getlist("person"), session=get_session()
    )


@bp.get("/")
def index() -> str:
    flt = _selection()
    items = timeline(get_session(), flt, now=now())
    years = [(year, list(group)) for year, group in groupby(items, key=lambda i: i.posted_start.year)]
    return render_template("public/index.html", years=years, flt=flt, kinds=KINDS, **_feed_links(flt))


@bp.get("/upcoming")
def upcoming_page() -> str:
    flt = _selection()
    config = get_config()
    at = now()
    rows = events(
        get_session(),
        flt,
        now=at,
        site_zone=config.site.timezone,
        grains=event_grains(config.site.month_events),
        until=at + dt.timedelta(days=UPCOMING_DAYS),
    )
    return render_template("public/upcoming.html", rows=rows, now=at, **_feed_links(flt))


@bp.get("/items/<id:item_id>")
def item(item_id: int) -> str:
    found = item_page(get_session(), item_id, now=now())
    if found is None:
        raise NotFound(f"no public item {item_id}")
    return render_template("public/item.html", item=found, **_feed_links(EVERYTHING))


@bp.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


def _feed_links(flt: Selection) -> dict[str, object]:
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
