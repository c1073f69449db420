"""The admin pages: items, import by paste or upload, users. Every route needs a signed-in user."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.adapters.mail import PermanentFailure, TemporaryFailure
from newsfeed.adapters.models import Item, Source, Subscriber, User
from newsfeed.domain.dates import DateParseError, parse
from newsfeed.domain.errors import Conflict, InvalidInput, NotFound
from newsfeed.domain.importers import UnreadableDocument, parse_text
from newsfeed.domain.importers.classify import classify_item
from newsfeed.domain.periods import site_today
from newsfeed.domain.vocab import KINDS, Cadence, Role, Status, SubscriberStatus, Visibility
from newsfeed.render.messages import Envelope, compose_digest
from newsfeed.render.safe_html import markdown_html
from newsfeed.services import admin as svc
from newsfeed.services import digests
from newsfeed.services import sources as src
from newsfeed.services import subscriptions as subs
from newsfeed.services.imports import apply_import
from newsfeed.services.items import create_item, update_item
from newsfeed.services.users import create_user, generate_password

from ..database import get_config, get_session, now
from .forms import (
    BLANK_MILESTONE_ROWS,
    expected_revision,
    form_values,
    item_form_values,
    item_input,
    milestone_text,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")


# Who may do what (the README's permission matrix; a test walks the URL map against it):
# anonymous visitors nothing here; editors their own person's items, imports and the previews;
# admins everything, and alone the subscribers (their addresses) and the users.
ADMIN_ONLY = frozenset(
    {
        "admin.users",
        "admin.add_user",
        "admin.subscribers",
        "admin.resend",
        "admin.remove_subscriber",
        "admin.preview_digest",
        "admin.test_digest",
    }
)


@bp.before_request
def require_sign_in() -> WerkzeugResponse | tuple[Any, int] | None:
    if not current_user.is_authenticated:
        if request.path.startswith("/admin/api/"):
            return jsonify(error="sign in first"), 401
        return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
    if request.endpoint in ADMIN_ONLY and current_user.role != Role.ADMIN:
        abort(403, "this page is for admins")
    return None


def _actor() -> svc.Actor:
    return svc.Actor(user_id=current_user.id, role=current_user.role, person_id=current_user.person_id)


def _today() -> dt.date:
    return site_today(now(), get_config().site.timezone)


def _page(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    return render_template(template, site=get_config().site, user=current_user, **context), status


# ---------------------------------------------------------------------------------------------
# items


@bp.get("/")
def items() -> tuple[str, int]:
    args = request.args
    found = svc.search_items(
        get_session(),
        _actor(),
        q=args.get("q", ""),
        kind=args.get("kind", ""),
        status=args.get("status", ""),
        person=args.get("person", ""),
    )
    return _page(
        "admin/items.html",
        items=found,
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
    return _page(
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
        today=_today(),
        zone=config.site.timezone,
        date_order=config.site.date_order,  # type: ignore[arg-type]
        person=svc.person_slug_for(db, _actor()),
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
    item = svc.item_for(get_session(), _actor(), item_id)
    return _form_page(item_id, item_form_values(item, get_config().site.timezone))


@bp.post("/items/<id:item_id>")
def update(item_id: int) -> WerkzeugResponse | tuple[str, int]:
    db = get_session()
    item = svc.item_for(db, _actor(), item_id)
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
        current = svc.item_for(db, _actor(), item_id)
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
    item = svc.retract(db, _actor(), item_id, now=now())
    db.commit()
    flash(f"Retracted “{item.title}”: it is gone from the site and the feeds.")
    return redirect(url_for("admin.edit", item_id=item_id))


@bp.get("/items/<id:item_id>/history")
def history(item_id: int) -> tuple[str, int]:
    item, rows = svc.history(get_session(), _actor(), item_id)
    return _page("admin/history.html", item=item, rows=rows)


# ---------------------------------------------------------------------------------------------
# live previews (progressive enhancement: the forms work without them)


@bp.get("/api/date")
def date_preview() -> Any:
    """The engine's reading of a date field: its human form and precision, or its message."""
    config = get_config()
    text = milestone_text(
        request.args.get("text", ""), request.args.get("time", ""), request.args.get("zone", "")
    )
    prefer = "past" if request.args.get("role", "posted") == "posted" else "nearest"
    today = _today()
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


