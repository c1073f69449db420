"""What a subscriber receives: digests, reminders and confirmations, built from the database.

Composition only: nothing here sends, claims or records (that is :mod:`newsfeed.jobs.sweep`).

A digest holds the items new or updated since the subscriber's last digest that their selection
matches, and the events of that selection coming up in the next ``upcoming_days`` (the rule of
:mod:`newsfeed.domain.upcoming`); with neither, there is nothing to send. A reminder is about one event,
at one of the subscriber's lead times before it starts.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from newsfeed.adapters.models import Delivery, Item, Milestone, Subscriber, User
from newsfeed.adapters.queries import described, narrow, published_at, visible_condition
from newsfeed.config import Config, secret_key
from newsfeed.domain.addresses import InvalidAddress, check_address
from newsfeed.domain.lru import LRU
from newsfeed.domain.periods import next_period, period_due, period_label
from newsfeed.domain.scholarly.model import restored
from newsfeed.domain.text import after_title
from newsfeed.domain.upcoming import event_grains, span
from newsfeed.domain.urls import Urls
from newsfeed.domain.vocab import Cadence, DeliveryKind, DeliveryStatus, SubscriberStatus
from newsfeed.render.messages import (
    Digest,
    DigestItem,
    Email,
    Envelope,
    ProposedNews,
    Recipient,
    Reminder,
    Site,
    UpcomingEvent,
    compose_confirmation,
    compose_digest,
    compose_proposals,
    compose_reminder,
)
from newsfeed.render.safe_html import summary

from .events import Event, events
from .scholarly import noticed
from .subscriptions import confirm_token


def digest_cache(size: int = 256) -> LRU[tuple[object, ...], Digest]:
    """Digests built in one sweep, shared by subscribers with the same selection and starting
    point; bounded so that a list of all-different subscribers cannot grow it without end."""
    return LRU(size)


_SITES: LRU[int, tuple[Config, Site]] = LRU(16)


def site_of(config: Config) -> Site:
    """The site as emails name it (built once per configuration: a sweep asks for every message;
    keyed by identity, as hashing a whole configuration would cost more than building this)."""
    known = _SITES.get(id(config))
    if known is not None and known[0] is config:
        return known[1]
    site = Site(
        title=config.site.title,
        base_url=config.site.base_url.rstrip("/"),
        host=config.host,
        sender=config.mail.sender,
    )
    _SITES.put(id(config), (config, site))
    return site


class Undeliverable(Exception):
    """This subscriber's address cannot be sent to; the message says why."""


def envelope_address(subscriber: Subscriber) -> str:
    """The address as the mail server must get it: ASCII when there is an ASCII form (the domain
    in punycode), otherwise as it is (then only a server with SMTPUTF8 takes it)."""
    if subscriber.address_problem:
        raise Undeliverable(subscriber.address_problem)
    return _ascii_form(subscriber.email)


def _ascii_form(email: str) -> str:
    if email.isascii():
        return email  # checked and normalised when it was stored (or flagged since)
    try:
        address = check_address(email)
    except InvalidAddress as exc:
        raise Undeliverable(str(exc)) from None
    return address.ascii or address.normalized


def recipient(subscriber: Subscriber, config: Config) -> Recipient:
    urls = config.urls
    return Recipient(
        email=envelope_address(subscriber),
        timezone=subscriber.timezone,
        unsubscribe_url=urls.unsubscribe(subscriber.token),
        unsubscribe_mailto=urls.unsubscribe_mailto(config.mail.sender, subscriber.token),
        preferences_url=urls.preferences(subscriber.token),
    )


def hidden_recipient(subscriber: Subscriber, config: Config) -> Recipient:
    """The recipient with their own links (which carry their token) hidden: for admin pages."""
    hidden = f"{config.site.base_url.rstrip('/')}/(this subscriber's own link)"
    return Recipient(
        email=subscriber.email,
        timezone=subscriber.timezone,
        unsubscribe_url=hidden,
        unsubscribe_mailto=f"mailto:{config.mail.sender}",
        preferences_url=hidden,
    )


