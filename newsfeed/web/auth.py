"""Sign-in and sign-out (Flask-Login), with CSRF on every form (Flask-WTF)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.adapters.models import User
from newsfeed.domain.vocab import Role
from newsfeed.services import auth as auth_svc
from newsfeed.services.auth import Busy, LockedOut, sign_out

from .database import get_config, get_session, now

bp = Blueprint("auth", __name__, url_prefix="/admin")
login_manager = LoginManager()
csrf = CSRFProtect()


@dataclass
class SignedIn:
    """The Flask-Login view of a user; its id carries the session token, so rotating the token
    (sign-in, sign-out) ends every older session server-side."""

    id: int
    email: str
    name: str
    role: Role
    person_id: int | None
    token: str
    is_authenticated: bool = True
    is_active: bool = True
    is_anonymous: bool = False

    def get_id(self) -> str:
        return f"{self.id}:{self.token}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


def _signed_in(user: User) -> SignedIn:
    return SignedIn(user.id, user.email, user.name, user.role, user.person_id, user.session_token)


@login_manager.user_loader
def load_user(user_id: str) -> SignedIn | None:
    uid, _, token = user_id.partition(":")
    if not uid.isdigit() or not token:
        return None
    user = get_session().get(User, int(uid))
    if user is None or not user.active or user.session_token != token:
        return None
    return _signed_in(user)


def _hashing() -> auth_svc.Hashing:
    hashing: auth_svc.Hashing = current_app.extensions["newsfeed.hashing"]
    return hashing


def init_app(app: Flask) -> None:
    app.extensions["newsfeed.hashing"] = auth_svc.Hashing(
        app.extensions["newsfeed.config"].admin.concurrent_hashes
    )
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    csrf.init_app(app)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # tokens live as long as the session


def safe_next(target: str | None) -> str:
    """Only a path of this site: no scheme, no host, no "//evil" or "/\\evil"."""
    if not target:
        return url_for("admin.items")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return url_for("admin.items")
    if "\\" in target or any(ord(c) < 32 for c in target):
        return url_for("admin.items")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | WerkzeugResponse | tuple[str, int]:
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("admin/login.html", site=get_config().site, next=next_url, error=None)
    config = get_config()
    db = get_session()
    try:
        attempt = auth_svc.start(
            db,
            request.form.get("email", ""),
            address=request.remote_addr or "unknown",
            now=now(),
            max_failures=config.admin.login_attempts,
            lockout=dt.timedelta(minutes=config.admin.lockout_minutes),
            address_limit=config.admin.address_attempts,
            account_limit=config.admin.account_attempts,
        )
    except LockedOut as exc:
        db.rollback()  # refused without checking anything: not recorded
        return render_template("admin/login.html", site=config.site, next=next_url, error=str(exc)), 429
    db.commit()  # counted before the password is checked: concurrent attempts see each other
    try:
        user = auth_svc.finish(db, attempt, request.form.get("password", ""), _hashing(), now=now())
    except Busy as exc:
        return render_template("admin/login.html", site=config.site, next=next_url, error=str(exc)), 503
    db.commit()
    if user is None:
        error = "email or password: no account matches them"
        return render_template("admin/login.html", site=config.site, next=next_url, error=error), 400
    session.clear()  # a new session on sign-in
    login_user(_signed_in(user))
    return redirect(next_url)


@bp.post("/logout")
def logout() -> WerkzeugResponse:
    if current_user.is_authenticated:
        db = get_session()
        user = db.scalar(select(User).where(User.id == current_user.id))
        if user is None:
            abort(400)
        sign_out(user)
        db.commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


def unauthorized_json() -> Response:
    return Response('{"error": "sign in first"}', status=401, mimetype="application/json")
