"""Subscribing: double opt-in, preferences, unsubscribing; operators' lists by CLI or CSV.

The public answer is the same whether or not an address is known. Subscribing again never turns a
confirmed subscriber back into an unconfirmed one: they get an email with their preferences link
instead. Emails are queued in the outbox (the scheduler sends them within a minute), never sent
inside a web request; an address gets at most ``confirmations_per_day`` of them.

Confirmation links are signed, expire, and carry no secret: only the subscriber's id, the epoch
the link was issued in and its issue time. An unsubscribe bumps the epoch, so a link issued before
it (a link scanner fetching an old email, a stale tab) cannot subscribe the address again.
Preference and unsubscribe links carry the subscriber's own random token.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.db import insert_ignore
from newsfeed.adapters.models import Delivery, Subscriber
from newsfeed.adapters.queries import known_selection
from newsfeed.domain.dates import UnknownZone, zone_of
from newsfeed.domain.errors import InvalidInput, NotFound
from newsfeed.domain.selection import EVERYTHING, FORM_FIELDS, Selection
from newsfeed.domain.vocab import Cadence, DeliveryKind, DeliveryStatus, SubscriberStatus

from .users import normalise_email

MAX_LEADS = 6
CADENCES = tuple(c.value for c in Cadence)


@dataclass(frozen=True)
class Preferences:
    cadence: str = "weekly"
    selection: Selection = EVERYTHING
    timezone: str = "UTC"
    lead_days: tuple[int, ...] = (14, 3, 1)


def read_preferences(
    session: Session,
    *,
    cadence: str = "weekly",
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
    people: Sequence[str] = (),
    timezone: str = "UTC",
    lead_days: str = "14,3,1",
) -> Preferences:
    """Preferences from what a form, a CSV row or the CLI gave: every problem is reported at once."""
    problems: list[tuple[str, str]] = []
    if cadence not in CADENCES:
        problems.append(("cadence", f"{cadence[:40]!r} is not daily, weekly or monthly"))
    selection = EVERYTHING
    try:
        selection = known_selection(session, kinds, tags, people, fields=FORM_FIELDS)
    except InvalidInput as exc:
        problems += exc.problems
    if not _is_zone(timezone):
        problems.append(("timezone", f"{timezone[:60]!r} is not a time zone such as Europe/Vienna"))
    leads: tuple[int, ...] = ()
    try:
        leads = parse_leads(lead_days)
    except InvalidInput as exc:
        problems += exc.problems
    if problems:
        raise InvalidInput.many(problems)
    return Preferences(cadence, selection, timezone, leads)


def _is_zone(name: str) -> bool:
    """A subscriber's zone: an IANA name ("Europe/Berlin", "UTC"), whose local hour their
    digests are sent at (not a fixed offset or AoE, which are for dates)."""
    try:
        zone = zone_of(name)
    except UnknownZone:
        return False
    return name == "UTC" or isinstance(zone, zoneinfo.ZoneInfo)


def parse_leads(raw: str) -> tuple[int, ...]:
    """ "14,3,1" -> (14, 3, 1); an empty text means no reminders."""
    values = []
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not (part.isascii() and part.isdigit() and len(part) <= 3 and int(part) <= 365):
            raise InvalidInput("lead_days", f"{part[:20]!r} is not a number of days from 0 to 365")
        values.append(int(part))
    if len(values) > MAX_LEADS:
        raise InvalidInput("lead_days", f"at most {MAX_LEADS} reminders per event")
    return tuple(sorted(set(values), reverse=True))


def _apply(subscriber: Subscriber, prefs: Preferences) -> None:
    subscriber.cadence = Cadence(prefs.cadence)
    subscriber.selection = prefs.selection
    subscriber.timezone = prefs.timezone
    subscriber.lead_days = list(prefs.lead_days)


def confirmation_delivery(
    session: Session, subscriber: Subscriber, now: dt.datetime, *, per_day: int = 3
) -> Delivery | None:
    """A confirmation (or "already subscribed") email in the outbox, due now. Keyed so that a
    burst of requests within the same minute queues one message, and at most ``per_day`` a day
    (None: none queued; the caller answers the same either way)."""
    key = f"confirm|{now.strftime('%Y-%m-%dT%H:%M')}"
    existing = session.scalar(
        select(Delivery).where(Delivery.subscriber_id == subscriber.id, Delivery.reminder_key == key)
    )
    if existing is not None:
        return existing
    recent = session.scalar(
        select(func.count(Delivery.id)).where(
            Delivery.subscriber_id == subscriber.id,
            Delivery.kind == DeliveryKind.CONFIRMATION,
            Delivery.created_at > now - dt.timedelta(days=1),
        )
    )
    if (recent or 0) >= per_day:
        return None
    delivery = Delivery(
        subscriber_id=subscriber.id,
        kind=DeliveryKind.CONFIRMATION,
        reminder_key=key,
        due_at=now,
        status=DeliveryStatus.PENDING,
        created_at=now,
    )
    session.add(delivery)
    session.flush()
    return delivery


def _insert_or_get(session: Session, address: str, now: dt.datetime) -> tuple[Subscriber, bool]:
    """The subscriber of ``address``, made pending if there was none (and whether it was made).
    An insert-or-get on the unique address: the same address entered twelve times at once makes
    one subscriber, and every request goes on as if it had come second."""
    subscriber = session.scalar(select(Subscriber).where(Subscriber.email == address))
    if subscriber is not None:
        return subscriber, False
    made = insert_ignore(
        session,
        Subscriber.__table__,
        [{"email": address, "status": SubscriberStatus.PENDING, "created_at": now}],
        index_elements=["email"],
        returning=Subscriber.__table__.c.id,
    )
    subscriber = session.scalar(select(Subscriber).where(Subscriber.email == address))
    assert subscriber is not None
    return subscriber, bool(made)


def subscribe(
    session: Session, email: str, prefs: Preferences, *, now: dt.datetime, per_day: int = 3
) -> Delivery | None:
    """Ask to subscribe; returns the queued email (None when this address had its share today).
    The caller shows the same page either way."""
    address = normalise_email(email)
    subscriber, new = _insert_or_get(session, address, now)
    if new:
        _apply(subscriber, prefs)
        session.flush()
    elif subscriber.status != SubscriberStatus.CONFIRMED:
        # pending, unsubscribed or bounced: a fresh opt-in with what they chose now
        subscriber.status = SubscriberStatus.PENDING
        _apply(subscriber, prefs)
    # confirmed: nothing changes here; they get their preferences link by email
    return confirmation_delivery(session, subscriber, now, per_day=per_day)


def add_confirmed(
    session: Session, email: str, prefs: Preferences, *, now: dt.datetime, confirmed: bool
) -> Subscriber:
    """An operator adds an address (already consented elsewhere when ``confirmed``)."""
    address = normalise_email(email)
    subscriber, _new = _insert_or_get(session, address, now)
    _apply(subscriber, prefs)
    if confirmed and subscriber.status != SubscriberStatus.CONFIRMED:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.bounce_count = 0
    session.flush()
    if not confirmed and subscriber.status == SubscriberStatus.PENDING:
        confirmation_delivery(session, subscriber, now)
    return subscriber


@dataclass
class CsvReport:
    added: int = 0
    errors: list[str] = field(default_factory=list)


CSV_COLUMNS = ("email", "cadence", "kinds", "tags", "people", "timezone", "lead_days", "confirmed")


def import_csv(session: Session, text: str, *, now: dt.datetime) -> CsvReport:
    """Subscribers from CSV (header: the CSV_COLUMNS, lists separated by ';' or ' '). Every bad row
    is reported with its line; if there is any, nothing is written (the caller rolls back)."""
    report = CsvReport()
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "email" not in reader.fieldnames:
        raise InvalidInput("file", "the first line must name the columns, starting with 'email'")
    unknown = set(reader.fieldnames) - set(CSV_COLUMNS)
    if unknown:
        raise InvalidInput("file", f"unknown column(s): {', '.join(sorted(unknown))}")
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num

        def items(name: str, row: dict[str, str] = row) -> tuple[str, ...]:
            return tuple(x for x in (row.get(name) or "").replace(";", " ").split() if x)

        try:
            prefs = read_preferences(
                session,
                cadence=(row.get("cadence") or "weekly").strip(),
                kinds=items("kinds"),
                tags=items("tags"),
                people=items("people"),
                timezone=(row.get("timezone") or "UTC").strip(),
                lead_days=(row.get("lead_days") or "14,3,1").replace(";", ","),
            )
            confirmed = (row.get("confirmed") or "").strip().lower() in ("1", "true", "yes", "y")
            address = normalise_email(row.get("email") or "")
            if address in seen:
                raise InvalidInput("email", f"{address} appears twice in the file")
            seen.add(address)
            add_confirmed(session, address, prefs, now=now, confirmed=confirmed)
            report.added += 1
        except InvalidInput as exc:
            report.errors.append(f"line {line}: {exc}")
    return report


# ---------------------------------------------------------------------------------------------
# links


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="newsfeed-confirm")


def confirm_token(secret: str, subscriber: Subscriber, now: dt.datetime) -> str:
    """A signed link payload with no secret in it: the subscriber's id, the epoch it belongs to and
    its issue time (from the injected clock, so that expiry can be tested by travelling in time)."""
    return _serializer(secret).dumps(
        {"id": subscriber.id, "e": subscriber.epoch, "iat": int(now.timestamp())}
    )


def confirmable(
    session: Session, secret: str, token: str, *, now: dt.datetime, max_age_hours: int
) -> Subscriber:
    """The subscriber a confirmation link is for, if the link is still good (nothing changes)."""
    if len(token) > 500:
        raise InvalidInput("token", "this confirmation link is not valid")
    try:
        data = _serializer(secret).loads(token)
    except BadSignature:
        raise InvalidInput("token", "this confirmation link is not valid") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in ("id", "e", "iat")):
        raise InvalidInput("token", "this confirmation link is not valid")
    if now.timestamp() - data["iat"] > max_age_hours * 3600:
        raise InvalidInput("token", "this confirmation link has expired: subscribe again for a new one")
    subscriber = session.get(Subscriber, data["id"]) if 0 < data["id"] < 2**31 else None
    if subscriber is None:
        raise InvalidInput("token", "this confirmation link is not valid")
    if subscriber.epoch != data["e"]:
        raise InvalidInput(
            "token", "this confirmation link was issued before an unsubscribe: subscribe again for a new one"
        )
    return subscriber


def confirm(session: Session, secret: str, token: str, *, now: dt.datetime, max_age_hours: int) -> Subscriber:
    """Confirm by a person's click (a POST): the link must still be good."""
    subscriber = confirmable(session, secret, token, now=now, max_age_hours=max_age_hours)
    if subscriber.status != SubscriberStatus.CONFIRMED:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.bounce_count = 0
    return subscriber


