"""Email composition: values in, an EmailMessage out (pure: no Flask, no database, no clock).

Every message carries Date, a deterministic Message-ID derived from its delivery, List-Id,
List-Unsubscribe (https and mailto) with List-Unsubscribe-Post (RFC 8058 one-click), and a link to
change preferences. Digests and reminders are multipart: plain text and HTML from templates.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .dates import FuzzyDate, tzinfo_for
from .render import markdown_html, summary

TEMPLATES = Path(__file__).parent / "templates" / "email"


@dataclass(frozen=True)
class Site:
    title: str
    base_url: str
    host: str
    sender: str


@dataclass(frozen=True)
class Recipient:
    email: str
    timezone: str
    unsubscribe_url: str
    unsubscribe_mailto: str
    preferences_url: str


@dataclass(frozen=True)
class DigestItem:
    title: str
    url: str
    kind: str
    posted: str
    body: str  # Markdown source
    updated: bool = False  # an edit of an item sent before, not a new one


@dataclass(frozen=True)
class UpcomingEvent:
    label: str
    title: str
    url: str
    when: FuzzyDate
    location: str | None = None


@dataclass(frozen=True)
class Digest:
    period_label: str  # "week 5, 2025"
    items: tuple[DigestItem, ...] = ()
    upcoming: tuple[UpcomingEvent, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.items and not self.upcoming


@dataclass(frozen=True)
class Reminder:
    days: int
    event: UpcomingEvent


@dataclass(frozen=True)
class Envelope:
    """What identifies a message: the delivery it belongs to and when it was built."""

    delivery_id: int
    kind: str
    now: dt.datetime
    extra_headers: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = lambda source: markdown_html(source)
    env.filters["summary"] = lambda source: summary(source, 400)
    return env


def in_zone(when: FuzzyDate, zone: str) -> str:
    """ "1 Feb 2025, 23:59 AoE — 2 Feb, 20:59 JST": the source zone, then the reader's."""
    shown = when.display()
    if when.instant is None or when.tz == zone:
        return shown
    try:
        local = when.instant.astimezone(tzinfo_for(zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return shown
    abbreviation = local.strftime("%Z") or zone
    if abbreviation.startswith(("+", "-")):
        abbreviation = f"UTC{abbreviation}"
    return f"{shown} — {local.day} {local.strftime('%b')}, {local.strftime('%H:%M')} {abbreviation}"


def message_id(envelope: Envelope, site: Site) -> str:
    return f"<{envelope.kind}.{envelope.delivery_id}@{site.host}>"


def _headers(msg: EmailMessage, subject: str, site: Site, to: Recipient, envelope: Envelope) -> None:
    msg["Subject"] = subject
    msg["From"] = f"{site.title} <{site.sender}>"
    msg["To"] = to.email
    msg["Date"] = format_datetime(envelope.now.astimezone(dt.UTC))
    msg["Message-ID"] = message_id(envelope, site)
    msg["List-Id"] = f"{site.title} <news.{site.host}>"
    msg["List-Unsubscribe"] = f"<{to.unsubscribe_url}>, <{to.unsubscribe_mailto}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["X-Newsfeed-Delivery"] = str(envelope.delivery_id)
    for name, value in envelope.extra_headers.items():
        msg[name] = value


def _multipart(
    template: str, subject: str, site: Site, to: Recipient, envelope: Envelope, **ctx: object
) -> EmailMessage:
    env = _env()
    context = {"site": site, "to": to, "subject": subject, "in_zone": in_zone, **ctx}
    msg = EmailMessage()
    _headers(msg, subject, site, to, envelope)
    msg.set_content(env.get_template(f"{template}.txt").render(context))
    msg.add_alternative(env.get_template(f"{template}.html").render(context), subtype="html")
    return msg


def compose_digest(digest: Digest, *, site: Site, to: Recipient, envelope: Envelope) -> EmailMessage:
    count = len(digest.items)
    parts = []
    if count:
        parts.append(f"{count} new" if count != 1 else "1 new item")
    if digest.upcoming:
        parts.append(f"{len(digest.upcoming)} upcoming")
    subject = f"{site.title}: {', '.join(parts)} ({digest.period_label})"
    return _multipart("digest", subject, site, to, envelope, digest=digest)


def compose_reminder(reminder: Reminder, *, site: Site, to: Recipient, envelope: Envelope) -> EmailMessage:
    days = (
        "today" if reminder.days == 0 else ("in 1 day" if reminder.days == 1 else f"in {reminder.days} days")
    )
    subject = f"Reminder: {reminder.event.label} {days} — {reminder.event.title}"
    return _multipart("reminder", subject, site, to, envelope, reminder=reminder, days=days)


def compose_confirmation(
    *, confirm_url: str, already: bool, site: Site, to: Recipient, envelope: Envelope
) -> EmailMessage:
    subject = (
        f"Your subscription to {site.title}" if already else f"Confirm your subscription to {site.title}"
    )
    return _multipart("confirm", subject, site, to, envelope, confirm_url=confirm_url, already=already)
