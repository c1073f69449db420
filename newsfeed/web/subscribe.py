"""Email subscription pages: subscribe (double opt-in), confirm, preferences, unsubscribe.

No email is sent inside a request: subscribing queues the confirmation in the outbox and the
scheduler sends it within a minute. The form is throttled per client address (429) and per email
address (no more than ``confirmations_per_day``; the answer is the same). A confirmation link
opened with GET (or HEAD, as link scanners do) only shows a button: the POST confirms.

The unsubscribe POST is exempt from CSRF: RFC 8058 one-click unsubscribe is a POST that mail
providers make without any token; the unguessable per-subscriber token in the URL is the proof.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from importlib import resources
from typing import Any

from flask import Blueprint, redirect, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.config import secret_key
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.urls import Urls
from newsfeed.domain.vocab import KINDS, SubscriberStatus
from newsfeed.services import admin as admin_svc
from newsfeed.services import throttle
from newsfeed.services.subscriptions import (
    Preferences,
    by_token,
    confirm,
    confirmable,
    new_calendar_address,
    preferences_of,
    read_preferences,
    subscribe,
    unsubscribe,
    update_preferences,
)
from newsfeed.services.users import normalise_email

from .auth import csrf
from .database import get_config, get_session, now

bp = Blueprint("subscribe", __name__)
PAGES = Urls()


def _every_problem(form: MultiDict[str, str]) -> Preferences:
    """The preferences, with the address checked too: every problem of the form at once."""
    problems: list[tuple[str, str]] = []
    try:
        normalise_email(form.get("email", ""))
    except InvalidInput as exc:
        problems += exc.problems
    try:
        prefs = _preferences(form)
    except InvalidInput as exc:
        problems += exc.problems
    if problems:
        raise InvalidInput.many(problems)
    return prefs


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


LABELS = {"email": "Email", "cadence": "How often", "kinds": "Kinds of news", "people": "People",
          "tags": "Tags", "timezone": "Your time zone", "lead_days": "Reminders"}  # fmt: skip


# Where most readers of an academic site live, west to east: listed first, then every zone by region.
COMMON_ZONES = (
    "UTC", "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
    "America/Sao_Paulo", "Europe/London", "Europe/Paris", "Europe/Berlin", "Africa/Johannesburg",
    "Asia/Kolkata", "Asia/Shanghai", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney",
    "Pacific/Auckland",
)  # fmt: skip


@functools.lru_cache(maxsize=1)
def zones_by_region() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The zones a subscriber chooses from, by region: the canonical zones of the time zone
    database (its ``zone.tab``, one per place), without the legacy aliases it keeps for old
    systems (``US/Pacific``, ``Asia/Calcutta``), which stay valid when typed or stored."""
    try:
        tab = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
        names = {line.split("\t")[2] for line in tab.splitlines() if line and not line.startswith("#")}
    except (ModuleNotFoundError, OSError, IndexError):  # no tzdata package: the system's list
        names = {
            z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))
        }
    regions: dict[str, list[str]] = {}
    for name in sorted(names):
        regions.setdefault(name.split("/", 1)[0], []).append(name)
    return tuple((region, tuple(members)) for region, members in sorted(regions.items()))


def zone_groups(chosen: str) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """(group, [(zone, label, selected)]) for the select: common zones first (the chosen one among
    them when it is not), then each region with its places by name ("New York", "Argentina /
    Buenos Aires"). ``chosen`` is selected once, where it first appears."""
    common = list(COMMON_ZONES)
    if chosen and chosen not in common:
        common.insert(0, chosen)  # a stored legacy alias too: saving must not change it
    seen = False

    def row(zone: str, label: str) -> tuple[str, str, bool]:
        nonlocal seen
        selected = zone == chosen and not seen
        seen = seen or selected
        return zone, label, selected

    groups = [("Common", [row(z, z.replace("_", " ")) for z in common])]
    for region, members in zones_by_region():
        place = len(region) + 1
        groups.append((region, [row(z, z[place:].replace("_", " ").replace("/", " / ")) for z in members]))
    return groups


def _form(status: int = 200, **context: Any) -> tuple[str, int]:
    context.setdefault("values", {})
    context.setdefault("error", None)
    values = context["values"]
    if isinstance(values, MultiDict):
        chosen = {"kinds": values.getlist("kinds"), "people": values.getlist("people")}
    else:
        chosen = {"kinds": list(values.get("kinds", ())), "people": list(values.get("people", ()))}
    context["chosen"] = chosen
    return (
        render_template(
            "subscribe/form.html",
            site=get_config().site,
            kinds=KINDS,
            people=admin_svc.people(get_session()),
            zone_groups=zone_groups,
            labels=LABELS,
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
    config = get_config()
    client = request.remote_addr or "unknown"
    allowed = throttle.take(
        db, "signup", client, now=now(), limit=config.digests.signups_per_hour, window=dt.timedelta(hours=1)
    )
    db.commit()  # counted before anything else, so that concurrent requests see each other
    if not allowed:
        error = InvalidInput("email", "too many sign-ups from your network address: try again in an hour")
        return _form(429, values=request.form, error=error)
    try:
        subscribe(
            db,
            request.form.get("email", ""),
            _every_problem(request.form),
            now=now(),
            per_day=config.digests.confirmations_per_day,
        )
    except InvalidInput as exc:
        db.rollback()
        return _form(400, values=request.form, error=exc)
    db.commit()
    # the same answer whether the address was new, pending, already confirmed or had its share
    return render_template("subscribe/sent.html", site=config.site), 200


@bp.get("/subscribe/confirm/<token>")
def confirm_page(token: str) -> tuple[str, int]:
    """One button, no change: a link scanner's GET or HEAD confirms nothing."""
    config = get_config()
    subscriber = confirmable(
        get_session(), secret_key(config), token, now=now(), max_age_hours=config.digests.confirm_hours
    )
    return render_template("subscribe/confirm.html", site=config.site, email=subscriber.email), 200


@bp.post("/subscribe/confirm/<token>")
def confirm_post(token: str) -> tuple[str, int]:
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
    calendar = None
    if subscriber.status == SubscriberStatus.CONFIRMED:
        https = get_config().urls.personal_calendar(subscriber.calendar_token)
        calendar = {"https": https, "webcal": "webcal://" + https.split("://", 1)[-1]}
    return _form(
        400 if error else 200,
        values=values,
        error=error,
        token=token,
        saved=saved,
        email=subscriber.email,
        calendar=calendar,
    )


@bp.post("/preferences/<token>/calendar")
def new_calendar(token: str) -> WerkzeugResponse:
    """A new secret address for the subscriber's calendar (the old one stops working)."""
    db = get_session()
    new_calendar_address(db, token)
    db.commit()
    return redirect(PAGES.preferences(token) + "#calendar", code=303)


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
