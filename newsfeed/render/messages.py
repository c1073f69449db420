"""Email composition: values in, an :class:`Email` out (pure: no Flask, no database, no clock).

Every message carries Date, a deterministic Message-ID derived from its delivery, List-Id,
List-Unsubscribe (https and mailto) with List-Unsubscribe-Post (RFC 8058 one-click), and a link to
change preferences. Digests and reminders are multipart: plain text and HTML from templates.
"""

from __future__ import annotations

import binascii
import datetime as dt
import functools
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.header import Header, decode_header, make_header
from email.utils import format_datetime, formataddr
from functools import lru_cache
from html import escape
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsfeed.domain.dates import FuzzyDate, UnknownZone, instant_text, zone_of

from .safe_html import markdown_html, summary, text_cache

TEMPLATES = Path(__file__).parent.parent / "templates" / "email"


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
    body: str  # an excerpt of its text, plain
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
    more_items: int = 0  # new items beyond those listed ("and 120 more", linking items_url)
    more_upcoming: int = 0
    items_url: str = ""
    upcoming_url: str = ""

    @property
    def empty(self) -> bool:
        return not self.items and not self.upcoming

    def __hash__(self) -> int:
        """Hashed once: one digest is the render cache's key for every subscriber who gets it."""
        cached: int | None = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.period_label, self.items, self.upcoming, self.more_items, self.more_upcoming))
            object.__setattr__(self, "_hash", cached)
        return cached


@dataclass(frozen=True)
class Reminder:
    days: int
    event: UpcomingEvent

    @property
    def when_text(self) -> str:
        return "today" if self.days == 0 else ("in 1 day" if self.days == 1 else f"in {self.days} days")


@dataclass(frozen=True)
class ProposedNews:
    """One proposal in an account's email: what would be posted, for whom, and where to decide."""

    title: str
    event: str  # preprint | acceptance
    person: str
    posted: str
    link: str | None
    decide_url: str


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


_SUMMARIES = text_cache(4_000_000)


def _summary(source: str) -> str:
    cached = _SUMMARIES.get(source)
    if cached is None:
        cached = summary(source, 400)
        _SUMMARIES.put(source, cached)
    return cached


def in_zone(when: FuzzyDate, zone: str) -> str:
    """ "1 Feb 2025, 23:59 AoE — 2 Feb 2025, 20:59 JST": as written, then in the reader's zone,
    in the one style every channel shows an instant in (:func:`instant_text`)."""
    shown = when.display()
    if when.instant is None or when.tz == zone:
        return shown
    try:
        local = when.instant.astimezone(zone_of(zone))
    except UnknownZone:
        return shown
    abbreviation = local.strftime("%Z") or zone
    if abbreviation.startswith(("+", "-")):
        abbreviation = f"UTC{abbreviation}"
    return f"{shown} — {instant_text(when.instant, local.tzinfo, abbreviation)}"


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


_BASE64_LINE = 57  # bytes per line of 76 base64 characters


@dataclass(frozen=True)
class _Split:
    """A rendered part cut before its first personal marker, at a whole number of base64 lines:
    the head is the same for every subscriber and is encoded once; only the tail (the footer with
    their links) is personalised and encoded per message."""

    head: bytes
    head_lines: bytes
    tail: bytes


@lru_cache(maxsize=512)
def _split(rendered: str) -> _Split:
    data = rendered.encode("utf-8")
    first = min(
        (i for i in (data.find(m.encode()) for m in (_EMAIL, _UNSUBSCRIBE, _PREFERENCES)) if i >= 0),
        default=len(data),
    )
    cut = first - first % _BASE64_LINE
    head = data[:cut]
    return _Split(head, _base64_lines(head) if head else b"", data[cut:])


