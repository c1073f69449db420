"""Admin: accounts (admins only)."""

from __future__ import annotations

from flask import request

from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.vocab import Role
from newsfeed.services import admin as svc
from newsfeed.services.users import create_user, generate_password

from ..database import get_session, now
from .common import bp, page


@bp.get("/users")
def users() -> tuple[str, int]:
    db = get_session()
    return page("admin/users.html", users=svc.users(db), people=svc.people(db), error=None, created=None)


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
        return page(
            "admin/users.html", 400, users=svc.users(db), people=svc.people(db), error=exc, created=None
        )
    db.commit()
    created = (user.email, password)
    return page("admin/users.html", users=svc.users(db), people=svc.people(db), error=None, created=created)
