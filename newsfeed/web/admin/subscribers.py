"""Admin: subscribers, their next digest, resends and a test digest (admins only)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.adapters.models import Subscriber
from newsfeed.domain.errors import NotFound
from newsfeed.services import admin as admin_svc
from newsfeed.services import digests
from newsfeed.services import subscriptions as subs

from ..database import get_config, get_session, now
from .common import bp, page, page_number, signed_in_user


@bp.get("/subscribers")
def subscribers() -> tuple[str, int]:
    q = request.args.get("q", "")
    found = admin_svc.search_subscribers(get_session(), q=q, page=page_number())
    return page("admin/subscribers.html", found=found, q=q)


@bp.post("/subscribers/<id:subscriber_id>/resend")
def resend(subscriber_id: int) -> WerkzeugResponse:
    db = get_session()
    subscriber = db.get(Subscriber, subscriber_id)
    if subscriber is None:
        raise NotFound(f"no subscriber {subscriber_id}")
    queued = subs.confirmation_delivery(
        db, subscriber, now(), per_day=get_config().digests.confirmations_per_day
    )
    db.commit()
    if queued is None:
        flash(f"{subscriber.email} was sent its share of confirmation emails today: none queued.")
    else:
        flash(f"Confirmation email to {subscriber.email} queued: the scheduler sends it within a minute.")
    return redirect(url_for("admin.subscribers"))


@bp.post("/subscribers/<id:subscriber_id>/remove")
def remove_subscriber(subscriber_id: int) -> WerkzeugResponse:
    db = get_session()
    subs.remove(db, subscriber_id)
    db.commit()
    flash("Subscriber removed.")
    return redirect(url_for("admin.subscribers"))


@bp.get("/subscribers/<id:subscriber_id>/preview")
def preview_digest(subscriber_id: int) -> tuple[str, int]:
    db = get_session()
    subscriber = db.get(Subscriber, subscriber_id)
    if subscriber is None:
        raise NotFound(f"no subscriber {subscriber_id}")
    why, message = digests.preview(db, subscriber, now=now(), config=get_config(), hide_links=True)
    return page(
        "admin/digest_preview.html",
        subscriber=subscriber,
        why=why,
        subject=message["Subject"] if message is not None else None,
        html=message.part("html") if message is not None else None,
    )


@bp.post("/subscribers/test-digest")
def test_digest() -> WerkzeugResponse:
    """A digest of the last 30 days as an all-news subscriber in the site's zone, to yourself:
    queued for the next sweep (no mail is sent inside a request)."""
    db = get_session()
    digests.queue_test_digest(db, signed_in_user(), now=now())
    db.commit()
    flash(
        f"Test digest to {current_user.email} queued: the scheduler sends it within a minute "
        "(nothing is sent when the last 30 days hold no news and nothing is coming up)."
    )
    return redirect(url_for("admin.subscribers"))
