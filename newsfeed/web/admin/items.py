"""Admin: the item list, the item form (create, edit, retract) and an item's history."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.adapters.models import Item, Source
from newsfeed.domain.errors import Conflict, InvalidInput
from newsfeed.domain.vocab import KINDS, Status, Visibility
from newsfeed.services import admin as svc
from newsfeed.services.items import create_item, update_item

from ..database import get_config, get_session, now
from .common import actor, bp, page, page_number, site_day
from .forms import (
    BLANK_MILESTONE_ROWS,
    expected_revision,
    form_values,
    item_form_values,
    item_input,
)


@bp.get("/")
def items() -> tuple[str, int]:
    args = request.args
    found = svc.search_items(
        get_session(),
        actor(),
        q=args.get("q", ""),
        kind=args.get("kind", ""),
        status=args.get("status", ""),
        person=args.get("person", ""),
        page=page_number(),
    )
    return page(
        "admin/items.html",
        found=found,
        args=args,
        kinds=KINDS,
        statuses=[s.value for s in Status],
        people=svc.people(get_session()),
    )


def _form_page(
    item_id: int | None,
    values: dict[str, Any],
    error: InvalidInput | None = None,
    *,
    conflict: tuple[str, dict[str, Any]] | None = None,
) -> tuple[str, int]:
    rows = values["milestones"] + [
        {"key": "", "label": "", "date": "", "time": "", "zone": "", "location": ""}
        for _ in range(BLANK_MILESTONE_ROWS)
    ]
    return page(
        "admin/item_form.html",
        409 if conflict else (400 if error else 200),
        item_id=item_id,
        v=values,
        rows=rows,
        error=error,
        conflict=conflict,
        kinds=KINDS,
        statuses=[s.value for s in Status],
        visibilities=[v.value for v in Visibility],
        people=svc.people(get_session()),
        zone=get_config().site.timezone,
        source=_source_of(item_id),
    )


def _source_of(item_id: int | None) -> tuple[str, str, bool] | None:
    """(name, url, the source differs from the hand edit) of the source an item is synced from."""
    if item_id is None:
        return None
    row = (
        get_session()
        .execute(
            select(Source.name, Source.url, Item.source_differs)
            .join(Item, Item.source_id == Source.id)
            .where(Item.id == item_id)
        )
        .first()
    )
    return (row[0], row[1], bool(row[2])) if row else None


def _submitted(db: Any, current: Item | None = None) -> Any:
    config = get_config()
    return item_input(
        request.form,
        today=site_day(),
        zone=config.site.timezone,
        date_order=config.site.date_order,  # type: ignore[arg-type]
        person=svc.person_slug_for(db, actor()),
        current=current,
    )


@bp.get("/items/new")
def new_item() -> tuple[str, int]:
    return _form_page(None, item_form_values(None, get_config().site.timezone))


@bp.post("/items/new")
def create() -> WerkzeugResponse | tuple[str, int]:
    db = get_session()
    try:
        item = create_item(db, _submitted(db), now=now(), host=get_config().host, user_id=current_user.id)
    except InvalidInput as exc:
        db.rollback()
        return _form_page(None, form_values(request.form), exc)
    assert item is not None  # only imports carry a key that can be taken
    db.commit()
    flash(f"Saved “{item.title}”.")
    return redirect(url_for("admin.edit", item_id=item.id))


@bp.get("/items/<id:item_id>")
def edit(item_id: int) -> tuple[str, int]:
    item = svc.item_for(get_session(), actor(), item_id)
    return _form_page(item_id, item_form_values(item, get_config().site.timezone))


@bp.post("/items/<id:item_id>")
def update(item_id: int) -> WerkzeugResponse | tuple[str, int]:
    db = get_session()
    item = svc.item_for(db, actor(), item_id)
    try:
        changed = update_item(
            db,
            item,
            _submitted(db, item),
            now=now(),
            user_id=current_user.id,
            expected_revision=expected_revision(request.form),
        )
    except InvalidInput as exc:
        db.rollback()
        return _form_page(item_id, form_values(request.form), exc)
    except Conflict as exc:
        # Nothing was written. Both versions side by side; saving again (the form now carries
        # the current revision) overwrites theirs knowingly.
        db.rollback()
        current = svc.item_for(db, actor(), item_id)
        values = form_values(request.form)
        values["revision"] = str(current.revision)
        theirs = item_form_values(current, get_config().site.timezone)
        return _form_page(item_id, values, conflict=(str(exc), theirs))
    db.commit()
    flash(f"Saved revision {item.revision}." if changed else "Nothing changed.")
    return redirect(url_for("admin.edit", item_id=item_id))


@bp.post("/items/<id:item_id>/retract")
def retract(item_id: int) -> WerkzeugResponse:
    db = get_session()
    item = svc.retract(db, actor(), item_id, now=now())
    db.commit()
    flash(f"Retracted “{item.title}”: it is gone from the site and the feeds.")
    return redirect(url_for("admin.edit", item_id=item_id))


@bp.get("/items/<id:item_id>/history")
def history(item_id: int) -> tuple[str, int]:
    item, rows = svc.history(get_session(), actor(), item_id)
    return page("admin/history.html", item=item, rows=rows)
