"""What an email address is: one mailbox, checked by email-validator (pure, no DNS lookups).

Refused: display names ("Ada <ada@x.org>"), lists ("a,b@x.org"), groups ("g:a,b@x.org;"),
routes, quoted local parts, IP literals, control characters, anything over 254 characters. Kept:
internationalised addresses. The domain of ``uni@exämple.org`` is sent as punycode
(``uni@xn--exmple-cua.org``), so no server needs to know about it; an address whose part before
the @ is not ASCII (``ünï@exämple.org``) can only be delivered by a server that offers SMTPUTF8
(RFC 6531), and :attr:`Address.ascii` is None for it.

Addresses are compared without case: nobody expects Ada@X.org and ada@x.org to be two accounts.
"""

from __future__ import annotations

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

MAX_LENGTH = 254


class InvalidAddress(ValueError):
    """Not one deliverable mailbox; the message says why."""


@dataclass(frozen=True, slots=True)
class Address:
    normalized: str  # what is stored and compared: Unicode (NFC), lower case
    ascii: str | None  # what an SMTP server without SMTPUTF8 accepts, when there is such a form

    @property
    def needs_smtputf8(self) -> bool:
        return self.ascii is None


def check_address(text: str) -> Address:
    """The address ``text`` names, normalised, or :class:`InvalidAddress`."""
    if not isinstance(text, str):
        raise InvalidAddress("an email address must be text")
    candidate = text.strip()
    shown = candidate if len(candidate) <= 80 else candidate[:77] + "…"
    if not candidate:
        raise InvalidAddress("an email address is required")
    if len(candidate) > MAX_LENGTH:
        raise InvalidAddress(f"{shown!r} is longer than {MAX_LENGTH} characters")
    try:
        valid = validate_email(
            candidate,
            check_deliverability=False,
            allow_smtputf8=True,
            allow_display_name=False,
            allow_quoted_local=False,
            allow_domain_literal=False,
        )
    except EmailNotValidError as exc:
        raise InvalidAddress(f"{shown!r} is not an email address: {exc}") from None
    normalized = valid.normalized.lower()
    ascii_form = valid.ascii_email.lower() if valid.ascii_email else None
    return Address(normalized=normalized, ascii=ascii_form)


def problem(text: str) -> str | None:
    """Why ``text`` is not a valid address, or None."""
    try:
        check_address(text)
    except InvalidAddress as exc:
        return str(exc)
    return None