def by_token(session: Session, token: str) -> Subscriber:
    valid = 0 < len(token) < 100 and token.isascii() and token.replace("-", "").replace("_", "").isalnum()
    subscriber = session.scalar(select(Subscriber).where(Subscriber.token == token)) if valid else None
    if subscriber is None:
        raise NotFound("this link is not valid (any more)")
    return subscriber


def _plausible_token(token: str) -> bool:
    return 0 < len(token) < 100 and token.isascii() and token.replace("-", "").replace("_", "").isalnum()


def by_calendar_token(session: Session, token: str) -> Subscriber:
    """The confirmed subscriber whose personal calendar is at this token's address (a calendar
    of someone who left, or an address they replaced, is gone: NotFound)."""
    found = (
        session.scalar(select(Subscriber).where(Subscriber.calendar_token == token))
        if _plausible_token(token)
        else None
    )
    if found is None or found.status != SubscriberStatus.CONFIRMED:
        raise NotFound("no calendar at this address (any more)")
    return found


def new_calendar_address(session: Session, token: str) -> Subscriber:
    """A new secret for the subscriber's calendar address: the old address stops working at
    once (shared by mistake, or a calendar app to be cut off)."""
    subscriber = by_token(session, token)
    subscriber.calendar_token = secrets.token_urlsafe(24)
    session.flush()
    return subscriber


