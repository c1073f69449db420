"""Admin and editor accounts."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Person, User
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.vocab import Role

from .people import no_person

# OWASP ASVS 2.4.3 asks scrypt with N >= 2^17 and p = 1 (or N = 2^15 with p >= 3).
PASSWORD_METHOD = "scrypt:131072:8:1"  # noqa: S105 (a hash method, not a password)
MIN_PASSWORD = 12


def hash_password(password: str) -> str:
    from werkzeug.security import generate_password_hash  # (deferred: CLI start-up)

    return generate_password_hash(password, method=PASSWORD_METHOD)


def verify_password(user: User, password: str) -> bool:
    from werkzeug.security import check_password_hash

    return check_password_hash(user.password_hash, password)


def normalise_email(email: str) -> str:
    """The address as stored (one mailbox, lower case; :mod:`newsfeed.domain.addresses`), or
    InvalidInput naming the field."""
    from newsfeed.domain.addresses import InvalidAddress, check_address  # (deferred: CLI start-up)

    try:
        return check_address(email).normalized
    except InvalidAddress as exc:
        raise InvalidInput("email", str(exc)) from None


# An editor acts for one person: without one, "their own" would be everything that is nobody's.
NEEDS_PERSON = (
    "an editor posts as a person: name one (--person SLUG; `newsfeed person add SLUG --name NAME` makes one)"
)


def set_person(session: Session, email: str, person_slug: str) -> User:
    """Give an account the person it posts as (an editor without one may do nothing)."""
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise InvalidInput("email", f"no user {email[:80]!r}")
    person = session.scalar(select(Person).where(Person.slug == person_slug))
    if person is None:
        raise InvalidInput("person", no_person(person_slug))
    user.person = person
    session.flush()
    return user


def generate_password() -> str:
    return secrets.token_urlsafe(15)


def create_user(
    session: Session,
    email: str,
    password: str,
    *,
    role: Role = Role.EDITOR,
    name: str = "",
    person_slug: str | None = None,
    now: dt.datetime,
) -> User:
    email = normalise_email(email)
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", f"at least {MIN_PASSWORD} characters")
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise InvalidInput("email", f"a user {email} exists already")
    person = None
    if person_slug:
        person = session.scalar(select(Person).where(Person.slug == person_slug))
        if person is None:
            raise InvalidInput("person", no_person(person_slug))
    elif role == Role.EDITOR:
        raise InvalidInput("person", NEEDS_PERSON)
    user = User(
        email=email,
        name=name,
        password_hash=hash_password(password),
        role=role,
        person=person,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.email)))


def reset_password(session: Session, email: str, password: str) -> User:
    """A new password for the account at ``email``; its sessions end (a new session token)."""
    address = normalise_email(email)
    user = session.scalar(select(User).where(User.email == address))
    if user is None:
        raise InvalidInput("email", f"no user {address}")
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", f"at least {MIN_PASSWORD} characters")
    user.password_hash = hash_password(password)
    user.session_token = secrets.token_urlsafe(32)
    session.flush()
    return user
