"""Admin: live previews for the forms (progressive enhancement: the forms work without them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import jsonify, request

from newsfeed.domain.dates import DateParseError, parse
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.importers.classify import classify_item
from newsfeed.render.safe_html import markdown_html

from ..database import get_config
from .common import bp, site_day
from .forms import (
    milestone_text,
)


@bp.get("/api/date")
def date_preview() -> Any:
    """The engine's reading of a date field: its human form and precision, or its message."""
    config = get_config()
    text = milestone_text(
        request.args.get("text", ""), request.args.get("time", ""), request.args.get("zone", "")
    )
    prefer = "past" if request.args.get("role", "posted") == "posted" else "nearest"
    today = site_day()
    ref = request.args.get("ref", "")
    if ref:
        try:
            today = dt.date.fromisoformat(ref[:10])
        except ValueError:
            raise InvalidInput("ref", f"{ref[:20]!r} is not a date such as 2025-03-01") from None
    try:
        value = parse(text, today=today, date_order=config.site.date_order, prefer=prefer)  # type: ignore[arg-type]
    except DateParseError as exc:
        return jsonify(ok=False, error=str(exc))
    out = value.as_dict()
    out["ok"] = True
    out["label"] = value.explain()
    return jsonify(out)


@bp.get("/api/kind")
def kind_suggestion() -> Any:
    """The kind the importer's classifier reads in a title and body, with the phrases that decided."""
    text = f"{request.args.get('title', '')}. {request.args.get('body', '')}"
    decided = classify_item(text)
    return jsonify(kind=decided.kind, also=list(decided.also), rule=decided.rule)


@bp.post("/api/markdown")
def markdown_preview() -> Any:
    return jsonify(html=markdown_html(request.form.get("body", "")))
