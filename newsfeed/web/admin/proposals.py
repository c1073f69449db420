"""Admin: the news proposed from papers (editors: their own person's; admins: every one). Approve
(publish now, or at a chosen time), edit then approve (a draft opened in the item form), or
dismiss; every decision is final."""

from __future__ import annotations

import datetime as dt

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.domain.dates import zone_of
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.scholarly.model import restored
from newsfeed.domain.vocab import Role
from newsfeed.services import scholarly

from ..database import get_config, get_session, now
from .common import bp, page, signed_in_user


def _person_id() -> int | None:
    """None for an admin (every proposal); an editor's own person."""
    user = signed_in_user()
    return None if user.role == Role.ADMIN else user.person_id


@bp.get("/proposals")
def proposals() -> tuple[str, int]:
    db = get_session()
    user = signed_in_user()
    slug = None if user.role == Role.ADMIN or user.person is None else user.person.slug
    waiting = scholarly.list_proposals(db, person=slug)
    decided = [p for p in scholarly.list_proposals(db, status=None, person=slug) if p.status != "pending"][
        :20
    ]
    return page(
        "admin/proposals.html",
        waiting=waiting,
        decided=decided,
        posted={p.id: (d.display() if (d := restored(p.posted)) else "") for p in [*waiting, *decided]},
    )


def _at() -> dt.datetime | None:
    """The form's publication time (a datetime-local, in the site's zone), or None for now."""
    raw = (request.form.get("at") or "").strip()
    if not raw:
        return None
    try:
        local = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("at", f"{raw[:30]!r} is not a date and time") from None
    if local.tzinfo is None:
        local = local.replace(tzinfo=zone_of(get_config().site.timezone))
    return local.astimezone(dt.UTC)


@bp.post("/proposals/<id:proposal_id>/approve")
def approve_proposal(proposal_id: int) -> WerkzeugResponse:
    db = get_session()
    draft = request.form.get("then") == "edit"
    item = scholarly.approve(
        db, proposal_id, now=now(), host=get_config().host, at=_at(), draft=draft, person_id=_person_id()
    )
    db.commit()
    if draft:
        flash("Approved as a draft: edit it, then publish.")
        return redirect(url_for("admin.edit", item_id=item.id))
    flash("Scheduled." if item.publish_at else "Published.")
    return redirect(url_for("admin.proposals"))


@bp.post("/proposals/<id:proposal_id>/dismiss")
def dismiss_proposal(proposal_id: int) -> WerkzeugResponse:
    db = get_session()
    scholarly.dismiss(db, proposal_id, now=now(), person_id=_person_id())
    db.commit()
    flash("Dismissed: it will not be proposed again.")
    return redirect(url_for("admin.proposals"))