def _event(event: Event, urls: Urls) -> UpcomingEvent:
    m, item = event.milestone, event.item
    return UpcomingEvent(m.label, item.title, urls.item(item.id), m.date, m.location)


def since_of(subscriber: Subscriber) -> dt.datetime:
    return subscriber.last_digest_at or subscriber.confirmed_at or subscriber.created_at


EXCERPT = 300  # characters of an item's text in a digest (the item page has it whole)


def build_digest(
    session: Session, subscriber: Subscriber, *, now: dt.datetime, config: Config, label: str
) -> Digest:
    """What is new or updated since the subscriber's last digest, and what is coming up: at most
    ``[digests] max_items`` of each, newest first, each item as an excerpt; beyond that a count
    and a link to the list of them all, so that a digest stays a readable email however much
    arrived (a 20,000-item sync must not make a 12 MB message)."""
    since = since_of(subscriber)
    selection = subscriber.selection
    most = config.digests.max_items
    query = narrow(
        select(Item)
        .where(visible_condition(now))
        .where(or_(Item.published_at > since, Item.updated_at > since, Item.publish_at > since))
        .options(selectinload(Item.person), selectinload(Item.tags))
        .order_by(Item.posted_start.desc(), Item.id.desc()),
        selection,
    )
    urls = config.urls
    items = []
    found = list(session.scalars(query.limit(most)))
    more = 0
    if len(found) == most:
        total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
        more = int(total) - most
    for item in found:
        published = published_at(item)
        items.append(
            DigestItem(
                title=item.title,
                url=urls.item(item.id),
                kind=item.kind.value,
                posted=item.posted.shown(),
                body=summary(after_title(item.body or "", item.title), EXCERPT),
                updated=published <= since,
            )
        )
    coming = events(
        session,
        selection,
        now=now,
        site_zone=config.site.timezone,
        grains=event_grains(config.site.month_events),
        until=now + dt.timedelta(days=config.digests.upcoming_days),
    )
    return Digest(
        period_label=label,
        items=tuple(items),
        upcoming=tuple(_event(e, urls) for e in coming[:most]),
        more_items=more,
        more_upcoming=max(0, len(coming) - most),
        items_url=urls.home(selection),
        upcoming_url=urls.upcoming(selection),
    )


# ---------------------------------------------------------------------------------------------
# reminders


def reminder_events(session: Session, *, now: dt.datetime, config: Config, days: int = 366) -> list[Event]:
    """Events that can still be reminded of: upcoming and not started, within ``days``."""
    found = events(
        session,
        now=now,
        site_zone=config.site.timezone,
        grains=event_grains(config.site.month_events),
        until=now + dt.timedelta(days=days),
    )
    return [e for e in found if not e.span.started(now)]


def reminder_key(item: Item, m: Milestone, starts: dt.datetime, lead: int) -> str:
    """Keyed by the item, the milestone's label and its start: moving a milestone makes new keys."""
    return f"{item.public_id}|{m.label[:60]}|{starts.strftime('%Y-%m-%dT%H:%MZ')}|{lead}d"


def _reminder(
    session: Session, delivery: Delivery, subscriber: Subscriber, *, now: dt.datetime, config: Config
) -> Reminder | None:
    """The reminder a delivery row stands for, if it is still true now (the milestone is still
    there, at the same start, upcoming, visible and followed)."""
    m = session.get(Milestone, delivery.milestone_id) if delivery.milestone_id else None
    if m is None or not delivery.reminder_key:
        return None  # the milestone was edited away (or moved: its new date has its own key)
    item = m.item
    visible = session.scalar(select(Item.id).where(Item.id == item.id, visible_condition(now)))
    when = span(m.date, config.site.timezone, event_grains(config.site.month_events))
    lead = int(delivery.reminder_key.rsplit("|", 1)[1].rstrip("d"))
    if visible is None or when is None or when.started(now) or not subscriber.selection.matches(item):
        return None
    if reminder_key(item, m, when.starts, lead) != delivery.reminder_key:
        return None
    event = UpcomingEvent(m.label, item.title, config.urls.item(item.id), m.date, m.location)
    return Reminder(days=when.days_until(now), event=event)


