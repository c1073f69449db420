"""Admin: people (admins add and remove them and edit anyone; an editor edits their own profile)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.vocab import Role
from newsfeed.services import people as svc

from ..database import get_session, now
from .common import bp, page, signed_in_user

FIELDS = ("name", "homepage", "orcid", "photo_url", "bio")


def _profile(form: Any) -> svc.Profile:
    return svc.Profile(**{field: form.get(field, "") for field in FIELDS})


def _people_page(
    status: int = 200, *, error: InvalidInput | None = None, form: Any = None
) -> tuple[str, int]:
    user = signed_in_user()
    rows = svc.list_people(get_session())
    if user.role != Role.ADMIN:
        rows = [(p, n) for p, n in rows if p.id == user.person_id]
    return page("admin/people.html", status, rows=rows, error=error, form=form or {})


def _editable(slug: str) -> Any:
    """The person ``slug`` if the signed-in account may edit them (404 for another's, as for items)."""
    user = signed_in_user()
    try:
        person = svc.find_person(get_session(), slug)
    except InvalidInput:
        abort(404)
    if user.role != Role.ADMIN and person.id != user.person_id:
        abort(404)
    return person


@bp.get("/people")
def people() -> tuple[str, int]:
    return _people_page()


@bp.post("/people")
def add_person() -> WerkzeugResponse | tuple[str, int]:
    db = get_session()
    try:
        added = svc.add_person(db, request.form.get("slug", ""), _profile(request.form), now=now())
    except InvalidInput as exc:
        db.rollback()
        return _people_page(400, error=exc, form=request.form)
    db.commit()
    flash(f"Added {added.name}: their page is /people/{added.slug}.")
    return redirect(url_for("admin.people"))


@bp.get("/people/<slug>")
def person_form(slug: str) -> tuple[str, int]:
    person = _editable(slug)
    form = {field: getattr(person, field) or "" for field in FIELDS}
    return page("admin/person_form.html", person=person, form=form, error=None)


@bp.post("/people/<slug>")
def save_person(slug: str) -> WerkzeugResponse | tuple[str, int]:
    person = _editable(slug)
    db = get_session()
    try:
        svc.edit_person(db, person.slug, _profile(request.form))
    except InvalidInput as exc:
        db.rollback()
        return page("admin/person_form.html", 400, person=person, form=request.form, error=exc)
    db.commit()
    flash(f"Saved {person.slug}.")
    return redirect(url_for("admin.person_form", slug=person.slug))


@bp.post("/people/<slug>/remove")
def remove_person(slug: str) -> WerkzeugResponse | tuple[str, int]:
    db = get_session()
    try:
        count = svc.remove_person(db, slug)
    except InvalidInput as exc:
        db.rollback()
        return _people_page(400, error=exc)
    db.commit()
    flash(f"Removed {slug}; their {count} item(s) stay on the site.")
    return redirect(url_for("admin.people"))
