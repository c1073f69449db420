"""What a valid link of an item is: one rule for the admin form, the importers and the services (pure).

A link is an absolute ``http``/``https`` URL with a host, or a ``mailto:`` address; at most
:data:`MAX_HREF` characters, with no spaces or control characters. Relative links are refused:
an item's links travel in feeds and emails, where they would point nowhere.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_HREF = 2000
LINK_RELS = ("url", "doi", "arxiv", "slides", "video", "code", "paper", "poster")

_BAD_CHARS = re.compile(r"[\s\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class InvalidLink(ValueError):
    """A link that cannot be published; the message says why."""


def check_href(href: str) -> str:
    """The link itself when it is valid, otherwise :class:`InvalidLink` with the reason."""
    if len(href) > MAX_HREF:
        raise InvalidLink(f"a link of {len(href):,} characters is longer than {MAX_HREF:,}")
    shown = href if len(href) <= 80 else href[:77] + "…"
    if not href:
        raise InvalidLink("an empty link")
    if _BAD_CHARS.search(href):
        raise InvalidLink(f"{shown!r} contains a space or a control character")
    low = href.lower()
    if low.startswith("mailto:"):
        if "@" not in href:
            raise InvalidLink(f"{shown!r} is not an email address")
        return href
    if not low.startswith(("http://", "https://")):
        raise InvalidLink(f"{shown!r} is not an http(s) link")
    try:
        parts = urlsplit(href)
    except ValueError:
        raise InvalidLink(f"{shown!r} is not a valid URL") from None
    if not parts.hostname:
        raise InvalidLink(f"{shown!r} has no host")
    return href


def is_valid_href(href: str) -> bool:
    try:
        check_href(href)
    except InvalidLink:
        return False
    return True


def check_rel(rel: str) -> str:
    if rel not in LINK_RELS:
        raise InvalidLink(f"{rel!r} is not a kind of link (one of {', '.join(LINK_RELS)})")
    return rel