def _reminder_message(
    session: Session,
    delivery: Delivery,
    subscriber: Subscriber,
    *,
    now: dt.datetime,
    config: Config,
    site: Site,
    to: Recipient,
    envelope: Envelope,
) -> Email | None:
    """The reminder email of a delivery and of the reminders it carries (those planned for the
    same subscriber at the same time), soonest first, at most ``[digests] max_reminders``."""
    rows = [delivery, *session.scalars(select(Delivery).where(Delivery.carrier_id == delivery.id))]
    found = [r for r in (_reminder(session, row, subscriber, now=now, config=config) for row in rows) if r]
    if not found:
        return None
    found.sort(key=lambda r: (r.days, r.event.when.start, r.event.title))
    most = config.digests.max_reminders
    return compose_reminder(
        found[:most],
        site=site,
        to=to,
        envelope=envelope,
        more=max(0, len(found) - most),
        more_url=config.urls.upcoming(subscriber.selection),
    )


# ---------------------------------------------------------------------------------------------
# one delivery's message


def build_message(
    session: Session,
    delivery: Delivery,
    *,
    now: dt.datetime,
    config: Config,
    digests: LRU[tuple[object, ...], Digest] | None = None,
) -> Email | None:
    """The message a delivery sends now, or None when there is nothing to send any more."""
    site = site_of(config)
    envelope = Envelope(delivery_id=delivery.id, kind=delivery.kind.value, now=now)
    if delivery.kind == DeliveryKind.TEST:
        return _test_message(session, delivery, config=config, site=site, envelope=envelope)
    if delivery.kind == DeliveryKind.PROPOSALS:
        return _proposals_message(session, delivery, config=config, site=site, envelope=envelope)
    subscriber = delivery.subscriber
    if subscriber is None:
        return None
    to = recipient(subscriber, config)
    if delivery.kind == DeliveryKind.CONFIRMATION:
        if subscriber.status in (SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCED):
            return None
        url = config.urls.confirm(confirm_token(secret_key(config), subscriber, now))
        already = subscriber.status == SubscriberStatus.CONFIRMED
        return compose_confirmation(confirm_url=url, already=already, site=site, to=to, envelope=envelope)
    if subscriber.status != SubscriberStatus.CONFIRMED:
        return None
    if delivery.kind == DeliveryKind.DIGEST:
        assert delivery.cadence is not None
        assert delivery.period is not None
        label = period_label(delivery.cadence, delivery.period)
        key = (subscriber.selection, since_of(subscriber), label)
        digest = digests.get(key) if digests is not None else None
        if digest is None:
            digest = build_digest(session, subscriber, now=now, config=config, label=label)
            if digests is not None:
                digests.put(key, digest)
        return None if digest.empty else compose_digest(digest, site=site, to=to, envelope=envelope)
    if delivery.kind == DeliveryKind.REMINDER:
        return _reminder_message(
            session, delivery, subscriber, now=now, config=config, site=site, to=to, envelope=envelope
        )
    return None


TEST_DAYS = 30


def test_probe(email: str, *, zone: str, since: dt.datetime) -> Subscriber:
    """An all-news weekly subscriber in the site's zone whose last digest was at ``since``: what
    a test digest is built for (never stored)."""
    return Subscriber(
        email=email,
        timezone=zone,
        cadence=Cadence.WEEKLY,
        kinds=[],
        tags=[],
        people=[],
        lead_days=[],
        token="test",  # noqa: S106 (a throwaway value, not a secret)
        status=SubscriberStatus.CONFIRMED,
        last_digest_at=since,
        created_at=since,
    )


def queue_test_digest(session: Session, user: User, *, now: dt.datetime) -> Delivery:
    """A digest of the last :data:`TEST_DAYS` days to an account's own address, sent by the next
    sweep (never from inside a web request)."""
    delivery = Delivery(
        user_id=user.id,
        kind=DeliveryKind.TEST,
        due_at=now,
        status=DeliveryStatus.PENDING,
        attempts=0,
        created_at=now,
    )
    session.add(delivery)
    session.flush()
    return delivery


