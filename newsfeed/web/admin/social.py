"""Admin: the Bluesky and Mastodon accounts news is posted to (editors: their own person's;
admins: every one), what each posted, and why one stopped (never its secret)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from newsfeed.adapters.models import Person, SocialAccount
from newsfeed.domain.errors import InvalidInput, NotFound
from newsfeed.domain.social import DEFAULT_KINDS
from newsfeed.domain.vocab import Kind, Role
from newsfeed.services import admin as svc
from newsfeed.services import social as soc

from ..database import get_config, get_session, now
from .common import bp, page, signed_in_user


def _person_id() -> int | None:
    """None for an admin (every account); an editor's own person."""
    user = signed_in_user()
    return None if user.role == Role.ADMIN else (user.person_id or -1)  # no person: no account is theirs


def _page(
    status: int = 200, *, error: InvalidInput | None = None, form: Any = None, checked: Any = DEFAULT_KINDS
) -> tuple[str, int]:
    db = get_session()
    listed = soc.accounts(db, person_id=_person_id())
    return page(
        "admin/social.html",
        status,
        accounts=listed,
        posts={a.id: soc.posts_of(db, a) for a in listed},
        people=svc.people(db),
        kinds=[k.value for k in Kind],
        checked=list(checked),
        variable=soc.secret_variable,
        error=error,
        form=form or {},
        now=now(),
    )


@bp.get("/social")
def social() -> tuple[str, int]:
    return _page()


def _secret_file(name: str, secret: str) -> str:
    """The secret typed in the form, kept in a file of the instance folder that only this user
    may read (as the mail password may be); the database holds only its path."""
    folder = Path(get_config().instance_path) / "social-secrets"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / name
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as fh:
        fh.write(secret.strip())
    return str(path)


@bp.post("/social")
def add_social() -> WerkzeugResponse | tuple[str, int]:
    db = get_session()
    form = request.form
    user = signed_in_user()
    person = form.get("person") or None
    if user.role != Role.ADMIN:
        own = db.get(Person, user.person_id) if user.person_id is not None else None
        person = own.slug if own is not None else "-"
    data = soc.AccountInput(
        name=form.get("name", ""),
        network=form.get("network", ""),
        url=form.get("url", ""),
        handle=form.get("handle", ""),
        person=person,
        kinds=form.getlist("kinds"),
        tags=[t for t in form.get("tags", "").split(",") if t.strip()],
    )
    secret = form.get("secret", "")
    try:
        if len(secret) > 2000:
            raise InvalidInput("secret", "at most 2,000 characters")
        account = soc.add_account(db, data, now=now(), config=get_config())
        if secret.strip():
            account.secret_file = _secret_file(account.name, secret)
    except InvalidInput as exc:
        db.rollback()
        kept = {k: v for k, v in form.items() if k != "secret"}  # the secret is never sent back
        return _page(400, error=exc, form=kept, checked=form.getlist("kinds"))
    db.commit()
    flash(f"Added {account.name}: news published from now on is posted there once.")
    return redirect(url_for("admin.social"))


def _own(account_id: int) -> SocialAccount:
    account = get_session().get(SocialAccount, account_id)
    mine = _person_id()
    if account is None or (mine is not None and account.person_id != mine):
        raise NotFound(f"no social account {account_id}")
    return account


@bp.post("/social/<id:account_id>/remove")
def remove_social(account_id: int) -> WerkzeugResponse:
    account = _own(account_id)
    name = account.name
    soc.remove_account(get_session(), name)
    get_session().commit()
    flash(f"Removed {name}: nothing more is posted there (what it posted stays).")
    return redirect(url_for("admin.social"))


@bp.post("/social/<id:account_id>/resume")
def resume_social(account_id: int) -> WerkzeugResponse:
    """Post again after the secret was fixed (the next sweep signs in anew)."""
    account = _own(account_id)
    soc.resume(get_session(), account)
    get_session().commit()
    flash(f"{account.name} resumes: the scheduler posts what waited within a minute or two.")
    return redirect(url_for("admin.social"))


@bp.post("/social/<id:account_id>/repost/<id:item_id>")
def repost_social(account_id: int, item_id: int) -> WerkzeugResponse:
    """Bluesky has no edit: the post is deleted and the item posted anew as it is now."""
    account = _own(account_id)
    soc.repost(get_session(), item_id, account, now=now())
    get_session().commit()
    flash(f"Item {item_id} is reposted on {account.name} within a minute or two.")
    return redirect(url_for("admin.social"))
