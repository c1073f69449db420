"""Admin: import a news list by paste or upload, with a preview before anything is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import request

from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.importers import UnreadableDocument, parse_text
from newsfeed.services import admin as svc
from newsfeed.services.imports import apply_import

from ..database import get_config, get_session, now
from .common import actor, bp, page, site_day


def _import_source() -> tuple[str, str]:
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        data = upload.read(20_000_001)
        if len(data) > 20_000_000:
            raise InvalidInput("file", "larger than 20 MB")
        try:
            return data.decode("utf-8-sig"), upload.filename
        except UnicodeDecodeError:
            raise InvalidInput("file", "not UTF-8 text") from None
    text = request.form.get("text", "")
    if not text.strip():
        raise InvalidInput("text", "paste a news list or choose a file")
    return text, request.form.get("path", "") or "pasted"


def _read_import(text: str, path: str) -> Any:
    fmt = request.form.get("format", "auto")
    order = request.form.get("date_order", "auto")
    if fmt not in ("auto", "news", "publications", "listing", "cfp", "alfolio"):
        raise InvalidInput("format", f"{fmt!r} is not a format")
    if order not in ("auto", "dmy", "mdy"):
        raise InvalidInput("date_order", f"{order!r} is not dmy or mdy")
    try:
        return parse_text(
            text,
            today=_reference_day(),
            fmt=fmt,
            date_order=None if order == "auto" else order,  # type: ignore[arg-type]
            default_order=get_config().site.date_order,  # type: ignore[arg-type]
            path=path,
        )
    except UnreadableDocument as exc:
        raise InvalidInput("text", str(exc)) from None


YEAR_SOURCES = {
    "heading": "the year heading above it",
    "neighbours": "the items around it",
    "text": "the year named in it",
    "reference date": "the reference date",
}


def _reference_day() -> dt.date:
    """The import form's reference date ("today" when empty), for dates written without a year."""
    raw = request.form.get("today", "").strip()
    if not raw:
        return site_day()
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise InvalidInput("today", f"{raw[:20]!r} is not a date such as 2025-03-01") from None


@bp.get("/import")
def import_form() -> tuple[str, int]:
    return page("admin/import.html", people=svc.people(get_session()), error=None, form={})


@bp.post("/import/preview")
def import_preview() -> tuple[str, int]:
    try:
        text, path = _import_source()
        result = _read_import(text, path)
    except InvalidInput as exc:
        return page("admin/import.html", 400, people=svc.people(get_session()), error=exc, form=request.form)
    return page(
        "admin/import_preview.html",
        result=result,
        text=text,
        path=path,
        form=request.form,
        today=_reference_day(),
        year_sources=YEAR_SOURCES,
    )


@bp.post("/import/confirm")
def import_confirm() -> tuple[str, int]:
    db = get_session()
    text, path = request.form.get("text", ""), request.form.get("path", "pasted")
    try:
        result = _read_import(text, path)
        person = svc.person_slug_for(db, actor()) or (request.form.get("person") or None)
        report = apply_import(db, result, person=person, now=now(), host=get_config().host)
    except InvalidInput as exc:
        db.rollback()
        return page("admin/import.html", 400, people=svc.people(db), error=exc, form=request.form)
    db.commit()
    return page("admin/import_report.html", report=report, result=result)