# ---------------------------------------------------------------------------------------------
# import by paste or upload


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
        return _today()
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise InvalidInput("today", f"{raw[:20]!r} is not a date such as 2025-03-01") from None


@bp.get("/import")
def import_form() -> tuple[str, int]:
    return _page("admin/import.html", people=svc.people(get_session()), error=None, form={})


@bp.post("/import/preview")
def import_preview() -> tuple[str, int]:
    try:
        text, path = _import_source()
        result = _read_import(text, path)
    except InvalidInput as exc:
        return _page("admin/import.html", 400, people=svc.people(get_session()), error=exc, form=request.form)
    return _page(
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
        person = svc.person_slug_for(db, _actor()) or (request.form.get("person") or None)
        report = apply_import(db, result, person=person, now=now(), host=get_config().host)
    except InvalidInput as exc:
        db.rollback()
        return _page("admin/import.html", 400, people=svc.people(db), error=exc, form=request.form)
    db.commit()
    return _page("admin/import_report.html", report=report, result=result)


# ---------------------------------------------------------------------------------------------
# sources (editors: their own person's; admins: every one)


def _user() -> User:
    user = get_session().get(User, current_user.id)
    if user is None:  # removed while signed in
        abort(403)
    return user


def _sources_page(
    status: int = 200, *, error: InvalidInput | None = None, form: Any = None
) -> tuple[str, int]:
    db = get_session()
    user = _user()
    return _page(
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
            user=_user(),
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
    user = _user()
    if source is None or (user.role != Role.ADMIN and source.person_id != user.person_id):
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


# ---------------------------------------------------------------------------------------------
# users (admins only)


@bp.get("/users")
def users() -> tuple[str, int]:
    db = get_session()
    return _page("admin/users.html", users=svc.users(db), people=svc.people(db), error=None, created=None)


@bp.post("/users")
def add_user() -> tuple[str, int]:
    db = get_session()
    role = request.form.get("role", "editor")
    password = generate_password()
    try:
        if role not in ("admin", "editor"):
            raise InvalidInput("role", f"{role!r} is not admin or editor")
        user = create_user(
            db,
            request.form.get("email", ""),
            password,
            role=Role(role),
            name=request.form.get("name", ""),
            person_slug=request.form.get("person") or None,
            now=now(),
        )
    except InvalidInput as exc:
        db.rollback()
        return _page(
            "admin/users.html", 400, users=svc.users(db), people=svc.people(db), error=exc, created=None
        )
    db.commit()
    created = (user.email, password)
    return _page("admin/users.html", users=svc.users(db), people=svc.people(db), error=None, created=created)


# ---------------------------------------------------------------------------------------------
# subscribers


@bp.get("/subscribers")
def subscribers() -> tuple[str, int]:
    return _page("admin/subscribers.html", subscribers=subs.list_subscribers(get_session()))


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
    return _page(
        "admin/digest_preview.html",
        subscriber=subscriber,
        why=why,
        subject=message["Subject"] if message is not None else None,
        html=message.part("html") if message is not None else None,
    )


@bp.post("/subscribers/test-digest")
def test_digest() -> WerkzeugResponse:
    """A digest of the last 30 days as an all-news subscriber in the site's zone, to yourself."""
    config = get_config()
    at = now()
    probe = Subscriber(
        email=current_user.email,
        timezone=config.site.timezone,
        cadence=Cadence.WEEKLY,
        kinds=[],
        tags=[],
        people=[],
        lead_days=[],
        token="test",  # noqa: S106 (a throwaway value, not a secret)
        status=SubscriberStatus.CONFIRMED,
        last_digest_at=at - dt.timedelta(days=30),
        created_at=at,
    )
    digest = digests.build_digest(get_session(), probe, now=at, config=config, label="test digest")
    if digest.empty:
        flash("Nothing new in the last 30 days and nothing upcoming: no test digest sent.")
        return redirect(url_for("admin.subscribers"))
    envelope = Envelope(delivery_id=int(at.timestamp()), kind="test", now=at)
    message = compose_digest(
        digest, site=digests.site_of(config), to=digests.recipient(probe, config), envelope=envelope
    )
    try:
        with current_app.extensions["newsfeed.mailer"].connect() as connection:
            connection.send(message)
    except (TemporaryFailure, PermanentFailure) as exc:
        flash(f"The mail server did not take the test digest: {exc}")
    else:
        flash(f"Test digest sent to {current_user.email}.")
    return redirect(url_for("admin.subscribers"))
