"""Signing in: attempts counted in the database before any password is checked, session tokens.

**Order.** An attempt is judged and recorded (as a failure, until its password proves right) in
one transaction that the database serialises per client address (an advisory lock on
PostgreSQL; SQLite's single writer), and committed *before* the password is checked: so N
attempts arriving at the same moment evaluate at most the limit's worth of passwords, whichever
worker they reach. A refused attempt is not recorded (it checks nothing).

**Who is slowed down.** Failures count per (account, client address): after ``max_failures`` of
them, that address must wait ``lockout`` before trying that account again, twice as long after
each further failure (at most a day). Someone guessing from one address therefore cannot lock the
account's owner out from theirs. An address that fails against many accounts (``address_limit``
failures, whatever the account) waits likewise, and so does everyone trying an account that failed
``account_limit`` times from anywhere (a guess spread over many addresses). An IPv6 client counts
as its /64 network. A right password clears the count for its pair.

**Memory.** Each scrypt check takes about 134 MB; at most ``concurrent`` run at once per process
(others wait a few seconds, then get "busy, try again").
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import secrets
import threading
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from newsfeed.adapters.models import LoginAttempt, User

from . import users
from .users import hash_password, verify_password

MAX_WAIT = dt.timedelta(days=1)
WINDOW = dt.timedelta(days=1)


def client_network(address: str) -> str:
    """What the limits count as one client: an IPv4 address, an IPv6 /64 network."""
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


class LockedOut(Exception):
    """Too many failed sign-ins for this account from this address (or from this address at all);
    the message says for how long."""


class Busy(Exception):
    """Too many passwords are being checked right now; try again in a moment."""


@dataclass(frozen=True)
class Attempt:
    id: int
    account: str
    address: str


def start(
    session: Session,
    email: str,
    *,
    address: str,
    now: dt.datetime,
    max_failures: int,
    lockout: dt.timedelta,
    address_limit: int,
    account_limit: int = 100,
) -> Attempt:
    """Record an attempt (the caller commits at once), or LockedOut when the attempts recorded
    before it say this one must wait (the caller rolls back). Nothing is checked yet.

    Three ceilings: failures for this account from this client, from this client whatever the
    account, and for this account from anywhere (``account_limit``, high: a guess spread over
    many addresses is slowed, its owner is held up only by such an attack). An IPv6 client counts
    as its /64 network (one machine has a whole /64 to rotate through)."""
    account = email.strip().lower()[:320]
    address = client_network(address)[:64]
    if session.get_bind().dialect.name == "postgresql":
        # One at a time per client address, until this transaction ends (the commit right after).
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"newsfeed-login:{address}"))))
    attempt = LoginAttempt(account=account, address=address, at=now, success=False)
    session.add(attempt)
    session.flush()  # on SQLite, the write lock: one at a time
    pair = (LoginAttempt.account == account) & (LoginAttempt.address == address)
    wait = _wait(session, pair, attempt.id, now=now, limit=max_failures, lockout=lockout)
    wait = max(
        wait,
        _wait(
            session,
            LoginAttempt.address == address,
            attempt.id,
            now=now,
            limit=address_limit,
            lockout=lockout,
        ),
    )
    wait = max(
        wait,
        _wait(
            session,
            LoginAttempt.account == account,
            attempt.id,
            now=now,
            limit=account_limit,
            lockout=lockout,
        ),
    )
    if wait > dt.timedelta(0):
        minutes = max(1, int(wait.total_seconds() + 59) // 60)
        raise LockedOut(
            f"too many failed sign-ins: try again in {minutes} minute{'s' if minutes > 1 else ''}"
        )
    return Attempt(attempt.id, account, address)


def _wait(
    session: Session,
    scope: ColumnElement[bool],
    attempt_id: int,
    *,
    now: dt.datetime,
    limit: int,
    lockout: dt.timedelta,
) -> dt.timedelta:
    """How long this attempt must wait, judged by the failures recorded before it in ``scope``."""
    since = now - WINDOW
    last_success = session.scalar(
        select(func.max(LoginAttempt.id)).where(
            scope, LoginAttempt.success.is_(True), LoginAttempt.id < attempt_id
        )
    )
    earlier = (
        select(LoginAttempt.at)
        .where(
            scope,
            LoginAttempt.success.is_(False),
            LoginAttempt.id < attempt_id,
            LoginAttempt.at > since,
            LoginAttempt.id > (last_success or 0),
        )
        .subquery()
    )
    failures, latest = session.execute(select(func.count(), func.max(earlier.c.at))).one()
    if failures < limit:
        return dt.timedelta(0)
    latest = latest or now
    if isinstance(latest, str):  # SQLite gives an aggregate of a datetime column back as text
        latest = dt.datetime.fromisoformat(latest)
    if latest.tzinfo is None:
        latest = latest.replace(tzinfo=dt.UTC)
    required = min(MAX_WAIT, lockout * 2 ** min(failures - limit, 16))
    remaining: dt.timedelta = latest + required - now
    return max(dt.timedelta(0), remaining)


class Hashing:
    """At most ``concurrent`` password checks at once in this process."""

    def __init__(self, concurrent: int, wait: float = 5.0) -> None:
        self.slots = threading.BoundedSemaphore(concurrent)
        self.wait = wait

    def check(self, user: User | None, password: str) -> bool:
        if not self.slots.acquire(timeout=self.wait):
            raise Busy("many sign-ins at once: try again in a moment")
        try:
            if user is None or not user.active:
                verify_password(User(password_hash=_dummy_hash()), password)  # the same time either way
                return False
            return verify_password(user, password)
        finally:
            self.slots.release()


_DUMMY: dict[str, str] = {}


def _dummy_hash() -> str:
    """Checked against when the account does not exist, so that timing does not reveal which exist.
    Made once per hash method (``users.PASSWORD_METHOD``), so that it costs what a stored hash of
    that method costs."""
    method = users.PASSWORD_METHOD
    if method not in _DUMMY:
        _DUMMY[method] = hash_password("not a password of anyone's")
    return _DUMMY[method]


def finish(
    session: Session, attempt: Attempt, password: str, hashing: Hashing, *, now: dt.datetime
) -> User | None:
    """Check the password of a recorded attempt; the user when it is right (their session token
    rotated: a new session), None when not."""
    user = session.scalar(select(User).where(User.email == attempt.account))
    if not hashing.check(user, password):
        return None
    assert user is not None
    session.execute(
        update(LoginAttempt)
        .where(LoginAttempt.id == attempt.id)
        .values(success=True)
        .execution_options(synchronize_session=False)
    )
    user.session_token = secrets.token_urlsafe(32)  # a new session: old cookies stop working
    user.last_login_at = now
    session.flush()
    return user


def sign_out(user: User) -> None:
    """End every session of this user, server-side: their cookies no longer match."""
    user.session_token = secrets.token_urlsafe(32)
