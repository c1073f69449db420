"""Admin: sources (editors: their own person's; admins: every one)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.adapters.models import Source
from newsfeed.domain.errors import InvalidInput, NotFound
from newsfeed.domain.vocab import Role
from newsfeed.services import admin as svc
from newsfeed.services import sources as src

from ..database import get_config, get_session, now
from .common import bp, page, signed_in_user


def _sources_page(
    status: int = 200, *, error: InvalidInput | None = None, form: Any = None
) -> tuple[str, int]:
    db = get_session()
    user = signed_in_user()
    return page(
        "admin/sources.html",
        status,
        sources=src.list_sources(db, user=user),
        people=svc.people(db),
        formats=src.SOURCE_FORMATS,
        error=error,
        form=form or {},
        default_every=f"{get_config().sources.every_hours:g}h",
        now=now(),
    )


@bp.get("/sources")
def sources() -> tuple[str, int]:
    return _sources_page()


@bp.post("/sources")
def add_source() -> WerkzeugResponse | tuple[str, int]:
    db = get_session()
    form = request.form
    try:
        source = src.add_source(
            db,
            form.get("url", ""),
            fmt=form.get("format", "auto"),
            person=form.get("person") or None,
            tags=[t for t in form.get("tags", "").split(",") if t.strip()],
            every=form.get("every") or None,
            name=form.get("name") or None,
            user=signed_in_user(),
            now=now(),
            config=get_config(),
        )
    except InvalidInput as exc:
        db.rollback()
        return _sources_page(400, error=exc, form=form)
    db.commit()
    flash(f"Added {source.name}: the scheduler fetches it within a minute or two.")
    return redirect(url_for("admin.sources"))


def _own_source(source_id: int) -> Any:
    source = get_session().get(Source, source_id)
    user = signed_in_user()
    if source is None or (
        user.role != Role.ADMIN and (user.person_id is None or source.person_id != user.person_id)
    ):
        raise NotFound(f"no source {source_id}")
    return source


@bp.post("/sources/<id:source_id>/sync")
def sync_source(source_id: int) -> WerkzeugResponse:
    """Due now: the scheduler fetches it on its next tick (a fetch never runs inside a request)."""
    source = _own_source(source_id)
    source.next_fetch_at = now()
    get_session().commit()
    flash(f"{source.name} is due now: the scheduler fetches it within a minute or two.")
    return redirect(url_for("admin.sources"))


@bp.post("/sources/<id:source_id>/remove")
def remove_source(source_id: int) -> WerkzeugResponse:
    source = _own_source(source_id)
    name = source.name
    count = src.remove_source(get_session(), name)
    get_session().commit()
    flash(f"Removed {name}; its {count} item(s) stay on the site.")
    return redirect(url_for("admin.sources"))
