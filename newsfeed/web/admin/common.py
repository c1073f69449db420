"""The admin blueprint and what its pages share: sign-in, roles, the signed-in account."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.adapters.models import User
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.periods import site_today
from newsfeed.domain.vocab import Role
from newsfeed.services import admin as svc

from ..database import get_config, get_session, now

bp = Blueprint("admin", __name__, url_prefix="/admin")


# Who may do what (the README's permission matrix; a test walks the URL map against it):
# anonymous visitors nothing here; editors their own person's items, imports and the previews;
# admins everything, and alone the subscribers (their addresses), the users, adding and removing
# people (an editor edits their own person's profile).
ADMIN_ONLY = frozenset(
    {
        "admin.users",
        "admin.add_user",
        "admin.add_person",
        "admin.remove_person",
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
    if current_user.role != Role.ADMIN and current_user.person_id is None:
        # "their own person's" would be everything that is nobody's: allowed nothing instead
        abort(403, "this editor account has no person to post as: ask an admin to give it one")
    return None


def actor() -> svc.Actor:
    return svc.Actor(user_id=current_user.id, role=current_user.role, person_id=current_user.person_id)


def site_day() -> dt.date:
    return site_today(now(), get_config().site.timezone)


def page(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    return (
        render_template(template, site=get_config().site, user=current_user, pager_url=pager_url, **context),
        status,
    )


def signed_in_user() -> User:
    user = get_session().get(User, current_user.id)
    if user is None:  # removed while signed in
        abort(403)
    return user


def page_number() -> int:
    """``?page=N`` of an admin list (1 when absent); a value that is not a page number is a 400."""
    raw = request.args.get("page", "")
    if raw == "":
        return 1
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 7) or int(raw) < 1:
        raise InvalidInput("page", f"{raw[:20]!r} is not a page number")
    return int(raw)


def pager_url(page_no: int, **filters: str) -> str:
    """The address of page ``page_no`` of this list with the filters as parsed (never raw query)."""
    query: dict[str, Any] = {k: v for k, v in filters.items() if v}
    if page_no > 1:
        query["page"] = str(page_no)
    return url_for(request.endpoint or "admin.items", **query)
