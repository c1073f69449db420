"""Public pages: the news timeline."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, render_template

from ..services.items import public_items
from .database import get_config, get_session, now

bp = Blueprint("public", __name__)


@bp.get("/")
def index() -> str:
    items = public_items(get_session(), now=now())
    years = [(year, list(group)) for year, group in groupby(items, key=lambda i: i.posted_start.year)]
    return render_template("public/index.html", years=years, site=get_config().site)


@bp.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