def _personal(rendered: str, to: Recipient, *, html: bool) -> tuple[str, bytes]:
    """The part for this recipient, as text and as base64 lines (the shared head encoded once)."""
    split = _split(rendered)
    quote = escape if html else str
    tail = (
        split.tail.replace(_EMAIL.encode(), quote(to.email).encode("utf-8"))
        .replace(_UNSUBSCRIBE.encode(), quote(to.unsubscribe_url).encode("utf-8"))
        .replace(_PREFERENCES.encode(), quote(to.preferences_url).encode("utf-8"))
    )
    whole = split.head + tail
    return whole.decode("utf-8"), split.head_lines + (_base64_lines(tail) if tail else b"")


@dataclass(frozen=True)
class Email:
    """One message ready to send: the envelope (sender, recipient), its headers, its text and HTML.

    ``as_bytes()`` writes it as a ``multipart/alternative`` message (RFC 5322 and 2045–2049) with
    each part base64-encoded by the C encoder: the email package's generator is a Python loop that
    costs more than everything else in a digest. The recipient is as the server must get it: ASCII
    (an internationalised domain in punycode) whenever possible; otherwise the message needs a
    server that offers SMTPUTF8 (``needs_smtputf8``), and its To header is written in UTF-8.
    """

    sender: str
    recipient: str
    headers: tuple[tuple[str, str], ...]
    text: str
    html: str
    boundary: str
    # the two parts already in base64 lines (the text and HTML above, encoded), when known
    encoded: tuple[bytes, bytes] | None = field(default=None, compare=False, repr=False)

    @property
    def needs_smtputf8(self) -> bool:
        return not self.recipient.isascii()

    def __getitem__(self, name: str) -> str | None:
        """A header's value, decoded ("Subject" gives the subject as a person reads it)."""
        low = name.lower()
        for key, value in self.headers:
            if key.lower() == low:
                return str(make_header(decode_header(value)))
        return None

    def part(self, subtype: str) -> str:
        return self.text if subtype == "plain" else self.html

    def as_bytes(self) -> bytes:
        return self.data

    @functools.cached_property
    def data(self) -> bytes:
        """The message as sent (written once)."""
        lines = [_header(name, value) for name, value in self.headers]
        lines += ["MIME-Version: 1.0", f'Content-Type: multipart/alternative; boundary="{self.boundary}"', ""]
        head = "\r\n".join(lines).encode("utf-8")
        out = [head, b"\r\n"]
        encoded = self.encoded or (
            _base64_lines(self.text.encode("utf-8")),
            _base64_lines(self.html.encode("utf-8")),
        )
        for subtype, body in zip(("plain", "html"), encoded, strict=True):
            out.append(
                f'--{self.boundary}\r\nContent-Type: text/{subtype}; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: base64\r\n\r\n".encode("ascii")
            )
            out.append(body)
        out.append(f"--{self.boundary}--\r\n".encode("ascii"))
        return b"".join(out)

    def readable(self) -> str:
        """The headers and the plain text, decoded, as a person would read them (the console)."""
        shown = [f"{name}: {self[name]}" for name, _ in self.headers]
        return "\n".join([*shown, "", self.text])


_LINE_76 = re.compile(rb".{1,76}", re.DOTALL)


def _base64_lines(data: bytes) -> bytes:
    """Base64 in lines of 76 characters ending in CRLF (RFC 2045 6.8): encoded in one C call and
    cut into lines by the regex engine (twice as fast as slicing in a Python loop)."""
    encoded = binascii.b2a_base64(data, newline=False)
    return b"\r\n".join(_LINE_76.findall(encoded)) + b"\r\n"


@functools.lru_cache(maxsize=16)
def _from_header(title: str, sender: str) -> str:
    return formataddr((title, sender), charset="utf-8")


def _header(name: str, value: str) -> str:
    """ "Name: value", folded at spaces so that lines stay within 78 characters where they can
    (RFC 5322 2.2.3; encoded subjects come folded already)."""
    line = f"{name}: {value}"
    if len(line) <= 78 or "\r\n" in value:
        return line
    out: list[str] = []
    current = f"{name}:"
    for word in value.split(" "):
        if current and len(current) + 1 + len(word) > 78 and current != f"{name}:":
            out.append(current)
            current = ""
        current = f"{current} {word}"
    out.append(current)
    return "\r\n".join(out)


