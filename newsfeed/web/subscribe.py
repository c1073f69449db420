"""Email subscription pages: subscribe (double opt-in), confirm, preferences, unsubscribe.

The unsubscribe POST is exempt from CSRF: RFC 8058 one-click unsubscribe is a POST that mail
providers make without any token; the unguessable per-subscriber token in the URL is the proof.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request
from werkzeug.datastructures import MultiDict

from ..config import secret_key
from ..errors import InvalidInput
from ..kinds import KINDS
from ..services import admin as admin_svc
from ..services.outbox import sweep
from ..services.subscriptions import (
    Preferences,
    by_token,
    confirm,
    preferences_of,
    read_preferences,
    subscribe,
    unsubscribe,
    update_preferences,
)
from .auth import csrf
from .database import get_config, get_session, now

bp = Blueprint("subscribe", __name__)


def deliver_now(delivery_id: int) -> None:
    """Send one queued email right after the commit that queued it; if the mail server is
    unavailable the row stays pending and the scheduler retries it."""
    sweep(
        current_app.extensions["newsfeed.sessions"],
        current_app.extensions["newsfeed.mailer"],
        now=now(),
        config=get_config(),
        ids=[delivery_id],
        plan_first=False,
    )


def _preferences(form: MultiDict[str, str]) -> Preferences:
    return read_preferences(
        get_session(),
        cadence=form.get("cadence", "weekly"),
        kinds=form.getlist("kinds"),
        tags=[t.strip() for t in form.get("tags", "").split(",") if t.strip()],
        people=form.getlist("people"),
        timezone=form.get("timezone", "").strip() or get_config().site.timezone,
        lead_days=form.get("lead_days", ""),
    )


def _form(status: int = 200, **context: Any) -> tuple[str, int]:
    context.setdefault("values", {})
    context.setdefault("error", None)
    return (
        render_template(
            "subscribe/form.html",
            site=get_config().site,
            kinds=KINDS,
            people=admin_svc.people(get_session()),
            **context,
        ),
        status,
    )


@bp.get("/subscribe")
def form() -> tuple[str, int]:
    defaults = {"cadence": "weekly", "lead_days": "14, 3, 1", "timezone": get_config().site.timezone}
    return _form(values=defaults)


@bp.post("/subscribe")
def submit() -> tuple[str, int]:
    db = get_session()
    try:
        delivery = subscribe(db, request.form.get("email", ""), _preferences(request.form), now=now())
    except InvalidInput as exc:
        db.rollback()
        return _form(400, values=request.form, error=exc)
    db.commit()
    deliver_now(delivery.id)
    # the same answer whether the address was new, pending or already confirmed
    return render_template("subscribe/sent.html", site=get_config().site), 200


@bp.get("/subscribe/confirm/<token>")
def confirm_link(token: str) -> tuple[str, int]:
    db = get_session()
    config = get_config()
    subscriber = confirm(db, secret_key(config), token, now=now(), max_age_hours=config.digests.confirm_hours)
    db.commit()
    return render_template("subscribe/confirmed.html", site=config.site, subscriber=subscriber), 200


@bp.route("/preferences/<token>", methods=["GET", "POST"])
def preferences(token: str) -> tuple[str, int]:
    db = get_session()
    subscriber = by_token(db, token)
    saved = False
    error = None
    if request.method == "POST":
        try:
            subscriber = update_preferences(db, token, _preferences(request.form))
            db.commit()
            saved = True
        except InvalidInput as exc:
            db.rollback()
            error = exc
    prefs = preferences_of(subscriber)
    values = {
        "cadence": prefs.cadence,
        "kinds": prefs.selection.kinds,
        "tags": ", ".join(prefs.selection.tags),
        "people": prefs.selection.people,
        "timezone": prefs.timezone,
        "lead_days": ", ".join(str(d) for d in prefs.lead_days),
    }
    return _form(
        400 if error else 200, values=values, error=error, token=token, saved=saved, email=subscriber.email
    )


@bp.get("/unsubscribe/<token>")
def unsubscribe_page(token: str) -> tuple[str, int]:
    subscriber = by_token(get_session(), token)
    return render_template(
        "subscribe/unsubscribe.html", site=get_config().site, email=subscriber.email, done=False
    ), 200


@bp.post("/unsubscribe/<token>")
def unsubscribe_post(token: str) -> tuple[str, int]:
    db = get_session()
    subscriber = unsubscribe(db, token, now=now())
    db.commit()
    return render_template(
        "subscribe/unsubscribe.html", site=get_config().site, email=subscriber.email, done=True
    ), 200


csrf.exempt(unsubscribe_post)