def unsubscribe(session: Session, token: str, *, now: dt.datetime) -> Subscriber:
    subscriber = by_token(session, token)
    if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = now
    subscriber.epoch += 1  # confirmation links issued before this one stop working
    # nothing still queued for them goes out
    for delivery in session.scalars(
        select(Delivery).where(
            Delivery.subscriber_id == subscriber.id, Delivery.status == DeliveryStatus.PENDING
        )
    ):
        delivery.status = DeliveryStatus.CANCELLED
        delivery.last_error = "unsubscribed"
    session.flush()
    return subscriber


def update_preferences(session: Session, token: str, prefs: Preferences) -> Subscriber:
    subscriber = by_token(session, token)
    _apply(subscriber, prefs)
    session.flush()
    return subscriber


def preferences_of(subscriber: Subscriber) -> Preferences:
    return Preferences(
        subscriber.cadence.value, subscriber.selection, subscriber.timezone, tuple(subscriber.lead_days)
    )


def remove(session: Session, subscriber_id: int) -> None:
    subscriber = session.get(Subscriber, subscriber_id)
    if subscriber is None:
        raise NotFound(f"no subscriber {subscriber_id}")
    session.delete(subscriber)
    session.flush()


def list_subscribers(session: Session) -> Sequence[Subscriber]:
    return session.scalars(
        select(Subscriber).order_by(Subscriber.created_at.desc(), Subscriber.id.desc())
    ).all()
