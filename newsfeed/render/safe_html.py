"""User text to safe output: Markdown with raw HTML off, then an allow-list sanitiser (pure).

Everything a person typed goes through here before it is shown as HTML: pages, feeds, emails.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

from newsfeed.domain.lru import LRU

# Characters XML 1.0 forbids (all C0 controls but tab, newline, carriage return; lone surrogates;
# U+FFFE/U+FFFF). Feeds with them are not well-formed, so they are removed from every string.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr", "i", "li",
    "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 cannot carry."""
    return _XML_INVALID.sub("", text)


def sanitize(html: str) -> str:
    """HTML reduced to an allow-list: no scripts, handlers, styles or javascript: links."""
    return nh3.clean(
        xml_safe(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def text_cache(max_bytes: int, max_item: int = 64_000) -> LRU[str, str]:
    """A cache of texts bounded in bytes (of keys and values), not in entries: large inputs are
    never kept, so any number of large previews cannot grow the process."""
    return LRU(cost=lambda key, value: len(key) + len(value), max_cost=max_bytes, max_item=max_item)


_RENDERED = text_cache(8_000_000)


def markdown_html(source: str) -> str:
    """Markdown (raw HTML shown as text, not obeyed) to sanitised HTML. Small texts (what items
    are) are kept in a cache bounded to a few megabytes."""
    cached = _RENDERED.get(source)
    if cached is not None:
        return cached
    rendered = sanitize(_markdown().render(xml_safe(source)))
    _RENDERED.put(source, rendered)
    return rendered


def plain_text(source: str) -> str:
    """The text of Markdown without markup, for summaries and plain-text email."""
    html = _markdown().render(xml_safe(source))
    text = nh3.clean(html, tags=set())
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    return " ".join(text.split())


def summary(source: str, limit: int = 280) -> str:
    text = plain_text(source)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def text_only(text: str) -> str:
    """Text with any markup removed (script and style contents included), for plain-text
    channels that a careless client might still render: calendar summaries and descriptions."""
    return html.unescape(nh3.clean(xml_safe(text), tags=set()))
