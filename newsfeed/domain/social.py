"""A news item as a post on Bluesky or Mastodon: the text people read, cut to the network's limit.

What a post says, in this order: the title, then the date as written and the venue, then the
link to the item's page, then the item's tags as hashtags. It must fit the network's limit:

- **Bluesky** counts graphemes (300 in a post); the link is a *facet* over the URL's UTF-8 bytes,
  each hashtag a tag facet, and the post carries an external embed (a card with the item's title
  and a description), as the Bluesky app writes them
  (https://docs.bsky.app/docs/advanced-guides/posts#mentions-and-links);
- **Mastodon** counts characters as graphemes too, and every URL as 23 whatever its length
  (https://docs.joinmastodon.org/user/posting/#text); the limit is the instance's
  ``configuration.statuses.max_characters`` (500 unless the instance says otherwise).

When it does not fit, hashtags go first (from the last), then the title is cut at a word with an
ellipsis (then the date and venue, should they alone be longer than a post), never inside a
grapheme (an emoji with its modifiers, a letter with its combining marks): grapheme clusters
are those of Unicode's UAX #29, as the ``regex`` module's ``\\X`` finds them. The link is never
cut.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import regex

BLUESKY_GRAPHEMES = 300
MASTODON_CHARACTERS = 500
MASTODON_URL_WEIGHT = 23  # every URL counts as this many characters on Mastodon
NETWORKS = ("bluesky", "mastodon")
DEFAULT_KINDS = ("acceptance", "award", "talk", "organizing", "preprint")
ELLIPSIS = "…"
_GRAPHEME = regex.compile(r"\X")
_HASHTAG_CHARS = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class PostSource:
    """What a post is made from: the item as the public page shows it."""

    title: str
    date_text: str  # the date as written ("05/2024", "1 Feb 2025, 11.59pm AoE")
    venue: str | None
    url: str  # the item's page
    tags: tuple[str, ...]
    description: str  # for Bluesky's link card
    language: str


@dataclass(frozen=True)
class Facet:
    """A span of the text by UTF-8 byte offsets (Bluesky's rich text), a link or a hashtag."""

    start: int
    end: int
    link: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class Post:
    text: str
    facets: tuple[Facet, ...]
    card_title: str
    card_description: str
    card_url: str
    language: str

    @property
    def digest(self) -> str:
        """What the remote shows, as a hash: a change to it is an edit to make."""
        return hashlib.sha256(self.text.encode()).hexdigest()


def graphemes(text: str) -> list[str]:
    found: list[str] = _GRAPHEME.findall(text)
    return found


def hashtag(tag: str) -> str:
    """A tag as a hashtag: letters and digits only ("machine-learning" -> "#machinelearning")."""
    word = _HASHTAG_CHARS.sub("", tag)
    return f"#{word}" if word and not word.isdigit() else ""


def cut(text: str, most: int) -> str:
    """``text`` in at most ``most`` graphemes: whole if it fits, else cut at a word (or, with no
    space in reach, at a grapheme) with an ellipsis."""
    parts = graphemes(text)
    if len(parts) <= most:
        return text
    if most <= 0:
        return ""
    kept = parts[: most - 1]
    spaces = [i for i, g in enumerate(kept) if g.isspace()]
    if spaces and spaces[-1] >= len(kept) // 2:
        kept = kept[: spaces[-1]]
    return "".join(kept).rstrip(" ,;:.-–—") + ELLIPSIS


def compose(source: PostSource, network: str, *, limit: int | None = None) -> Post:
    """The post for ``network`` (``bluesky`` or ``mastodon``), within ``limit`` (the network's
    default when None)."""
    if network not in NETWORKS:
        raise ValueError(f"unknown network {network!r}")
    most = limit or (BLUESKY_GRAPHEMES if network == "bluesky" else MASTODON_CHARACTERS)
    url_weight = MASTODON_URL_WEIGHT if network == "mastodon" else len(graphemes(source.url))
    details = " · ".join(part for part in (source.date_text.strip(), (source.venue or "").strip()) if part)
    title = " ".join(source.title.split())
    tags = [t for t in (hashtag(tag) for tag in source.tags) if t]

    def build(title_text: str, tag_list: list[str]) -> tuple[str, str]:
        head = "".join(f"{line}\n" for line in (title_text, details) if line)
        return head, head + source.url + (("\n" + " ".join(tag_list)) if tag_list else "")

    def length(title_text: str, tag_list: list[str]) -> int:
        return len(graphemes(build(title_text, tag_list)[1])) - len(graphemes(source.url)) + url_weight

    while tags and length(title, tags) > most:
        tags.pop()
    if length(title, tags) > most:
        title = cut(title, max(most - length("", tags) - 1, 1))  # the title's line break stays
    if length(title, tags) > most:  # the date and venue alone are too long: they are cut too
        over = length(title, tags) - most
        details = cut(details, max(len(graphemes(details)) - over, 1))
    head, text = build(title, tags)
    facets: list[Facet] = []
    if network == "bluesky":
        start = len(head.encode())
        facets.append(Facet(start, start + len(source.url.encode()), link=source.url))
        offset = len((head + source.url + "\n").encode())
        for tag in tags:
            facets.append(Facet(offset, offset + len(tag.encode()), tag=tag[1:]))
            offset += len(tag.encode()) + 1
    return Post(
        text=text,
        facets=tuple(facets),
        card_title=cut(title, 300),
        card_description=cut(" ".join(source.description.split()), 300),
        card_url=source.url,
        language=source.language,
    )


def record_key(post_id: int, created_micros: int) -> str:
    """A Bluesky record key for the post of outbox row ``post_id``: a TID (base32-sortable,
    13 characters, https://atproto.com/specs/tid) made from the row's creation time and its id,
    so that a repeated create after a crash names the same record and the PDS refuses it rather
    than posting twice."""
    alphabet = "234567abcdefghijklmnopqrstuvwxyz"
    # rows planned together share a creation time: their ids set them apart
    value = (((created_micros + post_id) & ((1 << 53) - 1)) << 10) | (post_id & 0x3FF)
    out = []
    for _ in range(13):
        out.append(alphabet[value & 31])
        value >>= 5
    return "".join(reversed(out))
