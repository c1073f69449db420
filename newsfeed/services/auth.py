"""Signing in: password checks, rate limits counted in the database, session tokens."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..models import LoginAttempt, User
from .users import hash_password, verify_password

# Checked against when the account does not exist, so that timing does not reveal which exist.
_DUMMY_HASH = hash_password("not a password of anyone's")


class LockedOut(Exception):
    """Too many failed sign-ins for this account or address; the message says for how long."""


def _failures(session: Session, column: InstrumentedAttribute[str], value: str, since: dt.datetime) -> int:
    last_success = session.scalar(
        select(func.max(LoginAttempt.at)).where(column == value, LoginAttempt.success.is_(True))
    )
    if last_success is not None and last_success.tzinfo is None:
        last_success = last_success.replace(tzinfo=dt.UTC)
    start = max(since, last_success) if last_success is not None else since
    count = session.scalar(
        select(func.count(LoginAttempt.id)).where(
            column == value,
            LoginAttempt.success.is_(False),
            LoginAttempt.at > start,
        )
    )
    return int(count or 0)


def authenticate(
    session: Session,
    email: str,
    password: str,
    *,
    address: str,
    now: dt.datetime,
    max_failures: int,
    lockout: dt.timedelta,
) -> User | None:
    """The user for these credentials, or None. Every attempt is recorded; LockedOut when the
    account or the address has failed ``max_failures`` times within ``lockout``."""
    account = email.strip().lower()[:320]
    address = address[:64]
    since = now - lockout
    if (
        _failures(session, LoginAttempt.account, account, since) >= max_failures
        or _failures(session, LoginAttempt.address, address, since) >= max_failures
    ):
        raise LockedOut(
            f"too many failed sign-ins: try again in {int(lockout.total_seconds() // 60)} minutes"
        )
    user = session.scalar(select(User).where(User.email == account))
    if user is None or not user.active:
        verify_password(User(password_hash=_DUMMY_HASH), password)
        ok = False
    else:
        ok = verify_password(user, password)
    session.add(LoginAttempt(account=account, address=address, at=now, success=ok))
    if not ok:
        session.flush()
        return None
    assert user is not None
    user.session_token = secrets.token_urlsafe(32)  # a new session: old cookies stop working
    user.last_login_at = now
    session.flush()
    return user


def sign_out(user: User) -> None:
    """End every session of this user, server-side: their cookies no longer match."""
    user.session_token = secrets.token_urlsafe(32)