def _test_message(
    session: Session, delivery: Delivery, *, config: Config, site: Site, envelope: Envelope
) -> Email | None:
    user = delivery.user
    if user is None or not user.active:
        return None
    since = delivery.created_at - dt.timedelta(days=TEST_DAYS)
    probe = test_probe(user.email, zone=config.site.timezone, since=since)
    digest = build_digest(session, probe, now=delivery.created_at, config=config, label="test digest")
    if digest.empty:
        return None
    return compose_digest(digest, site=site, to=recipient(probe, config), envelope=envelope)


def account_recipient(user: User, config: Config) -> Recipient:
    """An account as the recipient of its own messages (no list links: it is not a subscriber)."""
    return Recipient(
        _ascii_form(user.email),
        config.site.timezone,
        unsubscribe_url="",
        unsubscribe_mailto="",
        preferences_url="",
    )


def _proposals_message(
    session: Session, delivery: Delivery, *, config: Config, site: Site, envelope: Envelope
) -> Email | None:
    """The account's proposals email, or None when everything it would list was decided since."""
    found = noticed(session, delivery)
    if not found or delivery.user is None:
        return None
    urls = config.urls
    proposed = [
        ProposedNews(
            title=p.title,
            event=p.event,
            person=p.person.name if p.person is not None else "(no person)",
            posted=posted.display() if (posted := restored(p.posted)) is not None else "",
            link=p.link,
            decide_url=urls.proposals(p.id),
        )
        for p in found
    ]
    to = account_recipient(delivery.user, config)
    return compose_proposals(proposed, page_url=urls.proposals(), site=site, to=to, envelope=envelope)


def next_digest_period(
    session: Session, subscriber: Subscriber, *, now: dt.datetime, config: Config
) -> tuple[str, dt.datetime]:
    """The period of the digest the sweep sends this subscriber next, as the planner decides it:
    the latest period due by ``now`` unless it was already planned and handled (sent, skipped,
    failed) or began before the subscriber confirmed; otherwise the next period to fall due."""
    cadence, zone, hour = subscriber.cadence, subscriber.timezone, config.digests.send_hour
    key, due = period_due(cadence, now, zone, hour)
    handled = session.scalar(
        select(Delivery.status).where(
            Delivery.subscriber_id == subscriber.id,
            Delivery.kind == DeliveryKind.DIGEST,
            Delivery.period == key,
        )
    )
    too_early = subscriber.confirmed_at is None or due < subscriber.confirmed_at
    if too_early or (handled is not None and handled != DeliveryStatus.PENDING):
        key, due = next_period(cadence, now, zone, hour)
    return key, due


def preview(
    session: Session, subscriber: Subscriber, *, now: dt.datetime, config: Config, hide_links: bool = False
) -> tuple[str, Email | None]:
    """What this subscriber would receive in their next digest, and why (nothing is recorded): the
    period the next sweep sends (see :func:`next_digest_period`), with what is new so far.
    ``hide_links``: without the subscriber's own links (their tokens), for the admin pages."""
    key, due = next_digest_period(session, subscriber, now=now, config=config)
    digest = build_digest(
        session, subscriber, now=now, config=config, label=period_label(subscriber.cadence, key)
    )
    since = since_of(subscriber)
    selection = subscriber.selection
    when = "due now" if due <= now else "due"
    why = (
        f"{subscriber.email}: {subscriber.status.value}, {subscriber.cadence.value} digest, "
        f"period {key} {when} {due:%Y-%m-%d %H:%M} UTC; {len(digest.items)} item(s) new or updated since "
        f"{since:%Y-%m-%d %H:%M} UTC matching {described(session, selection) or 'everything'}; "
        f"{len(digest.upcoming)} upcoming in {config.digests.upcoming_days} days"
    )
    if digest.empty:
        return why + "; nothing to send", None
    envelope = Envelope(delivery_id=0, kind="preview", now=now)
    to = hidden_recipient(subscriber, config) if hide_links else recipient(subscriber, config)
    return why, compose_digest(digest, site=site_of(config), to=to, envelope=envelope)
