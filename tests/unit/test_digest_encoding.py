"""A digest's shared part is base64-encoded once and only each subscriber's footer per message:
the bytes sent are exactly those of encoding the whole personalised message."""

from __future__ import annotations

import base64
import email
import email.policy
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfeed.render.messages import (
    _EMAIL,
    _PREFERENCES,
    _UNSUBSCRIBE,
    Email,
    Recipient,
    _base64_lines,
    _personal,
)

MARKERS = [_EMAIL, _UNSUBSCRIBE, _PREFERENCES]
# text with multi-byte characters, so that the cut can fall inside one
PIECES = st.text(alphabet=st.sampled_from("abc xyz\n<>&é—日本🙂"), max_size=300)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.tuples(PIECES, st.sampled_from([*MARKERS, ""])), min_size=1, max_size=6),
    address=st.emails() | st.just("ünï@exämple.org"),
    token=st.text(alphabet=st.sampled_from("abcXYZ019-_&<\"'"), min_size=1, max_size=40),
    html=st.booleans(),
)
def test_personal_parts_equal_encoding_the_whole(
    pieces: list[tuple[str, str]], address: str, token: str, html: bool
) -> None:
    rendered = "".join(text + marker for text, marker in pieces)
    to = Recipient(
        email=address,
        timezone="UTC",
        unsubscribe_url=f"https://news.example.org/unsubscribe/{token}",
        unsubscribe_mailto="mailto:news@example.org",
        preferences_url=f"https://news.example.org/preferences/{token}",
    )
    quote = escape if html else str
    expected = (
        rendered.replace(_EMAIL, quote(to.email))
        .replace(_UNSUBSCRIBE, quote(to.unsubscribe_url))
        .replace(_PREFERENCES, quote(to.preferences_url))
    )
    text, lines = _personal(rendered, to, html=html)
    assert text == expected
    whole = expected.encode("utf-8")
    assert lines == (_base64_lines(whole) if whole else b"")
    assert base64.b64decode(lines.replace(b"\r\n", b"")) == whole
    assert all(len(line) <= 76 for line in lines.split(b"\r\n"))


def test_a_composed_message_parses_back_to_its_parts() -> None:
    import datetime as dt

    from newsfeed.render.messages import Digest, Envelope, Site, compose_digest

    site = Site(
        title="Lab", base_url="https://news.example.org", host="news.example.org", sender="n@example.org"
    )
    to = Recipient(
        "reader@example.org", "Europe/Vienna", "https://x/u/tok", "mailto:n@example.org", "https://x/p/tok"
    )
    sent = compose_digest(
        Digest(period_label="week 6, 2025"),
        site=site,
        to=to,
        envelope=Envelope(delivery_id=7, kind="digest", now=dt.datetime(2025, 2, 3, tzinfo=dt.UTC)),
    )
    plain = Email(sent.sender, sent.recipient, sent.headers, sent.text, sent.html, sent.boundary)
    assert sent.as_bytes() == plain.as_bytes()  # pre-encoded parts or not: the same bytes
    parsed = email.message_from_bytes(sent.as_bytes(), policy=email.policy.default)
    plain_part, html_part = parsed.get_body(("plain",)), parsed.get_body(("html",))
    assert plain_part is not None and html_part is not None
    assert plain_part.get_content().replace("\r\n", "\n") == sent.text.replace("\r\n", "\n")
    assert "https://x/u/tok" in html_part.get_content()