def _multipart(
    template: str, subject: str, site: Site, to: Recipient, envelope: Envelope, *, listed: bool = True,
    **ctx: object,
) -> Email:  # fmt: skip
    """``listed``: a message of the news list (List-Id, one-click unsubscribe); an account's own
    message (the proposals email) is not."""
    text, html = _render(template, to.timezone, site, tuple(sorted({"subject": subject, **ctx}.items())))
    headers: tuple[tuple[str, str], ...] = (
        ("Subject", Header(subject, "utf-8").encode(linesep="\r\n") if not subject.isascii() else subject),
        ("From", _from_header(site.title, site.sender)),
        ("To", to.email),
        ("Date", format_datetime(envelope.now.astimezone(dt.UTC))),
        ("Message-ID", message_id(envelope, site)),
    )
    if listed:
        headers += (
            (
                "List-Id",
                f"{site.title} <news.{site.host}>" if site.title.isascii() else f"<news.{site.host}>",
            ),
            ("List-Unsubscribe", f"<{to.unsubscribe_url}>, <{to.unsubscribe_mailto}>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        )
    headers += (("X-Newsfeed-Delivery", str(envelope.delivery_id)),)
    text, text_lines = _personal(text, to, html=False)
    html, html_lines = _personal(html, to, html=True)
    return Email(
        sender=site.sender,
        recipient=to.email,
        headers=headers,
        text=text,
        html=html,
        boundary=f"=_newsfeed_{envelope.delivery_id}_{secrets.token_hex(8)}",
        encoded=(text_lines, html_lines),
    )


def compose_digest(digest: Digest, *, site: Site, to: Recipient, envelope: Envelope) -> Email:
    count = len(digest.items) + digest.more_items
    parts = []
    if count:
        parts.append(f"{count} new" if count != 1 else "1 new item")
    if digest.upcoming:
        parts.append(f"{len(digest.upcoming) + digest.more_upcoming} upcoming")
    subject = f"{site.title}: {', '.join(parts)} ({digest.period_label})"
    return _multipart("digest", subject, site, to, envelope, digest=digest)


def compose_reminder(
    reminders: Sequence[Reminder],
    *,
    site: Site,
    to: Recipient,
    envelope: Envelope,
    more: int = 0,
    more_url: str = "",
) -> Email:
    """One email for every reminder due for a subscriber at once (soonest first), and how many
    more there are beyond those listed."""
    first = reminders[0]
    if len(reminders) == 1 and not more:
        subject = f"Reminder: {first.event.label} {first.when_text} — {first.event.title}"
    else:
        subject = (
            f"Reminders: {len(reminders) + more} dates coming up — "
            f"{first.event.label} {first.when_text}, {first.event.title}"
        )
    return _multipart(
        "reminder", subject, site, to, envelope, reminders=tuple(reminders), more=more, more_url=more_url
    )


def compose_confirmation(
    *, confirm_url: str, already: bool, site: Site, to: Recipient, envelope: Envelope
) -> Email:
    subject = (
        f"Your subscription to {site.title}" if already else f"Confirm your subscription to {site.title}"
    )
    return _multipart("confirm", subject, site, to, envelope, confirm_url=confirm_url, already=already)


PROPOSALS_SHOWN = 20  # an email lists this many; the page has them all


def compose_proposals(
    proposed: Sequence[ProposedNews], *, page_url: str, site: Site, to: Recipient, envelope: Envelope
) -> Email:
    """The day's email to an account: the news proposed from papers, each with a link to approve
    or dismiss it on the admin page (signed in)."""
    count = len(proposed)
    subject = (
        f"{site.title}: {count} news proposed from papers"
        if count != 1
        else (f"{site.title}: news proposed from a paper")
    )
    shown = tuple(proposed[:PROPOSALS_SHOWN])
    return _multipart(
        "proposals", subject, site, to, envelope, listed=False, proposed=shown,
        more=count - len(shown), page_url=page_url,
    )  # fmt: skip
