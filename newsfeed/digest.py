"""Email composition: values in, an EmailMessage out (pure: no Flask, no database, no clock).

Every message carries Date, a deterministic Message-ID derived from its delivery, List-Id,
List-Unsubscribe (https and mailto) with List-Unsubscribe-Post (RFC 8058 one-click), and a link to
change preferences. Digests and reminders are multipart: plain text and HTML from templates.
"""

from __future__ import annotations

import base64
import datetime as dt
import zoneinfo
from dataclasses import dataclass
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import format_datetime, formataddr
from functools import lru_cache
from html import escape
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


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = markdown_html
    env.filters["summary"] = _summary
    return env


@lru_cache(maxsize=4096)
def _summary(source: str) -> str:
    return summary(source, 400)


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


# Per-recipient values are rendered as markers and filled in per message: a digest shared by many
# subscribers (same filters, same zone) is rendered once, then only addressed.
_EMAIL, _UNSUBSCRIBE, _PREFERENCES = "\x00email\x00", "\x00unsubscribe\x00", "\x00preferences\x00"


@lru_cache(maxsize=256)
def _render(template: str, zone: str, site: Site, context: tuple[tuple[str, object], ...]) -> tuple[str, str]:
    env = _env()
    marker = Recipient(
        email=_EMAIL,
        timezone=zone,
        unsubscribe_url=_UNSUBSCRIBE,
        unsubscribe_mailto="",
        preferences_url=_PREFERENCES,
    )
    values = {"site": site, "to": marker, "in_zone": in_zone, **dict(context)}
    return env.get_template(f"{template}.txt").render(values), env.get_template(f"{template}.html").render(
        values
    )


def _address(text: str, to: Recipient, *, html: bool) -> str:
    quote = escape if html else str
    return (
        text.replace(_EMAIL, quote(to.email))
        .replace(_UNSUBSCRIBE, quote(to.unsubscribe_url))
        .replace(_PREFERENCES, quote(to.preferences_url))
    )


def _multipart(
    template: str, subject: str, site: Site, to: Recipient, envelope: Envelope, **ctx: object
) -> Message:
    text, html = _render(template, to.timezone, site, tuple(sorted({"subject": subject, **ctx}.items())))
    msg = MIMEMultipart("alternative")
    msg["Subject"] = Header(subject, "utf-8").encode() if not subject.isascii() else subject
    msg["From"] = formataddr((site.title, site.sender), charset="utf-8")
    msg["To"] = to.email
    msg["Date"] = format_datetime(envelope.now.astimezone(dt.UTC))
    msg["Message-ID"] = message_id(envelope, site)
    msg["List-Id"] = f"{site.title} <news.{site.host}>" if site.title.isascii() else f"<news.{site.host}>"
    msg["List-Unsubscribe"] = f"<{to.unsubscribe_url}>, <{to.unsubscribe_mailto}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["X-Newsfeed-Delivery"] = str(envelope.delivery_id)
    msg.attach(_text_part(_address(text, to, html=False), "plain"))
    msg.attach(_text_part(_address(html, to, html=True), "html"))
    return msg


def _text_part(body: str, subtype: str) -> MIMENonMultipart:
    """A UTF-8 text part, base64-encoded by the C encoder (the email package's own encoder is a
    Python loop that costs more than everything else in a digest)."""
    piece = MIMENonMultipart("text", subtype, charset="utf-8")
    piece["Content-Transfer-Encoding"] = "base64"
    piece.set_payload(base64.encodebytes(body.encode("utf-8")).decode("ascii"))
    return piece


def part(message: Message, subtype: str) -> str | None:
    """The decoded text of a message's text/<subtype> part."""
    for piece in message.walk():
        if piece.get_content_type() == f"text/{subtype}":
            payload = piece.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(piece.get_content_charset() or "utf-8")
    return None


def compose_digest(digest: Digest, *, site: Site, to: Recipient, envelope: Envelope) -> Message:
    count = len(digest.items)
    parts = []
    if count:
        parts.append(f"{count} new" if count != 1 else "1 new item")
    if digest.upcoming:
        parts.append(f"{len(digest.upcoming)} upcoming")
    subject = f"{site.title}: {', '.join(parts)} ({digest.period_label})"
    return _multipart("digest", subject, site, to, envelope, digest=digest)


def compose_reminder(reminder: Reminder, *, site: Site, to: Recipient, envelope: Envelope) -> Message:
    days = (
        "today" if reminder.days == 0 else ("in 1 day" if reminder.days == 1 else f"in {reminder.days} days")
    )
    subject = f"Reminder: {reminder.event.label} {days} — {reminder.event.title}"
    return _multipart("reminder", subject, site, to, envelope, reminder=reminder, days=days)


def compose_confirmation(
    *, confirm_url: str, already: bool, site: Site, to: Recipient, envelope: Envelope
) -> Message:
    subject = (
        f"Your subscription to {site.title}" if already else f"Confirm your subscription to {site.title}"
    )
    return _multipart("confirm", subject, site, to, envelope, confirm_url=confirm_url, already=already)
